import Eligibility

/// Builds a status history oldest first, without overlaps, every period within `start...today`, only the last one
/// open-ended.
struct HistoryBuilder {
    let today: Day
    private(set) var periods: [StatusPeriod] = []
    /// The first day not yet covered.
    private(set) var next: Day

    init(start: Day, today: Day) { self.next = start; self.today = today }

    /// Adds a closed period from `next` through `last` (at most yesterday); nothing if there is no room.
    mutating func close(_ kind: StatusKind, through last: Day, basis: String? = nil, validUntil: Day? = nil,
                        holder: DuldungHolder = .main, fiktion: FiktionKind? = nil, continues: String? = nil) {
        let end = min(last, today.adding(days: -1))
        guard end >= next else { return }
        periods.append(StatusPeriod(kind: kind, from: next, to: end, basis: basis, validUntil: validUntil,
                                    holder: holder, fiktion: fiktion, continues: continues))
        next = end.adding(days: 1)
    }

    /// Adds the open-ended last period from `next`. If `next` lies after today, the last period is kept open instead.
    mutating func open(_ kind: StatusKind, basis: String? = nil, validUntil: Day? = nil, holder: DuldungHolder = .main,
                       fiktion: FiktionKind? = nil, continues: String? = nil) {
        if next > today, !periods.isEmpty {
            periods[periods.count - 1].to = nil
            let last = periods[periods.count - 1]
            if last.kind.isDuldung, last.validUntil == nil { periods[periods.count - 1].validUntil = Self.certificateEnd(from: last.from, today: today) }
            return
        }
        let from = min(next, today)
        periods.append(StatusPeriod(kind: kind, from: from, to: nil, basis: basis,
                                    validUntil: validUntil ?? (kind.isDuldung ? Self.certificateEnd(from: from, today: today) : nil),
                                    holder: holder, fiktion: fiktion, continues: continues))
        next = today.adding(days: 1)
    }

    /// A Duldung's certificate (§ 60a Abs. 4 AufenthG) is issued for months at a time and renewed: here every six
    /// months from the period's start, so the current one ends within the next six months.
    static func certificateEnd(from: Day, today: Day) -> Day {
        var k = 1
        while from.adding(months: 6 * k).adding(days: -1) < today { k += 1 }
        return from.adding(months: 6 * k).adding(days: -1)
    }
}

/// How a family member's status follows the main adult's.
enum FamilyStatus {
    /// The history of a spouse or child from `start` (arrival or birth), derived from the main adult's: a § 60d
    /// Duldung becomes the spouse's or child's § 60d Duldung, the main adult's own § 60b and § 60c Duldung a
    /// plain Duldung; arrival days without status are kept only for someone who arrived with the family.
    static func derive(from main: [StatusPeriod], start: Day, holder: DuldungHolder) -> [StatusPeriod] {
        var out: [StatusPeriod] = []
        for p in main {
            if let to = p.to, to < start { continue }
            var q = p
            q.from = max(p.from, start)
            switch p.kind {
            case .duldung60b, .duldung60c: q.kind = .duldung
            case .duldung60d: q.holder = holder
            case .none where p.from < start: continue
            default: break
            }
            if let last = out.last, last.kind == q.kind, last.holder == q.holder, last.basis == q.basis,
               last.fiktion == q.fiktion, let lastTo = last.to, lastTo.adding(days: 1) == q.from {
                out[out.count - 1].to = q.to
                out[out.count - 1].validUntil = q.validUntil
            } else {
                out.append(q)
            }
        }
        return out
    }
}
