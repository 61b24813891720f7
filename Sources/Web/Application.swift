import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Storage
import Views

/// Opens the configured database (PostgreSQL if `DATABASE_URL` is set, else the SQLite file) and migrates it.
public func openDatabase(_ config: AppConfig, now: String) async throws -> any SQLDatabase {
    let db: any SQLDatabase
    if let url = config.databaseURL {
        db = try await PostgresStore.connect(url: url)
    } else {
        db = try await SQLiteStore.open(path: config.sqlitePath)
    }
    try await Migrations.migrate(db, now: now)
    return db
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
        + SelfCheckRoutes(services: services).endpoints
}

/// Builds the router with every route and middleware; no socket is opened here.
public func buildRouter(_ services: AppServices) -> Router<BleibeContext> {
    let router = Router(context: BleibeContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    let endpoints = allEndpoints(services)
    router.add(middleware: ErrorMiddleware(routes: endpoints.map { ($0.path, $0.method) }
        + [("/healthz", .get), ("/static/app.css", .get), ("/api/v1/openapi.json", .get)]))
    router.add(middleware: AuthenticationMiddleware(services: services))
    router.get("/healthz") { _, _ in Reply.json("{\"status\":\"ok\"}") }
    router.get("/static/app.css") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                 body: .init(byteBuffer: ByteBuffer(string: Layout.stylesheet)))
    }
    for e in endpoints { router.on(RouterPath(e.path), method: e.method, use: e.handler) }
    return router
}

/// The application on loopback by default.
public func buildApplication(_ services: AppServices, logger: Logger? = nil) -> some ApplicationProtocol {
    var log = logger ?? Logger(label: "bleibe")
    log.logLevel = .info
    return Application(router: buildRouter(services),
                       configuration: .init(address: .hostname(services.config.hostname, port: services.config.port), serverName: "Bleibe"),
                       logger: log)
}
