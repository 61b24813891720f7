// § 25 Abs. 5 AufenthG – departure impossible (spec/10-25-5.md 10.1).

extension Context {
    func evaluate25_5() -> Sheet {
        var s = sheet(.kann)
        caveats(&s)
        guard inForce(&s, Law.p25_5) != nil else { return s }
        let obliged: Bool? = {
            switch statusOnDecision {
            case .known(let p): return p.kind.isDuldung || p.kind == .none || (p.kind == .fiktion && p.fiktion == .duldungsfiktion)
            case .unrecorded: return nil
            case .beforeHistory: return false
            }
        }()
        s.require("25_5_enforceably_obliged", obliged, fact: "status", .remediable)
        // A holder asks for an extension, which the specification's test (a first grant to a person obliged to leave)
        // does not describe: said, so that "nicht erfüllt" is not read as the end of the permit (QA43 L2; listed in
        // spec-disagreements.yaml).
        if case .known(let p) = statusOnDecision, p.titleBasis == "25-5" {
            s.note("Bereits Inhaber einer Aufenthaltserlaubnis nach § 25 Abs. 5: geprüft ist hier die Erteilung an eine vollziehbar ausreisepflichtige Person (spec/10-25-5.md 10.5). Die Verlängerung richtet sich nach denselben Voraussetzungen (§ 8 Abs. 1 AufenthG), ausgeschlossen ist sie, wenn das Ausreisehindernis entfallen ist (§ 26 Abs. 2 AufenthG).",
                   "§ 8 Abs. 1, § 26 Abs. 2 AufenthG; spec/02-25a.md 2.1; spec/10-25-5.md 10.1 Nr. 7")
        }
        let d = person.departure
        let since = d?.impossibleSince.happened(by: decision)
        let impossible = allOf(since, d?.endForeseeable.map { !$0 })
        if impossible == nil, let d {
            // Named by the field missing, not as the whole record (CASES.md § 6; QA of 06.12.2026).
            let missing = (since == nil ? ["departure.impossible_since"] : []) + (d.endForeseeable == nil ? ["departure.end_foreseeable"] : [])
            s.unknown("25_5_departure_impossible", missing)
        } else {
            s.require("25_5_departure_impossible", impossible, fact: "departure", .remediable)
        }
        let notAtFault = allOf(person.conduct?.currentObstruction.map { $0.isEmpty }, d?.ownFault.map { !$0 })
        s.require("25_5_not_at_fault", notAtFault, fact: d?.ownFault == nil ? "departure.own_fault" : "conduct.current_obstruction", .remediable)

        // 18 months of suspended deportation turn "kann" into "soll" (S. 2); not a failing condition.
        let v = StatusColumn.suspension25_5.verdict(timeline, reference: decision, length: .months(18))
        switch v.state {
        case .met?:
            s.met("25_5_duldung_months_min")
            s.consequence = .soll
        case .time(let day)?:
            // Soll is no Anspruch (SPEC.md, condition tables; QA31 L6); the day it begins is said where a reader sees it
            // (SPEC.md § 7; QA31 L4: only the JSON carried it, the report and the plan said "kann").
            s.add(ConditionResult("25_5_duldung_months_min", .notApplicable, detail: "Soll-Erteilung ab \(day.german); bis dahin Ermessen"))
            s.note("Ab \(day.german) sind es 18 Monate ausgesetzter Abschiebung: dann „soll“ die Aufenthaltserlaubnis erteilt werden, bis dahin „kann“ sie erteilt werden (Ermessen).", "§ 25 Abs. 5 S. 2 AufenthG")
        case .fails?:
            s.add(ConditionResult("25_5_duldung_months_min", .notApplicable, detail: "Ermessen (keine 18 Monate ausgesetzte Abschiebung)"))
        case nil:
            // The readings differ only in when the 18 months will be complete: on R_dec both say "not yet", so the
            // consequence is Kann under either (spec/10-25-5.md 10.1 asks for unclear only when it cannot be told).
            if let r = v.readings, r.optimistic != .met, r.pessimistic != .met {
                s.add(ConditionResult("25_5_duldung_months_min", .notApplicable,
                                      detail: "Ermessen; Soll-Erteilung nach Lesart A (§ 60b-Zeiten unterbrechen) \(describe(r.pessimistic)), nach Lesart B \(describe(r.optimistic)) (U3)"))
            } else {
                s.unknown("25_5_duldung_months_min", v.open, "Soll oder Kann hängt von der offenen Frage ab")
                // The day "soll" holds under every reading is a day the answer can switch (QA43 C2).
                discoverReadingDays(v)
            }
        }
        genNo10_3S2Bar(&s)
        genLuSecured(&s, waivable: true)
        genIdentity(&s, waivable: true)
        genPassport(&s, waivable: true)
        genNoExpulsionInterest(&s, waivable: true)
        genVisaEntry(&s, waivable: true)
        genAbs4Bar(&s)
        genNoEntryBan(&s, abschnitt5: true)
        s.note("Erste Erteilung höchstens für 6 Monate, solange der rechtmäßige Aufenthalt noch keine 18 Monate dauert; keine Verlängerung, wenn das Ausreisehindernis entfallen ist.", "§ 26 Abs. 1 S. 1, Abs. 2 AufenthG")
        return s
    }
}
