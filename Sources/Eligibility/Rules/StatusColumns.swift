/// The columns of the table "qualifying status per period condition" (spec/01-common.md §1.7.1) as chain rules.
enum StatusColumn {
    /// § 25a Nr. 1 and § 25b Nr. 1: lawful, tolerated or gestattet; § 60b days count only for a § 104c holder.
    static func residence(gapRule: GapRule, sixtyBCounts: Bool) -> ChainRule {
        ChainRule(gapRule: gapRule) { p in
            switch p.kind {
            case .none, .abroad: return .gap
            case .duldung60b: return sixtyBCounts ? .qualifies : .u3
            default: return .qualifies
            }
        }
    }

    static let residence25aHolder = residence(gapRule: .u12, sixtyBCounts: true)
    static let residence25a = residence(gapRule: .u12, sixtyBCounts: false)
    static let residence25bHolder = residence(gapRule: .bmi, sixtyBCounts: true)
    static let residence25b = residence(gapRule: .bmi, sixtyBCounts: false)
    /// Counting across every gap: used only to tell whether a break decided the result (BVerwG 1 C 34.18, LS 5).
    static let residenceWithoutGaps = ChainRule(gapRule: .strict) { _ in .qualifies }

    /// Holding an issued Duldung (K8): § 25a 12 months (gap rule U12), § 60d Nr. 2 and § 60c 3 months.
    static func heldDuldung(gapRule: GapRule) -> ChainRule {
        ChainRule(gapRule: gapRule) { p in
            switch p.kind {
            case .none, .abroad: return .gap
            case .duldung: return p.issued ? .qualifies : .breaks
            case .duldung60c, .duldung60d: return .qualifies
            case .duldung60b: return .u3
            default: return .breaks
            }
        }
    }

    static let duldung25a = heldDuldung(gapRule: .u12)
    static let duldung60c60d = heldDuldung(gapRule: .shortOnly)

    /// Old § 104c: every status but `none`/`abroad` counts, § 60b included; every gap breaks.
    static let residence104c = ChainRule(gapRule: .strict) { p in
        switch p.kind {
        case .none, .abroad: return .gap
        default: return .qualifies
        }
    }

    /// § 25 Abs. 5 S. 2: deportation suspended for 18 months (Duldung entitlement and Duldungsfiktion count).
    static let suspension25_5 = ChainRule(gapRule: .shortOnly) { p in
        switch p.kind {
        case .none, .abroad: return .gap
        case .duldung, .duldung60c, .duldung60d: return .qualifies
        case .duldung60b: return .u3
        case .fiktion: return p.fiktion == .duldungsfiktion ? .qualifies : .breaks
        default: return .breaks
        }
    }

    /// § 25b Abs. 6: only the § 60d Duldung counts.
    static let duldung60dOnly = ChainRule(gapRule: .shortOnly) { p in
        switch p.kind {
        case .none, .abroad: return .gap
        case .duldung60d: return .qualifies
        default: return .breaks
        }
    }
}

extension Context {
    /// Turns a chain verdict into a condition: met, failing (`time` when the status on the reference day
    /// qualifies, else `fallback`), or unknown with the deciding doubts.
    func chainCondition(_ s: inout Sheet, _ id: String, _ v: ChainVerdict, fallback: FailureClass = .remediable,
                        timeAllowed: Bool = true) {
        guard let state = v.state else {
            s.unknown(id, v.open)
            // The days the period is complete under either reading are days the condition can switch: the date search
            // of a family member resting on this person needs them (QA of 06.12.2026: a parent's route through a child
            // whose three years were open under U3 was found only on the next law change, two months late).
            discoverReadingDays(v)
            if let r = v.readings, v.open.contains("U3") {
                s.note("Voraussetzung nach Lesart A (§ 60b-Zeiten unterbrechen): \(describe(r.pessimistic)); nach Lesart B (werden nur nicht angerechnet): \(describe(r.optimistic)).", "spec/01-common.md §1.7.3 (U3)")
            }
            return
        }
        if let due = v.due, due == decision || due == decision.adding(days: 1) {
            s.note("Grenzfall: Der Zeitraum ist am \(due.german) vollendet – ±1 Tag manuell prüfen (§§ 187, 188 BGB i. V. m. § 31 VwVfG).", "spec/01-common.md §1.8")
        }
        switch state {
        case .met: s.met(id)
        case .time(let d):
            if timeAllowed { s.fail(id, .time, metFrom: d) } else { s.fail(id, fallback, "erfüllt erst ab \(d.german)") }
        case .fails: s.fail(id, fallback)
        }
    }

    /// The days a period open between two readings is complete under either: candidates of the date searches.
    func discoverReadingDays(_ v: ChainVerdict) {
        if let r = v.readings { for reading in [r.optimistic, r.pessimistic] { if case .time(let d) = reading { evaluation.discover(d) } } }
    }

    func describe(_ state: ChainState) -> String {
        switch state {
        case .met: return "erfüllt"
        case .time(let d): return "erfüllt ab \(d.german)"
        case .fails: return "nicht erfüllt"
        }
    }

    /// Holds an issued Duldung (not § 60b) on `day`; nil if unrecorded.
    func holdsIssuedDuldung(on day: Day) -> Bool? {
        switch subject.status(on: day) {
        case .known(let p):
            switch p.kind {
            case .duldung: return p.issued
            case .duldung60c, .duldung60d: return true
            default: return false
            }
        case .unrecorded: return nil
        case .beforeHistory: return false
        }
    }

    /// The status on `R_dec` is a kind that makes the person "geduldet" (§ 25b, § 104c, § 19d).
    func isGeduldet(on day: Day, includeDuldungsfiktion: Bool = true) -> Bool? {
        switch subject.status(on: day) {
        case .known(let p):
            if p.kind.isDuldung { return true }
            return includeDuldungsfiktion && p.kind == .fiktion && p.fiktion == .duldungsfiktion
        case .unrecorded: return nil
        case .beforeHistory: return false
        }
    }
}
