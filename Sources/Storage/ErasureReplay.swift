import Eligibility
import Foundation

/// Repeats the journal's erasures on a database that still holds the erased records: one restored from a backup made
/// before them (SQLite by `bleibe restore`, PostgreSQL by `pg_restore`). The server does it at every start, so an
/// erased file never comes back whichever way the database was restored.
public enum ErasureReplay {
    public struct Summary: Sendable, Equatable {
        /// Client files and withdrawn referrals erased again.
        public var clients = 0
        public var referrals = 0
        /// Uploads no record points to any more, removed from the upload directory.
        public var files = 0
        /// Lines of the journal that are no entries (reported to the operator, never guessed at).
        public var malformed: [Int] = []
        /// The journal holds entries, none of this installation: likely another installation's journal (QA32 F7).
        public var foreignOnly = false
    }

    /// Erases again, each in a transaction of its own with its audit event (user `system`), every record of the
    /// journal that this database still holds; entries of other databases are left alone. Idempotent.
    public static func replay(_ db: any SQLDatabase, journal: ErasureJournal, uploads: String, now: String) async throws -> Summary {
        // A journal that is not there while the database records erasures is the wrong path, not an empty journal
        // (QA of 06.12.2026: a restore run from another folder brought erased files back without a word).
        if !FileManager.default.fileExists(atPath: journal.path) {
            let recorded = try await db.read { ex in
                try await ex.one("SELECT COUNT(*) AS n FROM audit_events WHERE (action = 'erase' AND entity = 'client') OR (action = 'withdraw' AND entity = 'referral')")?.int("n") ?? 0
            }
            if recorded > 0 {
                throw ErasureJournal.Failure(description: """
                    Löschjournal \(journal.path) fehlt, die Datenbank verzeichnet aber \(recorded) Löschungen: ohne das Journal kämen gelöschte Akten \
                    aus einer älteren Sicherung zurück. BLEIBE_ERASURE_JOURNAL auf das Journal setzen (ein Pfad relativ zum aktuellen Ordner?). \
                    Stammen alle Löschungen aus der Zeit vor dem Journal (vor Migration 29), eine leere Datei an diesem Ort anlegen.
                    """)
            }
        }
        let (entries, malformed) = try journal.entries()
        var summary = Summary(malformed: malformed)
        guard !entries.isEmpty else { return summary }
        let installation = try await db.read { ex in try await ErasureJournal.installation(ex) }
        var files: Set<String> = []
        summary.foreignOnly = ErasureJournal.holdsOnlyOthers(entries, than: installation)
        for e in entries where e.installation == installation {
            switch e.kind {
            case .client:
                let erased: [String]? = try await db.transaction { ex in
                    // Locked: instances starting together on one PostgreSQL erase it once.
                    guard try await ex.one(SQL("SELECT id FROM clients WHERE id = ? AND organisation_id = ?" + ex.forUpdate, [e.id, e.organisation])) != nil else { return nil }
                    let files = try await ClientStore.eraseRecords(ex, of: e.id)
                    try await AuditLog.append(ex, at: now, userID: AuditLog.systemID, organisationID: e.organisation, action: "erase", entity: "client",
                                              entityID: e.id, clientID: e.id)
                    return files
                }
                if let erased { summary.clients += 1; files.formUnion(erased) }
            case .referral:
                let withdrawn: Bool = try await db.transaction { ex in
                    guard try await ex.one(SQL("SELECT id FROM referrals WHERE id = ? AND authority_id = ? AND state = 'pending'" + ex.forUpdate, [e.id, e.organisation])) != nil else { return false }
                    try await CooperationStore.blank(ex, referralID: e.id, on: Day(iso: e.at.prefix(10)) ?? Day(iso: now.prefix(10)) ?? .distantPast, reason: "")
                    try await AuditLog.append(ex, at: now, userID: AuditLog.systemID, organisationID: e.organisation, action: "withdraw", entity: "referral",
                                              entityID: e.id, clientID: nil)
                    return true
                }
                if withdrawn { summary.referrals += 1 }
            case .auditHead, .auditRestart:
                continue
            }
        }
        let store = ApplicationStore(db: db)
        for h in files.sorted() where try await store.removeFileIfUnused(h, uploads: uploads) { summary.files += 1 }
        return summary
    }
}
