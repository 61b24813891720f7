import Crypto
import Synchronization
// The SQLite that sqlite-nio bundles (one copy of SQLite per process: two copies on one file would break its locks).
import VaporCSQLite

/// A read-only SQLite connection that the reading task drives itself: a read's statements run on the task's own
/// thread, without a hand-off to sqlite-nio's thread pool and back per statement, and prepared statements are kept
/// (sqlite-nio prepares every statement anew). Under load those hand-offs were a third of the server's time.
/// Reads from the page cache take microseconds, so the task's thread is held briefly; writes stay with sqlite-nio's
/// writer connection, whose commit waits for fsync and must not hold a thread of the task pool.
final class SQLiteReader: @unchecked Sendable {
    private let handle: OpaquePointer
    /// Prepared statements by text; touched only by the holder of `busy`.
    private var statements: [String: Statement] = [:]
    private let busy = Atomic<Bool>(false)

    private struct Statement {
        let handle: OpaquePointer
        var columns: [String]
        /// How often SQLite had re-prepared it when `columns` were read: a schema change re-prepares a kept statement
        /// on its next step, and `SELECT *` may then have other columns (a migration run while this connection lived).
        var prepared: Int32
    }

    init(path: String) throws {
        var h: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let rc = sqlite_nio_sqlite3_open_v2(path, &h, flags, nil)
        guard rc == SQLITE_OK, let h else {
            if let h { sqlite_nio_sqlite3_close(h) }
            throw SQLiteFailure(code: rc, message: "cannot open the database for reading")
        }
        handle = h
        sqlite_nio_sqlite3_busy_timeout(h, 10_000)
        // Refuses any write through this connection, as the pooled readers do.
        guard sqlite_nio_sqlite3_exec(h, "PRAGMA query_only=ON", nil, nil, nil) == SQLITE_OK else {
            sqlite_nio_sqlite3_close(h)
            throw SQLiteFailure(code: SQLITE_ERROR, message: "cannot make the reader read-only")
        }
    }

    /// Takes the connection if no other task holds it (never waits).
    func tryAcquire() -> Bool { busy.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged }
    func release() { busy.store(false, ordering: .releasing) }

    func query(_ sql: SQL) throws -> [SQLRow] {
        var s = try statement(sql.text)
        // Reset only: every parameter is bound anew below, and clearing bindings would make SQLite re-prepare any
        // statement whose plan depends on a bound value.
        defer { sqlite_nio_sqlite3_reset(s.handle) }
        // So no value of an earlier run can stand in for a missing one.
        let expected = Int(sqlite_nio_sqlite3_bind_parameter_count(s.handle))
        guard sql.binds.count == expected else {
            throw SQLiteFailure(code: SQLITE_RANGE, message: "\(expected) values expected, \(sql.binds.count) given")
        }
        for (i, value) in sql.binds.enumerated() { try check(bind(s.handle, Int32(i + 1), value)) }
        var rows: [SQLRow] = []
        while true {
            let rc = sqlite_nio_sqlite3_step(s.handle)
            if rows.isEmpty, case let now = sqlite_nio_sqlite3_stmt_status(s.handle, SQLITE_STMTSTATUS_REPREPARE, 0), now != s.prepared {
                s.columns = Self.columns(s.handle); s.prepared = now
                statements[sql.text] = s
            }
            if rc == SQLITE_DONE { return rows }
            guard rc == SQLITE_ROW else { throw failure(rc) }
            var values: [String: SQLValue] = [:]
            values.reserveCapacity(s.columns.count)
            for (i, name) in s.columns.enumerated() { values[name] = column(s.handle, Int32(i)) }
            rows.append(SQLRow(values))
        }
    }

    func close() {
        for s in statements.values { sqlite_nio_sqlite3_finalize(s.handle) }
        statements = [:]
        sqlite_nio_sqlite3_close_v2(handle)
    }

    private func statement(_ text: String) throws -> Statement {
        if let s = statements[text] { return s }
        // `IN (?, ?, …)` lists make texts of every length: start over rather than grow without bound.
        if statements.count >= 256 { for s in statements.values { sqlite_nio_sqlite3_finalize(s.handle) }; statements = [:] }
        var h: OpaquePointer?
        let rc = sqlite_nio_sqlite3_prepare_v3(handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &h, nil)
        guard rc == SQLITE_OK, let h else { throw failure(rc) }
        let s = Statement(handle: h, columns: Self.columns(h), prepared: sqlite_nio_sqlite3_stmt_status(h, SQLITE_STMTSTATUS_REPREPARE, 0))
        statements[text] = s
        return s
    }

    private static func columns(_ h: OpaquePointer) -> [String] {
        (0..<sqlite_nio_sqlite3_column_count(h)).map { String(cString: sqlite_nio_sqlite3_column_name(h, $0)) }
    }

    private func bind(_ s: OpaquePointer, _ i: Int32, _ value: SQLValue) -> Int32 {
        switch value {
        case .null: return sqlite_nio_sqlite3_bind_null(s, i)
        case .int(let v): return sqlite_nio_sqlite3_bind_int64(s, i, v)
        case .double(let v): return sqlite_nio_sqlite3_bind_double(s, i, v)
        case .text(let v): return sqlite_nio_sqlite3_bind_text64(s, i, v, UInt64(v.utf8.count), transient, UInt8(SQLITE_UTF8))
        }
    }

    /// Column values as sqlite-nio gave them to the stores: blobs read as text.
    private func column(_ s: OpaquePointer, _ i: Int32) -> SQLValue {
        switch sqlite_nio_sqlite3_column_type(s, i) {
        case SQLITE_INTEGER: return .int(sqlite_nio_sqlite3_column_int64(s, i))
        case SQLITE_FLOAT: return .double(sqlite_nio_sqlite3_column_double(s, i))
        case SQLITE_NULL: return .null
        case SQLITE_BLOB:
            let n = Int(sqlite_nio_sqlite3_column_bytes(s, i))
            guard n > 0, let p = sqlite_nio_sqlite3_column_blob(s, i) else { return .text("") }
            return .text(String(decoding: UnsafeRawBufferPointer(start: p, count: n), as: UTF8.self))
        default:
            guard let p = sqlite_nio_sqlite3_column_text(s, i) else { return .text("") }
            let n = Int(sqlite_nio_sqlite3_column_bytes(s, i))
            return .text(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
        }
    }

    private func check(_ rc: Int32) throws { if rc != SQLITE_OK { throw failure(rc) } }

    private func failure(_ rc: Int32) -> SQLiteFailure {
        SQLiteFailure(code: rc, message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
    }
}

/// `SQLITE_TRANSIENT`: SQLite copies a bound text before the call returns (a C macro Swift cannot import).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// An error reported by SQLite on a direct reader (no content of the data: codes and SQLite's own message).
struct SQLiteFailure: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    var description: String { "SQLite error \(code): \(message)" }
}

/// Runs a read's statements on a held `SQLiteReader`. The methods are `async` to serve the stores' protocol but
/// never suspend: the whole read stays on one thread.
struct DirectSQLiteExecutor: SQLExecutor {
    let reader: SQLiteReader
    var dialect: SQLDialect { .sqlite }
    var auditKey: SymmetricKey? { nil }   // reads append no events

    func execute(_ sql: SQL) async throws { _ = try reader.query(sql) }
    func query(_ sql: SQL) async throws -> [SQLRow] { try reader.query(sql) }
}
