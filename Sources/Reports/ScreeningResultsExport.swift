import Eligibility
import Screening

/// A screening's results as German spreadsheet programs read them (`CSVExport`'s dialect): headings, results and
/// dates in German (TT.MM.JJJJ). The machine file (`,`, result codes, ISO dates) stays what `bleibe screen` writes;
/// this is for the staff who open the results in a spreadsheet, where the machine file arrives as one column.
public struct ScreeningResultsExport: Sendable {
    /// How a column's values are written: results and dates in German, everything else as it is.
    enum Column: Sendable { case result, from, consequence, open, text }
    let columns: [Column]
    /// The heading line (with the byte-order mark a spreadsheet needs to read UTF-8).
    public let header: String

    /// `machineHeader`: the first line of the results file, split.
    /// Whether the results come from the flat CSV, whose relatives are the children of `minor_children` ("c0" is "Kind 1").
    let flat: Bool

    /// `flat`: the results of a flat CSV (JSON Lines households name their own persons).
    public init(machineHeader: [String], flat: Bool = true) {
        self.flat = flat
        var columns: [Column] = [], names: [String] = []
        for name in machineHeader {
            if name == "id" { columns.append(.text); names.append("Kennung") }
            else if name == "first_action" { columns.append(.text); names.append("Nächster Schritt") }
            else if name == "open" { columns.append(.open); names.append("Offene Punkte (bei unklar)") }
            else if name.hasSuffix("_result"), let p = PathwayKey(rawValue: String(name.dropLast(7))) {
                columns.append(.result); names.append("\(p.title): Ergebnis")
            } else if name.hasSuffix("_from"), let p = PathwayKey(rawValue: String(name.dropLast(5))) {
                columns.append(.from); names.append("\(p.title): erreichbar ab")
            } else if name.hasSuffix("_consequence"), let p = PathwayKey(rawValue: String(name.dropLast(12))) {
                columns.append(.consequence); names.append("\(p.title): Rechtsfolge")
            } else { columns.append(.text); names.append(name) }
        }
        self.columns = columns
        header = CSVExport.bom + CSVExport.line(names)
    }

    /// One result row in German; `fields`: the machine row split, its id without the file's protective apostrophe
    /// (`CSVExport` puts one back where a spreadsheet would read a formula).
    /// An open point in German; a relative's fact names the relative (QA36 F7: "von c0"): a flat row's implied child by
    /// its number, a JSON Lines household's person by its id.
    func describe(_ key: String) -> String {
        guard let slash = key.lastIndex(of: "/") else { return ScreeningSummary.describeReason(key) }
        let path = key[..<slash], person = path.split(separator: "/").last.map(String.init) ?? String(path)
        let fact = ScreeningSummary.describeReason(String(key[key.index(after: slash)...]))
        if flat, person.first == "c", let n = Int(person.dropFirst()) { return "\(fact) (Kind \(n + 1) aus minor_children)" }
        return "\(fact) (Person „\(person)“ des Haushalts)"
    }

    /// The consequence in one word, as a column of a table says it.
    static func consequence(_ c: Consequence) -> String {
        switch c { case .anspruch: "Anspruch"; case .regelanspruch: "Regelanspruch"; case .soll: "Soll"; case .kann: "Kann" }
    }

    public func line(_ fields: [String]) -> String {
        CSVExport.line(fields.enumerated().map { i, value in
            switch i < columns.count ? columns[i] : .text {
            case .result: Outcome(rawValue: value)?.german ?? value
            case .from: Day(iso: value)?.german ?? value
            case .consequence: Consequence(rawValue: value).map(Self.consequence) ?? value
            case .open: Screener.openPoints(value).map { p, keys in
                "\(p.title): " + keys.map(describe).joined(separator: ", ")
            }.joined(separator: "; ")
            case .text: value
            }
        })
    }
}
