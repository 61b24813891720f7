import Counseling
import Eligibility

/// What the coordination does to a colleague's account beyond creating and deactivating it: a new initial password
/// and second factor when one is lost, and a change of role. Each change and its audit event commit together; each
/// ends the account's sessions and tokens, because what they were granted no longer holds.
extension AccountStore {
    /// Resets the access of `userID` in `organisation`: `passwordHash` is a new provisional password (the user must
    /// replace it at the next login); `secondFactor` removes the second factor and its recovery codes (the user
    /// enrols again). False when there is no such user there.
    public func resetAccess(userID: String, organisation: String, passwordHash: String?, secondFactor: Bool, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM users WHERE id = ? AND organisation_id = ?", [userID, organisation])) != nil else { return false }
            var actions: [String] = []
            if let passwordHash {
                try await ex.execute(SQL("UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?", [passwordHash, true, userID]))
                actions.append("reset_password")
            }
            if secondFactor {
                try await ex.execute(SQL("UPDATE users SET totp_secret = NULL, totp_enabled = ?, recovery_codes = '', totp_last_step = 0 WHERE id = ?", [false, userID]))
                actions.append("reset_totp")
            }
            try await Self.endAccess(ex, userID: userID)
            try await AuditLog.appendAll(ex, actions.map { (audit.now, audit.userID, audit.organisationID, $0, "user", userID, nil) })
            return true
        }
    }

    public enum RoleChange: Sendable, Equatable {
        case done, unknownUser
        /// The new role may not hold cases or appointments, and the user still holds some: hand them over first.
        case holdsWork
    }

    /// Changes the role of `userID`. A user who keeps open cases or upcoming appointments stays able to hold them.
    public func changeRole(userID: String, organisation: String, to role: Role, from now: LocalMoment, audit: AuditContext) async throws -> RoleChange {
        try await db.transaction { ex in
            guard let row = try await ex.one(SQL("SELECT role FROM users WHERE id = ? AND organisation_id = ?", [userID, organisation])) else { return .unknownUser }
            if row.text("role") == role.rawValue { return .done }
            if !role.holdsCases, !(try await Self.assignments(ex, userID: userID, organisation: organisation, from: now)).isEmpty { return .holdsWork }
            try await ex.execute(SQL("UPDATE users SET role = ? WHERE id = ?", [role.rawValue, userID]))
            try await Self.endAccess(ex, userID: userID)
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "change_role",
                                      entity: "user", entityID: userID, clientID: nil)
            return .done
        }
    }

    /// Ends every session, API token and calendar feed of the user (a reset, a new role, a deactivation).
    static func endAccess(_ ex: any SQLExecutor, userID: String) async throws {
        try await ex.execute(SQL("DELETE FROM sessions WHERE user_id = ?", [userID]))
        try await ex.execute(SQL("DELETE FROM calendar_tokens WHERE user_id = ?", [userID]))
        try await ex.execute(SQL("UPDATE api_tokens SET revoked = 1 WHERE user_id = ? AND revoked = 0", [userID]))
    }

    /// The audit events about one account (created, reset, role changed, deactivated), newest first.
    public func accountEvents(userID: String, limit: Int = 50) async throws -> [AuditEvent] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM audit_events WHERE entity = 'user' AND entity_id = ? ORDER BY seq DESC LIMIT ?", [userID, limit])).map(AuditLog.event)
        }
    }
}
