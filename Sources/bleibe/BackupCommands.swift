import ArgumentParser
import Foundation
import Storage
import Web

/// `bleibe backup DIR`: a consistent copy of the SQLite database and its documents while the server runs, checked
/// after writing; `--verify` checks an existing backup. PostgreSQL is backed up with its own tools.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Sichert Datenbank (SQLite) und Dokumente in ein neues Verzeichnis und prüft die Sicherung (läuft neben dem Server).")

    @Argument(help: "Zielverzeichnis (neu oder leer); mit --verify: die zu prüfende Sicherung.")
    var directory: String

    @Flag(help: "Nur eine vorhandene Sicherung prüfen.")
    var verify = false

    func run() async throws {
        let config = try environmentConfig()
        do {
            let summary: Backup.Summary
            if verify {
                summary = try await Backup.verify(directory: directory)
            } else {
                let store = try await openSQLite(config, purpose: "Sicherung")
                do {
                    // Its anchor must not go into another installation's journal (QA37 F2).
                    if let path = config.erasureJournal, try await ErasureJournal(path: path).belongsElsewhere(store) {
                        throw Backup.Refusal(ErasureJournal(path: path).elsewhereMessage("Es wurde keine Sicherung geschrieben."))
                    }
                    summary = try await Backup.write(store, uploads: config.uploadDirectory, secretKey: config.secretKeyFile, to: directory, now: isoNow())
                    if let path = config.erasureJournal { try await AuditAnchors.write(store, journal: ErasureJournal(path: path), at: isoNow()) }
                } catch {
                    await store.shutdown()
                    throw error
                }
                await store.shutdown()
            }
            report(summary, verb: verify ? "geprüft" : "geschrieben nach \(directory)")
            if !summary.sound { throw ExitCode(1) }
        } catch let r as Backup.Refusal {
            printError(r.description)
            throw Exit.badInput
        }
    }
}

/// `bleibe restore DIR`: a checked backup into the configured (absent) database file and upload directory.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Stellt eine geprüfte Sicherung wieder her (nur in eine noch nicht vorhandene SQLite-Datei; Server angehalten).")

    @Argument(help: "Verzeichnis der Sicherung.")
    var directory: String

    @Flag(help: "Es gibt noch kein Löschjournal (erste Einrichtung): ein neues anlegen statt abzubrechen.")
    var newJournal = false

    func run() async throws {
        let config = try environmentConfig()
        guard config.databaseURL == nil, let path = config.sqlitePath else {
            printError("DATABASE_URL ist gesetzt: PostgreSQL wird mit pg_restore wiederhergestellt (README, „Datensicherung“).")
            throw Exit.badInput
        }
        // Without the journal, every erasure since the backup would come back, and a backup older than the first erasure
        // records none to miss it: a missing journal stops the restore before anything is written (QA of 06.12.2026:
        // a wrong path restored an erased file, and created the journal so that nothing objected later).
        if let journal = config.erasureJournal, !FileManager.default.fileExists(atPath: journal), !newJournal {
            printError("Kein Löschjournal unter \(journal) (BLEIBE_ERASURE_JOURNAL): ohne es kehrten die Löschungen seit der Sicherung zurück. Bitte den Pfad prüfen. Gibt es noch keines (erste Einrichtung), mit --new-journal wiederherstellen. Es wurde nichts geschrieben.")
            throw Exit.badInput
        }
        do {
            let summary = try await Backup.restore(from: directory, sqlitePath: path, uploads: config.uploadDirectory, secretKey: config.secretKeyFile,
                                                   journal: config.erasureJournal.map(ErasureJournal.init(path:)))
            report(summary, verb: "wiederhergestellt nach \(path)")
            let store = try await openSQLite(config, purpose: "Wiederherstellung")
            do {
                try await replayErasures(config, store, always: true)
                // The restored trail continues from its own head: the anchors of the lost events no longer apply.
                try await restartAnchors(config, store)
            } catch { await store.shutdown(); throw error }
            await store.shutdown()
            print("Erst jetzt den Server starten.")
        } catch let r as Backup.Refusal {
            printError(r.description)
            throw Exit.badInput
        }
    }
}

/// The live SQLite database for a maintenance command; refused for PostgreSQL and when no database file exists
/// (opening would create an empty one).
func openSQLite(_ config: AppConfig, purpose: String) async throws -> SQLiteStore {
    guard config.databaseURL == nil, let path = config.sqlitePath else {
        throw Backup.Refusal("DATABASE_URL ist gesetzt: PostgreSQL mit pg_dump sichern und das Upload-Verzeichnis \(config.uploadDirectory) mitsichern (README, „Datensicherung“).")
    }
    guard FileManager.default.fileExists(atPath: path) else {
        throw Backup.Refusal("Keine Datenbank unter \(path) (BLEIBE_SQLITE_PATH): nichts für die \(purpose).")
    }
    // An empty file would become a new, empty installation on opening (QA37 F3: a zeroed database "backed up" as one).
    if (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 0 {
        throw Backup.Refusal("\(path) ist leer (0 Bytes) – keine Bleibe-Datenbank; nichts für die \(purpose).")
    }
    let store = try await SQLiteStore.open(path: path, readers: 0)
    do {
        try await Migrations.migrate(store, now: isoNow())
        // The backup's own event is linked with the installation's key, like every other (a plain link after keyed
        // ones reads as a chain computed anew).
        if let key = config.secretKeyFile, FileManager.default.fileExists(atPath: key) { store.auditKey.use(try SecretBox.load(path: key).auditChainKey) }
    } catch let f as Migrations.TooNew {
        await store.shutdown(); throw Backup.Refusal(f.description)
    } catch let f as SecretBox.Failure {
        await store.shutdown(); throw Backup.Refusal(f.description)
    } catch { await store.shutdown(); throw error }
    return store
}

private func report(_ s: Backup.Summary, verb: String) {
    let mb = String(format: "%.1f", Double(s.bytes) / 1_048_576)
    let events = s.auditEvents == 1 ? "1 Protokollereignis" : "\(s.auditEvents) Protokollereignisse", files = s.files == 1 ? "1 Dokument" : "\(s.files) Dokumente"
    print("Sicherung \(verb): \(s.clients) Klient:innen, \(events)\(s.chainIntact ? " (Kette unverändert)" : " bis zum Bruch der Kette"), \(files), \(mb) MB.")
    for p in s.problems { printError("Problem: \(p)") }
}

/// `bleibe replay-erasures`: the erasures of the journal repeated on the configured database (after `pg_restore`;
/// `bleibe restore` and `bleibe serve` do it themselves).
struct ReplayErasuresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay-erasures",
        abstract: "Wiederholt die Löschungen des Löschjournals (BLEIBE_ERASURE_JOURNAL) in der Datenbank, z. B. nach pg_restore.")

    @Flag(help: "Die Datenbank wurde eben wiederhergestellt (pg_restore): das Protokoll setzt an ihrem Stand neu an.")
    var restored = false

    func run() async throws {
        let config = try environmentConfig()
        let db = try await openStore(config, mustExist: true)
        do {
            try await replayErasures(config, db, always: true)
            if restored { try await restartAnchors(config, db) }
        } catch { await db.shutdown(); throw error }
        await db.shutdown()
    }
}

/// After a restore the audit trail ends where the backup ended; the anchors written since refer to events that are
/// gone with good reason. A restart line says so (and only an operator's restore writes one).
func restartAnchors(_ config: AppConfig, _ db: any SQLDatabase) async throws {
    guard let path = config.erasureJournal else { return }
    do {
        try await AuditAnchors.write(db, journal: ErasureJournal(path: path), at: isoNow(), restart: true)
        print("Protokoll: Anker außerhalb der Datenbank setzen am wiederhergestellten Stand neu an.")
    } catch let e as ErasureJournal.Failure {
        printError(e.description)
        throw ExitCode(1)
    }
}

/// Repeats the journal's erasures on `db` and says what it did (counts only: no id reaches the log). `always`:
/// also when nothing was to be done. `writable`: also checks that the journal takes entries (a server that could not
/// write it could erase nothing). A journal that cannot be used ends the command with its reason (exit code 1).
func replayErasures(_ config: AppConfig, _ db: any SQLDatabase, always: Bool = false, writable: Bool = false) async throws {
    guard let path = config.erasureJournal else { return }
    let journal = ErasureJournal(path: path)
    do {
        let r = try await ErasureReplay.replay(db, journal: journal, uploads: config.uploadDirectory, now: isoNow())
        for line in r.malformed { printError("Löschjournal \(path), Zeile \(line): kein Eintrag (übergangen; bitte prüfen).") }
        if r.foreignOnly {
            // The server would write its own anchors into it, after which nothing would tell it apart from this database's
            // journal any more (QA36 F3): it does not start. `replay-erasures` only reads it, and warns.
            if writable { printError(journal.elsewhereMessage("Der Server startet nicht, damit keine Löschung dieser Datenbank verloren geht.")); throw ExitCode(1) }
            printError("Warnung: " + journal.elsewhereMessage("Es wurde keine Löschung wiederholt."))
        }
        if always || r.clients + r.referrals > 0 {
            say("Löschjournal \(path): \(r.clients) Akten und \(r.referrals) zurückgezogene Vermittlungen erneut gelöscht, \(r.files) Dokumente entfernt.")
        }
        if writable { try journal.checkWritable() }
    } catch let e as ErasureJournal.Failure {
        printError(e.description)
        throw ExitCode(1)
    }
}
