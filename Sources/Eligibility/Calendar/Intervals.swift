/// Runs of days given by periods that may overlap and come in any order (a list of facts is not sorted, and two
/// jobs or classes may run side by side).
enum Intervals {
    /// The days covered by closed intervals, each day counted once (spec/01-common.md 1.7.4: a day of school
    /// attended in two classes is one day).
    static func coveredDays(_ intervals: [(from: Day, to: Day)]) -> Int {
        var total = 0
        var runStart: Day? = nil, runEnd = Day(ordinal: 0)
        for (from, to) in intervals.sorted(by: { $0.from < $1.from }) where from <= to {
            if runStart != nil, from <= runEnd.adding(days: 1) {
                if to > runEnd { runEnd = to }
            } else {
                if let s = runStart { total += s.days(to: runEnd) + 1 }
                runStart = from; runEnd = to
            }
        }
        if let s = runStart { total += s.days(to: runEnd) + 1 }
        return total
    }

    /// K5: the first day of the continuous run of periods covering `day`, made of periods that are adjacent (the next
    /// begins on the day after one ends) or overlap, in any order; nil if none covers `day`. An open period (`to`
    /// nil) runs on.
    static func runStart(covering day: Day, _ periods: [(from: Day, to: Day?)]) -> Day? {
        guard var start = periods.filter({ $0.from <= day && ($0.to.map { day <= $0 } ?? true) }).map(\.from).min() else { return nil }
        var extended = true
        while extended {
            extended = false
            for p in periods where p.from < start && (p.to.map { $0.adding(days: 1) >= start } ?? true) {
                start = p.from; extended = true
            }
        }
        return start
    }
}
