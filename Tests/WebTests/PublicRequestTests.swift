import Counseling
import Foundation
import HTTPTypes
import Storage
import Testing
@testable import Web

@Suite("The public online appointment request")
struct PublicRequestTests {
    @Test(arguments: TestDatabase.available)
    func aPersonRequestsAnAppointmentInTheirLanguageAndTheServiceHandlesIt(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let visitor = Browser(client: b.client, clock: f.clock)
                let page = try await visitor.request(.get, "/anfrage/org-a?lang=ar")
                #expect(page.status == .ok && page.body.contains("<html lang=\"ar\" dir=\"rtl\">") && page.body.contains("طلب موعد"))
                #expect(try await visitor.request(.get, "/anfrage/org-abh").status == .notFound)   // only counseling services take requests
                let token = try #require(visitor.csrf(page))
                #expect(try await visitor.request(.post, "/anfrage/org-a?lang=ar", form: ["name": "X", "contact": "0351 123456", "consent": "1"]).status == .forbidden)
                let missing = try await visitor.request(.post, "/anfrage/org-a?lang=ar", form: ["csrf": token, "name": "", "contact": "x"])
                #expect(missing.status == .unprocessableContent && missing.body.contains("من فضلك أدخل اسمك.") && missing.body.contains("من فضلك أكّد موافقتك."))
                // A text beyond its limit is not cut off silently.
                let long = try await visitor.request(.post, "/anfrage/org-a?lang=ar", form: ["csrf": try #require(visitor.csrf(missing)), "name": "Samira K.",
                                                                                            "contact": "0351 123456", "consent": "1", "message": String(repeating: "ا", count: 2001)])
                #expect(long.status == .unprocessableContent && long.body.contains("إحدى الإجابات طويلة جدًا"))
                let again = try #require(visitor.csrf(long))
                let ok = try await visitor.request(.post, "/anfrage/org-a?lang=ar", form: ["csrf": again, "name": "Samira K.", "contact": "0351 123456",
                                                                                          "language": "Arabisch", "preferred": "vormittags", "consent": "1"])
                #expect(ok.status == .ok && ok.body.contains("id=\"thanks\""))
                // The service sees it on its appointment page (the other city's service does not) and marks it handled.
                let csrf = try await b.logIn(f.login(.counselor))
                let appointments = try await b.request(.get, "/appointments")
                #expect(appointments.body.contains("Samira K.") && appointments.body.contains("0351 123456"))
                let muldenau = Browser(client: b.client, clock: f.clock)
                try await muldenau.logIn(f.login(.counselor, organisation: "org-b"))
                #expect(!(try await muldenau.request(.get, "/appointments").body.contains("Samira K.")))
                let id = try #require(appointments.body.components(separatedBy: "/appointments/requests/").dropFirst().first?.prefix { $0 != "/" })
                #expect(try await b.request(.post, "/appointments/requests/\(id)/done", form: ["csrf": csrf]).status == .seeOther)
                #expect(!(try await b.request(.get, "/appointments").body.contains("Samira K.")))
                // A flood is stopped per service and hour.
                var last = ok
                for i in 0..<30 {
                    let t = try #require(visitor.csrf(try await visitor.request(.get, "/anfrage/org-a")))
                    last = try await visitor.request(.post, "/anfrage/org-a", form: ["csrf": t, "name": "Spam \(i)", "contact": "spam\(i)@example.org", "consent": "1"])
                }
                #expect(last.status == .tooManyRequests)
            }
        }
    }
}
