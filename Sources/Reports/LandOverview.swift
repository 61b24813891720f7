/// The Land's overview: one row per counseling service of the Land. Each row's figures are also published by the
/// service itself (its counseling and cooperation reports of the same quarter), so a figure hidden there is hidden here
/// too: combined, the two would give back what one of them suppressed (QA of 06.12.2026: the Land's "Erteilungen 5"
/// was the total the cooperation report hid, and narrowed its three hidden grants to 1–3 each).
public enum LandOverview {
    public static let columns = ["Erstberatungen", "Folgeberatungen", "Anträge gestellt", "Erteilungen"]

    /// Per column, whether the service's own published reports hide the figure.
    public static func hiddenElsewhere(counseling: CounselingReport, cooperation: CooperationReport) -> [Bool] {
        func columnTotal(_ tables: [CountTable], _ title: String, _ c: Int) -> Int?? {
            tables.first { $0.title == title }.map { $0.columnTotals.indices.contains(c) ? $0.columnTotals[c] : nil }
        }
        let sessions = counseling.tables, coop = cooperation.tables
        let grantsHidden = columnTotal(sessions, CounselingReport.applicationsTable, 1).map { $0 == nil } ?? false
            || coop.first { $0.title.hasPrefix("Erteilungen je") }.map { $0.total == nil || $0.rowTotals.contains(nil) } ?? false
        return [columnTotal(sessions, CounselingReport.perMonthTable, 0).map { $0 == nil } ?? false,
                columnTotal(sessions, CounselingReport.perMonthTable, 1).map { $0 == nil } ?? false,
                columnTotal(sessions, CounselingReport.applicationsTable, 0).map { $0 == nil } ?? false,
                grantsHidden]
    }

    /// The published table: the cells hidden elsewhere hidden, then suppressed on its own (column sums are shown; a
    /// row's figures count different things and have no sum).
    public static func table(title: String, rowLabels: [String], counts: [[Int]], hidden: [[Bool]]) -> CountTable {
        var t = CountTable(title: title, rowLabels: rowLabels, columnLabels: columns, counts: counts, rowsAdd: false)
        for r in t.cells.indices { for c in t.cells[r].indices where hidden[r][c] { t.cells[r][c] = nil } }
        return Suppression.publish(t, partsPublishedElsewhere: true)
    }
}
