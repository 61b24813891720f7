import Counseling
import Eligibility
import Foundation

/// A stored upload: what the counselor sent, kept outside the database under its checksum.
public struct StoredFile: Sendable, Hashable {
    public var name: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public init(name: String, contentType: String, size: Int, sha256: String) {
        self.name = name; self.contentType = contentType; self.size = size; self.sha256 = sha256
    }
}

/// A recorded document of a case.
public struct RecordedDocument: Sendable, Hashable {
    public var kind: DocumentKind
    public var state: ChecklistItem.State
    public var receivedOn: Day?
    public var file: StoredFile?
}

/// Applications with their decisions, and the documents of a case; scoped to the organisation, audited.
public struct ApplicationStore: Sendable {
    public let db: any SQLDatabase
    public init(db: any SQLDatabase) { self.db = db }

    public enum FileOutcome: Sendable, Equatable {
        case filed, notFound
        /// The client has an application for the same pathway still undecided (filed on that day).
        case alreadyPending(Day)
    }

    /// Records an application of the case, unless one for the same pathway of the client is still undecided (one
    /// application is pending per permit; a second would be a double entry).
    public func file(_ a: PermitApplication, organisation: String, audit: AuditContext) async throws -> FileOutcome {
        try await db.transaction { ex in
            guard let c = try await ex.one(SQL("SELECT client_id FROM cases WHERE id = ? AND organisation_id = ?", [a.caseID, organisation])),
                  c.text("client_id") == a.clientID else { return .notFound }
            if let open = try await ex.one(SQL("SELECT filed_on FROM applications WHERE client_id = ? AND organisation_id = ? AND pathway = ? AND outcome = 'pending'",
                                               [a.clientID, organisation, a.pathway.rawValue])) {
                return .alreadyPending(open.text("filed_on").flatMap(Day.init(iso:)) ?? a.filedOn)
            }
            try await Self.insert(ex, a, organisation: organisation, audit: audit)
            // A new application after a decision (a withdrawal, a refusal) is pending again (QA43 C5: the case still read
            // "entschieden").
            try await ex.execute(SQL("UPDATE cases SET state = 'application_filed' WHERE id = ? AND state IN ('open', 'waiting_for_documents', 'decided')", [a.caseID]))
            return .filed
        }
    }

    static func insert(_ ex: any SQLExecutor, _ a: PermitApplication, organisation: String, audit: AuditContext) async throws {
        try await ex.execute(SQL("""
            INSERT INTO applications (id, organisation_id, case_id, client_id, pathway, filed_on, decided_on, outcome, permit_until, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [a.id, organisation, a.caseID, a.clientID, a.pathway.rawValue, a.filedOn.iso, a.decidedOn?.iso, a.outcome.rawValue,
                  a.permitUntil?.iso, audit.now]))
        try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                  action: "create", entity: "application", entityID: a.id, clientID: a.clientID)
    }

    /// Bulk load (demo data); the grants' status periods are already in the clients' histories.
    public func importAll(_ list: [PermitApplication], organisation: String, audit: AuditContext) async throws {
        try await db.transaction { ex in for a in list { try await Self.insert(ex, a, organisation: organisation, audit: audit) } }
    }

    public enum DecisionResult: Sendable, Equatable {
        case decided, notFound
        /// Decided meanwhile (another tab, a colleague).
        case alreadyDecided
        /// The German message and whether it concerns the validity (else the decision date).
        case invalid(String, validity: Bool = false)
    }

    /// Records the decision on a pending application. A grant adds the new status period to the client's history
    /// in the same transaction, so the assessment and the reminders follow at once.
    public func decide(applicationID: String, caseID: String, organisation: String, outcome: PermitApplication.Outcome, on day: Day,
                       permitUntil: Day?, audit: AuditContext) async throws -> DecisionResult {
        try await db.transaction { ex in
            guard let row = try await ex.one(SQL("SELECT * FROM applications WHERE id = ? AND case_id = ? AND organisation_id = ?",
                                                 [applicationID, caseID, organisation])),
                  let clientID = row.text("client_id"), let pathway = row.text("pathway").flatMap(PathwayKey.init(rawValue:)) else { return .notFound }
            guard row.text("outcome") == PermitApplication.Outcome.pending.rawValue else { return .alreadyDecided }
            if let filed = row.text("filed_on").flatMap({ Day(iso: $0) }), day < filed { return .invalid("Die Entscheidung kann nicht vor dem Antrag liegen.") }
            var previousEnd: String? = nil
            if outcome == .granted {
                guard let client = try await ClientStore.load(ex, ids: [clientID], organisation: organisation).first else { return .notFound }
                previousEnd = ApplicationRules.previousEnd(of: client.facts.status ?? []).code
                switch ApplicationRules.history(afterGranting: pathway, on: day, until: permitUntil, to: client.facts.status ?? []) {
                case .failure(.beforeCurrentPeriod(let m)), .failure(.gapBeforeGrant(let m)): return .invalid(m)
                case .failure(.untilBeforeGrant(let m)), .failure(.untilTooLong(let m)): return .invalid(m, validity: true)
                case .success(let periods):
                    try await ex.execute(SQL("DELETE FROM status_periods WHERE client_id = ?", [clientID]))
                    try await ClientStore.writeStatus(ex, clientID: clientID, periods: periods)
                    // A change of the status history like the editor's: a form opened before it must not undo it.
                    _ = try await ClientStore.raiseRevision(ex, clientID: clientID, organisation: organisation, basedOn: nil, now: audit.now)
                    try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                              action: "update", entity: "status_history", entityID: clientID, clientID: clientID)
                }
            }
            try await ex.execute(SQL("UPDATE applications SET outcome = ?, decided_on = ?, permit_until = ?, grant_previous_end = ? WHERE id = ?",
                                     [outcome.rawValue, day.iso, outcome == .granted ? permitUntil?.iso : nil, previousEnd, applicationID]))
            // Decided once nothing in the case is pending any more (another application may still be open).
            try await ex.execute(SQL("""
                UPDATE cases SET state = 'decided' WHERE id = ? AND state <> 'closed'
                AND NOT EXISTS (SELECT 1 FROM applications WHERE case_id = ? AND outcome = 'pending')
                """, [caseID, caseID]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "decide", entity: "application", entityID: applicationID, clientID: clientID)
            return .decided
        }
    }

    public enum RemoveResult: Sendable, Equatable {
        case removed
        /// Decided: the decision is taken back first (a grant changed the status history).
        case decided
        case notFound
    }

    /// Deletes an application recorded in error (a wrong date or pathway; QA43 C1: it changed every answer and could
    /// only be "withdrawn", which the statistics count). Only while undecided; the case returns to the state the
    /// other applications give it. One transaction, one audit event.
    public func remove(applicationID: String, caseID: String, organisation: String, audit: AuditContext) async throws -> RemoveResult {
        try await db.transaction { ex in
            guard let row = try await ex.one(SQL("SELECT client_id, outcome FROM applications WHERE id = ? AND case_id = ? AND organisation_id = ?",
                                                 [applicationID, caseID, organisation])),
                  let clientID = row.text("client_id") else { return .notFound }
            guard row.text("outcome") == PermitApplication.Outcome.pending.rawValue else { return .decided }
            try await ex.execute(SQL("DELETE FROM applications WHERE id = ?", [applicationID]))
            try await ex.execute(SQL("""
                UPDATE cases SET state = CASE WHEN EXISTS (SELECT 1 FROM applications WHERE case_id = ?) THEN 'decided' ELSE 'open' END
                WHERE id = ? AND state = 'application_filed'
                AND NOT EXISTS (SELECT 1 FROM applications WHERE case_id = ? AND outcome = 'pending')
                """, [caseID, caseID, caseID]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "delete", entity: "application", entityID: applicationID, clientID: clientID)
            return .removed
        }
    }

    public enum ReopenResult: Sendable, Equatable {
        case reopened
        /// Reopened; the grant's status period was not taken out because the history was changed since.
        case reopenedHistoryUntouched
        /// Still pending: there is nothing to take back.
        case notDecided
        case notFound
    }

    /// Takes back a decision recorded in error: the application is pending again. A grant's status period goes
    /// again and the period before ends as it did (when the history still ends with that grant), in one transaction.
    public func reopen(applicationID: String, caseID: String, organisation: String, audit: AuditContext) async throws -> ReopenResult {
        try await db.transaction { ex in
            guard let row = try await ex.one(SQL("SELECT * FROM applications WHERE id = ? AND case_id = ? AND organisation_id = ?",
                                                 [applicationID, caseID, organisation])),
                  let clientID = row.text("client_id"), let pathway = row.text("pathway").flatMap(PathwayKey.init(rawValue:)) else { return .notFound }
            guard row.text("outcome") != PermitApplication.Outcome.pending.rawValue else { return .notDecided }
            var result = ReopenResult.reopened
            if row.text("outcome") == PermitApplication.Outcome.granted.rawValue {
                guard let client = try await ClientStore.load(ex, ids: [clientID], organisation: organisation).first else { return .notFound }
                if let day = row.text("decided_on").flatMap({ Day(iso: $0) }),
                   let periods = ApplicationRules.history(undoingGrantOf: pathway, on: day, until: row.text("permit_until").flatMap { Day(iso: $0) }, previousEnd: ApplicationRules.PreviousEnd(code: row.text("grant_previous_end")),
                                                          from: client.facts.status ?? []) {
                    try await ex.execute(SQL("DELETE FROM status_periods WHERE client_id = ?", [clientID]))
                    try await ClientStore.writeStatus(ex, clientID: clientID, periods: periods)
                    // A change of the status history like the editor's: a form opened before it must not undo it.
                    _ = try await ClientStore.raiseRevision(ex, clientID: clientID, organisation: organisation, basedOn: nil, now: audit.now)
                    try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                              action: "update", entity: "status_history", entityID: clientID, clientID: clientID)
                } else {
                    result = .reopenedHistoryUntouched
                }
            }
            try await ex.execute(SQL("UPDATE applications SET outcome = 'pending', decided_on = NULL, permit_until = NULL, grant_previous_end = NULL WHERE id = ?", [applicationID]))
            try await ex.execute(SQL("UPDATE cases SET state = 'application_filed' WHERE id = ? AND state = 'decided'", [caseID]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "reopen", entity: "application", entityID: applicationID, clientID: clientID)
            return result
        }
    }

    /// The client's applications filed by `on` and not yet decided, oldest first.
    public func filedPending(clientID: String, organisation: String, on: Day) async throws -> [FiledApplication] {
        try await db.read { ex in
            try await ex.query(SQL("""
                SELECT pathway, filed_on FROM applications WHERE client_id = ? AND organisation_id = ? AND outcome = 'pending' AND filed_on <= ?
                ORDER BY filed_on
                """, [clientID, organisation, on.iso])).compactMap { r in
                    guard let k = r.text("pathway").flatMap(PathwayKey.init(rawValue:)), let d = r.text("filed_on").flatMap({ Day(iso: $0) }) else { return nil }
                    return FiledApplication(pathway: k, filedOn: d)
                }
        }
    }

    /// The filing day of the client's earliest application still pending on `on` (filed by then, not decided): the
    /// application date the engine applies to every pathway (SPEC.md K10). Nil when none is pending.
    public func pendingSince(clientID: String, organisation: String, on: Day) async throws -> Day? {
        try await filedPending(clientID: clientID, organisation: organisation, on: on).first?.filedOn
    }

    public func applications(caseID: String, organisation: String) async throws -> [PermitApplication] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM applications WHERE case_id = ? AND organisation_id = ? ORDER BY filed_on, created_at", [caseID, organisation])).map(Self.application)
        }
    }

    /// All applications of an organisation (reports).
    /// Every application of the organisation, for its reports: with those of erased files (ClientStore.keepStatistics),
    /// which belong to no case and no client.
    public func reportApplications(organisation: String) async throws -> [PermitApplication] {
        try await db.read { ex in
            try await ex.query(SQL("""
                SELECT id, case_id, client_id, pathway, filed_on, decided_on, outcome, permit_until FROM applications WHERE organisation_id = ?
                UNION ALL
                SELECT id, '' AS case_id, '' AS client_id, pathway, filed_on, decided_on, outcome, NULL AS permit_until FROM erased_applications WHERE organisation_id = ?
                ORDER BY filed_on, id
                """, [organisation, organisation])).map(Self.application)
        }
    }

    static func application(_ r: SQLRow) throws -> PermitApplication {
        PermitApplication(id: try r.string("id"), caseID: try r.string("case_id"), clientID: try r.string("client_id"),
                          pathway: PathwayKey(rawValue: try r.string("pathway")) ?? .p25b, filedOn: Day(iso: try r.string("filed_on")) ?? .distantPast,
                          decidedOn: r.text("decided_on").flatMap { Day(iso: $0) },
                          outcome: r.text("outcome").flatMap(PermitApplication.Outcome.init(rawValue:)) ?? .pending,
                          permitUntil: r.text("permit_until").flatMap { Day(iso: $0) })
    }

    // MARK: Documents

    /// Records the state of one document of a case (and the uploaded file, if any); false if there is no such case.
    public func setDocument(caseID: String, organisation: String, kind: DocumentKind, state: ChecklistItem.State, receivedOn: Day?,
                            file: StoredFile?, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard let c = try await ex.one(SQL("SELECT client_id FROM cases WHERE id = ? AND organisation_id = ?", [caseID, organisation])) else { return false }
            let existing = try await ex.one(SQL("SELECT * FROM case_documents WHERE case_id = ? AND kind = ?", [caseID, kind.rawValue]))
            // A new state without a new file keeps the file already stored.
            let f = file ?? existing.flatMap(Self.file)
            if let existing {
                try await ex.execute(SQL("""
                    UPDATE case_documents SET state = ?, received_on = ?, file_name = ?, content_type = ?, size = ?, sha256 = ?, updated_at = ? WHERE id = ?
                    """, [state.rawValue, receivedOn?.iso, f?.name, f?.contentType, f?.size, f?.sha256, audit.now, try existing.string("id")]))
            } else {
                try await ex.execute(SQL("""
                    INSERT INTO case_documents (id, organisation_id, case_id, kind, state, received_on, file_name, content_type, size, sha256, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [UUID().uuidString.lowercased(), organisation, caseID, kind.rawValue, state.rawValue, receivedOn?.iso, f?.name, f?.contentType,
                          f?.size, f?.sha256, audit.now]))
            }
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "update", entity: "document", entityID: "\(caseID):\(kind.rawValue)", clientID: c.text("client_id"))
            return true
        }
    }

    /// Whether any case document or consent scan still points to the stored file with this checksum (files are stored
    /// once by content, so a replaced one may still be another record's).
    /// Removes the stored upload `sha256` from `uploads` when no record points to it any more; true if it was removed.
    public func removeFileIfUnused(_ sha256: String, uploads: String) async throws -> Bool {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit), try await !fileInUse(sha256: sha256) else { return false }
        return (try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: uploads, isDirectory: true).appendingPathComponent(sha256).path)) != nil
    }

    public func fileInUse(sha256: String) async throws -> Bool {
        try await db.read { ex in
            try await ex.one(SQL("SELECT 1 AS x FROM case_documents WHERE sha256 = ? UNION ALL SELECT 1 AS x FROM consents WHERE scan_sha256 = ? LIMIT 1",
                                 [sha256, sha256])) != nil
        }
    }

    public func documents(caseID: String, organisation: String) async throws -> [RecordedDocument] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM case_documents WHERE case_id = ? AND organisation_id = ?", [caseID, organisation])).compactMap { r in
                guard let kind = r.text("kind").flatMap(DocumentKind.init(rawValue:)) else { return nil }
                return RecordedDocument(kind: kind, state: r.text("state").flatMap(ChecklistItem.State.init(rawValue:)) ?? .missing,
                                        receivedOn: r.text("received_on").flatMap { Day(iso: $0) }, file: Self.file(r))
            }
        }
    }

    static func file(_ r: SQLRow) -> StoredFile? {
        guard let name = r.text("file_name"), let type = r.text("content_type"), let size = r.int("size"), let sum = r.text("sha256") else { return nil }
        return StoredFile(name: name, contentType: type, size: size, sha256: sum)
    }
}
