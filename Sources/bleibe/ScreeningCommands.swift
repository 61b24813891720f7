import ArgumentParser
import CaseFiles
import Eligibility
import Foundation
import Screening

/// `bleibe synth`: a deterministic synthetic population (fictional), as flat CSV or JSON Lines.
struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Erzeugt eine synthetische Population (CSV oder JSON Lines) auf der Standardausgabe.")

    @Option(help: "Number of persons.") var count = 1000
    @Option(help: "Seed (the same seed gives the same population).") var seed: UInt64 = 1
    @Option(help: "csv or jsonl.") var format = "csv"
    @Option(help: "Reference day YYYY-MM-DD (histories end before it).") var on = "2026-11-22"

    func run() throws {
        guard let day = Day(iso: on) else { printError("error: --on: expected YYYY-MM-DD"); throw Exit.badInput }
        guard let fmt = ScreeningFormat(rawValue: format) else { printError("error: --format: csv or jsonl"); throw Exit.badInput }
        var out = BufferedOutput()
        PopulationFile.write(count: count, seed: seed, on: day, format: fmt) { out.write($0) }
        out.flush()
        if let failure = out.failure { printError("error: cannot write the population: \(failure.localizedDescription)"); throw Exit.failed }
    }
}

/// `bleibe screen`: every pathway with its earliest date for every person of a population file.
struct Screen: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Prüft eine ganze Population (CSV oder JSON Lines): wer welchen Weg wann erreichen kann.")

    @Argument(help: "Population file (.csv or .jsonl).") var file: String
    @Option(help: "Screening date YYYY-MM-DD.") var on: String
    @Option(help: "Result file (CSV); without it results go to standard output and the summary to standard error.") var out: String?
    @Option(name: .customLong("horizon-months"), help: "Months for the outreach horizon of the summary.") var horizonMonths = 12
    @Option(help: "csv or jsonl (default: from the file name).") var format: String?

    func run() throws {
        guard let day = Day(iso: on) else { printError("error: --on: expected YYYY-MM-DD, found '\(on)'"); throw Exit.badInput }
        let fmt: ScreeningFormat
        if let f = format { guard let v = ScreeningFormat(rawValue: f) else { printError("error: --format: csv or jsonl"); throw Exit.badInput }; fmt = v }
        else { fmt = .of(fileName: file) }
        let lines: LineReader, header: [String], firstLine: Int, separator: UInt8
        do { (lines, header, firstLine, separator) = try ScreeningInput.open(path: file, format: fmt) } catch {
            printError("error: \(file): \(error)"); throw Exit.badInput
        }
        // Beyond the fixed 3 and 6 months (6 itself would repeat that column).
        guard (7...120).contains(horizonMonths) else { printError("error: --horizon-months: expected 7 to 120, found \(horizonMonths)"); throw Exit.badInput }
        let screener = Screener(on: day, horizonMonths: horizonMonths)
        var output: BufferedOutput
        if let out {
            // The results must not overwrite the list being read (QA of 05.12.2026).
            let same = URL(fileURLWithPath: out).resolvingSymlinksInPath().standardizedFileURL == URL(fileURLWithPath: file).resolvingSymlinksInPath().standardizedFileURL
            guard !same else { printError("error: --out: \(out) is the input file; choose another result file"); throw Exit.badInput }
            _ = FileManager.default.createFile(atPath: out, contents: nil)
            guard let h = FileHandle(forWritingAtPath: out) else { printError("error: \(out): cannot write"); throw Exit.badInput }
            output = BufferedOutput(h)
        } else { output = BufferedOutput() }
        output.write(Screener.header(screener.pathways))
        var rejected = 0
        var nextProgress = 100_000
        let summary = screener.run(lines: IteratorSequence(lines), format: fmt, header: header, separator: separator, firstLine: firstLine,
                                   write: { output.write($0) },
                                   reject: { line, reason in rejected += 1; if rejected <= 1000 { printError("\(file):\(line): \(reason)") } },
                                   progress: { n in if n >= nextProgress { printError("… \(n) rows"); nextProgress += 100_000 } })
        output.flush()
        // A full disk or a closed pipe: the results are incomplete, which the exit code must say.
        if let failure = output.failure { printError("error: cannot write the results: \(failure.localizedDescription)"); throw Exit.failed }
        let table = "Screening \(file) on \(day.iso)\n" + summary.table(pathways: screener.pathways)
        if out != nil { print(table, terminator: "") } else { printError(table) }
        if summary.rejected > 0 { throw Exit.badInput }
    }
}
