/// A calendar day without time or time zone: the unit of every legal date in Bleibe.
///
/// Stored as the number of days since 1970-01-01 (proleptic Gregorian calendar), so comparing and
/// counting days is integer arithmetic. Adding months or years follows engine convention K1: the day
/// of the month is kept; where it does not exist in the target month, the last day of that month is used.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int32

    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// Creates a day from year, month (1–12) and day (1–31); returns nil for a date that does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year),
              (1...9999).contains(year) else { return nil }
        self.ordinal = Int32(Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// Creates a day from an ISO `YYYY-MM-DD` string; returns nil if the text is not a valid date.
    public init?(iso text: some StringProtocol) {
        // Straight from the string's bytes where they are contiguous (screening parses millions of dates).
        guard let parsed = text.utf8.withContiguousStorageIfAvailable({ Day.parseISO($0) }) ?? Day.parseISO(Array(text.utf8)) else { return nil }
        self = parsed
    }

    /// `TT.MM.JJJJ` (also `T.M.JJJJ`), as German forms and spreadsheet exports write dates.
    public init?(german text: some StringProtocol) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), let day = Day(year: y, month: m, day: d) else { return nil }
        self = day
    }

    private static func parseISO<C: RandomAccessCollection>(_ u: C) -> Day? where C.Element == UInt8, C.Index == Int {
        guard u.count == 10 else { return nil }
        let b = u.startIndex
        guard u[b + 4] == 45, u[b + 7] == 45 else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { let c = Int(u[b + i]) - 48; guard (0...9).contains(c) else { return nil }; v = v * 10 + c }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// Year, month and day of the month.
    public var components: (year: Int, month: Int, day: Int) { Day.civil(fromDays: Int(ordinal)) }
    public var year: Int { components.year }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let (y, m, d) = components
        return Day.written(y, m, d, yearFirst: true, separator: 45) ?? pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// German format `TT.MM.JJJJ`.
    public var german: String {
        let (y, m, d) = components
        return Day.written(y, m, d, yearFirst: false, separator: 46) ?? pad(d, 2) + "." + pad(m, 2) + "." + pad(y, 4)
    }

    /// The date's ten characters written in place (a screening writes a date per pathway and row); nil for a year
    /// outside 0–9999, which arithmetic far from today can reach.
    private static func written(_ y: Int, _ m: Int, _ d: Int, yearFirst: Bool, separator: UInt8) -> String? {
        guard (0...9999).contains(y) else { return nil }
        return String(unsafeUninitializedCapacity: 10) { out in
            func put(_ value: Int, at i: Int, width: Int) {
                var v = value
                for k in stride(from: width - 1, through: 0, by: -1) { out[i + k] = UInt8(48 + v % 10); v /= 10 }
            }
            if yearFirst { put(y, at: 0, width: 4); put(m, at: 5, width: 2); put(d, at: 8, width: 2); out[4] = separator; out[7] = separator }
            else { put(d, at: 0, width: 2); put(m, at: 3, width: 2); put(y, at: 6, width: 4); out[2] = separator; out[5] = separator }
            return 10
        }
    }

    public var description: String { iso }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    /// The day `n` days later (earlier for negative `n`).
    public func adding(days n: Int) -> Day { Day(ordinal: ordinal + Int32(n)) }

    /// The same day of the month `n` months later, clamped to the month's last day (K1).
    public func adding(months n: Int) -> Day {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + n
        let ny = total / 12, nm = total % 12 + 1
        // Not through `init?(year:…)`: arithmetic may leave the years 1–9999 that a date may be written with (a
        // 27th birthday of someone "born" in 9999); the day exists all the same.
        return Day(ordinal: Int32(Day.daysFromCivil(year: ny, month: nm, day: min(d, Day.daysIn(month: nm, year: ny)))))
    }

    /// The same calendar day `n` years later; 29 February becomes 28 February in a non-leap year (K1).
    public func adding(years n: Int) -> Day { adding(months: 12 * n) }

    /// Number of days from `self` to `other` (positive if `other` is later).
    public func days(to other: Day) -> Int { Int(other.ordinal - ordinal) }

    /// The day a person born on `self` turns `age` (their `age`-th birthday).
    public func birthday(_ age: Int) -> Day { adding(years: age) }

    /// Age in completed years on `day` of a person born on `self` (age N from the N-th birthday on).
    public func age(on day: Day) -> Int {
        var age = day.year - year
        if age > 0, birthday(age) > day { age -= 1 }
        return max(age, day < self ? -1 : 0)
    }

    public static let distantFuture = Day(ordinal: Int32(Day.daysFromCivil(year: 9999, month: 12, day: 31)))
    public static let distantPast = Day(ordinal: Int32(Day.daysFromCivil(year: 1, month: 1, day: 1)))

    // MARK: - Civil calendar (H. Hinnant's algorithms)

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

private func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension Day {
    /// A day literal for rule tables and tests: `Day("2022-12-31")`. Traps on an invalid literal.
    public init(_ iso: StaticString) {
        // Parsed from the literal's bytes: a rule compares with a literal on every evaluation, so no string is built.
        guard let d = Day.parseISO(UnsafeBufferPointer(start: iso.utf8Start, count: iso.utf8CodeUnitCount)) else { preconditionFailure("invalid day literal \(iso)") }
        self = d
    }
}
