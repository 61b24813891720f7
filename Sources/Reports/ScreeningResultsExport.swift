import Eligibility

/// A screening's results as German spreadsheet programs read them (`CSVExport`'s dialect): headings, results and
/// dates in German (TT.MM.JJJJ). The machine file (`,`, result codes, ISO dates) stays what `bleibe screen` writes;
/// this is for the staff who open the results in a spreadsheet, where the machine file arrives as one column.
public struct ScreeningResultsExport: Sendable {
    /// How a column's values are written: results and dates in German, everything else as it is.
    enum Column: Sendable { case result, from, text }
    let columns: [Column]
    /// The heading line (with the byte-order mark a spreadsheet needs to read UTF-8).
    public let header: String

    /// `machineHeader`: the first line of the results file, split.
    public init(machineHeader: [String]) {
        var columns: [Column] = [], names: [String] = []
        for name in machineHeader {
            if name == "id" { columns.append(.text); names.append("Kennung") }
            else if name == "first_action" { columns.append(.text); names.append("Nächster Schritt") }
            else if name.hasSuffix("_result"), let p = PathwayKey(rawValue: String(name.dropLast(7))) {
                columns.append(.result); names.append("\(p.title): Ergebnis")
            } else if name.hasSuffix("_from"), let p = PathwayKey(rawValue: String(name.dropLast(5))) {
                columns.append(.from); names.append("\(p.title): erreichbar ab")
            } else { columns.append(.text); names.append(name) }
        }
        self.columns = columns
        header = CSVExport.bom + CSVExport.line(names)
    }

    /// One result row in German; `fields`: the machine row split, its id without the file's protective apostrophe
    /// (`CSVExport` puts one back where a spreadsheet would read a formula).
    public func line(_ fields: [String]) -> String {
        CSVExport.line(fields.enumerated().map { i, value in
            switch i < columns.count ? columns[i] : .text {
            case .result: Outcome(rawValue: value)?.german ?? value
            case .from: Day(iso: value)?.german ?? value
            case .text: value
            }
        })
    }
}
