import Counseling
import Foundation
import HTTPTypes
import Storage
import Testing
@testable import Web

/// The coordination resets a colleague's access and changes roles; a password it sets is replaced at the next login,
/// and every such change is in the audit trail.
@Suite("Account administration by the coordination")
struct AccountAdminTests {
    static let provisional = "Vorlaeufig-Elbe-2026"
    static let own = "Mein-eigenes-Elbufer-7"

    @Test(arguments: TestDatabase.available)
    func aResetPasswordEndsTheSessionsAndMustBeReplacedAtTheNextLogin(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let counselor = f.login(.counselor)
                let c0 = try await b.logIn(counselor)
                let token = try await b.request(.post, "/account/tokens", form: ["csrf": c0, "name": "Skript"])
                #expect(token.status == .ok)
                let bearer: HTTPFields = [.authorization: "Bearer \(Self.token(in: token.body))"]
                #expect(try await b.request(.get, "/api/v1/clients", headers: bearer).status == .ok)
                let coord = Browser(client: b.client, clock: f.clock)
                let cc = try await coord.logIn(f.login(.coordinator))
                let page = try await coord.request(.get, "/users/user-0/access")
                #expect(page.status == .ok && page.body.contains("Rolle und Zugang: Test Berater:in 0"))

                // Nothing chosen, a weak password, a password without the box: refused, nothing changes.
                let none = try await coord.request(.post, "/users/user-0/reset", form: ["csrf": cc])
                #expect(none.status == .unprocessableContent && none.body.contains("id=\"reset-error\""))
                let weak = try await coord.request(.post, "/users/user-0/reset", form: ["csrf": cc, "reset_password": "on", "password": "kurz"])
                #expect(weak.status == .unprocessableContent && weak.body.contains("id=\"password-error\""))
                let stray = try await coord.request(.post, "/users/user-0/reset", form: ["csrf": cc, "password": Self.provisional])
                #expect(stray.status == .unprocessableContent)
                #expect(try await b.request(.get, "/clients").status == .ok)

                let done = try await coord.request(.post, "/users/user-0/reset", form: ["csrf": cc, "reset_password": "on", "password": Self.provisional])
                #expect(done.status == .ok && done.body.contains("id=\"access-done\"") && done.body.contains("Passwort neu vergeben"))
                // The counselor's session and API token end at once; the old password no longer opens the account.
                #expect(try await b.request(.get, "/clients").status == .seeOther)
                let api = try await b.request(.get, "/api/v1/clients", headers: bearer)
                #expect(api.status == .unauthorized)
                let loginPage = try await b.request(.get, "/login")
                let old = try await b.request(.post, "/login", form: ["email": counselor.email, "password": Fixture.password, "csrf": b.csrf(loginPage) ?? ""])
                #expect(old.status == .unauthorized)

                // With the provisional password every page leads to the account page until it is replaced.
                let c1 = try await b.logIn(counselor, password: Self.provisional)
                let list = try await b.request(.get, "/clients")
                #expect(list.status == .seeOther && list.headers[.location] == "/account")
                #expect(try await b.request(.post, "/account/tokens", form: ["csrf": c1, "name": "x"]).headers[.location] == "/account")
                let account = try await b.request(.get, "/account")
                #expect(account.body.contains("id=\"must-change\"") && !account.body.contains("Token erzeugen"))
                let same = try await b.request(.post, "/account/password", form: ["csrf": c1, "current_password": Self.provisional,
                                                                                   "new_password": Self.provisional, "repeat_password": Self.provisional])
                #expect(same.status == .unprocessableContent)
                #expect(try await b.request(.get, "/clients").status == .seeOther)
                let changed = try await b.request(.post, "/account/password", form: ["csrf": c1, "current_password": Self.provisional,
                                                                                      "new_password": Self.own, "repeat_password": Self.own])
                #expect(changed.status == .ok && changed.body.contains("id=\"password-changed\"") && !changed.body.contains("id=\"must-change\""))
                #expect(try await b.request(.get, "/clients").status == .ok)

                // The account's history names who did what; the chain stays intact.
                let history = try await coord.request(.get, "/users/user-0/access")
                #expect(history.body.contains("<td>Test Projektkoordination 1</td><td>Passwort neu vergeben</td>"))
                let events = try await f.services.accounts.accountEvents(userID: "user-0")
                #expect(events.map(\.action) == ["reset_password"] && events.allSatisfy { $0.userID == "user-1" && $0.clientID == nil })
                #expect(try await AuditLog.verify(f.services.db).isIntact)
            }
        }
    }

    static func token(in body: String) -> String {
        guard let r = body.range(of: "blb_") else { return "" }
        return "blb_" + body[r.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    @Test(arguments: TestDatabase.available)
    func aResetSecondFactorIsEnrolledAgainAndItsRecoveryCodesNoLongerWork(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let coord = Browser(client: b.client, clock: f.clock)
                let cc = try await coord.logIn(f.login(.coordinator))
                let done = try await coord.request(.post, "/users/user-0/reset", form: ["csrf": cc, "reset_totp": "on"])
                #expect(done.status == .ok && done.body.contains("neu eingerichtet"))
                let account = try #require(try await f.services.accounts.account(userID: "user-0"))
                #expect(!account.totpEnabled && account.totpSecret == nil && account.recoveryCodeHashes.isEmpty && !account.mustChangePassword)

                // The password still works; the second factor is enrolled before anything else.
                let loginPage = try await b.request(.get, "/login")
                let r = try await b.request(.post, "/login", form: ["email": f.login(.counselor).email, "password": Fixture.password, "csrf": b.csrf(loginPage) ?? ""])
                #expect(r.status == .seeOther && r.headers[.location] == "/account/totp")
                #expect(try await b.request(.get, "/clients").status == .seeOther)
                let totp = try await b.request(.get, "/login/totp")
                #expect(totp.headers[.location] == "/account/totp")
                let enrol = try await b.request(.get, "/account/totp")
                let recovery = try await b.request(.post, "/login/totp", form: ["code": "abcd-efgh", "csrf": try #require(b.csrf(enrol))])
                #expect(recovery.status == .unauthorized)
                #expect(try await b.request(.get, "/clients").status == .seeOther)
                #expect(try await f.services.accounts.accountEvents(userID: "user-0").map(\.action) == ["reset_totp"])
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func theRoleChangesWithinTheOrganisationAndTakesEffectAtTheNextLogin(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let counselor = f.login(.counselor)
                try await b.logIn(counselor)
                #expect(try await b.request(.get, "/users").status == .forbidden)
                let coord = Browser(client: b.client, clock: f.clock)
                let cc = try await coord.logIn(f.login(.coordinator))

                // A role of another kind of organisation, the coordinator's own account, another organisation's user: refused.
                let clerk = try await coord.request(.post, "/users/user-0/role", form: ["csrf": cc, "role": "authority_clerk"])
                #expect(clerk.status == .unprocessableContent && clerk.body.contains("id=\"role-error\""))
                #expect(try await coord.request(.post, "/users/user-1/role", form: ["csrf": cc, "role": "counselor"]).status == .badRequest)
                #expect(try await coord.request(.post, "/users/user-5/role", form: ["csrf": cc, "role": "coordinator"]).status == .notFound)
                #expect(try await coord.request(.post, "/users/user-5/reset", form: ["csrf": cc, "reset_totp": "on"]).status == .notFound)
                #expect(try await coord.request(.get, "/users/user-5/access").status == .notFound)
                #expect(try await f.services.accounts.account(userID: "user-1")?.user.role == .coordinator)

                let done = try await coord.request(.post, "/users/user-0/role", form: ["csrf": cc, "role": "coordinator"])
                #expect(done.status == .ok && done.body.contains("Die Rolle ist jetzt „Projektkoordination“"))
                // The counselor's session has ended; logged in again, they manage users.
                #expect(try await b.request(.get, "/clients").status == .seeOther)
                try await b.logIn(counselor)
                #expect(try await b.request(.get, "/users").status == .ok)
                #expect(try await f.services.accounts.accountEvents(userID: "user-0").map(\.action) == ["change_role"])

                // A counselor may not reset or re-role anyone.
                let back = try await coord.request(.post, "/users/user-0/role", form: ["csrf": cc, "role": "counselor"])
                #expect(back.status == .ok)
                let c0 = try await b.logIn(counselor)
                #expect(try await b.request(.post, "/users/user-1/reset", form: ["csrf": c0, "reset_totp": "on"]).status == .forbidden)
                #expect(try await b.request(.post, "/users/user-1/role", form: ["csrf": c0, "role": "counselor"]).status == .forbidden)
            }
        }
    }

    /// Login addresses are unique over all organisations: a taken one of another organisation is refused without
    /// saying whose, each refusal is audited, and a run of them is stopped (QA34 S2: a coordinator could list another
    /// organisation's staff by guessing).
    @Test(arguments: TestDatabase.available)
    func takenAddressesOfOtherOrganisationsCannotBeListedByGuessing(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let cc = try await b.logIn(f.login(.coordinator))
                func create(_ email: String) async throws -> Browser.Page {
                    try await b.request(.post, "/users", form: ["csrf": cc, "display_name": "Test Person", "email": email, "password": Self.provisional, "role": "counselor"])
                }
                let own = try await create(f.login(.counselor).email)
                #expect(own.status == .conflict && own.body.contains("hat bereits ein Konto Ihrer Organisation"))
                let foreign = try await create(f.login(.counselor, organisation: "org-b").email)
                #expect(foreign.status == .conflict && foreign.body.contains("kann nicht verwendet werden") && !foreign.body.contains("Organisation."))
                for _ in 0..<3 { #expect(try await create(f.login(.authorityClerk).email).status == .conflict) }
                #expect(try await create(f.login(.authorityLead).email).status == .tooManyRequests)
                let refusals = try await f.services.accounts.accountEvents(userID: "")
                #expect(refusals.count == 6 && refusals.allSatisfy { $0.action == "address_taken" && $0.userID == "user-1" })
                // A free address is still created after the window.
                f.clock.advance(16 * 60)
                #expect(try await create("frei@a.example").status == .seeOther)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aNewAccountsPasswordIsReplacedAtTheFirstLoginAndTheCreationIsAudited(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let cc = try await b.logIn(f.login(.coordinator))
                let created = try await b.request(.post, "/users", form: ["csrf": cc, "display_name": "Neue Kollegin", "email": "neu@a.example",
                                                                          "password": Self.provisional, "role": "counselor"])
                #expect(created.status == .seeOther)
                let id = try #require(try await f.services.accounts.account(email: "neu@a.example")?.user.id)
                #expect(try await f.services.accounts.account(userID: id)?.mustChangePassword == true)
                // Said on the list it comes back to (QA42 coordination #10), the address carrying only the id.
                #expect(created.headers[.location] == "/users?angelegt=\(id)")
                let users = try await b.request(.get, "/users?angelegt=\(id)")
                #expect(users.body.contains("/users/\(id)/access") && users.body.contains("id=\"user-created\">Das Benutzerkonto für Neue Kollegin ist angelegt."))
                #expect(try await !b.request(.get, "/users?angelegt=user-5").body.contains("id=\"user-created\""))   // another organisation's
                // A role that cannot be given is said at the field.
                let tampered = try await b.request(.post, "/users", form: ["csrf": cc, "display_name": "X Y", "email": "xy@a.example", "password": Self.provisional,
                                                                           "role": "authority_lead"])
                #expect(tampered.status == .unprocessableContent && tampered.body.contains("id=\"role-error\""))
                let events = try await f.services.accounts.accountEvents(userID: id)
                #expect(events.map(\.action) == ["create"] && events.first?.userID == "user-1")

                // The new colleague signs in, enrols the second factor, and is sent to change the password first.
                let newcomer = Browser(client: b.client, clock: f.clock)
                let loginPage = try await newcomer.request(.get, "/login")
                let r = try await newcomer.request(.post, "/login", form: ["email": "neu@a.example", "password": Self.provisional, "csrf": newcomer.csrf(loginPage) ?? ""])
                #expect(r.headers[.location] == "/account/totp")
                let enrol = try await newcomer.request(.get, "/account/totp")
                let secret = try #require(try await f.services.accounts.account(userID: id)?.totpSecret)
                f.clock.advance(31)
                let code = try #require(TOTP.code(secret: secret, step: TOTP.step(at: f.clock.now())))
                #expect(try await newcomer.request(.post, "/account/totp", form: ["csrf": newcomer.csrf(enrol) ?? "", "code": code]).status == .ok)
                let home = try await newcomer.request(.get, "/")
                #expect(home.status == .seeOther && home.headers[.location] == "/account")
            }
        }
    }
}
