/// The permit plan: the pathways open to a person in date order, and the next steps they lead to
/// (spec/11-transitions.md), e.g. § 60d → § 25b Abs. 6 after 30 months, § 60c → § 19d Abs. 1a.
public struct Plan: Sendable, Hashable {
    public struct Step: Sendable, Hashable {
        public var pathway: PathwayKey?
        /// The first day of the step (on or after the decision date).
        public var from: Day
        public var text: String
        public var citation: String
        /// True when the step follows another one that still has to be granted.
        public var followUp: Bool
        /// An application filed whose pathway this assessment does not find open: a procedure of its own.
        var pendingApplication = false
        /// The title a follow-up step without a pathway of its own leads on from (§ 16g Abs. 8 after § 16g).
        var follows: PathwayKey? = nil
        /// Marked as the alternative to the plan's first title.
        public internal(set) var alternative = false
    }

    public var steps: [Step]

    /// The pathways whose application keeps a § 104c permit in force (§ 104c Abs. 2 n. F.).
    static let bleiberecht: Set<PathwayKey> = [.p25a, .p25a2, .p25b, .p25b4, .p25b6]

    /// Residence titles (not Duldungen) among the pathways.
    public static let titles: Set<PathwayKey> = [.p25a, .p25a2, .p25b, .p25b4, .p25b6, .p104c, .p16g, .p19d1, .p19d1a, .p25_5]

    /// `filed`: applications already made and not yet decided; the plan names them instead of advising to file again.
    static func make(for person: Person, answers: [Assessment], on: Day, filed: [FiledApplication] = []) -> Plan {
        var steps: [Step] = []
        func date(_ a: Assessment) -> Day? {
            switch a.outcome {
            case .met: return on
            case .reachable: return a.from
            default: return nil
            }
        }
        let byKey = Dictionary(uniqueKeysWithValues: answers.map { ($0.pathway, $0) })
        // A humanitarian title already held (§ 25a, § 25b, § 25 Abs. 5).
        let held = person.status?.last.flatMap { p -> StatusPeriod? in
            guard p.covers(on), let basis = p.titleBasis, ["25a", "25b", "25-5"].contains(family(basis)) else { return nil }
            return p
        }
        // The training under way or planned (not passed, not broken off).
        let training = person.training?.last(where: { $0.passedOn.day == nil && $0.endedEarlyOn.day == nil })
        // A pathway reached only with an application filed today (its date counts: the age limit of § 25a).
        // Also one reachable later by a later application, when filing today gives an earlier date (QA27 R2).
        for a in answers where (a.outcome == .excluded || a.outcome == .reachable) && !filed.contains(where: { $0.pathway == a.pathway }) {
            guard let d = a.reachableIfFiledOn else { continue }
            // The waivers the answer would rest on, as on the other steps (QA21 L5).
            let waived = a.waivers.isEmpty ? "" : ", wenn die Behörde absieht von: \(a.waivedNames.joined(separator: ", ")) (Ermessen, \(a.waiverBasis))"
            let later = a.outcome == .reachable ? a.from.map { " statt ab \($0.german) bei einem späteren Antrag" } ?? "" : "; ein späterer Antrag kommt zu spät"
            steps.append(Step(pathway: a.pathway, from: on, text: "\(a.pathway.title): Antrag jetzt stellen – das Antragsdatum zählt, dann erreichbar ab \(d.german)\(waived)\(later)",
                              citation: a.pathway.title, followUp: false))
        }
        for a in answers {
            // An answer open only by legal questions counts from the day every answer to them meets it (QA43 C2); the
            // settlement perspective and follow-ups below stay with the certain answers.
            guard let d = date(a) ?? a.metUnderEveryReadingFrom else { continue }
            // A title of the basis held is renewed, not applied for again by another paragraph (QA of 06.12.2026: a
            // § 25b holder was advised "§ 25b Abs. 4 jetzt" as his spouse's husband).
            if let basis = held?.titleBasis, a.pathway.grantedBasis == family(basis) { continue }
            let kind = titles.contains(a.pathway) ? "Aufenthaltserlaubnis" : "Duldung"
            let consequence = (a.consequence.map { " – " + $0.german } ?? "") + (a.waiverCondition.map { ", " + $0 } ?? "")
            let when = a.outcome == .unclear
                ? "spätestens ab \(d.german) (je nach Antwort auf die offene Rechtsfrage \(a.open.joined(separator: ", ")) schon früher)"
                : d == on ? "jetzt" : "ab \(d.german)"
            let applied = filed.first { $0.pathway == a.pathway }.map { " – Antrag am \($0.filedOn.german) gestellt, noch nicht entschieden" } ?? ""
            let ends = childRouteEnds(a, on: on).map { end in
                endsAsChild(end, person: person)
                    ? " – als Kind nur bis \(end.german): mit dem 18. Geburtstag endet dieser Weg, entschieden sein muss vorher"
                    : " – nur bis \(end.german): dann wird das Kind volljährig, auf dessen Aufenthaltserlaubnis nach § 25a dieser Weg beruht; entschieden sein muss vorher"
            } ?? ""
            // §§ 60c, 16g: the application may come a month before the grant (7 and 6 months before the training starts;
            // QA19 F20: only the grant's date was said).
            var early = ""
            if [.p60c, .p16g].contains(a.pathway), applied.isEmpty, d > on, let start = training?.from {
                let first = start.adding(months: -7)
                if first < d { early = " – Antrag schon ab \(max(first, on).german) möglich (7 Monate vor Ausbildungsbeginn, \(ConditionCatalog.entry(a.pathway == .p60c ? "60c_timing" : "16g_timing").citation))" }
            }
            steps.append(Step(pathway: a.pathway, from: d, text: "\(a.pathway.title) (\(kind)) \(when)\(consequence)\(ends)\(applied)\(early)",
                              citation: a.pathway.title, followUp: false))
        }
        // A filed application whose pathway the assessment does not find open is still pending: the plan says so, with
        // the result, instead of leaving it out (the counselor may need to supplement or withdraw it).
        for f in filed where !steps.contains(where: { $0.pathway == f.pathway }) {
            let outcome = byKey[f.pathway].map { ", nach dieser Prüfung derzeit \($0.outcome.german)" } ?? ""
            steps.append(Step(pathway: f.pathway, from: on, text: "\(f.pathway.title): Antrag am \(f.filedOn.german) gestellt, noch nicht entschieden\(outcome)",
                              citation: f.pathway.title, followUp: false, pendingApplication: true))
        }
        // § 60d → § 25b Abs. 6 after 30 months, if not already reachable on its own.
        if let d60 = byKey[.p60d].flatMap(date), byKey[.p25b6].flatMap(date) == nil {
            let holding = person.status?.last { $0.kind == .duldung60d && $0.to == nil }
            let start = holding?.from ?? d60
            steps.append(Step(pathway: .p25b6, from: start.adding(months: 30),
                              text: "Danach § 25b Abs. 6 AufenthG: nach 30 Monaten Beschäftigungsduldung, frühestens \(start.adding(months: 30).german), wenn die Voraussetzungen des § 60d fortbestehen und A2 (ggf. auch schriftlich) nachgewiesen ist",
                              citation: "§ 25b Abs. 6 AufenthG", followUp: true))
        }
        // § 60c → § 19d Abs. 1a after the training is passed; § 16g → § 16g Abs. 8 (spec/11-transitions.md; QA19 F4: the
        // training permit's follow-up was cited as § 19d Abs. 1a, which needs a § 60c Duldung).
        if byKey[.p60c].flatMap(date) != nil || person.status?.last?.kind == .duldung60c,
           byKey[.p19d1a].flatMap(date) == nil, let end = training?.plannedEnd {
            steps.append(Step(pathway: .p19d1a, from: max(end, on),
                              text: "Nach erfolgreichem Abschluss der Ausbildung (planmäßig \(end.german)): § 19d Abs. 1a AufenthG – Anspruch auf eine Aufenthaltserlaubnis für 2 Jahre (B1, Wohnraum, qualifikationsentsprechende Beschäftigung)",
                              citation: "§ 19d Abs. 1a AufenthG", followUp: true))
        }
        if byKey[.p16g].flatMap(date) != nil || person.status?.last?.titleBasis == "16g", let end = training?.plannedEnd {
            steps.append(Step(pathway: nil, from: max(end, on),
                              text: "Nach erfolgreichem Abschluss der Ausbildung mit Aufenthaltserlaubnis nach § 16g (planmäßig \(end.german)): § 16g Abs. 8 AufenthG – Anspruch auf eine Aufenthaltserlaubnis für 2 Jahre zur qualifikationsentsprechenden Beschäftigung (B1, Wohnraum)",
                              citation: "§ 16g Abs. 8 AufenthG", followUp: true, follows: .p16g))
        }
        // § 104c holders: only § 25a/§ 25b keep the Fiktion, and only until 30.6.2027.
        if let car = person.status?.last, car.titleBasis == "104c", on <= Day("2027-06-30") {
            if let f = filed.first(where: { Self.bleiberecht.contains($0.pathway) }) {
                // Filed already: what matters now is that it was in time, not a second application (QA of 05.12.2026).
                steps.append(Step(pathway: nil, from: on,
                                  text: "Aufenthaltserlaubnis nach § 104c: Antrag nach \(f.pathway.title) am \(f.filedOn.german) gestellt, noch nicht entschieden – wurde er vor Ablauf gestellt, gilt die Aufenthaltserlaubnis bis zur Entscheidung fort; die Erleichterungen für Inhaber nach § 104c (§ 25b Abs. 7, 8) gelten nur für eine Entscheidung bis 30.06.2027",
                                  citation: "§ 104c Abs. 2 AufenthG n. F., § 81 Abs. 4 AufenthG; § 25b Abs. 7, 8 AufenthG bis 30.06.2027 (spec/03-25b.md 3.6)", followUp: false))
            } else if car.kind == .fiktion {
                // The Fiktion itself shows the application made (only one under § 25a or § 25b gives it, § 104c Abs. 2
                // S. 3 n. F.); its date is not known here (QA43 L1: asked to file an application pending since 2024).
                steps.append(Step(pathway: nil, from: on,
                                  text: "Aufenthaltserlaubnis nach § 104c: gilt nach dem Antrag nach § 25a oder § 25b bis zur Entscheidung fort (Fiktion) – die Erleichterungen für Inhaber nach § 104c (§ 25b Abs. 7, 8) gelten nur für eine Entscheidung bis 30.06.2027",
                                  citation: "§ 104c Abs. 2 AufenthG n. F., § 81 Abs. 4 AufenthG; § 25b Abs. 7, 8 AufenthG bis 30.06.2027 (spec/03-25b.md 3.6)", followUp: false))
            } else {
                let until = car.validUntil.map { "vor Ablauf am \($0.german) und " } ?? ""
                steps.append(Step(pathway: nil, from: on,
                                  text: "Aufenthaltserlaubnis nach § 104c: Antrag nach § 25a oder § 25b \(until)spätestens bis 30.06.2027 stellen (nur dieser Antrag löst die Fiktion aus) – früh genug, denn die Erleichterungen für Inhaber nach § 104c (§ 25b Abs. 7, 8) gelten nur, wenn bis 30.06.2027 entschieden ist",
                                  citation: "§ 104c Abs. 2 AufenthG n. F., § 81 Abs. 4 AufenthG; § 25b Abs. 7, 8 AufenthG bis 30.06.2027 (spec/03-25b.md 3.6)", followUp: true))
            }
        }
        // Humanitarian titles lead on to the settlement permit (§ 26 Abs. 4; M).
        // A title of Abschnitt 5 held already (a § 104c permit counts, spec/04-104c.md 4.2) counts from the start of the
        // titles held without a break (QA19 F18: a § 104c permit since 2025 was not counted).
        var titlesSince = heldSince(person.status ?? []) { ["25a", "25a-2", "25b", "25b-4", "25b-6", "25-5", "104c"].contains($0) }
        if let last = person.status?.last, !last.covers(on) && last.to != nil { titlesSince = nil }
        // A humanitarian title already held: renew it in time (the application keeps it in force); held since the start
        // of its periods of the same paragraph without a break (a Fiktion continues it).
        if let held, let basis = held.titleBasis {
            let since = heldSince(person.status ?? []) { family($0) == family(basis) } ?? held.from
            let renewal = filed.first { $0.filedOn >= held.from && $0.pathway.grantedBasis == family(basis) }
            let until = held.validUntil.map { " vor Ablauf am \($0.german)" } ?? " vor Ablauf"
            // Continued by a Fiktion: the extension was applied for in time and is pending (QA21 M8: it was asked for).
            let step = held.kind == .fiktion ? "gilt seit \(held.from.german) fort (§ 81 Abs. 4), über die Verlängerung ist noch nicht entschieden"
                : renewal.map { "Verlängerung am \($0.filedOn.german) beantragt, noch nicht entschieden (der rechtzeitige Antrag lässt sie fortgelten)" }
                ?? "Verlängerung\(until) beantragen (der rechtzeitige Antrag lässt sie fortgelten)"
            steps.append(Step(pathway: nil, from: on,
                              text: "Aufenthaltserlaubnis nach \(StatusPeriod.citation(ofBasis: basis)) besteht seit \(since.german): \(step)",
                              citation: "§ 8 Abs. 1, § 81 Abs. 4 AufenthG", followUp: false))
        }
        let reached = answers.filter({ [.p25a, .p25b, .p25b4, .p25b6, .p25_5].contains($0.pathway) }).compactMap(date) + [held?.from, titlesSince].compactMap { $0 }
        if let first = reached.min() {
            // The time of an asylum procedure before the title counts too (§ 26 Abs. 4 S. 3), which the spec does not model
            // (spec/11-transitions.md, M): said, rather than a date that may be years late (QA41 L3).
            let asylumTime = person.asylum?.appliedOn.happened(by: first) == true || (person.status ?? []).contains { $0.kind == .gestattung && $0.from < first }
                ? "; die Zeit des Asylverfahrens wird nach § 26 Abs. 4 S. 3 angerechnet und kann das Datum vorverlegen – nicht berechnet, bitte prüfen" : ""
            steps.append(Step(pathway: nil, from: first.adding(years: 5),
                              text: "Perspektive: Niederlassungserlaubnis nach 5 Jahren Aufenthaltserlaubnis, frühestens \(first.adding(years: 5).german), wenn die Voraussetzungen des § 9 Abs. 2 erfüllt sind\(asylumTime)",
                              citation: "§ 26 Abs. 4 AufenthG", followUp: true))
        }
        steps.sort { ($0.from, $0.followUp ? 1 : 0) < ($1.from, $1.followUp ? 1 : 0) }
        // The first permit open to the person (not one of the basis already held): the plan; the rest are alternatives.
        // A title held: its renewal is the plan, every other title the alternative if it cannot be renewed (QA21 M7).
        if let held, let basis = held.titleBasis {
            return Plan(steps: alternatives(steps, to: nil, from: on, phrase: "Alternativ, falls die Aufenthaltserlaubnis nach \(StatusPeriod.citation(ofBasis: basis)) nicht verlängert wird: "))
        }
        // Else the first title open to the person, a follow-up title (§ 19d Abs. 1a after § 60c) included; on the same
        // day the one without an end, then the stronger consequence (QA21 M1, M4).
        func rank(_ s: Step) -> (Day, Int, Int) {
            let a = s.pathway.flatMap { byKey[$0] }
            let strength: Int = switch a?.consequence { case .anspruch?: 0; case .regelanspruch?: 1; case .soll?: 2; case .kann?: 3; case nil: 2 }
            return (s.from, a?.routeEnds == nil ? 0 : 1, strength)
        }
        let primary = steps.filter { s in s.pathway.map(titles.contains) == true && !s.pendingApplication }
            .min { rank($0) < rank($1) }
        guard let first = primary, let key = first.pathway else { return Plan(steps: steps) }
        return Plan(steps: alternatives(steps, to: key, from: first.from, phrase: "Alternativ, falls die Aufenthaltserlaubnis nach \(key.title) nicht erteilt wird: "))
    }

    /// Permits exclude one another: a residence permit ends the obligation to leave that a Duldung (§§ 60c, 60d) and
    /// its follow-ups presuppose, and a holder of one permit does not get a second (spec/02-25a.md 2.8, 03-25b.md 3.8
    /// b_status). The first permit open to the person is the plan; every other pathway is marked as the alternative
    /// if it is not granted (QA19 F3: "§ 25b jetzt", "§ 60d jetzt", "danach § 25b Abs. 6" read as one sequence). A
    /// Duldung before that day is the bridge to it, not an alternative.
    static func alternatives(_ steps: [Step], to primary: PathwayKey?, from day: Day, phrase: String) -> [Step] {
        // On one day the plan comes before its alternatives.
        let marked = steps.map { step in
            var s = step
            // An application already filed stays what it is: a pending procedure of its own. A Duldung before the
            // permit is the bridge to it; a title is an alternative whenever it comes.
            guard let key = step.pathway ?? step.follows, key != primary, !step.pendingApplication,
                  titles.contains(key) || step.from >= day else { return s }
            s.text = phrase + s.text
            s.alternative = true
            return s
        }
        return marked.enumerated().sorted { x, y in
            (x.element.from, x.element.alternative ? 1 : 0, x.offset) < (y.element.from, y.element.alternative ? 1 : 0, y.offset)
        }.map(\.element)
    }

    /// The start of the titles held up to the last period without a break, as long as their bases satisfy `belongs`
    /// (a Fiktion continuing one counts as its basis); nil if the last period is no such title.
    static func heldSince(_ status: [StatusPeriod], _ belongs: (String) -> Bool) -> Day? {
        var since: Day? = nil
        for p in status.reversed() {
            guard let basis = p.titleBasis, belongs(basis), since.map({ s in p.to.map { $0.adding(days: 1) >= s } ?? true }) ?? true else { break }
            since = p.from
        }
        return since
    }

    /// The paragraph a title's basis belongs to ("25b-4" is a § 25b title).
    static func family(_ basis: String) -> String {
        switch basis {
        case "25a-2": return "25a"
        case "25b-4", "25b-6": return "25b"
        default: return basis
        }
    }

    /// The last day of a route resting on a minor, from `on` on: § 25b Abs. 4 and § 25a Abs. 2 route (d) need the child
    /// to be under 18 on the day of the decision, route (a) the § 25a holder, route (b) both (spec/03-25b.md 3.9,
    /// spec/02-25a.md 2.9): the eve of that 18th birthday, as the engine set it for the route the answer rests on. A
    /// spouse's route has none (QA of 06.12.2026: a married minor was given one). nil otherwise.
    public static func childRouteEnds(_ a: Assessment, on: Day) -> Day? {
        guard let end = a.routeEnds, on <= end else { return nil }
        return end
    }

    /// Whether the route ends with the person's own majority (a route as a child), not another child's.
    public static func endsAsChild(_ end: Day, person: Person) -> Bool {
        person.born.map { $0.birthday(18).adding(days: -1) == end } ?? false
    }
}

/// An application already filed and not yet decided: its pathway and filing day.
public struct FiledApplication: Sendable, Hashable {
    public var pathway: PathwayKey
    public var filedOn: Day
    public init(pathway: PathwayKey, filedOn: Day) { self.pathway = pathway; self.filedOn = filedOn }
}
