import Counseling
import Eligibility
import Foundation
import Hummingbird
import Storage
import Views

/// The request context: who is signed in (after the session middleware ran).
public struct BleibeContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in account with a complete login (second factor done where required).
    public var account: Account?
    /// The session token and its CSRF token (also for a login that still needs the second factor).
    public var session: (token: String, record: SessionRecord)?
    /// Authenticated by an API token (no cookie, no CSRF).
    public var viaAPIToken = false
    /// The request came with a session that had ended by inactivity or age: the login page says so.
    public var sessionExpired = false
    /// When the signed-in session ends (the page warns before it: `SessionRoutes`).
    public var sessionEnds: SessionEnd?

    /// The address of the connection's peer (a reverse proxy's, behind one).
    public var peer: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress?.ipAddress
    }

    public var maxUploadSize: Int { 1_000_000 }

    var actor: Actor? { account?.actor }
    var csrf: String? { session?.record.csrfToken }
    /// The Land of the signed-in organisation (its holidays move reminders and bar appointments); Saxony by default.
    var land: String { account?.organisation.land ?? "DE-SN" }

    /// The signed-in actor, or a 401 (API) / redirect to the login (pages).
    func requireActor() throws -> Actor {
        guard let a = actor else { throw AppError.unauthenticated }
        return a
    }

    func frame(_ title: String, current: String = "") -> PageFrame {
        guard let a = account else { return PageFrame(title: title, csrf: csrf) }
        var f = PageFrame(title: title, userName: a.user.displayName, organisationName: a.organisation.name, roleName: a.user.role.german,
                          csrf: csrf, current: current, showUsers: Policy.assignableRoles(by: a.actor).isEmpty == false,
                          showClients: Policy.allows(a.actor, .listClients), cooperation: Self.cooperationLinks(a.actor))
        if !viaAPIToken, let end = sessionEnds { f.sessionSeconds = end.seconds; f.sessionEndsForGood = end.final }
        return f
    }

    /// Navigation of the cooperation by role (each page checks the policy itself again).
    static func cooperationLinks(_ a: Actor) -> [NavLink] {
        switch a.role {
        case .counselor: return [NavLink("Termine", "/appointments", "appointments"), NavLink("Vermittlungen", "/referrals", "referrals"), NavLink("Ansprechpersonen ABH", "/contacts", "contacts"),
                                 NavLink("Sitzungen", "/meetings", "meetings"), NavLink("Fachberatung", "/advice", "advice"), NavLink("Wissen", "/knowledge", "knowledge")]
        case .coordinator:
            return [NavLink("Termine", "/appointments", "appointments"), NavLink("Vermittlungen", "/referrals", "referrals"), NavLink("Ansprechpersonen ABH", "/contacts", "contacts"),
                    NavLink("Bericht", "/reports/counseling", "report-counseling"), NavLink("Kennzahlen", "/reports/cooperation", "report-cooperation"),
                    NavLink("Land", "/reports/land", "report-land"),
                    NavLink("Statistik ABH", "/statistics", "statistics"), NavLink("Sitzungen", "/meetings", "meetings"), NavLink("Fachberatung", "/advice", "advice"),
                    NavLink("Screening", "/screening", "screening"),
                    NavLink("Wissen", "/knowledge", "knowledge")]
        case .authorityClerk, .authorityLead:
            return [NavLink("Freigegebene Fälle", "/shared", "shared"), NavLink("Vermittlungen", "/referrals", "referrals"), NavLink("Ansprechpersonen", "/contacts", "contacts"),
                    NavLink("Kennzahlen", "/reports/cooperation", "report-cooperation"), NavLink("Statistik", "/statistics", "statistics"), NavLink("Sitzungen", "/meetings", "meetings"),
                    NavLink("Screening", "/screening", "screening")]
        case .volunteer: return [NavLink("Fachberatung anfragen", "/advice/ask", "advice-ask"), NavLink("Wissen", "/knowledge", "knowledge")]
        case .landCoordinator: return [NavLink("Land", "/reports/land", "report-land"), NavLink("Screening", "/screening", "screening")]
        }
    }
}

/// Errors of the web layer; one middleware maps them to a German page or a problem+json body.
public enum AppError: Error {
    case unauthenticated
    case forbidden
    /// Forbidden for a reason other than the role (e.g. not the author): the German reason is shown as is.
    case forbiddenBecause(String)
    case notFound
    case badRequest(String)
    case invalid([String: String])
    case csrf
    case tooManyRequests(String)
    case conflict(String)
    /// An `If-Match` that no longer holds (RFC 9110 § 13.1.1): 412.
    case preconditionFailed(String)
    /// A disclosure the client's consent does not cover (the German reason is shown as is).
    case refused(String)
    case tooLarge(String)
    case unsupportedType(String)
}

/// The services every handler uses, passed in at start-up.
public struct AppServices: Sendable {
    public var config: AppConfig
    public var db: any SQLDatabase
    public var accounts: AccountStore
    public var clients: ClientStore
    public var cases: CaseStore
    public var cooperation: CooperationStore
    public var applications: ApplicationStore
    public var appointments: AppointmentStore
    public var statistics: StatisticsStore
    public var meetings: MeetingStore
    public var advice: AdviceStore
    public var screeningJobs: ScreeningJobStore
    public let screeningRunner = ScreeningRunner()
    let senders = SenderLimiter()
    public var engine: Engine
    /// The clock (injected, so tests can fix "today").
    public var now: @Sendable () -> Date
    /// Sessions seen in the last seconds (see `SessionCache`).
    let sessions = SessionCache()

    public init(config: AppConfig, db: any SQLDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.config = config; self.db = db
        // The key was checked against the database before (`openDatabase`); made here where nothing checked it (tests).
        let secrets = config.secretKeyFile.map { path in
            do { return try SecretBox.loadOrCreate(path: path) } catch { preconditionFailure("\(error)") }
        }
        if let secrets { db.auditKey.use(secrets.auditChainKey) }
        self.accounts = AccountStore(db: db, secrets: secrets)
        let journal = config.erasureJournal.map(ErasureJournal.init(path:))
        self.clients = ClientStore(db: db, journal: journal)
        self.cases = CaseStore(db: db); self.cooperation = CooperationStore(db: db, journal: journal)
        self.applications = ApplicationStore(db: db); self.appointments = AppointmentStore(db: db)
        self.statistics = StatisticsStore(db: db); self.meetings = MeetingStore(db: db)
        self.advice = AdviceStore(db: db); self.screeningJobs = ScreeningJobStore(db: db)
        self.engine = Engine(); self.now = now
    }

    /// Today as a calendar day in Germany (Europe/Berlin): legal arithmetic itself never uses a time zone.
    public var today: Day { moment.day }

    /// The minute of the day now in Germany (an appointment today cannot begin before it).
    public var minuteOfDay: Int { moment.minute }

    /// Day and minute now in Germany, read from one instant of the clock.
    public var moment: LocalMoment {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: now())
        return LocalMoment(day: Day(year: c.year!, month: c.month!, day: c.day!)!, minute: c.hour! * 60 + c.minute!)
    }

    public func timestamp(_ d: Date? = nil) -> String { Timestamp.string(d ?? now()) }

    /// The oldest moment an API token still working may have been made (`AppConfig.apiTokenLifetime`).
    func apiTokensIssuedSince() -> String { timestamp(now().addingTimeInterval(-config.apiTokenLifetime)) }

    /// The organisations `organisation` cooperates with today (a service's authorities, an authority's services).
    func partners(of organisation: String) async throws -> Set<String> {
        Policy.partners(of: organisation, cooperations: try await cooperation.cooperations(of: organisation), on: today)
    }

    /// The user `id` if they belong to `organisation` (active or not).
    func user(_ id: String, of organisation: String) async throws -> User? {
        try await accounts.account(userID: id).map(\.user).flatMap { $0.organisationID == organisation ? $0 : nil }
    }

    /// The active counselors and coordinators of a service (who may be assigned cases and appointments).
    func caseWorkers(_ organisation: String) async throws -> [User] {
        try await accounts.users(organisation: organisation).filter { $0.active && $0.role.holdsCases }
    }

    func audit(_ a: Actor) -> AuditContext { AuditContext(userID: a.userID, organisationID: a.organisationID, now: timestamp()) }
}

// MARK: - Responses

enum Reply {
    /// A page refused for its input says so in its title too (the first thing a screen reader reads of a new page).
    static func html(_ h: HTML, status: HTTPResponse.Status = .ok) -> Response {
        var page = h.rendered
        if (400..<500).contains(status.code), let title = page.range(of: "<title>") {
            // In the page's language: the client pages speak the visitor's (QA of 05.12.2026: "Fehler:" before Arabic).
            let lang = page.range(of: "<html lang=\"").map { String(page[$0.upperBound...].prefix { $0 != "\"" }) } ?? "de"
            page.replaceSubrange(title, with: "<title>\(PublicPages.errorWord(lang)): ")
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// `{"items": [...]}` with sorted keys: the shape of every API list.
    static func items(_ list: [[String: Any]]) throws -> Response {
        json(String(decoding: try JSONSerialization.data(withJSONObject: ["items": list], options: [.sortedKeys]), as: UTF8.self))
    }

    static func redirect(_ to: String) -> Response {
        Response(status: .seeOther, headers: [.location: to])
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// RFC 9457 problem details. With the type `about:blank` the title is the status's phrase (§ 4.2.1; QA30 F8:
    /// "Validation failed", "Disclosure refused"); a more specific `title` opens the detail instead.
    static func problem(_ status: HTTPResponse.Status, _ title: String, detail: String? = nil, errors: [String: String] = [:]) -> Response {
        let phrase = status.reasonPhrase
        var o: [String: Any] = ["type": "about:blank", "title": phrase, "status": status.code]
        let text = [title == phrase ? nil : title, detail].compactMap { $0 }.joined(separator: ": ")
        if !text.isEmpty { o["detail"] = text }
        if !errors.isEmpty { o["errors"] = errors.sorted { $0.key < $1.key }.map { ["field": $0.key, "message": $0.value] } }
        let data = (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: [.contentType: "application/problem+json"], body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

// MARK: - Forms

/// An `application/x-www-form-urlencoded` body or query, as a dictionary (last value wins).
struct Form: Sendable {
    var values: [String: String]
    /// A value was no valid percent-encoded UTF-8: the form is refused rather than read as empty fields.
    var malformed = false

    subscript(_ key: String) -> String? { values[key] }

    func trimmed(_ key: String) -> String { (values[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    static func parse(_ text: String) -> Form {
        var v: [String: String] = [:]
        var malformed = false
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                guard let d = String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding else { malformed = true; return "" }
                return cleaned(d)
            }
            guard let k = parts.first else { continue }
            v[decode(k)] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return Form(values: v, malformed: malformed)
    }

    /// Without control characters (a NUL ends a C string: bcrypt would hash a password only up to it) and without
    /// bidirectional embeddings and overrides, which can make a name display as something else. Tabs and line breaks
    /// stay, and so do the marks Persian and Arabic writing needs (ZWNJ, ZWJ, LRM, RLM).
    static func cleaned(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isUnwanted) else { return s }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.filter { !isUnwanted($0) })
        return String(out)
    }

    static func isUnwanted(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        // Invisible marks that only make equal texts differ (zero-width space, word joiner, byte order mark, soft
        // hyphen, direction marks); the joiners U+200C/U+200D stay, Persian and emoji need them.
        case 0x200B, 0x2060, 0xFEFF, 0x00AD, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// A posted form whose CSRF token has been checked.
    static func checked(_ request: Request, context: BleibeContext) async throws -> Form {
        let form = try await read(request, context: context)
        try checkCSRF(form, context)
        return form
    }

    static func read(_ request: Request, context: BleibeContext) async throws -> Form {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let form = parse(String(buffer: buffer))
        if form.malformed { throw AppError.badRequest("Das Formular enthält ungültig kodierte Zeichen und wurde nicht gespeichert.") }
        return form
    }
}

/// A day field of a form: `.some(nil)` when left empty, `nil` when it is no valid date.
func formDay(_ text: String) -> Day?? {
    do { return .some(try parseDay(text)) } catch { return nil }
}

/// The German message of a date that `parseDay` refused, for the field.
func dayMessage(_ error: any Error) -> String {
    if case AppError.badRequest(let m)? = error as? AppError { return m }
    return "Bitte ein gültiges Datum (TT.MM.JJJJ) angeben."
}

/// Reads a German (TT.MM.JJJJ) or ISO date; nil for empty; throws a German message for anything else.
func parseDay(_ text: String) throws -> Day? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.isEmpty { return nil }
    if let d = Day(iso: t) ?? Day(german: t) {
        guard FactBounds.days.contains(d) else { throw AppError.badRequest("„\(Typed.echo(t))“ liegt außerhalb des zulässigen Zeitraums (1900 bis 2199).") }
        return d
    }
    throw AppError.badRequest("„\(Typed.echo(t))“ ist kein gültiges Datum (TT.MM.JJJJ).")
}
