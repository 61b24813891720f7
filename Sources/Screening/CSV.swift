import Foundation

/// Minimal CSV (RFC 4180 without line breaks inside fields): split and quote.
public enum CSV {
    /// Splits on bytes (the separators are ASCII, so multi-byte characters pass through whole). A line without
    /// quotes or carriage returns – nearly every line of an export – is cut into fields directly.
    /// `separator`: a comma, or the semicolon of a German spreadsheet export.
    public static func split(_ line: String, separator: UInt8 = 44) -> [String] {
        var line = line
        return line.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 == 34 || $0 == 13 }) else { return quotedSplit(bytes, separator: separator) }
            var out: [String] = []
            out.reserveCapacity(64)
            var start = 0
            for (i, b) in bytes.enumerated() where b == separator {
                out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                start = i + 1
            }
            out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return out
        }
    }

    /// RFC 4180 quoting ("" inside quotes is one quote); carriage returns outside quotes are dropped.
    static func quotedSplit(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> [String] {
        var out: [String] = [], cur: [UInt8] = [], quoted = false, afterQuote = false
        out.reserveCapacity(64); cur.reserveCapacity(32)
        for b in bytes {
            if quoted {
                if b == 34 { quoted = false; afterQuote = true } else { cur.append(b) }
            } else if b == 34 {
                if afterQuote { cur.append(34) }
                quoted = true; afterQuote = false
            } else if b == separator {
                out.append(String(decoding: cur, as: UTF8.self)); cur.removeAll(keepingCapacity: true); afterQuote = false
            } else if b != 13 {
                cur.append(b); afterQuote = false
            }
        }
        out.append(String(decoding: cur, as: UTF8.self))
        return out
    }

    /// A cell a spreadsheet will not run as a formula: one beginning with = + - @ (or a tab or carriage return)
    /// gets a leading apostrophe, unless it is a number. Ids come from the uploaded list.
    public static func inert(_ s: String) -> String {
        guard let first = s.utf8.first else { return s }
        // An apostrophe of the id's own gets one too: "=x" and "'=x" stay two ids in the results (QA of 06.12.2026).
        if first == 39 { return "'" + s }
        guard [61, 43, 45, 64, 9, 13].contains(first), Double(s) == nil else { return s }
        return "'" + s
    }

    /// The id as the file had it: `inert`'s apostrophe taken off again (a page shows it as written; an export
    /// escapes it anew). Only an apostrophe `inert` would have added is removed.
    public static func plain(_ s: String) -> String {
        guard s.hasPrefix("'") else { return s }
        let rest = String(s.dropFirst())
        return inert(rest) == s ? rest : s
    }

    /// RFC 4180: a field with a comma, a quote or a line break (LF or CR; QA of 06.12.2026: a CR split the row) is quoted;
    /// so is one with a semicolon or a tab, which German spreadsheets split on (security review of 06.12.2026: `a;=1+1`
    /// became a formula cell there).
    public static func quote(_ s: String) -> String {
        guard needsQuotes(s.utf8) else { return s }
        var out = [UInt8](); out.reserveCapacity(s.utf8.count + 2)
        appendQuoted(s.utf8, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func needsQuotes(_ field: some Sequence<UInt8>) -> Bool {
        field.contains { $0 == 44 || $0 == 59 || $0 == 9 || $0 == 34 || $0 == 10 || $0 == 13 }
    }

    /// The field's bytes, quoted as `quote` does, appended to a line being built.
    static func appendField(_ field: some Collection<UInt8>, to out: inout [UInt8]) {
        if needsQuotes(field) { appendQuoted(field, to: &out) } else { out += field }
    }

    /// Quotes doubled byte by byte: Foundation's replacing was 6 % of a screening (its `open` column has commas).
    private static func appendQuoted(_ field: some Collection<UInt8>, to out: inout [UInt8]) {
        out.append(34)
        for b in field { out.append(b); if b == 34 { out.append(34) } }
        out.append(34)
    }

    static func appendField(_ field: String, to out: inout [UInt8]) { appendField(field.utf8, to: &out) }

    public static func line(_ row: [String: String], columns: [String]) -> String {
        columns.map { quote(row[$0] ?? "") }.joined(separator: ",")
    }
}
