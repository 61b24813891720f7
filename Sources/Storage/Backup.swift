import Crypto
import Foundation

/// A backup of a SQLite installation: a consistent copy of the database and of the documents it points to, in a
/// directory of its own, checked after writing and again before a restore.
///
/// Layout: `bleibe.sqlite`, `uploads/<sha256>` and `secret.key` (the key of the sealed TOTP keys, `SecretBox`: without it
/// a restored installation could check no second factor; a backup is as secret as the installation). Not copied: login sessions and failed-login counters (a stolen
/// backup must not carry a live session) and screening jobs (lists kept only for days, re-uploaded when needed).
/// PostgreSQL installations are backed up with `pg_dump` and a copy of the upload directory instead.
public enum Backup {
    public static let databaseFile = "bleibe.sqlite"
    public static let uploadsFolder = "uploads"
    public static let keyFile = "secret.key"

    /// What a backup holds, and what is wrong with it (empty when it is sound).
    public struct Summary: Sendable, Equatable {
        public var clients = 0
        public var auditEvents = 0
        public var files = 0
        public var bytes: Int64 = 0
        public var problems: [String] = []
        /// The audit trail's hash chain checked and whole (`auditEvents` counts the events up to a break).
        public var chainIntact = false
        /// The installation the backup was made of (its id in the erasure journal's entries).
        public var installation: String?
        public var sound: Bool { problems.isEmpty }
    }

    /// A refusal before anything is written, in German for the operator.
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public let description: String
        public init(_ d: String) { description = d }
    }

    /// Writes a backup of `store` and the documents under `uploads` into `directory` (created; it must not exist or
    /// be empty), then checks it. Readable by the owner only.
    /// The backup is an audit event of its own (it reads every file), recorded before the copy so that the copy holds it.
    public static func write(_ store: SQLiteStore, uploads: String, secretKey: String? = nil, to directory: String, now: String) async throws -> Summary {
        let fm = FileManager.default
        // A file in the target's place is said as such (QA32 F15: Cocoa's "Not a directory").
        var folder: ObjCBool = false
        if fm.fileExists(atPath: directory, isDirectory: &folder), !folder.boolValue {
            throw Refusal("\(directory) ist eine Datei, kein Verzeichnis; die Sicherung braucht ein neues oder leeres Verzeichnis.")
        }
        if fm.fileExists(atPath: directory), try !fm.contentsOfDirectory(atPath: directory).isEmpty {
            throw Refusal("Das Zielverzeichnis \(directory) ist nicht leer; eine Sicherung überschreibt nichts.")
        }
        let target = URL(fileURLWithPath: directory, isDirectory: true), existed = fm.fileExists(atPath: directory)
        do {
            return try await fill(target, from: store, uploads: uploads, secretKey: secretKey, now: now)
        } catch {
            // Nothing half-written: a failed backup leaves the target as it found it (absent, or empty).
            try? fm.removeItem(at: target)
            if existed { try? fm.createDirectory(at: target, withIntermediateDirectories: true) }
            throw error
        }
    }

    static func fill(_ target: URL, from store: SQLiteStore, uploads: String, secretKey: String?, now: String) async throws -> Summary {
        let fm = FileManager.default
        let files = target.appendingPathComponent(uploadsFolder, isDirectory: true)
        try fm.createDirectory(at: files, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: target.path)
        let copyPath = target.appendingPathComponent(databaseFile).path
        try await store.transaction { ex in
            try await AuditLog.append(ex, at: now, userID: AuditLog.systemID, organisationID: AuditLog.systemID, action: "backup", entity: "database",
                                      entityID: target.lastPathComponent, clientID: nil)
        }
        try await store.copy(to: copyPath)
        var problems: [String] = []
        let copy = try await SQLiteStore.open(path: copyPath, readers: 0)
        do {
            try await copy.transaction { ex in
                for table in ["sessions", "login_attempts", "screening_jobs"] { try await ex.execute(SQL("DELETE FROM \(table)")) }
            }
            // The documents the copy points to, not what the directory holds now: a file uploaded after the snapshot
            // belongs to the next backup, an orphan to none.
            for sum in try await referencedFiles(copy) {
                let source = URL(fileURLWithPath: uploads, isDirectory: true).appendingPathComponent(sum)
                guard fm.fileExists(atPath: source.path) else {
                    problems.append("Dokument \(sum) fehlt im Upload-Verzeichnis \(uploads)")
                    continue
                }
                try fm.copyItem(at: source, to: files.appendingPathComponent(sum))
            }
            // One self-contained file: the deletions moved from the write-ahead log into it, no log left beside it.
            try await copy.read { ex in
                _ = try await ex.query("PRAGMA wal_checkpoint(TRUNCATE)")
                _ = try await ex.query("PRAGMA journal_mode=DELETE")
            }
        } catch {
            await copy.shutdown()
            throw error
        }
        await copy.shutdown()
        if let secretKey, fm.fileExists(atPath: secretKey) { try fm.copyItem(atPath: secretKey, toPath: target.appendingPathComponent(keyFile).path) }
        try restrict(target)
        var summary = try await verify(directory: target.path)
        summary.problems = problems + summary.problems
        return summary
    }

    /// Checks a backup: SQLite's integrity check, the audit trail's hash chain, and every document the database points
    /// to present with the content its name (its SHA-256) promises. Changes nothing.
    public static func verify(directory: String) async throws -> Summary {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        let path = root.appendingPathComponent(databaseFile).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw Refusal("\(directory) ist keine Sicherung: \(databaseFile) fehlt.")
        }
        // Not a database (truncated, overwritten): said before any copy is opened (QA32 F1: the driver stopped the
        // process and left the copy behind).
        do { try DatabaseFile.check(path, mustExist: true, writable: false) } catch let f as DatabaseFile.Failure {
            throw Refusal("\(directory): die Sicherung ist beschädigt – \(f.description)")
        }
        // A copy to read from: opening a file sets it up for writing (WAL), and the backup must stay as it was.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let readable = scratch.appendingPathComponent(databaseFile).path
        try FileManager.default.copyItem(atPath: path, toPath: readable)
        let db = try await SQLiteStore.open(path: readable, readers: 0)
        // The chain's keyed links are checked with the key the backup carries.
        let backupKey = root.appendingPathComponent(keyFile).path
        if FileManager.default.fileExists(atPath: backupKey), let box = try? SecretBox.load(path: backupKey) { db.auditKey.use(box.auditChainKey) }
        var s = Summary()
        do {
            // An empty file is a valid SQLite database with no tables (QA32 F15: "no such table: audit_events").
            guard try await db.read({ try await $0.one("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'audit_events'") }) != nil else {
                throw Refusal("\(directory): \(databaseFile) ist keine Bleibe-Datenbank (leer oder von einem anderen Programm) – keine Sicherung.")
            }
            let check = try await db.read { try await $0.query("PRAGMA integrity_check").compactMap { $0.text("integrity_check") } }
            if check != ["ok"] { s.problems.append("Datenbank beschädigt: " + check.prefix(3).joined(separator: "; ")) }
            let chain = try await AuditLog.verify(db)
            s.auditEvents = chain.checked
            if let p = chain.problem { s.problems.append("Protokoll: \(p)") } else { s.chainIntact = true }
            s.clients = try await db.read { try await $0.one("SELECT COUNT(*) AS n FROM clients")?.int("n") ?? 0 }
            s.installation = try await db.read { try await $0.one("SELECT id FROM installation")?.text("id") }
            // Sealed second factors need the key that sealed them.
            if let sealed = try await db.read({ try await $0.one("SELECT totp_secret FROM users WHERE totp_secret LIKE 'enc1:%' LIMIT 1")?.text("totp_secret") }) {
                let key = root.appendingPathComponent(keyFile).path
                if !FileManager.default.fileExists(atPath: key) {
                    s.problems.append("Der Schlüssel der zweiten Faktoren (\(keyFile)) fehlt in der Sicherung")
                } else if (try? SecretBox.load(path: key).open(sealed)) == nil {
                    s.problems.append("Der Schlüssel \(keyFile) der Sicherung öffnet ihre zweiten Faktoren nicht")
                }
            }
            for sum in try await referencedFiles(db) {
                let file = root.appendingPathComponent(uploadsFolder).appendingPathComponent(sum)
                guard let data = FileManager.default.contents(atPath: file.path) else {
                    s.problems.append("Dokument \(sum) fehlt in der Sicherung"); continue
                }
                if Hex.string(SHA256.hash(data: data)) != sum { s.problems.append("Dokument \(sum) ist verändert") }
                s.files += 1; s.bytes += Int64(data.count)
            }
        } catch {
            await db.shutdown()
            throw error
        }
        await db.shutdown()
        s.bytes += (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64).flatMap { $0 } ?? 0
        return s
    }

    /// Restores a sound backup into a new installation: the database file at `sqlitePath` (which must not exist – the
    /// damaged one is moved aside first, so nothing is overwritten) and the documents into `uploads`.
    /// - Parameter journal: the erasure journal the restored installation will use: refused when it holds entries but
    ///   none of the backup's installation – another installation's journal would repeat none of its erasures (QA32 F7).
    public static func restore(from directory: String, sqlitePath: String, uploads: String, secretKey: String? = nil,
                               journal: ErasureJournal? = nil) async throws -> Summary {
        let fm = FileManager.default
        for p in [sqlitePath, sqlitePath + "-wal"] where fm.fileExists(atPath: p) {
            throw Refusal("\(p) besteht bereits. Die Datenbank erst beiseite legen (Server angehalten), dann wiederherstellen.")
        }
        let backupKey = URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(keyFile).path
        if let secretKey, fm.fileExists(atPath: secretKey), fm.fileExists(atPath: backupKey), fm.contents(atPath: secretKey) != fm.contents(atPath: backupKey) {
            throw Refusal("\(secretKey) besteht bereits und ist ein anderer Schlüssel als der der Sicherung. Ihn erst beiseite legen (er gehört zu einer anderen Datenbank), dann wiederherstellen.")
        }
        let summary = try await verify(directory: directory)
        guard summary.sound else {
            throw Refusal("Die Sicherung ist nicht in Ordnung, nichts wiederhergestellt:\n" + summary.problems.joined(separator: "\n"))
        }
        if let journal, fm.fileExists(atPath: journal.path), let installation = summary.installation {
            let entries = try journal.entries().entries
            if ErasureJournal.holdsOnlyOthers(entries, than: installation) {
                throw Refusal("""
                    Das Löschjournal \(journal.path) enthält \(entries.count == 1 ? "einen Eintrag" : "\(entries.count) Einträge"), aber keinen der gesicherten Installation: es gehört zu einer \
                    anderen (eine zweite Installation auf diesem Rechner?). Mit ihm würde keine Löschung seit der Sicherung wiederholt. \
                    BLEIBE_ERASURE_JOURNAL auf das Journal dieser Installation setzen. Es wurde nichts geschrieben.
                    """)
            }
        }
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        let dbURL = URL(fileURLWithPath: sqlitePath)
        // Owner-only, as the server makes them (QA of 06.12.2026: 0755 by the umask).
        try fm.createDirectory(at: dbURL.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let uploadsURL = URL(fileURLWithPath: uploads, isDirectory: true)
        try fm.createDirectory(at: uploadsURL, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // Documents first, the database last (copied, then renamed): a database in place is a complete restore.
        for name in try fm.contentsOfDirectory(atPath: root.appendingPathComponent(uploadsFolder).path) where !name.hasPrefix(".") {
            let to = uploadsURL.appendingPathComponent(name)
            if !fm.fileExists(atPath: to.path) {
                try fm.copyItem(at: root.appendingPathComponent(uploadsFolder).appendingPathComponent(name), to: to)
                try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: to.path)
            }
        }
        if let secretKey, fm.fileExists(atPath: backupKey), !fm.fileExists(atPath: secretKey) {
            try? fm.createDirectory(atPath: (secretKey as NSString).deletingLastPathComponent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try fm.copyItem(atPath: backupKey, toPath: secretKey)
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secretKey)
        }
        let temp = dbURL.deletingLastPathComponent().appendingPathComponent(".\(dbURL.lastPathComponent).\(UUID().uuidString)")
        try fm.copyItem(at: root.appendingPathComponent(databaseFile), to: temp)
        try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temp.path)
        try fm.moveItem(at: temp, to: dbURL)
        return summary
    }

    /// The SHA-256 names of every stored document the database points to (case documents and consent scans).
    static func referencedFiles(_ db: SQLiteStore) async throws -> [String] {
        try await db.read { ex in
            try await ex.query("""
                SELECT sha256 AS h FROM case_documents WHERE sha256 IS NOT NULL
                UNION SELECT scan_sha256 AS h FROM consents WHERE scan_sha256 IS NOT NULL ORDER BY h
                """).compactMap { $0.text("h") }
        }.filter { $0.count == 64 && $0.allSatisfy(\.isHexDigit) }
    }

    /// Owner-only permissions on everything below `root` (the backup holds every client's data).
    static func restrict(_ root: URL) throws {
        let fm = FileManager.default
        guard let walk = fm.enumerator(atPath: root.path) else { return }
        for case let relative as String in walk {
            let path = root.appendingPathComponent(relative).path
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: path, isDirectory: &isDir)
            try fm.setAttributes([.posixPermissions: isDir.boolValue ? 0o700 : 0o600], ofItemAtPath: path)
        }
    }
}
