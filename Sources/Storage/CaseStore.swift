import Counseling
import Eligibility
import Foundation
import Reports

/// Cases (Akten) and counseling sessions, scoped to an organisation like clients; every write audited.
public struct CaseStore: Sendable {
    public let db: any SQLDatabase
    public init(db: any SQLDatabase) { self.db = db }

    public enum Opening: Sendable { case opened, noClient, alreadyOpen(CounselingCase) }

    /// Opens a case unless the client has an open one. The check and the insert are one transaction holding the
    /// client's row, so that a form sent several times at once opens one case (QA of 06.12.2026: three at once gave three).
    public func open(_ c: CounselingCase, audit: AuditContext) async throws -> Opening {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM clients WHERE id = ? AND organisation_id = ?" + ex.forUpdate, [c.clientID, c.organisationID])) != nil else { return .noClient }
            if let running = try await ex.one(SQL("SELECT * FROM cases WHERE client_id = ? AND organisation_id = ? AND state <> 'closed' ORDER BY opened_on LIMIT 1",
                                                  [c.clientID, c.organisationID])) {
                return .alreadyOpen(try Self.counselingCase(running))
            }
            try await Self.insert(ex, c, audit: audit)
            return .opened
        }
    }

    static func insert(_ ex: any SQLExecutor, _ c: CounselingCase, audit: AuditContext) async throws {
        try await ex.execute(SQL("""
            INSERT INTO cases (id, organisation_id, client_id, opened_on, referral_source, pathway, state, counselor_id, closed_on, outcome, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [c.id, c.organisationID, c.clientID, c.openedOn.iso, c.referralSource.rawValue, c.pathway?.rawValue, c.state.rawValue,
                  c.counselorID, c.closedOn?.iso, c.outcome, audit.now]))
        try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                  action: "create", entity: "case", entityID: c.id, clientID: c.clientID)
    }

    /// Bulk load of cases and their sessions in one transaction (demo data).
    public func importAll(cases: [CounselingCase], sessions: [CounselingSession], organisation: String, audit: AuditContext) async throws {
        try await db.transaction { ex in
            for c in cases { try await Self.insert(ex, c, audit: audit) }
            for s in sessions { try await Self.insert(ex, s, organisation: organisation, audit: audit) }
        }
    }

    public func cases(clientID: String, organisation: String) async throws -> [CounselingCase] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM cases WHERE client_id = ? AND organisation_id = ? ORDER BY opened_on, created_at", [clientID, organisation])).map(Self.counselingCase)
        }
    }

    /// Open cases of the organisation, optionally only those of one counselor.
    public func openCases(organisation: String, counselor: String?) async throws -> [CounselingCase] {
        try await db.read { ex in
            let sql = counselor == nil
                ? SQL("SELECT * FROM cases WHERE organisation_id = ? AND state <> 'closed' ORDER BY opened_on", [organisation])
                : SQL("SELECT * FROM cases WHERE organisation_id = ? AND state <> 'closed' AND counselor_id = ? ORDER BY opened_on", [organisation, counselor])
            return try await ex.query(sql).map(Self.counselingCase)
        }
    }

    public func counselingCase(id: String, organisation: String) async throws -> CounselingCase? {
        try await db.read { ex in try await ex.one(SQL("SELECT * FROM cases WHERE id = ? AND organisation_id = ?", [id, organisation])).map(Self.counselingCase) }
    }

    static func counselingCase(_ r: SQLRow) throws -> CounselingCase {
        CounselingCase(id: try r.string("id"), organisationID: try r.string("organisation_id"), clientID: try r.string("client_id"),
                       openedOn: Day(iso: try r.string("opened_on")) ?? .distantPast,
                       referralSource: r.text("referral_source").flatMap(CounselingCase.ReferralSource.init(rawValue:)) ?? .own,
                       pathway: r.text("pathway").flatMap(PathwayKey.init(rawValue:)),
                       state: r.text("state").flatMap(CounselingCase.State.init(rawValue:)) ?? .open, counselorID: r.text("counselor_id"),
                       closedOn: r.text("closed_on").flatMap { Day(iso: $0) }, outcome: r.text("outcome"))
    }

    /// Records a session of a case of `organisation`; false if there is no such case. The same session sent again (a
    /// double click, a reload of the sent form) is kept once: the check holds the case's row, so that copies sent at
    /// the same moment are caught too (QA of 06.12.2026: three sent at once were stored three times).
    public func record(_ s: CounselingSession, organisation: String, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard let c = try await ex.one(SQL("SELECT client_id FROM cases WHERE id = ? AND organisation_id = ?" + ex.forUpdate, [s.caseID, organisation])),
                  c.text("client_id") == s.clientID else { return false }
            let same = try await ex.one(SQL("""
                SELECT id FROM counseling_sessions WHERE case_id = ? AND on_day = ? AND duration_minutes = ? AND channel = ? AND record = ?
                  AND language = ? AND counselor_id = ? AND confidential_note = ?
                """, [s.caseID, s.on.iso, s.durationMinutes, s.channel.rawValue, s.record, s.language, s.counselorID, s.confidentialNote]))
            if same == nil { try await Self.insert(ex, s, organisation: organisation, audit: audit) }
            return true
        }
    }

    /// Replaces the details of a recorded session (not its case, client, author or creation time).
    public func updateSession(_ s: CounselingSession, organisation: String, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM counseling_sessions WHERE id = ? AND case_id = ? AND organisation_id = ?",
                                       [s.id, s.caseID, organisation])) != nil else { return false }
            try await ex.execute(SQL("""
                UPDATE counseling_sessions SET on_day = ?, duration_minutes = ?, channel = ?, language = ?, interpreter = ?, pathways = ?,
                  record = ?, confidential_note = ?, with_family = ? WHERE id = ?
                """, [s.on.iso, s.durationMinutes, s.channel.rawValue, s.language, s.interpreter, s.pathways.map(\.rawValue).joined(separator: ","),
                      s.record, s.confidentialNote, s.withFamily, s.id]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "update", entity: "session", entityID: s.id, clientID: s.clientID)
            return true
        }
    }

    /// Deletes a session recorded in error (it leaves the reports and the first/follow-up order with it); the audit row
    /// stays. False when it is not the organisation's.
    public func deleteSession(id: String, caseID: String, organisation: String, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard let row = try await ex.one(SQL("SELECT client_id FROM counseling_sessions WHERE id = ? AND case_id = ? AND organisation_id = ?",
                                                 [id, caseID, organisation])) else { return false }
            try await ex.execute(SQL("DELETE FROM counseling_sessions WHERE id = ?", [id]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "delete", entity: "session", entityID: id, clientID: row.text("client_id"))
            return true
        }
    }

    static func insert(_ ex: any SQLExecutor, _ s: CounselingSession, organisation: String, audit: AuditContext) async throws {
        try await ex.execute(SQL("""
            INSERT INTO counseling_sessions (id, organisation_id, case_id, client_id, on_day, duration_minutes, channel, language, interpreter,
              pathways, record, confidential_note, counselor_id, created_at, with_family)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [s.id, organisation, s.caseID, s.clientID, s.on.iso, s.durationMinutes, s.channel.rawValue, s.language, s.interpreter,
                  s.pathways.map(\.rawValue).joined(separator: ","), s.record, s.confidentialNote, s.counselorID, s.createdAt, s.withFamily]))
        try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                  action: "create", entity: "session", entityID: s.id, clientID: s.clientID)
    }

    public func sessions(caseID: String, organisation: String) async throws -> [CounselingSession] {
        try await sessions(SQL("SELECT * FROM counseling_sessions WHERE case_id = ? AND organisation_id = ? ORDER BY on_day, created_at, id", [caseID, organisation]))
    }

    /// The sessions of the client's cases and those about the client in a relative's case (a child counseled in the
    /// parent's case): what erasure removes and an information request lists.
    public func sessions(aboutClient clientID: String, organisation: String) async throws -> [CounselingSession] {
        try await sessions(SQL("""
            SELECT * FROM counseling_sessions WHERE organisation_id = ? AND (client_id = ? OR case_id IN (SELECT id FROM cases WHERE client_id = ?))
            ORDER BY on_day, created_at, id
            """, [organisation, clientID, clientID]))
    }

    /// Every session of the organisation (reports: the kind of a session depends on its whole case).
    public func allSessions(organisation: String) async throws -> [CounselingSession] {
        try await sessions(SQL("SELECT * FROM counseling_sessions WHERE organisation_id = ? ORDER BY case_id, on_day, created_at, id", [organisation]))
    }

    /// What erased files left of their sessions for the reports (ClientStore.keepStatistics): each as a session of
    /// no case, its person the random key, with the kind and nationality recorded at the erasure.
    public func erasedSessions(organisation: String) async throws -> [CounselingReport.SessionRecord] {
        try await db.read { ex in
            // The columns of a session that a residue has not, as the values of a session without them.
            try await ex.query(SQL("""
                SELECT id, '' AS case_id, person AS client_id, on_day, 0 AS duration_minutes, channel, language, 0 AS interpreter, pathways,
                       '' AS record, '' AS confidential_note, '' AS counselor_id, '' AS created_at, 0 AS with_family, kind, nationality
                FROM erased_sessions WHERE organisation_id = ? ORDER BY on_day, id
                """, [organisation])).map { r in
                CounselingReport.SessionRecord(session: try Self.session(r), kind: r.text("kind").flatMap(CounselingSession.Kind.init(rawValue:)) ?? .followUp,
                                               nationality: r.text("nationality"))
            }
        }
    }

    func sessions(_ sql: SQL) async throws -> [CounselingSession] {
        try await db.read { ex in try await ex.query(sql).map(Self.session) }
    }

    static func session(_ r: SQLRow) throws -> CounselingSession {
        CounselingSession(id: try r.string("id"), caseID: try r.string("case_id"), clientID: try r.string("client_id"),
                          on: Day(iso: try r.string("on_day")) ?? .distantPast, durationMinutes: r.int("duration_minutes") ?? 0,
                          channel: r.text("channel").flatMap(CounselingSession.Channel.init(rawValue:)) ?? .inPerson,
                          language: try r.string("language"), interpreter: r.bool("interpreter") ?? false,
                          pathways: (r.text("pathways") ?? "").split(separator: ",").compactMap { PathwayKey(rawValue: String($0)) },
                          record: try r.string("record"), confidentialNote: try r.string("confidential_note"),
                          counselorID: try r.string("counselor_id"), createdAt: try r.string("created_at"), withFamily: r.bool("with_family") ?? false)
    }

    // MARK: Reminders

    /// Adds a reminder of the case's client; an acknowledged automatic one (`derivedFrom`) may be a household member's,
    /// once (acknowledging it again changes nothing).
    public func addReminder(_ r: ManualReminder, organisation: String, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard let c = try await ex.one(SQL("SELECT client_id FROM cases WHERE id = ? AND organisation_id = ?", [r.caseID, organisation])),
                  c.text("client_id") == r.clientID || r.derivedFrom != nil else { return false }
            if let key = r.derivedFrom {
                guard try await ex.one(SQL("SELECT id FROM clients WHERE id = ? AND organisation_id = ?", [r.clientID, organisation])) != nil else { return false }
                if try await ex.one(SQL("SELECT id FROM case_reminders WHERE case_id = ? AND client_id = ? AND derived_from = ?", [r.caseID, r.clientID, key])) != nil {
                    return true
                }
            } else if try await ex.one(SQL("SELECT id FROM case_reminders WHERE case_id = ? AND on_day = ? AND title = ? AND done_on IS NULL AND derived_from IS NULL",
                                           [r.caseID, r.on.iso, r.title])) != nil {
                // The same open reminder again is a form sent twice (QA of 06.12.2026): kept once.
                return true
            }
            try await ex.execute(SQL("""
                INSERT INTO case_reminders (id, organisation_id, case_id, client_id, on_day, title, done_on, created_by, created_at, derived_from)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [r.id, organisation, r.caseID, r.clientID, r.on.iso, r.title, r.doneOn?.iso, audit.userID, audit.now, r.derivedFrom]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "create", entity: "reminder", entityID: r.id, clientID: r.clientID)
            return true
        }
    }

    /// Marks a reminder done; false if the case has no such reminder. One already done stays as it was (a button
    /// clicked twice: QA of 06.12.2026, the second click showed "not found").
    public func completeReminder(id: String, caseID: String, organisation: String, on day: Day, audit: AuditContext) async throws -> Bool {
        try await changeReminder(id: id, caseID: caseID, organisation: organisation, audit: audit) { ex, r in
            guard r.text("done_on") == nil else { return nil }
            try await ex.execute(SQL("UPDATE case_reminders SET done_on = ? WHERE id = ?", [day.iso, id]))
            return "update"
        }
    }

    /// Opens a reminder marked done again (a click by mistake). False when it is not the organisation's. An acknowledged
    /// automatic reminder is forgotten instead: the automatic one shows again for as long as it is derived.
    public func reopenReminder(id: String, caseID: String, organisation: String, audit: AuditContext) async throws -> Bool {
        try await changeReminder(id: id, caseID: caseID, organisation: organisation, audit: audit) { ex, r in
            if r.text("derived_from") != nil {
                try await ex.execute(SQL("DELETE FROM case_reminders WHERE id = ?", [id]))
                return "delete"
            }
            guard r.text("done_on") != nil else { return nil }
            try await ex.execute(SQL("UPDATE case_reminders SET done_on = NULL WHERE id = ?", [id]))
            return "update"
        }
    }

    /// Deletes a reminder entered by mistake (a typo, a duplicate). False when the case has no such reminder.
    public func deleteReminder(id: String, caseID: String, organisation: String, audit: AuditContext) async throws -> Bool {
        try await changeReminder(id: id, caseID: caseID, organisation: organisation, audit: audit) { ex, _ in
            try await ex.execute(SQL("DELETE FROM case_reminders WHERE id = ?", [id]))
            return "delete"
        }
    }

    /// One change of a case's reminder, in one transaction with its audit event: `change` makes it and names the action
    /// ("update", "delete"), or returns nil when there is nothing to change. False when the case has no such reminder.
    private func changeReminder(id: String, caseID: String, organisation: String, audit: AuditContext,
                                _ change: @escaping @Sendable (any SQLExecutor, SQLRow) async throws -> String?) async throws -> Bool {
        try await db.transaction { ex in
            guard let r = try await ex.one(SQL("SELECT client_id, done_on, derived_from FROM case_reminders WHERE id = ? AND case_id = ? AND organisation_id = ?",
                                               [id, caseID, organisation])) else { return false }
            if let action = try await change(ex, r) {
                try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                          action: action, entity: "reminder", entityID: id, clientID: r.text("client_id"))
            }
            return true
        }
    }

    /// The reminders of one case, or the open ones of several cases (dashboard).
    public func reminders(caseIDs: [String], organisation: String, openOnly: Bool) async throws -> [ManualReminder] {
        guard !caseIDs.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: caseIDs.count).joined(separator: ",")
        return try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM case_reminders WHERE organisation_id = ? AND case_id IN (\(marks))\(openOnly ? " AND done_on IS NULL" : "") ORDER BY on_day, created_at",
                                   [organisation] + caseIDs)).map(Self.reminder)
        }
    }

    static func reminder(_ r: SQLRow) throws -> ManualReminder {
        ManualReminder(id: try r.string("id"), caseID: try r.string("case_id"), clientID: try r.string("client_id"),
                       on: Day(iso: try r.string("on_day")) ?? .distantPast, title: try r.string("title"), doneOn: r.text("done_on").flatMap { Day(iso: $0) },
                       derivedFrom: r.text("derived_from"))
    }

    /// The open reminders entered by hand in closed cases (a follow-up after the counseling, "Nachfrage in 6 Monaten"):
    /// the counselor's own cases, or every one for nil (QA43: they were shown on no dashboard).
    public func openRemindersOfClosedCases(organisation: String, counselor: String?) async throws -> [ManualReminder] {
        try await db.read { ex in
            try await ex.query(SQL("""
                SELECT r.* FROM case_reminders r JOIN cases c ON c.id = r.case_id AND c.organisation_id = r.organisation_id
                WHERE r.organisation_id = ? AND c.state = 'closed' AND r.done_on IS NULL AND r.derived_from IS NULL\(counselor == nil ? "" : " AND c.counselor_id = ?")
                ORDER BY r.on_day, r.created_at
                """, [organisation] + (counselor.map { [$0] } ?? []))).map(Self.reminder)
        }
    }

    /// Changes the state, pathway and counselor of a case; closing records the day and the outcome.
    public func update(caseID: String, organisation: String, openedOn: Day, state: CounselingCase.State, pathway: PathwayKey?, counselorID: String?,
                       closedOn: Day?, outcome: String?, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard let c = try await ex.one(SQL("SELECT client_id, counselor_id FROM cases WHERE id = ? AND organisation_id = ?", [caseID, organisation])) else { return false }
            // A new counselor must be active; keeping a deactivated one (a closed case stays theirs) is allowed.
            if let counselorID, counselorID != c.text("counselor_id"), try await ex.one(SQL("SELECT id FROM users WHERE id = ? AND organisation_id = ? AND active = 1", [counselorID, organisation])) == nil { return false }
            try await ex.execute(SQL("UPDATE cases SET opened_on = ?, state = ?, pathway = ?, counselor_id = ?, closed_on = ?, outcome = ? WHERE id = ?",
                                     [openedOn.iso, state.rawValue, pathway?.rawValue, counselorID, state == .closed ? closedOn?.iso : nil, state == .closed ? outcome : nil, caseID]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "update", entity: "case", entityID: caseID, clientID: c.text("client_id"))
            return true
        }
    }
}
