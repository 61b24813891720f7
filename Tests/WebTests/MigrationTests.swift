import Counseling
import Eligibility
import Foundation
import Storage
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test(arguments: TestDatabase.available)
    func migratingTwiceAndConcurrentlyIsHarmless(_ db: TestDatabase) async throws {
        let store = try await db.open()
        async let a: Void = Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z")
        async let b: Void = Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z")
        _ = try await (a, b)
        let versions = try await store.read { try await $0.query("SELECT version FROM schema_migrations ORDER BY version").compactMap { $0.int("version") } }
        #expect(versions == Migrations.all.map(\.version))
        await TestDatabase.dispose(store)
    }

    /// A database a newer release has migrated is refused, before anything is written (QA32 F14).
    @Test(arguments: TestDatabase.available)
    func aDatabaseOfANewerReleaseIsRefused(_ db: TestDatabase) async throws {
        let store = try await db.open()
        try await Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z")
        let future = Migrations.all.last!.version + 1
        try await store.transaction { try await $0.execute(SQL("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'later', '2027-01-01T00:00:00.000Z')", [future])) }
        await #expect(throws: Migrations.TooNew.self) { try await Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z") }
        do { try await Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z") } catch let e as Migrations.TooNew {
            #expect(e.description.contains("Migration \(future)") && e.description.contains("bis \(future - 1)"))
        }
        await TestDatabase.dispose(store)
    }

    /// A change of the name key's folds comes with a migration that recomputes the stored keys (0030: "Rachimi" is
    /// found as "Rahimi" in records made before, and the name as one word is stored).
    @Test(arguments: TestDatabase.available)
    func storedNameKeysAreRecomputedWhenTheFoldsChange(_ db: TestDatabase) async throws {
        let store = try await db.open()
        try await Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z")
        try await store.transaction { ex in
            try await ex.execute(SQL("INSERT INTO organisations (id, name, kind, city, land, created_at) VALUES ('o-mig', 'Stelle', 'counseling_service', 'Elbstadt', 'DE-SN', '2026-11-22T08:00:00.000Z')"))
            try await ex.execute(SQL("INSERT INTO clients (id, organisation_id, file_number, first_name, last_name, name_key, facts_json, created_at, updated_at) VALUES ('c-mig', 'o-mig', 'M-1', 'Achmed', 'Rachimi', 'stale', '{}', '2026-11-22T08:00:00.000Z', '2026-11-22T08:00:00.000Z')"))
            try await ex.execute(SQL("DELETE FROM schema_migrations WHERE version = 30"))
            try await ex.execute(SQL("ALTER TABLE clients DROP COLUMN name_joined"))
        }
        try await Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z")
        let row = try await store.read { try await $0.one(SQL("SELECT name_key, name_joined FROM clients WHERE id = 'c-mig'")) }
        let key = row?.text("name_key")
        #expect(key == NameMatching.key("Achmed Rachimi") && key == NameMatching.key("Ahmad Rahimi"))
        #expect(row?.text("name_joined") == NameMatching.joinedKey("Ahmad Rahimi"))
        await TestDatabase.dispose(store)
    }

    /// 0039 recomputes all three keys in one pass (English "dzh" read as German "dsch").
    @Test(arguments: TestDatabase.available)
    func migration39RecomputesEveryNameKey(_ db: TestDatabase) async throws {
        let store = try await db.open()
        try await Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z")
        try await store.transaction { ex in
            try await ex.execute(SQL("INSERT INTO organisations (id, name, kind, city, land, created_at) VALUES ('o-mig', 'Stelle', 'counseling_service', 'Elbstadt', 'DE-SN', '2026-11-22T08:00:00.000Z')"))
            try await ex.execute(SQL("INSERT INTO clients (id, organisation_id, file_number, first_name, last_name, name_key, name_joined, name_near, facts_json, created_at, updated_at) VALUES ('c-mig', 'o-mig', 'M-1', 'Islam', 'Dzhabrailov', 'stale', 'stale', 'stale', '{}', '2026-11-22T08:00:00.000Z', '2026-11-22T08:00:00.000Z')"))
            try await ex.execute(SQL("DELETE FROM schema_migrations WHERE version = 39"))
        }
        try await Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z")
        let row = try await store.read { try await $0.one(SQL("SELECT name_key, name_joined, name_near FROM clients WHERE id = 'c-mig'")) }
        #expect(row?.text("name_key") == NameMatching.searchKey("Islam Dschabrailow"))
        #expect(row?.text("name_joined") == NameMatching.joinedKey("Islam Dzhabrailov") && row?.text("name_near") == NameMatching.nearKey("Islam Dzhabrailov"))
        await TestDatabase.dispose(store)
    }

    /// 0040 turns a place that only said "Telefon" into the appointment's mode, which client pages translate (QA40).
    @Test(arguments: TestDatabase.available)
    func migration40TurnsAPhonePlaceIntoTheMode(_ db: TestDatabase) async throws {
        let store = try await db.open()
        try await Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z")
        try await store.transaction { ex in
            try await ex.execute(SQL("DELETE FROM schema_migrations WHERE version = 40"))
            try await ex.execute(SQL("ALTER TABLE appointments DROP COLUMN mode"))
            try await ex.execute(SQL("INSERT INTO organisations (id, name, kind, city, land, created_at) VALUES ('o-mig', 'Stelle', 'counseling_service', 'Elbstadt', 'DE-SN', '2026-11-22T08:00:00.000Z')"))
            try await ex.execute(SQL("INSERT INTO users (id, organisation_id, email, display_name, role, active, password_hash, created_at) VALUES ('u-mig', 'o-mig', 'u@example.org', 'U', 'counselor', 1, 'x', '2026-11-22T08:00:00.000Z')"))
            try await ex.execute(SQL("INSERT INTO clients (id, organisation_id, file_number, first_name, last_name, name_key, facts_json, created_at, updated_at) VALUES ('c-mig', 'o-mig', 'M-1', 'A', 'B', 'b', '{}', '2026-11-22T08:00:00.000Z', '2026-11-22T08:00:00.000Z')"))
            for (id, place) in [("a1", " Telefon "), ("a2", "Raum 1"), ("a3", "Videoberatung"), ("a4", "Telefon 0351 123")] {
                try await ex.execute(SQL("INSERT INTO appointments (id, organisation_id, client_id, counselor_id, on_day, start_minute, duration_minutes, place, language, state, requested_via, created_at) VALUES (?, 'o-mig', 'c-mig', 'u-mig', '2026-11-24', 600, 60, ?, 'Deutsch', 'requested', 'phone', '2026-11-22T08:00:00.000Z')", [id, place]))
            }
        }
        try await Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z")
        let rows = try await store.read { try await $0.query(SQL("SELECT id, place, mode FROM appointments ORDER BY id")) }
        #expect(rows.map { "\($0.text("id") ?? ""):\($0.text("mode") ?? ""):\($0.text("place") ?? "")" }
                == ["a1:phone:", "a2:in_person:Raum 1", "a3:video:", "a4:in_person:Telefon 0351 123"])
        await TestDatabase.dispose(store)
    }

    /// A consent recorded before signatures were kept was in force from its start: it stays so, signed on that day.
    @Test(arguments: TestDatabase.available)
    func migration41KeepsRecordedConsentsInForce(_ db: TestDatabase) async throws {
        let store = try await db.open()
        try await Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z")
        try await store.transaction { ex in
            try await ex.execute(SQL("DELETE FROM schema_migrations WHERE version = 41"))
            try await ex.execute(SQL("ALTER TABLE consents DROP COLUMN signed_on"))
            try await ex.execute(SQL("INSERT INTO organisations (id, name, kind, city, land, created_at) VALUES ('o-mig', 'Stelle', 'counseling_service', 'Elbstadt', 'DE-SN', '2026-11-22T08:00:00.000Z')"))
            try await ex.execute(SQL("INSERT INTO organisations (id, name, kind, city, land, created_at) VALUES ('o-abh', 'ABH', 'authority', 'Elbstadt', 'DE-SN', '2026-11-22T08:00:00.000Z')"))
            try await ex.execute(SQL("INSERT INTO users (id, organisation_id, email, display_name, role, active, password_hash, created_at) VALUES ('u-mig', 'o-mig', 'u@example.org', 'U', 'counselor', 1, 'x', '2026-11-22T08:00:00.000Z')"))
            try await ex.execute(SQL("INSERT INTO clients (id, organisation_id, file_number, first_name, last_name, name_key, facts_json, created_at, updated_at) VALUES ('c-mig', 'o-mig', 'M-1', 'A', 'B', 'b', '{}', '2026-11-22T08:00:00.000Z', '2026-11-22T08:00:00.000Z')"))
            try await ex.execute(SQL("INSERT INTO consents (id, organisation_id, client_id, recipient_id, purpose, topics, valid_from, language, form_version, created_by, created_at) VALUES ('k-mig', 'o-mig', 'c-mig', 'o-abh', 'Antrag', 'identity', '2026-03-01', 'Deutsch', 'SE-2026-1', 'u-mig', '2026-11-22T08:00:00.000Z')"))
        }
        try await Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z")
        // Read through `SELECT *`, whose kept statement SQLite re-prepares for the new column (SQLiteReader).
        let consent = try await CooperationStore(db: store).consents(clientID: "c-mig", organisation: "o-mig").first
        #expect(consent?.signedOn == Day("2026-03-01") && consent?.isValid(on: Day("2026-11-22")) == true, "\(String(describing: consent))")
        await TestDatabase.dispose(store)
    }
}
