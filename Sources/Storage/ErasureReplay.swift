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
    }

    /// This database's id, the one its journal entries carry.
    static func installation(_ ex: any SQLExecutor) async throws -> String {
        guard let id = try await ex.one("SELECT id FROM installation")?.text("id") else { throw StorageError.corrupt("installation: no id") }
        return id
    }

    /// Writes the erasure into `journal` (if there is one), inside the erasure's transaction.
    static func journal(_ journal: ErasureJournal?, _ ex: any SQLExecutor, _ kind: ErasureJournal.Kind, organisation: String, id: String,
                        at: String) async throws {
        guard let journal else { return }
        try journal.append(.init(at: at, installation: try await installation(ex), kind: kind, organisation: organisation, id: id))
    }

    /// Erases again, each in a transaction of its own with its audit event (user `system`), every record of the
    /// journal that this database still holds; entries of other databases are left alone. Idempotent.
    public static func replay(_ db: any SQLDatabase, journal: ErasureJournal, uploads: String, now: String) async throws -> Summary {
        let (entries, malformed) = try journal.entries()
        var summary = Summary(malformed: malformed)
        guard !entries.isEmpty else { return summary }
        let installation = try await db.read { ex in try await Self.installation(ex) }
        var files: Set<String> = []
        for e in entries where e.installation == installation {
            switch e.kind {
            case .client:
                let erased: [String]? = try await db.transaction { ex in
                    // Locked: instances starting together on one PostgreSQL erase it once.
                    let lock = ex.dialect == .postgres ? " FOR UPDATE" : ""
                    guard try await ex.one(SQL("SELECT id FROM clients WHERE id = ? AND organisation_id = ?" + lock, [e.id, e.organisation])) != nil else { return nil }
                    let files = try await ClientStore.eraseRecords(ex, of: e.id)
                    try await AuditLog.append(ex, at: now, userID: "system", organisationID: e.organisation, action: "erase", entity: "client",
                                              entityID: e.id, clientID: e.id)
                    return files
                }
                if let erased { summary.clients += 1; files.formUnion(erased) }
            case .referral:
                let withdrawn: Bool = try await db.transaction { ex in
                    let lock = ex.dialect == .postgres ? " FOR UPDATE" : ""
                    guard try await ex.one(SQL("SELECT id FROM referrals WHERE id = ? AND authority_id = ? AND state = 'pending'" + lock, [e.id, e.organisation])) != nil else { return false }
                    try await CooperationStore.blank(ex, referralID: e.id, on: Day(iso: e.at.prefix(10)) ?? Day(iso: now.prefix(10)) ?? .distantPast, reason: "")
                    try await AuditLog.append(ex, at: now, userID: "system", organisationID: e.organisation, action: "withdraw", entity: "referral",
                                              entityID: e.id, clientID: nil)
                    return true
                }
                if withdrawn { summary.referrals += 1 }
            }
        }
        let store = ApplicationStore(db: db)
        for h in files.sorted() where h.count == 64 && h.allSatisfy(\.isHexDigit) {
            guard try await !store.fileInUse(sha256: h) else { continue }
            let path = URL(fileURLWithPath: uploads, isDirectory: true).appendingPathComponent(h).path
            if (try? FileManager.default.removeItem(atPath: path)) != nil { summary.files += 1 }
        }
        return summary
    }
}
