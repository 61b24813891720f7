import Counseling
import Foundation
import Hummingbird
import Storage
import Views

/// Login with password (bcrypt), second factor (TOTP or a one-time recovery code), enrolment, logout.
struct AuthRoutes {
    let services: AppServices
    static let loginCSRFCookie = "bleibe_login_csrf"

    /// Every route of this group: registered from this table and walked by the authorization test.
    var endpoints: [Endpoint] {
        [
            (.get, "/login", loginPage),
            (.post, "/login", login),
            (.get, "/login/totp", totpPage),
            (.post, "/login/totp", totp),
            (.get, "/account/totp", enrolPage),
            (.post, "/account/totp", enrol),
            (.post, "/logout", logout),
            (.get, "/account", accountPage),
            (.post, "/account/tokens", createToken),
            (.post, "/account/tokens/{id}/revoke", revokeToken),
            (.post, "/account/password", changePassword),
        ]
    }

    func cookie(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: services.config.secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// A page of this site to return to after logging in: a path of our own, never another host ("//x", "/\\x") nor
    /// the login itself (accessibility review of 06.12.2026: after a timeout the user landed on the start page).
    static func returnPath(_ s: String?) -> String? {
        guard let s, s.hasPrefix("/"), !s.hasPrefix("//"), !s.contains("\\"), !s.hasPrefix("/login"), !s.hasPrefix("/logout"), s.utf8.count <= 512,
              s.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else { return nil }
        return s
    }

    /// `?weiter=<path>` for a page to return to (empty without one), percent-encoded.
    /// A search's terms (a name, a birth date) are left out: the address goes into the browser's history and any
    /// proxy's log (QA42 F7); the list opens again without them.
    static func onward(_ back: String?, _ separator: String = "?") -> String {
        back.flatMap(returnPath).map(withoutSearchTerms).flatMap { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) }.map { separator + "weiter=" + $0 } ?? ""
    }

    static func withoutSearchTerms(_ path: String) -> String {
        guard var parts = URLComponents(string: path), let items = parts.queryItems, items.contains(where: { $0.name == "q" }) else { return path }
        let kept = items.filter { $0.name != "q" }
        parts.queryItems = kept.isEmpty ? nil : kept
        return parts.string ?? path.prefix { $0 != "?" }.description
    }

    @Sendable func loginPage(_ request: Request, context: BleibeContext) async throws -> Response {
        let back = Self.returnPath(request.uri.queryParameters["weiter"].map(String.init))
        if context.account != nil { return Reply.redirect(back ?? "/") }
        let token = Credentials.randomToken()
        var r = Reply.html(AuthPages.login(csrf: token, expired: request.uri.queryParameters["abgelaufen"] == "1", back: back))
        r.setCookie(cookie(Self.loginCSRFCookie, token, maxAge: 3600))
        return r
    }

    @Sendable func login(_ request: Request, context: BleibeContext) async throws -> Response {
        let form = try await Form.read(request, context: context)
        guard let expected = request.cookies[Self.loginCSRFCookie]?.value, let sent = form["csrf"], Credentials.equal(expected, sent) else {
            throw AppError.csrf
        }
        let email = form.trimmed("email").lowercased()
        let password = form["password"] ?? ""
        let now = services.now()
        let since = services.timestamp(now.addingTimeInterval(-services.config.throttleWindow))
        // The same message for an unknown user and a wrong password; throttled per account and sender, per account, and
        // per sender.
        let generic = "E-Mail-Adresse oder Passwort ist falsch."
        // The tight limit holds for an account from one sender: whoever knows a colleague's address locks only their own
        // tries, not the colleague (QA41 A6: five wrong passwords locked the account for everyone). The account as a
        // whole and the sender across accounts get ten times as many: guessing from many senders, or one password on
        // many accounts, is stopped too; colleagues behind one office address do not lock each other out.
        let sender = context.senderKey(request, trustProxy: services.config.trustProxy)
        let emailKey = "email:\(AccountStore.sha256(email))", pairKey = "pair:" + AccountStore.sha256(email + "\n" + sender), addressKey = "addr:" + sender
        let limit = services.config.throttleLimit
        let keys = [(pairKey, limit), (emailKey, limit * 10), (addressKey, limit * 10)]
        let back = Self.returnPath(form["weiter"])
        // The login page again with `error`, keeping its CSRF cookie.
        func refused(_ error: String, _ status: HTTPResponse.Status) -> Response {
            var r = Reply.html(AuthPages.login(csrf: expected, email: email, error: error, back: back), status: status)
            r.setCookie(cookie(Self.loginCSRFCookie, expected, maxAge: 3600))
            return r
        }
        // An empty field is said as such and is no attempt (the form is `novalidate`: the message is the page's, in German,
        // not the browser's; QA40 L3). Said alike for both fields: it reveals nothing of an account.
        if email.isEmpty || password.isEmpty { return refused("Bitte E-Mail-Adresse und Passwort angeben.", .unprocessableContent) }
        // Each attempt counts before the password is checked; a failed one stays counted.
        var attempts: [String] = []
        for (key, limit) in keys {
            guard let id = try await services.accounts.beginAttempt(key: key, at: services.timestamp(now), since: since, limit: limit) else {
                for id in attempts { try await services.accounts.forgetAttempt(id) }
                throw AppError.tooManyRequests("Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie 15 Minuten.")
            }
            attempts.append(id)
        }
        let account = try await services.accounts.account(email: email)
        let ok = try await Credentials.verify(password, hash: account?.passwordHash ?? Credentials.dummyHash)
        guard let account, ok, account.user.active else { return refused(generic, .unauthorized) }
        // The address keeps its count of failures: one valid login must not reset the tries made against other accounts.
        try await services.accounts.clearFailedLogins(key: pairKey)
        try await services.accounts.clearFailedLogins(key: emailKey)
        for id in attempts { try await services.accounts.forgetAttempt(id) }
        let token = Credentials.randomToken()
        let second = account.needsSecondFactor
        try await services.accounts.createSession(token: token, userID: account.user.id, csrf: Credentials.randomToken(),
                                                  secondFactorDone: !second, now: services.timestamp(now))
        var r = Reply.redirect(second ? (account.totpEnabled ? "/login/totp" + Self.onward(back) : "/account/totp") : back ?? "/")
        r.setCookie(cookie(AuthenticationMiddleware.cookieName, token))
        r.setCookie(cookie(Self.loginCSRFCookie, "", maxAge: 0))
        return r
    }

    /// The session that waits for its second factor.
    func pending(_ context: BleibeContext) async throws -> (String, SessionRecord, Account) {
        guard let (token, record) = context.session, let account = try await services.accounts.account(userID: record.userID) else {
            throw AppError.unauthenticated
        }
        return (token, record, account)
    }

    @Sendable func totpPage(_ request: Request, context: BleibeContext) async throws -> Response {
        let (_, record, account) = try await pending(context)
        let back = Self.returnPath(request.uri.queryParameters["weiter"].map(String.init))
        if record.secondFactorDone { return Reply.redirect(back ?? "/") }
        if !account.totpEnabled { return Reply.redirect("/account/totp") }
        return Reply.html(AuthPages.secondFactor(csrf: record.csrfToken, back: back))
    }

    @Sendable func totp(_ request: Request, context: BleibeContext) async throws -> Response {
        let (token, record, account) = try await pending(context)
        let form = try await Form.checked(request, context: context)
        let code = form.trimmed("code"), back = Self.returnPath(form["weiter"])
        // An empty code is said as such and is no attempt (QA40 L3: the form is `novalidate`).
        if code.isEmpty {
            return Reply.html(AuthPages.secondFactor(csrf: record.csrfToken, error: "Bitte den Code aus der App oder einen Wiederherstellungscode angeben.",
                                                     back: back), status: .unprocessableContent)
        }
        let throttleKey = "totp:\(account.user.id)"
        let now = services.now()
        guard try await services.accounts.beginAttempt(key: throttleKey, at: services.timestamp(now),
                                                       since: services.timestamp(now.addingTimeInterval(-services.config.throttleWindow)),
                                                       limit: services.config.throttleLimit) != nil else {
            throw AppError.tooManyRequests("Zu viele falsche Codes. Bitte warten Sie 15 Minuten.")
        }
        var accepted = false
        // A secret still being enrolled (not enabled) completes nothing here: enrolment does, with recovery codes.
        if account.totpEnabled, let secret = account.totpSecret, let step = TOTP.matchingStep(secret: secret, code: code, at: now) {
            // A code is good once: a replayed (or older) step is refused.
            accepted = try await services.accounts.consumeTOTPStep(userID: account.user.id, step: step)
        } else if code.contains("-") {
            accepted = try await services.accounts.consumeRecoveryCode(userID: account.user.id, codeHash: AccountStore.sha256(code.lowercased()))
        }
        guard accepted else {
            return Reply.html(AuthPages.secondFactor(csrf: record.csrfToken, error: "Der Code ist ungültig oder wurde bereits verwendet.", back: back), status: .unauthorized)
        }
        try await services.accounts.clearFailedLogins(key: throttleKey)
        // A new session id now that the privilege changes (QA of 05.12.2026: the half-logged-in id became the full one).
        let renewed = Credentials.randomToken()
        try await services.accounts.completeSecondFactor(token: token, newToken: renewed, newCSRF: Credentials.randomToken(), now: services.timestamp(now))
        services.sessions.drop(token)
        var r = Reply.redirect(back ?? "/")
        r.setCookie(cookie(AuthenticationMiddleware.cookieName, renewed))
        return r
    }

    @Sendable func enrolPage(_ request: Request, context: BleibeContext) async throws -> Response {
        let (_, record, account) = try await pending(context)
        if account.totpEnabled { return Reply.redirect(record.secondFactorDone ? "/account" : "/login/totp") }
        // The secret is made and kept here, never taken from the form (a posted one would let whoever fills the form
        // choose it: QA of 05.12.2026). A pending one is shown again, so a reload does not void what the app scanned.
        let secret: String
        if let pending = account.totpSecret, TOTP.base32Decode(pending)?.count == 20 { secret = pending } else {
            secret = TOTP.newSecret()
            try await services.accounts.setTOTP(userID: account.user.id, secret: secret, enabled: false, recoveryCodeHashes: [])
        }
        return Reply.html(AuthPages.enrol(frame: PageFrame(title: "Zweiter Faktor", csrf: record.csrfToken), secret: secret,
                                          uri: TOTP.uri(secret: secret, account: account.user.email)))
    }

    @Sendable func enrol(_ request: Request, context: BleibeContext) async throws -> Response {
        let (token, record, account) = try await pending(context)
        guard !account.totpEnabled else { throw AppError.conflict("Der zweite Faktor ist bereits eingerichtet.") }
        let form = try await Form.checked(request, context: context)
        guard let secret = account.totpSecret, TOTP.base32Decode(secret)?.count == 20 else {
            throw AppError.conflict("Die Einrichtung ist abgelaufen. Bitte laden Sie die Seite neu.")
        }
        guard let step = TOTP.matchingStep(secret: secret, code: form.trimmed("code"), at: services.now()) else {
            return Reply.html(AuthPages.enrol(frame: PageFrame(title: "Zweiter Faktor", csrf: record.csrfToken), secret: secret,
                                              uri: TOTP.uri(secret: secret, account: account.user.email),
                                              error: "Der Code passt nicht. Bitte prüfen Sie die Uhrzeit des Geräts und versuchen Sie es erneut."), status: .unprocessableContent)
        }
        let codes = Credentials.recoveryCodes()
        try await services.accounts.setTOTP(userID: account.user.id, secret: secret, enabled: true, recoveryCodeHashes: codes.map { AccountStore.sha256($0) })
        _ = try await services.accounts.consumeTOTPStep(userID: account.user.id, step: step)
        let renewed = Credentials.randomToken()
        let csrf = Credentials.randomToken()
        try await services.accounts.completeSecondFactor(token: token, newToken: renewed, newCSRF: csrf, now: services.timestamp())
        services.sessions.dropUser(account.user.id)
        var r = Reply.html(AuthPages.recoveryCodes(frame: PageFrame(title: "Wiederherstellungscodes", csrf: csrf), codes: codes))
        r.setCookie(cookie(AuthenticationMiddleware.cookieName, renewed))
        return r
    }

    @Sendable func logout(_ request: Request, context: BleibeContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        if let (token, _) = context.session {
            services.sessions.drop(token)
            try await services.accounts.deleteSession(token: token)
        }
        var r = Reply.redirect("/login")
        r.setCookie(cookie(AuthenticationMiddleware.cookieName, "", maxAge: 0))
        return r
    }

    @Sendable func accountPage(_ request: Request, context: BleibeContext) async throws -> Response {
        guard let account = context.account else { throw AppError.unauthenticated }
        return try await accountReply(context, account)
    }

    /// The account page with the user's tokens.
    func accountReply(_ context: BleibeContext, _ account: Account, newToken: String? = nil, passwordErrors: [String: String] = [:],
                      passwordChanged: Bool = false, tokensRevoked: Int = 0, revokeTokensTicked: Bool = true, tokenError: String? = nil,
                      tokenForm: (name: String, scope: TokenScope) = ("", .read), scopeError: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let lifetime = services.config.apiTokenLifetime
        let tokens = try await services.accounts.apiTokens(userID: account.user.id, issuedSince: services.apiTokensIssuedSince()).map {
            (id: $0.id, name: $0.name, createdAt: $0.createdAt, expiresAt: Timestamp.date($0.createdAt).map { services.timestamp($0.addingTimeInterval(lifetime)) } ?? "",
             scope: $0.scope, lastUsedAt: $0.lastUsedAt)
        }
        return Reply.html(AuthPages.account(frame: context.frame("Konto", current: "account"), totpEnabled: account.totpEnabled, tokens: tokens,
                                            newToken: newToken, passwordErrors: passwordErrors, passwordChanged: passwordChanged,
                                            tokensRevoked: tokensRevoked, revokeTokensTicked: revokeTokensTicked, tokenError: tokenError,
                                            tokenForm: tokenForm, scopeError: scopeError,
                                            tokenDays: Int(lifetime / 86400), calendarFeed: try await services.appointments.hasCalendarToken(userID: account.user.id),
                                            mustChangePassword: account.mustChangePassword), status: status)
    }

    /// The user changes their own password: the current one confirms it is them; every other session ends.
    @Sendable func changePassword(_ request: Request, context: BleibeContext) async throws -> Response {
        guard let account = context.account, !context.viaAPIToken, let session = context.session else { throw AppError.unauthenticated }
        let form = try await Form.checked(request, context: context)
        let new = form["new_password"] ?? ""
        var errors: [String: String] = [:]
        // Guessing the current password from a session left open is throttled like a login (QA of 06.12.2026).
        let throttleKey = "password:\(account.user.id)", now = services.now()
        guard try await services.accounts.beginAttempt(key: throttleKey, at: services.timestamp(now),
                                                       since: services.timestamp(now.addingTimeInterval(-services.config.throttleWindow)),
                                                       limit: services.config.throttleLimit) != nil else {
            throw AppError.tooManyRequests("Zu viele falsche Passwörter. Bitte warten Sie 15 Minuten.")
        }
        if !(try await Credentials.verify(form["current_password"] ?? "", hash: account.passwordHash)) {
            errors["current_password"] = "Das bisherige Passwort stimmt nicht."
        } else {
            try await services.accounts.clearFailedLogins(key: throttleKey)
        }
        if let p = Credentials.problem(with: new, email: account.user.email, name: account.user.displayName) { errors["new_password"] = p }
        else if new == (form["current_password"] ?? "") { errors["new_password"] = "Das neue Passwort muss sich vom bisherigen unterscheiden." }
        else if new != (form["repeat_password"] ?? "") { errors["repeat_password"] = "Die Wiederholung stimmt nicht mit dem neuen Passwort überein." }
        guard errors.isEmpty else {
            return try await accountReply(context, account, passwordErrors: errors, revokeTokensTicked: form["revoke_tokens"] == "on", status: .unprocessableContent)
        }
        let revoked = try await services.accounts.changePassword(userID: account.user.id, hash: try await Credentials.hash(new, cost: services.config.bcryptCost),
                                                                 keeping: session.token, revokeTokens: form["revoke_tokens"] == "on")
        services.sessions.dropUser(account.user.id)
        var changed = account
        changed.mustChangePassword = false
        return try await accountReply(context, changed, passwordChanged: true, tokensRevoked: revoked)
    }

    @Sendable func createToken(_ request: Request, context: BleibeContext) async throws -> Response {
        guard let account = context.account, !context.viaAPIToken else { throw AppError.unauthenticated }
        let form = try await Form.checked(request, context: context)
        let name = form.trimmed("name")
        // Least privilege: a form without the field asks for a token that reads.
        let scope = form["scope"].map { TokenScope(rawValue: $0) } ?? .read
        let nameError = !name.isEmpty && name.count <= 80 ? nil : "Bitte eine Bezeichnung (höchstens 80 Zeichen) angeben."
        guard nameError == nil, let scope else {
            return try await accountReply(context, account, tokenError: nameError, tokenForm: (name, scope ?? .read),
                                          scopeError: scope == nil ? "Bitte wählen Sie, was das Token darf: nur lesen oder lesen und ändern." : nil,
                                          status: .unprocessableContent)
        }
        let token = "blb_" + Credentials.randomToken()
        try await services.accounts.createAPIToken(id: Credentials.newID(), userID: account.user.id, token: token, name: name, scope: scope, now: services.timestamp())
        return try await accountReply(context, account, newToken: token)
    }

    /// Revokes one of the user's own tokens (a token cannot revoke tokens: this is a page of the signed-in user).
    @Sendable func revokeToken(_ request: Request, context: BleibeContext) async throws -> Response {
        guard let account = context.account, !context.viaAPIToken else { throw AppError.unauthenticated }
        _ = try await Form.checked(request, context: context)
        guard try await services.accounts.revokeAPIToken(id: try context.parameters.require("id"), userID: account.user.id) else { throw AppError.notFound }
        return Reply.redirect("/account#tokens")
    }
}
