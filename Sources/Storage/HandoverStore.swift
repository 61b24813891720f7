import Counseling
import Eligibility

/// Handing a leaving user's work to a colleague: their open cases and their appointments from today on change
/// hands in the same transaction that deactivates them, so no case is left without a counselor.
extension AccountStore {
    /// What a user still holds: open cases and appointments (not cancelled) from `today` on.
    public struct Assignments: Sendable {
        /// The open cases: id, the client's name ("Nachname, Vorname") and id.
        public var cases: [(id: String, client: String, clientID: String)]
        public var appointments: [Appointment]
        public var openCases: Int { cases.count }
        public var isEmpty: Bool { cases.isEmpty && appointments.isEmpty }
    }

    public enum DeactivateOutcome: Sendable {
        case done
        case unknownUser
        /// The user still holds cases or appointments and no successor was named.
        case successorRequired
        /// The successor is not an active counselor or coordinator of the organisation (or is the user).
        case invalidSuccessor
        /// Appointments that would overlap the successor's own (moving, existing); nothing was changed.
        case clashes([(Appointment, Appointment)])
    }

    public func assignments(userID: String, organisation: String, from today: Day) async throws -> Assignments {
        try await db.read { ex in try await Self.assignments(ex, userID: userID, organisation: organisation, from: today) }
    }

    /// Open cases and upcoming appointments per user of the organisation (only users holding any are listed).
    public func assignmentCounts(organisation: String, from today: Day) async throws -> [String: (cases: Int, appointments: Int)] {
        try await db.read { ex in
            var out: [String: (cases: Int, appointments: Int)] = [:]
            for r in try await ex.query(SQL("""
                SELECT counselor_id, COUNT(*) AS n FROM cases WHERE organisation_id = ? AND state <> 'closed' AND counselor_id IS NOT NULL
                GROUP BY counselor_id
                """, [organisation])) {
                if let id = r.text("counselor_id") { out[id, default: (0, 0)].cases = r.int("n") ?? 0 }
            }
            for r in try await ex.query(SQL("""
                SELECT counselor_id, COUNT(*) AS n FROM appointments WHERE organisation_id = ? AND state <> 'cancelled' AND on_day >= ?
                GROUP BY counselor_id
                """, [organisation, today.iso])) {
                if let id = r.text("counselor_id") { out[id, default: (0, 0)].appointments = r.int("n") ?? 0 }
            }
            return out
        }
    }

    static func assignments(_ ex: any SQLExecutor, userID: String, organisation: String, from today: Day) async throws -> Assignments {
        let cases = try await ex.query(SQL("""
            SELECT c.id, c.client_id, cl.last_name, cl.first_name FROM cases c JOIN clients cl ON cl.id = c.client_id
            WHERE c.organisation_id = ? AND c.counselor_id = ? AND c.state <> 'closed' ORDER BY cl.last_name, cl.first_name, c.id
            """, [organisation, userID])).map {
                (id: try $0.string("id"), client: "\($0.text("last_name") ?? ""), \($0.text("first_name") ?? "")", clientID: try $0.string("client_id"))
            }
        let appointments = try await ex.query(SQL("""
            SELECT * FROM appointments WHERE organisation_id = ? AND counselor_id = ? AND state <> 'cancelled' AND on_day >= ?
            ORDER BY on_day, start_minute
            """, [organisation, userID, today.iso])).map(AppointmentStore.appointment)
        return Assignments(cases: cases, appointments: appointments)
    }

    /// Deactivates the user (ending their sessions, calendar feed and API tokens) and hands their open cases and upcoming
    /// appointments to `successor`, all in one transaction. Past appointments and closed cases keep their counselor:
    /// they are the record of who did the work. Also hands over the work of a user deactivated earlier.
    public func deactivate(userID: String, organisation: String, successor: String?, from today: Day,
                           audit: AuditContext) async throws -> DeactivateOutcome {
        try await db.transaction { ex in
            guard let user = try await ex.one(SQL("SELECT active FROM users WHERE id = ? AND organisation_id = ?", [userID, organisation])) else { return .unknownUser }
            let held = try await Self.assignments(ex, userID: userID, organisation: organisation, from: today)
            if !held.isEmpty {
                guard let successor else { return .successorRequired }
                guard successor != userID, let row = try await ex.one(SQL("SELECT role FROM users WHERE id = ? AND organisation_id = ? AND active = 1" + ex.forUpdate,
                                                                          [successor, organisation])),
                      let role = row.text("role").flatMap(Role.init(rawValue:)), role.holdsCases
                else { return .invalidSuccessor }
                let theirs = try await ex.query(SQL("""
                    SELECT * FROM appointments WHERE organisation_id = ? AND counselor_id = ? AND state <> 'cancelled' AND on_day >= ?
                    """, [organisation, successor, today.iso])).map(AppointmentStore.appointment)
                let clashes = Handover.clashes(moving: held.appointments, to: successor, existing: theirs)
                if !clashes.isEmpty { return .clashes(clashes) }
                try await ex.execute(SQL("UPDATE cases SET counselor_id = ? WHERE organisation_id = ? AND counselor_id = ? AND state <> 'closed'",
                                         [successor, organisation, userID]))
                try await ex.execute(SQL("""
                    UPDATE appointments SET counselor_id = ? WHERE organisation_id = ? AND counselor_id = ? AND state <> 'cancelled' AND on_day >= ?
                    """, [successor, organisation, userID, today.iso]))
                var events: [(at: String, userID: String, organisationID: String, action: String, entity: String, entityID: String, clientID: String?)] = []
                for c in held.cases { events.append((audit.now, audit.userID, audit.organisationID, "update", "case", c.id, c.clientID)) }
                for a in held.appointments { events.append((audit.now, audit.userID, audit.organisationID, "update", "appointment", a.id, a.clientID)) }
                try await AuditLog.appendAll(ex, events)
            }
            try await ex.execute(SQL("UPDATE users SET active = ? WHERE id = ?", [false, userID]))
            if user.bool("active") == true {
                try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "deactivate",
                                          entity: "user", entityID: userID, clientID: nil)
            }
            // Tokens revoked, not only blocked: a reactivated account starts without its old API tokens.
            try await Self.endAccess(ex, userID: userID)
            return .done
        }
    }
}
