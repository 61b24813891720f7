import Counseling
import Eligibility
@testable import Reports
import Testing

/// The counseling report of a year beside its published quarters: it may publish nothing a reader of the four
/// quarters could not already tell (`CounselingYear`).
@Suite("Reports: the counseling report of a year")
struct CounselingYearTests {
    static let countries = ["SYR", "AFG", "IRQ", "ERI", "GIN", "TUR", "RUS", "NGA"]
    static let languages = ["Arabisch", "Dari", "Tigrinya", "Französisch", "Türkisch", "Russisch", "Englisch"]

    /// A year of sessions: `perQuarter` clients per quarter (some counseled again in a later quarter), each with a few
    /// sessions in a language and a country drawn so that some categories are small in some quarters only.
    static func sessions(_ seed: Int, perQuarter: ClosedRange<Int>) -> [CounselingReport.SessionRecord] {
        var random = ReportTests.Random(state: UInt64(seed) &* 104_729 &+ 17)
        var out: [CounselingReport.SessionRecord] = [], n = 0
        for q in 0..<4 {
            for c in 0..<random.int(perQuarter) {
                // A client of an earlier quarter now and then, so persons do not add up over the quarters.
                let client = q > 0 && random.int(0...4) == 0 ? "k\(q - 1)-\(c)" : "k\(q)-\(c)"
                let country = countries[min(random.int(0...10), countries.count - 1)]
                let language = languages[min(random.int(0...9), languages.count - 1)]
                for _ in 0..<random.int(1...3) {
                    n += 1
                    let on = Day(year: 2025, month: 3 * q + random.int(1...3), day: random.int(1...28))!
                    let channel: CounselingSession.Channel = [.inPerson, .inPerson, .phone, .video, .email][random.int(0...4)]
                    let s = CounselingSession(id: "s\(n)", caseID: client, clientID: client, on: on, durationMinutes: 45, channel: channel, language: language,
                                              interpreter: false, pathways: random.int(0...2) == 0 ? [.p25b] : [.p60d], record: "", confidentialNote: "",
                                              counselorID: "u", createdAt: "\(n)")
                    out.append(.init(session: s, kind: random.int(0...2) == 0 ? .first : .followUp, nationality: country))
                }
            }
        }
        return out
    }

    static func year(_ sessions: [CounselingReport.SessionRecord]) -> (year: CounselingYear, quarters: [CounselingReport], whole: CounselingReport) {
        let quarters = (1...4).map { Quarter(year: 2025, number: $0)! }.map { CounselingReport.make(from: $0.firstDay, to: $0.lastDay, sessions: sessions, applications: []) }
        let whole = CounselingReport.make(from: Day("2025-01-01"), to: Day("2025-12-31"), sessions: sessions, applications: [])
        return (CounselingReport.year(2025, quarters: quarters, whole: whole), quarters, whole)
    }

    /// Property: every quarter's column is what that quarter publishes, every year's sum shown has each of its parts
    /// shown and is the true sum, and the key figures follow the same rule; persons counseled in the year are counted
    /// once, and shown only where no quarter hides its own.
    @Test(arguments: 0..<40)
    func aYearPublishesNothingItsQuartersDoNotTell(_ seed: Int) throws {
        let (year, quarters, whole) = Self.year(Self.sessions(seed, perQuarter: seed % 2 == 0 ? 2...9 : 8...30))
        let published = quarters.map(\.published)
        #expect(year.tables.count == published[0].tables.count)
        // The months, each as its quarter publishes it.
        let months = year.tables[0]
        #expect(months.rowLabels == CounselingReport.months(from: Day("2025-01-01"), to: Day("2025-12-31")))
        for (q, p) in published.enumerated() {
            for r in 0..<3 {
                #expect(months.cells[3 * q + r] == p.tables[0].cells[r] && months.rowTotals[3 * q + r] == p.tables[0].rowTotals[r])
            }
        }
        for c in months.columnLabels.indices {
            guard let sum = months.columnTotals[c] else { continue }
            #expect(sum == whole.tables[0].columnTotals[c])
            #expect(!months.cells.contains { $0[c] == nil } || !published.contains { $0.tables[0].columnTotals[c] == nil })
        }
        // The categories, one column per quarter.
        for (i, t) in year.tables.enumerated().dropFirst() where !t.title.hasPrefix(CounselingReport.applicationsTable) {
            let folded = CounselingReport.personCategories[published[0].tables[i].title]
            #expect(t.columnLabels == ["Q1/2025", "Q2/2025", "Q3/2025", "Q4/2025"])
            for (q, p) in published.enumerated() {
                let own = p.tables[i]
                #expect(t.columnTotals[q] == own.columnTotals[0])
                for (r, label) in t.rowLabels.enumerated() {
                    if let k = own.rowLabels.firstIndex(of: label) { #expect(t.cells[r][q] == own.cells[k][0], "\(t.title) \(label) Q\(q + 1)") }
                    // Not listed: none, or hidden in the quarter's folded row – then "." as there.
                    else if let folded, own.rowLabels.contains(folded), label != folded { #expect(t.cells[r][q] == nil, "\(t.title) \(label) Q\(q + 1)") }
                    else { #expect(t.cells[r][q] == 0, "\(t.title) \(label) Q\(q + 1)") }
                }
            }
            // A quarter's folded row stays one row, last; no small category of the year is named that no quarter names.
            if let folded, let r = t.rowLabels.firstIndex(of: folded) { #expect(r == t.rowLabels.count - 1) }
            for label in t.rowLabels { #expect(published.contains { $0.tables[i].rowLabels.contains(label) }, "\(label)") }
            let internalRows = quarters.map { $0.tables[i] }
            for (r, label) in t.rowLabels.enumerated() {
                guard let sum = t.rowTotals[r] else { continue }
                #expect(t.rowsAdd && !t.cells[r].contains(nil))
                if label != folded {
                    let truth = internalRows.reduce(0) { sum, own in sum + (own.rowLabels.firstIndex(of: label).map { own.cells[$0][0]! } ?? 0) }
                    #expect(sum == truth, "\(t.title) \(label)")
                }
            }
            if let total = t.total { #expect(!t.columnTotals.contains(nil) && total == t.columnTotals.reduce(0) { $0 + $1! }) }
            // Persons counseled in several quarters count in each: no year's sum of them.
            if published[0].tables[i].title == CounselingReport.nationalityTable { #expect(!t.rowsAdd && t.rowTotals.allSatisfy { $0 == nil } && t.total == nil) }
        }
        // The key figures: a sum only where each quarter shows its part; the persons counted once.
        let heads = quarters.map(\.headline)
        for row in 1...3 {
            let parts = heads.map { Int($0.cells[row][0]) }
            let shown = year.headline.cells[row][0]
            #expect(shown == (parts.contains(nil) ? "." : String(parts.reduce(0) { $0 + $1! })), "\(year.headline.rowLabels[row])")
        }
        let persons = Set(Self.sessions(seed, perQuarter: seed % 2 == 0 ? 2...9 : 8...30).map(\.session.clientID)).count
        #expect(whole.persons == persons)
        let personsShown = year.headline.cells[4][0]
        #expect(personsShown == "." || (personsShown == String(persons) && heads.allSatisfy { $0.cells[4][0] != "." }))
        #expect(year.headline.cells[0] == ["01.01.2025 – 31.12.2025"])
    }

    /// The random years above are not vacuous: most show year sums of categories, and most hide some figure.
    @Test func theRandomYearsShowAndHideFigures() {
        let years = (0..<40).map { Self.year(Self.sessions($0, perQuarter: $0 % 2 == 0 ? 2...9 : 8...30)).year }
        #expect(years.filter { $0.tables.dropFirst().contains { $0.rowTotals.contains { $0 != nil } } }.count >= 10)
        #expect(years.filter { $0.tables.contains { $0.cells.contains { $0.contains(nil) } } }.count >= 10)
        #expect(years.filter { $0.headline.cells[4][0] != "." }.count >= 10)
    }

    /// A country folded in one quarter and named in the others: its year's sum would tell the folded count, so it is
    /// "."; a country named in all four quarters gets its sum; a quarter that folded nothing shows 0 where it has none.
    @Test func aCategoryFoldedInOneQuarterHasNoYearSum() throws {
        func sessions(_ country: String, quarter: Int, persons: Int) -> [CounselingReport.SessionRecord] {
            (0..<persons).map { p in
                let id = "\(country)-\(quarter)-\(p)"
                let s = CounselingSession(id: id, caseID: id, clientID: id, on: Day(year: 2025, month: 3 * quarter - 1, day: 10)!, durationMinutes: 30,
                                          channel: .inPerson, language: "Arabisch", interpreter: false, pathways: [], record: "", confidentialNote: "",
                                          counselorID: "u", createdAt: id)
                return .init(session: s, kind: .first, nationality: country)
            }
        }
        // Syria: 9, 8, 7, 6 persons; Iraq: 2 (folded), 6, 5, 5; Eritrea: 3 in Q1 only (folded), none after.
        let all = [9, 8, 7, 6].enumerated().flatMap { sessions("SYR", quarter: $0 + 1, persons: $1) }
            + [2, 6, 5, 5].enumerated().flatMap { sessions("IRQ", quarter: $0 + 1, persons: $1) } + sessions("ERI", quarter: 1, persons: 3)
        let (year, _, _) = Self.year(all)
        let countries = try #require(year.tables.first { $0.title.hasPrefix(CounselingReport.nationalityTable) })
        let syria = try #require(countries.rowLabels.firstIndex(of: "Syrien")), iraq = try #require(countries.rowLabels.firstIndex(of: "Irak"))
        #expect(countries.cells[syria] == [9, 8, 7, 6] && countries.cells[iraq] == [nil, 6, 5, 5])
        #expect(!countries.rowLabels.contains("Eritrea"))
        #expect(countries.rowLabels.last == "übrige Staatsangehörigkeiten (je unter 5 Personen)" && countries.cells.last == [5, 0, 0, 0])
        // Persons do not add over quarters: no year column.
        #expect(!countries.showsRowTotals)
        // Sessions by language do: Arabic in every quarter, its year's sum the true one.
        let languages = try #require(year.tables.first { $0.title.hasPrefix("Beratungen nach Sprache") })
        #expect(languages.rowLabels == ["Arabisch"] && languages.cells == [[14, 14, 12, 11]] && languages.rowTotals == [51] && languages.total == 51)
        #expect(year.headline.cells.map { $0[0] } == ["01.01.2025 – 31.12.2025", "51", "51", "0", "51"])
    }
}
