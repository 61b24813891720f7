/// Suppression across the authority's quarterly procedure tables. Each quarter's table hides its small counts and
/// keeps its column sums safe (`Suppression`), but the quarters are bound to each other: what was pending at the end
/// of the last quarter, plus this quarter's applications, minus its grants and refusals, is what is pending now (less
/// procedures ended otherwise). With every other figure of that balance shown, a hidden refusal was worked out as
/// 11 + 9 − 6 − 13 = 1 (QA42 coordination review). Here every published figure of the statistics – per quarter and
/// regulation the four counts, per quarter the column sums – and every relation between them is one system; a hidden
/// figure must keep every value from 1 to 4 possible within the bounds the shown figures leave it, else one more
/// figure is hidden. The figures of procedures ended otherwise are taken as known to the reader, which errs on the
/// side of hiding.
public enum ProcedureSuppression {
    public enum Field: Int, Sendable, CaseIterable { case applications, grants, refusals, pending }

    /// One published figure: a regulation's count in a quarter, or with `regulation` nil the quarter's column sum.
    public struct Key: Hashable, Sendable {
        public var quarter: Quarter, regulation: String?, field: Field
        public init(_ quarter: Quarter, _ regulation: String?, _ field: Field) { self.quarter = quarter; self.regulation = regulation; self.field = field }
    }

    /// Σ sign · figure = constant.
    struct Relation { var terms: [(Key, Int)]; var constant: Int }

    /// The figures no published table may show: the quarters' tables as published (`Suppression.publish`, which may hide
    /// more of a table's lines) hide exactly these, so that a sum over quarters can be shown wherever its parts are.
    public static func hidden(_ s: QuarterlyStatistics) -> Set<Key> {
        var also: Set<Key> = []
        while true {
            let hidden = hidden(s, alsoHiding: also)
            var more = hidden
            for q in Set(s.procedures.map(\.quarter)) {
                let rows = s.procedures.filter { $0.quarter == q }
                for (table, fields) in quarterTables(rows, hidden: hidden) {
                    let published = Suppression.publish(table)
                    for (r, p) in rows.enumerated() { for (c, f) in fields.enumerated() where published.cells[r][c] == nil { more.insert(Key(q, p.regulation, f)) } }
                    for (c, f) in fields.enumerated() where published.columnTotals[c] == nil { more.insert(Key(q, nil, f)) }
                }
            }
            if more == hidden { return hidden }
            also = more
        }
    }

    static let flows: [Field] = [.applications, .grants, .refusals]

    /// `t` with what `isHidden` names hidden: a row per regulation code, a column per field, the column sums as the
    /// regulation nil; in a one-column table the row sums (the cells themselves) and the grand total with them.
    public static func hiding(_ t: CountTable, regulations: [String], fields: [Field], _ isHidden: (String?, Field) -> Bool) -> CountTable {
        var t = t
        for (r, reg) in regulations.enumerated() {
            for (c, f) in fields.enumerated() where isHidden(reg, f) { t.cells[r][c] = nil; if fields.count == 1 { t.rowTotals[r] = nil } }
        }
        for (c, f) in fields.enumerated() where isHidden(nil, f) { t.columnTotals[c] = nil; if fields.count == 1 { t.total = nil } }
        return t
    }

    /// One quarter's flow and stock tables with `hidden` already hidden, as `CooperationReport` builds them.
    static func quarterTables(_ rows: [QuarterlyStatistics.Procedure], hidden: Set<Key>) -> [(CountTable, [Field])] {
        guard let q = rows.first?.quarter else { return [] }
        let codes = rows.map(\.regulation), isHidden = { (reg: String?, f: Field) in hidden.contains(Key(q, reg, f)) }
        let flow = CountTable(title: "", rowLabels: codes, columnLabels: ["a", "g", "r"], counts: rows.map { [$0.applications, $0.grants, $0.refusals] }, rowsAdd: false)
        let stock = CountTable(title: "", column: "p", pairs: rows.map { ($0.regulation, $0.pendingAtEnd) })
        return [(hiding(flow, regulations: codes, fields: flows, isHidden), flows), (hiding(stock, regulations: codes, fields: [.pending], isHidden), [.pending])]
    }

    static func hidden(_ s: QuarterlyStatistics, alsoHiding also: Set<Key>) -> Set<Key> {
        var value: [Key: Int] = [:]
        func fields(_ p: QuarterlyStatistics.Procedure) -> [Int] { [p.applications, p.grants, p.refusals, p.pendingAtEnd] }
        for p in s.procedures { for f in Field.allCases { value[Key(p.quarter, p.regulation, f), default: 0] += fields(p)[f.rawValue] } }
        var relations: [Relation] = []
        for q in Set(s.procedures.map(\.quarter)) {
            let rows = s.procedures.filter { $0.quarter == q }
            for f in Field.allCases {
                value[Key(q, nil, f)] = rows.reduce(0) { $0 + fields($1)[f.rawValue] }
                relations.append(Relation(terms: rows.map { (Key(q, $0.regulation, f), 1) } + [(Key(q, nil, f), -1)], constant: 0))
            }
            for p in rows {
                guard let before = s.procedures.first(where: { $0.quarter == q.previous && $0.regulation == p.regulation }) else { continue }
                let otherwiseEnded = before.pendingAtEnd + p.applications - p.grants - p.refusals - p.pendingAtEnd
                relations.append(Relation(terms: [(Key(q.previous, p.regulation, .pending), 1), (Key(q, p.regulation, .applications), 1),
                                                  (Key(q, p.regulation, .grants), -1), (Key(q, p.regulation, .refusals), -1),
                                                  (Key(q, p.regulation, .pending), -1)], constant: otherwiseEnded))
            }
        }
        var hidden = Set(value.filter { Suppression.isSensitive($0.value) }.map(\.key)).union(also)
        // Each round hides one more figure (the smallest shown beside an exposed one); there are finitely many.
        while true {
            let candidates = exposed(hidden: hidden, value: value, relations: relations).lazy.map { key in
                relations.filter { r in r.terms.contains { $0.0 == key } }.flatMap(\.terms).map(\.0).filter { !hidden.contains($0) && (value[$0] ?? 0) > 0 }
            }.first { !$0.isEmpty }
            guard let next = candidates?.min(by: { (value[$0]!, $0.quarter, $0.regulation ?? "") < (value[$1]!, $1.quarter, $1.regulation ?? "") }) else { return hidden }
            hidden.insert(next)
        }
    }

    /// The hidden small figures that the shown ones narrow below "any of 1 to 4", found by propagating bounds through the
    /// relations until nothing changes (every hidden figure is at least 1: zero is shown).
    static func exposed(hidden: Set<Key>, value: [Key: Int], relations: [Relation]) -> [Key] {
        let unbounded = Int(Int32.max)
        var low: [Key: Int] = [:], high: [Key: Int] = [:]
        for k in hidden { low[k] = 1; high[k] = unbounded }
        func bounds(_ k: Key) -> (Int, Int) { hidden.contains(k) ? (low[k]!, high[k]!) : (value[k] ?? 0, value[k] ?? 0) }
        var changed = true, rounds = 0
        while changed && rounds < 200 {
            changed = false; rounds += 1
            for r in relations where r.terms.contains(where: { hidden.contains($0.0) }) {
                for (k, sign) in r.terms where hidden.contains(k) {
                    // sign · k = constant − Σ others
                    var lo = r.constant, hi = r.constant
                    for (o, s) in r.terms where o != k {
                        let (l, h) = bounds(o)
                        if s > 0 { lo -= h; hi -= l } else { lo += l; hi += h }
                    }
                    let (newLow, newHigh) = sign > 0 ? (lo, hi) : (-hi, -lo)
                    if newLow > low[k]!, newLow > -unbounded / 2 { low[k] = newLow; changed = true }
                    if newHigh < high[k]!, newHigh < unbounded / 2 { high[k] = newHigh; changed = true }
                }
            }
        }
        return hidden.sorted { ($0.quarter, $0.regulation ?? "", $0.field.rawValue) < ($1.quarter, $1.regulation ?? "", $1.field.rawValue) }
            .filter { k in Suppression.isSensitive(value[k] ?? 0) && !(low[k]! <= 1 && high[k]! >= Suppression.threshold - 1) }
    }
}
