import Foundation
import Storage
import Testing
@testable import Web

/// A database file is checked before the driver opens it (QA32 F1, F6): the driver stopped the process on a file that
/// is no database, and a read-only command created an empty database at a mistyped path.
@Suite("Database file checks")
struct DatabaseFileTests {
    @Test func aFileThatIsNoDatabaseOrAMissingOneIsSaidBeforeOpening() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-dbfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let garbage = dir.appendingPathComponent("garbage.sqlite").path
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: garbage))
        #expect(throws: DatabaseFile.Failure.self) { try DatabaseFile.check(garbage, mustExist: false) }
        let missing = dir.appendingPathComponent("missing.sqlite").path
        #expect(throws: DatabaseFile.Failure.self) { try DatabaseFile.check(missing, mustExist: true) }
        try DatabaseFile.check(missing, mustExist: false)   // a new database may be made there
        #expect(!FileManager.default.fileExists(atPath: missing))
        let empty = dir.appendingPathComponent("empty.sqlite").path
        FileManager.default.createFile(atPath: empty, contents: nil)
        try DatabaseFile.check(empty, mustExist: true)
        #expect(throws: DatabaseFile.Failure.self) { try DatabaseFile.check(dir.path, mustExist: true) }
    }

    /// A truncated backup is refused by its verification, not a stopped process (and no copy stays behind).
    @Test func aTruncatedBackupIsRefused() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("SQLite form".utf8).write(to: dir.appendingPathComponent(Backup.databaseFile))
        await #expect(throws: Backup.Refusal.self) { _ = try await Backup.verify(directory: dir.path) }
    }

    /// Ready means the database answers; healthy only that the process runs.
    @Test(arguments: TestDatabase.available)
    func readinessAsksTheDatabase(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let ready = try await b.request(.get, "/readyz")
                #expect(ready.status == .ok && ready.body.contains("\"status\":\"ok\""))
            }
        }
    }
}
