import Eligibility
import Foundation

/// UTC timestamps as ISO-8601 text with milliseconds (`2026-11-22T08:00:00.000Z`), formatted and parsed by hand:
/// they are written on every request, and Foundation's formatters are slow to create and not cheap to use.
public enum Timestamp {
    public static func string(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let days = Int32(floorDiv(ms, 86_400_000))
        var rest = ms - Int64(days) * 86_400_000
        let h = rest / 3_600_000; rest -= h * 3_600_000
        let m = rest / 60_000; rest -= m * 60_000
        let s = rest / 1000, milli = rest - s * 1000
        return Day(ordinal: days).iso + "T" + pad(h, 2) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(milli, 3) + "Z"
    }

    public static func date(_ text: String) -> Date? {
        let u = Array(text.utf8)
        guard u.count >= 20, u[10] == 84, let day = Day(iso: text.prefix(10)) else { return nil }
        func num(_ a: Int, _ n: Int) -> Int64? {
            var v: Int64 = 0
            for i in a..<(a + n) { let c = Int64(u[i]) - 48; guard (0...9).contains(c) else { return nil }; v = v * 10 + c }
            return v
        }
        guard let h = num(11, 2), let m = num(14, 2), let s = num(17, 2) else { return nil }
        let milli = u.count >= 24 && u[19] == 46 ? (num(20, 3) ?? 0) : 0
        let ms = Int64(day.ordinal) * 86_400_000 + h * 3_600_000 + m * 60_000 + s * 1000 + milli
        return Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
    private static func pad(_ v: Int64, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
}
