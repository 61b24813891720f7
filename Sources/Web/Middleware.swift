import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Storage
import Views

/// Security headers on every response; `no-store` on everything but static files (client data must not be cached).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = BleibeContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        // Within the site only: the page a form was sent from is known after a timeout (QA22 L1); nothing goes elsewhere.
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("Permissions-Policy")!] = "camera=(), microphone=(), geolocation=()"
        if !request.uri.path.hasPrefix("/static/") { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// An answer to HEAD has no body (RFC 9110 § 9.3.2), also an error page: a body there would be read as the start of
/// the next response on the connection. The length the body would have stays in the header fields.
struct HeadMiddleware: RouterMiddleware {
    typealias Context = BleibeContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard request.method == .head else { return response }
        let length = response.body.contentLength
        response.body = ResponseBody()
        if let length { response.headers[.contentLength] = String(length) }
        return response
    }
}

/// Loads the session (cookie) or the API token (Bearer) into the context; ends idle sessions.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = BleibeContext
    let services: AppServices

    /// What a user whose password was set by the coordination may open: the page to change it, and the way out.
    static let openBeforePasswordChange: Set<String> = ["/account", "/account/password", "/logout", SessionRoutes.statusPath, "/session/extend"]

    static let cookieName = "bleibe_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // The scheme's name in any case (RFC 9110 § 11.1): "bearer" is "Bearer". A token opens the API only: it skips the
        // second factor, so the pages and exports stay behind a session (QA of 05.12.2026: a token opened the audit trail).
        let path = request.uri.path
        let api = path == "/api/v1" || path.hasPrefix("/api/v1/")
        if api, let auth = request.headers[.authorization], auth.prefix(7).lowercased() == "bearer " {
            let token = String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            let now = services.now()
            guard let (account, scope) = try await services.accounts.account(apiToken: token, issuedSince: services.apiTokensIssuedSince(),
                                                                             now: services.timestamp(now), usedSince: services.timestamp(now.addingTimeInterval(-900))),
                  account.user.active else {
                throw AppError.unauthenticated
            }
            // A read-only token changes nothing, whatever its user's role may (QA42 F6).
            guard scope.permits(method: request.method.rawValue) else {
                throw AppError.forbiddenBecause("This token may only read (scope 'read'): \(request.method.rawValue) needs a token with the scope 'write', created on the account page.")
            }
            context.account = account
            context.viaAPIToken = true
            return try await next(request, context)
        }
        if let token = request.cookies[Self.cookieName]?.value, !token.isEmpty {
            let now = services.now()
            var found = services.sessions.get(token, now: now)
            if found == nil, let fresh = try await services.accounts.sessionWithAccount(token: token) {
                found = fresh
                services.sessions.put(token, fresh.0, fresh.1, now: now)
            }
            if let (record, account) = found {
                let last = Timestamp.date(record.lastSeenAt) ?? .distantPast, created = Timestamp.date(record.createdAt) ?? .distantPast
                if now.timeIntervalSince(last) > services.config.idleTimeout || now.timeIntervalSince(created) > services.config.sessionLifetime {
                    services.sessions.drop(token)
                    try await services.accounts.deleteSession(token: token)
                    context.sessionExpired = true
                } else if account.user.active {
                    context.session = (token, record)
                    if record.secondFactorDone || !account.needsSecondFactor {
                        context.account = account
                        // A password the coordination set is replaced before anything else is opened.
                        if account.mustChangePassword, !Self.openBeforePasswordChange.contains(request.uri.path), !request.uri.path.hasPrefix("/static/") {
                            return Reply.redirect("/account")
                        }
                    }
                    // Refresh the idle clock at most once a minute (a write per request would be wasteful), and within
                    // a quarter of the idle timeout, so a short timeout does not end a session in use (QA of 06.12.2026).
                    // Asking how long is left is no activity; nor is anything but the second factor's own pages for a session
                    // that has not passed it (QA42 F5: "Angemeldet bleiben" kept a password-only session alive).
                    var seen = last
                    let active = context.account != nil || path == "/login/totp" || path == "/account/totp"
                    if now.timeIntervalSince(last) > min(60, services.config.idleTimeout / 4), path != SessionRoutes.statusPath, active {
                        services.sessions.drop(token)
                        try await services.accounts.touchSession(token: token, now: services.timestamp(now))
                        seen = now
                    }
                    context.sessionEnds = SessionEnd(lastSeen: seen, created: created, now: now, config: services.config)
                }
            }
        }
        // A session that had ended is said on the login page (accessibility review of 06.12.2026: a form sent after
        // 30 idle minutes led to the login without a word, and what was typed was lost).
        if context.sessionExpired, !api {
            do { return try await next(request, context) } catch AppError.unauthenticated {
                // Back to the page after logging in again: the one asked for, or for a form the page it was sent from.
                let back = request.method == .get ? request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                    : request.headers[.referer].flatMap { URL(string: $0) }.map { $0.path + ($0.query.map { "?" + $0 } ?? "") }
                return Reply.redirect("/login?abgelaufen=1" + AuthRoutes.onward(back, "&"))
            }
        }
        return try await next(request, context)
    }
}

/// Maps errors once: German pages for the browser, problem+json under /api. Never a 5xx for bad input, and
/// never personal data in logs (only the path template and the error kind).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = BleibeContext
    /// The registered path templates ("/clients/{id}/facts") with their methods: a path that exists answered with
    /// another method is a 405 with the methods it takes, not a 404.
    var routes: [(segments: [Substring], method: HTTPRequest.Method)] = []
    /// Inside the sign-in middleware: "not signed in" is left to it (it says on the login page that a session ended).
    var inner = false

    init(routes: [(String, HTTPRequest.Method)] = [], inner: Bool = false) {
        self.routes = routes.map { ($0.0.split(separator: "/"), $0.1) }
        self.inner = inner
    }

    /// The methods registered for a concrete path (a template's `{…}` segment matches any one segment).
    func methods(for path: String) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/")
        return routes.filter { r in
            r.segments.count == parts.count && zip(r.segments, parts).allSatisfy { t, p in t.hasPrefix("{") || t == p }
        }.map(\.method)
    }

    /// The nearest address above `path` that shows a page, with the form's part of it as the fragment
    /// (`/cases/x/sessions` → `/cases/x#sessions`); nil when there is none below the root.
    static func page(of path: String, methods: (String) -> [HTTPRequest.Method]) -> String? {
        let parts = path.split(separator: "/")
        for n in stride(from: parts.count - 1, through: 1, by: -1) {
            let candidate = "/" + parts.prefix(n).joined(separator: "/")
            if methods(candidate).contains(.get) { return candidate + "#" + parts[n] }
        }
        return nil
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let api = request.uri.path.hasPrefix("/api/")
        do {
            return try await next(request, context)
        } catch let e as AppError {
            if inner, case .unauthenticated = e { throw e }
            return map(e, api: api, context: context, back: Self.back(request))
        } catch let e as HTTPError {
            if e.status == .notFound, context.endpointPath == nil || context.endpointPath == "NotFound", case let allowed = methods(for: request.uri.path), !allowed.isEmpty, !allowed.contains(request.method) {
                // A page asked for at the address of its form (a page reloaded after a form error, a bookmark, the
                // sign-in after a session ended there) leads to the page the form is on (QA29 F1: a 405 without a way on).
                if !api, request.method == .get || request.method == .head, let page = Self.page(of: request.uri.path, methods: methods) {
                    return Reply.redirect(page)
                }
                let allow = Array(Set(allowed.map(\.rawValue))).sorted().joined(separator: ", ")
                var r = api ? Reply.problem(.methodNotAllowed, "Method Not Allowed", detail: "\(request.method.rawValue) is not supported here; allowed: \(allow).")
                    : Reply.html(Layout.errorPage(status: 405, title: "Aktion nicht möglich", message: "Diese Seite nimmt diese Art von Anfrage nicht an.", frame: context.frame("Aktion nicht möglich")), status: .methodNotAllowed)
                r.headers[.allow] = allow
                return r
            }
            // Every problem has a detail (QA37 F7: an unknown route's 404 had none).
            if api { return Reply.problem(e.status, e.status.reasonPhrase, detail: e.body ?? (e.status == .notFound ? "No such route; the routes are listed in /api/v1/openapi.json." : nil)) }
            let title = e.status == .notFound ? "Seite nicht gefunden" : "Anfrage nicht möglich"
            return Reply.html(Layout.errorPage(status: Int(e.status.code), title: title, message: e.status == .notFound ? "Diese Seite gibt es nicht." : "Die Anfrage konnte nicht verarbeitet werden.", frame: context.frame(title)), status: e.status)
        } catch is NIOTooManyBytesError {
            // A body beyond the limit (forms, JSON, the public pages): the client's fault, not ours.
            // On the client-facing forms, a page in the visitor's language (QA of 06.12.2026: the staff's German page).
            let path = request.uri.path
            if path.hasPrefix("/anfrage/") || path.hasPrefix("/selbstcheck/") {
                return Reply.html(PublicPages.tooLarge(lang: request.clientLanguage, path: path), status: .contentTooLarge)
            }
            return map(.tooLarge("Die Anfrage ist zu groß (höchstens \(context.maxUploadSize / 1000) kB)."), api: api, context: context)
        } catch let e as StorageError {
            if case .conflict = e { return map(.conflict("Der Datensatz widerspricht einem vorhandenen (z. B. doppeltes Aktenzeichen)."), api: api, context: context) }
            context.logger.error("storage error", metadata: ["route": .string(context.endpointPath ?? "?")])
            return failure(api: api, context: context)
        } catch {
            context.logger.error("unexpected error", metadata: .failure(error, ["route": .string(context.endpointPath ?? "?")]))
            return failure(api: api, context: context)
        }
    }

    func failure(api: Bool, context: Context) -> Response {
        if api { return Reply.problem(.internalServerError, "Internal error") }
        return Reply.html(Layout.errorPage(status: 500, title: "Fehler", message: "Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es erneut.", frame: context.frame("Fehler")), status: .internalServerError)
    }

    /// One description per error: status, English title for the API, German title and message for pages.
    /// The page of this site a refused form was sent from (QA23 F3: a refused second submit ended on a page that led
    /// only to the start page).
    static func back(_ request: Request) -> String? {
        guard let referer = request.headers[.referer].flatMap({ URL(string: $0) }),
              let path = AuthRoutes.returnPath(referer.path + (referer.query.map { "?" + $0 } ?? "")), referer.path != request.uri.path else { return nil }
        return path
    }

    func map(_ e: AppError, api: Bool, context: Context, back: String? = nil) -> Response {
        let status: HTTPResponse.Status, title: String, detail: String?, german: (String, String)
        var errors: [String: String] = [:]
        switch e {
        case .unauthenticated:
            if !api { return Reply.redirect("/login") }
            (status, title, detail) = (.unauthorized, "Authentication required", "Send a valid API token as 'Authorization: Bearer <token>'.")
            german = ("Anmeldung nötig", "Bitte melden Sie sich an.")
        case .forbidden:
            (status, title, detail) = (.forbidden, "Forbidden", "Your role does not allow this action.")
            german = ("Keine Berechtigung", "Ihre Rolle erlaubt diese Aktion nicht.")
        case .forbiddenBecause(let m):
            (status, title, detail) = (.forbidden, "Forbidden", m)
            german = ("Keine Berechtigung", m)
        case .notFound:
            // The same for a record that does not exist and one of another organisation: nothing is told about the latter.
            (status, title, detail) = (.notFound, "Not Found", "No such resource, or none your organisation may see.")
            german = ("Nicht gefunden", "Diesen Datensatz gibt es nicht oder Sie dürfen ihn nicht sehen.")
        case .badRequest(let m):
            (status, title, detail) = (.badRequest, "Bad request", m)
            german = ("Ungültige Eingabe", m)
        case .invalid(let fieldErrors):
            (status, title, detail) = (.unprocessableContent, "Validation failed", "See 'errors': the fields refused, each with the reason.")
            errors = fieldErrors
            german = ("Ungültige Eingabe", fieldErrors.values.sorted().joined(separator: " "))
        case .csrf:
            (status, title, detail) = (.forbidden, "CSRF token missing or wrong", nil)
            german = ("Sitzung abgelaufen", "Das Formular ist abgelaufen. Bitte laden Sie die Seite neu und versuchen Sie es erneut.")
        case .tooManyRequests(let m):
            (status, title, detail) = (.tooManyRequests, "Too many requests", m)
            german = ("Zu viele Versuche", m)
        case .conflict(let m):
            (status, title, detail) = (.conflict, "Conflict", m)
            german = ("Konflikt", m)
        case .preconditionFailed(let m):
            (status, title, detail) = (.preconditionFailed, "Precondition failed", m)
            german = ("Inzwischen geändert", m)
        case .refused(let m):
            (status, title, detail) = (.forbidden, "Disclosure refused", m)
            german = ("Keine Freigabe", m)
        case .tooLarge(let m):
            (status, title, detail) = (.contentTooLarge, "Upload too large", m)
            german = ("Zu groß", m)
        case .unsupportedType(let m):
            (status, title, detail) = (.unsupportedMediaType, "Unsupported media type", m)
            german = ("Dateityp nicht erlaubt", m)
        }
        var r = api ? Reply.problem(status, title, detail: detail, errors: errors)
            : Reply.html(Layout.errorPage(status: Int(status.code), title: german.0, message: german.1, frame: context.frame(german.0), back: back), status: status)
        // Throttled logins and codes: the window is 15 minutes.
        if status == .tooManyRequests { r.headers[.retryAfter] = "900" }
        // The API says how to authenticate (RFC 9110 § 11.6.1).
        if api, status == .unauthorized { r.headers[.wwwAuthenticate] = "Bearer realm=\"bleibe\"" }
        return r
    }
}

/// Every state-changing form carries the session's CSRF token (or, before login, the login cookie's).
func checkCSRF(_ form: Form, _ context: BleibeContext) throws { try checkCSRF(token: form["csrf"], context) }

func checkCSRF(token sent: String?, _ context: BleibeContext) throws {
    guard let expected = context.csrf, let sent, Credentials.equal(expected, sent) else { throw AppError.csrf }
}

extension Logger.Metadata {
    /// A failure for the log: `context` (route or task), the error's type and what `ErrorCause` lets it say of it –
    /// never a personal datum.
    static func failure(_ error: any Error, _ context: Logger.Metadata) -> Logger.Metadata {
        var m = context
        m["type"] = .string(String(describing: type(of: error)))
        if let cause = ErrorCause.of(error) { m["cause"] = .string(cause) }
        return m
    }
}
