import Eligibility

/// Checks an edited status history before it is saved: periods in order, without overlaps and without gaps that
/// nothing explains (a gap must be recorded as "ohne Status" or "im Ausland"). Messages are German, keyed by row
/// (`p0`, `p1`, …) or `history` for the whole list.
public enum StatusHistoryRules {
    /// A key of `problems` as the API names the place: `p3` → `[3]`, `p3_to` → `[3].to`, `history` → ``.
    public static func apiPath(_ key: String) -> String {
        guard key.hasPrefix("p") else { return "" }
        let parts = key.dropFirst().split(separator: "_", maxSplits: 1)
        return "[\(parts[0])]" + (parts.count > 1 ? "." + parts[1] : "")
    }

    public static func problems(_ periods: [StatusPeriod], entered: Day?, born: Day? = nil, today: Day) -> [String: String] {
        var out: [String: String] = [:]
        for (i, p) in periods.enumerated() {
            let key = "p\(i)"
            // At the field that is wrong (`p0_to`, `p0_valid_until`; QA of 05.12.2026: marked at "von").
            if let t = p.to, t < p.from { out[key + "_to"] = "Zeile \(i + 1): „bis“ liegt vor „von“."; continue }
            // Not the end of the row's checks: a "von" in the future is said in the same pass (QA of 06.12.2026: it came
            // only after the next submit).
            if let v = p.validUntil, v < p.from { out[key + "_valid_until"] = "Zeile \(i + 1): „gültig bis“ liegt vor „von“." }
            if p.from > today { out[key] = "Zeile \(i + 1): Der Zeitraum beginnt in der Zukunft."; continue }
            if out[key + "_valid_until"] != nil { continue }
            if let t = p.to, t > today { out[key + "_to"] = "Zeile \(i + 1): „bis“ liegt in der Zukunft – lassen Sie „bis“ leer, wenn der Status andauert."; continue }
            // Each at the field it is about (QA29 F2: these were marked at "von").
            if p.to == nil && i != periods.count - 1 { out[key + "_to"] = "Zeile \(i + 1): Nur der letzte Zeitraum darf ohne Enddatum sein."; continue }
            if p.kind == .aufenthaltserlaubnis && (p.basis ?? "").isEmpty { out[key + "_basis"] = "Zeile \(i + 1): Bitte die Rechtsgrundlage der Aufenthaltserlaubnis angeben (z. B. 104c, 25b)."; continue }
            // A basis belongs to a residence permit only (CASES.md § 3.2); on a Duldung it would be kept and mislead
            // (QA20 L8).
            if p.kind != .aufenthaltserlaubnis, !(p.basis ?? "").isEmpty { out[key + "_basis"] = "Zeile \(i + 1): Eine Rechtsgrundlage gehört nur zu einer Aufenthaltserlaubnis – bitte leer lassen oder den Status „Aufenthaltserlaubnis“ wählen."; continue }
            for (field, code) in [("_basis", p.basis), ("_continues", p.continues)] {
                guard let code, !Self.isBasis(code) else { continue }
                out[key + field] = "Zeile \(i + 1): „\(Typed.echo(code))“ ist keine Rechtsgrundlage einer Aufenthaltserlaubnis in Kurzform (Paragraph, Buchstabe, Absatz wie 25b, 104c, 25-5 oder 19d-1a)."
            }
            if out[key + "_basis"] != nil || out[key + "_continues"] != nil { continue }
            if p.kind == .fiktion && p.fiktion == nil { out[key + "_fiktion"] = "Zeile \(i + 1): Bitte die Art der Fiktion angeben."; continue }
            if p.fiktion == .continuation && (p.continues ?? "").isEmpty { out[key + "_continues"] = "Zeile \(i + 1): Bitte angeben, welcher Titel fortgilt (z. B. 104c)."; continue }
            if p.kind == .duldung60b && p.from < Day("2019-08-01") { out[key] = "Zeile \(i + 1): Eine Duldung nach § 60b gibt es erst seit August 2019."; continue }
            if let first = p.firstPossibleDay, p.from < first.day {
                out[key] = "Zeile \(i + 1): \(first.provision) gilt erst seit dem \(first.day.german); ein solcher Zeitraum kann nicht früher beginnen."; continue
            }
            if i > 0 {
                let prev = periods[i - 1]
                guard let prevTo = prev.to else { continue }
                if p.from <= prevTo {
                    out[key] = "Zeile \(i + 1): Überschneidet sich mit Zeile \(i) (bis \(prevTo.german))."
                } else if prevTo.adding(days: 1) < p.from {
                    out[key] = "Zeile \(i + 1): Lücke vom \(prevTo.adding(days: 1).german) bis \(p.from.adding(days: -1).german) – bitte als „ohne Status“ oder „im Ausland“ erfassen."
                }
            }
        }
        if let b = born, let first = periods.first, first.from < b {
            out["p0"] = out["p0"] ?? "Zeile 1: Der Verlauf beginnt vor der Geburt (\(b.german))."
        }
        if let e = entered, let first = periods.first, first.from < e {
            out["p0"] = out["p0"] ?? "Zeile 1: Der Verlauf beginnt vor der Einreise (\(e.german))."
        }
        return out
    }

    /// A section of the Residence Act in the short form the engine compares: number, letter, optional paragraph
    /// with letter ("25b", "104c", "25-5", "19d-1a"), lower case.
    public static func isBasis(_ code: String) -> Bool {
        guard code.wholeMatch(of: /[1-9][0-9]{0,2}[a-z]?(-[1-9][0-9]?[a-z]?)?/) != nil else { return false }
        return permitSections.contains(String(code.prefix { $0 != "-" }))
    }

    /// Sections of the Residence Act under which a residence permit (or the title a Fiktion continues) is granted:
    /// not "60a" (a Duldung), not "999".
    /// Sections a counselor cites in a question about these pathways (the permits, and the Duldung and bars around them).
    static let citedSections: Set<String> = permitSections.union([
        "4a", "5", "10", "11", "26", "39", "53", "54", "55", "58", "59", "60", "60a", "60b", "60c", "60d", "61", "81", "84", "95",
    ])

    static let permitSections: Set<String> = [
        "7", "16", "16a", "16b", "16c", "16d", "16e", "16f", "16g", "17", "18", "18a", "18b", "18c", "18d", "18e", "18f", "18g", "19", "19a",
        "19b", "19c", "19d", "19e", "19f", "20", "20a", "20b", "21", "22", "23", "23a", "24", "25", "25a", "25b", "28", "29", "30", "31", "32",
        "33", "34", "36", "36a", "37", "38", "38a", "104a", "104b", "104c",
    ]

}
