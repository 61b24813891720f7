// § 19d Abs. 1 and Abs. 1a AufenthG – qualified tolerated persons (spec/09-19d.md 9.4, 9.5).

extension Context {
    func evaluate19d1() -> Sheet {
        var s = sheet(.soll)
        caveats(&s)
        guard inForce(&s, Law.p19d) != nil else { return s }
        // Geduldet, or (Abs. 4) an Abschnitt-5 title after a rejected asylum application. Which fact is missing is
        // named: the status, or the asylum application (never applied: no rejected one – QA of 05.12.2026).
        var geduldetFact = "status"
        let geduldet: Bool? = {
            switch statusOnDecision {
            case .known(let p):
                if p.kind.isDuldung { return true }
                guard p.kind == .aufenthaltserlaubnis, let basis = p.basis else { return false }
                let abschnitt5 = ["22", "23", "23a", "24", "25", "25-1", "25-2", "25-3", "25-4", "25-5", "25a", "25b", "26", "104c"].contains(basis)
                guard abschnitt5 else { return false }
                guard let asylum = person.asylum else { geduldetFact = "asylum"; return nil }
                if case .never = asylum.appliedOn { return false }
                geduldetFact = "asylum.decision"
                return asylum.decision.map { $0 == .rejected }
            case .unrecorded: return nil
            case .beforeHistory: return false
            }
        }()
        s.require("19d_geduldet", geduldet, fact: geduldetFact, .remediable)
        qualification19d(&s)
        shared19d(&s)
        let c = person.conduct
        let deception = c.map { allOf($0.pastDeception.map { !$0 }, $0.currentObstruction.map { !$0.contains(.deception) && !$0.contains(.falseStatements) }) } ?? nil
        s.require("19d_no_deception_of_authority", deception, fact: "conduct", .permanent)
        let obstruction = c.map { allOf($0.pastObstruction.map { !$0 }, $0.currentObstruction.map { $0.isEmpty }) } ?? nil
        s.require("19d_no_obstruction", obstruction, fact: "conduct", .permanent)
        genNo10_3S2Bar(&s)
        genVisaEntry(&s, waivable: true)
        return s
    }

    func evaluate19d1a() -> Sheet {
        var s = sheet(.anspruch)
        caveats(&s)
        guard inForce(&s, Law.p19d) != nil else { return s }
        // The training done under the Ausbildungsduldung was passed.
        let prereq: Bool? = {
            guard let status = person.status else { return nil }
            let periods = status.filter { $0.kind == .duldung60c }
            guard !periods.isEmpty else { return false }
            guard let trainings = person.training else { return nil }
            // A training whose end has come without a recorded exam is unknown, not failed: an omitted fact is unknown
            // (CASES.md § 1; QA31 L5: § 19d Abs. 1 read the same training as unknown). One still running, or ended early
            // without an exam, was not passed.
            var unknown = false
            for t in trainings where t.kind == .qualified && periods.contains(where: { p in t.from <= (p.to ?? .distantFuture) && (t.plannedEnd ?? .distantFuture) >= p.from }) {
                switch t.passedOn.happened(by: decision) {
                case true?: return true
                case nil: if t.endedEarlyOn.happened(by: decision) != true, (t.plannedEnd ?? .distantPast) <= decision { unknown = true }
                case false?: break
                }
            }
            return unknown ? nil : false
        }()
        s.require("19d1a_prereq", prereq, fact: person.status == nil ? "status" : "training", .remediable)
        shared19d(&s)
        return s
    }

    /// Nr. 2, 3, 6, 7, the matching job and § 5 Abs. 1 (Regel, not waivable) – common to Abs. 1 and 1a.
    private func shared19d(_ s: inout Sheet) {
        s.require("19d_housing", person.housingSufficient, fact: "housing_sufficient", .remediable)
        let b1 = anyOf(person.german.map { $0.contains { $0.scope == .full && $0.level >= .b1 && $0.date <= decision } },
                       allOf(person.hasOral(.b1, by: decision), person.hasWritten(.b1, by: decision)))
        s.require("19d_german_B1", b1, fact: "german", .remediable)
        s.require("19d_no_extremism", person.bars?.extremism.map { !$0 }, fact: "bars.extremism", .remediable)
        crime50_90(&s, "19d_crime_50_90")
        // A job held that matches the qualification (unknown while a current job's match is not recorded), or an offer.
        let holds: Bool? = person.employment.flatMap { jobs -> Bool? in
            let current = jobs.filter { $0.covers(decision) }
            if current.contains(where: { $0.matchesQualification == true }) { return true }
            return current.contains { $0.matchesQualification == nil } ? nil : false
        }
        let job = anyOf(holds, person.matchingJobOffer)
        if job == nil {
            // Each missing fact by its own name (QA of 05.12.2026: "employment" was named where the offer was missing).
            s.unknown("19d_matching_job", (holds == nil ? ["employment"] : []) + (person.matchingJobOffer == nil ? ["matching_job_offer"] : []))
        } else {
            s.require("19d_matching_job", job, fact: "employment", .remediable)
        }
        genLuSecured(&s, waivable: false)
        genIdentity(&s, waivable: false)
        genPassport(&s, waivable: false)
        genNoExpulsionInterest(&s, waivable: false)
        genAbs4Bar(&s)
        genNoEntryBan(&s, abschnitt5: false)
    }

    /// Nr. 1: (a) German qualification, (b) recognised foreign degree + 2 years, (c) 3 years of qualified work.
    /// A missing fact is read both ways (SPEC.md § 8): if the routes decide alike, that is the answer; otherwise the
    /// condition is unknown, naming the missing facts the routes met on the way (QA of 05.12.2026: a foreign degree
    /// without `recognised`, or an omitted training, was read as "no").
    private func qualification19d(_ s: inout Sheet) {
        let id = "19d_qualification"
        var missing: [String] = []
        let hope = qualificationRoutes(assuming: true, missing: &missing)
        // No fact was missing: the other reading is the same evaluation (screening runs this for every person).
        var ignored: [String] = []
        let fear = missing.isEmpty ? hope : qualificationRoutes(assuming: false, missing: &ignored)
        switch (hope, fear) {
        case (.met, .met): s.met(id)
        case (.time(let a), .time(let b)) where a == b: s.fail(id, .time, metFrom: a)
        case (.fail, .fail): s.fail(id, .remediable)
        default: s.unknown(id, missing.isEmpty ? ["degrees"] : missing)
        }
    }

    enum QualificationState { case met, time(Day), fail }

    /// The three routes of Nr. 1 with every missing fact read as `assuming`; the missing facts met are collected.
    private func qualificationRoutes(assuming: Bool, missing: inout [String]) -> QualificationState {
        func note(_ fact: String) { if !missing.contains(fact) { missing.append(fact) } }
        func known(_ value: Bool?, _ fact: String) -> Bool {
            if let value { return value }
            note(fact); return assuming
        }
        // (a) A German qualification.
        let degreeDE: Bool = person.degrees.map { ds in
            ds.contains { $0.country == "DEU" && [.vocational, .careAssistant, .university].contains($0.kind) && $0.on <= decision }
        } ?? known(nil, "degrees")
        let trainingPassed: Bool = person.training.map { ts in
            // A training that has not begun by R_dec cannot have been passed (legal review of 06.12.2026: it was asked for);
            // nor can one that had not begun on the day assessed, on a later day of the date search (SPEC.md § 5: no exam is
            // passed in the search; QA15 A4: it was asked for there and the date became unclear).
            // Nor one broken off before it was passed (QA21 L6).
            ts.contains { t in
                t.kind == .qualified && t.from <= decision && t.from <= evaluation.asOf
                    && (t.endedEarlyOn.happened(by: decision) == true && t.passedOn.day == nil ? false : known(t.passedOn.happened(by: decision), "training"))
            }
        } ?? known(nil, "training")
        if degreeDE || trainingPassed { return .met }
        // The continuous chain (K5) of qualified employment covering the application.
        guard let jobs = person.employment else { return known(nil, "employment") ? .met : .fail }
        // Adjacent or overlapping qualified jobs in any order of the list (QA of 06.12.2026: only list neighbours).
        let qualified = jobs.filter { known($0.qualified, "employment") }
        guard let st = Intervals.runStart(covering: application, qualified.map { ($0.from, $0.to) }) else { return .fail }
        let ongoing = qualified.contains { $0.covers(decision) && $0.to == nil }
        var due: Day? = nil
        // (b) A recognised foreign university degree and 2 years.
        let foreign: Bool = person.degrees.map { ds in
            ds.contains { $0.kind == .university && $0.country != "DEU" && known($0.recognised, "degrees") }
        } ?? known(nil, "degrees")
        if foreign {
            let d = st.adding(years: 2)
            if d <= application { return .met }
            if ongoing { due = d }
        }
        // (c) 3 years, and no public funds (other than for housing) in the 12 months before the application.
        let noFunds: Bool = {
            guard let lu = person.livelihood else { return known(nil, "livelihood") }
            // A day no period records is unknown (CASES.md §1; QA of 06.12.2026: read as funds received).
            var d = application.adding(months: -12), unrecorded = false
            while d < application {
                guard let p = lu.last(where: { $0.covers(d) }) else {
                    unrecorded = true
                    guard let next = lu.filter({ $0.from > d }).map(\.from).min() else { break }
                    d = next
                    continue
                }
                let funds = known(p.publicFunds, "livelihood")
                if funds && !known(p.publicFundsHousingOnly, "livelihood") { return false }
                d = (p.to ?? application).adding(days: 1)
            }
            return unrecorded ? known(nil, "livelihood") : true
        }()
        if noFunds {
            let d = st.adding(years: 3)
            if d <= application { return .met }
            if ongoing { due = min(due ?? d, d) }
        }
        return due.map { .time($0) } ?? .fail
    }
}
