import Crypto
import Foundation
import NIOCore
import SQLiteNIO

/// An async mutual-exclusion lock (FIFO): one transaction at a time on a connection.
actor AsyncLock {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        if !locked { locked = true; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func unlock() {
        if waiters.isEmpty { locked = false } else { waiters.removeFirst().resume() }
    }

    func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await lock()
        do { let r = try await body(); unlock(); return r } catch { unlock(); throw error }
    }
}

/// SQLite through sqlite-nio: one writer connection (transactions serialized), a few reader connections (WAL lets
/// them read while a write is under way). `synchronous=FULL`: a committed change survives a power cut.
public final class SQLiteStore: SQLDatabase, @unchecked Sendable {
    public let dialect = SQLDialect.sqlite
    public let auditKey = AuditKey()
    private let writer: SQLiteConnection
    private let writeLock = AsyncLock()
    private let readers: [(SQLiteConnection, AsyncLock)]
    /// Connections a reading task drives itself (see `SQLiteReader`); the pooled readers serve when all are taken.
    private let direct: [SQLiteReader]
    private let next = NIOLockedCounter()

    /// Opens (and creates) the database file at `path`; nil opens a private in-memory database (tests).
    public static func open(path: String?, readers: Int = 3) async throws -> SQLiteStore {
        let storage: SQLiteConnection.Storage
        if let path {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            storage = .file(path: path)
        } else {
            storage = .memory
        }
        let writer = try await SQLiteConnection.open(storage: storage)
        for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=10000"] {
            _ = try await writer.query(pragma, [])
        }
        var pool: [(SQLiteConnection, AsyncLock)] = []
        var direct: [SQLiteReader] = []
        if let path {
            for _ in 0..<readers {
                let r = try await SQLiteConnection.open(storage: storage)
                for pragma in ["PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=10000", "PRAGMA query_only=ON"] { _ = try await r.query(pragma, []) }
                pool.append((r, AsyncLock()))
                // As many direct readers: more than the task pool has threads here, so a running read finds one free.
                direct.append(try SQLiteReader(path: path))
            }
        }
        return SQLiteStore(writer: writer, readers: pool, direct: direct)
    }

    private init(writer: SQLiteConnection, readers: [(SQLiteConnection, AsyncLock)], direct: [SQLiteReader]) {
        self.writer = writer
        self.readers = readers
        self.direct = direct
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        guard !readers.isEmpty else {
            return try await writeLock.withLock { try await body(SQLiteExecutor(connection: self.writer, auditKey: auditKey.key)) }
        }
        // Reads run without an explicit transaction (each statement sees a committed state; WAL never blocks them).
        for reader in direct where reader.tryAcquire() {
            defer { reader.release() }
            return try await body(DirectSQLiteExecutor(reader: reader))
        }
        let (conn, lock) = readers[next.next() % readers.count]
        return try await lock.withLock { try await body(SQLiteExecutor(connection: conn, auditKey: nil)) }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        try await writeLock.withLock {
            _ = try await self.writer.query("BEGIN IMMEDIATE", [])
            do {
                let r = try await body(SQLiteExecutor(connection: self.writer, auditKey: auditKey.key))
                _ = try await self.writer.query("COMMIT", [])
                return r
            } catch {
                // Shielded from the caller's cancellation: a skipped ROLLBACK would leave the one writer connection
                // inside a transaction, and every later write would fail.
                let writer = self.writer
                _ = try? await Task { try await writer.query("ROLLBACK", []) }.value
                throw error
            }
        }
    }

    /// Writes a consistent, compacted copy of the database to `path` (`VACUUM INTO`: one read snapshot; other
    /// processes, such as a running server, read and write on meanwhile).
    public func copy(to path: String) async throws {
        try await writeLock.withLock { _ = try await self.writer.query("VACUUM INTO ?", [.text(path)]) }
    }

    public func shutdown() async {
        for r in direct where r.tryAcquire() { r.close() }
        for (r, _) in readers { try? await r.close() }
        try? await writer.close()
    }
}

/// A thread-safe round-robin counter.
final class NIOLockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value &+= 1; return value & Int.max }
}

struct SQLiteExecutor: SQLExecutor {
    let connection: SQLiteConnection
    let auditKey: SymmetricKey?
    var dialect: SQLDialect { .sqlite }

    func execute(_ sql: SQL) async throws { _ = try await run(sql) }

    func query(_ sql: SQL) async throws -> [SQLRow] {
        try await run(sql).map { row in
            var values: [String: SQLValue] = [:]
            for c in row.columns {
                switch c.data {
                case .integer(let i): values[c.name] = .int(Int64(i))
                case .float(let d): values[c.name] = .double(d)
                case .text(let s): values[c.name] = .text(s)
                case .blob(var b): values[c.name] = .text(b.readString(length: b.readableBytes) ?? "")
                case .null: values[c.name] = .null
                }
            }
            return SQLRow(values)
        }
    }

    private func run(_ sql: SQL) async throws -> [SQLiteRow] {
        let binds: [SQLiteData] = sql.binds.map {
            switch $0 {
            case .null: return .null
            case .int(let i): return .integer(SQLiteInt64(i))
            case .double(let d): return .float(d)
            case .text(let s): return .text(s)
            }
        }
        do {
            return try await connection.query(sql.text, binds)
        } catch let e as SQLiteError {
            if [.constraint, .constraintUniqueFailed, .constraintPrimaryKeyFailed, .constraintForeignKeyFailed].contains(e.reason) {
                throw StorageError.conflict(e.message)
            }
            throw e
        }
    }
}
