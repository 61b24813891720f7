import Counseling
import Eligibility

/// German labels for the values staff see.
public enum Labels {
    /// A count as German text: thousands grouped by a point ("300.000"); pages only, never in a CSV cell.
    public static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    public static func status(_ k: StatusKind) -> String {
        switch k {
        case .gestattung: return "Aufenthaltsgestattung"
        case .duldung: return "Duldung (§ 60a)"
        case .duldung60b: return "Duldung für Personen mit ungeklärter Identität (§ 60b)"
        case .duldung60c: return "Ausbildungsduldung (§ 60c)"
        case .duldung60d: return "Beschäftigungsduldung (§ 60d)"
        case .aufenthaltserlaubnis: return "Aufenthaltserlaubnis"
        case .fiktion: return "Fiktionsbescheinigung (§ 81)"
        case .visa: return "Visum / visumfreier Aufenthalt"
        case .none: return "ohne Status (unerlaubter Aufenthalt)"
        case .abroad: return "im Ausland"
        }
    }

    /// "§ 60a" kept on one line in a narrow cell (QA41 C12: "Duldung (§" / "60a)").
    public static func unbroken(_ s: String) -> String { s.replacingOccurrences(of: "§ ", with: "§\u{00A0}") }

    public static func status(_ raw: String?) -> String {
        guard let raw, let k = StatusKind(rawValue: raw) else { return "–" }
        return status(k)
    }

    public static func fiktion(_ f: FiktionKind) -> String {
        switch f {
        case .lawfulStay: return "§ 81 Abs. 3 S. 1 (Aufenthalt erlaubt)"
        case .duldungsfiktion: return "§ 81 Abs. 3 S. 2 (Duldungsfiktion)"
        case .continuation: return "§ 81 Abs. 4 (Titel gilt fort)"
        }
    }

    public static func holder(_ h: DuldungHolder) -> String {
        switch h {
        case .main: return "beschäftigte Person"
        case .spouse: return "Ehegatte/Lebenspartner"
        case .child: return "Kind"
        }
    }

    public static func marital(_ m: MaritalStatus) -> String {
        switch m {
        case .single: return "ledig"
        case .married: return "verheiratet"
        case .registeredPartnership: return "eingetragene Lebenspartnerschaft"
        case .divorced: return "geschieden"
        case .widowed: return "verwitwet"
        }
    }

    public static func relation(_ r: RelationKind) -> String {
        switch r {
        case .spouse: return "Ehegatte/Ehegattin"
        case .registeredPartner: return "eingetragene/r Lebenspartner/in"
        case .cohabiting: return "Lebensgefährte/in"
        case .parent: return "Elternteil – Kind"
        }
    }

    public static func day(_ d: Day?) -> String { d?.german ?? "–" }

    /// A status period as staff read it: the status, its basis, a Fiktion, the permit it continues, a Duldung without
    /// certificate ("Duldung (§ 60a) – ohne Bescheinigung").
    public static func status(of s: StatusPeriod) -> String {
        status(s.kind) + (s.basis.map { " (" + StatusPeriod.citation(ofBasis: $0) + ")" } ?? "") + (s.fiktion.map { " – " + fiktion($0) } ?? "")
            + (s.continues.map { ", fortgeltend: " + StatusPeriod.citation(ofBasis: $0) } ?? "") + (s.kind.isDuldung && !s.issued ? " – ohne Bescheinigung" : "")
    }

    /// The end of a status period, or "laufend" with the day its paper is valid until.
    public static func until(of s: StatusPeriod) -> String {
        s.to?.german ?? "laufend\(s.validUntil.map { " (gültig bis \($0.german))" } ?? "")"
    }

    /// What the other person of `r` is to `clientID`: "Kind", "Elternteil", or the relation ("Ehegatt:in" …).
    public static func role(in r: ClientRelation, of clientID: String) -> String {
        r.kind == .parent ? (r.from == clientID ? "Kind" : "Elternteil") : relation(r.kind)
    }

    /// A citation as staff read it. The engine cites the rule specification by file ("spec/13-open-questions.md U8",
    /// "spec/01-common.md §1.8") so that every conclusion is traceable; a counselor reads "offene Rechtsfrage U8" and
    /// "Auslegungsregel 1.8". Citations of the law itself pass unchanged (and without a slash, unexamined).
    public static func citation(_ s: String) -> String {
        // Most citations name only the law: checked on the bytes first (the comparisons below go by characters;
        // Foundation's `contains` and `range(of:)` were a sixth of rendering an assessment page).
        let spec = s.byteRange(of: "SPEC.md") != nil
        guard spec || s.byteRange(of: "/") != nil else { return s }
        if s.hasPrefix("SPEC.md, How the engine must answer") { return "Auslegungsregel zum frühesten Datum" }
        if s.hasPrefix("SPEC.md, Engine conventions "), let k = s.split(separator: " ").last { return "Auslegungsregel \(k)" }
        // "§ 5 Abs. 3 S. 2 AufenthG; SPEC.md § 6", "SPEC.md K10": the specification's own sections read as rules.
        if spec {
            var parts: [Substring] = [], rest = Substring(s)
            while let r = rest.byteRange(of: "; ") { parts.append(rest[..<r.lowerBound]); rest = rest[r.upperBound...] }
            parts.append(rest)
            return parts.map { part in
                part.hasPrefix("SPEC.md ") ? "Auslegungsregel " + part.dropFirst("SPEC.md ".count) : citation(String(part))
            }.joined(separator: "; ")
        }
        var out = ""
        var rest = Substring(s)
        while let r = rest.byteRange(of: "spec/") {
            out += rest[..<r.lowerBound]
            let after = rest[r.upperBound...]
            guard let md = after.byteRange(of: ".md") else { out += "spec/"; rest = after; continue }
            let file = after[..<md.lowerBound]
            var tail = after[md.upperBound...]
            if tail.hasPrefix(" ") { tail = tail.dropFirst() }
            if tail.hasPrefix("§") { tail = tail.dropFirst() }
            switch file {
            case "13-open-questions": out += "offene Rechtsfrage "
            case "12-timeline": out += "Zeitleiste der Gesetzesfassungen" + (tail.first.map { $0 == ")" || $0 == ";" || $0 == "," } ?? true ? "" : " ")
            default: out += "Auslegungsregel "
            }
            rest = tail
        }
        return out + rest
    }

    public static func yesNo(_ b: Bool?) -> String {
        switch b {
        case true?: return "ja"
        case false?: return "nein"
        case nil: return "unbekannt"
        }
    }
}

extension StringProtocol {
    /// The range of an ASCII `needle`, found on the UTF-8 bytes (Foundation's `range(of:)` converts to UTF-16 first,
    /// and the standard library's generic search is slower still).
    func byteRange(of needle: StaticString) -> Range<Index>? {
        let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = n.first else { return nil }
        func search(_ h: UnsafeBufferPointer<UInt8>) -> Int? {
            guard h.count >= n.count else { return nil }
            var i = 0
            candidates: while i <= h.count - n.count {
                defer { i += 1 }
                guard h[i] == first else { continue }
                for k in 1..<n.count where h[i + k] != n[k] { continue candidates }
                return i
            }
            return nil
        }
        guard let at = utf8.withContiguousStorageIfAvailable(search) ?? Array(utf8).withUnsafeBufferPointer(search) else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: at)
        return start..<utf8.index(start, offsetBy: n.count)
    }
}
