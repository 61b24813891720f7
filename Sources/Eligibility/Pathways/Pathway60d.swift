// § 60d AufenthG – Beschäftigungsduldung (spec/07-60d.md 7.6; earlier version 7.3; U4).

extension Context {
    func evaluate60d() -> Sheet {
        var s = sheet(.regelanspruch)
        caveats(&s)
        guard let versions = inForce(&s, Law.p60d) else { return s }
        var sheets: [Sheet] = []
        for rules in versions {
            var v = s
            conditions60d(&v, rules, skipDuldungMonths: false)
            sheets.append(v)
        }
        if sheets.count == 1 { return sheets[0] }
        // U4: both versions may be in force; they decide alike – in the result and in its consequence: an entitlement
        // under one and discretion under the other is no confident answer (SPEC.md § 2, § 8; QA of 05.12.2026) – or
        // the result is open, with each version's result in a note.
        let states = sheets.map(provisional), consequences = sheets.map(Evaluation.consequence)
        if states.allSatisfy({ sameState($0, states[0]) }), Set(consequences).count == 1 { return sheets[sheets.count - 1] }
        var out = sheets[sheets.count - 1]
        out.unknown("law_in_force", ["U4"], "Ergebnis nach früherer und neuer Fassung verschieden")
        out.forceUnclear = true
        // Every reading fails; one merely open (a fact missing) may be met (QA27 R6).
        out.failsUnderEveryReading = states.allSatisfy {
            switch $0 { case .met, .unknown: return false; default: return true }
        }
        let readings = zip(states, consequences).map { state, consequence -> String in
            switch state {
            case .met: return "erfüllt, " + consequence.german
            case .time(let d): return "erfüllt ab \(d.german), " + consequence.german
            case .remediable: return "nicht erfüllt"
            case .permanent: return "ausgeschlossen"
            case .unknown: return "offen"
            }
        }
        out.note("Nach der früheren Fassung (spec/07-60d.md 7.3): \(readings[0]); nach der Neufassung (7.2): \(readings[readings.count - 1]).",
                 "spec/13-open-questions.md U4; spec/07-60d.md 7.5")
        return out
    }

    private func sameState(_ a: RouteState, _ b: RouteState) -> Bool {
        switch (a, b) {
        case (.met, .met), (.remediable, .remediable), (.permanent, .permanent), (.unknown, .unknown): return true
        case (.time(let x), .time(let y)): return x == y
        default: return false
        }
    }

    /// The spouse or registered partner in the case (the § 60d conditions that also cover them).
    var spouses: [Subject] { household.partners(of: subject.id) }

    /// A spouse or partner may live outside the case: the case does not say how its persons are related (`relations`
    /// omitted; a flat screening row), none is in it, and the person is married, in a registered partnership, or of
    /// unknown marital status. The conditions that cover the spouse are then open for the spouse's facts, not met
    /// for the person alone (CASES.md §§ 1, 5; SPEC.md § 8; QA35 L1: married rows came out § 60d met).
    var spouseOutsideCase: Bool {
        guard !household.data.relationsKnown, !household.data.isSinglePerson, spouses.isEmpty else { return false }
        switch person.maritalStatus {
        case nil, .married?, .registeredPartnership?: return true
        case .single?, .divorced?, .widowed?: return false
        }
    }

    /// The § 60d conditions that hold for the person and for the spouse (spec/07-60d.md 7.6: Abs. 1 Nr. 1, 7, 8, 11
    /// and the entry cut-off).
    static let coupleConditions60d: Set<String> = ["60d_entry_cutoff", "60d_identity_deadline", "60d_no_conviction", "60d_no_extremism", "60d_integration_course"]

    /// Minor unmarried children of the person in the household (§ 60d Abs. 1 Nr. 10).
    var householdChildren: [Subject] {
        household.children(of: subject.id).filter {
            $0.isMinorUnmarried(on: decision) != false && household.liveTogether(subject.id, $0.id) != false
        }
    }

    func conditions60d(_ s: inout Sheet, _ r: Law.Rules60d, skipDuldungMonths: Bool) {
        let couple = [subject] + spouses
        func tag(_ x: Subject, _ fact: String) -> String { x === subject ? fact : "\(x.id)/\(fact)" }

        // Entry cut-off for the person and the spouse.
        var entry: Bool? = true, entryOpen: [String] = []
        for x in couple {
            guard let e = x.person.entered else { entry = entry == false ? false : nil; entryOpen.append(tag(x, "entered")); continue }
            if e > r.entryCutoff { entry = false }
        }
        if entry == nil { s.unknown("60d_entry_cutoff", entryOpen) } else {
            s.require("60d_entry_cutoff", entry, fact: "entered", .permanent)
        }
        if s.settled { return }

        // Identity deadline (Nr. 1), for the person and the spouse; fallback Abs. 4.
        for x in couple {
            // Without the entry the deadline is open; an identity not recorded is asked for too, whatever the deadline (QA39 F2).
            guard let entered = x.person.entered else {
                s.unknown("60d_identity_deadline", [tag(x, "entered")] + (x.person.identity == nil ? [tag(x, "identity")] : [])); continue
            }
            let deadline = identityDeadline60d(r, entered: entered, of: x)
            _ = identityDeadline(&s, id: "60d_identity_deadline", fallback: "60d_identity_discretion", deadline: deadline,
                                 of: x === subject ? nil : x)
        }
        mergeDuplicates(&s, "60d_identity_deadline")
        mergeDiscretion(&s, "60d_identity_discretion")

        // Nr. 2: 12 months of held Duldung before the application.
        if !skipDuldungMonths {
            let v = StatusColumn.duldung60c60d.verdict(timeline, reference: application, length: .months(12))
            chainCondition(&s, "60d_duldung_months_min", v, timeAllowed: isGeduldet(on: decision, includeDuldungsfiktion: false) == true)
        }

        employment60d(&s, r)
        livelihood60d(&s)
        s.require("60d_german_oral_A2", person.hasOral(.a2, by: decision), fact: "german", .remediable)

        // Nr. 7: convictions of the person and the spouse.
        var crime: Crime.Outcome = .met
        for x in couple {
            let o = r.crime == .bzrgForeignersOnly ? Crime.sixtyDRule(x.convictions(by: decision)) : Crime.fiftyNinety(x.convictions(by: decision))
            switch (crime, o) {
            case (_, .fails): crime = .fails
            case (.met, .unknown(let open)): crime = .unknown(open.map { $0.hasPrefix("U") ? $0 : tag(x, $0) })
            case (.unknown(let a), .unknown(let b)): crime = .unknown(a + b.map { $0.hasPrefix("U") ? $0 : tag(x, $0) })
            default: break
            }
        }
        switch crime {
        case .met: s.met("60d_no_conviction")
        case .fails: s.fail("60d_no_conviction", .remediable, "in der Regel ausgeschlossen – atypischer Fall darlegbar")
        case .unknown(let o): s.unknown("60d_no_conviction", o)
        }

        var extremism: Bool? = false, extremismOpen: [String] = []
        for x in couple {
            guard let e = x.person.bars?.extremism else { extremism = extremism == true ? true : nil; extremismOpen.append(tag(x, "bars.extremism")); continue }
            if e { extremism = true }
        }
        if extremism == nil { s.unknown("60d_no_extremism", extremismOpen) } else {
            s.require("60d_no_extremism", extremism.map { !$0 }, fact: "bars.extremism", .remediable)
        }
        s.require("60d_no_expulsion_order", person.bars?.expulsionOrder.map { !$0 }, fact: "bars.expulsion_order", .remediable)

        children60d(&s)

        var course: Bool? = true, courseOpen: [String] = []
        for x in couple {
            let ic = x.person.integrationCourse
            let ok = anyOf(ic?.obliged.map { !$0 }, ic?.completedOn.happened(by: decision), ic?.dropoutNotAtFault)
            if ok == false { course = false } else if ok == nil { if course != false { course = nil }; courseOpen.append(tag(x, "integration_course")) }
        }
        if course == nil { s.unknown("60d_integration_course", courseOpen) } else {
            s.require("60d_integration_course", course, fact: "integration_course", .remediable)
        }
        workBan(&s, "60d_no_60a6", on: [decision])
        if spouseOutsideCase {
            for i in s.conditions.indices where s.conditions[i].state == .met && Self.coupleConditions60d.contains(s.conditions[i].id) {
                s.conditions[i] = ConditionResult(s.conditions[i].id, .unknown, open: ["relations"],
                                                  detail: s.explains ? "für die Person erfüllt; Ehe- oder Lebenspartner:in ist nicht Teil der Prüfung" : nil)
            }
        }
    }

    /// The identity deadline of § 60d Abs. 1 Nr. 1 for a person who entered on `entered`.
    private func identityDeadline60d(_ r: Law.Rules60d, entered: Day, of x: Subject) -> Day {
        switch r.identity {
        case .version2024:
            if entered <= Day("2016-12-31") { return application }
            return application <= Day("2024-12-31") ? application : Day("2024-12-31")
        case .version2021:
            if entered <= Day("2016-12-31") {
                let employedOn2020 = x.person.employment?.contains { $0.covers(Day("2020-01-01")) } ?? false
                return employedOn2020 ? application : Day("2020-06-30")
            }
            return Day("2020-06-30")
        }
    }

    /// Keeps the worst of several results for the same condition (person and spouse).
    /// The fallback used for both spouses is one condition, its detail naming both (QA of 06.12.2026: it was listed
    /// twice, in `conditions` and in `discretion`).
    private func mergeDiscretion(_ s: inout Sheet, _ id: String) {
        let same = s.conditions.indices.filter { s.conditions[$0].id == id }
        guard let first = same.first, same.count > 1 else { return }
        if s.explains { s.conditions[first].detail = same.compactMap { s.conditions[$0].detail }.joined(separator: "; ") }
        for i in same.dropFirst().reversed() { s.conditions.remove(at: i) }
    }

    private func mergeDuplicates(_ s: inout Sheet, _ id: String) {
        let same = s.conditions.enumerated().filter { $0.element.id == id }
        guard same.count > 1 else { return }
        func rank(_ c: ConditionResult) -> Int {
            switch c.state {
            case .failing(.permanent): return 5
            case .failing(.remediable): return 4
            case .unknown: return 3
            case .failing(.time): return 2
            default: return 1
            }
        }
        var worst = same[0].element
        var open: [String] = []
        for (_, c) in same { if rank(c) > rank(worst) { worst = c }; open += c.open }
        if worst.state == .unknown { worst.open = open }
        for (i, _) in same.reversed() { s.conditions.remove(at: i) }
        s.conditions.append(worst)
    }

    /// Nr. 3: 12 (earlier: 18) months of insured employment of at least 20 (35) hours a week, continuous (K5). The
    /// earlier version asks 20 hours of a single parent, a parent of a minor child in the household without a spouse.
    private func employment60d(_ s: inout Sheet, _ r: Law.Rules60d) {
        guard let reduced = r.singleParentHours, spouses.isEmpty else { employment60d(&s, r, hours: r.weeklyHours); return }
        switch hasMinorChildInHousehold() {
        case true?: employment60d(&s, r, hours: reduced)
        case false?: employment60d(&s, r, hours: r.weeklyHours)
        case nil:
            // Whether the person is a single parent is not known: a condition is decided only where both hours give
            // the same answer (legal review of 06.12.2026: an unknown household was read as the child living there).
            var single = sheet(s.consequence), not = sheet(s.consequence)
            employment60d(&single, r, hours: reduced)
            employment60d(&not, r, hours: r.weeklyHours)
            let open = minorChildInHouseholdOpen()
            let paired = single.conditions.map(\.id) == not.conditions.map(\.id)
            for (i, c) in not.conditions.enumerated() {
                let same = paired && single.conditions[i].state == c.state && single.conditions[i].metFrom == c.metFrom
                if same { s.add(c) } else { s.unknown(c.id, open) }
            }
        }
    }

    private func employment60d(_ s: inout Sheet, _ r: Law.Rules60d, hours: Double) {
        guard let jobs = person.employment else {
            s.unknown("60d_employment_months_min", ["employment"]); return
        }
        func qualifies(_ e: EmploymentPeriod) -> Bool? { allOf(e.insured, e.hours.map { $0 >= hours }) }
        // Every job held on the application day, in any order of the list (QA of 06.12.2026: a minijob listed after
        // the full-time job was taken as "the" employment).
        let current = jobs.filter { $0.covers(application) }
        guard !current.isEmpty else {
            s.fail("60d_employment_months_min", .remediable, "keine Beschäftigung bei Antragstellung")
            return
        }
        let known = current.compactMap(\.hours)
        if known.count == current.count, let most = known.max(), most < hours { s.fail("60d_weekly_hours_min", .remediable, "\(ConditionCatalog.germanHours(most)) Std./Woche") }
        else { s.met("60d_weekly_hours_min") }
        // K5: the chain of qualifying jobs, adjacent or overlapping, that covers the application day.
        guard let start = Intervals.runStart(covering: application, jobs.filter { qualifies($0) == true }.map { ($0.from, $0.to) }) else {
            if current.contains(where: { qualifies($0) == nil }) { s.unknown("60d_employment_months_min", ["employment"]) }
            else { s.fail("60d_employment_months_min", .remediable) }
            return
        }
        let due = start.adding(months: r.employmentMonths)
        if due <= application { s.met("60d_employment_months_min") } else {
            let ongoing = jobs.contains { $0.covers(decision) && $0.to == nil && qualifies($0) == true }
            s.fail("60d_employment_months_min", ongoing ? .time : .remediable, metFrom: ongoing ? due : nil)
        }
    }

    /// The person's own share of the need covered by work (own_work_share, or work_share for a person alone).
    private func ownShareCovered(_ p: LivelihoodPeriod) -> Bool? {
        if let own = p.ownWorkShare { return own >= 1 }
        let alone = spouses.isEmpty && household.children(of: subject.id).isEmpty
        guard alone else { return nil }
        return allOf(p.workShare.map { $0 >= 1 }, p.publicFunds.map { !$0 })
    }

    /// Nr. 4 and 5: livelihood secured by the employment in the 12 months before the application, and now.
    private func livelihood60d(_ s: inout Sheet) {
        guard let periods = person.livelihood else {
            s.unknown("60d_lu_last_12_months", ["livelihood"]); s.unknown("60d_lu_current", ["livelihood"]); return
        }
        let fact = spouses.isEmpty && household.children(of: subject.id).isEmpty ? "livelihood" : "livelihood.own_work_share"
        // Walk back from the day before the application over covered, qualifying periods.
        let windowStart = application.adding(months: -12), windowEnd = application.adding(days: -1)
        // A day no period records is unknown, not "not secured" (CASES.md §1; QA of 06.12.2026); a recorded day that
        // is not secured decides anyway, so the walk goes on past unknown days.
        var cursor = windowEnd
        var failed = false, open = false
        while cursor >= windowStart {
            guard let p = periods.last(where: { $0.covers(cursor) }) else {
                open = true
                guard let before = periods.filter({ $0.from <= cursor }).compactMap(\.to).max() else { break }
                cursor = before
                continue
            }
            switch ownShareCovered(p) {
            case false?: failed = true
            case nil: open = true
            case true?: break
            }
            if failed { break }
            cursor = p.from.adding(days: -1)
        }
        let state: Bool? = failed ? false : open ? nil : true
        switch state {
        case true?: s.met("60d_lu_last_12_months")
        case nil: s.unknown("60d_lu_last_12_months", [fact])
        case false?:
            if let c = subject.livelihood(on: decision), c.to == nil, ownShareCovered(c) == true {
                // Time cures it: the qualifying run that continues must reach back 12 months.
                var start = c.from
                while let prev = periods.last(where: { $0.covers(start.adding(days: -1)) }), ownShareCovered(prev) == true {
                    start = prev.from
                }
                // The first application day whose window (from R_app − 12 months) begins within the run: a run from
                // 29.02. is not reached by 28.02. of the next year, whose window begins on 28.02. (legal review of
                // 06.12.2026: start + 12 months gave that day, and the search then skipped to a later law change).
                var due = start.adding(months: 12)
                while due.adding(months: -12) < start { due = due.adding(days: 1) }
                s.fail("60d_lu_last_12_months", .time, metFrom: due)
            } else { s.fail("60d_lu_last_12_months", .remediable) }
        }
        let current = subject.livelihood(on: decision).flatMap(ownShareCovered)
        s.require("60d_lu_current", current, fact: fact, .remediable)
    }

    /// Nr. 10: school attendance of the children; no § 54 Abs. 2 Nr. 1/2 case; no § 29 Abs. 1 S. 1 Nr. 1 BtMG.
    private func children60d(_ s: inout Sheet) {
        let children = householdChildren
        guard !children.isEmpty else { s.notApplicable("60d_children_ok"); openForUnlistedChildren(&s, "60d_children_ok"); return }
        var sub = sheet(.regelanspruch)
        schoolAttendance(&sub, children: children, id: "60d_children_ok")
        var result = sub.conditions[0]
        for c in children {
            guard let convictions = c.convictions(by: decision) else {
                if !result.state.isFailing { result = ConditionResult("60d_children_ok", .unknown, open: result.open + ["\(c.id)/convictions"]) }
                continue
            }
            let t = Crime.expulsionThresholds(convictions)
            let btm = convictions.contains { $0.btmg2911 && $0.counts == true }
            // Nr. 10 names § 54 Abs. 2 Nr. 1 and 2 only (spec/07-60d.md 7.6; QA of 06.12.2026: Abs. 1 was applied too).
            guard t.abs2Nr1or2 == true || btm else { continue }
            // Only a child known to count (in the household, minor and unmarried) fails the condition.
            if let open = membershipOpen(c, unmarried: true) {
                if !result.state.isFailing, !result.open.contains(open) { result = ConditionResult("60d_children_ok", .unknown, open: result.open + [open]) }
            } else { result = ConditionResult("60d_children_ok", .failing(.remediable), detail: "Kind \(c.name)") }
        }
        if result.state == .notApplicable { result = ConditionResult("60d_children_ok", .met) }
        s.add(result)
        openForUnlistedChildren(&s, "60d_children_ok")
    }
}
