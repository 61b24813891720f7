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
    /// The key that seals the TOTP keys in the database (`SecretBox`): `secret.key` beside the SQLite file when
    /// configured from the environment (for PostgreSQL in `data/`, the same file on every instance); nil (some tests)
    /// stores them unsealed.
    public var secretKeyFile: String?
    /// The largest document a counselor may upload.
    public var maxUploadBytes = 10 * 1024 * 1024
    /// Population lists for screening: the largest upload, and how long lists and results are kept.
    public var maxScreeningBytes = 100 * 1024 * 1024
    public var screeningRetentionDays = 7
    /// Days a decided referral keeps the person's data after the decision (both sides can look it up; then it stays
    /// as the record that a referral was declined or accepted; an accepted one's data are in the client file).
    public var referralRetentionDays = 365
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
    /// Failed logins of one account from one sender within `throttleWindow` before its logins from there are refused
    /// (of the account from all senders, and of one sender across accounts: ten times as many).
    public var throttleLimit = 5
    public var throttleWindow: TimeInterval = 15 * 60
    /// Behind a reverse proxy: the sender's address is the one it forwards (X-Forwarded-For), not the proxy's.
    public var trustProxy = false

    /// Settings given but not usable, in German, one per variable: a command refuses to start with them rather than
    /// silently taking a default (QA32 F3–F5: "Production" ran as development, an idle timeout of "nan" stopped the
    /// server at the first login, 50 retention years became 3).
    public var problems: [String] = []

    public init() {}

    /// The full address of `path` for use outside the browser (a calendar program, a flyer).
    public func absoluteURL(_ path: String) -> String { (publicURL ?? "http://\(hostname):\(port)") + path }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> AppConfig {
        var c = AppConfig()
        if let url = env["DATABASE_URL"], !url.isEmpty { c.databaseURL = url }
        if let p = env["BLEIBE_SQLITE_PATH"], !p.isEmpty { c.sqlitePath = p }
        if let p = env["BLEIBE_UPLOAD_DIR"], !p.isEmpty { c.uploadDirectory = p }
        // By default beside the SQLite file (a database moved with BLEIBE_SQLITE_PATH takes its journal and key along);
        // in data/ with PostgreSQL.
        func beside(_ name: String, _ variable: String) -> String {
            if let given = env[variable], !given.isEmpty { return given }
            guard c.databaseURL == nil, let db = c.sqlitePath else { return "data/" + name }
            return URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent(name).path
        }
        c.erasureJournal = beside("erasures.journal", "BLEIBE_ERASURE_JOURNAL")
        c.secretKeyFile = beside("secret.key", "BLEIBE_SECRET_KEY_FILE")
        /// A whole number in `range`; anything else given is a problem (the default stays).
        func number(_ name: String, _ range: ClosedRange<Int>, unit: String) -> Int? {
            guard let text = env[name], !text.isEmpty else { return nil }
            guard let n = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(n) else {
                c.problems.append("\(name)=\(text.prefix(40)): erwartet eine ganze Zahl von \(range.lowerBound) bis \(range.upperBound) (\(unit)).")
                return nil
            }
            return n
        }
        /// 1/0, true/false, yes/no, ja/nein in any case.
        func flag(_ name: String) -> Bool? {
            guard let text = env[name], !text.isEmpty else { return nil }
            switch text.lowercased() {
            case "1", "true", "yes", "ja", "on": return true
            case "0", "false", "no", "nein", "off": return false
            default: c.problems.append("\(name)=\(text.prefix(40)): erwartet 1 oder 0 (auch true/false)."); return nil
            }
        }
        if let d = number("BLEIBE_SCREENING_RETENTION_DAYS", 0...3650, unit: "Tage") { c.screeningRetentionDays = d }
        if let d = number("BLEIBE_REFERRAL_RETENTION_DAYS", 0...3650, unit: "Tage") { c.referralRetentionDays = d }
        // Renamed when accepted referrals got the same time (QA43 A5): the old name is refused, not ignored.
        if env["BLEIBE_DECLINED_REFERRAL_RETENTION_DAYS"] != nil {
            c.problems.append("BLEIBE_DECLINED_REFERRAL_RETENTION_DAYS heißt jetzt BLEIBE_REFERRAL_RETENTION_DAYS (gilt für abgelehnte und angenommene Vermittlungen).")
        }
        if let y = number("BLEIBE_RETENTION_YEARS", 1...30, unit: "Jahre") { c.retentionYears = y }
        if let text = env["BLEIBE_ENV"], !text.isEmpty {
            if let e = Environment(rawValue: text.lowercased()) { c.environment = e } else {
                c.problems.append("BLEIBE_ENV=\(text.prefix(40)): erwartet production, development oder testing.")
            }
        }
        if let u = env["BLEIBE_PUBLIC_URL"], !u.isEmpty {
            if let parsed = URL(string: u), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil {
                c.publicURL = u.hasSuffix("/") ? String(u.dropLast()) : u
            } else {
                c.problems.append("BLEIBE_PUBLIC_URL=\(u.prefix(80)): erwartet eine Adresse mit http:// oder https:// und Hostname, z. B. https://bleibe.beispiel.de.")
            }
        }
        if flag("BLEIBE_SECURE_COOKIES") == true || c.publicURL?.lowercased().hasPrefix("https://") == true { c.secureCookies = true }
        if let seconds = env["BLEIBE_IDLE_TIMEOUT"], !seconds.isEmpty {
            // Seconds, as before; a number that is no finite positive count of seconds would end every session at once
            // or never.
            if let t = TimeInterval(seconds.trimmingCharacters(in: .whitespaces)), t.isFinite, t >= 10, t <= 24 * 3600 { c.idleTimeout = t } else {
                c.problems.append("BLEIBE_IDLE_TIMEOUT=\(seconds.prefix(40)): erwartet Sekunden von 10 bis 86400.")
            }
        }
        if flag("BLEIBE_TRUSTED_PROXY") == true { c.trustProxy = true }
        if let d = number("BLEIBE_API_TOKEN_DAYS", 1...365, unit: "Tage") { c.apiTokenLifetime = TimeInterval(d) * 86400 }
        return c
    }
}
