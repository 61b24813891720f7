import Eligibility

/// An application to the authority for one pathway, and its decision.
public struct PermitApplication: Sendable, Hashable {
    public enum Outcome: String, Sendable, CaseIterable {
        case pending, granted, refused, withdrawn

        public var german: String {
            switch self {
            case .pending: return "offen"
            case .granted: return "erteilt"
            case .refused: return "abgelehnt"
            case .withdrawn: return "zurückgenommen"
            }
        }
    }

    public var id: String
    public var caseID: String
    public var clientID: String
    public var pathway: PathwayKey
    public var filedOn: Day
    public var decidedOn: Day?
    public var outcome: Outcome
    /// For a granted permit (or Duldung): valid until.
    public var permitUntil: Day?

    public init(id: String, caseID: String, clientID: String, pathway: PathwayKey, filedOn: Day, decidedOn: Day? = nil,
                outcome: Outcome = .pending, permitUntil: Day? = nil) {
        self.id = id; self.caseID = caseID; self.clientID = clientID; self.pathway = pathway; self.filedOn = filedOn
        self.decidedOn = decidedOn; self.outcome = outcome; self.permitUntil = permitUntil
    }
}

public enum ApplicationRules {
    /// The status a grant under `pathway` gives: a residence permit with its basis, or for §§ 60c/60d the Duldung.
    public static func grantedStatus(_ pathway: PathwayKey) -> (kind: StatusKind, basis: String?) {
        switch pathway {
        case .p60c: return (.duldung60c, nil)
        case .p60d: return (.duldung60d, nil)
        default: return (.aufenthaltserlaubnis, pathway.grantedBasis)
        }
    }

    public enum GrantError: Error, Equatable, Sendable {
        /// The grant day is not after the start of the current period (German message for the form).
        case beforeCurrentPeriod(String)
        /// The recorded history ends days before the grant: the days between would be an unexplained gap.
        case gapBeforeGrant(String)
        case untilBeforeGrant(String)
        /// Longer than the law lets the permit be granted for.
        case untilTooLong(String)
    }

    /// The longest validity of a first grant: § 25a and § 25 Abs. 5 three years (§ 26 Abs. 1 S. 1), § 25b two years
    /// (§ 25b Abs. 5 S. 1), § 104c 18 months (§ 104c Abs. 3); nil where the law sets no such maximum (the training
    /// contract, the Duldungen). ../shared/law/spec/02-25a.md, 03-25b.md, 04-104c.md, 10-25-5.md.
    public static func longestValidity(_ pathway: PathwayKey) -> (months: Int, text: String, citation: String)? {
        switch pathway {
        case .p25a, .p25a2: return (36, "drei Jahre", "§ 26 Abs. 1 S. 1 AufenthG")
        case .p25_5: return (36, "drei Jahre", "§ 26 Abs. 1 S. 1 AufenthG")
        case .p25b, .p25b4, .p25b6: return (24, "zwei Jahre", "§ 25b Abs. 5 S. 1 AufenthG")
        case .p104c: return (18, "18 Monate", "§ 104c Abs. 3 AufenthG")
        default: return nil
        }
    }

    /// The status history after a grant on `day`: the period running then ends the day before, the new one starts
    /// on `day` (open-ended, valid until `until`). Later periods would contradict the grant and are refused.
    public static func history(afterGranting pathway: PathwayKey, on day: Day, until: Day?, to periods: [StatusPeriod]) -> Result<[StatusPeriod], GrantError> {
        if let u = until, u < day { return .failure(.untilBeforeGrant("Die Gültigkeit endet vor der Erteilung.")) }
        if let u = until, let max = longestValidity(pathway), u >= day.adding(months: max.months) {
            return .failure(.untilTooLong("Eine Aufenthaltserlaubnis nach \(pathway.title) wird für höchstens \(max.text) erteilt (\(max.citation)): gültig bis spätestens \(day.adding(months: max.months).adding(days: -1).german)."))
        }
        var out = periods.sorted { $0.from < $1.from }
        if let last = out.last, last.from >= day {
            return .failure(.beforeCurrentPeriod("Die Erteilung (\(day.german)) muss nach dem Beginn des letzten Zeitraums (\(last.from.german)) liegen."))
        }
        if var last = out.popLast() {
            if let end = last.to, end.adding(days: 1) < day {
                return .failure(.gapBeforeGrant("Der Statusverlauf endet am \(end.german), die Erteilung ist am \(day.german): die Tage dazwischen sind nicht erfasst. Bitte zuerst im Statusverlauf eintragen, wie es weiterging (etwa die Duldung bis zur Erteilung), dann die Entscheidung."))
            }
            if last.to == nil || last.to! >= day { last.to = day.adding(days: -1) }
            out.append(last)
        }
        let status = grantedStatus(pathway)
        out.append(StatusPeriod(kind: status.kind, from: day, basis: status.basis, validUntil: until))
        return .success(out)
    }

    /// How the period running at a grant ended before the grant cut it: `open`, on a day, or there was none.
    public enum PreviousEnd: Sendable, Equatable {
        case open, on(Day), none

        /// Stored with the application: "" open, an ISO day, "-" none.
        public var code: String { switch self { case .open: ""; case .on(let d): d.iso; case .none: "-" } }
        public init?(code: String?) {
            switch code {
            case nil: return nil
            case ""?: self = .open
            case "-"?: self = .none
            case let c?: guard let d = Day(iso: c) else { return nil }; self = .on(d)
            }
        }
    }

    /// The end of the period a grant on `day` would cut, before the cut (kept to undo a grant recorded in error).
    public static func previousEnd(of periods: [StatusPeriod]) -> PreviousEnd {
        guard let last = periods.max(by: { $0.from < $1.from }) else { return .none }
        return last.to.map { .on($0) } ?? .open
    }

    /// The status history with a grant recorded in error taken out again: the grant's period goes and the one before
    /// ends as it did before the grant. Nil when the history no longer ends with that grant (it was changed by hand
    /// since): then it is left as it is, for the counselor to check.
    /// `until`: the validity recorded with the grant; a period changed in any way since (QA23 F9: its validity) is the
    /// counselor's correction and stays.
    public static func history(undoingGrantOf pathway: PathwayKey, on day: Day, until: Day?, previousEnd: PreviousEnd?, from periods: [StatusPeriod]) -> [StatusPeriod]? {
        var out = periods.sorted { $0.from < $1.from }
        let status = grantedStatus(pathway)
        guard let previousEnd, let last = out.last, last == StatusPeriod(kind: status.kind, from: day, basis: status.basis, validUntil: until) else { return nil }
        out.removeLast()
        switch previousEnd {
        case .none: guard out.isEmpty else { return nil }
        case .open, .on:
            guard var before = out.popLast(), before.to == day.adding(days: -1) || before.to.map({ $0 < day }) == true else { return nil }
            if case .on(let d) = previousEnd { before.to = d } else { before.to = nil }
            out.append(before)
        }
        return out
    }
}
