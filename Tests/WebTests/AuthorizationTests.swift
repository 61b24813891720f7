import Counseling
import Foundation
import HTTPTypes
import Storage
import Testing
@testable import Web

/// Walks every registered route as every role of both cities: nothing of another organisation may be read or
/// written, and the authority, the partner and the volunteer see no client at all.
@Suite("Authorization")
struct AuthorizationTests {
    @Test(arguments: TestDatabase.available)
    func noRouteRevealsOrChangesAnotherOrganisationsData(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        let endpoints = allEndpoints(f.services)
        #expect(endpoints.count >= 25)
        try await f.run { b in
            for login in f.logins {
                let browser = Browser(client: b.client, clock: f.clock)
                let csrf = try await browser.logIn(login)
                let own = login.organisation == "org-a" ? f.clientA : f.clientB
                let foreign = login.organisation == "org-a" ? f.clientB : f.clientA
                let seesClients = login.role == .counselor || login.role == .coordinator
                for e in endpoints where !["/logout", "/login", "/login/totp", "/account/totp"].contains(e.path) {
                    // 1. Another organisation's client: never readable, never writable.
                    let path = e.path.replacingOccurrences(of: "{id}", with: foreign.id).replacingOccurrences(of: "\\{[a-z]+\\}", with: "none", options: .regularExpression)
                    let form = ["csrf": csrf, "rows": "1", "p0_kind": "duldung", "p0_from": "01.01.2024", "facts": "{}",
                                "first_name": "X", "last_name": "Y", "name": "t", "email": "x@y.example", "password": "Lange-Passwort-1", "role": "counselor", "display_name": "Z"]
                    let r: Browser.Page
                    if e.path.hasPrefix("/api/") {
                        r = try await browser.request(e.method, path, json: e.method == .put ? (path.hasSuffix("status-periods") ? "[]" : "{}") : (e.method == .post ? "{\"first_name\":\"X\",\"last_name\":\"Y\"}" : nil),
                                                      headers: [HTTPField.Name("X-CSRF-Token")!: csrf])
                    } else {
                        r = try await browser.request(e.method, path, form: e.method == .post ? form : nil)
                    }
                    #expect(!r.body.contains(foreign.lastName), "\(login.email) \(e.method) \(path) revealed a foreign client")
                    if e.path.contains("{id}") && e.path.hasPrefix("/clients") || e.path.contains("clients/{id}") {
                        #expect([.notFound, .forbidden].contains(r.status), "\(login.email) \(e.method) \(path) → \(r.status)")
                    }
                    // 2. Roles without case work see no client of their own city either.
                    if !seesClients && e.path.contains("{id}") && e.path.contains("clients") {
                        let ownPath = e.path.replacingOccurrences(of: "{id}", with: own.id).replacingOccurrences(of: "\\{[a-z]+\\}", with: "none", options: .regularExpression)
                        let o = try await browser.request(.get, ownPath)
                        // A form's address leads to its page, which refuses in turn (QA29 F1).
                        #expect([.notFound, .forbidden, .methodNotAllowed].contains(o.status) || o.status == .seeOther && ownPath.hasPrefix(o.headers[.location]?.components(separatedBy: "#")[0] ?? "-"),
                                "\(login.email) GET \(ownPath) → \(o.status)")
                        #expect(!o.body.contains(own.lastName))
                    }
                }
                // The foreign client is unchanged, and the user list shows only the own organisation.
                let foreignNow = try await f.services.clients.client(id: foreign.id, organisation: foreign.organisationID)
                #expect(foreignNow?.facts.status?.count == 3)
                if login.role == .coordinator {
                    let users = try await browser.request(.get, "/users")
                    #expect(users.status == .ok)
                    let otherOrgUser = login.organisation == "org-a" ? "counselor@b.example" : "counselor@a.example"
                    #expect(!users.body.contains(otherOrgUser))
                }
                if !seesClients {
                    #expect(try await browser.request(.get, "/clients").status == .forbidden)
                    #expect(!(try await browser.request(.get, "/api/v1/clients").body.contains("Haddad")))
                }
            }
        }
        // Users were created only in the managers' own organisations.
        let b = try await f.services.accounts.users(organisation: "org-b")
        let a = try await f.services.accounts.users(organisation: "org-a")
        #expect(a.count + b.count <= 4 + 2)
        }
    }

    @Test func policyIsLeastPrivilege() {
        let counselorA = Actor(userID: "u", organisationID: "a", organisationKind: .counselingService, role: .counselor)
        let clerk = Actor(userID: "c", organisationID: "abh", organisationKind: .authority, role: .authorityClerk)
        let lead = Actor(userID: "l", organisationID: "abh", organisationKind: .authority, role: .authorityLead)
        #expect(Policy.allows(counselorA, .readClient(ownerOrganisation: "a")))
        #expect(!Policy.allows(counselorA, .readClient(ownerOrganisation: "b")))
        #expect(!Policy.allows(counselorA, .readAudit(ownerOrganisation: "a")))
        #expect(!Policy.allows(counselorA, .manageUsers(organisation: "a")))
        #expect(!Policy.allows(clerk, .readClient(ownerOrganisation: "a")))
        #expect(Policy.clientScope(clerk) == nil)
        #expect(Policy.allows(lead, .manageUsers(organisation: "abh")))
        // The review of accesses: the authority's lead of its own clerks (QA43 A6), not a clerk, not another authority.
        #expect(Policy.allows(lead, .reviewAccesses(organisation: "abh")) && !Policy.allows(lead, .reviewAccesses(organisation: "a")))
        #expect(!Policy.allows(clerk, .reviewAccesses(organisation: "abh")) && !Policy.allows(counselorA, .reviewAccesses(organisation: "a")))
        #expect(Policy.assignableRoles(by: lead) == [.authorityClerk, .authorityLead])
        #expect(Policy.assignableRoles(by: counselorA).isEmpty)
        // The Land's coordination: the Land view and nothing of any tenant.
        let land = Actor(userID: "s", organisationID: "sn", organisationKind: .landCoordination, role: .landCoordinator)
        #expect(Policy.allows(land, .readLandOverview) && Policy.clientScope(land) == nil && Policy.assignableRoles(by: land).isEmpty)
        for p in [Permission.listClients, .readClient(ownerOrganisation: "sn"), .readServiceReports(organisation: "sn"),
                  .readCooperationReports(organisation: "sn"), .screenPopulations(organisation: "sn"), .attendMeetings(organisation: "sn"),
                  .readKnowledge(sameCity: true), .askForAdvice(sameCity: true), .viewShared(recipient: "sn"), .manageUsers(organisation: "sn"), .reviewAccesses(organisation: "sn")] {
            #expect(!Policy.allows(land, p), "\(p)")
        }
        #expect(!Policy.allows(counselorA, .readLandOverview) && !Policy.allows(clerk, .readLandOverview) && !Policy.allows(lead, .readLandOverview))
        // Only a volunteer asks for Fachberatung, and only in their own city.
        let volunteer = Actor(userID: "v", organisationID: "p", organisationKind: .partner, role: .volunteer)
        #expect(Policy.allows(volunteer, .askForAdvice(sameCity: true)) && !Policy.allows(volunteer, .askForAdvice(sameCity: false)))
        #expect(!Policy.allows(counselorA, .askForAdvice(sameCity: true)) && !Policy.allows(clerk, .askForAdvice(sameCity: true)))
    }
}
