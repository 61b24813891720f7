import Counseling
import Eligibility
import Foundation

/// A quarterly meeting of a cooperation: participants, agenda, minutes, anonymised cases and follow-ups.
public struct Meeting: Sendable, Hashable {
    public var id: String, cooperationID: String, on: Day, participants: String, agenda: String, minutes: String
    public init(id: String, cooperationID: String, on: Day, participants: String, agenda: String, minutes: String = "") {
        self.id = id; self.cooperationID = cooperationID; self.on = on; self.participants = participants; self.agenda = agenda; self.minutes = minutes
    }
}

public struct FollowUp: Sendable, Hashable {
    public var id: String, text: String, owner: String, due: Day, doneOn: Day?
    public init(id: String, text: String, owner: String, due: Day, doneOn: Day? = nil) { self.id = id; self.text = text; self.owner = owner; self.due = due; self.doneOn = doneOn }
}

public struct MeetingStore: Sendable {
    public let db: any SQLDatabase
    public init(db: any SQLDatabase) { self.db = db }

    public func create(_ m: Meeting, audit: AuditContext) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("INSERT INTO meetings (id, cooperation_id, on_day, participants, agenda, minutes, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                     [m.id, m.cooperationID, m.on.iso, m.participants, m.agenda, m.minutes, audit.userID, audit.now]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "create", entity: "meeting", entityID: m.id, clientID: nil)
        }
    }

    public func meetings(cooperations: [String]) async throws -> [Meeting] {
        guard !cooperations.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: cooperations.count).joined(separator: ",")
        return try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM meetings WHERE cooperation_id IN (\(marks)) ORDER BY on_day DESC", cooperations)).map(Self.meeting)
        }
    }

    public func meeting(id: String, cooperations: [String]) async throws -> Meeting? {
        try await meetings(cooperations: cooperations).first { $0.id == id }
    }

    static func meeting(_ r: SQLRow) throws -> Meeting {
        Meeting(id: try r.string("id"), cooperationID: try r.string("cooperation_id"), on: Day(iso: try r.string("on_day")) ?? .distantPast,
                participants: try r.string("participants"), agenda: try r.string("agenda"), minutes: try r.string("minutes"))
    }

    public func setMinutes(meetingID: String, minutes: String, audit: AuditContext) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("UPDATE meetings SET minutes = ? WHERE id = ?", [minutes, meetingID]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "update", entity: "meeting", entityID: meetingID, clientID: nil)
        }
    }

    /// The clients of `organisation` whose cases were brought to the meeting. Sheets do not name them; the service's
    /// own audit rows do (so the authority never learns them from this).
    public func sheetClients(meetingID: String, organisation: String) async throws -> [String] {
        try await db.read { ex in
            try await ex.query(SQL("""
                SELECT DISTINCT a.client_id FROM meeting_cases m JOIN audit_events a ON a.entity_id = m.id
                WHERE m.meeting_id = ? AND a.entity = 'meeting_case' AND a.action = 'anonymise' AND a.organisation_id = ? AND a.client_id IS NOT NULL
                """, [meetingID, organisation])).compactMap { $0.text("client_id") }.sorted()
        }
    }

    /// Adds an anonymised fact sheet. The audit row names the client (inside the service's trail), the sheet does not.
    public func addCase(meetingID: String, sheet: String, clientID: String, audit: AuditContext) async throws {
        try await db.transaction { ex in
            let id = UUID().uuidString.lowercased()
            try await ex.execute(SQL("INSERT INTO meeting_cases (id, meeting_id, sheet, added_by, created_at) VALUES (?, ?, ?, ?, ?)", [id, meetingID, sheet, audit.userID, audit.now]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "anonymise", entity: "meeting_case", entityID: id, clientID: clientID)
        }
    }

    /// A case sheet of a meeting and who brought it (user and organisation).
    public struct CaseSheet: Sendable { public var id: String, sheet: String, addedBy: String, addedByOrganisation: String? }

    public func cases(meetingID: String) async throws -> [CaseSheet] {
        try await db.read { ex in
            try await ex.query(SQL("""
                SELECT m.id, m.sheet, m.added_by, u.organisation_id FROM meeting_cases m LEFT JOIN users u ON u.id = m.added_by
                WHERE m.meeting_id = ? ORDER BY m.created_at, m.id
                """, [meetingID])).map {
                CaseSheet(id: try $0.string("id"), sheet: try $0.string("sheet"), addedBy: try $0.string("added_by"), addedByOrganisation: $0.text("organisation_id"))
            }
        }
    }

    /// Takes a case sheet off the meeting (brought by mistake, or the question is settled).
    public func removeCase(id: String, meetingID: String, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("DELETE FROM meeting_cases WHERE id = ? AND meeting_id = ? RETURNING id", [id, meetingID])) != nil else { return false }
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "delete", entity: "meeting_case", entityID: id, clientID: nil)
            return true
        }
    }

    /// Corrects the date, participants and agenda of a meeting.
    public func update(_ m: Meeting, audit: AuditContext) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("UPDATE meetings SET on_day = ?, participants = ?, agenda = ? WHERE id = ?", [m.on.iso, m.participants, m.agenda, m.id]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "update", entity: "meeting", entityID: m.id, clientID: nil)
        }
    }

    /// Deletes a meeting planned in error – no minutes, no case sheets (they are the service's) – with its tasks;
    /// false otherwise.
    public func delete(meetingID: String, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("""
                SELECT id FROM meetings WHERE id = ? AND minutes = '' AND NOT EXISTS (SELECT 1 FROM meeting_cases WHERE meeting_id = ?)
                """, [meetingID, meetingID])) != nil else { return false }
            try await ex.execute(SQL("DELETE FROM meeting_followups WHERE meeting_id = ?", [meetingID]))
            try await ex.execute(SQL("DELETE FROM meetings WHERE id = ?", [meetingID]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "delete", entity: "meeting", entityID: meetingID, clientID: nil)
            return true
        }
    }

    public func addFollowUp(meetingID: String, _ f: FollowUp, audit: AuditContext) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("INSERT INTO meeting_followups (id, meeting_id, text, owner, due, done_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                     [f.id, meetingID, f.text, f.owner, f.due.iso, f.doneOn?.iso, audit.now]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "create", entity: "followup", entityID: f.id, clientID: nil)
        }
    }

    public func completeFollowUp(id: String, meetingID: String, on day: Day, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM meeting_followups WHERE id = ? AND meeting_id = ? AND done_on IS NULL", [id, meetingID])) != nil else { return false }
            try await ex.execute(SQL("UPDATE meeting_followups SET done_on = ? WHERE id = ?", [day.iso, id]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "update", entity: "followup", entityID: id, clientID: nil)
            return true
        }
    }

    public func followUps(meetingID: String) async throws -> [FollowUp] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM meeting_followups WHERE meeting_id = ? ORDER BY due, created_at", [meetingID])).map { r in
                FollowUp(id: try r.string("id"), text: try r.string("text"), owner: try r.string("owner"), due: Day(iso: try r.string("due")) ?? .distantPast,
                         doneOn: r.text("done_on").flatMap { Day(iso: $0) })
            }
        }
    }
}
