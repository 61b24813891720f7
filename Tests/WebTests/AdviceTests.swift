import Counseling
import Foundation
import HTTPTypes
import Storage
import Testing
@testable import Web

@Suite("Fachberatung and the knowledge base")
struct AdviceTests {
    @Test(arguments: TestDatabase.available)
    func adviceIsRecordedWithoutAFileAndArticlesReachThePartnersOfTheCity(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let bad = try await b.request(.post, "/advice", form: ["csrf": csrf, "asked_on": "x", "requester": "", "legal_area": "25b", "question": "", "minutes": "900"])
                #expect(bad.status == .unprocessableContent)
                for field in ["asked_on", "requester", "question", "minutes"] { #expect(bad.body.contains("id=\"\(field)-error\""), "\(field)") }
                for (who, m) in [("Ehrenamtsnetz, Patenschaft", "20"), ("Migrationsberatung Nord", "35")] {
                    #expect(try await b.request(.post, "/advice", form: ["csrf": csrf, "asked_on": "20.11.2026", "requester": who, "legal_area": "25b",
                                                                        "question": "Zählt ein Minijob für die überwiegende Sicherung?", "answer": "Nur zusammen mit …", "minutes": m]).status == .seeOther)
                }
                let page = try await b.request(.get, "/advice")
                #expect(page.body.contains("Migrationsberatung Nord") && page.body.contains("id=\"advice-minutes\">55<"))
                #expect(try await b.request(.post, "/knowledge", form: ["csrf": csrf, "pathway": "25b", "title": "§ 25b in fünf Schritten",
                                                                       "body": "Erstens: Aufenthaltszeiten.\r\n\r\nZweitens: Sprache."]).status == .seeOther)
                // A volunteer of the same city reads, but does not write; another city's service and the authority do not see it.
                let volunteer = Browser(client: b.client, clock: f.clock)
                let vc = try await volunteer.logIn(f.login(.volunteer))
                let kb = try await volunteer.request(.get, "/knowledge")
                #expect(kb.status == .ok && kb.body.contains("§ 25b in fünf Schritten") && kb.body.contains("<p>Zweitens: Sprache.</p>") && !kb.body.contains("<textarea"))
                #expect(try await volunteer.request(.post, "/knowledge", form: ["csrf": vc, "pathway": "25b", "title": "x", "body": "y"]).status == .forbidden)
                #expect(try await volunteer.request(.get, "/advice").status == .forbidden)
                let muldenau = Browser(client: b.client, clock: f.clock)
                try await muldenau.logIn(f.login(.counselor, organisation: "org-b"))
                #expect(!(try await muldenau.request(.get, "/knowledge").body.contains("fünf Schritten")))
                #expect(!(try await muldenau.request(.get, "/advice").body.contains("Migrationsberatung Nord")))
                let clerk = Browser(client: b.client, clock: f.clock)
                try await clerk.logIn(f.login(.authorityClerk))
                #expect(try await clerk.request(.get, "/knowledge").status == .forbidden)
                // The counseling report counts the Fachberatung.
                let coordinator = Browser(client: b.client, clock: f.clock)
                try await coordinator.logIn(f.login(.coordinator))
                let report = try await coordinator.request(.get, "/reports/counseling?from=01.11.2026&to=22.11.2026")
                #expect(report.body.contains("Fachberatungen (ohne Akte) nach Rechtsgebiet"))
            }
        }
    }
}
