/// CSV as German spreadsheet programs read it: `;` separated, UTF-8 with byte-order mark, CRLF, quoted where
/// a field holds a separator of any dialect, a quote or a line break, and formula injection defused (a cell
/// starting with = + - @ or a tab/CR gets a leading apostrophe).
public enum CSVExport {
    public static let bom = "\u{FEFF}"

    public static func field(_ s: String) -> String {
        var v = s
        // An apostrophe of the text's own gets one too: "=x" and "'=x" stay two values (review of 06.12.2026).
        if let first = v.first, "=+-@\t\r'".contains(first), Int(v) == nil { v = "'" + v }
        // Quoted on any common separator, not only on its own: a spreadsheet that splits on `,` or a tab would
        // otherwise start a cell inside the field, where the apostrophe does not reach (security review of 06.12.2026).
        if v.utf8.contains(where: { $0 == 59 || $0 == 44 || $0 == 9 || $0 == 34 || $0 == 10 || $0 == 13 }) {
            v = "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ";") + "\r\n" }


    /// Tables one after another, each with its title, header, rows and the totals row.
    public static func tables(_ tables: [CountTable], figures: [FigureTable] = []) -> String {
        var out = bom
        for t in tables {
            out += line([t.title])
            let sum = t.showsRowTotals
            out += line([""] + t.columnLabels + (sum ? ["Summe"] : []))
            for (r, label) in t.rowLabels.enumerated() {
                out += line([label] + t.cells[r].map(CountTable.text) + (sum ? [CountTable.text(t.rowTotals[r])] : []))
            }
            out += line(["Summe"] + t.columnTotals.map(CountTable.text) + (sum ? [CountTable.text(t.total)] : []))
            out += "\r\n"
        }
        for f in figures {
            out += line([f.title]) + line(f.columnLabels)
            for (r, label) in f.rowLabels.enumerated() { out += line([label] + f.cells[r]) }
            out += "\r\n"
        }
        return out
    }
}
