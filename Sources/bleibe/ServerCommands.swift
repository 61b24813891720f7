import ArgumentParser
import Foundation
import Hummingbird
import Storage
import Web

/// `bleibe serve`: the web application on 127.0.0.1:8080, on the SQLite file under ./data/ unless DATABASE_URL
/// points to PostgreSQL. Migrations run at start-up.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Startet die Webanwendung (Standard: 127.0.0.1:8080, SQLite unter ./data/).")

    @Option(help: "Address to listen on (loopback by default).")
    var hostname = "127.0.0.1"

    @Option(help: "Port.")
    var port = 8080

    func run() async throws {
        var config = AppConfig.fromEnvironment()
        config.hostname = hostname
        config.port = port
        let services = AppServices(config: config, db: try await openDatabase(config, now: isoNow()))
        let where_ = config.databaseURL == nil ? "SQLite \(config.sqlitePath ?? "")" : "PostgreSQL"
        print("Bleibe läuft auf http://\(hostname):\(port) (\(where_)). Beenden mit Strg+C.")
        try await buildApplication(services).runService()
    }
}

/// `bleibe migrate`: applies the migrations and exits.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Wendet die Datenbankmigrationen an.")

    func run() async throws {
        let db = try await openDatabase(AppConfig.fromEnvironment(), now: isoNow())
        await db.shutdown()
        print("Migrationen angewendet.")
    }
}

/// `bleibe audit-verify`: recomputes the hash chain of the audit trail; exit code 1 when it is broken.
struct AuditVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit-verify", abstract: "Prüft die Hash-Kette des Protokolls.")

    func run() async throws {
        let db = try await openDatabase(AppConfig.fromEnvironment(), now: isoNow())
        let v = try await AuditLog.verify(db)
        await db.shutdown()
        if let problem = v.problem {
            print("Protokoll beschädigt nach \(v.checked) Ereignissen: \(problem)")
            throw ExitCode(1)
        }
        print("Protokoll unverändert: \(v.checked) Ereignisse geprüft.")
    }
}

func isoNow() -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return f.string(from: Date())
}
