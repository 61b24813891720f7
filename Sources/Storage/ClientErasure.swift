import Counseling
import Eligibility
import Foundation

/// Erasing a client's file (Art. 17 DSGVO) once the counseling has ended: every record about the person goes in one
/// transaction. The audit trail keeps its events (they hold ids, never content) and gains one for the erasure; a
/// referral stays as the record that one was made, without the person's data and the link to the erased file, and
/// relatives' saved assessments no longer name the person.
extension ClientStore {
    public enum Erasure: Sendable, Equatable {
        /// Done; `files`: checksums of uploads the erased records pointed to (removed by the caller if unused now).
        case done(files: [String])
        case unknownClient
        /// Open cases or appointments from today on: the work is not finished (or must first be handed on).
        case openWork
    }

    public func erasureScope(clientID: String, organisation: String, today: Day) async throws -> ErasureScope {
        try await db.read { ex in
            func count(_ sql: String, _ binds: [any SQLBindable]) async throws -> Int { try await ex.one(SQL(sql, binds))?.int("n") ?? 0 }
            var s = ErasureScope()
            s.cases = try await count("SELECT COUNT(*) AS n FROM cases WHERE client_id = ? AND organisation_id = ?", [clientID, organisation])
            s.openCases = try await count("SELECT COUNT(*) AS n FROM cases WHERE client_id = ? AND organisation_id = ? AND state <> 'closed'", [clientID, organisation])
            s.sessions = try await count("SELECT COUNT(*) AS n FROM counseling_sessions WHERE client_id = ? OR case_id IN (SELECT id FROM cases WHERE client_id = ?)", [clientID, clientID])
            s.documents = try await count("SELECT COUNT(*) AS n FROM case_documents d JOIN cases c ON c.id = d.case_id WHERE c.client_id = ? AND d.sha256 IS NOT NULL", [clientID])
            s.consents = try await count("SELECT COUNT(*) AS n FROM consents WHERE client_id = ?", [clientID])
            s.appointments = try await count("SELECT COUNT(*) AS n FROM appointments WHERE client_id = ?", [clientID])
            s.upcomingAppointments = try await count("SELECT COUNT(*) AS n FROM appointments WHERE client_id = ? AND state <> 'cancelled' AND on_day >= ?", [clientID, today.iso])
            s.relations = try await count("SELECT COUNT(*) AS n FROM client_relations WHERE from_client = ? OR to_client = ?", [clientID, clientID])
            s.snapshots = try await count("SELECT COUNT(*) AS n FROM assessment_snapshots WHERE client_id = ?", [clientID])
            s.applications = try await count("SELECT COUNT(*) AS n FROM applications WHERE client_id = ?", [clientID])
            s.reminders = try await count("SELECT COUNT(*) AS n FROM case_reminders WHERE client_id = ?", [clientID])
            s.familyOpenCases = try await Self.familyOpenCases(ex, of: clientID)
            s.pendingApplications = try await Self.pendingApplications(ex, of: clientID)
            return s
        }
    }

    /// Erases the client `clientID` of `organisation` with everything recorded about them, unless a case is open or
    /// an appointment lies ahead.
    public func erase(clientID: String, organisation: String, today: Day, audit: AuditContext) async throws -> Erasure {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM clients WHERE id = ? AND organisation_id = ?" + ex.forUpdate, [clientID, organisation])) != nil else { return .unknownClient }
            let open = try await ex.one(SQL("SELECT COUNT(*) AS n FROM cases WHERE client_id = ? AND state <> 'closed'", [clientID]))?.int("n") ?? 0
            let ahead = try await ex.one(SQL("SELECT COUNT(*) AS n FROM appointments WHERE client_id = ? AND state <> 'cancelled' AND on_day >= ?",
                                             [clientID, today.iso]))?.int("n") ?? 0
            let family = try await Self.familyOpenCases(ex, of: clientID)
            let pending = try await Self.pendingApplications(ex, of: clientID)
            if open > 0 || ahead > 0 || family > 0 || pending > 0 { return .openWork }
            let files = try await Self.eraseRecords(ex, of: clientID, audit: audit)
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "erase",
                                      entity: "client", entityID: clientID, clientID: clientID)
            // Last before the commit: a journal that cannot be written leaves the file as it was.
            try await journal?.record(ex, .client, organisation: organisation, id: clientID, at: audit.now)
            return .done(files: files)
        }
    }
}

extension ClientStore {
    /// The client's applications not yet decided by the authority.
    static func pendingApplications(_ ex: any SQLExecutor, of clientID: String) async throws -> Int {
        try await ex.one(SQL("SELECT COUNT(*) AS n FROM applications WHERE client_id = ? AND outcome = 'pending'", [clientID]))?.int("n") ?? 0
    }

    /// The open cases of the client's relatives: those living in the same household, and those linked to them.
    static func familyOpenCases(_ ex: any SQLExecutor, of clientID: String) async throws -> Int {
        try await ex.one(SQL("""
            SELECT COUNT(*) AS n FROM cases c WHERE c.state <> 'closed' AND c.client_id <> ? AND (
                c.client_id IN (SELECT k.id FROM clients k JOIN clients me ON me.household_id = k.household_id WHERE me.id = ?)
                OR c.client_id IN (SELECT to_client FROM client_relations WHERE from_client = ?)
                OR c.client_id IN (SELECT from_client FROM client_relations WHERE to_client = ?))
            """, [clientID, clientID, clientID, clientID]))?.int("n") ?? 0
    }

    /// Deletes every record about the client `clientID` and keeps what the reports count; returns the checksums of
    /// the uploads the deleted records pointed to.
    /// `audit`: who erases; each relative's saved assessment rewritten is a write in that relative's trail (a replay
    /// after a restore passes nil: it repeats an erasure whose events the restored trail may not hold).
    static func eraseRecords(_ ex: any SQLExecutor, of clientID: String, audit: AuditContext? = nil) async throws -> [String] {
        var files: [String] = []
        for r in try await ex.query(SQL("SELECT sha256 FROM case_documents WHERE case_id IN (SELECT id FROM cases WHERE client_id = ?) AND sha256 IS NOT NULL", [clientID])) {
            if let h = r.text("sha256") { files.append(h) }
        }
        for r in try await ex.query(SQL("SELECT scan_sha256 FROM consents WHERE client_id = ? AND scan_sha256 IS NOT NULL", [clientID])) {
            if let h = r.text("scan_sha256") { files.append(h) }
        }
        // A relative's records may sit in this client's cases, and this client's in a relative's case (a child
        // counseled in the parent's case): both go, as records about the person or of the erased file.
        let byCase = "client_id = ? OR case_id IN (SELECT id FROM cases WHERE client_id = ?)"
        try await keepStatistics(ex, of: clientID, byCase: byCase)
        let rewritten = try await unnameInRelativesSnapshots(ex, of: clientID)
        if let audit {
            // QA28 F3: the relative's log showed nothing of the change to its snapshot.
            for (snapshot, owner) in rewritten {
                try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                          action: "update", entity: "assessment_snapshot", entityID: snapshot, clientID: owner)
            }
        }
        // The kept referral gets a new id: under its old one the service's audit trail ties it to the erased file's events
        // ("accept" names both), and the authority, which made it, knows whom it referred (QA18 L4). Nothing refers to a
        // referral's id but those events.
        for r in try await ex.query(SQL("SELECT id FROM referrals WHERE \(byCase)", [clientID, clientID])) {
            try await ex.execute(SQL("UPDATE referrals SET id = ? WHERE id = ?", [UUID().uuidString.lowercased(), try r.string("id")]))
        }
        // Children before parents: the foreign keys hold on PostgreSQL at every statement.
        for statement in [
            "DELETE FROM disclosures WHERE client_id = ?",
            "DELETE FROM consents WHERE client_id = ?",
            "DELETE FROM appointments WHERE client_id = ?",
            "DELETE FROM case_reminders WHERE \(byCase)",
            "DELETE FROM applications WHERE \(byCase)",
            "DELETE FROM case_documents WHERE case_id IN (SELECT id FROM cases WHERE client_id = ?)",
            "DELETE FROM counseling_sessions WHERE \(byCase)",
            // The referral stays as the record that a referral was made and answered, without the person: with their
            // name it would tie the erased file's id (in the audit trail) back to a name (QA of 06.12.2026).
            "UPDATE referrals SET case_id = NULL, client_id = NULL, \(CooperationStore.withoutPerson) WHERE \(byCase)",
            "DELETE FROM cases WHERE client_id = ?",
            "DELETE FROM assessment_snapshots WHERE client_id = ?",
            "DELETE FROM status_periods WHERE client_id = ?",
        ] { try await ex.execute(SQL(statement, Array(repeating: clientID, count: statement.filter { $0 == "?" }.count))) }
        try await ex.execute(SQL("DELETE FROM client_relations WHERE from_client = ? OR to_client = ?", [clientID, clientID]))
        try await ex.execute(SQL("DELETE FROM clients WHERE id = ?", [clientID]))
        return files
    }

    /// Relatives' saved assessments name family members in their texts ("Elternteil von Vikram Bains"): the erased
    /// person's name is replaced there (QA of 06.12.2026: it outlived the erasure). Searched in every snapshot of the
    /// service whose client has another name, so that a relation removed earlier is covered too; the name as the
    /// snapshot's JSON writes it.
    /// Returns the snapshots rewritten, with their clients, each once.
    static func unnameInRelativesSnapshots(_ ex: any SQLExecutor, of clientID: String) async throws -> [(snapshot: String, client: String)] {
        guard let c = try await ex.one(SQL("SELECT organisation_id, first_name, last_name FROM clients WHERE id = ?", [clientID])) else { return [] }
        let first = try c.string("first_name"), last = try c.string("last_name")
        let name = SnapshotRedaction.encoded("\(first) \(last)")
        guard name.count > 2 else { return [] }
        var rewritten: [(snapshot: String, client: String)] = []
        func note(_ r: SQLRow) throws {
            let id = try r.string("id")
            if !rewritten.contains(where: { $0.snapshot == id }) { rewritten.append((id, try r.string("client_id"))) }
        }
        let pattern = "%" + ClientStore.literal(name) + "%"
        let rows = try await ex.query(SQL("""
            SELECT s.id, s.client_id, s.document_json FROM assessment_snapshots s JOIN clients k ON k.id = s.client_id
            WHERE k.organisation_id = ? AND s.client_id <> ? AND NOT (k.first_name = ? AND k.last_name = ?) AND s.document_json LIKE ? ESCAPE '\\'
            """, [try c.string("organisation_id"), clientID, first, last, pattern]))
        let longer = try await SnapshotRedaction.longerNames(ex, organisation: try c.string("organisation_id"), except: clientID, containing: "\(first) \(last)")
        for r in rows {
            let json = try r.string("document_json")
            let redacted = SnapshotRedaction.replacing(name, in: json, protecting: longer)
            if redacted != json {
                try await ex.execute(SQL("UPDATE assessment_snapshots SET document_json = ? WHERE id = ?", [redacted, try r.string("id")]))
                try note(r)
            }
        }
        // The id too ("<id>/fdgo_declaration_on" among the open facts): it is the key of the erased file's audit events,
        // and would tie the relative's file to that history (QA of 06.12.2026).
        let withID = try await ex.query(SQL("""
            SELECT s.id, s.client_id, s.document_json FROM assessment_snapshots s JOIN clients k ON k.id = s.client_id
            WHERE k.organisation_id = ? AND s.client_id <> ? AND s.document_json LIKE ?
            """, [try c.string("organisation_id"), clientID, "%" + clientID + "%"]))
        for r in withID {
            let json = try r.string("document_json")
            try await ex.execute(SQL("UPDATE assessment_snapshots SET document_json = ? WHERE id = ?",
                                     [json.replacingOccurrences(of: clientID, with: SnapshotRedaction.erasedID), try r.string("id")]))
            try note(r)
        }
        return rewritten
    }

    /// Before the records go: what the service's reports count of them, without a name, a content or a link to any
    /// file (Art. 17 Abs. 3 lit. d with Art. 89 Abs. 1 DSGVO, § 27 BDSG: statistics of the funded counseling), so that
    /// a report of a past period gives the same figures after an erasure. Per session its day, kind, channel, language,
    /// the pathways discussed and the person's nationality, under a random key per person (persons are counted once);
    /// per application its regulation, days and outcome.
    static func keepStatistics(_ ex: any SQLExecutor, of clientID: String, byCase: String) async throws {
        let going = try await ex.query(SQL("""
            SELECT s.id, s.organisation_id, s.case_id, s.client_id, s.on_day, s.channel, s.language, s.pathways, c.nationality
            FROM counseling_sessions s JOIN clients c ON c.id = s.client_id
            WHERE s.client_id = ? OR s.case_id IN (SELECT id FROM cases WHERE client_id = ?)
            """, [clientID, clientID]))
        // The kind of a session is its place in its case. A case that stays (a relative's, where this person was
        // counseled too) and keeps sessions gets a new first one: the sessions that go count as follow-ups then, so
        // that the totals stay as they were.
        var cases: Set<String> = []
        for r in going { if let c = r.text("case_id") { cases.insert(c) } }
        var kinds: [String: CounselingSession.Kind] = [:]
        for caseID in cases.sorted() {
            let all = try await ex.query(SQL("SELECT id, on_day, created_at FROM counseling_sessions WHERE case_id = ? ORDER BY on_day, created_at, id", [caseID]))
            let leaving = Set(going.filter { $0.text("case_id") == caseID }.compactMap { $0.text("id") })
            let staysWithSessions = all.count > leaving.count
            for (i, r) in all.enumerated() {
                guard let id = r.text("id"), leaving.contains(id) else { continue }
                kinds[id] = i == 0 && !staysWithSessions ? .first : .followUp
            }
        }
        var persons: [String: String] = [:]
        for r in going {
            guard let id = r.text("id"), let person = r.text("client_id") else { continue }
            let key = persons[person] ?? UUID().uuidString.lowercased()
            persons[person] = key
            try await ex.execute(SQL("""
                INSERT INTO erased_sessions (id, organisation_id, person, on_day, kind, channel, language, pathways, nationality)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [UUID().uuidString.lowercased(), try r.string("organisation_id"), key, try r.string("on_day"), (kinds[id] ?? .followUp).rawValue,
                      try r.string("channel"), try r.string("language"), try r.string("pathways"), r.text("nationality")]))
        }
        // New ids throughout: the audit trail still names the old ones, with the client.
        for r in try await ex.query(SQL("SELECT organisation_id, pathway, filed_on, decided_on, outcome FROM applications WHERE \(byCase)", [clientID, clientID])) {
            try await ex.execute(SQL("INSERT INTO erased_applications (id, organisation_id, pathway, filed_on, decided_on, outcome) VALUES (?, ?, ?, ?, ?, ?)",
                                     [UUID().uuidString.lowercased(), try r.string("organisation_id"), try r.string("pathway"), try r.string("filed_on"),
                                      r.text("decided_on"), try r.string("outcome")]))
        }
    }

    /// The files of `organisation` without open work (no open case, no appointment from `today` on) whose last
    /// activity lies `years` or more before `today`, longest due first. One pass over each table, grouped by client
    /// (no per-client query: an organisation may hold a hundred thousand files).
    public func retentionDue(organisation: String, today: Day, years: Int) async throws -> [RetentionDue] {
        try await retentionDays(organisation: organisation, today: today, years: years).filter { $0.dueOn <= today }
    }

    /// The day the file `clientID` falls due for erasure if nothing happens any more; nil while work is open (or for
    /// a client not of `organisation`).
    public func retentionDay(clientID: String, organisation: String, today: Day, years: Int) async throws -> Day? {
        try await retentionDays(organisation: organisation, client: clientID, today: today, years: years).first?.dueOn
    }

    /// Every file of `organisation` (or only `client`) without open work, with the day it falls due.
    func retentionDays(organisation: String, client: String? = nil, today: Day, years: Int) async throws -> [RetentionDue] {
        try await db.read { ex in
            let own = client == nil ? "client_id IN (SELECT id FROM clients WHERE organisation_id = ?)" : "client_id = ?"
            let scope = client ?? organisation
            // Per client the latest day seen so far, and the clients with open work. A timestamp's day is enough here.
            var latest: [String: Day] = [:], busy: Set<String> = []
            func day(_ r: SQLRow, _ column: String) -> Day? { r.text(column).flatMap { Day(iso: $0.prefix(10)) } }
            func seen(_ r: SQLRow, _ columns: String...) {
                guard let id = r.text("client_id") else { return }
                latest[id] = Retention.lastActivity([latest[id]] + columns.map { day(r, $0) })
            }
            for r in try await ex.query(SQL("""
                SELECT client_id, MAX(opened_on) AS opened, MAX(closed_on) AS closed,
                       SUM(CASE WHEN state <> 'closed' THEN 1 ELSE 0 END) AS open
                FROM cases WHERE \(own) GROUP BY client_id
                """, [scope])) {
                seen(r, "opened", "closed")
                if (r.int("open") ?? 0) > 0, let id = r.text("client_id") { busy.insert(id) }
            }
            for r in try await ex.query(SQL("SELECT client_id, MAX(on_day) AS last FROM counseling_sessions WHERE \(own) GROUP BY client_id", [scope])) {
                seen(r, "last")
            }
            for r in try await ex.query(SQL("""
                SELECT client_id, MAX(on_day) AS last, SUM(CASE WHEN on_day >= ? THEN 1 ELSE 0 END) AS ahead
                FROM appointments WHERE state <> 'cancelled' AND \(own) GROUP BY client_id
                """, [today.iso, scope])) {
                seen(r, "last")
                if (r.int("ahead") ?? 0) > 0, let id = r.text("client_id") { busy.insert(id) }
            }
            // A procedure still running at the authority keeps the file (QA18 L3).
            for r in try await ex.query(SQL("SELECT DISTINCT client_id FROM applications WHERE outcome = 'pending' AND organisation_id = ?", [organisation])) {
                if let id = r.text("client_id") { busy.insert(id) }
            }
            // Relatives of a client with an open case are busy too: they may be counseled in it (QA18 M1).
            for r in try await ex.query(SQL("""
                SELECT k.id AS client_id FROM clients k JOIN clients o ON o.household_id = k.household_id
                    JOIN cases c ON c.client_id = o.id AND c.state <> 'closed' WHERE k.organisation_id = ?
                UNION SELECT r.from_client AS client_id FROM client_relations r JOIN cases c ON c.client_id = r.to_client AND c.state <> 'closed' WHERE c.organisation_id = ?
                UNION SELECT r.to_client AS client_id FROM client_relations r JOIN cases c ON c.client_id = r.from_client AND c.state <> 'closed' WHERE c.organisation_id = ?
                """, [organisation, organisation, organisation])) {
                if let id = r.text("client_id") { busy.insert(id) }
            }
            var due: [RetentionDue] = []
            let clients = SQL("SELECT id, file_number, first_name, last_name, created_at, updated_at FROM clients WHERE organisation_id = ?" + (client == nil ? "" : " AND id = ?"),
                              [organisation] + (client.map { [$0] } ?? []))
            for r in try await ex.query(clients) {
                guard let id = r.text("id"), !busy.contains(id),
                      let last = Retention.lastActivity([latest[id], day(r, "created_at"), day(r, "updated_at")]) else { continue }
                let dueOn = Retention.dueOn(lastActivity: last, years: years)
                due.append(RetentionDue(clientID: id, fileNumber: r.text("file_number") ?? "", name: "\(r.text("last_name") ?? ""), \(r.text("first_name") ?? "")",
                                        lastActivity: last, dueOn: dueOn))
            }
            return due.sorted { ($0.dueOn, $0.fileNumber) < ($1.dueOn, $1.fileNumber) }
        }
    }
}
