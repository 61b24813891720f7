import Eligibility

/// The counseling report of a completed calendar year as it may leave the service: the funder's financing period
/// (PRODUCT.md, Reporting). Each quarter is published on its own, with its small categories folded ("übrige
/// Staatsangehörigkeiten" are other countries in each quarter), so a year beside them could give a hidden quarter
/// figure away by subtraction. The year therefore publishes nothing its four quarters do not: every quarter's figures
/// as its own report shows them, side by side, and a year's sum only where each of its parts is shown – a sum any
/// reader of the quarters could compute. Its one figure of its own is the persons counseled in the year (a person
/// counseled in several quarters counts once), shown only where no quarter hides its persons.
public struct CounselingYear: Sendable {
    public var year: Int
    /// Berichtszeitraum and the key figures, as printed ("." where not published).
    public var headline: FigureTable
    public var tables: [CountTable]
}

extension CounselingReport {
    /// - Parameters:
    ///   - quarters: the four quarters' internal reports, each as its own page computes it.
    ///   - whole: the internal report of the whole year, for the persons counseled in it.
    public static func year(_ year: Int, quarters: [CounselingReport], whole: CounselingReport) -> CounselingYear {
        let published = quarters.map(\.published)
        let labels = (1...4).map { Quarter(year: year, number: $0)!.german }
        // The months: each quarter's rows as published there; a year's column sum where the months or the quarters'
        // own sums show every part.
        var months = Suppression.stacking(zip(published, quarters).map { ($0.tables[0], $1.tables[0]) }, title: "\(perMonthTable) im Jahr \(year)")
        months.columnTotals = months.columnLabels.indices.map { c in
            Suppression.derivable(months.cells.map { $0[c] }) ?? Suppression.derivable(published.map { $0.tables[0].columnTotals[c] })
        }
        months.total = Suppression.derivable(months.columnTotals) ?? Suppression.derivable(published.map { $0.tables[0].total })
        var tables = [months]
        for i in published[0].tables.indices.dropFirst() {
            let title = quarters[0].tables[i].title
            if title == applicationsTable {
                // Regulations by measure, per quarter: the quarter's rows one after another, named by their quarter.
                let parts = zip(published, quarters).enumerated().map { q, pair in
                    (pair.0.tables[i].prefixingRows(labels[q] + ": "), pair.1.tables[i].prefixingRows(labels[q] + ": "))
                }
                var t = Suppression.stacking(parts, title: "\(title) im Jahr \(year)")
                t.columnTotals = t.columnLabels.indices.map { c in Suppression.derivable(t.cells.map { $0[c] }) }
                tables.append(t)
            } else {
                tables.append(Suppression.sideBySide(published.map { $0.tables[i] }, periods: labels, title: "\(title) im Jahr \(year)",
                                                     folded: personCategories[title], adds: title != nationalityTable))
            }
        }
        let heads = published.indices.map { quarters[$0].headline }
        func figure(_ row: Int) -> Int? { Suppression.derivable(heads.map { Int($0.cells[row][0]) }) }
        let sessions = figure(1), first = figure(2), followUps = figure(3)
        let persons = heads.allSatisfy({ Int($0.cells[4][0]) != nil }) && !Suppression.isSensitive(whole.persons) ? whole.persons : nil
        let headline = headlineTable(period: "\(Day(year: year, month: 1, day: 1)!.german) – \(Day(year: year, month: 12, day: 31)!.german)",
                                     [sessions, first, followUps, persons])
        return CounselingYear(year: year, headline: headline, tables: tables)
    }

    /// The period and the key figures as published: a count from 1 to 4 is ".", and so is the split into first and
    /// follow-up sessions when either part is (QA of 05.12.2026: the exports named their period only in the file name).
    public var headline: FigureTable {
        let followUps = sessions - firstSessions
        let hideSplit = Suppression.isSensitive(firstSessions) || Suppression.isSensitive(followUps)
        func v(_ n: Int, hidden: Bool) -> Int? { hidden ? nil : n }
        return Self.headlineTable(period: "\(from.german) – \(to.german)",
                                  [v(sessions, hidden: Suppression.isSensitive(sessions)), v(firstSessions, hidden: hideSplit),
                                   v(followUps, hidden: hideSplit), v(persons, hidden: Suppression.isSensitive(persons))])
    }

    static func headlineTable(period: String, _ figures: [Int?]) -> FigureTable {
        FigureTable(title: "Berichtszeitraum und Kennzahlen", columnLabels: ["", "Wert"],
                    rowLabels: ["Berichtszeitraum", "Beratungen", "davon Erstberatungen", "davon Folgeberatungen", "Beratene Personen"],
                    cells: [[period]] + figures.map { [CountTable.text($0)] })
    }
}

extension Suppression {
    /// A sum a reader of its parts can compute: shown only when every part is.
    public static func derivable(_ parts: [Int?]) -> Int? {
        var sum = 0
        for p in parts { guard let p else { return nil }; sum += p }
        return sum
    }

    /// One-column tables of categories for consecutive periods, each published on its own, as the columns of one table
    /// (a year's quarters). Every column is exactly what its period published. A category its period does not list
    /// is 0 there – unless small categories were folded (`folded`: the label of their row), when it may be in that row
    /// and is "." like a hidden count. A row's sum (`adds`: the rows count events, not persons counted anew per
    /// period) and the grand total only where every part is shown. Rows in German order, the folded row last.
    public static func sideBySide(_ parts: [CountTable], periods: [String], title: String, folded: String?, adds: Bool) -> CountTable {
        var categories: [String] = []
        for t in parts { for label in t.rowLabels where label != folded && !categories.contains(label) { categories.append(label) } }
        categories.sort { CounselingReport.germanSortKey($0) < CounselingReport.germanSortKey($1) }
        if let folded, parts.contains(where: { $0.rowLabels.contains(folded) }) { categories.append(folded) }
        let cells: [[Int?]] = categories.map { label in
            parts.map { t in
                if let r = t.rowLabels.firstIndex(of: label) { return t.cells[r][0] }
                // Not listed and not foldable, or the period folded nothing: none.
                return folded.map { label == $0 || !t.rowLabels.contains($0) } ?? true ? 0 : nil
            }
        }
        var out = CountTable(title: title, rowLabels: categories, columnLabels: periods, counts: cells.map { $0.map { $0 ?? 0 } },
                             rowsAdd: adds, columnsAdd: true)
        out.cells = cells
        out.columnTotals = parts.map { $0.columnTotals.first ?? 0 }
        out.rowTotals = adds ? cells.map(derivable) : cells.map { _ in nil }
        out.total = adds ? derivable(out.columnTotals) : nil
        return out
    }
}

extension CountTable {
    /// The same table with every row label prefixed (a period's rows among others').
    func prefixingRows(_ prefix: String) -> CountTable {
        var t = self
        t.rowLabels = rowLabels.map { prefix + $0 }
        return t
    }
}
