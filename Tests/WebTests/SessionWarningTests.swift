import Foundation
import HTTPTypes
import Testing
@testable import Web

/// The warning before a logout by inactivity (WCAG 2.2.1): the page knows how long is left, asking does not extend
/// the session, one action does, and a session ending by its age says that extending cannot help.
@Suite("Session end warning")
struct SessionWarningTests {
    static func seconds(_ page: Browser.Page) -> (Int, Bool)? {
        guard page.status == .ok, let data = page.body.data(using: .utf8),
              let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let s = o["seconds"] as? Int, let final = o["final"] as? Bool else { return nil }
        return (s, final)
    }

    @Test(arguments: TestDatabase.available)
    func statusDoesNotExtendAndExtendingStartsTheIdleClockAgain(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        try await f.run { b in
            // Before logging in: no script, no notice.
            let login = try await b.request(.get, "/login")
            #expect(!login.body.contains("<script") && !login.body.contains("session-warning"))
            let token = try await b.logIn(f.login(.counselor))
            let page = try await b.request(.get, "/clients")
            #expect(page.body.contains("data-session-seconds=\"1800\"") && page.body.contains("<script src=\"/static/session.js\" defer></script>"))
            #expect(page.body.contains("id=\"session-warning\"") && page.body.contains("Angemeldet bleiben") && page.body.contains("id=\"session-ended\""))
            let script = try await b.request(.get, "/static/session.js")
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8" && script.body.contains("/session/extend"))

            #expect(Self.seconds(try await b.request(.get, "/session/status"))! == (1800, false))
            f.clock.advance(600)
            #expect(Self.seconds(try await b.request(.get, "/session/status"))! == (1200, false))
            f.clock.advance(600)
            // Asking twice did not refresh the idle clock: 20 of 30 minutes are gone.
            #expect(Self.seconds(try await b.request(.get, "/session/status"))! == (600, false))
            // Extending is a change: without the session's token it is refused.
            #expect(try await b.request(.post, "/session/extend", form: ["csrf": "falsch"]).status == .forbidden)
            #expect(Self.seconds(try await b.request(.post, "/session/extend", form: ["csrf": token]))! == (1800, false))
            f.clock.advance(1000)
            #expect(Self.seconds(try await b.request(.get, "/session/status"))! == (800, false))
            #expect(try await b.request(.get, "/clients").status == .ok)
            // After the end: an answer the script can read (not a redirect to the login, which would replace the page).
            f.clock.advance(1801)
            let ended = try await b.request(.get, "/session/status")
            #expect(ended.status == .ok && Self.seconds(ended)! == (0, true))
            #expect(try await b.request(.get, "/clients").status == .seeOther)
        }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSessionEndingByItsAgeCannotBeExtended(_ db: TestDatabase) async throws {
        try await Fixture.test(db, configure: { $0.sessionLifetime = 3600 }) { f in
        try await f.run { b in
            let token = try await b.logIn(f.login(.counselor))
            let started = Self.seconds(try await b.request(.get, "/session/status"))!
            #expect(started == (1800, false))
            f.clock.advance(1700)
            #expect(Self.seconds(try await b.request(.post, "/session/extend", form: ["csrf": token]))! == (1800, false))
            f.clock.advance(1100)
            // The hour since the password was entered (31 s before the code) ends first.
            let late = Self.seconds(try await b.request(.post, "/session/extend", form: ["csrf": token]))!
            #expect(late == (3600 - 31 - 2800, true))
            let page = try await b.request(.get, "/clients")
            #expect(page.body.contains("data-session-seconds=\"\(3600 - 31 - 2800)\" data-session-final"))
        }
        }
    }
}
