import ArgumentParser
import CaseFiles
import Eligibility
import Foundation
import Storage
import Web

@main
struct Bleibe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bleibe",
        abstract: "Bleibe – Bleiberecht für Langzeitgeduldete: Regelwerk, Fallakten und Screening.",
        subcommands: [Serve.self, Demo.self, TOTPCode.self, Migrate.self, AuditVerify.self, BackupCommand.self, RestoreCommand.self, ReplayErasuresCommand.self, BenchSeed.self, Synth.self, Screen.self, Cases.self, Check.self])
}

/// Exit codes: 0 all good, 1 a case failed, 2 bad input (malformed file, bad arguments).
enum Exit {
    static let failed = ExitCode(1)
    static let badInput = ExitCode(2)
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

/// A line on standard output at once, unbuffered: also into a file or a service's journal, where `print` held the
/// server's start line back until it stopped (QA32 F10).
func say(_ s: String) {
    FileHandle.standardOutput.write(Data((s + "\n").utf8))
}

/// The database of the configuration, migrated; a SQLite file that cannot be one is bad input (exit code 2), said
/// in German, not a driver's stop.
func openStore(_ config: AppConfig, mustExist: Bool = false) async throws -> any SQLDatabase {
    do { return try await openDatabase(config, now: isoNow(), mustExist: mustExist) } catch let f as DatabaseFile.Failure {
        printError(f.description)
        throw Exit.badInput
    } catch let f as Migrations.TooNew {
        printError(f.description)
        throw Exit.failed
    } catch let f as SecretBox.Failure {
        printError(f.description)
        throw Exit.failed
    } catch StorageError.unavailable(let why) {
        printError(why)
        throw Exit.failed
    } catch let e as CocoaError {
        // A folder or file the process may not use, in German with its path (QA32 F15: Cocoa's English text).
        let path = e.filePath ?? config.sqlitePath ?? ""
        let denied = e.code == .fileWriteNoPermission || e.code == .fileReadNoPermission
        printError(denied ? "Keine Berechtigung für \(path) (Zugriffsrechte des Ordners prüfen)." : "\(path) ist nicht nutzbar (Fehler \(e.code.rawValue); Pfad und Zugriffsrechte prüfen).")
        throw Exit.failed
    } catch where config.databaseURL == nil && "\(error)".hasPrefix("cantOpen") {
        printError("Die SQLite-Datenbank \(config.sqlitePath ?? "") lässt sich nicht öffnen (Ordner vorhanden und beschreibbar? BLEIBE_SQLITE_PATH prüfen).")
        throw Exit.failed
    }
}

/// The configuration from the environment: a setting given but not usable stops the command, saying which and why
/// (QA32 F3–F5), instead of a default taken in silence.
func environmentConfig() throws -> AppConfig {
    let config = AppConfig.fromEnvironment()
    guard config.problems.isEmpty else {
        for p in config.problems { printError(p) }
        throw Exit.badInput
    }
    return config
}

struct Cases: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prüft alle Testfälle unter den angegebenen Dateien oder Ordnern gegen die Antworten der Regel-Engine.")

    @Argument(help: "Case files or folders (searched recursively for .yaml files).")
    var paths: [String]

    @Flag(name: .shortAndLong, help: "Also print a line for every passing case.")
    var verbose = false

    func run() throws {
        let files: [String]
        do { files = try CaseFileDecoder.caseFiles(in: paths) } catch {
            printError("error: \(error)"); throw Exit.badInput
        }
        var passed = 0, failed = 0, malformed = 0
        let engine = Engine()
        for file in files {
            let c: CaseFile
            do { c = try CaseFileDecoder.load(path: file) } catch {
                printError("error: \(error)")
                malformed += 1
                continue
            }
            let mismatches = c.check(with: engine).mismatches
            if mismatches.isEmpty {
                passed += 1
                if verbose { print("PASS \(c.id)") }
            } else {
                failed += 1
                for m in mismatches { print("FAIL \(m)") }
            }
        }
        if malformed > 0 { printError("\(malformed) malformed file(s)") }
        print("\(passed) passed, \(failed + malformed) failed")
        if malformed > 0 { throw Exit.badInput }
        if failed > 0 { throw Exit.failed }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Zeigt die vollständige Prüfung jeder Person einer Fall-Datei (deutscher Bericht oder JSON).")

    @Argument(help: "A case file.")
    var file: String

    @Option(help: "Evaluation date YYYY-MM-DD (default: the case's 'on').")
    var on: String?

    @Flag(help: "JSON output (schema bleibe.assessment/1, see docs/assessment-json.md).")
    var json = false

    func run() throws {
        var day: Day? = nil
        if let text = on {
            guard let d = Day(iso: text) else { printError("error: --on: expected a date YYYY-MM-DD, found '\(text)'"); throw Exit.badInput }
            day = d
        }
        let c: CaseFile
        // With --on the file is checked against that day: a fact after it (a period's end, an application) is refused.
        do { c = try CaseFileDecoder.decode(String(contentsOfFile: file, encoding: .utf8), file: file, requireExpectations: false, on: day) } catch {
            printError("error: \(error)\(day == nil ? "" : " (with --on \(day!.iso))")"); throw Exit.badInput
        }
        let result = Engine().assess(c.household, on: c.on, appliedOn: c.appliedOn)
        if json {
            print(try AssessmentDocument(result, caseID: c.id).json())
        } else {
            print(GermanReport.render(result, title: "\(c.title) [\(c.id)]"), terminator: "")
        }
    }
}
