import Foundation

/// The audit trail's head, written now and then outside the database. The hash chain alone shows a changed or missing
/// row, but someone with write access to the database can delete the last events together with the head, or delete
/// events and compute the chain anew (QA of 06.12.2026). An anchor outside the database catches both: the event it
/// names must still be there, with the same hash. Anchors go to the erasure journal, the one file already kept apart
/// from the database (written by the maintenance pass, `bleibe backup` and `bleibe restore`).
public enum AuditAnchors {
    public struct Anchor: Sendable, Equatable {
        public var at: String
        public var seq: Int
        public var hash: String
        /// Written by a restore: the trail continues from here; what came before is checked by the chain alone.
        public var restart: Bool

        init?(_ e: ErasureJournal.Entry) {
            let parts = e.id.split(separator: ":")
            guard parts.count == 2, let seq = Int(parts[0]), parts[1].count == 64 else { return nil }
            self.at = e.at; self.seq = seq; self.hash = String(parts[1]); self.restart = e.kind == .auditRestart
        }
    }

    /// Writes the current head to the journal, unless the last anchor of this database names it already.
    /// `restart`: the database was restored; its trail continues from here and earlier anchors no longer apply. A
    /// restored copy starts a lineage of its own (a new random id in the database), so its anchors never mix with those
    /// of the database it was copied from, which may still be in service (QA of 06.12.2026: a restore drill with the
    /// live journal made the live database fail its verification).
    @discardableResult
    public static func write(_ db: any SQLDatabase, journal: ErasureJournal, at: String, restart: Bool = false) async throws -> Bool {
        if restart { try await db.transaction { ex in try await ex.execute(SQL("UPDATE installation SET lineage = ?", [UUID().uuidString.lowercased()])) } }
        let (installation, lineage, seq, hash) = try await db.read { ex in
            let head = try await ex.one("SELECT seq, hash FROM audit_head WHERE id = 1")
            return (try await ErasureJournal.installation(ex), try await Self.lineage(ex), head?.int("seq") ?? 0, head?.text("hash") ?? AuditLog.genesis)
        }
        if !restart, let last = try current(journal, installation: installation, lineage: lineage).last, last.seq == seq, last.hash == hash { return false }
        try journal.append(.init(at: at, installation: installation, kind: restart ? .auditRestart : .auditHead, organisation: lineage, id: "\(seq):\(hash)"))
        return true
    }

    /// The database's lineage, the organisation field of its anchors: "-" until it was first restored.
    static func lineage(_ ex: any SQLExecutor) async throws -> String {
        try await ex.one("SELECT lineage FROM installation")?.text("lineage") ?? "-"
    }

    /// The anchors that apply to the database: its own lineage's, from its last restart on.
    public static func current(_ db: any SQLDatabase, journal: ErasureJournal) async throws -> [Anchor] {
        let (installation, lineage) = try await db.read { ex in (try await ErasureJournal.installation(ex), try await Self.lineage(ex)) }
        return try current(journal, installation: installation, lineage: lineage)
    }

    static func current(_ journal: ErasureJournal, installation: String, lineage: String) throws -> [Anchor] {
        guard FileManager.default.fileExists(atPath: journal.path) else { return [] }
        var anchors: [Anchor] = []
        for e in try journal.entries().entries where e.installation == installation && e.organisation == lineage {
            switch e.kind {
            case .auditRestart: anchors = Anchor(e).map { [$0] } ?? []
            case .auditHead: if let a = Anchor(e) { anchors.append(a) }
            case .client, .referral: continue
            }
        }
        return anchors
    }
}
