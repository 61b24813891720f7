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
                // The volunteer asks the service of the city in the application; the service answers; the volunteer reads it.
                let askPage = try await volunteer.request(.get, "/advice/ask")
                #expect(askPage.status == .ok && askPage.body.contains("<option value=\"org-a\"") && !askPage.body.contains("value=\"org-b\""))
                let refused = try await volunteer.request(.post, "/advice/ask", form: ["csrf": vc, "service": "org-b", "legal_area": "zz", "question": ""])
                #expect(refused.status == .unprocessableContent)
                for field in ["service", "legal_area", "question"] { #expect(refused.body.contains("id=\"\(field)-error\""), "\(field)") }
                // The summary's links follow the form's fields (not the keys' alphabet).
                let links = refused.body.components(separatedBy: "<a href=\"#").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                #expect(links.filter { ["service", "legal_area", "question"].contains($0) } == ["service", "legal_area", "question"])
                // A question about a person who is no client: a title with a name, a birth date, an address or a phone number is refused.
                let identifying = try await volunteer.request(.post, "/advice/ask", form: ["csrf": vc, "service": "org-a", "legal_area": "25b",
                                                                                         "question": "Herr Ahmad Karimi, geb. 12.03.1990, Tel. 0176 1234567, wohnt Hauptstraße 5: Reicht B1?"])
                #expect(identifying.status == .unprocessableContent && identifying.body.contains("Herr Ahmad Karimi") && identifying.body.contains("12.03.1990")
                        && identifying.body.contains("0176 1234567") && identifying.body.contains("Hauptstraße 5"))
                // A file number of any service (QA of 06.12.2026: "Akte PB-2024-0012" was taken).
                for number in ["PB-2024-0012", "BM 2026 7"] {
                    let r = try await volunteer.request(.post, "/advice/ask", form: ["csrf": vc, "service": "org-a", "legal_area": "25b", "question": "Akte \(number): Reicht B1?"])
                    #expect(r.status == .unprocessableContent && r.body.contains(number), "\(number)")
                }
                #expect(try await volunteer.request(.post, "/advice/ask", form: ["csrf": vc, "service": "org-a", "legal_area": "60d",
                                                                                "question": "Eine Frau arbeitet seit 14 Monaten <Vollzeit>. Reicht das?"]).status == .seeOther)
                #expect(try await volunteer.request(.get, "/advice/ask").body.contains("Noch nicht beantwortet."))
                let inbox = try await b.request(.get, "/advice")
                #expect(inbox.body.contains("Offene Anfragen von Ehrenamtlichen (1)") && inbox.body.contains("14 Monaten &lt;Vollzeit&gt;"))
                #expect(inbox.body.contains("id=\"advice-minutes\">55<"))   // an open request is not yet advice given
                let questionID = try #require(inbox.body.components(separatedBy: "action=\"/advice/").dropFirst().first?.prefix { $0 != "/" })
                let otherService = Browser(client: b.client, clock: f.clock)
                let oc = try await otherService.logIn(f.login(.counselor, organisation: "org-b"))
                #expect(!(try await otherService.request(.get, "/advice").body.contains("Vollzeit")))
                #expect(try await otherService.request(.post, "/advice/\(questionID)/answer", form: ["csrf": oc, "answer": "x", "minutes": "5"]).status == .notFound)
                #expect(try await volunteer.request(.post, "/advice/\(questionID)/answer", form: ["csrf": vc, "answer": "x", "minutes": "5"]).status == .forbidden)
                let noAnswer = try await b.request(.post, "/advice/\(questionID)/answer", form: ["csrf": csrf, "answer": "", "minutes": "-1"])
                #expect(noAnswer.status == .unprocessableContent && noAnswer.body.contains("id=\"answer-\(questionID)-error\"") && noAnswer.body.contains("id=\"minutes-\(questionID)-error\""))
                // A typo in the minutes does not cost the answer already written.
                let typo = try await b.request(.post, "/advice/\(questionID)/answer", form: ["csrf": csrf, "answer": "Ja, <nach> 12 Monaten", "minutes": "abc"])
                #expect(typo.status == .unprocessableContent && typo.body.contains(">Ja, &lt;nach&gt; 12 Monaten</textarea>") && typo.body.contains("value=\"abc\""))
                #expect(try await b.request(.post, "/advice/\(questionID)/answer", form: ["csrf": csrf, "answer": "Ja, nach 12 Monaten (§ 60d Abs. 1 Nr. 3).", "minutes": "25"]).status == .seeOther)
                let twice = try await b.request(.post, "/advice/\(questionID)/answer", form: ["csrf": csrf, "answer": "noch einmal", "minutes": "5"])
                #expect(twice.status == .conflict && twice.body.contains("bereits beantwortet"))
                let answered = try await b.request(.get, "/advice")
                #expect(!answered.body.contains("Offene Anfragen") && answered.body.contains("id=\"advice-minutes\">80<") && answered.body.contains("Test Ehrenamt / Partner 4 (Ehrenamt Elbstadt)"))
                // Each row names who gave the advice: the answering counselor; for recorded requests, who recorded them.
                let answeredRow = try #require(answered.body.components(separatedBy: "<tr>").first { $0.contains("Ja, nach 12 Monaten") })
                #expect(answeredRow.contains("<td>Test Berater:in 0</td>"))
                let recordedRow = try #require(answered.body.components(separatedBy: "<tr>").first { $0.contains("Migrationsberatung Nord") })
                #expect(recordedRow.contains("<td>Test Berater:in 0</td>"))
                let reply = try await volunteer.request(.get, "/advice/ask")
                #expect(reply.body.contains("Antwort vom 22.11.2026") && reply.body.contains("Ja, nach 12 Monaten (§ 60d Abs. 1 Nr. 3)."))
                #expect(try await b.request(.get, "/advice/ask").status == .forbidden)
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
