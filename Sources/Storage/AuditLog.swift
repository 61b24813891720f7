import Crypto
import Foundation

/// One event of the audit trail: who did what to which record, when — never the content.
public struct AuditEvent: Sendable, Hashable {
    public var seq: Int
    public var at: String
    public var userID: String
    public var organisationID: String
    public var action: String
    public var entity: String
    public var entityID: String
    public var clientID: String?
    public var prevHash: String
    public var hash: String
    /// The link is an HMAC under the installation's key (see `AuditKey`), not a plain hash.
    public var keyed: Bool
}

/// The key of the audit chain's links, derived from `secret.key` (kept outside the database) and set when the database
/// is opened. With a plain hash chain, whoever can write the database can delete events and compute the chain anew
/// (QA42 F1); an HMAC chain cannot be computed anew without the key. Without a key (a database opened without a key
/// file) events are linked by the plain hash, as before the key existed.
public final class AuditKey: @unchecked Sendable {
    private let lock = NSLock()
    private var value: SymmetricKey?
    public init() {}
    public var key: SymmetricKey? { lock.withLock { value } }
    public func use(_ key: SymmetricKey) { lock.withLock { value = key } }
}

/// The append-only audit trail: every row carries the hash of the previous one, so a changed or deleted row
/// breaks the chain and `verify` finds it.
public enum AuditLog {
    /// Who wrote events without a user: the server itself (erasure, backups, screenings) and `bleibe demo` filling a
    /// fresh database (QA42 coordination #5: the seeded files read as opened by the demo coordinator, and drowned her
    /// real accesses in the access review).
    public static let systemID = "system", seederID = "demo"

    /// The German name of an actor that is no user, or nil.
    public static func actorName(_ id: String) -> String? {
        id == systemID ? "System" : id == seederID ? "Demo-Daten (beim Einrichten angelegt)" : nil
    }

    public static let genesis = String(repeating: "0", count: 64)

    /// Appends an event inside the caller's transaction (so the write and its audit row commit together).
    public static func append(_ ex: any SQLExecutor, at: String, userID: String, organisationID: String, action: String,
                              entity: String, entityID: String, clientID: String?) async throws {
        try await appendAll(ex, [(at, userID, organisationID, action, entity, entityID, clientID)])
    }

    /// Appends events in one pass (one head read, one head write): one write's event, or the group commit of reads.
    static func appendAll(_ ex: any SQLExecutor, _ events: [(at: String, userID: String, organisationID: String, action: String,
                                                           entity: String, entityID: String, clientID: String?)]) async throws {
        guard !events.isEmpty else { return }
        // Lock the head first (row lock on PostgreSQL; SQLite has one writer anyway).
        try await ex.execute("UPDATE audit_head SET seq = seq WHERE id = 1")
        guard let head = try await ex.one("SELECT seq, hash FROM audit_head WHERE id = 1"),
              var seq = head.int("seq"), var prev = head.text("hash") else { throw StorageError.corrupt("audit head missing") }
        // The rows go in as multi-row INSERTs (each statement is a round trip to the database's thread or server).
        let key = ex.auditKey
        var rows: [any SQLBindable] = []
        func flush() async throws {
            guard !rows.isEmpty else { return }
            // A plain link leaves `keyed` to its default: the statement also fits a table from before that column.
            let marks = Array(repeating: key == nil ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)", count: rows.count / 10)
                .joined(separator: ", ")
            try await ex.execute(SQL("""
                INSERT INTO audit_events (seq, at, user_id, organisation_id, action, entity, entity_id, client_id, prev_hash, hash\(key == nil ? "" : ", keyed"))
                VALUES \(marks)
                """, rows))
            rows.removeAll(keepingCapacity: true)
        }
        for e in events {
            seq += 1
            let hash = digest(prev: prev, seq: seq, at: e.at, userID: e.userID, organisationID: e.organisationID, action: e.action,
                              entity: e.entity, entityID: e.entityID, clientID: e.clientID, key: key)
            rows += [seq, e.at, e.userID, e.organisationID, e.action, e.entity, e.entityID, e.clientID, prev, hash] as [any SQLBindable]
            prev = hash
            if rows.count >= 10 * 100 { try await flush() }
        }
        try await flush()
        try await ex.execute(SQL("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", [seq, prev]))
    }

    static func digest(prev: String, seq: Int, at: String, userID: String, organisationID: String, action: String,
                       entity: String, entityID: String, clientID: String?, key: SymmetricKey?) -> String {
        let fields = [prev, String(seq), at, userID, organisationID, action, entity, entityID, clientID ?? ""]
        // Length-prefixed fields: no two different rows serialize to the same bytes.
        let canonical = Data(fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|").utf8)
        guard let key else { return Hex.string(SHA256.hash(data: canonical)) }
        return Hex.string(HMAC<SHA256>.authenticationCode(for: canonical, using: key))
    }

    static func event(_ r: SQLRow) throws -> AuditEvent {
        AuditEvent(seq: r.int("seq") ?? 0, at: try r.string("at"), userID: try r.string("user_id"),
                   organisationID: try r.string("organisation_id"), action: try r.string("action"), entity: try r.string("entity"),
                   entityID: try r.string("entity_id"), clientID: r.text("client_id"), prevHash: try r.string("prev_hash"),
                   hash: try r.string("hash"), keyed: (r.int("keyed") ?? 0) != 0)
    }

    /// The events of one client, oldest first.
    /// The newest `limit` events of a client, or those before sequence number `before` (the next page back).
    public static func events(ofClient clientID: String, in db: any SQLDatabase, limit: Int = 500, before: Int? = nil) async throws -> [AuditEvent] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM audit_events WHERE client_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?", [clientID, before ?? Int.max, limit])).map(event)
        }
    }

    /// How many events concern the client.
    public static func count(ofClient clientID: String, in db: any SQLDatabase) async throws -> Int {
        try await db.read { try await $0.one(SQL("SELECT COUNT(*) AS n FROM audit_events WHERE client_id = ?", [clientID]))?.int("n") ?? 0 }
    }

    public struct Verification: Sendable, Equatable {
        public var checked: Int
        /// The first broken sequence number and why, or nil when the chain is intact.
        public var problem: String?
        /// The first event linked by the key (HMAC); those before carry the plain hash only.
        public var keyedFrom: Int? = nil
        public var isIntact: Bool { problem == nil }
    }

    /// Recomputes the chain: detects a changed row, a deleted row (a gap or a broken link) and a truncated tail.
    /// `anchors`: heads written outside the database (`AuditAnchors`); each named event must be there, unchanged.
    /// A keyed link needs the key to be checked; once the chain is keyed, an unkeyed event after it is a chain computed
    /// anew without the key.
    public static func verify(_ db: any SQLDatabase, anchors: [AuditAnchors.Anchor] = []) async throws -> Verification {
        let key = db.auditKey.key
        let anchored = Dictionary(anchors.filter { $0.seq > 0 }.map { ($0.seq, $0) }, uniquingKeysWith: { _, last in last })
        @Sendable func when(_ a: AuditAnchors.Anchor) -> String { a.at.prefix(16).replacingOccurrences(of: "T", with: " ") + " UTC" }
        return try await db.read { ex in
            let rows = try await ex.query("SELECT * FROM audit_events ORDER BY seq")
            var prev = genesis, expected = 1
            var keyedFrom: Int?
            func broken(_ problem: String) -> Verification { Verification(checked: expected - 1, problem: problem, keyedFrom: keyedFrom) }
            for r in rows {
                let e = try event(r)
                if e.seq != expected { return broken("Ereignis \(expected) fehlt (gelöscht?)") }
                if e.prevHash != prev { return broken("Ereignis \(e.seq): Verkettung gebrochen") }
                if e.keyed, keyedFrom == nil { keyedFrom = e.seq }
                if let first = keyedFrom, !e.keyed {
                    return broken("Ereignis \(e.seq) ist ohne Schlüssel verkettet, obwohl die Kette ab Ereignis \(first) mit Schlüssel gesichert ist (Kette neu berechnet?)")
                }
                if e.keyed, key == nil {
                    return broken("Ereignis \(e.seq) ist mit dem Schlüssel der Installation gesichert, der hier fehlt (BLEIBE_SECRET_KEY_FILE: secret.key der Datenbank)")
                }
                let h = digest(prev: prev, seq: e.seq, at: e.at, userID: e.userID, organisationID: e.organisationID, action: e.action,
                               entity: e.entity, entityID: e.entityID, clientID: e.clientID, key: e.keyed ? key : nil)
                if h != e.hash { return broken("Ereignis \(e.seq) wurde verändert") }
                if let a = anchored[e.seq], a.hash != e.hash {
                    return broken("Ereignis \(e.seq) weicht vom Anker vom \(when(a)) ab (Ereignisse gelöscht und Kette neu berechnet?)")
                }
                prev = e.hash; expected += 1
            }
            if let a = anchored.values.filter({ $0.seq > expected - 1 }).min(by: { $0.seq < $1.seq }) {
                return broken("Ende der Kette fehlt: am \(when(a)) reichte sie bis Ereignis \(a.seq)")
            }
            // The head row is made with the table (migration 1): without it, it was removed, perhaps with the
            // last events (QA of 05.12.2026: deleting both passed).
            let head = try await ex.one("SELECT seq, hash FROM audit_head WHERE id = 1")
            if head == nil {
                return broken("Kopfeintrag der Kette fehlt (Ende gelöscht?)")
            }
            if let head, head.int("seq") != expected - 1 || head.text("hash") != prev {
                return broken("Ende der Kette fehlt (letzte Ereignisse gelöscht?)")
            }
            return Verification(checked: expected - 1, problem: nil, keyedFrom: keyedFrom)
        }
    }
}
