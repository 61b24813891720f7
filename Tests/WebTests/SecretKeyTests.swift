import Foundation
import Storage
import Testing
@testable import Web

/// The TOTP keys are sealed in the database with a key kept outside it (`SecretBox`).
@Suite("Second factors sealed at rest")
struct SecretKeyTests {
    @Test(arguments: TestDatabase.available)
    func totpKeysAreStoredSealedAndStillLogIn(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            let login = f.login(.counselor)
            let stored = try await f.services.db.read { try await $0.one(SQL("SELECT totp_secret FROM users WHERE email = ?", [login.email]))?.text("totp_secret") }
            let secret = try #require(login.totpSecret)
            #expect(stored?.hasPrefix("enc1:") == true && stored?.contains(secret) == false)
            #expect(try await f.services.accounts.account(email: login.email)?.totpSecret == secret)
            try await f.run { b in _ = try await b.logIn(login) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func theKeyIsCheckedAgainstTheDatabaseBeforeStartAndOldSecretsAreSealed(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            let keyPath = try #require(f.services.config.secretKeyFile)
            let email = f.login(.coordinator).email
            let secret = try #require(f.login(.coordinator).totpSecret)
            // A secret stored before sealing (an older release) is sealed at the next start.
            try await f.services.db.transaction { try await $0.execute(SQL("UPDATE users SET totp_secret = ? WHERE email = ?", [secret, email])) }
            _ = try await SecretBox.prepare(path: keyPath, db: f.services.db)
            let resealed = try await f.services.db.read { try await $0.one(SQL("SELECT totp_secret FROM users WHERE email = ?", [email]))?.text("totp_secret") }
            #expect(resealed?.hasPrefix("enc1:") == true)
            #expect(try await f.services.accounts.account(email: email)?.totpSecret == secret)
            // Another installation's key: refused, naming the file; nothing is changed.
            let other = FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-otherkey-\(UUID().uuidString)").path
            _ = try SecretBox.loadOrCreate(path: other)
            defer { try? FileManager.default.removeItem(atPath: other) }
            await #expect { try await SecretBox.prepare(path: other, db: f.services.db) } throws: {
                ($0 as? SecretBox.Failure)?.description.contains("gehört nicht zu dieser Datenbank") == true
            }
            // No key at all while sealed secrets exist: refused, and no new key is made in its place.
            let missing = FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-nokey-\(UUID().uuidString)/secret.key").path
            await #expect { try await SecretBox.prepare(path: missing, db: f.services.db) } throws: {
                ($0 as? SecretBox.Failure)?.description.contains("fehlt") == true
            }
            #expect(!FileManager.default.fileExists(atPath: missing))
            // A key file that is none: said as such.
            #expect { try SecretBox.load(path: FileManager.default.temporaryDirectory.path) } throws: { ($0 as? SecretBox.Failure)?.description.contains("ist ein Ordner") == true }
            let mode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    /// A key refused at start leaves the database as it was: checked before the migrations run (review of the
    /// twenty-eighth session: a wrong key file left a migrated database behind).
    @Test func aRefusedKeyLeavesTheDatabaseUnmigrated() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-keyorder-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var config = AppConfig()
        config.sqlitePath = dir + "/bleibe.sqlite"; config.secretKeyFile = dir + "/secret.key"; config.uploadDirectory = dir + "/uploads"
        let now = "2026-11-22T08:00:00.000Z"
        var db = try await openDatabase(config, now: now)
        // A sealed second factor, and the database as an older release left it: its last migration not yet applied.
        let sealed = try SecretBox.load(path: config.secretKeyFile!).seal("JBSWY3DPEHPK3PXP")
        let last = Migrations.all.last!.version
        try await db.transaction { ex in
            try await ex.execute(SQL("INSERT INTO organisations (id, name, kind, city, land, created_at) VALUES ('o', 'O', 'counseling', 'Elbstadt', 'SN', ?)", [now]))
            try await ex.execute(SQL("INSERT INTO users (id, organisation_id, email, display_name, role, active, password_hash, totp_secret, created_at) VALUES ('u', 'o', 'u@example.org', 'U', 'counselor', 1, 'x', ?, ?)", [sealed, now]))
            try await ex.execute(SQL("DELETE FROM schema_migrations WHERE version = ?", [last]))
        }
        await db.shutdown()
        var other = config
        other.secretKeyFile = dir + "/other.key"
        _ = try SecretBox.loadOrCreate(path: other.secretKeyFile!)
        await #expect { try await openDatabase(other, now: now) } throws: { ($0 as? SecretBox.Failure)?.description.contains("gehört nicht zu dieser Datenbank") == true }
        db = try await SQLiteStore.open(path: config.sqlitePath)
        let versions = try await db.read { try await $0.query("SELECT version FROM schema_migrations").compactMap { $0.int("version") } }
        #expect(!versions.contains(last) && versions.count == Migrations.all.count - 1)
        await db.shutdown()
    }
}
