import Counseling
import Foundation

/// The configuration, read once at start-up from the environment with development defaults:
/// `swift run bleibe serve` works with no configuration at all.
public struct AppConfig: Sendable {
    public enum Environment: String, Sendable { case development, production, testing }

    public var hostname = "127.0.0.1"
    public var port = 8080
    /// `postgres://…` switches to PostgreSQL; nil uses the SQLite file.
    public var databaseURL: String?
    public var sqlitePath: String? = "data/bleibe.sqlite"
    /// Uploaded documents live here, outside the database, named by their SHA-256.
    public var uploadDirectory = "data/uploads"
    /// The erasure journal outside the database (`ErasureJournal`): `erasures.journal` beside the SQLite file when configured from the
    /// environment; nil (tests) keeps none.
    public var erasureJournal: String?
    /// The largest document a counselor may upload.
    public var maxUploadBytes = 10 * 1024 * 1024
    /// Population lists for screening: the largest upload, and how long lists and results are kept.
    public var maxScreeningBytes = 100 * 1024 * 1024
    public var screeningRetentionDays = 7
    /// Days a declined referral keeps the person's data after the decision (both sides can look it up; then it stays
    /// as the record that a referral was declined).
    public var declinedReferralRetentionDays = 365
    /// Years a client file without open work is kept after its last activity before it is listed as due for erasure.
    public var retentionYears = Retention.defaultYears
    public var environment: Environment = .development
    /// Cookies get the Secure attribute (set when served behind TLS).
    public var secureCookies = false
    /// The address users reach the server at (`BLEIBE_PUBLIC_URL`, e.g. behind a proxy); nil: this host and port.
    public var publicURL: String?
    /// A session ends after this many seconds without a request.
    public var idleTimeout: TimeInterval = 30 * 60
    /// A session ends this many seconds after the login however active it is (a stolen cookie does not live forever).
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// An API token stops working this many seconds after it was made (`BLEIBE_API_TOKEN_DAYS`, 1 to 365 days).
    public var apiTokenLifetime: TimeInterval = 90 * 86400
    /// bcrypt cost; at least 12 outside tests.
    public var bcryptCost: UInt8 = 12
    /// Failed logins (per account and per address) within `throttleWindow` before logins are refused.
    public var throttleLimit = 5
    public var throttleWindow: TimeInterval = 15 * 60
    /// Behind a reverse proxy: the sender's address is the one it forwards (X-Forwarded-For), not the proxy's.
    public var trustProxy = false

    public init() {}

    /// The full address of `path` for use outside the browser (a calendar program, a flyer).
    public func absoluteURL(_ path: String) -> String { (publicURL ?? "http://\(hostname):\(port)") + path }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> AppConfig {
        var c = AppConfig()
        if let url = env["DATABASE_URL"], !url.isEmpty { c.databaseURL = url }
        if let p = env["BLEIBE_SQLITE_PATH"], !p.isEmpty { c.sqlitePath = p }
        if let p = env["BLEIBE_UPLOAD_DIR"], !p.isEmpty { c.uploadDirectory = p }
        // By default beside the SQLite file (a database moved with BLEIBE_SQLITE_PATH takes its journal along).
        let beside = c.databaseURL == nil ? c.sqlitePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("erasures.journal").path } : nil
        c.erasureJournal = env["BLEIBE_ERASURE_JOURNAL"].flatMap { $0.isEmpty ? nil : $0 } ?? beside ?? "data/erasures.journal"
        if let d = env["BLEIBE_SCREENING_RETENTION_DAYS"].flatMap(Int.init), d >= 0 { c.screeningRetentionDays = d }
        if let d = env["BLEIBE_DECLINED_REFERRAL_RETENTION_DAYS"].flatMap(Int.init), d >= 0 { c.declinedReferralRetentionDays = d }
        if let y = env["BLEIBE_RETENTION_YEARS"].flatMap(Int.init), (1...30).contains(y) { c.retentionYears = y }
        if let e = env["BLEIBE_ENV"].flatMap(Environment.init(rawValue:)) { c.environment = e }
        if let u = env["BLEIBE_PUBLIC_URL"], !u.isEmpty { c.publicURL = u.hasSuffix("/") ? String(u.dropLast()) : u }
        if env["BLEIBE_SECURE_COOKIES"] == "1" || env["BLEIBE_PUBLIC_URL"]?.hasPrefix("https://") == true { c.secureCookies = true }
        if let t = env["BLEIBE_IDLE_TIMEOUT"].flatMap(TimeInterval.init) { c.idleTimeout = t }
        if env["BLEIBE_TRUSTED_PROXY"] == "1" { c.trustProxy = true }
        if let d = env["BLEIBE_API_TOKEN_DAYS"].flatMap(Int.init), (1...365).contains(d) { c.apiTokenLifetime = TimeInterval(d) * 86400 }
        return c
    }
}
