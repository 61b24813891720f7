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
        await store.shutdown()
    }
}
