// German language levels from certificates (§ 2 Abs. 10, 11 AufenthG).

extension Person {
    /// The highest level among the certificates that count (a loop: called for every sheet, no arrays built).
    private static func highest(_ certificates: [GermanCertificate], where counts: (GermanCertificate) -> Bool) -> LanguageLevel? {
        var best: LanguageLevel?
        for c in certificates where counts(c) { if best.map({ c.level > $0 }) ?? true { best = c.level } }
        return best
    }

    /// Highest oral level certified by `day` (scope oral or full); nil if `german` is not given.
    func oralLevel(by day: Day) -> LanguageLevel?? {
        guard let german else { return .none }
        return .some(Self.highest(german) { $0.scope != .written && $0.date <= day })
    }

    /// Highest written level certified by `day` (scope written or full).
    func writtenLevel(by day: Day) -> LanguageLevel?? {
        guard let german else { return .none }
        return .some(Self.highest(german) { $0.scope != .oral && $0.date <= day })
    }

    /// Oral level at least `level` by `day`; nil if unknown.
    func hasOral(_ level: LanguageLevel, by day: Day) -> Bool? {
        guard let l = oralLevel(by: day) else { return nil }
        return l.map { $0 >= level } ?? false
    }

    func hasWritten(_ level: LanguageLevel, by day: Day) -> Bool? {
        guard let l = writtenLevel(by: day) else { return nil }
        return l.map { $0 >= level } ?? false
    }
}
