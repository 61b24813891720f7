// § 19d Abs. 1 and Abs. 1a AufenthG – qualified tolerated persons (spec/09-19d.md 9.4, 9.5).

extension Context {
    func evaluate19d1() -> Sheet {
        var s = sheet(.soll)
        caveats(&s)
        guard inForce(&s, Law.p19d) != nil else { return s }
        // Geduldet, or (Abs. 4) an Abschnitt-5 title after a rejected asylum application.
        let geduldet: Bool? = {
            switch statusOnDecision {
            case .known(let p):
                if p.kind.isDuldung { return true }
                guard p.kind == .aufenthaltserlaubnis, let basis = p.basis else { return false }
                let abschnitt5 = ["22", "23", "23a", "24", "25", "25-1", "25-2", "25-3", "25-4", "25-5", "25a", "25b", "26", "104c"].contains(basis)
                return abschnitt5 ? person.asylum?.decision.map { $0 == .rejected } : false
            case .unrecorded: return nil
            case .beforeHistory: return false
            }
        }()
        s.require("19d_geduldet", geduldet, fact: "status", .remediable)
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
            return trainings.contains { t in
                t.kind == .qualified && t.passedOn.happened(by: decision) == true
                    && periods.contains { p in t.from <= (p.to ?? .distantFuture) && (t.plannedEnd ?? .distantFuture) >= p.from }
            }
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
        let job = anyOf(person.employment.map { $0.contains { $0.covers(decision) && $0.matchesQualification == true } }, person.matchingJobOffer)
        s.require("19d_matching_job", job, fact: "employment", .remediable)
        genLuSecured(&s, waivable: false)
        genIdentity(&s, waivable: false)
        genPassport(&s, waivable: false)
        genNoExpulsionInterest(&s, waivable: false)
        genAbs4Bar(&s)
        genNoEntryBan(&s, abschnitt5: false)
    }

    /// Nr. 1: (a) German qualification, (b) recognised foreign degree + 2 years, (c) 3 years of qualified work.
    private func qualification19d(_ s: inout Sheet) {
        let id = "19d_qualification"
        let german = anyOf(
            person.degrees.map { $0.contains { $0.country == "DEU" && [.vocational, .careAssistant, .university].contains($0.kind) && $0.on <= decision } },
            person.training.map { $0.contains { $0.kind == .qualified && $0.passedOn.happened(by: decision) == true } })
        if german == true { s.met(id); return }
        guard let jobs = person.employment else { s.unknown(id, ["employment"]); return }
        // The continuous chain (K5) of qualified employment covering the application.
        var start: Day? = nil
        if let idx = jobs.lastIndex(where: { $0.covers(application) && $0.qualified == true }) {
            var st = jobs[idx].from, i = idx - 1
            while i >= 0, let end = jobs[i].to, end.adding(days: 1) == st, jobs[i].qualified == true { st = jobs[i].from; i -= 1 }
            start = st
        }
        let foreignDegree = person.degrees.map { $0.contains { $0.kind == .university && $0.country != "DEU" && $0.recognised == true } }
        var best: (Bool, Day?) = (false, nil)
        if let st = start {
            if foreignDegree == true {
                let due = st.adding(years: 2)
                best = due <= application ? (true, nil) : (false, due)
            }
            if !best.0 {
                let due = st.adding(years: 3)
                let noFunds: Bool? = {
                    guard let lu = person.livelihood else { return nil }
                    var d = application.adding(months: -12)
                    while d < application {
                        guard let p = lu.last(where: { $0.covers(d) }) else { return false }
                        if p.publicFunds == true && p.publicFundsHousingOnly != true { return false }
                        if p.publicFunds == nil { return nil }
                        d = (p.to ?? application).adding(days: 1)
                    }
                    return true
                }()
                if due <= application && noFunds == true { best = (true, nil) }
                else if due > application && noFunds != false { best = (false, min(best.1 ?? due, due)) }
                else if noFunds == nil && german == nil { s.unknown(id, ["livelihood"]); return }
            }
        }
        if best.0 { s.met(id); return }
        let ongoing = jobs.contains { $0.covers(decision) && $0.to == nil && $0.qualified == true }
        if let due = best.1, ongoing { s.fail(id, .time, metFrom: due); return }
        if german == nil { s.unknown(id, ["degrees"]); return }
        s.fail(id, .remediable)
    }
}
