import Eligibility
import Foundation

/// Moments (stored as ISO 8601 in UTC) as staff read them: German format, in Germany's time.
/// Legal dates are `Day`s and never pass through here.
public enum GermanTime {
    static let zone = TimeZone(identifier: "Europe/Berlin")
    static let utc: Calendar = { var c = Calendar(identifier: .gregorian); c.timeZone = TimeZone(identifier: "UTC")!; return c }()
    static let local: Calendar = { var c = Calendar(identifier: .gregorian); c.timeZone = zone ?? utc.timeZone; return c }()

    /// "2026-12-05T02:38:12.345Z" → "05.12.2026, 03:38"; the text itself if it is not such a moment.
    public static func format(_ iso: String) -> String {
        guard let c = components(iso) else { return iso }
        let text = String(format: "%02d.%02d.%04d, %02d:%02d", c.day!, c.month!, c.year!, c.hour!, c.minute!)
        return zone == nil ? text + " UTC" : text
    }

    /// The calendar day in Germany of a moment: "2026-12-05T23:30:00Z" → "06.12.2026".
    public static func day(_ iso: String) -> String {
        guard let c = components(iso) else { return iso }
        return String(format: "%02d.%02d.%04d", c.day!, c.month!, c.year!)
    }

    /// The moment a calendar day begins in Germany, as moments are stored (ISO 8601, UTC):
    /// 05.12.2026 → "2026-12-04T23:00:00.000Z". A period of days selects the moments from its first day's start up to
    /// the start of the day after its last.
    public static func start(of day: Day) -> String {
        let (y, m, d) = day.components
        guard let date = local.date(from: DateComponents(year: y, month: m, day: d)) else { return "\(day.iso)T00:00:00.000Z" }
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:00.000Z", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    static func components(_ iso: String) -> DateComponents? {
        let parts = iso.split(whereSeparator: { "-T:.Z".contains($0) }).prefix(6).map { Int($0) }
        guard parts.count >= 5, !parts.contains(nil) else { return nil }
        let p = parts.map { $0! }
        guard let date = utc.date(from: DateComponents(year: p[0], month: p[1], day: p[2], hour: p[3], minute: p[4], second: p.count > 5 ? p[5] : 0)) else { return nil }
        return local.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    }
}
