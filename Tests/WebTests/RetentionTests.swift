import Counseling
import Eligibility
import Foundation
import Storage
import Testing
@testable import Web

/// Storage limitation: the coordination sees which finished files have been kept past their retention period, and
/// erases them from there; nothing is erased by itself.
@Suite("Retention periods of client files")
struct RetentionTests {
    @Test func theRetentionPeriodIsConfigurableWithinSensibleBounds() {
        #expect(AppConfig.fromEnvironment([:]).retentionYears == 3)
        #expect(AppConfig.fromEnvironment(["BLEIBE_RETENTION_YEARS": "10"]).retentionYears == 10)
        for bad in ["0", "-2", "31", "drei"] {
            let c = AppConfig.fromEnvironment(["BLEIBE_RETENTION_YEARS": bad])
            // The default stays, and the setting is named as a problem that stops the commands (QA32 F3).
            #expect(c.retentionYears == 3 && c.problems.count == 1 && c.problems[0].hasPrefix("BLEIBE_RETENTION_YEARS=\(bad): erwartet"), "\(bad)")
        }
        // QA32 F3–F5: every setting is read or refused, none silently defaulted.
        #expect(AppConfig.fromEnvironment(["BLEIBE_ENV": "Production"]).environment == .production)
        for (name, value) in [("BLEIBE_ENV", "prod"), ("BLEIBE_IDLE_TIMEOUT", "nan"), ("BLEIBE_IDLE_TIMEOUT", "-1"), ("BLEIBE_API_TOKEN_DAYS", "0"),
                              ("BLEIBE_SECURE_COOKIES", "vielleicht"), ("BLEIBE_PUBLIC_URL", "bleibe.example"), ("BLEIBE_SCREENING_RETENTION_DAYS", "x")] {
            #expect(AppConfig.fromEnvironment([name: value]).problems.count == 1, "\(name)=\(value)")
        }
        #expect(AppConfig.fromEnvironment(["BLEIBE_SECURE_COOKIES": "true"]).secureCookies && AppConfig.fromEnvironment([:]).problems.isEmpty)
        #expect(Retention.dueOn(lastActivity: Day("2024-02-29"), years: 3) == Day("2027-02-28"))
        #expect(Retention.lastActivity([nil, Day("2021-01-01"), Day("2023-06-30"), nil]) == Day("2023-06-30"))
        #expect(Retention.lastActivity([nil]) == nil)
        #expect(AppConfig.fromEnvironment([:]).referralRetentionDays == 365)
        #expect(AppConfig.fromEnvironment(["BLEIBE_REFERRAL_RETENTION_DAYS": "30"]).referralRetentionDays == 30)
        #expect(AppConfig.fromEnvironment(["BLEIBE_DECLINED_REFERRAL_RETENTION_DAYS": "30"]).problems == ["BLEIBE_DECLINED_REFERRAL_RETENTION_DAYS heißt jetzt BLEIBE_REFERRAL_RETENTION_DAYS (gilt für abgelehnte und angenommene Vermittlungen)."])
    }

    /// The erasure journal goes with the SQLite file (QA of 06.12.2026: a restore from another folder read a journal
    /// relative to it); named, it is where it is named.
    @Test func theErasureJournalDefaultsToTheSQLiteFilesFolder() {
        #expect(AppConfig.fromEnvironment(["BLEIBE_SQLITE_PATH": "/srv/bleibe/db.sqlite"]).erasureJournal == "/srv/bleibe/erasures.journal")
        #expect(AppConfig.fromEnvironment(["BLEIBE_SQLITE_PATH": "/srv/bleibe/db.sqlite", "BLEIBE_ERASURE_JOURNAL": "/j/e.journal"]).erasureJournal == "/j/e.journal")
        #expect(AppConfig.fromEnvironment(["DATABASE_URL": "postgres://x@127.0.0.1/y"]).erasureJournal == "data/erasures.journal")
        #expect(AppConfig.fromEnvironment([:]).erasureJournal == FileManager.default.currentDirectoryPath + "/data/erasures.journal")
    }

    @Test(arguments: TestDatabase.available)
    func finishedFilesPastTheirPeriodAreListedForTheCoordinationOnly(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            for (id, number) in [("client-r", "A-R"), ("client-s", "A-S"), ("client-o", "A-O")] {
                try await f.addClient(id, fileNumber: number, firstName: "Test", lastName: "Person \(number)")
            }
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                // client-a: counseled in a case closed 30.06.2023 – due on 30.06.2026.
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.12.2020")
                #expect(try await b.request(.post, casePath + "/sessions", form: ["csrf": csrf, "on": "05.12.2020", "duration": "45", "channel": "phone",
                                                                                  "language": "Arabisch", "record": "Erstberatung"]).status == .seeOther)
                #expect(try await b.request(.post, casePath + "/state", form: ["csrf": csrf, "state": "closed", "pathway": "25b", "counselor": "user-0",
                                                                              "closed_on": "30.06.2023", "outcome": "Beratung beendet"]).status == .seeOther)
                // client-o: a case still open since 2020 – never due while open.
                _ = try await b.openCase("client-o", csrf: csrf, on: "01.12.2020")
                // client-s: an appointment ahead keeps an old file.
                let booking = ["csrf": csrf, "file_number": "A-S", "day": "24.11.2026", "time": "10:00", "duration": "60", "place": "Raum 2",
                               "language": "Arabisch", "channel": "phone", "counselor": "user-0"]
                #expect(try await b.request(.post, "/appointments", form: booking).status == .seeOther)
                // The files themselves were made years ago (client-r: last changed 01.12.2023, due only on 01.12.2026).
                try await f.services.db.transaction { ex in
                    for (id, stamp) in [("client-a", "2019-05-01T09:00:00.000Z"), ("client-r", "2023-12-01T09:00:00.000Z"),
                                        ("client-s", "2020-01-10T09:00:00.000Z"), ("client-o", "2019-01-10T09:00:00.000Z"), ("client-b", "2018-01-10T09:00:00.000Z")] {
                        try await ex.execute(SQL("UPDATE clients SET created_at = ?, updated_at = ? WHERE id = ?", [stamp, stamp, id]))
                    }
                }

                // A counselor may not see the list; the coordination sees exactly the one due file, with its dates.
                #expect(try await b.request(.get, "/retention").status == .forbidden)
                #expect(try await b.request(.get, "/clients").body.contains("href=\"/retention\"") == false)
                let coord = Browser(client: b.client, clock: f.clock)
                let cc = try await coord.logIn(f.login(.coordinator))
                #expect(try await coord.request(.get, "/clients").body.contains("href=\"/retention\""))
                let page = try await coord.request(.get, "/retention")
                #expect(page.status == .ok && page.body.contains("id=\"retention-count\">1 Akte mit abgelaufener Frist"))
                #expect(page.body.contains("<td>A-1</td><td>30.06.2023</td><td>30.06.2026</td>") && page.body.contains("href=\"/clients/client-a/erase\""))
                for other in ["A-R", "A-S", "A-O", "B-1"] { #expect(!page.body.contains("<td>\(other)</td>"), "\(other)") }
                // Another city's coordination sees its own file only.
                let muldenau = Browser(client: b.client, clock: f.clock)
                _ = try await muldenau.logIn(f.login(.coordinator, organisation: "org-b"))
                let theirs = try await muldenau.request(.get, "/retention")
                #expect(theirs.body.contains("<td>B-1</td>") && !theirs.body.contains("<td>A-1</td>"))
                // The listing is in the audit trail (it shows names), and erasing the file takes it off the list.
                // The list, and the look at each file it names in that file's trail (QA28 F2).
                let listed = try await f.services.db.read { ex in try await ex.query(SQL("SELECT client_id FROM audit_events WHERE entity = ? AND user_id = ?", ["retention_list", "user-1"])).map { $0.text("client_id") ?? "-" } }
                #expect(listed.sorted() == ["-", "client-a"])
                #expect(try await coord.request(.post, "/clients/client-a/erase", form: ["csrf": cc, "file_number": "A-1"]).status == .ok)
                let after = try await coord.request(.get, "/retention")
                #expect(after.body.contains("Keine Akte hat ihre Aufbewahrungsfrist erreicht.") && !after.body.contains("<td>A-1</td>"))
            }
        }
    }
}
