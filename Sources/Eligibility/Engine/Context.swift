/// One evaluation: a person, a decision date (`R_dec`) and an application date (`R_app`).
struct Context {
    let subject: Subject
    /// `R_dec`: the date of the decision; every condition not tied to the application is judged on it.
    let decision: Day
    /// `R_app`: the date of the application (K10: one per case).
    let application: Day
    let evaluation: Evaluation
    /// Whether details and notes are written (an answer is read); off for the sheets of the date search and for
    /// screening, which keep only states and dates.
    var explains = true

    /// Borrowed, not copied: a copy of `Person` retains and releases every one of its lists.
    var person: Person { _read { yield subject.person } }
    var household: HouseholdView { subject.household }
    var timeline: Timeline { subject.timeline }

    func with(_ other: Subject) -> Context {
        Context(subject: other, decision: decision, application: application, evaluation: evaluation, explains: explains)
    }

    /// An empty sheet of this evaluation.
    func sheet(_ consequence: Consequence) -> Sheet {
        var s = Sheet(consequence)
        s.explains = explains
        return s
    }

    /// The person's convictions final on `R_dec`.
    var convictions: [Conviction]? { subject.convictions(by: decision) }

    /// The status on `R_dec`, or nil when unrecorded.
    var statusOnDecision: StatusOnDay { subject.status(on: decision) }

    /// The result of another pathway (an anchor) on the same dates, read in place from the evaluation's answers.
    func anchorSummary(_ key: PathwayKey, of other: Subject, variant: Variant = .full) -> Evaluation.Summary {
        evaluation.summary(key, other, on: decision, pending: application == decision ? nil : application, variant: variant)
    }

    /// The facts that leave `hasMinorChildInHousehold()` open: a child's birth date or marital status ("c1/born"), or
    /// the household (QA of 05.12.2026: "häusliche Gemeinschaft" was named where a child's marital status was missing).
    func minorChildInHouseholdOpen() -> [String] {
        var open: [String] = []
        for c in household.childrenIncludingPartners(of: subject.id) {
            let minor = c.isMinorUnmarried(on: decision), together = household.liveTogether(subject.id, c.id)
            guard allOf(minor, together) == nil else { continue }
            if minor == nil { open.append("\(c.id)/\(c.person.born == nil ? "born" : "marital_status")") }
            if together == nil, !open.contains("household") { open.append("household") }
        }
        if !household.data.relationsKnown, !otherPossibleChildren().isEmpty || !household.data.childrenListed { open.append("relations") }
        return open.isEmpty ? ["household"] : open
    }

    /// A minor unmarried child of the person (or of a partner) lives in the household on `R_dec`; nil if unknown.
    func hasMinorChildInHousehold() -> Bool? {
        if household.data.isSinglePerson { return false }
        var unknown = false
        for c in household.childrenIncludingPartners(of: subject.id) {
            let minor = c.isMinorUnmarried(on: decision)
            let together = household.liveTogether(subject.id, c.id)
            switch allOf(minor, together) {
            case true?: return true
            case nil: unknown = true
            case false?: break
            }
        }
        // Relations not given: another person of the case may be the person's minor child living with them.
        if !unknown, !household.data.relationsKnown, otherPossibleChildren().isEmpty == false { return nil }
        // Children not listed (a flat row without their number) may live there.
        if !unknown, !household.data.childrenListed { return nil }
        return unknown ? nil : false
    }

    /// Children of the person may live outside the case: a condition about the household's children that holds for
    /// those listed (or has none to judge) is open, naming the family (QA35 L2).
    func openForUnlistedChildren(_ s: inout Sheet, _ id: String) {
        guard !household.data.childrenListed, let i = s.lastIndex(of: id),
              s.conditions[i].state == .met || s.conditions[i].state == .notApplicable else { return }
        s.conditions[i] = ConditionResult(id, .unknown, open: ["relations"])
    }

    /// With relations not given: the other persons of the case who may be a minor unmarried child in the household.
    func otherPossibleChildren() -> [Subject] {
        household.subjects.filter { $0 !== subject && $0.isMinorUnmarried(on: decision) != false && household.liveTogether(subject.id, $0.id) != false }
    }
}

/// Variants of a pathway used as anchors of another (to avoid circular family routes).
enum Variant: Hashable {
    case full
    /// § 25a Abs. 2 route (a) only, resting on a child other than the one given (by its index in the household): the
    /// parent of a minor § 25a holder, asked by that holder's sibling – the holder is no sibling of itself.
    case parentRouteOnly(excludingChild: Int)
    /// § 104c Abs. 1 only, without the family route.
    case ownRouteOnly
}
