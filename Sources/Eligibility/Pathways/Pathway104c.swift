// § 104c AufenthG – Chancen-Aufenthaltsrecht, a new grant (spec/04-104c.md 4.5).

extension Context {
    func evaluate104c(variant: Variant) -> Sheet {
        var s = sheet(.soll)
        caveats(&s)
        if s.explains { s.versions.append(Law.p104c.reference(on: decision)) }
        switch Law.p104c.rules(on: decision) {
        case nil:
            s.fail("c_new_grants_possible", .time, metFrom: Law.p104c.versions[0].since, "§ 104c tritt erst am 31.12.2022 in Kraft")
        case let r? where r.newGrants:
            s.met("c_new_grants_possible")
        case _?:
            // A holder's pending application is one under § 25a or § 25b (a § 104c permit is not extended): the key asks
            // for a new grant, which ended on 31.12.2025 whenever the application was filed (spec/04-104c.md 4.5, last
            // paragraph; QA43 L1: U2 was named for a holder whose § 25a application of 2024 kept the permit in force).
            if subject.holds104c(on: decision) == true {
                s.fail("c_new_grants_possible", .permanent, "bereits Inhaber einer Aufenthaltserlaubnis nach § 104c: eine Neuerteilung gibt es seit 31.12.2025 nicht, der Weg führt über § 25a oder § 25b")
            } else if application <= Law.lastFiling104c {
                s.unknown("c_new_grants_possible", ["U2"], "Antrag bis 30.12.2025 gestellt, keine Übergangsregelung")
            } else {
                s.fail("c_new_grants_possible", .permanent, "Neuerteilungen seit 31.12.2025 ausgeschlossen; letzter Antragstag 30.12.2025")
            }
        }
        if s.settled { return s }
        s.require("c_geduldet", isGeduldet(on: decision), fact: "status", .remediable)

        // 5 years on the cut-off date 31.10.2022, strictly without gaps; or the family route.
        let own = StatusColumn.residence104c.verdict(timeline, reference: Law.cutoff104c, length: .years(5))
        // Not met under any reading of its doubts (days not covered by the history, U3): the own years are missing
        // whatever they are, so the doubt is not asked about (SPEC.md § 8; QA of 05.12.2026).
        let ownMissingAnyway = own.state == nil && own.readings.map { $0.optimistic != .met && $0.pessimistic != .met } == true
        if own.state == .met {
            s.met("c_residence_years_min")
        } else {
            let (family, whyNoFamily) = variant == .ownRouteOnly ? (RouteState.permanent, nil) : familyRoute104c()
            if case .met = family {
                s.met("c_family_route")
                s.notApplicable("c_residence_years_min")
            } else if own.state == nil && !ownMissingAnyway {
                s.unknown("c_residence_years_min", own.open)
            } else if case .permanent = family {
                let detail: String? = {
                    if case .time(let d)? = own.state { return "5 Jahre erst am \(d.german) – nach dem Stichtag 31.10.2022" }
                    return nil
                }()
                s.fail("c_residence_years_min", .permanent, detail)
                // The family route was examined too: say why it fails (QA41 L6: an adult child, 18 at entry, saw nothing of it).
                if let why = whyNoFamily { s.fail("c_family_route", .permanent, why) }
            } else {
                // "5 years, or the family route" (spec/04-104c.md 4.5): the own years are missing for good, so the
                // requirement stands or falls with the family route, which takes the anchor's class (§1.9).
                family.record(&s, "c_residence_years_min", "eigene 5 Jahre fehlen – erfüllbar nur über den Familienweg")
                family.record(&s, "c_family_route")
            }
        }
        if let start = timeline.segments.first(where: { $0.period.map { StatusColumn.residence104c.classify($0) == .qualifies } ?? false })?.from,
           start == Day("2017-11-01") || start == Day("2017-10-31") {
            s.note("Grenzfall: Beginn des Aufenthalts am \(start.german) – Praxisquellen nennen „bis 31.10.2017“ bzw. „vor dem 01.11.2017“.", "spec/01-common.md §1.8")
        }
        s.require("c_fdgo_declaration", person.fdgoDeclarationOn.happened(by: decision), fact: "fdgo_declaration_on", .remediable)
        crime50_90(&s, "c_crime_threshold", disregardJuvenileSanctions: true)
        let repeated: Bool? = {
            guard let c = person.conduct, let obstruction = c.currentObstruction else { return nil }
            let deceiving = obstruction.contains(.deception) || obstruction.contains(.falseStatements)
            return deceiving ? c.deceptionRepeated : false
        }()
        s.require("c_excl_repeated_deception", repeated.map { !$0 }, fact: "conduct", .remediable)
        genNoExpulsionInterest(&s, waivable: true)
        genAbs4Bar(&s)
        genNoEntryBan(&s, abschnitt5: true)
        s.met("c_10_3_ok")
        if subject.holds104c(on: decision) == true {
            s.note("Bereits Inhaber einer Aufenthaltserlaubnis nach § 104c: sie gilt bis zum Ablauf fort und kann nur als § 25a oder § 25b „verlängert“ werden.", "§ 104c Abs. 1, 2 AufenthG n. F.")
        }
        if expired104cWithoutFollowUp() {
            switch person.informedPer104cAbs4 {
            case false?:
                s.note("Für eine Ermessensduldung bis zu 18 Monaten argumentieren (Belehrungspflicht verletzt).", "§ 60a Abs. 2 S. 3, § 104c Abs. 4 AufenthG; anwaltonline.com Nr. 38376")
            case nil:
                // spec/04-104c.md 4.3: the answer asks for it (legal review of 06.12.2026: nothing was said when it was missing).
                s.note("Angabe fehlt: Belehrung nach § 104c Abs. 4 – wurde nicht belehrt, kann für eine Ermessensduldung bis zu 18 Monaten argumentiert werden.",
                       "§ 60a Abs. 2 S. 3, § 104c Abs. 4 AufenthG; spec/04-104c.md 4.3")
            case true?: break
            }
        }
        return s
    }

    /// Spouse/partner or minor unmarried child in the household of a person meeting § 104c Abs. 1, or an unmarried
    /// adult child who was a minor at entry (§ 104c Abs. 2 a.F.). `whyNot`: when it fails for good although the
    /// household has a spouse or parent, why (nil when nobody could carry it; only when the sheet explains).
    private func familyRoute104c() -> (RouteState, whyNot: String?) {
        var best: RouteState = .permanent
        var reasons: [String] = []
        func why(_ text: @autoclosure () -> String) { if explains { reasons.append(text()) } }
        /// `open`: the facts that leave `eligible` unknown, named when the anchor would carry the route.
        /// `apartOnly`: not eligible only because they do not live together – which can change, so the route then
        /// fails remediably at best (as the family community of § 25a Abs. 2 does).
        func consider(_ other: Subject, eligible: Bool?, open: [String], apartOnly: Bool = false) {
            if eligible == false {
                guard apartOnly else { return }
                let anchor = anchorState(other, pathways: [.p104c], holdsBasis: "104c", variant: .ownRouteOnly)
                let st: RouteState = if case .permanent = anchor { .permanent } else { .remediable }
                if case .permanent = st { why("\(other.name) erfüllt § 104c Abs. 1 nicht") }
                if RouteState.better(st, best) { best = st }
                return
            }
            // The anchor's result gives the route its class (spec/01-common.md §1.9): not met → remediable,
            // unclear → unknown, reachable → time.
            var st = anchorState(other, pathways: [.p104c], holdsBasis: "104c", variant: .ownRouteOnly)
            if eligible == nil {
                switch st {
                case .met, .time: st = .unknown(open.isEmpty ? ["household"] : open)
                default: break
                }
            }
            if case .permanent = st { why("\(other.name) erfüllt § 104c Abs. 1 nicht") }
            if RouteState.better(st, best) { best = st }
        }
        for p in household.partners(of: subject.id) {
            let together = household.liveTogether(subject.id, p.id)
            consider(p, eligible: together, open: ["household"], apartOnly: together == false)
        }
        for (parent, _) in household.parents(of: subject.id) {
            // A minor unmarried child in the household, or an unmarried adult child who was a minor at entry
            // (spec/04-104c.md 4.5; QA of 05.12.2026: a minor living elsewhere passed as an "adult child").
            let minor = subject.isMinor(on: decision), minorUnmarried = subject.isMinorUnmarried(on: decision)
            let together = household.liveTogether(subject.id, parent.id)
            let minorChild = allOf(minorUnmarried, together)
            let adultChild: Bool? = {
                let minorAtEntry: Bool? = person.entered.flatMap { e in person.born.map { $0.age(on: e) < 18 } }
                return allOf(minor.map { !$0 }, minorAtEntry, person.maritalStatus.map { $0 == .single })
            }()
            var open: [String] = []
            if person.born == nil { open.append("born") }
            if person.maritalStatus == nil { open.append("marital_status") }
            if minor != true, person.entered == nil { open.append("entered") }
            if minor != false, together == nil { open.append("household") }
            let eligible = anyOf(minorChild, adultChild)
            if eligible == false && !(together == false && minorUnmarried == true) {
                // Not a child the route counts: neither a minor unmarried child in the household nor an unmarried
                // adult child who was a minor at entry.
                why(person.maritalStatus.map { $0 != .single } == true
                    ? "Kind von \(parent.name), aber nicht ledig"
                    : "Kind von \(parent.name), aber bei der Einreise bereits volljährig")
            }
            consider(parent, eligible: eligible, open: open,
                     apartOnly: together == false && minorUnmarried == true)
        }
        guard case .permanent = best, !reasons.isEmpty else { return (best, nil) }
        return (best, reasons.joined(separator: "; "))
    }

    private func expired104cWithoutFollowUp() -> Bool {
        guard let status = person.status else { return false }
        let permits = status.filter { $0.titleBasis == "104c" }
        guard let last = permits.last, let end = last.to, end < decision else { return false }
        return !status.contains { $0.from > end && ($0.titleBasis == "25a" || $0.titleBasis == "25b") }
    }
}
