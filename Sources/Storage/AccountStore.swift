import Counseling
import Crypto
import Foundation

/// A user with the credentials the login needs (never leaves Storage and Web).
public struct Account: Sendable {
    public var user: User
    public var organisation: Organisation
    public var passwordHash: String
    public var totpSecret: String?
    public var totpEnabled: Bool
    public var totpLastStep: Int
    /// SHA-256 hashes of the unused one-time recovery codes.
    public var recoveryCodeHashes: [String]
    public var failedLogins: Int
    public var lockedUntil: String?
    /// The password was set by the coordination (new account or reset): the user must choose their own first.
    public var mustChangePassword = false

    /// Staff always log in with a second factor; a volunteer who set one up uses it too (security review of
    /// 06.12.2026: the account page said "eingerichtet", the login never asked for it).
    public var needsSecondFactor: Bool { user.role.isStaff || totpEnabled }

    public var actor: Actor {
        Actor(userID: user.id, organisationID: user.organisationID, organisationKind: organisation.kind, role: user.role)
    }
}

public struct SessionRecord: Sendable {
    public var id: String
    public var userID: String
    public var csrfToken: String
    public var secondFactorDone: Bool
    public var createdAt: String
    public var lastSeenAt: String
}

/// Organisations, users, sessions, API tokens and login throttling.
public struct AccountStore: Sendable {
    public let db: any SQLDatabase
    /// Seals the TOTP keys at rest; nil only where no key file is configured (then they are stored as given).
    let secrets: SecretBox?
    public init(db: any SQLDatabase, secrets: SecretBox? = nil) { self.db = db; self.secrets = secrets }

    /// The account with its TOTP key opened.
    private func opened(_ account: Account?) throws -> Account? {
        guard var a = account, let secrets, let stored = a.totpSecret else { return account }
        a.totpSecret = try secrets.open(stored)
        return a
    }

    public static func sha256(_ s: String) -> String {
        Hex.string(SHA256.hash(data: Data(s.utf8)))
    }

    // MARK: Organisations

    public func createOrganisation(_ o: Organisation, now: String) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("INSERT INTO organisations (id, name, kind, city, land, created_at, postal_address) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                     [o.id, o.name, o.kind.rawValue, o.city, o.land, now, o.postalAddress]))
        }
    }

    public func createCooperation(_ c: Cooperation) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("INSERT INTO cooperations (id, service_id, authority_id, from_day, until_day) VALUES (?, ?, ?, ?, ?)",
                                     [c.id, c.serviceID, c.authorityID, c.from.iso, c.until?.iso]))
        }
    }

    public func organisation(_ id: String) async throws -> Organisation? {
        try await db.read { ex in try await ex.one(SQL("SELECT * FROM organisations WHERE id = ?", [id])).map(Self.organisation) }
    }

    public func organisations() async throws -> [Organisation] {
        try await db.read { ex in try await ex.query("SELECT * FROM organisations ORDER BY name").map(Self.organisation) }
    }

    static func organisation(_ r: SQLRow) -> Organisation {
        Organisation(id: r.text("id") ?? "", name: r.text("name") ?? "", kind: r.text("kind").flatMap(OrganisationKind.init(rawValue:)) ?? .partner,
                     city: r.text("city") ?? "", land: r.text("land") ?? "", postalAddress: r.text("postal_address") ?? "")
    }

    /// The organisation's postal address (its managers keep it; letters print it).
    public func setPostalAddress(organisation: String, _ address: String, audit: AuditContext) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("UPDATE organisations SET postal_address = ? WHERE id = ?", [address, organisation]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "update",
                                      entity: "organisation", entityID: organisation, clientID: nil)
        }
    }

    // MARK: Users

    /// A new account refused because its login address is taken: recorded (without the address), since a run of them
    /// may be someone probing which addresses other organisations use (QA34 S2).
    public func recordRefusedAddress(audit: AuditContext) async throws {
        try await db.transaction { ex in
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "address_taken",
                                      entity: "user", entityID: "", clientID: nil)
        }
    }

    /// A new account. `mustChangePassword`: the password was chosen by someone else (the coordination), so the user
    /// replaces it at the first login. `audit`: who created it (the demo and the tests seed without).
    public func createUser(_ u: User, passwordHash: String, now: String, mustChangePassword: Bool = false, audit: AuditContext? = nil) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("""
                INSERT INTO users (id, organisation_id, email, display_name, role, active, password_hash, created_at, must_change_password)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [u.id, u.organisationID, u.email.lowercased(), u.displayName, u.role.rawValue, u.active, passwordHash, now, mustChangePassword]))
            if let audit {
                try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "create",
                                          entity: "user", entityID: u.id, clientID: nil)
            }
        }
    }

    public func account(email: String) async throws -> Account? {
        try opened(try await db.read { ex in try await Self.account(ex, "u.email = ?", email.lowercased()) })
    }

    public func account(userID: String) async throws -> Account? {
        try opened(try await db.read { ex in try await Self.account(ex, "u.id = ?", userID) })
    }

    static func account(_ ex: any SQLExecutor, _ condition: String, _ value: String) async throws -> Account? {
        guard let r = try await ex.one(SQL("""
            SELECT u.*, o.name AS org_name, o.kind AS org_kind, o.city AS org_city, o.land AS org_land
            FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE \(condition)
            """, [value])) else { return nil }
        return try account(from: r)
    }

    static func account(from r: SQLRow) throws -> Account {
        let user = User(id: try r.string("id"), organisationID: try r.string("organisation_id"), email: try r.string("email"),
                        displayName: try r.string("display_name"), role: r.text("role").flatMap(Role.init(rawValue:)) ?? .volunteer,
                        active: r.bool("active") ?? false)
        let org = Organisation(id: user.organisationID, name: r.text("org_name") ?? "", kind: r.text("org_kind").flatMap(OrganisationKind.init(rawValue:)) ?? .partner,
                               city: r.text("org_city") ?? "", land: r.text("org_land") ?? "")
        return Account(user: user, organisation: org, passwordHash: try r.string("password_hash"), totpSecret: r.text("totp_secret"),
                       totpEnabled: r.bool("totp_enabled") ?? false, totpLastStep: r.int("totp_last_step") ?? 0,
                       recoveryCodeHashes: (r.text("recovery_codes") ?? "").split(separator: ",").map(String.init),
                       failedLogins: r.int("failed_logins") ?? 0, lockedUntil: r.text("locked_until"),
                       mustChangePassword: r.bool("must_change_password") ?? false)
    }

    public func users(organisation: String) async throws -> [User] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM users WHERE organisation_id = ? ORDER BY display_name", [organisation])).map { r in
                User(id: try r.string("id"), organisationID: try r.string("organisation_id"), email: try r.string("email"),
                     displayName: try r.string("display_name"), role: r.text("role").flatMap(Role.init(rawValue:)) ?? .volunteer,
                     active: r.bool("active") ?? false)
            }
        }
    }

    public func setActive(userID: String, organisation: String, active: Bool, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM users WHERE id = ? AND organisation_id = ?", [userID, organisation])) != nil else { return false }
            try await ex.execute(SQL("UPDATE users SET active = ? WHERE id = ?", [active, userID]))
            if !active { try await ex.execute(SQL("DELETE FROM sessions WHERE user_id = ?", [userID])) }
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: active ? "activate" : "deactivate", entity: "user", entityID: userID, clientID: nil)
            return true
        }
    }

    /// A new password in one transaction with what it ends: every session but `keeping`'s, and, when asked, every
    /// API token (a password that may have leaked may have made tokens too). Returns the number of tokens revoked.
    @discardableResult
    public func changePassword(userID: String, hash: String, keeping token: String, revokeTokens: Bool) async throws -> Int {
        try await db.transaction { ex in
            try await ex.execute(SQL("UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?", [hash, false, userID]))
            try await ex.execute(SQL("DELETE FROM sessions WHERE user_id = ? AND id <> ?", [userID, Self.sha256(token)]))
            guard revokeTokens else { return 0 }
            // The calendar address is a token too (QA of 05.12.2026: it outlived every password change).
            try await ex.execute(SQL("DELETE FROM calendar_tokens WHERE user_id = ?", [userID]))
            return try await ex.query(SQL("UPDATE api_tokens SET revoked = 1 WHERE user_id = ? AND revoked = 0 RETURNING id", [userID])).count
        }
    }

    public func setTOTP(userID: String, secret: String?, enabled: Bool, recoveryCodeHashes: [String]) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("UPDATE users SET totp_secret = ?, totp_enabled = ?, recovery_codes = ?, totp_last_step = 0 WHERE id = ?",
                                     [try secret.map { try secrets?.seal($0) ?? $0 }, enabled, recoveryCodeHashes.joined(separator: ","), userID]))
        }
    }

    /// Accepts a TOTP time step only once: a replayed (or older) step is refused. Atomic on both databases.
    public func consumeTOTPStep(userID: String, step: Int) async throws -> Bool {
        try await db.transaction { ex in
            // RETURNING tells whether this statement moved the step forward (SQLite ≥ 3.35 and PostgreSQL).
            try await ex.one(SQL("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ? RETURNING id", [step, userID, step])) != nil
        }
    }

    /// Uses up a recovery code (by its hash); false if it is not an unused code of the user.
    public func consumeRecoveryCode(userID: String, codeHash: String) async throws -> Bool {
        try await db.transaction { ex in
            guard let r = try await ex.one(SQL("SELECT recovery_codes FROM users WHERE id = ?", [userID])) else { return false }
            var codes = (r.text("recovery_codes") ?? "").split(separator: ",").map(String.init)
            guard let i = codes.firstIndex(of: codeHash) else { return false }
            codes.remove(at: i)
            try await ex.execute(SQL("UPDATE users SET recovery_codes = ? WHERE id = ?", [codes.joined(separator: ","), userID]))
            return true
        }
    }

    // MARK: Login throttling

    /// Counts an attempt (a password or a code) before it is checked, and says whether it is within `limit` attempts
    /// under `key` since `since`; one over the limit is not kept. Counted first because a check takes a third of a
    /// second: attempts sent at once were all checked before the first failure was written (QA of 06.12.2026).
    /// Returns the attempt's id (to forget it when it succeeds), or nil when refused.
    public func beginAttempt(key: String, at: String, since: String, limit: Int) async throws -> String? {
        let id = UUID().uuidString.lowercased()
        return try await db.transaction { ex in
            // PostgreSQL: attempts under one key one after the other, so that each counts all before it.
            if ex.dialect == .postgres { try await ex.execute(SQL("SELECT pg_advisory_xact_lock(hashtext(?))", [key])) }
            try await ex.execute(SQL("INSERT INTO login_attempts (key, at, attempt) VALUES (?, ?, ?)", [key, at, id]))
            let n = try await ex.one(SQL("SELECT COUNT(*) AS n FROM login_attempts WHERE key = ? AND at >= ?", [key, since]))?.int("n") ?? 0
            guard n <= limit else {
                try await ex.execute(SQL("DELETE FROM login_attempts WHERE attempt = ?", [id]))
                return nil
            }
            return id
        }
    }

    /// Forgets an attempt that succeeded (or that another limit refused).
    public func forgetAttempt(_ id: String) async throws {
        try await db.transaction { ex in try await ex.execute(SQL("DELETE FROM login_attempts WHERE attempt = ?", [id])) }
    }

    public func clearFailedLogins(key: String) async throws {
        try await db.transaction { ex in try await ex.execute(SQL("DELETE FROM login_attempts WHERE key = ?", [key])) }
    }

    // MARK: Sessions (in the database, so that several app instances can serve)

    /// Stores a session under the hash of its token; the token itself only lives in the cookie.
    public func createSession(token: String, userID: String, csrf: String, secondFactorDone: Bool, now: String) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("INSERT INTO sessions (id, user_id, csrf_token, second_factor_done, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)",
                                     [Self.sha256(token), userID, csrf, secondFactorDone, now, now]))
        }
    }

    public func session(token: String) async throws -> SessionRecord? {
        try await db.read { ex in
            guard let r = try await ex.one(SQL("SELECT * FROM sessions WHERE id = ?", [Self.sha256(token)])) else { return nil }
            return SessionRecord(id: try r.string("id"), userID: try r.string("user_id"), csrfToken: try r.string("csrf_token"),
                                 secondFactorDone: r.bool("second_factor_done") ?? false, createdAt: try r.string("created_at"),
                                 lastSeenAt: try r.string("last_seen_at"))
        }
    }

    /// The session and its user in one query (asked on every request).
    public func sessionWithAccount(token: String) async throws -> (SessionRecord, Account)? {
        try await db.read { ex -> (SessionRecord, Account)? in
            guard let r = try await ex.one(SQL("""
                SELECT s.id AS session_id, s.csrf_token, s.second_factor_done, s.created_at AS session_created, s.last_seen_at,
                  u.*, o.name AS org_name, o.kind AS org_kind, o.city AS org_city, o.land AS org_land
                FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
                WHERE s.id = ?
                """, [Self.sha256(token)])) else { return nil }
            let session = SessionRecord(id: try r.string("session_id"), userID: try r.string("id"), csrfToken: try r.string("csrf_token"),
                                        secondFactorDone: r.bool("second_factor_done") ?? false, createdAt: try r.string("session_created"),
                                        lastSeenAt: try r.string("last_seen_at"))
            return (session, try Self.account(from: r))
        }.map { (session, account) in (session, try opened(account)!) }
    }

    public func touchSession(token: String, now: String) async throws {
        try await db.transaction { ex in try await ex.execute(SQL("UPDATE sessions SET last_seen_at = ? WHERE id = ?", [now, Self.sha256(token)])) }
    }

    /// Completes the second factor under a new token: the one issued after the password alone (which a fixed or
    /// overheard cookie may carry) never becomes a full session.
    /// The session gets a new id and a new CSRF token: a secret of the half-logged-in session is worth nothing after it
    /// (QA42 F4: the CSRF token stayed the one of the password step).
    public func completeSecondFactor(token: String, newToken: String, newCSRF: String, now: String) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("UPDATE sessions SET id = ?, csrf_token = ?, second_factor_done = 1, last_seen_at = ? WHERE id = ?",
                                     [Self.sha256(newToken), newCSRF, now, Self.sha256(token)]))
        }
    }

    public func deleteSession(token: String) async throws {
        try await db.transaction { ex in try await ex.execute(SQL("DELETE FROM sessions WHERE id = ?", [Self.sha256(token)])) }
    }

    public func deleteSessions(idleBefore: String) async throws {
        try await db.transaction { ex in try await ex.execute(SQL("DELETE FROM sessions WHERE last_seen_at < ?", [idleBefore])) }
    }

    // MARK: API tokens

    public func createAPIToken(id: String, userID: String, token: String, name: String, scope: TokenScope, now: String) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("INSERT INTO api_tokens (id, user_id, token_hash, name, scope, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                                     [id, userID, Self.sha256(token), name, scope.rawValue, now]))
        }
    }

    public struct APITokenInfo: Sendable {
        public var id: String, name: String, createdAt: String, scope: TokenScope, lastUsedAt: String?
    }

    /// The user's tokens that still work: not revoked and issued at or after `issuedSince` (a token expires; never the
    /// secret: only its hash is stored).
    public func apiTokens(userID: String, issuedSince: String) async throws -> [APITokenInfo] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT id, name, created_at, scope, last_used_at FROM api_tokens WHERE user_id = ? AND revoked = 0 AND created_at >= ? ORDER BY created_at, id", [userID, issuedSince])).map {
                APITokenInfo(id: try $0.string("id"), name: try $0.string("name"), createdAt: try $0.string("created_at"),
                             scope: TokenScope(rawValue: try $0.string("scope")) ?? .read, lastUsedAt: $0.text("last_used_at"))
            }
        }
    }

    /// Revokes one of the user's own tokens; false when it is not theirs or already revoked.
    public func revokeAPIToken(id: String, userID: String) async throws -> Bool {
        try await db.transaction { ex in
            try await ex.one(SQL("UPDATE api_tokens SET revoked = 1 WHERE id = ? AND user_id = ? AND revoked = 0 RETURNING id", [id, userID])) != nil
        }
    }

    /// The account a token acts for and what the token may do, if it is not revoked and was issued at or after
    /// `issuedSince` (security review of 06.12.2026: a token never expired). Its last use is noted when the one noted
    /// is older than `usedSince` (a write at most every quarter of an hour, not one per request).
    public func account(apiToken: String, issuedSince: String, now: String, usedSince: String) async throws -> (Account, TokenScope)? {
        let hash = Self.sha256(apiToken)
        let found = try await db.read { ex -> (Account, TokenScope, Bool)? in
            guard let r = try await ex.one(SQL("SELECT user_id, scope, last_used_at FROM api_tokens WHERE token_hash = ? AND revoked = 0 AND created_at >= ?", [hash, issuedSince])),
                  let uid = r.text("user_id"), let account = try await Self.account(ex, "u.id = ?", uid) else { return nil }
            // An unknown scope (a newer release's) reads only.
            return (account, TokenScope(rawValue: r.text("scope") ?? "") ?? .read, (r.text("last_used_at") ?? "") < usedSince)
        }
        guard let (account, scope, stale) = found else { return nil }
        if stale {
            try await db.transaction { ex in try await ex.execute(SQL("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?", [now, hash])) }
        }
        return (try opened(account)!, scope)
    }
}
