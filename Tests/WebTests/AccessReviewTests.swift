import Counseling
import Eligibility
import Foundation
import Storage
import Testing
import Views
@testable import Web

/// The coordination reviews who opened which files (Art. 32 DSGVO): per user for a period, files without own work
/// counted and marked, only its own organisation's staff.
@Suite("Reviewing accesses to the files")
struct AccessReviewTests {
    /// A child in the household of the counselor's case is their work, and so is paging through the list; the dashboard
    /// records reads only of the people it shows (QA38 F6).
    static func householdAndListAreOwnWork(_ f: Fixture, _ b: Browser) async throws {
        try await f.addClient("client-h", fileNumber: "A-8", firstName: "Lina", lastName: "Haddad", born: Day("2016-04-01"), by: "user-1", at: "2026-11-01T08:00:00.000Z")
        let audit = AuditContext(userID: "user-1", organisationID: "org-a", now: "2026-11-01T08:00:00.000Z")
        #expect(try await f.services.clients.link(ClientRelation(kind: .parent, from: "client-a", to: "client-h"), organisation: "org-a", sameHousehold: true, audit: audit) == .linked)
        #expect(try await b.request(.get, "/clients/client-h").status == .ok)
        #expect(try await b.request(.get, "/clients").status == .ok)
        let dashboard = try await b.request(.get, "/dashboard").body
        let read = try await f.services.db.read { try await $0.query("SELECT client_id FROM audit_events WHERE entity = 'dashboard'") }.map { try $0.string("client_id") }
        #expect(read.contains("client-a"))
        for id in read where id != "client-a" { #expect(dashboard.contains("/clients/\(id)/"), "\(id) recorded as read but not shown") }
        #expect(dashboard.contains("Haddad, Mohammed (A-1)"))
    }

    @Test(arguments: TestDatabase.available)
    func theCoordinationSeesWhoOpenedFilesWithoutOwnWork(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            // A second file of the service in which the counselor has no case.
            try await f.addClient("client-k", fileNumber: "A-7", firstName: "Karim", lastName: "Nasser", born: Day("1990-03-01"), by: "user-1", at: "2026-11-01T08:00:00.000Z")
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                _ = try await b.openCase("client-a", csrf: csrf, on: "01.10.2026")
                #expect(try await b.request(.get, "/clients/client-a").status == .ok)
                #expect(try await b.request(.get, "/clients/client-k").status == .ok)
                try await Self.householdAndListAreOwnWork(f, b)
                // A counselor may not review.
                #expect(try await b.request(.get, "/access-review").status == .forbidden)

                let coordination = Browser(client: b.client, clock: f.clock)
                _ = try await coordination.logIn(f.login(.coordinator))
                #expect(try await coordination.request(.get, "/users").body.contains("id=\"access-review-link\""))
                let page = try await coordination.request(.get, "/access-review")
                #expect(page.status == .ok && page.body.contains("id=\"review\""))
                // The counselor touched two files, one of them without own work (no case, no appointment in A-7).
                let summaries = try await AccessReview.summaries(f.services.db, organisation: "org-a", from: GermanTime.start(of: Day("2026-11-22")),
                                                                 until: GermanTime.start(of: Day("2026-11-23")))
                let counselor = try #require(summaries.first { $0.userID == "user-0" })
                #expect(counselor.clients == 3 && counselor.flagged == 1)
                #expect(page.body.contains("data-user=\"user-0\">1<"))
                // The list's rows are counted apart (QA42 coordination #5): rows shown, not accesses to files.
                let listRows = try await f.services.db.read {
                    try await $0.one("SELECT COUNT(*) AS n FROM audit_events WHERE user_id = 'user-0' AND entity = 'client_list'")?.int("n") ?? 0
                }
                let allEvents = try await f.services.db.read { try await $0.one("SELECT COUNT(*) AS n FROM audit_events WHERE user_id = 'user-0'")?.int("n") ?? 0 }
                #expect(listRows >= 3 && counselor.listRows == listRows && counselor.events == allEvents - listRows)
                let detail = try await coordination.request(.get, "/access-review?from=22.11.2026&to=22.11.2026&user=user-0")
                #expect(detail.body.contains("id=\"accesses\"") && detail.body.contains(">A-7</a>") && detail.body.contains("class=\"flagged\""))
                // Flagged once: the file opened. Its row in the list paged through shows only when asked for.
                #expect(detail.body.components(separatedBy: "class=\"flagged\"").count - 1 == 1 && detail.body.components(separatedBy: ">A-7</a>").count - 1 == 1)
                #expect(!detail.body.contains("Klientenliste gelesen") && detail.body.contains("liste=1\">Auch die Zeilen der Klientenliste zeigen"))
                let withList = try await coordination.request(.get, "/access-review?from=22.11.2026&to=22.11.2026&user=user-0&liste=1")
                #expect(withList.body.components(separatedBy: "class=\"flagged\"").count - 1 == 1 && withList.body.components(separatedBy: ">A-7</a>").count - 1 == 2)
                // A day before: nobody (the client created on 01.11. is another day).
                #expect(try await coordination.request(.get, "/access-review?from=20.11.2026&to=21.11.2026").body.contains("id=\"no-access\""))
                // Bad input is a clear 400; another organisation's user is not found.
                // A period that cannot be read shows the last 30 days with the reason (QA of 06.12.2026: a bare error page).
                // What was typed stays in the fields (QA42 coordination #10).
                for (query, reason, typed) in [("from=31.02.2026", "„von“ ist kein gültiges Datum", "31.02.2026"),
                                               ("from=22.11.2026&to=21.11.2026", "endet vor seinem Beginn", "21.11.2026")] {
                    let r = try await coordination.request(.get, "/access-review?\(query)")
                    #expect(r.status == .unprocessableContent && r.body.contains("id=\"period-error\"") && r.body.contains(reason)
                            && r.body.contains("Gezeigt werden die letzten 30 Tage.") && r.body.contains("value=\"\(typed)\""), "\(query)")
                }
                #expect(try await coordination.request(.get, "/access-review?user=user-5").status == .notFound)
                // The other city's coordination sees only its own staff.
                let muldenau = Browser(client: b.client, clock: f.clock)
                _ = try await muldenau.logIn(f.login(.coordinator, organisation: "org-b"))
                #expect(!(try await muldenau.request(.get, "/access-review").body.contains("data-user=\"user-0\"")))
                // Reading the review is itself recorded.
                let last = try await f.services.db.read { try await $0.one("SELECT entity FROM audit_events WHERE user_id = 'user-1' ORDER BY seq DESC LIMIT 1") }
                #expect(last?.text("entity") == "access_review")
            }
        }
    }

    /// The authority's lead reviews its clerks' disclosures (QA43 A6): per clerk the shared cases opened and those asked
    /// for beyond every consent, a case named by an id only; the clerk may not review, and each side sees its own staff.
    @Test(arguments: TestDatabase.available)
    func theAuthoritysLeadReviewsItsClerksDisclosures(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                #expect(try await b.request(.post, "/clients/client-a/consents", form: [
                    "csrf": csrf, "recipient": "org-abh", "purpose": "Antrag nach § 25b", "topic_identity": "1",
                    "valid_from": "01.11.2026", "language": "Deutsch", "form_version": "SE-2026-1", "signed_on": "01.11.2026"]).status == .seeOther)
                let clerk = Browser(client: b.client, clock: f.clock)
                try await clerk.logIn(f.login(.authorityClerk))
                #expect(try await clerk.request(.get, "/shared").status == .ok)
                #expect(try await clerk.request(.get, "/shared/clients/client-a").status == .ok)
                #expect(try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=identity,health").status == .forbidden)
                #expect(try await clerk.request(.get, "/access-review").status == .forbidden)

                let lead = Browser(client: b.client, clock: f.clock)
                try await lead.logIn(f.login(.authorityLead))
                #expect(try await lead.request(.get, "/users").body.contains("id=\"access-review-link\""))
                let page = try await lead.request(.get, "/access-review")
                #expect(page.status == .ok && page.body.contains("Fälle mit verweigerter Offenlegung") && page.body.contains("data-user=\"user-2\">1<"))
                let summaries = try await AccessReview.summaries(f.services.db, scope: .authority, organisation: "org-abh",
                                                                 from: GermanTime.start(of: Day("2026-11-22")), until: GermanTime.start(of: Day("2026-11-23")))
                let clerkRow = try #require(summaries.first { $0.userID == "user-2" })
                let listed = try await f.services.db.read {
                    try await $0.one("SELECT COUNT(*) AS n FROM audit_events WHERE user_id = 'user-2' AND entity = 'shared_list'")?.int("n") ?? 0
                }
                #expect(clerkRow.clients == 1); #expect(clerkRow.flagged == 1); #expect(listed == 2); #expect(clerkRow.listRows == listed)   // the list and its one row
                // The clerk's accesses: the case by an id, the refused one marked, no file number or name.
                let detail = try await lead.request(.get, "/access-review?from=22.11.2026&to=22.11.2026&user=user-2").body
                #expect(detail.contains("href=\"/shared/clients/client-a\">Fall client-a</a>") && detail.contains("verweigert: von keiner Einwilligung gedeckt"))
                #expect(detail.components(separatedBy: "class=\"flagged\"").count - 1 == 1)
                #expect(!detail.contains("A-1") && !detail.contains("Haddad"))
                #expect(try await lead.request(.get, "/access-review?from=22.11.2026&to=22.11.2026&user=user-2&liste=1").body.contains("Liste der freigegebenen Fälle"))
                // Only the authority's own staff; the service's coordination does not see the clerk.
                #expect(try await lead.request(.get, "/access-review?user=user-0").status == .notFound)
                let coordination = Browser(client: b.client, clock: f.clock)
                _ = try await coordination.logIn(f.login(.coordinator))
                #expect(!(try await coordination.request(.get, "/access-review").body.contains("data-user=\"user-2\"")))
                let land = Browser(client: b.client, clock: f.clock)
                _ = try await land.logIn(f.login(.landCoordinator))
                #expect(try await land.request(.get, "/access-review").status == .forbidden)
            }
        }
    }

    @Test func aGermanDayStartsAtMidnightInBerlin() {
        #expect(GermanTime.start(of: Day("2026-12-05")) == "2026-12-04T23:00:00.000Z")
        #expect(GermanTime.start(of: Day("2026-07-01")) == "2026-06-30T22:00:00.000Z")
        // The night the clocks go forward (29.03.2026) begins at 23:00 UTC the day before.
        #expect(GermanTime.start(of: Day("2026-03-29")) == "2026-03-28T23:00:00.000Z")
    }
}
