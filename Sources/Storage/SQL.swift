import Crypto

/// Portable SQL for SQLite and PostgreSQL: statements are written once with `?` placeholders; values are bound,
/// never spliced into the text. Booleans are stored as 0/1, days as ISO `YYYY-MM-DD` text, enums as strings.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
}

public protocol SQLBindable { var sqlValue: SQLValue { get } }
extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Int: SQLBindable { public var sqlValue: SQLValue { .int(Int64(self)) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .int(self) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .double(self) } }
extension Bool: SQLBindable { public var sqlValue: SQLValue { .int(self ? 1 : 0) } }
extension Optional: SQLBindable where Wrapped: SQLBindable { public var sqlValue: SQLValue { self?.sqlValue ?? .null } }

/// A statement and its bound values.
public struct SQL: Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var binds: [SQLValue]

    public init(_ text: String, _ binds: [any SQLBindable] = []) {
        self.text = text
        self.binds = binds.map(\.sqlValue)
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// The text with PostgreSQL's numbered placeholders ($1, $2, …).
    var numbered: String {
        var out = "", n = 0, inString = false
        for ch in text {
            if ch == "'" { inString.toggle() }
            if ch == "?" && !inString { n += 1; out += "$\(n)" } else { out.append(ch) }
        }
        return out
    }
}

/// A result row, by column name.
public struct SQLRow: Sendable {
    public var values: [String: SQLValue]

    public init(_ values: [String: SQLValue]) { self.values = values }

    public func text(_ column: String) -> String? {
        switch values[column] {
        case .text(let s)?: return s
        case .int(let i)?: return String(i)
        case .double(let d)?: return String(d)
        default: return nil
        }
    }

    public func int(_ column: String) -> Int? {
        switch values[column] {
        case .int(let i)?: return Int(i)
        case .text(let s)?: return Int(s)
        case .double(let d)?: return Int(d)
        default: return nil
        }
    }

    public func bool(_ column: String) -> Bool? { int(column).map { $0 != 0 } }

    public func string(_ column: String) throws -> String {
        guard let s = text(column) else { throw StorageError.corrupt("column \(column) missing") }
        return s
    }
}

public enum SQLDialect: String, Sendable { case sqlite, postgres }

public enum StorageError: Error, CustomStringConvertible, Sendable {
    case corrupt(String)
    case conflict(String)
    case notFound
    case unavailable(String)

    public var description: String {
        switch self {
        case .corrupt(let s): return "corrupt data: \(s)"
        case .conflict(let s): return "conflict: \(s)"
        case .notFound: return "not found"
        case .unavailable(let s): return "database unavailable: \(s)"
        }
    }
}

/// Runs statements on one connection (inside a transaction, or a single read).
public protocol SQLExecutor: Sendable {
    var dialect: SQLDialect { get }
    /// The key of the audit chain's links (`AuditLog`), when the database was opened with one.
    var auditKey: SymmetricKey? { get }
    func execute(_ sql: SQL) async throws
    func query(_ sql: SQL) async throws -> [SQLRow]
}

extension SQLExecutor {
    public func one(_ sql: SQL) async throws -> SQLRow? { try await query(sql).first }

    /// Appended to a SELECT that reads a row the transaction goes on to change: locks it on PostgreSQL (SQLite has
    /// one writer anyway).
    public var forUpdate: String { dialect == .postgres ? " FOR UPDATE" : "" }
}

/// A database: reads, and writes inside one transaction each (nothing is half-written).
public protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    var auditKey: AuditKey { get }
    func read<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T
    func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T
    func shutdown() async
}
