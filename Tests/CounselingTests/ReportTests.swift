import Counseling
import Eligibility
@testable import Reports
import Testing

/// Disclosure control and exports of the reports.
@Suite("Reports: suppression and exports")
struct ReportTests {
    /// A small deterministic generator (SplitMix64), so every run checks the same populations.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(next() % UInt64(r.count)) }
    }

    /// Every line of a published table: its parts and its total (rows, columns, and both margins).
    func lines(_ t: CountTable) -> [[Int?]] {
        var out = t.cells.indices.map { t.cells[$0] + [t.rowTotals[$0]] }
        out += t.columnLabels.indices.map { c in t.cells.map { $0[c] } + [t.columnTotals[c]] }
        out.append(t.rowTotals + [t.total])
        out.append(t.columnTotals + [t.total])
        return out
    }

    @Test(arguments: 0..<300)
    func noPublishedCountIsBetweenOneAndFourAndNoneCanBeRecomputedFromATotal(_ seed: Int) {
        var rng = Random(state: UInt64(seed) &* 7919)
        let rows = rng.int(1...14), cols = rng.int(1...6)
        // Populations from sparse (mostly small counts) to dense.
        let scale = [3, 8, 30, 200][rng.int(0...3)]
        let counts = (0..<rows).map { _ in (0..<cols).map { _ in rng.int(0...9) < 3 ? 0 : rng.int(0...scale) } }
        let original = CountTable(title: "t", rowLabels: (0..<rows).map { "r\($0)" }, columnLabels: (0..<cols).map { "c\($0)" }, counts: counts)
        let published = Suppression.publish(original)
        let all = published.cells.flatMap { $0 } + published.rowTotals + published.columnTotals + [published.total]
        #expect(!all.contains { $0.map(Suppression.isSensitive) ?? false }, "a published count between 1 and 4")
        for line in lines(published) {
            let hidden = line.filter { $0 == nil }.count
            #expect(hidden != 1, "a single hidden value in a line could be recomputed from the others")
            // Zeros are published, so each hidden value is at least 1: the hidden group of a line with a published
            // total must neither be a small count itself nor consist of ones only.
            if let total = line.last ?? nil, hidden > 0 {
                let group = total - line.dropLast().reduce(0) { $0 + ($1 ?? 0) }
                #expect(group >= Suppression.threshold && group > hidden, "hidden values summing to \(group) in \(line)")
            }
        }
        // Published values are the true ones; nothing published is invented.
        for r in 0..<rows { for c in 0..<cols { if let v = published.cells[r][c] { #expect(v == counts[r][c]) } } }
        // Counts of 5 and more stay visible unless a rule needed them.
        #expect(published.total == nil || published.total == counts.flatMap { $0 }.reduce(0, +))
    }

    /// The published procedure figures of a period: per regulation title the flows (applications, grants, refusals)
    /// and the stock on the last day, nil where hidden.
    func procedureFigures(_ stats: QuarterlyStatistics, from: Day, to: Day) -> [String: [Int?]] {
        let tables = CooperationReport.make(from: from, to: to, applications: [], referrals: [], statistics: stats).tables
        guard let flows = tables.first(where: { $0.title.hasPrefix("Verfahren der Ausländerbehörde") }),
              let stock = tables.first(where: { $0.title.hasPrefix("Anhängige Verfahren") }) else { return [:] }
        var out: [String: [Int?]] = [:]
        for (r, title) in flows.rowLabels.enumerated() { out[title] = flows.cells[r] + [stock.cells[stock.rowLabels.firstIndex(of: title)!][0]] }
        out["Summe"] = flows.columnTotals + [stock.columnTotals[0]]
        return out
    }

    /// A hidden count is not given away by the balance of the quarters (pending before + applications − grants −
    /// refusals = pending after): QA42 worked out three hidden refusals as 11 + 9 − 6 − 13 = 1. Checked on random
    /// balanced statistics of four quarters, as the service reads them quarter by quarter, and in the year's report,
    /// which shows a sum over the quarters only where each quarter's figure is shown.
    @Test(arguments: 0..<40)
    func theQuartersBalanceGivesNoHiddenCountAway(_ seed: Int) {
        var rng = Random(state: UInt64(seed) &* 104_729)
        let quarters = (1...4).map { Quarter(year: 2026, number: $0)! }
        var procedures: [QuarterlyStatistics.Procedure] = []
        let regs = QuarterlyStatistics.regulations.map(\.code).filter { ["25a", "25b", "60c", "60d", "25-5"].contains($0) }
        for reg in regs {
            var pending = rng.int(0...20)
            for (i, q) in quarters.enumerated() {
                let a = rng.int(0...12), g = rng.int(0...min(pending + a, 9)), r = rng.int(0...min(pending + a - g, 4))
                let after = pending + a - g - r
                // The first quarter carries the stock of the one before it, shown on its own page.
                if i == 0 { procedures.append(.init(quarter: q.previous, regulation: reg, applications: 0, grants: 0, refusals: 0, pendingAtEnd: pending)) }
                procedures.append(.init(quarter: q, regulation: reg, applications: a, grants: g, refusals: r, pendingAtEnd: after))
                pending = after
            }
        }
        let stats = QuarterlyStatistics(procedures: procedures)
        let title = Dictionary(uniqueKeysWithValues: QuarterlyStatistics.regulations.map { ($0.code, $0.title) })
        let pages = Dictionary(uniqueKeysWithValues: stats.quarters.map { ($0, procedureFigures(stats, from: $0.firstDay, to: $0.lastDay)) })
        for q in quarters {
            for reg in regs {
                let before = pages[q.previous]![title[reg]!]!, now = pages[q]![title[reg]!]!
                // Pending before, applications, grants, refusals, pending after: a single hidden one would be given away,
                // which only a large count hidden to protect another line may be.
                let p0 = procedures.first { $0.quarter == q.previous && $0.regulation == reg }!, p1 = procedures.first { $0.quarter == q && $0.regulation == reg }!
                let balance = [before[3], now[0], now[1], now[2], now[3]], real = [p0.pendingAtEnd, p1.applications, p1.grants, p1.refusals, p1.pendingAtEnd]
                if balance.filter({ $0 == nil }).count == 1, let i = balance.firstIndex(where: { $0 == nil }) {
                    #expect(!Suppression.isSensitive(real[i]), "\(q.label) \(reg): \(balance) real \(real)")
                }
                for (v, real) in zip(now, procedures.first { $0.quarter == q && $0.regulation == reg }.map { [$0.applications, $0.grants, $0.refusals, $0.pendingAtEnd] }!) {
                    #expect(v == nil || v == real)
                    #expect(!(v.map(Suppression.isSensitive) ?? false))
                }
            }
        }
        // The year: a sum is shown only where no quarter hides a part of it.
        let year = procedureFigures(stats, from: quarters[0].firstDay, to: quarters[3].lastDay)
        for reg in regs {
            for f in 0..<3 where quarters.contains(where: { pages[$0]![title[reg]!]![f] == nil }) { #expect(year[title[reg]!]![f] == nil, "\(reg) \(f)") }
        }
    }

    /// The case of the review: § 60c with 11 pending, 9 applications, 6 grants, 1 refusal and 13 pending after.
    @Test func theRefusalOfTheReviewStaysHidden() {
        let q2 = Quarter(year: 2026, number: 2)!, q3 = Quarter(year: 2026, number: 3)!
        let stats = QuarterlyStatistics(procedures: [
            .init(quarter: q2, regulation: "60c", applications: 10, grants: 7, refusals: 6, pendingAtEnd: 11),
            .init(quarter: q3, regulation: "60c", applications: 9, grants: 6, refusals: 1, pendingAtEnd: 13),
            .init(quarter: q2, regulation: "25b", applications: 20, grants: 12, refusals: 8, pendingAtEnd: 30),
            .init(quarter: q3, regulation: "25b", applications: 18, grants: 10, refusals: 9, pendingAtEnd: 29),
        ])
        let before = procedureFigures(stats, from: q2.firstDay, to: q2.lastDay)["§ 60c AufenthG"]!
        let now = procedureFigures(stats, from: q3.firstDay, to: q3.lastDay)["§ 60c AufenthG"]!
        #expect(now[2] == nil)
        #expect([before[3], now[0], now[1], now[3]].contains(nil), "\(before) \(now)")
    }

    /// The German screening results name a relative in words, not by an internal id (QA36 F7), and say the
    /// consequence and the open points in German.
    @Test func screeningResultsNameRelativesInWords() {
        let header = ["id", "25a-2_result", "25a-2_from", "25a-2_consequence", "first_action", "open"]
        let flat = ScreeningResultsExport(machineHeader: header), households = ScreeningResultsExport(machineHeader: header, flat: false)
        #expect(flat.describe("c0/born").hasSuffix("(Kind 1 aus minor_children)") && !flat.describe("c0/born").contains("von c0"))
        #expect(households.describe("a/born").hasSuffix("(Person „a“ des Haushalts)"))
        let line = flat.line(["p1", "met", "", "soll", "Antrag stellen", "25a-2: c1/born, U7"])
        #expect(line.contains(";Soll;") && line.contains("§ 25a Abs. 2 AufenthG: ") && line.contains("(Kind 2 aus minor_children)") && line.contains("U7: "), "\(line)")
        #expect(flat.header.contains("§ 25a Abs. 2 AufenthG: Rechtsfolge;") && flat.header.hasSuffix("Offene Punkte (bei unklar)\r\n"))
    }

    @Test func hiddenCellsThatMustAllBeOneAreProtected() {
        // The defect found in the cooperation export: zeros shown, three hidden column totals summing to 3 – each
        // had to be 1, and from there the cells followed.
        let t = Suppression.publish(CountTable(title: "t", rowLabels: ["Q1", "Q2", "Q3"], columnLabels: ["19d-1a", "25-5", "25b", "60d"],
                                               counts: [[0, 1, 2, 0], [0, 0, 8, 1], [1, 0, 2, 0]]))
        let colGroup = (t.total ?? 0) - t.columnTotals.reduce(0) { $0 + ($1 ?? 0) }
        #expect(t.total == nil || colGroup >= Suppression.threshold)
        #expect(t.cells[1][2] == nil || t.rowTotals[1] == nil || t.cells[1][3] != nil)
    }

    /// The Land view's rows are each service's own figures, published in its own reports and known exactly to its
    /// coordination: a Land total over a hidden cell would give that cell away (QA of 05.12.2026: Summe 24, one
    /// service's report 23 → the other had 1). Such a total goes; one over shown cells only stays.
    @Test func aTotalOverPartsPublishedElsewhereIsHiddenWhenAnyPartIs() {
        let counts = [[23, 112, 5, 40], [1, 1, 1, 30]]
        let plain = Suppression.publish(CountTable(title: "t", rowLabels: ["A", "B"], columnLabels: ["e", "f", "g", "h"], counts: counts, rowsAdd: false))
        #expect(plain.columnTotals[0] != nil)   // within the table alone, the total looks safe (two hidden parts)
        let land = Suppression.publish(CountTable(title: "t", rowLabels: ["A", "B"], columnLabels: ["e", "f", "g", "h"], counts: counts, rowsAdd: false),
                                       partsPublishedElsewhere: true)
        for c in 0..<4 { #expect(land.cells.contains { $0[c] == nil } == (land.columnTotals[c] == nil), "column \(c)") }
        #expect(land.columnTotals[0] == nil && land.total == nil)
        let known = Suppression.publish(CountTable(title: "t", rowLabels: ["A", "B"], columnLabels: ["e"], counts: [[23], [12]]), partsPublishedElsewhere: true)
        #expect(known.columnTotals == [35] && known.total == 35)
    }

    /// A row of figures that count different things has no published sum: it is no line to protect, and protecting it
    /// hid real figures shown in another table (QA of 06.12.2026). Its columns are protected as before.
    @Test func rowsWithoutASumAreNotProtectedAsLines() {
        let t = Suppression.publish(CountTable(title: "t", rowLabels: ["§ 25b", "§ 60d"], columnLabels: ["gestellt", "erteilt", "abgelehnt"],
                                               counts: [[9, 7, 2], [12, 6, 0]], rowsAdd: false))
        #expect(t.cells[0][1] == 7 && t.cells[1][1] == 6 && t.columnTotals[1] == 13)   // before: 7 hidden for the row's 2
        #expect(t.cells[0][2] == nil && t.columnTotals[2] == nil)                      // the column of the 2 is protected
        #expect(t.rowTotals.allSatisfy { $0 == nil } && t.total == nil)
    }

    /// The Land's row of a service hides what the service's own reports hide (QA of 06.12.2026: grants 1, 3 and 1 under
    /// three regulations were hidden with their total in the cooperation report, and the Land showed the total 5).
    @Test func theLandHidesWhatTheServicesReportsHide() {
        let q3 = (Day("2025-07-01"), Day("2025-09-30"))
        let apps = [(PathwayKey.p19d1a, 1), (.p25b, 3), (.p60d, 1)].flatMap { k, n in
            (0..<n).map { i in PermitApplication(id: "\(k.rawValue)-\(i)", caseID: "c", clientID: "x\(i)", pathway: k, filedOn: Day("2025-03-01"),
                                                 decidedOn: Day("2025-08-01"), outcome: .granted) }
        }
        let counseling = CounselingReport.make(from: q3.0, to: q3.1, sessions: [], applications: apps).published
        let cooperation = CooperationReport.make(from: q3.0, to: q3.1, applications: apps, referrals: [])
        #expect(cooperation.tables.first { $0.title.hasPrefix("Erteilungen je") }?.total == nil)
        let hidden = LandOverview.hiddenElsewhere(counseling: counseling, cooperation: cooperation)
        #expect(hidden == [false, false, false, true])
        let land = LandOverview.table(title: "Land", rowLabels: ["Elbstadt", "Muldenau"], counts: [[40, 120, 0, 5], [0, 0, 0, 0]],
                                      hidden: [hidden, [false, false, false, false]])
        #expect(land.cells[0][3] == nil && land.columnTotals[3] == nil)
        #expect(land.cells[0][0] == 40 && land.columnTotals[0] == 40)
    }

    /// The applications of a year: per regulation and quarter, that many granted and refused in the quarter's middle.
    static func yearOfApplications(_ counts: [(PathwayKey, granted: [Int], refused: [Int])], year: Int = 2025) -> [PermitApplication] {
        counts.flatMap { k, granted, refused in
            (0..<4).flatMap { q in
                let on = Day(year: year, month: 3 * q + 2, day: 15)!
                return (0..<granted[q]).map { i in PermitApplication(id: "\(k.rawValue)-\(q)-g\(i)", caseID: "c", clientID: "g\(q)\(i)", pathway: k, filedOn: Day(year: year, month: 1, day: 2)!, decidedOn: on, outcome: .granted) }
                    + (0..<refused[q]).map { i in PermitApplication(id: "\(k.rawValue)-\(q)-r\(i)", caseID: "c", clientID: "r\(q)\(i)", pathway: k, filedOn: Day(year: year, month: 1, day: 2)!, decidedOn: on, outcome: .refused) }
            }
        }
    }

    static func yearReport(_ apps: [PermitApplication], referrals: [Referral] = [], year: Int = 2025) -> (year: CooperationReport, quarters: [CooperationReport]) {
        let quarters = (1...4).map { Quarter(year: year, number: $0)! }.map { CooperationReport.make(from: $0.firstDay, to: $0.lastDay, applications: apps, referrals: referrals) }
        let whole = CooperationReport.make(from: Day(year: year, month: 1, day: 1)!, to: Day(year: year, month: 12, day: 31)!, applications: apps, referrals: referrals)
        return (CooperationReport.year(year, quarters: quarters, whole: whole), quarters)
    }

    /// A year beside its quarters (QA43 A4): every quarter's row as its own report shows it, and a year's sum hidden
    /// where the one hidden quarter figure of its column would follow by subtraction – though the sum is no small count.
    @Test func aYearsSumIsHiddenWhereItWouldGiveAQuarterAway() {
        // § 25b: 3 granted in Q1 (hidden there), 7 in Q4: the year's 10 minus the shown 0, 0, 7 would tell the 3.
        // § 25a: 0, 5, 5, 5 granted: nothing hidden, the year's 15 shown.
        let apps = Self.yearOfApplications([(.p25b, [3, 0, 0, 7], [0, 0, 0, 0]), (.p25a, [0, 5, 5, 5], [0, 0, 0, 0])])
        let (year, quarters) = Self.yearReport(apps)
        let grants = year.tables[0]
        #expect(grants.rowLabels == ["Q1/2025", "Q2/2025", "Q3/2025", "Q4/2025"] && grants.title.contains("2025"))
        let b = try! #require(grants.columnLabels.firstIndex(of: PathwayKey.p25b.title)), a = try! #require(grants.columnLabels.firstIndex(of: PathwayKey.p25a.title))
        #expect(grants.cells.map { $0[b] } == [nil, 0, 0, 7] && grants.columnTotals[b] == nil)
        #expect(grants.cells.map { $0[a] } == [0, 5, 5, 5] && grants.columnTotals[a] == 15)
        // The grand total would tell the first quarter's hidden row sum (3) from the other quarters' shown ones.
        #expect(grants.total == nil)
        for (i, q) in quarters.enumerated() {
            #expect(grants.cells[i] == q.tables[0].cells[0] && grants.rowTotals[i] == q.tables[0].rowTotals[0])
        }
        // The year's rate would tell the year's refusals; § 25a's rate is computable from the quarters anyway.
        #expect(year.grantRates.first { $0.0 == PathwayKey.p25a.title }?.1 == .share(1))
    }

    /// Property: over random years of small counts, no year figure lets a reader work out or narrow a figure a
    /// quarter's own report hides, every quarter's row is as published there, and a shown sum is the true one.
    @Test(arguments: 0..<60)
    func aYearNeverGivesAQuarterAway(_ seed: Int) {
        var random = Random(state: UInt64(seed) &* 7919)
        let keys: [PathwayKey] = [.p25a, .p25b, .p60d]
        let counts = keys.map { k in (k, granted: (0..<4).map { _ in random.int(0...9) }, refused: (0..<4).map { _ in random.int(0...6) }) }
        let (year, quarters) = Self.yearReport(Self.yearOfApplications(counts))
        let grants = year.tables[0]
        for (i, q) in quarters.enumerated() {
            #expect(grants.cells[i] == q.tables[0].cells[0] && grants.rowTotals[i] == q.tables[0].rowTotals[0])
        }
        for (c, label) in grants.columnLabels.enumerated() {
            let column = grants.cells.map { $0[c] }
            let truth = counts.first { $0.0.title == label }!.granted.reduce(0, +)
            if let shown = grants.columnTotals[c] {
                #expect(shown == truth)
                let hidden = column.filter { $0 == nil }.count
                // Not one hidden part alone, and hidden parts together no small count.
                #expect(hidden != 1 && (hidden == 0 || truth - column.reduce(0) { $0 + ($1 ?? 0) } >= Suppression.threshold), "\(column) \(shown)")
            }
            // A rate needs the year's grants shown (else rate and refusals would tell them).
            if case .share? = year.grantRates.first(where: { $0.0 == label })?.1 { #expect(grants.columnTotals[c] != nil) }
        }
        for line in lines(grants) where line.last! != nil { #expect(!Suppression.isExposed(line), "\(line)") }
    }

    /// Categories of equal count in German order (QA of 06.12.2026: "Äthiopien" and "staatenlos" after "Sri Lanka").
    @Test func categoriesOfEqualCountAreInGermanOrder() {
        let ranked = CounselingReport.ranked(["Sri Lanka": 1, "staatenlos": 1, "Äthiopien": 1, "Afghanistan": 1, "Syrien": 7])
        #expect(ranked.map(\.0) == ["Syrien", "Afghanistan", "Äthiopien", "Sri Lanka", "staatenlos"])
    }

    /// A referral is counted in the state it had at the period's end (QA of 06.12.2026: a published quarter changed when
    /// a referral of its last days was answered in the next).
    @Test func aReferralCountsInItsStateAtThePeriodsEnd() {
        func referral(_ id: String, answered: Day?) -> Referral {
            var r = Referral(id: id, authorityID: "abh", serviceID: "s", createdBy: "u", createdOn: Day("2026-09-28"), firstName: "A", lastName: "B",
                             born: nil, nationality: nil, reason: "x")
            if let answered { r.state = .accepted; r.decidedOn = answered }
            return r
        }
        let refs = [referral("late", answered: Day("2026-10-02")), referral("early", answered: Day("2026-09-29"))]
            + (0..<8).map { referral("more\($0)", answered: Day("2026-09-29")) } + (0..<6).map { referral("open\($0)", answered: nil) }
        let q3 = CooperationReport.make(from: Day("2026-07-01"), to: Day("2026-09-30"), applications: [], referrals: refs)
        let table = q3.tables.first { $0.title.hasPrefix("Vermittlungen") }!
        // 9 accepted by 30.09.; the one answered on 02.10. was open then, with the 6 still open.
        #expect(table.cells.first == [9, 0, 7])
    }

    /// Nested stocks: a count and a difference to the next larger shown stock of 1 to 4 are hidden (QA of 06.12.2026:
    /// "über 3 Jahre 1.300, über 5 Jahre 1.297" told 3 persons with 3 to 5 years); zero is shown.
    @Test func nestedStocksHideSmallDifferences() {
        #expect(CooperationReport.nestedStocks([2100, 1300, 1297]) == [2100, 1300, nil])
        #expect(CooperationReport.nestedStocks([2100, 2098, 1200]) == [2100, nil, 1200])
        #expect(CooperationReport.nestedStocks([2100, 2098, 2097]) == [2100, nil, nil])
        #expect(CooperationReport.nestedStocks([40, 12, 0]) == [40, 12, 0] && CooperationReport.nestedStocks([40, 3, 0]) == [40, nil, 0])
    }

    /// Small person categories are not named in what is published: folded into one row (QA of 05.12.2026: eight
    /// nationalities shown as ".", and the report's eight persons – each had to be exactly one).
    @Test func smallPersonCategoriesAreFoldedBeforeSuppression() {
        let eight = CountTable(title: "t", column: "Personen", pairs: ["AFG", "IRQ", "SYR", "GIN", "ERI", "SOM", "TUR", "IRN"].map { ($0, 1) })
        let folded = Suppression.publish(eight.foldingSmallRows(into: "übrige"))
        #expect(folded.rowLabels == ["übrige"] && folded.cells == [[8]])
        let mixed = Suppression.publish(CountTable(title: "t", column: "Personen", pairs: [("SYR", 12), ("AFG", 7), ("IRQ", 2), ("GIN", 1)]).foldingSmallRows(into: "übrige"))
        #expect(mixed.rowLabels == ["SYR", "AFG", "übrige"] && !mixed.rowLabels.contains("IRQ") && !mixed.rowLabels.contains("GIN"))
        #expect(mixed.cells[2][0] == nil && mixed.cells.filter { $0[0] == nil }.count >= 2)   // the small rest, and one more so it cannot be recomputed
        let untouched = CountTable(title: "t", column: "n", pairs: [("a", 9), ("b", 6)])
        #expect(untouched.foldingSmallRows(into: "übrige") == untouched)
    }

    /// Sessions counted per language: a row is folded by the persons behind it, not by its sessions (QA of 05.12.2026:
    /// nine Serbian sessions of three persons, and one person's typed text, were published).
    @Test func languageRowsAreFoldedByTheirPersons() {
        let sessions = CountTable(title: "t", column: "Beratungen", pairs: [("Arabisch", 40), ("Serbisch", 9), ("+49 170 1234567", 5), ("Farsi", 6)])
        let folded = sessions.foldingSmallRows(into: "übrige", persons: ["Arabisch": 12, "Serbisch": 3, "+49 170 1234567": 1, "Farsi": 5])
        #expect(folded.rowLabels == ["Arabisch", "Farsi", "übrige"] && folded.cells == [[40], [6], [14]])
    }

    /// A total over hidden parts must not narrow them: five hidden cells summing to 6 are each 1 or 2 (QA of
    /// 05.12.2026, refusals in the joint report); such a line hides more until every value 1–4 stays possible.
    @Test func aTotalDoesNotNarrowHiddenParts() {
        #expect(Suppression.isExposed([nil, nil, nil, nil, nil, 0, 6]))
        #expect(!Suppression.isExposed([nil, nil, nil, 6]))   // each at most 6 − 2 = 4: every value 1–4 stays possible
        #expect(!Suppression.isExposed([nil, nil, 5]) && Suppression.isExposed([nil, nil, nil, 5]))
        let refusals = CountTable(title: "t", rowLabels: ["25a", "25b", "60c", "60d", "25-5", "104c"], columnLabels: ["Ablehnungen"],
                                  counts: [[1], [2], [1], [1], [1], [0]])
        let published = Suppression.publish(refusals)
        #expect(published.columnTotals == [nil] && published.total == nil)
    }

    @Test func aSingleSmallCellTakesAnotherWithItAndLargeTablesStayReadable() {
        let t = Suppression.publish(CountTable(title: "t", column: "n", pairs: [("a", 120), ("b", 3), ("c", 40), ("d", 9)]))
        #expect(t.cells.map { $0[0] } == [120, nil, 40, nil])   // b (3) hidden, and d (the next smallest) so b cannot be derived
        #expect(t.total == 172)
    }

    /// A grant rate where nothing was decided is "–", not the "." of a suppressed one (review of 06.12.2026).
    @Test func aRateWithoutDecisionsIsNotShownAsSuppressed() {
        let r = CooperationReport(tables: [], grantRates: [("§ 25b", .noDecision), ("§ 25a", .suppressed), ("§ 60d", .share(0.75))])
        #expect(r.figureTables[0].cells == [["–"], ["."], ["75 %"]])
    }

    @Test func csvIsSemicolonSeparatedWithBOMAndDefusesFormulas() {
        #expect(CSVExport.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVExport.field("+49 351") == "'+49 351")
        #expect(CSVExport.field("-5") == "-5")   // a number stays a number
        #expect(CSVExport.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVExport.field("a;b") == "\"a;b\"")
        // A separator of another dialect is quoted too: no cell can begin inside the field (`x,=1+1` split on commas).
        #expect(CSVExport.field("x,=1+1,") == "\"x,=1+1,\"" && CSVExport.field("y\t=2+2") == "\"y\t=2+2\"")
        // A value's own leading apostrophe is kept apart from the one that defuses a formula (review of 06.12.2026).
        #expect(CSVExport.field("'=x") == "''=x" && CSVExport.field("=x") == "'=x")
        // A one-column table has no row sums (each would repeat its cell), as on the page.
        let csv = CSVExport.tables([CountTable(title: "T", column: "n", pairs: [("x", 7)])])
        #expect(csv.hasPrefix("\u{FEFF}T\r\n;n\r\nx;7\r\nSumme;7\r\n"))
        let two = CSVExport.tables([CountTable(title: "T", rowLabels: ["x"], columnLabels: ["a", "b"], counts: [[7, 5]])])
        #expect(two.hasPrefix("\u{FEFF}T\r\n;a;b;Summe\r\nx;7;5;12\r\nSumme;7;5;12\r\n"))
    }

    @Test func xlsxIsAZipWithTheWorkbookParts() {
        let bytes = XLSXExport.workbook([CountTable(title: "Bericht <1>", column: "n", pairs: [("x", 7), ("y", 2), ("z", 9)])].map(Suppression.publish))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let text = String(decoding: bytes, as: UTF8.self)
        for part in ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "Bericht &lt;1&gt;", "<v>9</v>", "<t>.</t>"] {
            #expect(text.contains(part), "\(part)")
        }
    }

    @Test func monthsAndQuartersOfAPeriod() {
        #expect(CounselingReport.months(from: Day("2024-11-15"), to: Day("2025-02-01")) == ["11/2024", "12/2024", "01/2025", "02/2025"])
        #expect(CooperationReport.quarters(from: Day("2024-03-01"), to: Day("2024-12-31")) == ["Q1/2024", "Q2/2024", "Q3/2024", "Q4/2024"])
        let years = CooperationReport.buckets(from: Day("2024-03-01"), to: Day("2026-02-01"))
        #expect(years.labels == ["2024 (ab 01.03.)", "2025", "2026 (bis 01.02.)"])
        #expect(years.label(Day("2024-12-31")) == "2024 (ab 01.03.)" && years.label(Day("2025-06-01")) == "2025")
        // A bucket the period covers only in part is marked, so that its count is not read as the whole quarter's.
        #expect(CooperationReport.buckets(from: Day("2026-10-15"), to: Day("2026-11-22")).labels == ["Q4/2026 (15.10.–22.11.)"])
        #expect(CooperationReport.buckets(from: Day("2026-01-01"), to: Day("2026-11-22")).labels == ["Q1/2026", "Q2/2026", "Q3/2026", "Q4/2026 (bis 22.11.)"])
        let whole = CooperationReport.buckets(from: Day("2026-04-01"), to: Day("2026-09-30"))
        #expect(whole.labels == ["Q2/2026", "Q3/2026"] && whole.label(Day("2026-09-30")) == "Q3/2026")
    }

    @Test func aKnownLanguageIsStoredAndCountedUnderOneName() {
        #expect(CounselingLanguages.canonical("  dari ") == "Dari")
        #expect(CounselingLanguages.canonical("arabic") == "Arabisch")
        #expect(CounselingLanguages.canonical("turkisch") == "Türkisch")
        #expect(CounselingLanguages.canonical("kurdisch  (sorani)") == "Kurdisch (Sorani)")
        // Every client page's own name for its language, as the request form fills it in (QA of 05.12.2026: "Русский"
        // stayed Russian script, its "й" folded away in the lookup).
        for (own, german) in [("Русский", "Russisch"), ("العربية", "Arabisch"), ("Türkçe", "Türkisch"), ("English", "Englisch"), ("فارسی / دری", "Farsi oder Dari")] {
            #expect(CounselingLanguages.canonical(own) == german, "\(own)")
        }
        // Any other language stays as typed (spaces collapsed): counseling is not limited to a list.
        #expect(CounselingLanguages.canonical(" Tamil  Nadu ") == "Tamil Nadu")
        #expect(CounselingLanguages.canonical("Dari/Farsi") == "Dari/Farsi")
        func record(_ id: String, _ language: String) -> CounselingReport.SessionRecord {
            let s = CounselingSession(id: id, caseID: "c", clientID: id, on: Day("2026-03-02"), durationMinutes: 30, channel: .inPerson, language: language,
                                      interpreter: false, pathways: [], record: "", confidentialNote: "", counselorID: "u", createdAt: id)
            return .init(session: s, kind: .first, nationality: nil)
        }
        let report = CounselingReport.make(from: Day("2026-01-01"), to: Day("2026-12-31"),
                                           sessions: [record("a", "Dari"), record("b", "dari"), record("c", "DARI "), record("d", "Englisch")], applications: [])
        let languages = report.tables.first { $0.title == "Beratungen nach Sprache" }
        #expect(languages?.rowLabels == ["Dari", "Englisch"])
        #expect(languages?.cells == [[3], [1]])
    }

    /// Published, the pathways discussed are folded by the persons behind each row, as the languages are: nine mentions
    /// of one pathway by four persons are not shown as a row of their own (QA33 F8).
    @Test func pathwaysDiscussedByFewerThanFivePersonsAreFoldedWhenPublished() throws {
        func record(_ id: Int, client: String, _ pathways: [PathwayKey]) -> CounselingReport.SessionRecord {
            let s = CounselingSession(id: "s\(id)", caseID: "c", clientID: client, on: Day("2026-08-03"), durationMinutes: 30, channel: .inPerson, language: "Deutsch",
                                      interpreter: false, pathways: pathways, record: "", confidentialNote: "", counselorID: "u", createdAt: "\(id)")
            return .init(session: s, kind: id < 10 ? .first : .followUp, nationality: nil)
        }
        // § 25b with six persons (twelve mentions), § 25 Abs. 5 with four persons (nine mentions).
        let sessions = (0..<12).map { record($0, client: "b\($0 % 6)", [.p25b]) } + (0..<9).map { record(20 + $0, client: "f\($0 % 4)", [.p25_5]) }
        let report = CounselingReport.make(from: Day("2026-07-01"), to: Day("2026-09-30"), sessions: sessions, applications: [])
        let inside = report.tables.first { $0.title == "Besprochene Bleiberechtswege (Nennungen)" }
        #expect(inside?.rowLabels.contains(PathwayKey.p25_5.title) == true)
        let published = report.published.tables.first { $0.title == "Besprochene Bleiberechtswege (Nennungen)" }
        #expect(published?.rowLabels.contains(PathwayKey.p25_5.title) == false && published?.rowLabels.contains(PathwayKey.p25b.title) == true, "\(published?.rowLabels ?? [])")
        // The folded row says that it counts mentions, not the persons it is grouped by (QA42 coordination #10).
        let folded = try #require(published?.rowLabels.firstIndex(of: "übrige Wege (je unter 5 Personen), ihre Nennungen"))
        #expect(published?.columnLabels == ["Nennungen"] && report.tables.first { $0.title == "Besprochene Bleiberechtswege (Nennungen)" }?.cells.joined().reduce(0) { $0 + ($1 ?? 0) } == 21)
        #expect(published?.cells[folded] == [9])
    }
}
