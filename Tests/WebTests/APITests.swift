import Counseling
import Foundation
import HTTPTypes
import Storage
import Testing
@testable import Web

@Suite("JSON API")
struct APITests {
    /// Logs in through the browser and creates an API token on the account page.
    func token(_ b: Browser, _ f: Fixture) async throws -> String {
        let csrf = try await b.logIn(f.login(.counselor))
        let page = try await b.request(.post, "/account/tokens", form: ["csrf": csrf, "name": "Test"])
        let token = page.body.components(separatedBy: "class=\"codes\">").dropFirst().first?.prefix { $0 != "<" } ?? ""
        #expect(token.hasPrefix("blb_"))
        return String(token)
    }

    @Test(arguments: TestDatabase.available)
    func tokenClientReadsAndWritesWithProblemJSONErrors(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        try await f.run { b in
            let t = try await token(b, f)
            let api = Browser(client: b.client, clock: f.clock)
            let auth: HTTPFields = [.authorization: "Bearer \(t)"]
            let none = try await api.request(.get, "/api/v1/clients")
            #expect(none.status == .unauthorized)
            #expect(none.headers[.contentType] == "application/problem+json")
            let list = try await api.request(.get, "/api/v1/clients", headers: auth)
            #expect(list.status == .ok)
            #expect(list.body.contains("client-a") && !list.body.contains("client-b"))
            // Create with a malformed fact: 422 naming the field.
            let bad = try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Nour\",\"last_name\":\"Saleh\",\"facts\":{\"born\":\"2001-02-30\"}}", headers: auth)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("facts.born"))
            let unknown = try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Nour\",\"last_name\":\"Saleh\",\"shoe\":1}", headers: auth)
            #expect(unknown.status == .unprocessableContent)
            #expect(try await api.request(.post, "/api/v1/clients", json: "not json", headers: auth).status == .badRequest)
            let created = try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Nour\",\"last_name\":\"Saleh\",\"facts\":{\"born\":\"2001-02-28\",\"entered\":\"2019-03-01\"}}", headers: auth)
            #expect(created.status == .created)
            let id = try #require(created.headers[.location]?.components(separatedBy: "/").last)
            // Status periods: an overlap is refused, a valid history saved.
            let overlap = try await api.request(.put, "/api/v1/clients/\(id)/status-periods", json: "[{\"kind\":\"gestattung\",\"from\":\"2019-03-01\",\"to\":\"2021-01-01\"},{\"kind\":\"duldung\",\"from\":\"2020-12-31\"}]", headers: auth)
            #expect(overlap.status == .unprocessableContent)
            let ok = try await api.request(.put, "/api/v1/clients/\(id)/status-periods", json: "[{\"kind\":\"gestattung\",\"from\":\"2019-03-01\",\"to\":\"2021-01-01\"},{\"kind\":\"duldung\",\"from\":\"2021-01-02\"}]", headers: auth)
            #expect(ok.status == .ok)
            let assessment = try await api.request(.get, "/api/v1/clients/\(id)/assessment?on=2026-11-22", headers: auth)
            #expect(assessment.status == .ok)
            #expect(assessment.body.contains("\"schema\" : \"bleibe.assessment\\/1\"") || assessment.body.contains("\"schema\" : \"bleibe.assessment/1\""))
            #expect(assessment.body.contains("\"pathway\" : \"25a\""))
            #expect(try await api.request(.get, "/api/v1/clients/\(id)/assessment?on=gestern", headers: auth).status == .unprocessableContent)
            #expect(try await api.request(.get, "/api/v1/clients/client-b", headers: auth).status == .notFound)
        }
        }
    }

    @Test(arguments: TestDatabase.available)
    func browserSessionWritesNeedTheCSRFHeader(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        try await f.run { b in
            let csrf = try await b.logIn(f.login(.counselor))
            let r = try await b.request(.put, "/api/v1/clients/client-a/facts", json: "{}")
            #expect(r.status == .forbidden)
            let ok = try await b.request(.put, "/api/v1/clients/client-a/facts", json: "{\"born\":\"1990-05-05\"}", headers: [HTTPField.Name("X-CSRF-Token")!: csrf])
            #expect(ok.status == .ok)
        }
        }
    }

    @Test(arguments: TestDatabase.available)
    func openAPIDocumentDescribesExactlyTheRegisteredRoutes(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        let registered = Set(allEndpoints(f.services).filter { $0.path.hasPrefix("/api/") }.map { "\($0.method.rawValue.lowercased()) \($0.path)" })
        try await f.run { b in
            let r = try await b.request(.get, "/api/v1/openapi.json")
            #expect(r.status == .ok)
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as? [String: Any])
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, ops) in paths { for method in ops.keys { documented.insert("\(method) \(path)") } }
            #expect(documented == registered)
        }
        }
    }
}
