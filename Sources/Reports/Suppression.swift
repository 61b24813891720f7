/// Statistical disclosure control for every aggregate that leaves the service: a count between 1 and 4 is never
/// published (primary suppression, printed as "."), and no suppressed count can be recomputed from a total
/// (secondary suppression). Zero is published: it names no one – but so a reader knows every hidden value is at
/// least 1. A line (parts and their total) is therefore safe only if it hides no value or at least two, and, where
/// its total is published, the hidden parts together – total minus what is shown – are at least 5 (a hidden group
/// of 3 is itself a small count) and large enough that none of them is narrowed: with k hidden parts each at least 1,
/// one of them is at most the sum minus (k − 1), which must leave every value from 1 to 4 possible (QA of
/// 05.12.2026: five hidden refusals summing to 6 were each 1 or 2).
public enum Suppression {
    public static let threshold = 5

    public static func isSensitive(_ n: Int) -> Bool { n > 0 && n < threshold }

    /// - Parameter partsPublishedElsewhere: the rows are published on their own too (each service's own report under
    ///   the Land view). A total over a hidden part then gives it away to anyone holding the other parts – the
    ///   services' own coordinators know their exact figures (QA of 05.12.2026: two services, both rows hidden, the
    ///   Land total minus one service's own report gave the other's "1"). Such a total is published only when none of
    ///   its parts is hidden.
    public static func publish(_ t: CountTable, partsPublishedElsewhere: Bool) -> CountTable {
        var out = publish(t)
        guard partsPublishedElsewhere else { return out }
        for c in out.columnLabels.indices where out.cells.contains(where: { $0[c] == nil }) { out.columnTotals[c] = nil }
        for r in out.cells.indices where out.cells[r].contains(nil) { out.rowTotals[r] = nil }
        if out.cells.contains(where: { $0.contains(nil) }) { out.total = nil }
        return out
    }

    public static func publish(_ t: CountTable) -> CountTable {
        var out = t
        // Primary: the small cells and small totals.
        for r in out.cells.indices { for c in out.cells[r].indices { if let v = out.cells[r][c], isSensitive(v) { out.cells[r][c] = nil } } }
        for r in out.rowTotals.indices { if let v = out.rowTotals[r], isSensitive(v) { out.rowTotals[r] = nil } }
        for c in out.columnTotals.indices { if let v = out.columnTotals[c], isSensitive(v) { out.columnTotals[c] = nil } }
        if let v = out.total, isSensitive(v) { out.total = nil }
        // Secondary, until nothing changes: every published line (its cells and its total) has 0 or at least 2 hidden
        // values. A sum that is not shown (rows of columns that count different things, `rowsAdd` false; columns of rows
        // that count the same people, `columnsAdd` false) is no line: protecting it hid real figures for nothing (QA
        // of 06.12.2026: a grant "." in one table and shown in another of the same report).
        var changed = true
        while changed {
            changed = false
            if out.rowsAdd {
                for r in out.cells.indices {
                    var line = out.cells[r] + [out.rowTotals[r]]
                    if protect(&line) { out.cells[r] = Array(line.dropLast()); out.rowTotals[r] = line.last!; changed = true }
                }
            }
            if out.columnsAdd {
                for c in out.columnLabels.indices {
                    var line = out.cells.map { $0[c] } + [out.columnTotals[c]]
                    if protect(&line) {
                        for r in out.cells.indices { out.cells[r][c] = line[r] }
                        out.columnTotals[c] = line.last!; changed = true
                    }
                }
            }
            // The margins are a line too: row totals with the grand total, column totals with the grand total.
            if out.rowsAdd && out.columnsAdd {
                var rows = out.rowTotals + [out.total]
                if protect(&rows) { out.rowTotals = Array(rows.dropLast()); out.total = rows.last!; changed = true }
                var cols = out.columnTotals + [out.total]
                if protect(&cols) { out.columnTotals = Array(cols.dropLast()); out.total = cols.last!; changed = true }
            }
        }
        // Sums not shown are not published either.
        if !out.rowsAdd { out.rowTotals = out.rowTotals.map { _ in nil }; out.total = nil }
        if !out.columnsAdd { out.columnTotals = out.columnTotals.map { _ in nil }; out.total = nil }
        return out
    }

    /// Tables of whole periods that are published on their own (each quarter's), stacked as the rows of a longer period
    /// (a year; QA43 A4). Every row is exactly as its own table publishes it – a row shown differently would give away
    /// what the other hides, and a cell shown there cannot be hidden here – so the only figures left to decide are the
    /// sums over the periods: each is shown only where it is no small count and no hidden part can be worked out or
    /// narrowed from it (`isExposed` on the parts as published and the sum). A column of a period's table missing from
    /// another's counts 0 there. Titles and whether rows or columns add come from `title` and the first part.
    public static func stacking(_ parts: [(published: CountTable, unpublished: CountTable)], title: String) -> CountTable {
        var columns: [String] = []
        for part in parts { for c in part.unpublished.columnLabels where !columns.contains(c) { columns.append(c) } }
        func row(_ t: CountTable, _ r: Int) -> [Int?] { columns.map { c in t.columnLabels.firstIndex(of: c).map { t.cells[r][$0] } ?? 0 } }
        var rowLabels: [String] = [], shown: [[Int?]] = [], real: [[Int]] = [], rowTotals: [Int?] = []
        for part in parts {
            for r in part.unpublished.rowLabels.indices {
                rowLabels.append(part.unpublished.rowLabels[r])
                shown.append(row(part.published, r)); real.append(row(part.unpublished, r).map { $0 ?? 0 })
                rowTotals.append(part.published.rowTotals[r])
            }
        }
        let rowsAdd = parts.first?.unpublished.rowsAdd ?? true, columnsAdd = parts.first?.unpublished.columnsAdd ?? true
        var out = CountTable(title: title, rowLabels: rowLabels, columnLabels: columns, counts: real, rowsAdd: rowsAdd, columnsAdd: columnsAdd)
        out.cells = shown
        out.rowTotals = rowsAdd ? rowTotals : rowTotals.map { _ in nil }
        func sum(_ line: [Int?], _ value: Int) -> Int? { isSensitive(value) || isExposed(line + [value]) ? nil : value }
        out.columnTotals = columnsAdd ? columns.indices.map { c in sum(shown.map { $0[c] }, real.reduce(0) { $0 + $1[c] }) } : columns.map { _ in nil }
        let grand = real.reduce(0) { $0 + $1.reduce(0, +) }
        out.total = rowsAdd && columnsAdd ? sum(out.rowTotals, grand).flatMap { _ in sum(out.columnTotals, grand) } : nil
        return out
    }

    /// Whether a line (parts followed by their sum) lets a reader work out or narrow down a hidden count.
    static func isExposed(_ line: [Int?]) -> Bool {
        let hidden = line.indices.filter { line[$0] == nil }
        if hidden.count == 1 { return true }
        guard let total = line.last ?? nil, !hidden.isEmpty else { return false }
        let shown = line.dropLast().reduce(0) { $0 + ($1 ?? 0) }
        let hiddenSum = total - shown
        return hiddenSum < threshold || hiddenSum - (hidden.count - 1) < threshold - 1
    }

    /// One line: parts followed by their sum. If it is exposed, hide the smallest other non-zero part (or, failing
    /// that, the sum). Returns whether it changed anything. The un-hidden entries still hold real counts, so the
    /// choice is made on them.
    static func protect(_ line: inout [Int?]) -> Bool {
        guard isExposed(line) else { return false }
        let parts = line.indices.dropLast()
        if let next = parts.filter({ line[$0] != nil && line[$0]! > 0 }).min(by: { line[$0]! < line[$1]! }) {
            line[next] = nil
        } else if line[line.count - 1] != nil {
            line[line.count - 1] = nil
        } else if let anyPart = parts.first(where: { line[$0] != nil }) {
            // The sum is hidden and every part is zero: nothing to recompute, but keep the rule simple and strict.
            line[anyPart] = nil
        } else {
            return false
        }
        return true
    }
}
