/// A table of counts with row and column totals: the unit every report is made of and every suppression rule
/// works on. Cells are integers; a published table carries `nil` for a suppressed cell (printed as ".").
public struct CountTable: Sendable, Hashable {
    public var title: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// cells[row][column]
    public var cells: [[Int?]]
    public var rowTotals: [Int?]
    public var columnTotals: [Int?]
    public var total: Int?
    /// False when the columns count different things (filed, granted, refused …): a row's sum would mean nothing and
    /// is not shown.
    public var rowsAdd: Bool
    /// False when every row counts the same people (a screening's pathways: each person is in every row): a column's
    /// sum would count people several times and is not shown.
    public var columnsAdd: Bool

    public init(title: String, rowLabels: [String], columnLabels: [String], counts: [[Int]], rowsAdd: Bool = true, columnsAdd: Bool = true) {
        self.title = title; self.rowLabels = rowLabels; self.columnLabels = columnLabels; self.rowsAdd = rowsAdd; self.columnsAdd = columnsAdd
        self.cells = counts.map { $0.map(Optional.some) }
        rowTotals = counts.map { $0.reduce(0, +) }
        columnTotals = columnLabels.indices.map { c in counts.reduce(0) { $0 + $1[c] } }
        total = counts.reduce(0) { $0 + $1.reduce(0, +) }
    }

    /// A one-column table (category → count).
    public init(title: String, column: String, pairs: [(String, Int)]) {
        self.init(title: title, rowLabels: pairs.map(\.0), columnLabels: [column], counts: pairs.map { [$0.1] })
    }

    /// Whether a page shows the row sums (a one-column table's sum is the cell itself).
    public var showsRowTotals: Bool { rowsAdd && columnLabels.count > 1 }

    /// The value of a cell as printed: "." when suppressed.
    public static func text(_ v: Int?) -> String { v.map(String.init) ?? "." }

    /// A one-column table of categories with the small ones (1 to 4) folded into one row `label`. Naming a category
    /// shown as "." already says that at least one person has it, and with the total known elsewhere (the report's
    /// persons) hidden cells that must each be 1 give themselves away (QA of 05.12.2026: eight nationalities, each
    /// ".", eight persons). Folded, no small category is named.
    /// `persons`: where a row counts events (sessions), the number of persons behind each row; a row is small when
    /// they are fewer than five, however many events (QA of 05.12.2026: nine sessions in Serbian were three persons).
    public func foldingSmallRows(into label: String, persons: [String: Int]? = nil) -> CountTable {
        guard columnLabels.count == 1 else { return self }
        var pairs: [(String, Int)] = [], small = 0
        for (i, row) in cells.enumerated() {
            let n = row[0] ?? 0
            let few = persons.map { ($0[rowLabels[i]] ?? 0) < Suppression.threshold } ?? Suppression.isSensitive(n)
            if few && n > 0 { small += n } else { pairs.append((rowLabels[i], n)) }
        }
        guard small > 0 else { return self }
        return CountTable(title: title, column: columnLabels[0], pairs: pairs + [(label, small)])
    }
}

/// Finished figures – rates, stocks on a day – shown as they are: nothing in them may be summed.
public struct FigureTable: Sendable, Hashable {
    public var title: String
    /// The header of the row labels' column, then one per figure.
    public var columnLabels: [String]
    public var rowLabels: [String]
    /// cells[row][column], as printed ("." where suppressed).
    public var cells: [[String]]
    public init(title: String, columnLabels: [String], rowLabels: [String], cells: [[String]]) {
        self.title = title; self.columnLabels = columnLabels; self.rowLabels = rowLabels; self.cells = cells
    }

    /// A share as German text ("87 %"), or "." where it is not published.
    public static func percent(_ share: Double?) -> String { share.map { "\(Int(($0 * 100).rounded())) %" } ?? "." }
}
