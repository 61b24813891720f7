/// The pathways the engine evaluates, by their keys in ../shared/law/CASES.md.
public enum PathwayKey: String, Sendable, CaseIterable, Hashable, Comparable {
    case p25a = "25a", p25a2 = "25a-2", p25b = "25b", p25b4 = "25b-4", p25b6 = "25b-6", p104c = "104c"
    case p60c = "60c", p60d = "60d", p16g = "16g", p19d1 = "19d-1", p19d1a = "19d-1a", p25_5 = "25-5"

    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
    /// The position in `allCases` (asked per cache lookup: no array built for it).
    var order: Int {
        switch self {
        case .p25a: 0; case .p25a2: 1; case .p25b: 2; case .p25b4: 3; case .p25b6: 4; case .p104c: 5
        case .p60c: 6; case .p60d: 7; case .p16g: 8; case .p19d1: 9; case .p19d1a: 10; case .p25_5: 11
        }
    }

    /// The basis of the residence permit a grant gives, as status periods record it ("25a", "25b", "19d"); nil for
    /// §§ 60c and 60d, which give a Duldung.
    public var grantedBasis: String? {
        switch self {
        case .p25a, .p25a2: "25a"
        case .p25b, .p25b4, .p25b6: "25b"
        case .p104c: "104c"
        case .p25_5: "25-5"
        case .p16g: "16g"
        case .p19d1, .p19d1a: "19d"
        case .p60c, .p60d: nil
        }
    }

    /// German name of the pathway, e.g. "§ 25b Abs. 6 AufenthG".
    public var title: String {
        switch self {
        case .p25a: return "§ 25a Abs. 1 AufenthG"
        case .p25a2: return "§ 25a Abs. 2 AufenthG"
        case .p25b: return "§ 25b Abs. 1 AufenthG"
        case .p25b4: return "§ 25b Abs. 4 AufenthG"
        case .p25b6: return "§ 25b Abs. 6 AufenthG"
        case .p104c: return "§ 104c AufenthG"
        case .p60c: return "§ 60c AufenthG"
        case .p60d: return "§ 60d AufenthG"
        case .p16g: return "§ 16g AufenthG"
        case .p19d1: return "§ 19d Abs. 1 AufenthG"
        case .p19d1a: return "§ 19d Abs. 1a AufenthG"
        case .p25_5: return "§ 25 Abs. 5 AufenthG"
        }
    }

    /// Short German description of what the pathway gives.
    public var subtitle: String {
        switch self {
        case .p25a: return "Aufenthaltserlaubnis für gut integrierte Jugendliche und junge Volljährige"
        case .p25a2: return "Aufenthaltserlaubnis für Familienangehörige nach § 25a"
        case .p25b: return "Aufenthaltserlaubnis bei nachhaltiger Integration"
        case .p25b4: return "Aufenthaltserlaubnis für Familienangehörige nach § 25b"
        case .p25b6: return "Aufenthaltserlaubnis nach 30 Monaten Beschäftigungsduldung"
        case .p104c: return "Chancen-Aufenthaltsrecht (Neuerteilung)"
        case .p60c: return "Ausbildungsduldung"
        case .p60d: return "Beschäftigungsduldung"
        case .p16g: return "Aufenthaltserlaubnis zur Berufsausbildung für Ausreisepflichtige"
        case .p19d1: return "Aufenthaltserlaubnis für qualifizierte Geduldete"
        case .p19d1a: return "Aufenthaltserlaubnis nach Ausbildungsduldung"
        case .p25_5: return "Aufenthaltserlaubnis bei unmöglicher Ausreise"
        }
    }
}

/// The five results of SPEC.md, "How the engine must answer" § 2.
public enum Outcome: String, Sendable, Hashable, CaseIterable {
    case met, reachable, notMet = "not_met", excluded, unclear

    public var german: String {
        switch self {
        case .met: return "erfüllt"
        case .reachable: return "erreichbar"
        case .notMet: return "nicht erfüllt"
        case .excluded: return "ausgeschlossen"
        case .unclear: return "unklar"
        }
    }
}

/// The legal consequence (SPEC.md § 7).
public enum Consequence: String, Sendable, Hashable, CaseIterable {
    case anspruch, regelanspruch, soll, kann

    public var german: String {
        switch self {
        case .anspruch: return "Anspruch („ist zu erteilen“)"
        case .regelanspruch: return "Regelanspruch („ist in der Regel zu erteilen“)"
        case .soll: return "Soll-Erteilung („soll erteilt werden“)"
        case .kann: return "Ermessen („kann erteilt werden“)"
        }
    }
}

/// Why a failing condition fails (SPEC.md § 3).
public enum FailureClass: String, Sendable, Hashable {
    /// Becomes met by the passage of time alone.
    case time
    /// Something must be done or change.
    case remediable
    /// Can never become met for this person.
    case permanent
}

/// The state of one condition (SPEC.md § 3).
public enum ConditionState: Sendable, Hashable {
    case met
    case failing(FailureClass)
    /// A waivable general requirement that does not hold (§ 5 Abs. 3 S. 2); never decides the result.
    case waiver
    /// Does not hold, but a statutory discretionary fallback holds; the consequence becomes `kann`.
    case discretion
    case unknown
    case notApplicable

    public var isFailing: Bool { if case .failing = self { return true } else { return false } }
    public var failureClass: FailureClass? { if case .failing(let c) = self { return c } else { return nil } }

    public var code: String {
        switch self {
        case .met: return "met"
        case .failing: return "failing"
        case .waiver: return "waiver"
        case .discretion: return "discretion"
        case .unknown: return "unknown"
        case .notApplicable: return "not_applicable"
        }
    }
}

/// A remark in the answer, with the provision it rests on.
public struct Note: Sendable, Hashable {
    public var text: String
    public var citation: String
    public init(_ text: String, citation: String) { self.text = text; self.citation = citation }
}

/// The evaluation of one condition of a pathway.
public struct ConditionResult: Sendable, Hashable {
    public var id: String
    public var state: ConditionState
    /// For `failing(.time)`: the first day on which the condition is met if nothing but time changes.
    public var metFrom: Day?
    /// U-points and fact names that made the condition `unknown` (or that a waivable requirement lacks).
    public var open: [String]
    /// A short German detail for the counselor (e.g. the date a period is complete).
    public var detail: String?

    public init(_ id: String, _ state: ConditionState, metFrom: Day? = nil, open: [String] = [], detail: String? = nil) {
        self.id = id; self.state = state; self.metFrom = metFrom; self.open = open; self.detail = detail
    }

    public var citation: String { ConditionCatalog.entry(id).citation }
    /// For a requirement met by a waiver (§ 25b Abs. 3), what the sentence says instead of "erfüllt".
    public var waivedDetail: String? { state == .met && detail?.hasPrefix("entfällt") == true ? detail : nil }
    /// The citation as the law stood on `day`.
    public func citation(on day: Day?) -> String { day.map { ConditionCatalog.citation(id, on: $0) } ?? citation }
    public var requirement: String { ConditionCatalog.entry(id).requirement }

    /// One German sentence a counselor can read; `names`: other persons of the household by id (see `Assessment.names`).
    /// `on`: the decision date, whose law states the requirement (`ConditionCatalog.requirement(_:on:)`).
    public func sentence(names: [String: String] = [:], on day: Day? = nil, citation: (String) -> String = { $0 }) -> String {
        var s = ""
        writeSentence(names: names, on: day, citation: citation) { s += $0 }
        return s
    }

    /// The requirement as the law stated it on `day`.
    public func requirement(on day: Day?) -> String { ConditionCatalog.requirement(id, on: day) }

    /// The sentence in parts, in order (a page writes them straight into its buffer, each escaped, instead of
    /// building the sentence first).
    /// `citation`: how the citation is written (a page names the specification's rules in words).
    public func writeSentence(names: [String: String] = [:], on day: Day? = nil, citation: (String) -> String = { $0 }, _ emit: (String) -> Void) {
        let entry = ConditionCatalog.entry(id)
        emit(ConditionCatalog.requirement(id, on: day))
        emit(" – ")
        func openList() { for (i, o) in open.enumerated() { if i > 0 { emit(", ") }; emit(ConditionCatalog.describeOpen(o, names: names)) } }
        // A requirement met by a waiver says so instead of "erfüllt" (§ 25b Abs. 3: no A2 was shown).
        let waived = state == .met && detail?.hasPrefix("entfällt") == true
        switch state {
        case .met: emit(waived ? detail! : "erfüllt")
        case .failing(.time): emit(metFrom.map { "noch nicht erfüllt, erfüllt ab \($0.german)" } ?? "noch nicht erfüllt (Zeitablauf)")
        case .failing(.remediable): emit("nicht erfüllt")
        // A mandatory refusal holds while its ground does (a conviction until its erasure): not "for good" (QA41 L4).
        case .failing(.permanent): emit(ConditionCatalog.mandatoryRefusals.contains(id) ? "nicht erfüllt (zwingender Versagungsgrund)" : "nicht erfüllt und nicht mehr erreichbar")
        case .waiver:
            if open.isEmpty { emit("nicht erfüllt") } else { emit("nicht belegt (Angabe fehlt: "); openList(); emit(")") }
            emit(", die Behörde kann davon absehen")
        case .discretion: emit("nicht erfüllt, aber Ermessensausnahme möglich")
        case .unknown:
            emit("offen")
            if !open.isEmpty { emit(" ("); openList(); emit(")") }
        case .notApplicable: emit("nicht anwendbar")
        }
        if let d = detail, !waived { emit("; "); emit(d) }
        emit(" (")
        emit(citation(day.map { ConditionCatalog.citation(id, on: $0) } ?? entry.citation))
        // The waiver's own provision in the same parentheses (QA29 F8: two pairs in a row).
        if state == .waiver { emit("; "); emit(citation("§ 5 Abs. 3 S. 2 AufenthG")) }
        emit(").")
    }
}

/// The answer for one person and one pathway on one date.
public struct Assessment: Sendable, Hashable {
    public var pathway: PathwayKey
    public var outcome: Outcome
    /// First day on which the pathway is met if nothing but time changes (only for `reachable`).
    public var from: Day?
    public var consequence: Consequence?
    public var conditions: [ConditionResult]
    public var notes: [Note]
    /// The date of the decision the answer applies the law of.
    public var on: Day
    /// The rule versions applied (e.g. "§ 25b AufenthG i. d. F. ab 31.12.2022").
    public var lawVersions: [LawVersionReference]
    /// The other persons of the household by id, as texts name them (a client's name in the web application; empty
    /// when the engine was asked without texts). Open facts of relatives ("id/born") are described with these.
    public var names: [String: String] = [:]
    /// The last day on which the route answered can still be granted: a route resting on a minor (the person as a
    /// child, or the § 25a holder a parent's or sibling's route rests on) closes with that minor's 18th birthday.
    public var routeEnds: Day? = nil
    /// The day the pathway would be reached with an application filed on `on` (its date then counts, e.g. for the age
    /// limit of § 25a): for an answer `excluded` only because a later application comes too late, and for one
    /// `reachable` later by a later application than by one filed today (QA25 L2).
    public var reachableIfFiledOn: Day? = nil
    /// For an answer `unclear` only by open legal questions (U3, U4 …): the first later day on which the pathway is met
    /// whatever their answer (under every reading), found by the date search; nil when no such day comes. The answer
    /// stays `unclear` – under one reading it may be met earlier – but this day is certain (QA43 C2: "kein Weg sicher
    /// erfüllt" stood where both readings of U3 gave a date).
    public var metUnderEveryReadingFrom: Day? = nil
    /// The person's status on `on` (kind and title basis): the actions for a status condition depend on it – no
    /// "Duldung beantragen" during an asylum procedure, no "verlängern" of a § 104c permit (QA19 F5, F6).
    public var statusKind: StatusKind? = nil
    public var statusBasis: String? = nil

    /// IDs of every failing condition, whatever its class.
    public var failing: [String] { conditions.filter { $0.state.isFailing }.map(\.id) }
    /// Every U-point and missing fact that made a condition unknown.
    public var open: [String] {
        var seen: [String] = []
        // By index: a loop over the conditions copies each (retaining its strings); anchors ask this of every unclear answer.
        for i in conditions.indices where conditions[i].state == .unknown {
            for o in conditions[i].open where !seen.contains(o) { seen.append(o) }
        }
        return seen
    }
    /// Waivable general requirements that do not hold. One whose fact is missing is not among them: it is not known
    /// to fail, and SPEC.md § 6 reports it as a note (it keeps its state `waiver` and its missing fact, so that the
    /// counselor is asked for the fact).
    public var waivers: [String] { conditions.filter { $0.state == .waiver && $0.open.isEmpty }.map(\.id) }
    /// The result as a page names it: "erfüllt", "erreichbar ab …", and for a result that rests on the authority waiving
    /// a general requirement that does not hold, which ones (QA of 06.12.2026: "erfüllt – Soll-Erteilung" was shown
    /// above "Identität … nicht erfüllt, die Behörde kann davon absehen"; SPEC.md § 6 keeps the result, the page says
    /// what it rests on).
    public var resultGerman: String {
        var text = outcome.german
        if let f = from { text += " ab \(f.german)" }
        if let d = metUnderEveryReadingFrom { text += "; unter jeder Lesart erfüllt ab \(d.german)" }
        if let w = waiverCondition { text += ", " + w }
        return text
    }

    /// "wenn die Behörde absieht von: Identitätsklärung, Passpflicht (Ermessen, § 5 Abs. 3 S. 2 AufenthG)" for a met or
    /// reachable answer with waivers; nil otherwise.
    public var waiverCondition: String? {
        guard outcome == .met || outcome == .reachable, !waivers.isEmpty else { return nil }
        return "wenn die Behörde absieht von: \(waivedNames.joined(separator: ", ")) (Ermessen, \(waiverBasis))"
    }

    /// Excluded by the law itself (a deadline passed, a regime not in force), whatever the person's facts.
    public var closedByLaw: Bool {
        outcome == .excluded && conditions.contains { ["c_new_grants_possible", "law_in_force"].contains($0.id) && $0.state == .failing(.permanent) }
    }

    /// The waivers as nouns (the catalog's requirement is a sentence).
    public var waivedNames: [String] { waivers.map { Self.waiverNames[$0] ?? ConditionCatalog.entry($0).requirement } }

    /// The provision that lets the authority waive them (SPEC.md § 6: § 19d Abs. 3 for § 19d).
    public var waiverBasis: String { pathway == .p19d1 || pathway == .p19d1a ? "§ 19d Abs. 3 AufenthG" : "§ 5 Abs. 3 S. 2 AufenthG" }

    static let waiverNames = ["gen_lu_secured": "Lebensunterhaltssicherung", "gen_identity_clarified": "Identitätsklärung",
                              "gen_no_expulsion_interest": "Ausweisungsinteresse", "gen_passport": "Passpflicht",
                              "gen_visa_entry": "Visumerfordernis"]

    /// For a family pathway met or reachable through a relative: whom it rests on ("Ehegatte/Lebenspartner von …"), as
    /// the anchor condition names it (QA of 06.12.2026: once met, the page no longer said through whom).
    public var anchorDetail: String? {
        guard outcome == .met || outcome == .reachable else { return nil }
        return conditions.first { ["a2_anchor", "b4_anchor"].contains($0.id) && ($0.state == .met || $0.state == .failing(.time)) }?.detail
    }

    /// Discretionary fallbacks used.
    public var discretion: [String] { conditions.filter { $0.state == .discretion }.map(\.id) }

    /// How an action that asks for a missing fact begins (the fact's German name follows).
    public static let missingFactAction = "Fehlende Angabe ergänzen: "

    /// What is still to be done ("Handlungsbedarf"), in German, for every remediable failing or unknown condition.
    public var actions: [String] { actions(limit: .max) }

    /// The first `limit` actions (screening reports only the first; the texts are built only as far as needed).
    public func actions(limit: Int) -> [String] { actions(limit: limit) { _ in true } }

    /// The first `limit` actions of the conditions `including` accepts (a disclosure leaves out those resting on data
    /// the client did not release).
    /// The conditions that ask for a Duldung (or a § 104c permit).
    static let statusConditions: Set<String> = ["a_status_entry", "b_status", "c_geduldet", "60c_route", "16g_route", "60c_duldung_months_min",
                                                "16g_duldung_months_min", "60d_duldung_months_min", "19d_geduldet",
                                                "25_5_enforceably_obliged"]

    /// The action where the person's situation makes the registry's wrong: a status condition under the status held
    /// ("Duldung beantragen" during an asylum procedure), § 25b Nr. 3 under a permanent work ban (QA21 M6: only the
    /// prognosis is left). nil otherwise.
    func situationalAction(_ c: ConditionResult) -> String? {
        if c.id == "b_lu_mostly_by_work", c.detail == Context.workBanDetail { return "Prognose belegen (z. B. Arbeitsplatzangebot für die Zeit nach der Erteilung)" }
        guard Self.statusConditions.contains(c.id), let kind = statusKind else { return nil }
        if kind == .gestattung { return "Asylverfahren läuft (Aufenthaltsgestattung): eine Duldung gibt es erst nach dessen Abschluss – Ausgang abwarten" }
        // A permit held, or continued by a Fiktion (`statusBasis` names it in both cases).
        guard let basis = statusBasis else { return nil }
        // Under a Fiktion the application is made already: asking for it again sends the counselor to file twice (QA43 L1).
        let continued = kind == .fiktion
        if basis == "104c" {
            // Until 30.06.2027 an application under § 25a or § 25b keeps it in force (§ 104c Abs. 2 n. F.; QA21 L3); only
            // that application gives the Fiktion (§ 104c Abs. 2 S. 3 n. F.).
            guard on <= Day("2027-06-30") else { return "Aufenthaltserlaubnis nach § 104c ist nicht verlängerbar: mit dem Ende der Fiktion erneut prüfen (als Geduldete/r)" }
            return continued
                ? "Aufenthaltserlaubnis nach § 104c gilt nach dem Antrag nach § 25a oder § 25b fort (Fiktion, § 81 Abs. 4): auf eine Entscheidung bis 30.06.2027 hinwirken – nur dann gelten die Erleichterungen für Inhaber nach § 104c"
                : "Aufenthaltserlaubnis nach § 104c: bis 30.06.2027 Antrag nach § 25a oder § 25b stellen (nur dieser Antrag hält sie in Kraft; die Erleichterungen für Inhaber nach § 104c gelten nur für eine Entscheidung bis 30.06.2027)"
        }
        if continued { return "Verlängerung der Aufenthaltserlaubnis nach \(StatusPeriod.citation(ofBasis: basis)) ist beantragt (Fiktion, § 81 Abs. 4): sie gilt bis zur Entscheidung fort" }
        return "Bestehende Aufenthaltserlaubnis nach \(StatusPeriod.citation(ofBasis: basis)) rechtzeitig verlängern"
    }

    public func actions(limit: Int, including: (ConditionResult) -> Bool) -> [String] {
        // Closed for good: nothing a counselor does changes the answer, so nothing is asked (QA19 F12: "atypischen Fall
        // darlegen" against the mandatory bar of § 25b Abs. 2 Nr. 2).
        guard outcome != .excluded else { return [] }
        var out: [String] = []
        for c in conditions where out.count < limit && including(c) {
            switch c.state {
            case .failing(.remediable):
                if let a = situationalAction(c) ?? ConditionCatalog.action(c.id, on: on), !out.contains(a) { out.append(a) }
            case .unknown:
                for o in c.open where out.count < limit {
                    let a = o.hasPrefix("U") && Int(o.dropFirst()) != nil
                        ? "Offene Rechtsfrage \(o) rechtlich klären lassen: \(ConditionCatalog.describeQuestion(o))"
                        : Self.missingFactAction + ConditionCatalog.describeOpen(o, names: names)
                    if !out.contains(a) { out.append(a) }
                }
            case .waiver where !c.open.isEmpty:
                // Not known to fail, only not recorded: ask for the fact rather than for the remedy.
                for o in c.open where out.count < limit {
                    let a = Self.missingFactAction + ConditionCatalog.describeOpen(o, names: names)
                    if !out.contains(a) { out.append(a) }
                }
            case .waiver:
                if let a = ConditionCatalog.entry(c.id).action {
                    // An action that is itself the waiver is not offered twice (QA of 06.12.2026: "Absehen vom
                    // Visumerfordernis beantragen (oder Absehen … beantragen)").
                    let w = a.hasPrefix("Absehen") ? a + " (\(waiverBasis))" : a + " (oder Absehen nach \(waiverBasis) beantragen)"
                    if !out.contains(w) { out.append(w) }
                }
            default: break
            }
        }
        return out
    }
}
