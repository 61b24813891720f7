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
        guard (1...65535).contains(port) else { printError("--port \(port): erwartet 1 bis 65535."); throw Exit.badInput }
        var config = try environmentConfig()
        config.hostname = hostname
        config.port = port
        // The upload folder is checked before anything starts, like the journal (QA32 F8: every upload failed with a 500).
        if let problem = UploadFolder.problem(config) { printError(problem); throw ExitCode(1) }
        // A SQLite database not made yet is a new installation: a journal with entries is another's. Refused before the
        // database is made (QA37 F4: the refusal came after a new database and key were written).
        if config.databaseURL == nil, let file = config.sqlitePath, !FileManager.default.fileExists(atPath: file), let path = config.erasureJournal,
           let found = try? ErasureJournal(path: path).entries().entries, ErasureJournal.holdsOnlyOthers(found, than: nil) {
            printError(ErasureJournal(path: path).elsewhereMessage("Der Server startet nicht, damit keine Löschung verloren geht.")); throw ExitCode(1)
        }
        let services = AppServices(config: config, db: try await openStore(config))
        // A database restored from a backup made before an erasure holds the erased records again.
        do { try await replayErasures(config, services.db, writable: true) } catch { await services.db.shutdown(); throw error }
        let where_ = config.databaseURL == nil ? "SQLite \(config.sqlitePath ?? "")" : "PostgreSQL"
        say("Bleibe startet auf http://\(hostname):\(port) (\(where_)). Beenden mit Strg+C.")
        // runService returns after a graceful shutdown (SIGTERM, SIGINT): requests are answered, their audit rows
        // committed; then the database connections are closed properly (SQLite checkpoints its WAL).
        let maintenance = Maintenance.start(services)
        defer { maintenance.cancel() }
        do { try await buildApplication(services).runService() } catch {
            maintenance.cancel()
            await services.db.shutdown()
            if "\(error)".contains("Address already in use") {
                FileHandle.standardError.write(Data("Port \(port) auf \(hostname) ist schon belegt (läuft Bleibe bereits?). Einen anderen wählen: --port N\n".utf8))
                throw ExitCode(1)
            }
            throw error
        }
        maintenance.cancel()
        await services.screeningRunner.release(services)
        // The head at the end, so that the events since the last maintenance pass are not left unanchored for as long
        // as the server is stopped (QA of 06.12.2026). The shutdown goes on if the journal cannot be written.
        if let path = config.erasureJournal {
            do { _ = try await AuditAnchors.write(services.db, journal: ErasureJournal(path: path), at: isoNow()) } catch {
                printError("Warnung: Protokollanker nicht geschrieben (\(ErrorCause.of(error) ?? String(describing: type(of: error))))")
            }
        }
        await services.db.shutdown()
        say("Bleibe beendet.")
    }
}

/// `bleibe migrate`: applies the migrations and exits.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Wendet die Datenbankmigrationen an.")

    func run() async throws {
        let db = try await openStore(try environmentConfig())
        await db.shutdown()
        print("Migrationen angewendet.")
    }
}

/// `bleibe audit-verify`: recomputes the hash chain of the audit trail; exit code 1 when it is broken.
struct AuditVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit-verify", abstract: "Prüft die Hash-Kette des Protokolls.")

    @Flag(help: "Exit code 2 when events after the last anchor outside the database exist (only the chain protects them).")
    var strict = false

    func run() async throws {
        let config = try environmentConfig()
        let db = try await openStore(config, mustExist: true)
        let v: AuditLog.Verification, anchors: Int, restart: AuditAnchors.Anchor?, last: AuditAnchors.Anchor?
        do {
            // The anchors outside the database (in the erasure journal) catch a deleted tail or a chain computed anew.
            var found: [AuditAnchors.Anchor] = []
            if let path = config.erasureJournal { found = try await AuditAnchors.current(db, journal: ErasureJournal(path: path)) }
            anchors = found.count
            restart = found.first { $0.restart }
            last = found.last
            v = try await AuditLog.verify(db, anchors: found)
        } catch let e as ErasureJournal.Failure {
            await db.shutdown()
            printError(e.description)
            throw ExitCode(1)
        } catch { await db.shutdown(); throw error }
        await db.shutdown()
        if let problem = v.problem {
            print("Protokoll beschädigt nach \(v.checked) Ereignissen: \(problem)")
            throw ExitCode(1)
        }
        print("Protokoll unverändert: \(v.checked) Ereignisse geprüft, \(anchors) Anker außerhalb der Datenbank.")
        // Since the key (QA42 F1) each link is an HMAC: without secret.key the chain cannot be computed anew. Events
        // written before carry only the plain hash.
        switch v.keyedFrom {
        case 1?: print("Alle Ereignisse sind mit dem Schlüssel der Installation (secret.key) verkettet.")
        case let first?: print("Ereignisse ab \(first) sind mit dem Schlüssel der Installation (secret.key) verkettet; die \(first - 1) davor nur mit dem Hash, den jede:r mit Schreibzugriff auf die Datenbank neu berechnen kann.")
        case nil where v.checked > 0: print("Kein Ereignis ist mit dem Schlüssel der Installation verkettet: wer die Datenbank schreiben kann, kann die Kette neu berechnen.")
        case nil: break
        }
        // What came after the last anchor only the chain protects: deleted together with the head it would not show (QA28 F1).
        // Said with the anchor's time, so that a reader who knows the server ran since can ask why nothing was anchored.
        let unanchored = last.map { v.checked - $0.seq } ?? v.checked
        if let last, last.seq < v.checked {
            print("Letzter Anker: Ereignis \(last.seq) vom \(last.at.prefix(16).replacingOccurrences(of: "T", with: " ")) UTC. Die \(v.checked - last.seq) Ereignisse danach sichert nur die Kette: würden sie samt Kopf gelöscht, bliebe das unbemerkt.")
        } else if last == nil {
            print("Kein Anker außerhalb der Datenbank: die Kette allein zeigt nicht, ob die letzten Ereignisse samt Kopf gelöscht wurden.")
        }
        // A restart line could also be forged by whoever can write the journal: said, to be confirmed (QA of 06.12.2026).
        if let r = restart {
            print("Hinweis: Die Anker beginnen mit einer Wiederherstellung (\(r.at), Ereignis \(r.seq)); Ereignisse davor prüft nur die Kette. Bitte bestätigen, dass diese Wiederherstellung stattgefunden hat.")
        }
        if strict && unanchored > 0 { throw ExitCode(2) }
    }
}

func isoNow() -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return f.string(from: Date())
}

/// `bleibe demo`: fills the (empty) database with the fictional demo site; refused outside development.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Legt die fiktive Demo-Stadt an (nur in der Entwicklungsumgebung).")

    @Option(help: "Seed of the generator (the same seed gives the same site).")
    var seed: UInt64 = 2024

    func run() async throws {
        let config = try environmentConfig()
        let services = AppServices(config: config, db: try await openStore(config))
        do {
            let s = try await DemoSeeder.seed(services, seed: seed)
            print("Demo angelegt: \(s.organisations) Organisationen, \(s.users) Benutzer:innen, \(s.clients) Klient:innen, \(s.cases) Akten mit \(s.sessions) Beratungen. Anmeldedaten: README, Abschnitt „Demo“.")
            await services.db.shutdown()
        } catch let r as DemoSeeder.Refusal {
            await services.db.shutdown()
            print(r.description)
            throw ExitCode(2)
        }
    }
}

/// `bleibe totp --secret S`: prints the current TOTP code for a secret (for the documented demo logins).
struct TOTPCode: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "totp", abstract: "Zeigt den aktuellen TOTP-Code zu einem Schlüssel (für Demo-Anmeldungen).")

    @Option(help: "Base32 secret.")
    var secret: String

    func run() throws {
        guard let code = TOTP.code(secret: secret, step: TOTP.step(at: Date())) else {
            print("Ungültiger Schlüssel (Base32 erwartet)."); throw ExitCode(2)
        }
        print(code)
    }
}

/// `bleibe bench-seed --clients N`: adds N synthetic clients to the demo service (for the load benchmark).
struct BenchSeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-seed", abstract: "Fügt synthetische Klient:innen für Lasttests hinzu (nur Entwicklung).")

    @Option(help: "How many clients.")
    var clients = 100_000

    func run() async throws {
        let config = try environmentConfig()
        guard config.environment == .development else { print("Nur in der Entwicklungsumgebung."); throw ExitCode(2) }
        let services = AppServices(config: config, db: try await openStore(config))
        // The clients go to the demo counselor's service (Elbstadt), whose login the load test uses.
        guard let org = try await services.accounts.account(email: "beraterin@elbstadt.example")?.organisation else {
            print("Zuerst `bleibe demo` ausführen."); throw ExitCode(2)
        }
        let added = try await BenchData.addClients(services, organisation: org.id, count: clients)
        await services.db.shutdown()
        print("\(added) Klient:innen angelegt.")
    }
}
