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
        /// The names of the appointments' clients ("Nachname, Vorname") by client id.
        public var appointmentClients: [String: String] = [:]
        public var openCases: Int { cases.count }
        public var isEmpty: Bool { cases.isEmpty && appointments.isEmpty }
    }

    /// Who takes over a leaving user's work: one colleague for all of it, or a colleague per open case. A client's
    /// appointments go with the client's case; those of clients without an open case of the user go to `successor`.
    public struct HandoverPlan: Sendable {
        /// Who takes everything not given to someone else (nil: no one named).
        public var successor: String?
        /// Per open case id, a successor other than `successor`.
        public var perCase: [String: String]
        public init(successor: String?, perCase: [String: String] = [:]) { self.successor = successor; self.perCase = perCase }
    }

    public enum DeactivateOutcome: Sendable {
        case done
        case unknownUser
        /// The user still holds cases or appointments and no successor was named for some of them.
        case successorRequired
        /// This successor is not an active counselor or coordinator of the organisation (or is the user).
        case invalidSuccessor(String)
        /// Appointments that would overlap a successor's own (moving, existing); nothing was changed.
        case clashes([(Appointment, Appointment)])
    }

    public func assignments(userID: String, organisation: String, from now: LocalMoment) async throws -> Assignments {
        try await db.read { ex in try await Self.assignments(ex, userID: userID, organisation: organisation, from: now) }
    }

    /// Open cases and upcoming appointments per user of the organisation (only users holding any are listed).
    public func assignmentCounts(organisation: String, from now: LocalMoment) async throws -> [String: (cases: Int, appointments: Int)] {
        try await db.read { ex in
            var out: [String: (cases: Int, appointments: Int)] = [:]
            for r in try await ex.query(SQL("""
                SELECT counselor_id, COUNT(*) AS n FROM cases WHERE organisation_id = ? AND state <> 'closed' AND counselor_id IS NOT NULL
                GROUP BY counselor_id
                """, [organisation])) {
                if let id = r.text("counselor_id") { out[id, default: (0, 0)].cases = r.int("n") ?? 0 }
            }
            let ahead = AppointmentStore.ahead(now)
            for r in try await ex.query(SQL("""
                SELECT counselor_id, COUNT(*) AS n FROM appointments WHERE organisation_id = ? AND \(ahead.sql)
                GROUP BY counselor_id
                """, [organisation as any SQLBindable] + ahead.binds)) {
                if let id = r.text("counselor_id") { out[id, default: (0, 0)].appointments = r.int("n") ?? 0 }
            }
            return out
        }
    }

    static func assignments(_ ex: any SQLExecutor, userID: String, organisation: String, from now: LocalMoment) async throws -> Assignments {
        let cases = try await ex.query(SQL("""
            SELECT c.id, c.client_id, cl.last_name, cl.first_name FROM cases c JOIN clients cl ON cl.id = c.client_id
            WHERE c.organisation_id = ? AND c.counselor_id = ? AND c.state <> 'closed' ORDER BY cl.last_name, cl.first_name, c.id
            """, [organisation, userID])).map {
                (id: try $0.string("id"), client: "\($0.text("last_name") ?? ""), \($0.text("first_name") ?? "")", clientID: try $0.string("client_id"))
            }
        let ahead = AppointmentStore.ahead(now, table: "a")
        let rows = try await ex.query(SQL("""
            SELECT a.*, cl.last_name, cl.first_name FROM appointments a JOIN clients cl ON cl.id = a.client_id
            WHERE a.organisation_id = ? AND a.counselor_id = ? AND \(ahead.sql)
            ORDER BY a.on_day, a.start_minute
            """, [organisation as any SQLBindable, userID] + ahead.binds))
        var held = Assignments(cases: cases, appointments: try rows.map(AppointmentStore.appointment))
        for r in rows { held.appointmentClients[try r.string("client_id")] = "\(r.text("last_name") ?? ""), \(r.text("first_name") ?? "")" }
        return held
    }

    /// Who takes each case and appointment under `plan`; nil if no one is named for some of them. A client's
    /// appointments follow the client's first open case (in the list's order).
    static func recipients(of held: Assignments, plan: HandoverPlan)
        -> (cases: [(id: String, clientID: String, to: String)], appointments: [(appointment: Appointment, to: String)])? {
        var cases: [(id: String, clientID: String, to: String)] = [], byClient: [String: String] = [:]
        for c in held.cases {
            guard let to = plan.perCase[c.id] ?? plan.successor else { return nil }
            cases.append((c.id, c.clientID, to))
            if byClient[c.clientID] == nil { byClient[c.clientID] = to }
        }
        var appointments: [(appointment: Appointment, to: String)] = []
        for a in held.appointments {
            guard let to = byClient[a.clientID] ?? plan.successor else { return nil }
            appointments.append((a, to))
        }
        return (cases, appointments)
    }

    /// Deactivates the user (ending their sessions, calendar feed and API tokens) and hands their open cases and upcoming
    /// appointments over as `plan` says, all in one transaction. Past appointments and closed cases keep their counselor:
    /// they are the record of who did the work. Also hands over the work of a user deactivated earlier.
    public func deactivate(userID: String, organisation: String, plan: HandoverPlan, from now: LocalMoment,
                           audit: AuditContext) async throws -> DeactivateOutcome {
        try await db.transaction { ex in
            guard let user = try await ex.one(SQL("SELECT active FROM users WHERE id = ? AND organisation_id = ?", [userID, organisation])) else { return .unknownUser }
            let held = try await Self.assignments(ex, userID: userID, organisation: organisation, from: now)
            if !held.isEmpty {
                guard let to = Self.recipients(of: held, plan: plan) else { return .successorRequired }
                let successors = Set(to.cases.map(\.to) + to.appointments.map(\.to)).sorted()
                for successor in successors {
                    guard successor != userID, let row = try await ex.one(SQL("SELECT role FROM users WHERE id = ? AND organisation_id = ? AND active = 1" + ex.forUpdate,
                                                                              [successor, organisation])),
                          let role = row.text("role").flatMap(Role.init(rawValue:)), role.holdsCases
                    else { return .invalidSuccessor(successor) }
                }
                // Each successor is checked against their own appointments with the ones coming to them.
                var clashes: [(Appointment, Appointment)] = []
                let ahead = AppointmentStore.ahead(now)
                for successor in successors {
                    let moving = to.appointments.filter { $0.to == successor }.map(\.appointment)
                    guard !moving.isEmpty else { continue }
                    let theirs = try await ex.query(SQL("SELECT * FROM appointments WHERE organisation_id = ? AND counselor_id = ? AND \(ahead.sql)",
                                                        [organisation as any SQLBindable, successor] + ahead.binds)).map(AppointmentStore.appointment)
                    clashes += Handover.clashes(moving: moving, to: successor, existing: theirs)
                }
                if !clashes.isEmpty { return .clashes(clashes.sorted { ($0.0.day, $0.0.startMinute) < ($1.0.day, $1.0.startMinute) }) }
                var events: [(at: String, userID: String, organisationID: String, action: String, entity: String, entityID: String, clientID: String?)] = []
                for c in to.cases {
                    try await ex.execute(SQL("UPDATE cases SET counselor_id = ? WHERE id = ? AND organisation_id = ? AND counselor_id = ?",
                                             [c.to, c.id, organisation, userID]))
                    events.append((audit.now, audit.userID, audit.organisationID, "update", "case", c.id, c.clientID))
                }
                for (a, successor) in to.appointments {
                    try await ex.execute(SQL("UPDATE appointments SET counselor_id = ? WHERE id = ? AND organisation_id = ? AND counselor_id = ?",
                                             [successor, a.id, organisation, userID]))
                    events.append((audit.now, audit.userID, audit.organisationID, "update", "appointment", a.id, a.clientID))
                }
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
