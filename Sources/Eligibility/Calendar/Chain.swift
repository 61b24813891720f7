/// How one status period counts towards a required period (spec/01-common.md §1.7.1).
public enum DayClass: Sendable {
    /// The day qualifies ("Q").
    case qualifies
    /// The day cannot be part of the chain ("break").
    case breaks
    /// `none` / `abroad`: handled by the gap rules (§1.7.2).
    case gap
    /// A § 60b day: reading A breaks, reading B skips (U3, §1.7.3).
    case u3
}

/// The gap rule of a period condition (spec/01-common.md §1.7.2).
public enum GapRule: Sendable {
    /// § 25b Nr. 1: ≤ 7 days harmless; the first gap of 8 days to 3 months harmless (BMI); longer ones break.
    case bmi
    /// § 25a: ≤ 7 days harmless; 8 days to 3 months open (U12); longer ones break.
    case u12
    /// Old § 104c: every gap breaks.
    case strict
    /// § 60c, § 60d, § 25 Abs. 5, § 25b Abs. 6: ≤ 7 days harmless, longer ones break.
    case shortOnly
}

/// A required length of a chain.
public enum Length: Sendable, Hashable {
    case years(Int), months(Int)
    func added(to d: Day) -> Day {
        switch self {
        case .years(let n): return d.adding(years: n)
        case .months(let n): return d.adding(months: n)
        }
    }
}

/// Sources of uncertainty a chain walk can meet; each has an optimistic and a pessimistic reading.
public enum ChainDoubt: String, Sendable, CaseIterable {
    case u3 = "U3", u12 = "U12", status = "status"
    var bit: UInt8 { switch self { case .u3: 1; case .u12: 2; case .status: 4 } }
}

/// A small set of doubts (a bit mask: the walk runs in the engine's hot path).
struct Doubts: Equatable {
    var bits: UInt8 = 0
    static let none = Doubts()
    init() {}
    init(_ d: ChainDoubt) { bits = d.bit }
    func contains(_ d: ChainDoubt) -> Bool { bits & d.bit != 0 }
    mutating func insert(_ d: ChainDoubt) { bits |= d.bit }
    var isEmpty: Bool { bits == 0 }
}

/// The state of a period condition under one reading.
public enum ChainState: Sendable, Hashable {
    case met
    /// Not yet met; met from the day given if the current status continues.
    case time(Day)
    /// The status on the reference day does not qualify: time alone will not cure it.
    case fails
}

/// The result of a period condition over all readings: decided, or open because readings differ.
public struct ChainVerdict: Sendable {
    public var state: ChainState?
    /// The doubts whose reading decides the outcome (empty when decided).
    public var open: [String]
    /// Per-reading results when they differ (optimistic first), for the answer's notes.
    public var readings: (optimistic: ChainState, pessimistic: ChainState)?
    /// When decided: the first day the period is (or was) complete, for the ±1-day flag (spec/01-common.md §1.8).
    public var due: Day?
}

/// Computes uninterrupted periods over a timeline (engine conventions K1–K4, spec/01-common.md §1.7).
public struct ChainRule: Sendable {
    public let classify: @Sendable (StatusPeriod) -> DayClass
    public let gapRule: GapRule

    public init(gapRule: GapRule, classify: @escaping @Sendable (StatusPeriod) -> DayClass) {
        self.classify = classify; self.gapRule = gapRule
    }

    /// Evaluates whether a chain covering `reference` has lasted `length`, under every reading of the doubts met.
    public func verdict(_ timeline: Timeline, reference: Day, length: Length) -> ChainVerdict {
        // No status history at all: the fact `status` is missing, so the period is open, not failed (CASES.md §4:
        // the pathway needs `status`; an omitted fact is unknown).
        guard timeline.isKnown else { return ChainVerdict(state: nil, open: [ChainDoubt.status.rawValue]) }
        var met = Doubts()
        var due: Day? = nil
        let optimistic = walk(timeline, reference, length, pessimistic: .none, encountered: &met, due: &due)
        if met.isEmpty { return ChainVerdict(state: optimistic, open: [], due: due) }
        var ignore = Doubts()
        var unused: Day? = nil
        let pessimistic = walk(timeline, reference, length, pessimistic: met, encountered: &ignore, due: &unused)
        if pessimistic == optimistic { return ChainVerdict(state: optimistic, open: [], due: due == unused ? due : nil) }
        var deciding: [String] = []
        for doubt in ChainDoubt.allCases where met.contains(doubt) {
            if walk(timeline, reference, length, pessimistic: Doubts(doubt), encountered: &ignore, due: &unused) != optimistic {
                deciding.append(doubt.rawValue)
            }
        }
        if deciding.isEmpty { deciding = ChainDoubt.allCases.filter(met.contains).map(\.rawValue) }
        return ChainVerdict(state: nil, open: deciding, readings: (optimistic, pessimistic))
    }

    private enum Resolved { case qualifies, skip, breaks, gap }

    private func resolve(_ seg: Timeline.Segment, _ pessimistic: Doubts, _ encountered: inout Doubts) -> Resolved {
        guard let p = seg.period else {
            encountered.insert(.status)
            return pessimistic.contains(.status) ? .breaks : .qualifies
        }
        switch classify(p) {
        case .qualifies: return .qualifies
        case .breaks: return .breaks
        case .gap: return .gap
        case .u3:
            encountered.insert(.u3)
            return pessimistic.contains(.u3) ? .breaks : .skip
        }
    }

    /// One walk backwards from the reference day under one reading.
    private func walk(_ t: Timeline, _ r: Day, _ length: Length, pessimistic: Doubts,
                      encountered: inout Doubts, due dueOut: inout Day?) -> ChainState {
        guard let iR = t.index(of: r) else { return .fails }
        let segs = t.segments
        let first = resolve(segs[iR], pessimistic, &encountered)
        guard first == .qualifies || first == .skip else { return .fails }
        var start = segs[iR].from
        var nonCounted = first == .skip ? segs[iR].from.days(to: r) + 1 : 0
        var mediumGapUsed = false
        var i = iR - 1
        walking: while i >= 0 {
            let cls = resolve(segs[i], pessimistic, &encountered)
            switch cls {
            case .qualifies:
                start = segs[i].from
                i -= 1
            case .skip:
                start = segs[i].from
                nonCounted += segs[i].from.days(to: segs[i].to) + 1
                i -= 1
            case .breaks:
                break walking
            case .gap:
                // A maximal run of gap days; it is a gap only if a counting day lies before it.
                var j = i
                while j - 1 >= 0, segs[j - 1].period.map({ classify($0) == .gap }) == true { j -= 1 }
                guard j - 1 >= 0 else { break walking }
                let before = resolve(segs[j - 1], pessimistic, &encountered)
                guard before == .qualifies || before == .skip else { break walking }
                let gapFrom = segs[j].from, gapTo = segs[i].to
                let days = gapFrom.days(to: gapTo) + 1
                let withinThreeMonths = gapTo.adding(days: 1) <= gapFrom.adding(months: 3)
                var harmless: Bool
                switch gapRule {
                case .strict: harmless = false
                case .shortOnly: harmless = days <= 7
                case .bmi:
                    if days <= 7 { harmless = true } else if withinThreeMonths && !mediumGapUsed {
                        harmless = true; mediumGapUsed = true
                    } else { harmless = false }
                case .u12:
                    if days <= 7 { harmless = true } else if withinThreeMonths {
                        encountered.insert(.u12)
                        harmless = !pessimistic.contains(.u12)
                    } else { harmless = false }
                }
                guard harmless else { break walking }
                nonCounted += days       // K3: harmless gap days are not counted
                start = gapFrom
                i = j - 1
            }
        }
        if first == .skip && segs[iR].to >= Day.distantFuture {
            // The reference day itself is not counted and the status continues: time alone cannot help.
            let due = length.added(to: start.adding(days: nonCounted))
            dueOut = due
            return due <= r ? .met : .fails
        }
        let due = length.added(to: start.adding(days: nonCounted))
        dueOut = due
        return due <= r ? .met : .time(due)
    }
}
