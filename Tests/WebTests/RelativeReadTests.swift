import Eligibility
import Foundation
import Storage
import Testing
@testable import Web

/// A page that names other clients – relatives in a family's file, files of the same name and birth date – is a read
/// in their trails too (QA34 S3: the client page showed a spouse's name and birth date with no event for the spouse).
@Suite("Reads of the clients a page names")
struct RelativeReadTests {
    @Test(arguments: TestDatabase.available)
    func relativesAndPossibleDuplicatesShownAreReadsInTheirOwnTrails(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.addClient("client-child", fileNumber: "A-2", firstName: "Lina", lastName: "Haddad", born: Day("2012-03-04"))
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                #expect(try await b.request(.post, "/clients/client-a/relations", form: ["csrf": csrf, "kind": "child", "other": "A-2", "household": "1"]).status == .seeOther)
                func shown(_ entity: String) async throws -> [String] {
                    try await f.services.db.read { ex in
                        try await ex.query(SQL("SELECT entity_id FROM audit_events WHERE user_id = 'user-0' AND action = 'read' AND entity = ? AND client_id = 'client-child' ORDER BY seq", [entity]))
                            .compactMap { $0.text("entity_id") }
                    }
                }
                #expect(try await shown("shown_with_relative").isEmpty)
                #expect(try await b.request(.get, "/clients/client-a").body.contains("Lina"))
                #expect(try await shown("shown_with_relative") == ["client-a"])
                #expect(try await b.request(.get, "/clients/client-a/assessment").status == .ok)
                #expect(try await shown("shown_with_relative") == ["client-a", "client-a"])
                #expect(try await b.request(.get, "/clients/client-a/auskunft").status == .ok)
                #expect(try await shown("shown_with_relative").count == 3)
                // The child's own log, as the coordinator lists it, names the look.
                let coord = Browser(client: b.client, clock: f.clock)
                _ = try await coord.logIn(f.login(.coordinator))
                #expect(try await coord.request(.get, "/clients/client-child/audit").body.contains("in der Akte eines Familienmitglieds gezeigt"))

                // A new file with the child's name and birth date: the page names the existing file (number, link).
                let again = try await b.request(.post, "/clients", form: ["csrf": csrf, "first_name": "Lina", "last_name": "Haddad", "born": "04.03.2012"])
                #expect(again.status == .conflict && again.body.contains("A-2"))
                #expect(try await shown("duplicate_hint") == ["client-child"])
            }
        }
    }
}
