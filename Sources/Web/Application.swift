import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Storage
import Views

/// Opens the configured database (PostgreSQL if `DATABASE_URL` is set, else the SQLite file) and migrates it.
public func openDatabase(_ config: AppConfig, now: String, mustExist: Bool = false) async throws -> any SQLDatabase {
    restrictFileAccess(config)
    let db: any SQLDatabase
    if let url = config.databaseURL {
        db = try await PostgresStore.connect(url: url)
    } else {
        if let path = config.sqlitePath { try DatabaseFile.check(path, mustExist: mustExist) }
        db = try await SQLiteStore.open(path: config.sqlitePath)
    }
    // Closed again when it cannot be used: the SQLite driver stops the process on a connection left open.
    do {
        // The key is checked before migrating: a refused key leaves the database as it was.
        if let key = config.secretKeyFile { try await SecretBox.check(path: key, db: db) }
        try await Migrations.migrate(db, now: now)
        if let key = config.secretKeyFile { db.auditKey.use(try await SecretBox.prepare(path: key, db: db).auditChainKey) }
    } catch { await db.shutdown(); throw error }
    return db
}

/// The database, its journal files and the uploads are the owner's only, whatever the umask (QA of 06.12.2026: with
/// umask 022 any local user could read them). Files made from now on get no access for others; those there already
/// are set so.
func restrictFileAccess(_ config: AppConfig) {
    umask(0o077)
    let fm = FileManager.default
    if config.databaseURL == nil, let path = config.sqlitePath {
        for file in [path, path + "-wal", path + "-shm"] where fm.fileExists(atPath: file) { chmod(file, 0o600) }
    }
    if let key = config.secretKeyFile, fm.fileExists(atPath: key) { chmod(key, 0o600) }
    if fm.fileExists(atPath: config.uploadDirectory) {
        chmod(config.uploadDirectory, 0o700)
        for name in (try? fm.contentsOfDirectory(atPath: config.uploadDirectory)) ?? [] {
            let file = (config.uploadDirectory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue { chmod(file, 0o600) }
        }
    }
}

/// A route: method, path template and handler.
typealias Endpoint = (method: HTTPRequest.Method, path: String, handler: @Sendable (Request, BleibeContext) async throws -> Response)

/// Every route of the application (the authorization test walks them all).
func allEndpoints(_ services: AppServices) -> [Endpoint] {
    let clients = ClientRoutes(services: services)
    return AuthRoutes(services: services).endpoints + clients.endpoints + AdminRoutes(services: services).endpoints
        + APIRoutes(services: services, clientRoutes: clients).endpoints + CaseRoutes(services: services, clientRoutes: clients).endpoints
        + ConsentRoutes(services: services, clientRoutes: clients).endpoints + SharedCaseRoutes(services: services, clientRoutes: clients).endpoints
        + ReferralRoutes(services: services).endpoints + AppointmentRoutes(services: services).endpoints
        + ReportRoutes(services: services).endpoints + StatisticsRoutes(services: services).endpoints
        + MeetingRoutes(services: services).endpoints + AdviceRoutes(services: services).endpoints
        + ScreeningRoutes(services: services).endpoints + PublicRoutes(services: services).endpoints
        + SelfCheckRoutes(services: services).endpoints + SessionRoutes(services: services).endpoints
}

/// Builds the router with every route and middleware; no socket is opened here.
public func buildRouter(_ services: AppServices) -> Router<BleibeContext> {
    let router = Router(context: BleibeContext.self)
    router.add(middleware: HeadMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    let fixed: [Endpoint] = [
        (.get, "/healthz", { _, _ in Reply.json("{\"status\":\"ok\"}") }),
        // Ready to serve: the database answers (QA32 F13: /healthz said ok with the database down; it stays the
        // process's own liveness, and the load test's constant route).
        (.get, "/readyz", { _, _ in
            do {
                _ = try await services.db.read { try await $0.one("SELECT 1 AS one") }
                return Reply.json("{\"status\":\"ok\"}")
            } catch {
                return Reply.json("{\"status\":\"database unavailable\"}", status: .serviceUnavailable)
            }
        }),
        (.get, "/static/app.css", { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: Layout.stylesheet)))
        }),
        (.get, "/static/session.js", { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: SessionScript.source)))
        }),
    ]
    var endpoints = allEndpoints(services) + fixed
    // HEAD wherever GET (RFC 9110 § 9.3.2; monitoring and calendar clients ask it): the GET's answer, whose body
    // `HeadMiddleware` drops.
    endpoints += endpoints.filter { $0.method == .get }.map { e in (.head, e.path, e.handler) }
    var errors = ErrorMiddleware(routes: endpoints.map { ($0.path, $0.method) })
    router.add(middleware: errors)
    router.add(middleware: AuthenticationMiddleware(services: services))
    // Once more inside: a route's error page is framed for the signed-in user, with the navigation and "Abmelden"
    // (QA29 F11: the outer one sees the request before sign-in and drew a bare header). The outer one answers the
    // sign-in's own errors.
    errors.inner = true
    router.add(middleware: errors)
    for e in endpoints.map(APIQueryCheck.wrap) { router.on(RouterPath(e.path), method: e.method, use: e.handler) }
    return router
}

/// The application on loopback by default.
public func buildApplication(_ services: AppServices, logger: Logger? = nil) -> some ApplicationProtocol {
    var log = logger ?? Logger(label: "bleibe")
    log.logLevel = .info
    // Hashed now, not at the first login of an unknown address, which would take twice as long and tell that the
    // address is unknown (QA of 06.12.2026).
    _ = Credentials.dummyHash
    return Application(router: buildRouter(services),
                       configuration: .init(address: .hostname(services.config.hostname, port: services.config.port), serverName: "Bleibe"),
                       logger: log)
}

