import Counseling
import Eligibility
import Foundation

/// Appointments of a service and the counselors' calendar-feed secrets.
public struct AppointmentStore: Sendable {
    public let db: any SQLDatabase
    public init(db: any SQLDatabase) { self.db = db }

    public enum AddOutcome: Sendable, Equatable {
        case added, unknownClient, unknownCounselor
        /// The online request it was to answer is no longer open (handled meanwhile, or not the organisation's).
        case requestNotOpen
        /// The counselor already has this appointment at an overlapping time.
        case clash(Appointment)
        /// The client already has an appointment at an overlapping time (with any counselor).
        case clientClash(Appointment)
    }

    /// Adds the appointment unless the client or counselor is not the organisation's or the counselor is booked then.
    /// The check and the insert are one transaction; on PostgreSQL the counselor's row is locked so that two
    /// bookings at once cannot both pass the check (SQLite serialises writers anyway).
    /// `answering`: the id of an online request this appointment answers; it is marked handled in the same transaction.
    public func add(_ a: Appointment, organisation: String, answering requestID: String? = nil, audit: AuditContext) async throws -> AddOutcome {
        try await db.transaction { ex in
            // Each named for itself (QA of 06.12.2026: a file erased meanwhile was reported as a wrong counselor).
            guard try await ex.one(SQL("SELECT id FROM clients WHERE id = ? AND organisation_id = ?", [a.clientID, organisation])) != nil else { return .unknownClient }
            guard try await ex.one(SQL("SELECT id FROM users WHERE id = ? AND organisation_id = ? AND active = 1" + ex.forUpdate, [a.counselorID, organisation])) != nil
            else { return .unknownCounselor }
            let sameDay = try await Self.sameDay(ex, a, organisation: organisation)
            if let other = a.clash(in: sameDay) { return .clash(other) }
            if let other = a.clientClash(in: sameDay) { return .clientClash(other) }
            if let requestID {
                guard try await ex.one(SQL("SELECT id FROM appointment_requests WHERE id = ? AND organisation_id = ? AND handled_at IS NULL" + ex.forUpdate,
                                           [requestID, organisation])) != nil else { return .requestNotOpen }
                try await ex.execute(SQL("UPDATE appointment_requests SET handled_at = ? WHERE id = ?", [audit.now, requestID]))
                try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "update",
                                          entity: "appointment_request", entityID: requestID, clientID: a.clientID)
            }
            try await Self.insert(ex, a, organisation: organisation, audit: audit)
            return .added
        }
    }

    /// The counselor's and the client's appointments on the day of `a` (what it may clash with).
    static func sameDay(_ ex: any SQLExecutor, _ a: Appointment, organisation: String) async throws -> [Appointment] {
        try await ex.query(SQL("SELECT * FROM appointments WHERE organisation_id = ? AND on_day = ? AND (counselor_id = ? OR client_id = ?)",
                               [organisation, a.day.iso, a.counselorID, a.clientID])).map(Self.appointment)
    }

    static func insert(_ ex: any SQLExecutor, _ a: Appointment, organisation: String, audit: AuditContext) async throws {
        try await ex.execute(SQL("""
            INSERT INTO appointments (id, organisation_id, client_id, counselor_id, on_day, start_minute, duration_minutes, place, mode, language, state, requested_via, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [a.id, organisation, a.clientID, a.counselorID, a.day.iso, a.startMinute, a.durationMinutes, a.place, a.mode.rawValue, a.language, a.state.rawValue,
                  a.requestedVia.rawValue, audit.now]))
        try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                  action: "create", entity: "appointment", entityID: a.id, clientID: a.clientID)
    }

    public func importAll(_ list: [Appointment], organisation: String, audit: AuditContext) async throws {
        try await db.transaction { ex in for a in list { try await Self.insert(ex, a, organisation: organisation, audit: audit) } }
    }

    public enum StateOutcome: Sendable, Equatable {
        /// Changed; the appointment as it is now (its week is shown next).
        case changed(Appointment)
        case notFound
        /// The appointment is not in a state it can go to `state` from (see `Appointment.canMove`).
        case notFrom(Appointment.State)
        /// Confirming it would book the counselor twice (another appointment was entered meanwhile).
        case clash(Appointment)
    }

    /// Confirms or cancels an appointment of the organisation (of `counselor` only, when given). A cancelled one stays
    /// cancelled, and a confirmation checks again that the counselor is free: a stale page must not book anyone twice.
    public func setState(id: String, organisation: String, counselor: String? = nil, state: Appointment.State, audit: AuditContext) async throws -> StateOutcome {
        try await db.transaction { ex in
            guard let row = try await ex.one(SQL("SELECT * FROM appointments WHERE id = ? AND organisation_id = ?" + ex.forUpdate, [id, organisation])) else { return .notFound }
            var a = try Self.appointment(row)
            if let counselor, a.counselorID != counselor { return .notFound }
            guard a.canMove(to: state) else { return .notFrom(a.state) }
            a.state = state
            if state == .confirmed, let other = a.clash(in: try await Self.sameDay(ex, a, organisation: organisation)) { return .clash(other) }
            try await ex.execute(SQL("UPDATE appointments SET state = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?", [state.rawValue, audit.now, id]))
            a.sequence += 1; a.updatedAt = audit.now
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "update", entity: "appointment", entityID: id, clientID: a.clientID)
            return .changed(a)
        }
    }

    public enum MoveOutcome: Sendable, Equatable {
        case moved(Appointment), notFound
        /// A cancelled appointment is not moved (it would be revived): a new one is entered instead.
        case cancelled
        /// The counselor or the client already has an appointment at the new time.
        case clash(Appointment), clientClash(Appointment)
    }

    /// Moves an appointment of the organisation (of `counselor` only, when given) to a new day, time, length, place and mode,
    /// keeping its id (a subscribed calendar updates the event instead of showing two). Confirmed only when the new time
    /// was agreed with the client (`confirmed`), requested otherwise. The clash checks and the update are one transaction.
    public func move(id: String, organisation: String, counselor: String? = nil, day: Day, startMinute: Int, durationMinutes: Int,
                     place: String, mode: Appointment.Mode, confirmed: Bool, audit: AuditContext) async throws -> MoveOutcome {
        try await db.transaction { ex in
            guard let row = try await ex.one(SQL("SELECT * FROM appointments WHERE id = ? AND organisation_id = ?" + ex.forUpdate, [id, organisation])) else { return .notFound }
            var a = try Self.appointment(row)
            if let counselor, a.counselorID != counselor { return .notFound }
            guard a.state != .cancelled else { return .cancelled }
            a.day = day; a.startMinute = startMinute; a.durationMinutes = durationMinutes; a.place = place; a.mode = mode
            a.state = confirmed ? .confirmed : .requested
            let sameDay = try await Self.sameDay(ex, a, organisation: organisation)
            if let other = a.clash(in: sameDay) { return .clash(other) }
            if let other = a.clientClash(in: sameDay) { return .clientClash(other) }
            try await ex.execute(SQL("UPDATE appointments SET on_day = ?, start_minute = ?, duration_minutes = ?, place = ?, mode = ?, state = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?",
                                     [day.iso, startMinute, durationMinutes, place, a.mode.rawValue, a.state.rawValue, audit.now, id]))
            a.sequence += 1; a.updatedAt = audit.now
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "update", entity: "appointment", entityID: id, clientID: a.clientID)
            return .moved(a)
        }
    }

    /// One appointment of the organisation (of `counselor` only, when given).
    public func appointment(id: String, organisation: String, counselor: String? = nil) async throws -> Appointment? {
        let a = try await db.read { ex in
            try await ex.one(SQL("SELECT * FROM appointments WHERE id = ? AND organisation_id = ?", [id, organisation])).map(Self.appointment)
        }
        guard let a, counselor == nil || a.counselorID == counselor else { return nil }
        return a
    }

    /// The appointments not cancelled that have not ended by `now`: one over today is the record of who held it, not
    /// anyone's next (a handover, a client's plan, a case being closed).
    static func ahead(_ now: LocalMoment, table t: String = "") -> (sql: String, binds: [any SQLBindable]) {
        let p = t.isEmpty ? "" : t + "."
        return ("\(p)state <> 'cancelled' AND (\(p)on_day > ? OR (\(p)on_day = ? AND \(p)start_minute + \(p)duration_minutes > ?))", [now.day.iso, now.day.iso, now.minute])
    }

    /// The client's appointments ahead (`ahead`), earliest first (QA43 C3: one over this morning was handed to the
    /// client as the next, and held up closing the case).
    public func appointmentsAhead(clientID: String, organisation: String, from now: LocalMoment) async throws -> [Appointment] {
        try await db.read { ex in
            let ahead = Self.ahead(now)
            return try await ex.query(SQL("SELECT * FROM appointments WHERE organisation_id = ? AND client_id = ? AND \(ahead.sql) ORDER BY on_day, start_minute",
                                   [organisation as any SQLBindable, clientID] + ahead.binds)).map(Self.appointment)
        }
    }

    /// Every appointment of the client, cancelled ones included, earliest first.
    public func appointments(clientID: String, organisation: String) async throws -> [Appointment] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM appointments WHERE organisation_id = ? AND client_id = ? ORDER BY on_day, start_minute",
                                   [organisation, clientID])).map(Self.appointment)
        }
    }

    /// Appointments from `from` to `to` (inclusive) of the organisation, optionally of one counselor.
    public func appointments(organisation: String, counselor: String?, from: Day, to: Day) async throws -> [Appointment] {
        try await db.read { ex in
            let sql = counselor == nil
                ? SQL("SELECT * FROM appointments WHERE organisation_id = ? AND on_day BETWEEN ? AND ? ORDER BY on_day, start_minute", [organisation, from.iso, to.iso])
                : SQL("SELECT * FROM appointments WHERE organisation_id = ? AND counselor_id = ? AND on_day BETWEEN ? AND ? ORDER BY on_day, start_minute",
                      [organisation, counselor, from.iso, to.iso])
            return try await ex.query(sql).map(Self.appointment)
        }
    }

    static func appointment(_ r: SQLRow) throws -> Appointment {
        var a = Appointment(id: try r.string("id"), clientID: try r.string("client_id"), counselorID: try r.string("counselor_id"),
                            day: Day(iso: try r.string("on_day")) ?? .distantPast, startMinute: r.int("start_minute") ?? 0, durationMinutes: r.int("duration_minutes") ?? 0,
                            place: try r.string("place"), mode: r.text("mode").flatMap(Appointment.Mode.init(rawValue:)) ?? .inPerson,
                            language: try r.string("language"),
                            state: r.text("state").flatMap(Appointment.State.init(rawValue:)) ?? .requested,
                            requestedVia: r.text("requested_via").flatMap(Appointment.Channel.init(rawValue:)) ?? .phone)
        a.sequence = r.int("sequence") ?? 0
        a.updatedAt = r.text("updated_at")
        return a
    }

    // MARK: Calendar feed secret

    /// Stores a new feed secret for the user (the old one stops working at once).
    public func replaceCalendarToken(userID: String, token: String, now: String) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("DELETE FROM calendar_tokens WHERE user_id = ?", [userID]))
            try await ex.execute(SQL("INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)", [userID, AccountStore.sha256(token), now]))
        }
    }

    public func revokeCalendarToken(userID: String) async throws {
        try await db.transaction { ex in try await ex.execute(SQL("DELETE FROM calendar_tokens WHERE user_id = ?", [userID])) }
    }

    public func hasCalendarToken(userID: String) async throws -> Bool {
        try await db.read { ex in try await ex.one(SQL("SELECT user_id FROM calendar_tokens WHERE user_id = ?", [userID])) != nil }
    }

    /// The active user (and organisation) a feed secret belongs to.
    public func calendarOwner(token: String) async throws -> (userID: String, organisationID: String)? {
        try await db.read { ex in
            guard let r = try await ex.one(SQL("""
                SELECT u.id, u.organisation_id FROM calendar_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND u.active = 1
                """, [AccountStore.sha256(token)])) else { return nil }
            return (try r.string("id"), try r.string("organisation_id"))
        }
    }

    // MARK: Requests from the online form

    public struct Request: Sendable, Hashable {
        public var id: String, createdAt: String, name: String, contact: String, language: String, preferred: String, message: String, formLanguage: String
        public var handledAt: String?
        /// Came in while the form was flooded: listed apart, to be checked (QA42 F3).
        public var held: Bool
        public init(id: String, createdAt: String, name: String, contact: String, language: String, preferred: String, message: String, formLanguage: String,
                    handledAt: String? = nil, held: Bool = false) {
            self.id = id; self.createdAt = createdAt; self.name = name; self.contact = contact; self.language = language; self.preferred = preferred
            self.message = message; self.formLanguage = formLanguage; self.handledAt = handledAt; self.held = held
        }
    }

    public func addRequest(_ r: Request, organisation: String) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("""
                INSERT INTO appointment_requests (id, organisation_id, created_at, name, contact, language, preferred, message, form_language, held)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [r.id, organisation, r.createdAt, r.name, r.contact, r.language, r.preferred, r.message, r.formLanguage, r.held ? 1 : 0]))
        }
    }

    public func requests(organisation: String) async throws -> [Request] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM appointment_requests WHERE organisation_id = ? ORDER BY created_at DESC", [organisation])).map { r in
                Request(id: try r.string("id"), createdAt: try r.string("created_at"), name: try r.string("name"), contact: try r.string("contact"),
                        language: try r.string("language"), preferred: try r.string("preferred"), message: try r.string("message"),
                        formLanguage: try r.string("form_language"), handledAt: r.text("handled_at"), held: (r.int("held") ?? 0) != 0)
            }
        }
    }

    /// Whether the same request (name, contact and message) came in since `since`.
    public func hasRequest(organisation: String, since: String, name: String, contact: String, message: String) async throws -> Bool {
        try await db.read { ex in
            try await ex.one(SQL("SELECT id FROM appointment_requests WHERE organisation_id = ? AND created_at >= ? AND name = ? AND contact = ? AND message = ?",
                                 [organisation, since, name, contact, message])) != nil
        }
    }

    public func countRequests(organisation: String, since: String) async throws -> Int {
        try await db.read { ex in try await ex.one(SQL("SELECT COUNT(*) AS n FROM appointment_requests WHERE organisation_id = ? AND created_at >= ?", [organisation, since]))?.int("n") ?? 0 }
    }

    public func handleRequest(id: String, organisation: String, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM appointment_requests WHERE id = ? AND organisation_id = ? AND handled_at IS NULL", [id, organisation])) != nil else { return false }
            try await ex.execute(SQL("UPDATE appointment_requests SET handled_at = ? WHERE id = ?", [audit.now, id]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "update", entity: "appointment_request", entityID: id, clientID: nil)
            return true
        }
    }

    /// Marks the open requests of `ids` handled at once, each audited; returns how many (another organisation's or one
    /// handled already is left alone). A flood just under the review threshold is not held (QA43 A7): the counselor
    /// ticks what is junk in the normal list.
    public func handleRequests(ids: [String], organisation: String, audit: AuditContext) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await db.transaction { ex in
            var handled: [String] = []
            // In slices: a statement takes a bounded number of parameters.
            for slice in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ", ")
                handled += try await ex.query(SQL("""
                    UPDATE appointment_requests SET handled_at = ? WHERE organisation_id = ? AND handled_at IS NULL AND id IN (\(marks)) RETURNING id
                    """, [audit.now, organisation] + slice)).map { try $0.string("id") }
            }
            if !handled.isEmpty {
                try await AuditLog.appendAll(ex, handled.map { (audit.now, audit.userID, audit.organisationID, "update", "appointment_request", $0, nil) })
            }
            return handled.count
        }
    }

    /// Marks the open requests held for review handled at once (a flood's junk), each audited; returns how many. Only
    /// those received by `until` (the newest one the page showed): one come in since was not seen.
    public func handleHeldRequests(organisation: String, until: String, audit: AuditContext) async throws -> Int {
        try await db.transaction { ex in
            let open = "organisation_id = ? AND held = 1 AND handled_at IS NULL AND created_at <= ?"
            let ids = try await ex.query(SQL("SELECT id FROM appointment_requests WHERE " + open + ex.forUpdate, [organisation, until])).map { try $0.string("id") }
            guard !ids.isEmpty else { return 0 }
            try await ex.execute(SQL("UPDATE appointment_requests SET handled_at = ? WHERE " + open, [audit.now, organisation, until]))
            try await AuditLog.appendAll(ex, ids.map { (audit.now, audit.userID, audit.organisationID, "update", "appointment_request", $0, nil) })
            return ids.count
        }
    }

    /// Deletes requests older than `before` (the retention promised on the form).
    public func purgeRequests(before: String) async throws {
        try await db.transaction { ex in try await ex.execute(SQL("DELETE FROM appointment_requests WHERE created_at < ?", [before])) }
    }
}
