/// The status history as a gap-free sequence of segments: recorded periods, and the unrecorded days between
/// `entered` and the last period (and after a closed last period), whose status is unknown (K4).
public struct Timeline: Sendable {
    public struct Segment: Sendable {
        public var from: Day
        /// Last day, inclusive; `Day.distantFuture` for an open-ended period.
        public var to: Day
        /// nil = unrecorded day (status unknown).
        public var period: StatusPeriod?
    }

    public let segments: [Segment]
    /// False when the person has no status history at all.
    public let isKnown: Bool

    public init(status: [StatusPeriod]?, entered: Day?) {
        guard let status, !status.isEmpty else {
            self.segments = []
            self.isKnown = false
            return
        }
        var segs: [Segment] = []
        segs.reserveCapacity(status.count * 2 + 1)
        if let e = entered, e < status[0].from {
            segs.append(Segment(from: e, to: status[0].from.adding(days: -1), period: nil))
        }
        for (i, p) in status.enumerated() {
            if i > 0 {
                let prevEnd = segs[segs.count - 1].to
                if prevEnd.adding(days: 1) < p.from {
                    segs.append(Segment(from: prevEnd.adding(days: 1), to: p.from.adding(days: -1), period: nil))
                }
            }
            segs.append(Segment(from: p.from, to: p.to ?? .distantFuture, period: p))
        }
        if let last = segs.last, last.to < .distantFuture {
            segs.append(Segment(from: last.to.adding(days: 1), to: .distantFuture, period: nil))
        }
        self.segments = segs
        self.isKnown = true
    }

    /// Index of the segment covering `day`, or nil if the day lies before the history begins.
    public func index(of day: Day) -> Int? {
        var i = segments.count - 1
        while i >= 0 {
            if segments[i].from <= day { return day <= segments[i].to ? i : nil }
            i -= 1
        }
        return nil
    }

    /// The status on `day`: `.known(period)`, `.unrecorded` (unknown, K4), or `.beforeHistory` before the history begins.
    public func status(on day: Day) -> StatusOnDay {
        guard isKnown else { return .unrecorded }
        guard let i = index(of: day) else { return .beforeHistory }
        if let p = segments[i].period { return .known(p) }
        return .unrecorded
    }
}

public enum StatusOnDay: Sendable {
    case known(StatusPeriod)
    case unrecorded
    case beforeHistory

    public var period: StatusPeriod? { if case .known(let p) = self { return p } else { return nil } }
}
