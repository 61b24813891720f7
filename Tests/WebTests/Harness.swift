import Counseling
import Eligibility
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing
@testable import Web

/// The databases the web tests run on: SQLite always; PostgreSQL when BLEIBE_TEST_DATABASE_URL points to a server
/// (CI always sets it). Each test gets a fresh database.
enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var available: [TestDatabase] {
        ProcessInfo.processInfo.environment["BLEIBE_TEST_DATABASE_URL"].map { $0.isEmpty ? [.sqlite] : [.sqlite, .postgres] } ?? [.sqlite]
    }

    /// Opens a fresh, migrated database.
    func open() async throws -> any SQLDatabase {
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-web-\(UUID().uuidString)")
            let db = try await SQLiteStore.open(path: dir.appendingPathComponent("test.sqlite").path)
            try await Migrations.migrate(db, now: "2026-11-22T08:00:00.000Z")
            return db
        case .postgres:
            let base = ProcessInfo.processInfo.environment["BLEIBE_TEST_DATABASE_URL"]!
            let name = "bleibe_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            let admin = try await PostgresStore.connect(url: base)
            try await admin.read { try await $0.execute(SQL("CREATE DATABASE \(name)")) }
            await admin.shutdown()
            var u = URLComponents(string: base)!
            u.path = "/" + name
            let db = try await PostgresStore.connect(url: u.string!)
            try await Migrations.migrate(db, now: "2026-11-22T08:00:00.000Z")
            return db
        }
    }

    /// Shuts a database of `open()` down and removes it: the SQLite file's folder, or the PostgreSQL database.
    static func dispose(_ db: any SQLDatabase) async {
        switch db.dialect {
        case .sqlite:
            let file = try? await db.read { try await $0.query(SQL("PRAGMA database_list")) }.first?.text("file")
            await db.shutdown()
            if let file, !file.isEmpty { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
        case .postgres:
            let name = try? await db.read { try await $0.query(SQL("SELECT current_database() AS name")) }.first?.text("name")
            await db.shutdown()
            guard let name, name.hasPrefix("bleibe_t_"), let base = ProcessInfo.processInfo.environment["BLEIBE_TEST_DATABASE_URL"],
                  let admin = try? await PostgresStore.connect(url: base) else { return }
            try? await admin.read { try await $0.execute(SQL("DROP DATABASE IF EXISTS \(name)")) }
            await admin.shutdown()
        }
    }
}

/// A fixed clock for the tests: Sunday 22.11.2026, 08:00 UTC (so "today" is 22.11.2026 in Berlin).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var date = ISO8601DateFormatter().date(from: "2026-11-22T08:00:00Z")!
    func now() -> Date { lock.lock(); defer { lock.unlock() }; return date }
    func advance(_ seconds: TimeInterval) { lock.lock(); date = date.addingTimeInterval(seconds); lock.unlock() }
}

/// Two cities, each with a counseling service; an authority and a partner in the first. Users of every role.
struct Fixture {
    static let password = "Gute-Frage-2026"

    struct Login { let email: String; let role: Role; let organisation: String; let totpSecret: String? }

    let services: AppServices
    let clock: TestClock
    let logins: [Login]
    /// Clients by organisation: service A ("Elbstadt") and service B ("Muldenau").
    let clientA: Client
    let clientB: Client

    static func make(_ kind: TestDatabase, configure: (inout AppConfig) -> Void = { _ in }) async throws -> Fixture {
        let db = try await kind.open()
        var config = AppConfig()
        config.port = 0
        config.bcryptCost = 4   // tests only: production uses 12
        config.sqlitePath = nil
        config.maxUploadBytes = 64 * 1024   // small, so the limit is cheap to test
        config.uploadDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-uploads-\(UUID().uuidString)").path
        config.erasureJournal = FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-journal-\(UUID().uuidString)/erasures.journal").path
        config.secretKeyFile = (config.erasureJournal! as NSString).deletingLastPathComponent + "/secret.key"
        configure(&config)
        let clock = TestClock()
        let services = AppServices(config: config, db: db, now: { clock.now() })
        let now = services.timestamp()
        let orgs = [
            Organisation(id: "org-a", name: "Beratung Elbstadt", kind: .counselingService, city: "Elbstadt", land: "DE-SN"),
            Organisation(id: "org-abh", name: "ABH Elbstadt", kind: .authority, city: "Elbstadt", land: "DE-SN"),
            Organisation(id: "org-p", name: "Ehrenamt Elbstadt", kind: .partner, city: "Elbstadt", land: "DE-SN"),
            Organisation(id: "org-b", name: "Beratung Muldenau", kind: .counselingService, city: "Muldenau", land: "DE-SN"),
            Organisation(id: "org-land", name: "Landeskoordination Sachsen", kind: .landCoordination, city: "Elbstadt", land: "DE-SN"),
        ]
        for o in orgs { try await services.accounts.createOrganisation(o, now: now) }
        // Elbstadt's service and authority cooperate; Muldenau's service has no cooperation.
        try await services.accounts.createCooperation(Cooperation(id: "coop-a", serviceID: "org-a", authorityID: "org-abh", from: Day("2024-01-01"), until: nil))
        let hash = try await Credentials.hash(password, cost: 4)
        var logins: [Login] = []
        let plan: [(String, Role, String)] = [
            ("counselor@a.example", .counselor, "org-a"), ("coordinator@a.example", .coordinator, "org-a"),
            ("clerk@abh.example", .authorityClerk, "org-abh"), ("lead@abh.example", .authorityLead, "org-abh"),
            ("volunteer@p.example", .volunteer, "org-p"),
            ("counselor@b.example", .counselor, "org-b"), ("coordinator@b.example", .coordinator, "org-b"),
            ("land@sn.example", .landCoordinator, "org-land"),
        ]
        for (i, (email, role, org)) in plan.enumerated() {
            let id = "user-\(i)"
            try await services.accounts.createUser(User(id: id, organisationID: org, email: email, displayName: "Test \(role.german) \(i)", role: role), passwordHash: hash, now: now)
            var secret: String? = nil
            if role.isStaff {
                secret = TOTP.base32Encode(Array("bleibe-test-secret-\(i)".utf8.prefix(20)))
                try await services.accounts.setTOTP(userID: id, secret: secret, enabled: true, recoveryCodeHashes: [AccountStore.sha256("abcd-efgh")])
            }
            logins.append(Login(email: email, role: role, organisation: org, totpSecret: secret))
        }
        let audit = AuditContext(userID: "user-0", organisationID: "org-a", now: now)
        var factsA = Person(id: "")
        factsA.born = Day("1990-05-05"); factsA.nationality = "IRQ"; factsA.maritalStatus = .single; factsA.entered = Day("2020-11-15")
        factsA.status = [StatusPeriod(kind: .none, from: Day("2020-11-15"), to: Day("2020-11-16")),
                         StatusPeriod(kind: .gestattung, from: Day("2020-11-17"), to: Day("2023-06-30")),
                         StatusPeriod(kind: .duldung, from: Day("2023-07-01"))]
        factsA.german = [GermanCertificate(level: .a2, scope: .full, date: Day("2024-05-02"))]
        factsA.civicTestPassedOn = .on(Day("2024-06-15")); factsA.fdgoDeclarationOn = .on(Day("2025-01-20"))
        var lu = LivelihoodPeriod(from: Day("2025-01-01")); lu.workShare = 1.0; lu.publicFunds = false; lu.wohngeld = false
        factsA.livelihood = [lu]
        factsA.convictions = []; factsA.conduct = Conduct.noneStated; factsA.bars = Bars.noneStated
        let a = Client(id: "client-a", organisationID: "org-a", fileNumber: "A-1", firstName: "Mohammed", lastName: "Haddad", facts: factsA)
        try await services.clients.create(a, audit: audit)
        var factsB = factsA
        factsB.nationality = "AFG"
        let b = Client(id: "client-b", organisationID: "org-b", fileNumber: "B-1", firstName: "Zarina", lastName: "Qasemi", facts: factsB)
        try await services.clients.create(b, audit: AuditContext(userID: "user-5", organisationID: "org-b", now: now))
        return Fixture(services: services, clock: clock, logins: logins, clientA: a, clientB: b)
    }

    /// A further client of service A with client A's facts (born on `born` if given), created by `by` at `at`.
    func addClient(_ id: String, fileNumber: String, firstName: String, lastName: String, born: Day? = nil,
                   by: String = "user-0", at: String = "2026-11-22T08:00:00.000Z") async throws {
        var facts = clientA.facts
        if let born { facts.born = born }
        try await services.clients.create(Client(id: id, organisationID: "org-a", fileNumber: fileNumber, firstName: firstName, lastName: lastName, facts: facts),
                                          audit: AuditContext(userID: by, organisationID: "org-a", now: at))
    }

    /// Runs a test on a fresh fixture and closes its database whatever happens.
    static func test(_ kind: TestDatabase, configure: (inout AppConfig) -> Void = { _ in }, _ body: (Fixture) async throws -> Void) async throws {
        let f = try await make(kind, configure: configure)
        do { try await body(f) } catch { await f.dispose(); throw error }
        await f.dispose()
    }

    /// Closes the database and removes what the test left: its SQLite folder or PostgreSQL database, uploads and
    /// journal (a full run left thousands of folders and a gigabyte of databases behind).
    func dispose() async {
        let db = services.db
        await TestDatabase.dispose(db)
        for dir in [services.config.uploadDirectory, (services.config.erasureJournal as NSString?)?.deletingLastPathComponent] {
            if let dir, dir.hasPrefix(FileManager.default.temporaryDirectory.path) { try? FileManager.default.removeItem(atPath: dir) }
        }
    }

    func login(_ role: Role, organisation: String = "org-a") -> Login {
        logins.first { $0.role == role && ($0.organisation == organisation || $0.role.organisationKind != .counselingService) }!
    }

    /// Runs `body` against the app over real HTTP on a loopback port.
    func run(_ body: @Sendable @escaping (Browser) async throws -> Void) async throws {
        let app = buildApplication(services)
        try await app.test(.live) { client in
            try await body(Browser(client: client, clock: clock))
        }
    }
}

/// A browser: a cookie jar on top of the test client, and helpers for forms.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    let clock: TestClock
    var cookies: [String: String] = [:]
    /// When set, posts to the facts and status editors go without a revision unless the form has one.
    var omitsRevision = false

    /// A connection of this browser's own (see `onOwnConnection`), used instead of the shared test client.
    private var connection: TestClient?

    init(client: any TestClientProtocol, clock: TestClock) { self.client = client; self.clock = clock }

    /// A browser on a connection of its own to the same server. The test client sends every request over one
    /// connection, so requests "at once" reach the server one after another and each waits for all before it
    /// within the client's 20 s; browsers on their own connections are served at once, each waiting up to `timeout`.
    /// Call `close()` when done.
    func onOwnConnection(timeout: Duration = .seconds(120)) -> Browser {
        let other = Browser(client: client, clock: clock)
        let connection = TestClient(host: "localhost", port: client.port!, configuration: .init(timeout: timeout))
        connection.connect()
        other.connection = connection
        return other
    }

    func close() async throws { try await connection?.shutdown() }

    struct Page { let status: HTTPResponse.Status; let headers: HTTPFields; let body: String }

    @discardableResult
    func request(_ method: HTTPRequest.Method, _ uri: String, form: [String: String]? = nil, json: String? = nil,
                 headers extra: HTTPFields = [:]) async throws -> Page {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        var body: ByteBuffer? = nil
        var form = form
        // A hand-built post to a client's facts or status editor gets the revision the editor would show now, as if
        // it had just been opened (the tests of the revision check itself send theirs or none).
        if method == .post, form != nil, form?["revision"] == nil, !omitsRevision, let editor = Self.revisedEditor(uri) {
            let page = try await request(.get, editor)
            if let r = page.body.range(of: "name=\"revision\" value=\"") { form?["revision"] = String(page.body[r.upperBound...].prefix { $0 != "\"" }) }
        }
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: form.map { "\(enc($0.key))=\(enc($0.value))" }.joined(separator: "&"))
        } else if let json {
            if headers[.contentType] == nil { headers[.contentType] = "application/json" }
            body = ByteBuffer(string: json)
        }
        let r: (status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer)
        if let connection {
            headers[.connection] = "keep-alive"
            let response = try await connection.execute(TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: body))
            r = (response.status, response.headers, response.body ?? ByteBuffer())
        } else {
            let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
            r = (response.status, response.headers, response.body)
        }
        for field in r.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || field.value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return Page(status: r.status, headers: r.headers, body: String(buffer: r.body))
    }

    func enc(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }

    /// The editor page whose revision a post to `uri` carries: /clients/ID/status, /facts or /facts/json.
    static func revisedEditor(_ uri: String) -> String? {
        let parts = uri.split(separator: "?")[0].split(separator: "/")
        guard parts.count >= 3, parts[0] == "clients", ["status", "facts"].contains(parts[2]), parts.count == 3 || parts.count == 4 && parts[3] == "json" else { return nil }
        return "/" + parts.joined(separator: "/")
    }

    /// The CSRF token of the last form on a page.
    func csrf(_ page: Page) -> String? {
        guard let r = page.body.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(page.body[r.upperBound...].prefix { $0 != "\"" })
    }

    /// Logs in with password and (for staff) the current TOTP code; returns the CSRF token of the session.
    @discardableResult
    func logIn(_ login: Fixture.Login, password: String = Fixture.password) async throws -> String {
        let page = try await request(.get, "/login")
        let r = try await request(.post, "/login", form: ["email": login.email, "password": password, "csrf": csrf(page) ?? ""])
        #expect(r.status == .seeOther, "login of \(login.email)")
        if let secret = login.totpSecret {
            let totpPage = try await request(.get, "/login/totp")
            clock.advance(31)   // a fresh time step: a code is accepted only once
            let code = TOTP.code(secret: secret, step: TOTP.step(at: clock.now()))!
            let done = try await request(.post, "/login/totp", form: ["code": code, "csrf": csrf(totpPage) ?? ""])
            #expect(done.status == .seeOther)
        }
        let home = try await request(.get, "/account")
        return csrf(home) ?? ""
    }
}

extension Browser {
    /// Opens a case for a client over HTTP and returns its path (`/cases/<id>`).
    func openCase(_ clientID: String, csrf: String, on day: String, source: String = "self", pathway: String = "25b") async throws -> String {
        let opened = try await request(.post, "/clients/\(clientID)/cases", form: ["csrf": csrf, "opened_on": day, "referral_source": source, "pathway": pathway])
        #expect(opened.status == .seeOther)
        return try #require(opened.headers[.location])
    }

    /// The fields of the form on a page as a browser would submit them unchanged: inputs with their values,
    /// each select's selected option, checked checkboxes, textareas.
    func formFields(_ page: Page) -> [String: String] {
        var out: [String: String] = [:]
        let html = page.body
        func attr(_ tag: Substring, _ name: String) -> String? {
            guard let r = tag.range(of: " \(name)=\"") else { return nil }
            return unescape(String(tag[r.upperBound...].prefix { $0 != "\"" }))
        }
        for part in html.components(separatedBy: "<input").dropFirst() {
            let tag = part.prefix { $0 != ">" }
            guard let name = attr(tag, "name") else { continue }
            if attr(tag, "type") == "checkbox" { if tag.contains(" checked") { out[name] = attr(tag, "value") ?? "on" }; continue }
            out[name] = attr(tag, "value") ?? ""
        }
        for part in html.components(separatedBy: "<select").dropFirst() {
            let tag = part.prefix { $0 != ">" }
            guard let name = attr(tag, "name") else { continue }
            let body = part.components(separatedBy: "</select>")[0]
            let options = body.components(separatedBy: "<option").dropFirst()
            let selected = options.first { $0.prefix { $0 != ">" }.contains(" selected") } ?? options.first
            out[name] = selected.flatMap { attr($0.prefix { $0 != ">" }, "value") } ?? ""
        }
        for part in html.components(separatedBy: "<textarea").dropFirst() {
            guard let name = attr(part.prefix { $0 != ">" }, "name"), let open = part.firstIndex(of: ">") else { continue }
            out[name] = unescape(part[part.index(after: open)...].components(separatedBy: "</textarea>")[0])
        }
        return out
    }

    func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
