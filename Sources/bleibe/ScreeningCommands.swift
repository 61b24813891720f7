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
    @Option(help: "Screening date YYYY-MM-DD (or DD.MM.YYYY).") var on: String
    @Option(help: "Result file (CSV); without it results go to standard output and the summary to standard error.") var out: String?
    @Option(name: .customLong("horizon-months"), help: "Months for the outreach horizon of the summary.") var horizonMonths = 12
    @Option(help: "csv or jsonl (default: from the file name).") var format: String?

    func run() throws {
        // The German form too, as the file's cells take it (QA of 06.12.2026).
        guard let day = Day(iso: on) ?? Day(german: on) else { printError("error: --on: expected YYYY-MM-DD or DD.MM.YYYY, found '\(on)'"); throw Exit.badInput }
        // A typo (2062 for 2026) gives a plausible summary: said, though a look back or ahead may be meant.
        var berlin = Calendar(identifier: .gregorian)
        berlin.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
        let now = berlin.dateComponents([.year, .month, .day], from: Date())
        let today = Day(year: now.year!, month: now.month!, day: now.day!)!
        if day < today.adding(years: -10) || day > today.adding(years: 5) {
            printError("warning: --on \(day.iso) is \(day < today ? "more than ten years before" : "more than five years after") today (\(today.iso)); the web upload refuses such a date")
        }
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
            if FileManager.default.fileExists(atPath: out) { printError("note: \(out) exists and is replaced") }
            _ = FileManager.default.createFile(atPath: out, contents: nil)
            guard let h = FileHandle(forWritingAtPath: out) else { printError("error: \(out): cannot write"); throw Exit.badInput }
            output = BufferedOutput(h)
        } else { output = BufferedOutput() }
        output.write(Screener.header(screener.pathways))
        var rejected = 0
        // Progress about once a second (QA of 06.12.2026: every 100,000 rows, so a smaller file showed none).
        var lastProgress = DispatchTime.now().uptimeNanoseconds
        let listed = 1000
        let summary = screener.run(lines: IteratorSequence(lines), format: fmt, header: header, separator: separator, firstLine: firstLine,
                                   write: { output.write($0) },
                                   reject: { line, reason in rejected += 1; if rejected <= listed { printError("\(file):\(line): \(reason)") } },
                                   progress: { n in
                                       let now = DispatchTime.now().uptimeNanoseconds
                                       if now - lastProgress >= 1_000_000_000 { printError("… \(n) rows"); lastProgress = now }
                                   })
        output.flush()
        if rejected > listed { printError("… and \(rejected - listed) more rejected rows, not listed (the first \(listed) are)") }
        // A full disk or a closed pipe: the results are incomplete, which the exit code must say.
        if let failure = output.failure { printError("error: cannot write the results: \(failure.localizedDescription)"); throw Exit.failed }
        // The file's name, not its path: the line stays within the summary's 100 columns (QA37 F6).
        let table = "Screening \((file as NSString).lastPathComponent), Stichtag \(day.german)\n\n" + summary.table(pathways: screener.pathways, households: fmt == .jsonl, on: day)
        if out != nil { print(table, terminator: "") } else { printError(table) }
        if summary.rejected > 0 { throw Exit.badInput }
    }
}
