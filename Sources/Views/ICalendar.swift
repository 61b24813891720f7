import Counseling
import Eligibility

/// A counselor's appointments as an iCalendar feed (RFC 5545). It leaves the service on every calendar sync, so it
/// names no client: only time, language and state. No free text goes out (QA of 06.12.2026: "Hausbesuch bei …,
/// Tel. …" typed as the place reached the feed): the place stays in the application, a language outside the list
/// is "andere Sprache".
public enum ICalendar {
    /// - Parameter stamp: the DTSTAMP, UTC as `YYYYMMDDTHHMMSSZ`.
    public static func feed(_ appointments: [Appointment], name: String, stamp: String) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Bleibe//Beratungstermine//DE", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:\(text(name))", "X-WR-TIMEZONE:Europe/Berlin"]
        lines += berlin
        for a in appointments {
            let end = a.startMinute + a.durationMinutes
            let endDay = a.day.adding(days: end / (24 * 60))
            lines += [
                "BEGIN:VEVENT",
                "UID:\(a.id)@bleibe",
                "DTSTAMP:\(stamp)",
                // A move changes the event's times under the same UID: the sequence tells a calendar to replace it.
                "SEQUENCE:\(a.sequence)",
                "DTSTART;TZID=Europe/Berlin:\(local(a.day, a.startMinute))",
                "DTEND;TZID=Europe/Berlin:\(local(endDay, end % (24 * 60)))",
                // The mode is no free text: a phone appointment is seen as such in the calendar.
                "SUMMARY:\(text("Beratungstermin\(a.mode == .inPerson ? "" : " " + a.mode.german) (\(a.state.german))"))",
                "DESCRIPTION:\(text("Sprache: \(CounselingLanguages.common.contains(a.language) ? a.language : "andere Sprache"). Angefragt: \(a.requestedVia.german). Ort: siehe Bleibe."))",
                "STATUS:\(a.state == .confirmed ? "CONFIRMED" : a.state == .cancelled ? "CANCELLED" : "TENTATIVE")",
            ]
            if let changed = a.updatedAt { lines.append("LAST-MODIFIED:" + utc(changed)) }
            lines += [
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// A stored timestamp ("2026-11-22T08:00:00.000Z") as an iCalendar UTC time ("20261122T080000Z").
    public static func utc(_ timestamp: String) -> String {
        String(timestamp.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "").prefix(15)) + "Z"
    }

    static func local(_ d: Day, _ minute: Int) -> String {
        d.iso.replacingOccurrences(of: "-", with: "") + "T" + Appointment.clock(minute).replacingOccurrences(of: ":", with: "") + "00"
    }

    /// TEXT escaping of RFC 5545 § 3.3.11.
    static func text(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;").replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets continue on the next line after a space (never inside a UTF-8 sequence).
    static func fold(_ line: String) -> String {
        var out = "", count = 0
        for ch in line {
            let n = String(ch).utf8.count
            if count + n > 75 { out += "\r\n "; count = 1 }
            out.append(ch); count += n
        }
        return out
    }

    static let berlin = [
        "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]
}
