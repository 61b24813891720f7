import Foundation
import Storage
import Testing
@testable import Web

/// `bleibe backup` and `bleibe restore` on SQLite: a consistent copy of the database and of the documents it points
/// to, checked, restorable only into a new installation; a changed copy is caught.
@Suite("Backup and restore")
struct BackupTests {
    /// A fixture on SQLite with a case, a session, an uploaded document and a logged-in session.
    func withData(_ body: (Fixture, SQLiteStore, [UInt8]) async throws -> Void) async throws {
        try await Fixture.test(.sqlite) { f in
            let pdf = Array("%PDF-1.4\n% Sicherung\n".utf8) + Array(repeating: 0x20, count: 700)
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.10.2026")
                #expect(try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "german_certificate", "state": "received", "received_on": "10.11.2026"],
                                           file: ("file", "Zertifikat.pdf", "application/pdf", pdf)).status == .seeOther)
                // An orphan in the upload directory (no record points to it) is not carried into a backup.
                try Data("übrig".utf8).write(to: URL(fileURLWithPath: f.services.config.uploadDirectory).appendingPathComponent(String(repeating: "a", count: 64)))
            }
            try await body(f, try #require(f.services.db as? SQLiteStore), pdf)
        }
    }

    func scratch() -> String { FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-backup-\(UUID().uuidString)").path }

    func count(_ db: any SQLDatabase, _ table: String) async throws -> Int {
        try await db.read { try await $0.one(SQL("SELECT COUNT(*) AS n FROM \(table)"))?.int("n") ?? 0 }
    }

    @Test func aBackupHoldsTheDatabaseAndItsDocumentsButNoLoginSession() async throws {
        try await withData { f, store, pdf in
            let dir = scratch()
            #expect(try await count(store, "sessions") > 0)
            let s = try await Backup.write(store, uploads: f.services.config.uploadDirectory, secretKey: f.services.config.secretKeyFile, to: dir, now: "2026-11-22T09:00:00.000Z")
            #expect(s.sound && s.chainIntact)
            let clients = try await count(store, "clients")
            #expect(s.clients == clients && s.files == 1)
            // The backup is an event of the live trail, and the copy holds it as its last one.
            let live = try await AuditLog.verify(store)
            #expect(live.problem == nil && s.auditEvents == live.checked)
            let last = try await store.read { try await $0.one("SELECT action, user_id, client_id FROM audit_events ORDER BY seq DESC LIMIT 1") }
            #expect(last?.text("action") == "backup" && last?.text("user_id") == "system" && last?.text("client_id") == nil)

            let copy = try await SQLiteStore.open(path: dir + "/" + Backup.databaseFile, readers: 0)
            let sessions = try await count(copy, "sessions"), documents = try await count(copy, "case_documents")
            #expect(sessions == 0 && documents == 1)
            await copy.shutdown()
            let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/uploads")
            #expect(files.count == 1 && FileManager.default.contents(atPath: dir + "/uploads/" + files[0]).map(Array.init) == pdf)
            // Readable by the owner only.
            for path in [dir, dir + "/uploads", dir + "/uploads/" + files[0]] {
                let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
                #expect(mode & 0o077 == 0, "\(path) is \(String(mode, radix: 8))")
            }
            // Nothing is overwritten.
            await #expect(throws: Backup.Refusal.self) {
                _ = try await Backup.write(store, uploads: f.services.config.uploadDirectory, secretKey: f.services.config.secretKeyFile, to: dir, now: "2026-11-22T09:01:00.000Z")
            }
        }
    }

    @Test func verificationFindsAChangedAuditEventAndAChangedOrMissingDocument() async throws {
        try await withData { f, store, _ in
            let dir = scratch()
            #expect(try await Backup.write(store, uploads: f.services.config.uploadDirectory, secretKey: f.services.config.secretKeyFile, to: dir, now: "2026-11-22T09:00:00.000Z").sound)
            let file = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/uploads").first)
            var bytes = try #require(FileManager.default.contents(atPath: dir + "/uploads/" + file))
            bytes[bytes.count - 1] = 0x21
            try bytes.write(to: URL(fileURLWithPath: dir + "/uploads/" + file))
            #expect(try await Backup.verify(directory: dir).problems == ["Dokument \(file) ist verändert"])
            try FileManager.default.removeItem(atPath: dir + "/uploads/" + file)
            #expect(try await Backup.verify(directory: dir).problems == ["Dokument \(file) fehlt in der Sicherung"])
            // Without the key, the sealed second factors could not be read after a restore.
            try FileManager.default.removeItem(atPath: dir + "/" + Backup.keyFile)
            #expect(try await Backup.verify(directory: dir).problems.contains("Der Schlüssel der zweiten Faktoren (secret.key) fehlt in der Sicherung"))

            let other = scratch()
            #expect(try await Backup.write(store, uploads: f.services.config.uploadDirectory, secretKey: f.services.config.secretKeyFile, to: other, now: "2026-11-22T09:05:00.000Z").sound)
            let copy = try await SQLiteStore.open(path: other + "/" + Backup.databaseFile, readers: 0)
            try await copy.transaction { try await $0.execute("UPDATE audit_events SET action = 'read' WHERE seq = 2") }
            try await copy.read { _ = try await $0.query("PRAGMA journal_mode=DELETE") }
            await copy.shutdown()
            let broken = try await Backup.verify(directory: other)
            #expect(!broken.chainIntact && broken.problems == ["Protokoll: Ereignis 2 wurde verändert"])
            // A broken backup restores nothing.
            let target = scratch()
            await #expect(throws: Backup.Refusal.self) {
                _ = try await Backup.restore(from: other, sqlitePath: target + "/bleibe.sqlite", uploads: target + "/uploads")
            }
            #expect(!FileManager.default.fileExists(atPath: target))
        }
    }

    @Test func aRestoreMakesANewInstallationThatServesTheSameFile() async throws {
        try await withData { f, store, pdf in
            let dir = scratch()
            #expect(try await Backup.write(store, uploads: f.services.config.uploadDirectory, secretKey: f.services.config.secretKeyFile, to: dir, now: "2026-11-22T09:00:00.000Z").sound)
            // Into an existing database: refused, the file untouched.
            let live = try #require(try await store.read { try await $0.one("SELECT file FROM pragma_database_list WHERE name = 'main'") }?.text("file"))
            await #expect(throws: Backup.Refusal.self) {
                _ = try await Backup.restore(from: dir, sqlitePath: live, uploads: f.services.config.uploadDirectory)
            }
            let target = scratch()
            // The key of the second factors travels with the backup; another key at the target is refused first.
            try FileManager.default.createDirectory(atPath: target + "/data", withIntermediateDirectories: true)
            _ = try SecretBox.loadOrCreate(path: target + "/data/secret.key")
            await #expect(throws: Backup.Refusal.self) {
                _ = try await Backup.restore(from: dir, sqlitePath: target + "/data/bleibe.sqlite", uploads: target + "/data/uploads", secretKey: target + "/data/secret.key")
            }
            #expect(!FileManager.default.fileExists(atPath: target + "/data/bleibe.sqlite"))
            try FileManager.default.removeItem(atPath: target + "/data/secret.key")
            // Another installation's erasure journal (entries, none of this one): refused before anything is written,
            // since it would repeat none of this installation's erasures (QA32 F7).
            let foreign = ErasureJournal(path: target + "/other.journal")
            try foreign.append(ErasureJournal.Entry(at: "2026-11-22T09:30:00.000Z", installation: "another-installation", kind: .client, organisation: "org-a", id: "client-a"))
            await #expect { _ = try await Backup.restore(from: dir, sqlitePath: target + "/data/bleibe.sqlite", uploads: target + "/data/uploads",
                                                         secretKey: target + "/data/secret.key", journal: foreign) } throws: {
                ($0 as? Backup.Refusal)?.description.contains("gehört zu einer anderen") == true
            }
            #expect(!FileManager.default.fileExists(atPath: target + "/data/bleibe.sqlite") && !FileManager.default.fileExists(atPath: target + "/data/secret.key"))
            // Its own journal, with an entry of this installation beside the other's, is taken.
            let own = ErasureJournal(path: target + "/own.journal")
            let installation = try #require(try await store.read { try await $0.one("SELECT id FROM installation") }?.text("id"))
            try own.append(ErasureJournal.Entry(at: "2026-11-22T09:30:00.000Z", installation: "another-installation", kind: .client, organisation: "org-a", id: "x"))
            try own.append(ErasureJournal.Entry(at: "2026-11-22T09:40:00.000Z", installation: installation, kind: .auditHead, organisation: "-", id: "1:00"))
            let s = try await Backup.restore(from: dir, sqlitePath: target + "/data/bleibe.sqlite", uploads: target + "/data/uploads", secretKey: target + "/data/secret.key",
                                             journal: own)
            #expect(s.sound && s.files == 1)
            #expect(FileManager.default.contents(atPath: target + "/data/secret.key") == FileManager.default.contents(atPath: f.services.config.secretKeyFile!))
            // The restored installation opens, migrates, and serves the client and the document as before.
            let restored = try await SQLiteStore.open(path: target + "/data/bleibe.sqlite")
            try await Migrations.migrate(restored, now: "2026-11-22T10:00:00.000Z")
            #expect(try await AuditLog.verify(restored).problem?.contains("Schlüssel der Installation gesichert, der hier fehlt") == true)
            restored.auditKey.use(try SecretBox.load(path: target + "/data/secret.key").auditChainKey)
            #expect(try await AuditLog.verify(restored).problem == nil)
            var config = f.services.config
            config.uploadDirectory = target + "/data/uploads"
            config.secretKeyFile = target + "/data/secret.key"
            _ = try await SecretBox.prepare(path: target + "/data/secret.key", db: restored)
            let services = AppServices(config: config, db: restored, now: { f.clock.now() })
            #expect(try await services.clients.client(id: "client-a", organisation: "org-a")?.fileNumber == "A-1")
            #expect(try await services.accounts.account(email: f.login(.counselor).email)?.totpSecret == f.login(.counselor).totpSecret)
            let document = try #require(try await restored.read { try await $0.one("SELECT sha256 FROM case_documents") }?.text("sha256"))
            #expect(FileManager.default.contents(atPath: target + "/data/uploads/" + document).map(Array.init) == pdf)
            await restored.shutdown()
        }
    }

    /// A file where the backup's folder should be, and an empty file as a backup's database, are named as such
    /// (QA32 F15: Cocoa's "Not a directory" and "no such table: audit_events").
    @Test func aFileAsTargetAndAnEmptyDatabaseAreNamed() async throws {
        let root = scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try await SQLiteStore.open(path: root + "/live/bleibe.sqlite")
        try await Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z")
        FileManager.default.createFile(atPath: root + "/afile", contents: Data("x".utf8))
        await #expect { _ = try await Backup.write(store, uploads: root + "/uploads", to: root + "/afile", now: "2026-11-22T09:00:00.000Z") } throws: {
            ($0 as? Backup.Refusal)?.description.contains("ist eine Datei, kein Verzeichnis") == true
        }
        await store.shutdown()
        #expect(FileManager.default.contents(atPath: root + "/afile") == Data("x".utf8))
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root + "/empty/bleibe.sqlite", contents: Data())
        await #expect { _ = try await Backup.verify(directory: root + "/empty") } throws: {
            ($0 as? Backup.Refusal)?.description.contains("keine Bleibe-Datenbank") == true
        }
    }

    /// A backup that fails midway (here: the database is already closed) leaves no half-written directory behind.
    @Test func aFailedBackupLeavesNothingBehind() async throws {
        let root = scratch()
        let store = try await SQLiteStore.open(path: root + "/live/bleibe.sqlite")
        try await Migrations.migrate(store, now: "2026-11-22T08:00:00.000Z")
        await store.shutdown()
        let target = root + "/backup"
        await #expect(throws: (any Error).self) { _ = try await Backup.write(store, uploads: root + "/uploads", to: target, now: "2026-11-22T09:00:00.000Z") }
        #expect(!FileManager.default.fileExists(atPath: target))
        // An empty directory given as the target stays, empty.
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        await #expect(throws: (any Error).self) { _ = try await Backup.write(store, uploads: root + "/uploads", to: target, now: "2026-11-22T09:00:00.000Z") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).isEmpty)
    }
}

