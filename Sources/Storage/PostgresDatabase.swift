import Crypto
import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// PostgreSQL through postgres-nio's connection pool. Several app instances can share one database: sessions,
/// audit chain and background work live in the database, and writes run in transactions.
public final class PostgresStore: SQLDatabase, @unchecked Sendable {
    public let dialect = SQLDialect.postgres
    public let auditKey = AuditKey()
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let logger = Logger(label: "bleibe.postgres")

    /// Connects to a `postgres://user:password@host:port/database` URL (TLS off for loopback, required otherwise
    /// unless `?sslmode=disable`).
    public static func connect(url: String) async throws -> PostgresStore {
        guard let u = URLComponents(string: url), ["postgres", "postgresql"].contains(u.scheme ?? ""),
              let host = u.host, let user = u.user else {
            throw StorageError.unavailable("DATABASE_URL must look like postgres://user:password@host:port/database")
        }
        let path = String(u.path.drop(while: { $0 == "/" })), database = path.isEmpty ? nil : path, port = u.port ?? 5432
        let sslDisabled = u.queryItems?.contains { $0.name == "sslmode" && $0.value == "disable" } ?? false
        let loopback = host == "127.0.0.1" || host == "localhost" || host == "::1"
        let encrypted = !(sslDisabled || loopback)
        var config = PostgresClient.Configuration(host: host, port: port, username: user, password: u.password, database: database,
                                                  tls: encrypted ? .require(.makeClientConfiguration()) : .disable)
        config.options.maximumConnections = 16
        try await probe(.init(host: host, port: port, username: user, password: u.password, database: database,
                              tls: encrypted ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable))
        let client = PostgresClient(configuration: config)
        let store = PostgresStore(client: client)
        // Fail early and clearly when the server cannot be reached.
        _ = try await store.read { try await $0.query("SELECT 1 AS one") }
        return store
    }

    /// One connection before the pool: the pool retries a server it cannot reach for about a minute and then names
    /// only its own timeout (QA32 F2); a single attempt says at once what is wrong.
    private static func probe(_ configuration: PostgresConnection.Configuration) async throws {
        let where_ = "PostgreSQL unter \(configuration.host ?? ""):\(configuration.port ?? 5432)"
        do {
            let conn = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: Logger(label: "bleibe.postgres.probe"))
            try await conn.close()
        } catch let e as PSQLError {
            // All connections taken for now (many instances or tests starting at once): the pool waits for one.
            if e.serverInfo?[.sqlState] == "53300" { return }
            if let message = e.serverInfo?[.message] {
                // The server's own words: wrong password, unknown database or role, too many connections.
                throw StorageError.unavailable("\(where_) lehnt die Anmeldung ab: \(message)")
            }
            let cause = e.underlying.map { String(describing: $0) } ?? e.code.description
            throw StorageError.unavailable("\(where_) nicht erreichbar (\(cause)). Läuft der Server, stimmen Rechner und Port in DATABASE_URL?")
        } catch {
            throw StorageError.unavailable("\(where_) nicht erreichbar (\(error)). Läuft der Server, stimmen Rechner und Port in DATABASE_URL?")
        }
    }

    private init(client: PostgresClient) {
        self.client = client
        self.runTask = Task { await client.run() }
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        try await client.withConnection { conn in try await body(PostgresExecutor(connection: conn, logger: logger, auditKey: nil)) }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        try await client.withConnection { conn in
            let ex = PostgresExecutor(connection: conn, logger: logger, auditKey: auditKey.key)
            try await ex.execute("BEGIN")
            do {
                let r = try await body(ex)
                try await ex.execute("COMMIT")
                return r
            } catch {
                // Shielded from cancellation, so the pooled connection never goes back inside a transaction.
                _ = try? await Task { try await ex.execute("ROLLBACK") }.value
                throw error
            }
        }
    }

    public func shutdown() async {
        runTask.cancel()
    }
}

struct PostgresExecutor: SQLExecutor, @unchecked Sendable {
    let connection: PostgresConnection
    let logger: Logger
    let auditKey: SymmetricKey?
    var dialect: SQLDialect { .postgres }

    func execute(_ sql: SQL) async throws { _ = try await run(sql).collect() }

    func query(_ sql: SQL) async throws -> [SQLRow] {
        try await run(sql).collect().map { row in
            var values: [String: SQLValue] = [:]
            for cell in row {
                guard cell.bytes != nil else { values[cell.columnName] = .null; continue }
                switch cell.dataType {
                case .int2, .int4, .int8: values[cell.columnName] = .int(try cell.decode(Int64.self))
                case .float4, .float8, .numeric: values[cell.columnName] = .double(try cell.decode(Double.self))
                case .bool: values[cell.columnName] = .int(try cell.decode(Bool.self) ? 1 : 0)
                default: values[cell.columnName] = .text(try cell.decode(String.self))
                }
            }
            return SQLRow(values)
        }
    }

    private func run(_ sql: SQL) async throws -> PostgresRowSequence {
        var binds = PostgresBindings()
        for b in sql.binds {
            switch b {
            case .null: binds.appendNull()
            case .int(let i): binds.append(i)
            case .double(let d): binds.append(d)
            case .text(let s): binds.append(s)
            }
        }
        do {
            return try await connection.query(PostgresQuery(unsafeSQL: sql.numbered, binds: binds), logger: logger)
        } catch let e as PSQLError {
            // 23xxx: integrity constraint violation (unique, foreign key, check).
            if let code = e.serverInfo?[.sqlState], code.hasPrefix("23") { throw StorageError.conflict(e.serverInfo?[.message] ?? code) }
            throw e
        }
    }
}
