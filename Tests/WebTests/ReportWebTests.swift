import Counseling
import Demo
import Eligibility
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Reports
import Storage
import Testing
import Views
@testable import Web

@Suite("Reports on the demo site")
struct ReportWebTests {
    /// The demo site in a fresh database, served over real HTTP.
    func withDemo(_ kind: TestDatabase, _ body: @Sendable @escaping (AppServices, TestClock, any TestClientProtocol) async throws -> Void) async throws {
        let db = try await kind.open()
        var config = AppConfig()
        config.port = 0; config.bcryptCost = 4; config.sqlitePath = nil; config.environment = .development
        let clock = TestClock()
        let services = AppServices(config: config, db: db, now: { clock.now() })
        do {
            _ = try await DemoSeeder.seed(services)
            try await buildApplication(services).test(.live) { client in try await body(services, clock, client) }
        } catch { await TestDatabase.dispose(db); throw error }
        await TestDatabase.dispose(db)
    }

    func login(_ email: String) -> Fixture.Login {
        let l = DemoLogins.all.first { $0.email == email }!
        return Fixture.Login(email: l.email, role: l.role, organisation: "", totpSecret: l.totpSecret)
    }

    /// The CSV's first table as [row label: [cells]].
    func firstTable(_ csv: String) -> [String: [String]] {
        let blocks = csv.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n\r\n")
        var out: [String: [String]] = [:]
        for line in blocks[0].components(separatedBy: "\r\n").dropFirst(2) where !line.isEmpty {
            let f = line.components(separatedBy: ";")
            out[f[0]] = Array(f.dropFirst())
        }
        return out
    }

    /// Every table of a CSV export by its title, each as [row label: [cells]] (quotes taken off).
    func tablesByTitle(_ csv: String) -> [String: [String: [String]]] {
        func plain(_ s: String) -> String { s.hasPrefix("\"") && s.hasSuffix("\"") ? String(s.dropFirst().dropLast()) : s }
        var out: [String: [String: [String]]] = [:]
        for block in csv.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n\r\n") {
            let lines = block.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            guard let title = lines.first else { continue }
            var rows: [String: [String]] = [:]
            for line in lines.dropFirst(2) {
                // Labels may hold a comma (quoted) but no semicolon.
                let f = line.components(separatedBy: ";")
                rows[plain(f[0])] = Array(f.dropFirst())
            }
            out[plain(title)] = rows
        }
        return out
    }

    @Test(arguments: TestDatabase.available)
    func theCounselingReportMatchesCountsComputedIndependently(_ db: TestDatabase) async throws {
        try await withDemo(db) { services, clock, client in
            let site = DemoSite.make(seed: 2024, today: services.today)
            let from = Day("2024-03-01"), to = Day("2024-12-31")
            // Independently: the first session of each case by date, then by the order recorded.
            let firstOfCase = Dictionary(grouping: site.work.sessions, by: \.caseID).mapValues { $0.min { ($0.on, $0.createdAt, $0.id) < ($1.on, $1.createdAt, $1.id) }!.id }
            let period = site.work.sessions.filter { $0.on >= from && $0.on <= to }
            let first = period.filter { firstOfCase[$0.caseID] == $0.id }.count
            let persons = Set(period.map(\.clientID)).count
            let b = Browser(client: client, clock: clock)
            try await b.logIn(login("koordination@elbstadt.example"), password: DemoSite.password)
            let page = try await b.request(.get, "/reports/counseling?from=01.03.2024&to=31.12.2024")
            // The funder's report is found from here (QA33 F4: only by guessing its address).
            #expect(page.status == .ok && page.body.contains("<a href=\"/reports/funder\">Sachbericht für Zuwendungsgeber</a>"))
            #expect(page.body.contains("id=\"fig-sessions\">\(period.count)<"))
            #expect(page.body.contains("id=\"fig-first\">\(first)<") && page.body.contains("id=\"fig-followup\">\(period.count - first)<"))
            #expect(page.body.contains("id=\"fig-persons\">\(persons)<"))
            #expect(page.body.contains("<svg class=\"chart\""))
            // A period reaching past today ends today (no empty future months in the heading or the tables).
            let ahead = try await b.request(.get, "/reports/counseling?from=01.01.2026&to=31.12.2030")
            #expect(ahead.status == .ok && !ahead.body.contains("31.12.2030") && !ahead.body.contains("2027"))
            // A quarter as the published views take it; one that does not exist is said (QA of 06.12.2026).
            let quarter = try await b.request(.get, "/reports/counseling?quartal=2024-Q4")
            #expect(quarter.body.contains("01.10.2024 – 31.12.2024") && !quarter.body.contains("id=\"page-alert\""))
            let q5 = try await b.request(.get, "/reports/counseling?quartal=2026-Q5")
            #expect(q5.status == .unprocessableContent && q5.body.contains("„2026-Q5“ ist kein Quartal") && q5.body.contains("Gezeigt wird das laufende Jahr."))
            // The CSV export is the published version, per completed quarter only: each month equals the independent
            // count or is "." for 1–4 or for a count hidden so that the small one cannot be recomputed.
            let q4 = site.work.sessions.filter { $0.on >= Day("2024-10-01") && $0.on <= Day("2024-12-31") }
            let q4First = q4.filter { firstOfCase[$0.caseID] == $0.id }.count
            let csv = try await b.request(.get, "/reports/counseling?quartal=2024-Q4&format=csv")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true && csv.body.hasPrefix("\u{FEFF}"))
            #expect(try await b.request(.get, "/reports/counseling?from=2024-10-01&to=2024-12-31&format=csv").body == csv.body)
            // The file names its period and headline figures, not only its file name.
            #expect(csv.body.contains("Berichtszeitraum;01.10.2024 – 31.12.2024\r\n") && csv.body.contains("Beratungen;\(q4.count)\r\n"))
            // Periods chosen to the day, or runs of quarters, would differ by suppressed counts (QA of 05.12.2026).
            for query in ["from=2024-03-01&to=2024-12-31", "from=2024-10-02&to=2024-12-31", "from=2024-07-01&to=2024-12-31", "quartal=2026-Q4", ""] {
                #expect(try await b.request(.get, "/reports/counseling?\(query)&format=csv").status == .badRequest || query.isEmpty, "\(query)")
                #expect(try await b.request(.get, "/reports/funder?\(query)&format=csv").status == .badRequest || query.isEmpty, "\(query)")
            }
            let publishedDays = try await b.request(.get, "/reports/counseling?from=01.03.2024&to=31.12.2024&published=1")
            #expect(publishedDays.body.contains("id=\"page-alert\"") && publishedDays.body.contains("je abgeschlossenem Quartal") && publishedDays.body.contains("01.07.2026"))
            // A wrong date or a reversed period is named as such before the general hint.
            #expect(try await b.request(.get, "/reports/cooperation?from=31.02.2026&to=31.03.2026").body.contains("„31.02.2026“ ist kein gültiges Datum"))
            #expect(try await b.request(.get, "/reports/cooperation?from=01.07.2026&to=01.04.2026").body.contains("Der Zeitraum endet vor seinem Beginn."))
            // A start after today with no end is named as such (QA of 06.12.2026: it got "ends before it begins").
            #expect(try await b.request(.get, "/reports/counseling?from=07.12.2026").body.contains("Der Zeitraum beginnt nach heute."))
            #expect(!page.body.contains("id=\"page-alert\""))   // the internal version: any period
            let months = firstTable(csv.body)
            var hidden = 0
            for m in CounselingReport.months(from: Day("2024-10-01"), to: Day("2024-12-31")) {
                let inMonth = q4.filter { CounselingReport.months(from: $0.on, to: $0.on)[0] == m }
                let f = inMonth.filter { firstOfCase[$0.caseID] == $0.id }.count
                let cells = try #require(months[m], "\(m)")
                for (value, expected) in zip(cells, [f, inMonth.count - f, inMonth.count]) {
                    if value == "." { hidden += 1; continue }
                    #expect(Int(value) == expected, "\(m): \(value) vs \(expected)")
                    #expect(!Suppression.isSensitive(expected))
                }
            }
            #expect(months["Summe"] == [String(q4First), String(q4.count - q4First), String(q4.count)])
            // The funder's report and the Land's view carry the same figures, suppressed, per completed quarter.
            let funder = try await b.request(.get, "/reports/funder?quartal=2024-Q4")
            #expect(funder.status == .ok && funder.body.contains("Sachbericht für Zuwendungsgeber") && funder.body.contains("<dd>\(q4.count)</dd>"))
            // In the trail as the report it is, not as a search of the client list (QA28 F5).
            let logged = try await services.db.read { try await $0.query("SELECT DISTINCT entity FROM audit_events WHERE entity LIKE 'report_%' OR entity = 'client_search'") }.compactMap { $0.text("entity") }
            #expect(logged.contains("report_funder") && !logged.contains("client_search"), "\(logged)")
            // The export carries the page's meetings figure too.
            let meetingsShown = try #require(funder.body.components(separatedBy: "<dt>Kooperationssitzungen mit der Ausländerbehörde</dt><dd>").dropFirst().first?.prefix { $0 != "<" })
            #expect(try await b.request(.get, "/reports/funder?quartal=2024-Q4&format=csv").body.contains("Kooperationssitzungen mit der Ausländerbehörde;\(meetingsShown)"))
            let funderDays = try await b.request(.get, "/reports/funder?from=01.03.2024&to=31.12.2024")
            #expect(funderDays.status == .unprocessableContent && funderDays.body.contains("id=\"page-alert\"") && !funderDays.body.contains("<dd>\(q4.count)</dd>"))
            // A completed year for the funder (a financing period): each quarter's figures as that quarter's own report
            // publishes them, a year's sum only where each part is shown (CounselingYear).
            let funderYear = try await b.request(.get, "/reports/funder?jahr=2025&format=csv")
            let sessions2025 = site.work.sessions.filter { $0.on.components.year == 2025 }
            let yearTables = tablesByTitle(funderYear.body)
            let headline = try #require(yearTables["Berichtszeitraum und Kennzahlen"])
            #expect(funderYear.status == .ok && headline["Berichtszeitraum"] == ["01.01.2025 – 31.12.2025"])
            #expect(headline["Beratungen"] == [String(sessions2025.count)] || headline["Beratungen"] == ["."])
            #expect(headline["Beratene Personen"] == [String(Set(sessions2025.map(\.clientID)).count)] || headline["Beratene Personen"] == ["."])
            var quarterSessions: [String] = []
            for n in 1...4 {
                let quarter = tablesByTitle(try await b.request(.get, "/reports/funder?quartal=2025-Q\(n)&format=csv").body)
                quarterSessions.append(quarter["Berichtszeitraum und Kennzahlen"]?["Beratungen"]?.first ?? "")
                for title in ["Beratungen nach Sprache", "Beratene Personen nach Staatsangehörigkeit", "Beratungen nach Kanal"] {
                    let own = try #require(quarter[title]), year = try #require(yearTables[title + " im Jahr 2025"])
                    for (label, cells) in own { #expect(year[label]?[n - 1] == cells[0], "\(title) \(label) Q\(n)") }
                }
                let months = try #require(quarter[CounselingReport.perMonthTable]), yearMonths = try #require(yearTables[CounselingReport.perMonthTable + " im Jahr 2025"])
                for (label, cells) in months where label != "Summe" { #expect(yearMonths[label] == cells, "\(label)") }
            }
            // The year's sessions are the quarters' sum, shown where each quarter shows its own.
            #expect(headline["Beratungen"] == (quarterSessions.contains(".") ? ["."] : [String(sessions2025.count)]))
            let languages = try #require(yearTables["Beratungen nach Sprache im Jahr 2025"])
            for (label, cells) in languages where cells.last != "." { #expect(!cells.dropLast().contains("."), "\(label)") }
            let funderYearPage = try await b.request(.get, "/reports/funder?from=01.01.2025&to=31.12.2025")
            #expect(funderYearPage.status == .ok && funderYearPage.body.contains("Berichtszeitraum 01.01.2025 – 31.12.2025") && funderYearPage.body.contains("jahr=2025&amp;format=xlsx"))
            #expect(funderYearPage.body.contains("Beratungen nach Sprache im Jahr 2025") && !funderYearPage.body.contains("id=\"page-alert\""))
            for query in ["jahr=2026", "jahr=20x5", "from=01.01.2026&to=31.12.2026"] {
                let refused = try await b.request(.get, "/reports/funder?\(query)")
                #expect(refused.status == .unprocessableContent && refused.body.contains("id=\"page-alert\"") && refused.body.contains("Q3/2026"), "\(query)")
                #expect(try await b.request(.get, "/reports/funder?\(query)&format=csv").status == .badRequest, "\(query)")
            }
            let land = try await b.request(.get, "/reports/land?quartal=2024-Q4&format=csv")
            let landRows = firstTable(land.body)
            let elbstadt = try #require(landRows.first { $0.key.hasPrefix("Elbstadt") }?.value)
            #expect(elbstadt[0] == String(q4First) && elbstadt[1] == String(q4.count - q4First))
            #expect(try await b.request(.get, "/reports/land?from=2024-10-01&to=2024-12-31&format=csv").body == land.body)
            #expect(try await b.request(.get, "/reports/land?from=2024-03-01&to=2024-12-31&format=csv").status == .badRequest)
            #expect(try await b.request(.get, "/reports/land?quartal=2026-Q4&format=csv").status == .badRequest)   // still running
            #expect(try await b.request(.get, "/reports/land?quartal=+2024-Q4+&format=csv").body == land.body)   // a form's spaces
            #expect(try await b.request(.get, "/reports/land?to=2026-11-30&format=csv").status == .badRequest)
            #expect(try await b.request(.get, "/reports/land?from=garbage").body.contains("id=\"page-alert\""))
            // A quarter's days outside the years a quarter is read for: said, not a crash.
            #expect(try await b.request(.get, "/reports/land?from=01.01.1990&to=31.03.1990").body.contains("id=\"page-alert\""))
            #expect(try await b.request(.get, "/reports/cooperation?from=01.01.1990&to=31.03.1990&format=csv").status == .badRequest)
            #expect(try await b.request(.get, "/reports/counseling?from=01.01.1990&to=31.03.1990").status == .ok)
            let dayPeriod = try await b.request(.get, "/reports/land?from=02.01.2026&to=22.11.2026")
            #expect(dayPeriod.status == .unprocessableContent && dayPeriod.body.contains("id=\"page-alert\"") && dayPeriod.body.contains("Landesübersicht Q3/2026"))
            #expect(landRows.contains { $0.key.hasPrefix("Muldenau") })
            // Sessions, applications and grants are different things: the Land's table has no row sums.
            #expect(elbstadt.count == 4 && land.body.contains(";Erteilungen\r\n"))
            #expect(!(try await b.request(.get, "/reports/land?quartal=2024-Q4").body.contains("<th scope=\"col\">Summe</th>")))
            // The authority reads the cooperation's indicators, never the service's internal report.
            let clerk = Browser(client: client, clock: clock)
            try await clerk.logIn(login("sachbearbeitung@abh-elbstadt.example"), password: DemoSite.password)
            #expect(try await clerk.request(.get, "/reports/counseling").status == .forbidden)
            let coop = try await clerk.request(.get, "/reports/cooperation?quartal=2026-Q2&format=csv")
            #expect(coop.status == .ok)
            let granted = site.work.applications.filter { $0.outcome == .granted && ($0.decidedOn.map { $0 >= Day("2026-04-01") && $0 <= Day("2026-06-30") } ?? false) }.count
            let grantsTable = firstTable(coop.body)
            let total = try #require(grantsTable["Summe"]?.last)
            // Hidden only when it is small or would narrow down hidden parts (Suppression.isExposed).
            #expect(total == String(granted) || (total == "." && (Suppression.isSensitive(granted) || grantsTable.values.contains { $0.dropLast().contains(".") })))
            for row in grantsTable.values { for v in row { #expect(v == "." || !Suppression.isSensitive(Int(v) ?? 0), "\(v)") } }
            // Only whole completed quarters: a period to the day would tell the authority on which day a grant fell
            // (QA of 05.12.2026). The page shows the last completed quarter and says why; a download is refused.
            for query in ["from=31.12.2026&to=01.01.2026", "from=2026-07-01&to=2026-07-18", "from=2026-01-01&to=2026-09-30", "quartal=2026-Q4"] {
                let shown = try await clerk.request(.get, "/reports/cooperation?\(query)")
                #expect(shown.status == .unprocessableContent && shown.body.contains("id=\"page-alert\"") && shown.body.contains("Q3/2026"), "\(query)")
                #expect(try await clerk.request(.get, "/reports/cooperation?\(query)&format=csv").status == .badRequest, "\(query)")
            }
            // A completed year (QA43 A4): its quarters as their own reports show them, the year's sums only where they
            // give no hidden quarter figure away; a year not yet over is refused.
            let year = try await clerk.request(.get, "/reports/cooperation?jahr=2025&format=csv")
            #expect(year.status == .ok)
            let yearGrants = firstTable(year.body)
            for n in 1...4 {
                let quarter = firstTable(try await clerk.request(.get, "/reports/cooperation?quartal=2025-Q\(n)&format=csv").body)
                #expect(yearGrants["Q\(n)/2025"] == quarter["Q\(n)/2025"], "Q\(n)")
            }
            let sums = try #require(yearGrants["Summe"])
            let decided2025 = site.work.applications.filter { $0.outcome == .granted && ($0.decidedOn.map { $0.components.year == 2025 } ?? false) }.count
            #expect(sums.last == String(decided2025) || sums.last == ".")
            for (c, sum) in sums.enumerated() where sum != "." {
                #expect((1...4).filter { yearGrants["Q\($0)/2025"]![c] == "." }.count != 1, "column \(c)")
            }
            let yearPage = try await clerk.request(.get, "/reports/cooperation?from=01.01.2025&to=31.12.2025")
            #expect(yearPage.status == .ok && yearPage.body.contains("Kennzahlen der Kooperation 01.01.2025 – 31.12.2025") && yearPage.body.contains("jahr=2025&amp;format=xlsx"))
            for query in ["jahr=2026", "jahr=20x5", "from=01.01.2026&to=31.12.2026"] {
                let refused = try await clerk.request(.get, "/reports/cooperation?\(query)")
                #expect(refused.status == .unprocessableContent && refused.body.contains("id=\"page-alert\"") && refused.body.contains("Q3/2026"), "\(query)")
                #expect(try await clerk.request(.get, "/reports/cooperation?\(query)&format=csv").status == .badRequest, "\(query)")
            }
            let counselor = Browser(client: client, clock: clock)
            try await counselor.logIn(login("beraterin@elbstadt.example"), password: DemoSite.password)
            #expect(try await counselor.request(.get, "/reports/counseling").status == .forbidden)
            #expect(try await counselor.request(.get, "/reports/land").status == .forbidden)
            // Nor the authority: other cities' services are none of its business.
            #expect(try await clerk.request(.get, "/reports/land?quartal=2024-Q4").status == .forbidden)
            // The Land's coordination sees the same suppressed Land view, starts there, and nothing else.
            let landUser = Browser(client: client, clock: clock)
            try await landUser.logIn(login("land@koordination-sachsen.example"), password: DemoSite.password)
            let home = try await landUser.request(.get, "/")
            #expect(home.status == .seeOther && home.headers[.location] == "/reports/land")
            let landView = try await landUser.request(.get, "/reports/land?quartal=2024-Q4&format=csv")
            #expect(landView.status == .ok && firstTable(landView.body) == landRows)
            #expect(try await landUser.request(.get, "/reports/land").body.contains("Beratungsstellen im Land Sachsen"))
            // Screening it may, for the figures only (QA35 F4; `ScreeningWebTests`).
            #expect(try await landUser.request(.get, "/screening").body.contains("id=\"figures-only\""))
            for path in ["/clients", "/reports/counseling", "/reports/cooperation", "/reports/funder", "/statistics", "/meetings",
                         "/referrals", "/shared", "/contacts", "/users", "/appointments", "/advice", "/api/v1/clients"] {
                let status = try await landUser.request(.get, path).status
                #expect(status == .forbidden || status == .notFound, "\(path) → \(status)")
            }
        }
    }

    /// The demo shows a full quarter of cooperation: referrals, consents and a shared case, the authority's
    /// statistics, a meeting with anonymised cases and minutes, and the cooperation's indicators.
    @Test(arguments: TestDatabase.available)
    func theDemoShowsAQuarterOfCooperation(_ db: TestDatabase) async throws {
        try await withDemo(db) { services, clock, client in
            let clerk = Browser(client: client, clock: clock)
            try await clerk.logIn(login("sachbearbeitung@abh-elbstadt.example"), password: DemoSite.password)
            let shared = try await clerk.request(.get, "/shared")
            let first = try #require(shared.body.components(separatedBy: "href=\"/shared/clients/").dropFirst().first?.prefix { $0 != "\"" })
            let view = try await clerk.request(.get, "/shared/clients/\(first)")
            #expect(view.status == .ok && view.body.contains("id=\"assessment\""))
            let referrals = try await clerk.request(.get, "/referrals")
            #expect(referrals.body.contains("angenommen am") && referrals.body.contains("abgelehnt am") && referrals.body.contains("<td>offen</td>"))
            #expect(try await clerk.request(.get, "/statistics").body.contains("Geduldete am 30.09.2026"))
            let meetings = try await clerk.request(.get, "/meetings")
            let past = try #require(meetings.body.components(separatedBy: "href=\"/meetings/").dropFirst().map { String($0.prefix { $0 != "\"" }) }.first { $0 != "demo-meeting-11" })
            let last = try await clerk.request(.get, "/meetings/demo-meeting-10")
            #expect(!past.isEmpty && last.body.contains("<h3>Fall 1</h3>") && last.body.contains("Statistik des Quartals besprochen"))
            let coop = try await clerk.request(.get, "/reports/cooperation?from=01.07.2026&to=30.09.2026")
            #expect(coop.status == .ok && coop.body.contains("id=\"population\""))
            #expect(try await clerk.request(.get, "/contacts").body.contains("Sachgebietsleitung Aufenthalt"))
            // The seeded files were made by the seeding, named as such, not by the demo coordinator (QA42 coordination #5).
            let coordination = Browser(client: client, clock: clock)
            try await coordination.logIn(login("koordination@elbstadt.example"), password: DemoSite.password)
            let review = try await coordination.request(.get, "/access-review").body
            let seeder = try #require(review.components(separatedBy: "<td>Demo-Daten (beim Einrichten angelegt)</td>").dropFirst().first?.components(separatedBy: "</tr>").first)
            let files = try #require(try await services.db.read {
                try await $0.one("SELECT COUNT(*) AS n FROM clients c JOIN organisations o ON o.id = c.organisation_id WHERE o.name = 'Beratungsstelle Perspektive Bleiberecht Elbstadt'")
            }?.int("n"))
            #expect(files > 100 && seeder.contains("<td class=\"num\">\(files)</td>"), "\(seeder)")
            let kessler = review.components(separatedBy: "<td>Miriam Kessler</td>").dropFirst().first?.components(separatedBy: "</tr>").first ?? ""
            #expect(!kessler.contains(">\(files)<"), "\(kessler)")
            let file = try #require(try await services.db.read { try await $0.one("SELECT id FROM clients WHERE file_number = 'PB-2022-0001'") }?.text("id"))
            #expect(try await coordination.request(.get, "/clients/\(file)/audit").body.contains("Demo-Daten (beim Einrichten angelegt)"))
        }
    }

    /// Every table of the staff pages has a caption (QA of 05.12.2026: status history, documents and sessions had
    /// none), so that a screen reader's table list names them.
    @Test func everyTableOnTheStaffPagesHasACaption() async throws {
        try await withDemo(.sqlite) { _, clock, client in
            func uncaptioned(_ body: String) -> Int {
                body.components(separatedBy: "<table").dropFirst().filter { !($0.split(separator: ">", maxSplits: 1, omittingEmptySubsequences: false).last ?? "").hasPrefix("<caption") }.count
            }
            func firstLink(_ body: String, _ prefix: String) -> String? {
                body.components(separatedBy: "href=\"\(prefix)").dropFirst().first { !$0.hasPrefix("new\"") }.map { prefix + $0.prefix { $0 != "\"" && $0 != "/" && $0 != "?" && $0 != "#" } }
            }
            var pages: [String: Int] = [:], tables = 0
            func visit(_ b: Browser, _ paths: [String]) async throws {
                for path in paths {
                    let page = try await b.request(.get, path)
                    #expect(page.status == .ok, "\(path)")
                    pages[path] = uncaptioned(page.body)
                    tables += page.body.components(separatedBy: "<table").count - 1
                }
            }
            let counselor = Browser(client: client, clock: clock)
            try await counselor.logIn(login("beraterin@elbstadt.example"), password: DemoSite.password)
            let list = try await counselor.request(.get, "/clients")
            let someClient = try #require(firstLink(list.body, "/clients/"))
            let file = try await counselor.request(.get, someClient)
            var paths = ["/clients", someClient, someClient + "/status", someClient + "/consents", someClient + "/facts/json", "/appointments", "/referrals",
                         "/contacts", "/meetings", "/meetings/demo-meeting-10", "/advice", "/account", "/dashboard"]
            if let someCase = firstLink(file.body, "/cases/") { paths.append(someCase) }
            try await visit(counselor, paths)
            // Assessments cite the law and name the specification's rules in words, not by file (QA of 05.12.2026).
            let clients = list.body.components(separatedBy: "href=\"/clients/").dropFirst().map { String($0.prefix { $0 != "\"" }) }.filter { $0 != "new" && !$0.contains("/") }
            for id in clients.prefix(25) {
                for on in ["", "?on=01.01.2010"] {
                    let page = try await counselor.request(.get, "/clients/\(id)/assessment" + on)
                    // A Stichtag before the client's birth is refused (422); every page shown names no file.
                    #expect((page.status == .ok || page.status == .unprocessableContent) && !page.body.contains("SPEC.md") && !page.body.contains("spec/") && !page.body.contains(".md)"), "\(id)\(on)")
                }
            }
            let coordinator = Browser(client: client, clock: clock)
            try await coordinator.logIn(login("koordination@elbstadt.example"), password: DemoSite.password)
            try await visit(coordinator, ["/users", "/reports/counseling", "/reports/cooperation?quartal=2026-Q3", "/statistics", "/screening"])
            let clerk = Browser(client: client, clock: clock)
            try await clerk.logIn(login("sachbearbeitung@abh-elbstadt.example"), password: DemoSite.password)
            let shared = try await clerk.request(.get, "/shared")
            try await visit(clerk, ["/shared"] + [firstLink(shared.body, "/shared/clients/")].compactMap { $0 })
            #expect(tables > 15)
            #expect(pages.filter { $0.value > 0 }.isEmpty, "\(pages.filter { $0.value > 0 })")
        }
    }

    @Test func chartsMarkSuppressedValuesAndWrapTheirLegend() throws {
        var t = CountTable(title: "Verfahren", rowLabels: ["Q1/2026", "Q2/2026"],
                           columnLabels: ["gestellt", "erteilt nach § 25b Abs. 1, 4", "abgelehnt", "zurückgenommen", "noch offen am Quartalsende", "sonstiges"],
                           counts: [[9, 8, 1, 0, 4, 2], [7, 6, 0, 1, 3, 1]])
        t.cells[0][2] = nil
        let svg = Charts.stackedBars(t).rendered
        #expect(svg.contains("stroke-dasharray") && svg.contains("Q1/2026 – abgelehnt: Wert unterdrückt (Datenschutz)"))
        #expect(svg.contains("einzelne Werte aus Datenschutzgründen unterdrückt"))
        // Every legend entry starts inside the chart: the long labels wrap to a second line.
        let offsets = svg.components(separatedBy: "<g transform=\"translate(").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(offsets.count == 8 && offsets.dropFirst().allSatisfy { $0 >= 30 && $0 < 720 - 60 })   // the first is the legend block
        #expect(svg.contains("translate(30 16)"))
        // Two values hidden beside a published sum: drawn together to scale, the axis up to that sum (QA29 F10).
        var grants = CountTable(title: "Erteilungen", rowLabels: ["Q3/2026"], columnLabels: ["§ 25b", "§ 60d"], counts: [[3, 3]])
        grants.cells[0] = [nil, nil]
        let together = Charts.stackedBars(grants).rendered
        #expect(together.contains("Q3/2026 – § 25b, § 60d: zusammen 6, einzeln unterdrückt (Datenschutz)") && together.contains(">6</text>"))
        let plain = Charts.stackedBars(CountTable(title: "x", rowLabels: ["a"], columnLabels: ["b"], counts: [[1]])).rendered
        #expect(!plain.contains("stroke-dasharray") && !plain.contains("unterdrückt"))
        var one = CountTable(title: "Herkunft", column: "Personen", pairs: [("Syrien", 12), ("Eritrea", 2)])
        one.cells[1][0] = nil
        let bars = Charts.bars(one).rendered
        #expect(bars.contains("stroke-dasharray") && bars.contains(">.</text>"))
        // More rows than the chart shows: it says so.
        let many = Charts.bars(CountTable(title: "Sprachen", column: "Beratungen", pairs: (1...15).map { ("Sprache \($0)", 20 - $0) }), limit: 12).rendered
        #expect(many.contains("und 3 weitere – alle in der Tabelle") && many.contains("die ersten 12 von 15"))
    }

    /// Counts that do not add up across a row stand side by side; a count of 1 beside thousands is still drawn (QA of
    /// 05.12.2026: the Land chart stacked sessions and grants; a 1 had height 0).
    @Test func unrelatedCountsStandSideBySideAndSmallCountsShow() {
        func heights(_ svg: String) -> [String: Int] {
            svg.components(separatedBy: "<rect ").dropFirst().reduce(into: [:]) { out, r in
                guard let title = r.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first,
                      let h = r.components(separatedBy: "height=\"").dropFirst().first.flatMap({ Int($0.prefix { $0.isNumber }) }) else { return }
                out[title] = h
            }
        }
        let land = heights(Charts.stackedBars(CountTable(title: "Land", rowLabels: ["Dresden"], columnLabels: ["Erstberatungen", "Erteilungen"],
                                                         counts: [[300, 300]], rowsAdd: false)).rendered)
        #expect(land["Dresden – Erstberatungen: 300"] == land["Dresden – Erteilungen: 300"] && (land["Dresden – Erteilungen: 300"] ?? 0) > 150)
        // A hidden value of a group is marked in its own slot, beside the shown ones.
        var hiddenGrant = CountTable(title: "Land", rowLabels: ["Dresden"], columnLabels: ["Erstberatungen", "Erteilungen"], counts: [[300, 3]], rowsAdd: false)
        hiddenGrant.cells[0][1] = nil
        let marked = Charts.stackedBars(hiddenGrant).rendered
        #expect(marked.contains("Dresden – Erteilungen: Wert unterdrückt") && !marked.contains("Dresden – Erstberatungen, Erteilungen"))
        let smallSVG = Charts.stackedBars(CountTable(title: "x", rowLabels: ["a", "b"], columnLabels: ["n"], counts: [[5000], [1]])).rendered
        let small = heights(smallSVG)
        #expect((small["b – n: 1"] ?? 0) >= 1)
        // A value axis at round steps, labelled in German (QA of 06.12.2026: no axis, values only in tooltips).
        #expect([1, 7, 300, 5000, 12_345].map(Charts.niceStep) == [1, 2, 100, 1000, 5000])
        for tick in [">0</text>", ">1.000</text>", ">5.000</text>"] { #expect(smallSVG.contains(tick), "\(tick)") }
        #expect(!smallSVG.contains(">6.000</text>"))
    }

    /// The demo's three files from before the cooperation are due for erasure on a fresh site, and only for the
    /// coordination of their own service; one of them is erased from the list.
    @Test(arguments: TestDatabase.available)
    func aFreshDemoHasFilesDueForErasure(_ db: TestDatabase) async throws {
        try await withDemo(db) { services, clock, client in
            let b = Browser(client: client, clock: clock)
            let csrf = try await b.logIn(login("koordination@elbstadt.example"), password: DemoSite.password)
            let page = try await b.request(.get, "/retention")
            #expect(page.status == .ok && page.body.contains("3 Akten mit abgelaufener Frist."))
            for number in ["PB-2022-0001", "PB-2022-0002", "PB-2023-0001"] { #expect(page.body.contains(number)) }
            let service = try #require(try await services.accounts.account(email: "koordination@elbstadt.example")?.user.organisationID)
            let due = try await services.clients.retentionDue(organisation: service, today: services.today, years: 3)
            let first = try #require(due.first)
            #expect(first.fileNumber == "PB-2022-0001" && first.lastActivity == Day("2022-11-30"))
            // The report of the years before stays as it was (the erased file leaves what the reports count).
            func report() async throws -> CounselingReport {
                try await ReportRoutes(services: services).counselingReport(service, from: Day("2022-01-01"), to: Day("2023-12-31"),
                                                                             applications: try await services.applications.reportApplications(organisation: service))
            }
            let before = try await report()
            #expect(before.sessions > 0)
            #expect(try await b.request(.post, "/clients/\(first.clientID)/erase", form: ["csrf": csrf, "file_number": first.fileNumber]).status == .ok)
            #expect(try await b.request(.get, "/retention").body.contains("2 Akten mit abgelaufener Frist."))
            let after = try await report()
            #expect(after.sessions == before.sessions && after.persons == before.persons && after.tables == before.tables)
            // Another service's coordination sees none of them.
            let muldenau = Browser(client: client, clock: clock)
            _ = try await muldenau.logIn(login("koordination@muldenau.example"), password: DemoSite.password)
            #expect(!(try await muldenau.request(.get, "/retention").body.contains("PB-2022-0002")))
        }
    }

    /// The authority reads a service's figures only for the quarters the cooperation ran (QA of 06.12.2026: a quarter
    /// of 2019 showed the service's grants; the fixture's cooperation runs from 01.01.2024).
    @Test(arguments: TestDatabase.available)
    func theAuthoritySeesNoFiguresFromBeforeTheCooperation(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            let audit = AuditContext(userID: "user-0", organisationID: "org-a", now: f.services.timestamp())
            let c = CounselingCase(id: "case-old", organisationID: "org-a", clientID: "client-a", openedOn: Day("2023-01-10"), referralSource: .own, pathway: .p25b, counselorID: "user-0")
            _ = try await f.services.cases.open(c, audit: audit)
            let grants = (0..<6).map { i in PermitApplication(id: "old-\(i)", caseID: "case-old", clientID: "client-a", pathway: .p25b, filedOn: Day("2023-02-01"),
                                                              decidedOn: Day("2023-11-15"), outcome: .granted) }
            try await f.services.applications.importAll(grants, organisation: "org-a", audit: audit)
            try await f.run { b in
                try await b.logIn(f.login(.coordinator))
                let own = try await b.request(.get, "/reports/cooperation?quartal=2023-Q4&format=csv")
                #expect(own.status == .ok && firstTable(own.body)["Summe"]?.last == "6")
                let clerk = Browser(client: b.client, clock: f.clock)
                try await clerk.logIn(f.login(.authorityClerk, organisation: "org-abh"))
                let before = try await clerk.request(.get, "/reports/cooperation?quartal=2023-Q4&format=csv")
                #expect(before.status == .ok && !before.body.contains("§ 25b") && firstTable(before.body)["Summe"]?.last != "6")
            }
        }
    }
}
