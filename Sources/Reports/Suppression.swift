/// Statistical disclosure control for every aggregate that leaves the service: a count between 1 and 4 is never
/// published (primary suppression, printed as "."), and no suppressed count can be recomputed from a total
/// (secondary suppression: a row or column with a published total never has exactly one suppressed cell; if no
/// other cell can be suppressed, its total is suppressed too). Zero is published: it names no one.
public enum Suppression {
    public static let threshold = 5

    public static func isSensitive(_ n: Int) -> Bool { n > 0 && n < threshold }

    public static func publish(_ t: CountTable) -> CountTable {
        var out = t
        // Primary: the small cells and small totals.
        for r in out.cells.indices { for c in out.cells[r].indices { if let v = out.cells[r][c], isSensitive(v) { out.cells[r][c] = nil } } }
        for r in out.rowTotals.indices { if let v = out.rowTotals[r], isSensitive(v) { out.rowTotals[r] = nil } }
        for c in out.columnTotals.indices { if let v = out.columnTotals[c], isSensitive(v) { out.columnTotals[c] = nil } }
        if let v = out.total, isSensitive(v) { out.total = nil }
        // Secondary, until nothing changes: every line (its cells and its total) has 0 or at least 2 hidden values.
        var changed = true
        while changed {
            changed = false
            for r in out.cells.indices {
                var line = out.cells[r] + [out.rowTotals[r]]
                if protect(&line) { out.cells[r] = Array(line.dropLast()); out.rowTotals[r] = line.last!; changed = true }
            }
            for c in out.columnLabels.indices {
                var line = out.cells.map { $0[c] } + [out.columnTotals[c]]
                if protect(&line) {
                    for r in out.cells.indices { out.cells[r][c] = line[r] }
                    out.columnTotals[c] = line.last!; changed = true
                }
            }
            // The margins are a line too: row totals with the grand total, column totals with the grand total.
            var rows = out.rowTotals + [out.total]
            if protect(&rows) { out.rowTotals = Array(rows.dropLast()); out.total = rows.last!; changed = true }
            var cols = out.columnTotals + [out.total]
            if protect(&cols) { out.columnTotals = Array(cols.dropLast()); out.total = cols.last!; changed = true }
        }
        return out
    }

    /// One line: parts followed by their sum. If exactly one value is hidden, hide the smallest other non-zero part
    /// (or, failing that, the sum). Returns whether it changed anything. `original` values are still in the
    /// un-hidden entries, so the choice is made on real counts.
    static func protect(_ line: inout [Int?]) -> Bool {
        let hidden = line.indices.filter { line[$0] == nil }
        guard hidden.count == 1 else { return false }
        let parts = line.indices.dropLast()
        if let next = parts.filter({ line[$0] != nil && line[$0]! > 0 }).min(by: { line[$0]! < line[$1]! }) {
            line[next] = nil
        } else if hidden[0] != line.count - 1 {
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
