import Counseling
import Foundation
import Hummingbird
import Storage
import Views

/// Client-facing pages without login: the online appointment request of a counseling service, in several languages.
struct PublicRoutes {
    let services: AppServices
    static let csrfCookie = "bleibe_request_csrf"
    /// At most this many requests per sender and hour (a person needs one). Past `reviewThreshold` requests per
    /// service and hour the form stays open but what comes is held apart for review (QA42 F3: a hard stop let sixty
    /// senders shut the only intake without a login for everyone); `hourlyLimit` only bounds what a flood can store.
    static let hourlyLimitPerSender = 5
    static let reviewThreshold = 300
    static let hourlyLimit = 3000

    var endpoints: [Endpoint] {
        [
            (.get, "/anfrage/{id}", page),
            (.post, "/anfrage/{id}", submit),
        ]
    }

    /// The counseling service of the link; nil for an id that names none.
    func service(_ context: BleibeContext) async throws -> Organisation? {
        guard let o = try await services.accounts.organisation(try context.parameters.require("id")), o.kind == .counselingService else { return nil }
        return o
    }

    /// A link to no service (mistyped, or a service since removed): a client page in the visitor's language, not the
    /// staff error page with its login link (QA of 05.12.2026).
    static func notFound(_ request: Request) -> Response {
        Reply.html(PublicPages.notFound(lang: request.clientLanguage), status: .notFound)
    }

    func reply(_ o: Organisation, lang: PublicPages.Language, form: PublicPages.Form, sent: Bool, status: HTTPResponse.Status = .ok) -> Response {
        formPage(cookie: Self.csrfCookie, path: "/anfrage", status: status) { token in
            PublicPages.request(serviceName: o.name, serviceAddress: o.addressLines.joined(separator: ", "), land: o.land, path: "/anfrage/\(o.id)", lang: lang, csrf: token, form: form, sent: sent)
        }
    }

    /// A public page with a form: a fresh CSRF token in the page and in a cookie for `path` (no session to keep it in).
    func formPage(cookie: String, path: String, status: HTTPResponse.Status, _ render: (String) -> HTML) -> Response {
        let token = Credentials.randomToken()
        var r = Reply.html(render(token), status: status)
        r.setCookie(Cookie(name: cookie, value: token, maxAge: 3600, path: path, secure: services.config.secureCookies, httpOnly: true, sameSite: .strict))
        return r
    }

    /// The token sent with a public form matches its cookie; otherwise the post is refused.
    static func checkToken(_ request: Request, _ form: Form, cookie: String) throws {
        guard let expected = request.cookies[cookie]?.value, let sent = form["csrf"], Credentials.equal(expected, sent) else { throw AppError.csrf }
    }

    /// The form, or after a request was sent (`?sent=1`, where the post redirects) the thank-you note: reloading it
    /// sends nothing again.
    @Sendable func page(_ request: Request, context: BleibeContext) async throws -> Response {
        guard let o = try await service(context) else { return Self.notFound(request) }
        return reply(o, lang: request.clientLanguage, form: .init(),
                     sent: request.uri.queryParameters["sent"] == "1")
    }

    @Sendable func submit(_ request: Request, context: BleibeContext) async throws -> Response {
        guard let o = try await service(context) else { return Self.notFound(request) }
        let lang = request.clientLanguage
        let form = try await Form.read(request, context: context)
        var f = PublicPages.Form()
        f.name = String(form.trimmed("name").prefix(200)); f.contact = String(form.trimmed("contact").prefix(200))
        f.language = String(form.trimmed("language").prefix(60)); f.preferred = String(form.trimmed("preferred").prefix(300))
        f.message = String(form.trimmed("message").prefix(2000)); f.consent = form["consent"] == "1"
        // A language switch: the form again in the chosen language with what was typed, nothing checked or stored. The
        // language field still naming the old page's language takes the new one's.
        if form["switch_language"] == "1" {
            if let old = PublicPages.all.first(where: { $0.code == form["form_lang"] }), f.language == old.name { f.language = "" }
            return reply(o, lang: lang, form: f, sent: false, status: .ok)
        }
        // An expired or missing token: nothing is stored, and the visitor gets the form back in their language with
        // what they wrote (and a fresh token), not a German error page.
        do { try Self.checkToken(request, form, cookie: Self.csrfCookie) } catch {
            f.errors.append(lang.text("errExpired"))
            return reply(o, lang: lang, form: f, sent: false, status: .forbidden)
        }
        // Nothing is cut off silently: the visitor sees the shortened text and is asked to check it.
        let limits = [("name", 200), ("contact", 200), ("language", 60), ("preferred", 300), ("message", 2000)]
        if let long = limits.first(where: { form.trimmed($0.0).count > $0.1 }) {
            // Language and wishes are shown in fields without an error slot of their own: said at the message.
            f.fieldErrors.append((["name", "contact"].contains(long.0) ? long.0 : "message", lang.text("errLong")))
        }
        if f.name.isEmpty { f.fieldErrors.append(("name", lang.text("errName"))) }
        if f.contact.count < 5 || !(f.contact.contains("@") || f.contact.filter(\.isNumber).count >= 5) { f.fieldErrors.append(("contact", lang.text("errContact"))) }
        if !f.consent { f.fieldErrors.append(("consent", lang.text("errConsent"))) }
        guard f.errors.isEmpty, f.fieldErrors.isEmpty else { return reply(o, lang: lang, form: f, sent: false, status: .unprocessableContent) }
        let hourAgo = services.timestamp(services.now().addingTimeInterval(-3600))
        // The same request again (a double click, a reload of the post) is taken as sent, not stored twice.
        if try await services.appointments.hasRequest(organisation: o.id, since: hourAgo, name: f.name, contact: f.contact, message: f.message) {
            return Reply.redirect("/anfrage/\(o.id)?lang=\(lang.code)&sent=1")
        }
        let recent = try await services.appointments.countRequests(organisation: o.id, since: hourAgo)
        if recent >= Self.hourlyLimit
            || !services.senders.allow(context.senderKey(request, trustProxy: services.config.trustProxy) + o.id, limit: Self.hourlyLimitPerSender, window: 3600, now: services.now()) {
            f.errors.append(lang.text("errBusy"))
            var r = reply(o, lang: lang, form: f, sent: false, status: .tooManyRequests)
            r.headers[.retryAfter] = "3600"
            return r
        }
        let held = recent >= Self.reviewThreshold
        // Said once per flood, without a word of the requests themselves; the staff see it on their appointments page.
        if recent == Self.reviewThreshold { context.logger.warning("online form flooded: requests held for review", metadata: ["organisation": .string(o.id)]) }
        try await services.appointments.addRequest(.init(id: Credentials.newID(), createdAt: services.timestamp(), name: f.name, contact: f.contact,
                                                         language: f.language, preferred: f.preferred, message: f.message, formLanguage: lang.code, held: held), organisation: o.id)
        return Reply.redirect("/anfrage/\(o.id)?lang=\(lang.code)&sent=1")
    }
}
