// German language levels from certificates (§ 2 Abs. 10, 11 AufenthG).

extension Person {
    /// Highest oral level certified by `day` (scope oral or full); nil if `german` is not given.
    func oralLevel(by day: Day) -> LanguageLevel?? {
        guard let german else { return .none }
        return .some(german.filter { $0.scope != .written && $0.date <= day }.map(\.level).max())
    }

    /// Highest written level certified by `day` (scope written or full).
    func writtenLevel(by day: Day) -> LanguageLevel?? {
        guard let german else { return .none }
        return .some(german.filter { $0.scope != .oral && $0.date <= day }.map(\.level).max())
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
