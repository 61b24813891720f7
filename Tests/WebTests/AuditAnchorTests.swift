import Crypto
import Foundation
@testable import Storage
import Testing
@testable import Web

/// The hash chain alone misses a deleted tail deleted with its head, and events deleted with the chain computed anew
/// (QA of 06.12.2026). Heads written outside the database catch both.
@Suite("Audit anchors outside the database")
struct AuditAnchorTests {
    func head(_ db: any SQLDatabase) async throws -> (seq: Int, hash: String) {
        try await db.read { ex in
            let r = try #require(try await ex.one("SELECT seq, hash FROM audit_head WHERE id = 1"))
            return (try #require(r.int("seq")), try r.string("hash"))
        }
    }

    func events(_ db: any SQLDatabase, _ n: Int, at: String) async throws {
        try await db.transaction { ex in
            for i in 0..<n {
                try await AuditLog.append(ex, at: at, userID: "user-0", organisationID: "org-a", action: "read", entity: "client", entityID: "client-\(i)", clientID: "client-a")
            }
        }
    }

    /// What someone with write access to the database (and not to the journal) can do: delete `seq` and compute the
    /// chain after it anew, renumbered, with a matching head. `key`: the links' key, if they stole it too (nil: the
    /// plain hash, all that the database alone gives).
    func deleteAndRechain(_ db: any SQLDatabase, _ seq: Int, key: SymmetricKey?) async throws {
        try await db.transaction { ex in
            let rows = try await ex.query(SQL("SELECT * FROM audit_events WHERE seq >= ? ORDER BY seq", [seq]))
            try await ex.execute(SQL("DELETE FROM audit_events WHERE seq >= ?", [seq]))
            var prev = seq == 1 ? AuditLog.genesis : try #require(try await ex.one(SQL("SELECT hash FROM audit_events WHERE seq = ?", [seq - 1]))?.string("hash"))
            var n = seq - 1
            for r in rows.dropFirst() {
                let e = try AuditLog.event(r)
                n += 1
                let h = AuditLog.digest(prev: prev, seq: n, at: e.at, userID: e.userID, organisationID: e.organisationID, action: e.action,
                                        entity: e.entity, entityID: e.entityID, clientID: e.clientID, key: key)
                try await ex.execute(SQL("""
                    INSERT INTO audit_events (seq, at, user_id, organisation_id, action, entity, entity_id, client_id, prev_hash, hash, keyed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [n, e.at, e.userID, e.organisationID, e.action, e.entity, e.entityID, e.clientID, prev, h, key == nil ? 0 : 1]))
                prev = h
            }
            try await ex.execute(SQL("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", [n, prev]))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aChainComputedAnewOrATailDeletedWithItsHeadFailsAgainstTheAnchors(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            let store = f.services.db
            let journal = ErasureJournal(path: try #require(f.services.config.erasureJournal))
            try await events(store, 6, at: "2026-11-22T08:00:00.000Z")
            #expect(try await AuditAnchors.write(store, journal: journal, at: "2026-11-22T08:10:00.000Z"))
            #expect(try await !AuditAnchors.write(store, journal: journal, at: "2026-11-22T08:20:00.000Z"))   // the head has not moved
            let anchored = try await head(store)
            try await events(store, 2, at: "2026-11-22T08:30:00.000Z")
            #expect(try await AuditLog.verify(store, anchors: AuditAnchors.current(store, journal: journal)).isIntact)

            // Event 3 deleted and the chain computed anew by someone who also has the key: intact to the chain alone,
            // not to the anchor.
            try await deleteAndRechain(store, 3, key: try #require(store.auditKey.key))
            #expect(try await AuditLog.verify(store).isIntact)
            let rechained = try await AuditLog.verify(store, anchors: AuditAnchors.current(store, journal: journal))
            #expect(rechained.problem == "Ereignis \(anchored.seq) weicht vom Anker vom 2026-11-22 08:10 UTC ab (Ereignisse gelöscht und Kette neu berechnet?)")

            // A restore starts the anchors anew from the restored head; then the tail deleted with its head shows.
            try await AuditAnchors.write(store, journal: journal, at: "2026-11-22T09:00:00.000Z", restart: true)
            #expect(try await AuditLog.verify(store, anchors: AuditAnchors.current(store, journal: journal)).isIntact)
            let last = try await head(store)
            try await store.transaction { ex in
                try await ex.execute(SQL("DELETE FROM audit_events WHERE seq = ?", [last.seq]))
                let previous = try #require(try await ex.one(SQL("SELECT hash FROM audit_events WHERE seq = ?", [last.seq - 1]))?.string("hash"))
                try await ex.execute(SQL("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", [last.seq - 1, previous]))
            }
            #expect(try await AuditLog.verify(store).isIntact)
            let truncated = try await AuditLog.verify(store, anchors: AuditAnchors.current(store, journal: journal))
            #expect(truncated.problem == "Ende der Kette fehlt: am 2026-11-22 09:00 UTC reichte sie bis Ereignis \(last.seq)")
            // The journal holds no name and no content: ids, sequence numbers and hashes.
            let text = try String(contentsOfFile: journal.path, encoding: .utf8)
            // The restart begins a lineage of its own (a random id), whose anchors the database reads from then on.
            let restartLine = try #require(text.split(separator: "\n").first { $0.contains("\taudit_restart\t") })
            let lineage = String(restartLine.split(separator: "\t")[3])
            #expect(text.split(separator: "\n").count == 2 && text.contains("\taudit_head\t-\t") && lineage != "-" && lineage.count == 36)
            #expect(try await store.read { try await $0.one("SELECT lineage FROM installation")?.text("lineage") } == lineage)
        }
    }

    /// The links are HMACs under a key outside the database (QA42 F1): a chain computed anew from the database alone
    /// fails without any anchor, whether with the plain hash or under another key; events from before the key stay
    /// checked by their plain hash, and the server refuses to start with another key file.
    @Test(arguments: TestDatabase.available)
    func withoutTheKeyTheChainCannotBeComputedAnew(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            let store = f.services.db
            let key = try #require(store.auditKey.key)
            try await events(store, 5, at: "2026-11-22T08:00:00.000Z")
            let intact = try await AuditLog.verify(store)
            #expect(intact.isIntact && intact.keyedFrom == 1)
            let rows = try await store.read { try await $0.query("SELECT keyed FROM audit_events") }
            #expect(!rows.isEmpty && rows.allSatisfy { $0.int("keyed") == 1 })

            try await deleteAndRechain(store, 3, key: nil)
            let plain = try await AuditLog.verify(store)
            #expect(plain.problem == "Ereignis 3 ist ohne Schlüssel verkettet, obwohl die Kette ab Ereignis 1 mit Schlüssel gesichert ist (Kette neu berechnet?)")
            try await deleteAndRechain(store, 3, key: SymmetricKey(size: .bits256))
            #expect(try await AuditLog.verify(store).problem == "Ereignis 3 wurde verändert")
            try await deleteAndRechain(store, 3, key: key)
            #expect(try await AuditLog.verify(store).isIntact)

            // Without the key a keyed link cannot be checked: said, not passed.
            let keyless = try await SQLiteStore.open(path: nil)
            do { try await keyedAfterPlain(keyless, key: key, keyFile: try #require(f.services.config.secretKeyFile)) } catch {
                await keyless.shutdown(); throw error
            }
            await keyless.shutdown()
        }
    }

    func keyedAfterPlain(_ keyless: SQLiteStore, key: SymmetricKey, keyFile: String) async throws {
            try await Migrations.migrate(keyless, now: "2026-11-22T08:00:00.000Z")
            try await events(keyless, 2, at: "2026-11-22T08:00:00.000Z")          // written before the key existed
            #expect(try await AuditLog.verify(keyless).keyedFrom == nil)
            keyless.auditKey.use(key)
            try await events(keyless, 2, at: "2026-11-22T08:05:00.000Z")
            let mixed = try await AuditLog.verify(keyless)
            #expect(mixed.isIntact && mixed.keyedFrom == 3 && mixed.checked == 4)
            let reopened = try await AuditLog.verify(WithoutKey(base: keyless))
            #expect(reopened.problem == "Ereignis 3 ist mit dem Schlüssel der Installation gesichert, der hier fehlt (BLEIBE_SECRET_KEY_FILE: secret.key der Datenbank)")

            // Another key file is refused before the database is touched.
            let other = NSTemporaryDirectory() + "bleibe-other-\(UUID().uuidString).key"
            defer { try? FileManager.default.removeItem(atPath: other) }
            _ = try SecretBox.loadOrCreate(path: other)
            await #expect(throws: SecretBox.Failure.self) { try await SecretBox.check(path: other, db: keyless) }
            try await SecretBox.check(path: keyFile, db: keyless)
            await #expect(throws: SecretBox.Failure.self) { try await SecretBox.check(path: other + ".missing", db: keyless) }
    }

    /// The maintenance pass writes the head (the server does so every ten minutes).
    @Test(arguments: TestDatabase.available)
    func theMaintenancePassAnchorsTheHead(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            let journal = ErasureJournal(path: try #require(f.services.config.erasureJournal))
            try await events(f.services.db, 1, at: "2026-11-22T08:00:00.000Z")
            await Maintenance.run(f.services)
            let anchors = try await AuditAnchors.current(f.services.db, journal: journal)
            let h = try await head(f.services.db)
            #expect(anchors.map(\.seq) == [h.seq] && anchors.first?.hash == h.hash)
        }
    }
}

/// A database seen without the key of its audit chain (as by a command that lacks secret.key).
struct WithoutKey: SQLDatabase {
    let base: any SQLDatabase
    let auditKey = AuditKey()
    var dialect: SQLDialect { base.dialect }
    func read<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T { try await base.read(body) }
    func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T { try await base.transaction(body) }
    func shutdown() async {}
}
