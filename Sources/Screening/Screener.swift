import CaseFiles
import Eligibility
import Foundation

/// Input formats of `bleibe screen`.
public enum ScreeningFormat: String, Sendable, CaseIterable {
    /// The flat CSV of `FlatRecord` (one person per row, header line first).
    case csv
    /// JSON Lines: one household per line in the case-file schema without `on` and `expect`.
    case jsonl

    /// The format a file's name says, in any case: JSON Lines for .jsonl, .ndjson and .json, else CSV.
    public static func of(fileName: String) -> ScreeningFormat {
        let name = fileName.lowercased()
        return name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") || name.hasSuffix(".json") ? .jsonl : .csv
    }
}

/// One pathway's answer in a result row: what the result file and the summary need of an `Assessment`.
public struct ScreeningAnswer: Sendable {
    public var pathway: PathwayKey
    public var outcome: Outcome
    public var from: Day?
    /// Anspruch, Soll or Kann for a pathway met or reachable (QA35 F5: § 25 Abs. 5 met could not be split by it).
    public var consequence: Consequence?
    /// For an unclear answer: the U-points and missing facts that left it open (empty otherwise).
    public var open: [String]
}

/// The answer for one input row: per pathway the result and date, the first action still needed.
public struct ScreeningRow: Sendable {
    public var line: Int
    public var id: String
    public var answers: [ScreeningAnswer]
    public var firstAction: String?
    public var yearsOfStay: Int?
}

/// Counts per pathway and by years of stay.
public struct ScreeningSummary: Sendable {
    public enum Bucket: String, CaseIterable, Sendable {
        case met, within3 = "reachable ≤ 3 months", within6 = "reachable ≤ 6 months", within12 = "reachable ≤ 12 months"
        case later = "reachable later", notMet = "not_met", excluded, unclear
    }
    public var rows = 0
    public var rejected = 0
    public var counts: [PathwayKey: [Bucket: Int]] = [:]
    public var yearsOfStay: [String: Int] = [:]
    /// Every person once, by the best answer among the pathways to a residence permit (all but §§ 60c and 60d, which
    /// give a Duldung): the overall figure the per-pathway counts, which overlap, cannot give (QA35 F5).
    public enum Best: String, CaseIterable, Sendable {
        case met, within3, within6, within12, later, unclear, none
    }
    public var best: [Best: Int] = [:]
    /// Per pathway, how often each open point (U-point or missing fact; a relative's fact as "relative/fact") left an
    /// answer unclear: what to collect first (QA35 F5: 1,662 unclear for § 60d without a reason).
    public var reasons: [PathwayKey: [String: Int]] = [:]
    /// The last horizon (`--horizon-months`): the bucket `within12` counts those reachable within it.
    public var horizonMonths = 12

    public static func bucket(_ o: Outcome, from: Day?, on: Day, horizonMonths: Int = 12) -> Bucket {
        Tally.bucket(o, from: from, Tally.Horizons(on: on, months: horizonMonths))
    }

    /// The column heading of a bucket (the last horizon as chosen).
    /// The buckets do not overlap: the headings say so (QA of 05.12.2026: "≤ 6 months" read as including "≤ 3").
    public func label(_ b: Bucket) -> String {
        switch b {
        case .within6: "reachable 3–6 months"
        case .within12: "reachable 6–\(horizonMonths) months"
        default: b.rawValue
        }
    }

    /// The most frequent open points of a pathway's unclear answers, most frequent first (ties by key).
    public func topReasons(_ p: PathwayKey, limit: Int = 3) -> [(String, Int)] {
        Array((reasons[p] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit)).map { ($0.key, $0.value) }
    }

    /// An open point of `reasons` in German ("Deutschkenntnisse", "U7: …", "Geburtsdatum (bei Angehörigen)"; QA36
    /// F7: "Pflege von Angehörigen von Angehörigen").
    public static func describeReason(_ key: String) -> String {
        guard key.hasPrefix("relative/") else { return ConditionCatalog.describeOpen(key) }
        return ConditionCatalog.describeOpen(String(key.dropFirst("relative/".count))) + " (bei Angehörigen)"
    }

    /// German headings of the summary's columns and of the best-answer partition, the last horizon as chosen.
    public func germanLabel(_ b: Bucket) -> String {
        switch b {
        case .met: "erfüllt"
        case .within3: "≤ 3 Mon."
        case .within6: "3–6 Mon."
        case .within12: "6–\(horizonMonths) Mon."
        case .later: "später"
        case .notMet: "nicht erf."
        case .excluded: "ausgeschl."
        case .unclear: "unklar"
        }
    }

    public func germanLabel(_ b: Best) -> String {
        switch b {
        case .met: "erfüllt"
        case .within3: "erreichbar in bis zu 3 Monaten"
        case .within6: "in 3 bis 6 Monaten"
        case .within12: "in 6 bis \(horizonMonths) Monaten"
        case .later: "später"
        case .unclear: "nur unklar"
        case .none: "kein Weg"
        }
    }

    /// Years of stay as the keys of `yearsOfStay` and in German (the lower bound belongs to its bucket: 5 years is
    /// "5 bis unter 8", QA35 F5).
    public static let stayLabels: [(String, String)] = zip(Tally.stays, ["unter 3 Jahre", "3 bis unter 5 Jahre", "5 bis unter 8 Jahre", "8 Jahre und mehr", "unbekannt"]).map { ($0, $1) }

    /// The summary as plain German text for the command line, within 100 columns: the counts per pathway, the pathways'
    /// names, every person once by the best answer, why answers are unclear, years of stay (QA35 F5: English, 200
    /// columns wide, no total, no reasons). `households`: the input was JSON Lines, whose rows are persons and whose
    /// rejections are lines, each a household (QA of 06.12.2026: "rows: 20, rejected: 7" for 13 lines).
    public func table(pathways: [PathwayKey], households: Bool = false, on: Day? = nil) -> String {
        func cell(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(1, width - s.count)) + s }
        var out = "Weg     " + Bucket.allCases.map { cell(germanLabel($0), 11) }.joined() + "\n"
        for k in pathways {
            let c = counts[k] ?? [:]
            out += k.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + Bucket.allCases.map { cell(Self.number(c[$0] ?? 0), 11) }.joined() + "\n"
        }
        out += "\n" + Self.wrap(["Spalten: Personen je Weg; „≤ 3 Mon.“ usw.: erreichbar allein durch Zeitablauf;", "die Spalten überschneiden sich nicht."], separator: " ")
        out += "\nWege:\n"
        for k in pathways {
            // § 104c gives no new permit since 31.12.2025 (SPEC.md, pathway table; spec/04-104c.md): all are excluded.
            let closed = k == .p104c && on.map { $0 >= Day(year: 2025, month: 12, day: 31)! } == true ? " – seit 31.12.2025 keine Neuerteilung" : ""
            out += Self.wrap([k.title + ": " + k.subtitle + closed], first: "  " + k.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0), indent: 9)
        }
        let permits = pathways.filter { $0.grantedBasis != nil }
        if !permits.isEmpty {
            out += "\nJede Person einmal, nach ihrem besten Weg zu einer Aufenthaltserlaubnis"
                + (permits.count < pathways.count ? "\n(ohne §§ 60c, 60d, die eine Duldung geben)" : "") + ":\n"
                + Self.wrap(Best.allCases.map { "\(germanLabel($0)) \(Self.number(best[$0] ?? 0))" }, first: "  ", indent: 2)
        }
        let unclear = pathways.filter { (counts[$0]?[.unclear] ?? 0) > 0 && !(reasons[$0] ?? [:]).isEmpty }
        if !unclear.isEmpty {
            out += "\nWarum unklar (häufigste offene Punkte je Weg; eine Antwort kann mehrere haben):\n"
            // An open legal question is named by its number in the line and asked once below (its text is long).
            var questions: [String] = []
            for k in unclear {
                let listed = topReasons(k).map { key, n in
                    guard Self.isQuestion(key) else { return "\(Self.describeReason(key)) \(Self.number(n))" }
                    if !questions.contains(key) { questions.append(key) }
                    return "Rechtsfrage \(key) \(Self.number(n))"
                }
                out += Self.wrap(listed, first: "  " + k.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0), indent: 9)
            }
            for q in questions.sorted(by: { Int($0.dropFirst()) ?? 0 < Int($1.dropFirst()) ?? 0 }) {
                out += Self.wrap(["\(ConditionCatalog.describeQuestion(q)) (spec/13-open-questions.md)"], first: "  \(q): ".padding(toLength: 9, withPad: " ", startingAt: 0), indent: 9)
            }
        }
        out += "\n" + Self.wrap(Self.stayLabels.map { "\($1) \(Self.number(yearsOfStay[$0] ?? 0))" }, first: "Aufenthaltsdauer: ", indent: 2)
        // Persons screened and rows refused, said apart (QA36 F10: "Zeilen: 16, abgewiesen: 4" read as 16 in all).
        func count(_ n: Int, _ one: String, _ many: String) -> String { n == 1 ? "1 \(one)" : "\(Self.number(n)) \(many)" }
        out += "Geprüft: \(count(rows, "Person", "Personen")) · abgewiesen: \(count(rejected, "Zeile", "Zeilen"))\(households ? " (Haushalte)" : "")\n"
        return out
    }

    /// The summary's width: an 80- or 100-column terminal shows it without wrapping lines of its own.
    static let width = 100

    /// `items` on lines of at most `width` characters: the first line opens with `first`, the next are indented by
    /// `indent`; items are parted by `separator`, and an item too long for a line is broken between words.
    static func wrap(_ items: [String], first: String = "", indent: Int = 0, separator: String = " · ") -> String {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = [], line = first, opened = false
        func add(_ piece: String, glue: String) {
            if opened && line.count + glue.count + piece.count > width { lines.append(line); line = pad + piece }
            else { line += (opened ? glue : "") + piece }
            opened = true
        }
        for item in items {
            let whole = (opened ? separator.count : 0) + item.count
            if line.count + whole <= width || item.count > width - indent {
                // Whole on this line, or too long for any line: word by word.
                if line.count + whole <= width { add(item, glue: separator) } else {
                    for (i, word) in item.split(separator: " ").enumerated() { add(String(word), glue: i == 0 ? separator : " ") }
                }
            } else {
                add(item, glue: separator)
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A count with German thousands separators (10.567).
    static func number(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// A U-point of spec/13-open-questions.md ("U7"), not a fact.
    static func isQuestion(_ key: String) -> Bool { key.first == "U" && Int(key.dropFirst()) != nil }
}

/// Screens a population file: streams it in chunks (memory flat in the number of rows), evaluates every chunk on
/// all cores, writes result rows in input order. A malformed row is reported with its line and does not stop the run.
public struct Screener: Sendable {
    public let on: Day
    public let pathways: [PathwayKey]
    public let engine = Engine()
    public var chunkSize = 4096
    /// The last horizon of the summary in months (`bleibe screen` takes 7 to 120; the first two are 3 and 6).
    public var horizonMonths = 12

    public init(on: Day, pathways: [PathwayKey] = PathwayKey.allCases, horizonMonths: Int = 12) {
        self.on = on; self.pathways = pathways; self.horizonMonths = horizonMonths
    }

    public static func header(_ pathways: [PathwayKey]) -> String {
        (["id"] + pathways.flatMap { ["\($0.rawValue)_result", "\($0.rawValue)_from", "\($0.rawValue)_consequence"] } + ["first_action", "open"])
            .map(CSV.quote).joined(separator: ",")
    }

    /// `open`: the open points of every unclear pathway, "25b: german, U7; 60d: relations" (keys of CASES.md and of
    /// spec/13-open-questions.md; the German export describes them).
    public func csvLine(_ r: ScreeningRow) -> String {
        var line = CSV.quote(CSV.inert(r.id))
        line.reserveCapacity(16 + r.answers.count * 24 + (r.firstAction?.utf8.count ?? 0))
        var open = ""
        for a in r.answers {
            line += ","; line += a.outcome.rawValue; line += ","
            if let f = a.from { line += f.iso }
            line += ","
            if let c = a.consequence { line += c.rawValue }
            if !a.open.isEmpty {
                if !open.isEmpty { open += "; " }
                open += a.pathway.rawValue; open += ": "; open += a.open.joined(separator: ", ")
            }
        }
        line += ","; line += CSV.quote(r.firstAction ?? "")
        line += ","; line += CSV.quote(open)
        return line
    }

    /// Reads the `open` column back: per pathway its open points.
    public static func openPoints(_ cell: String) -> [(PathwayKey, [String])] {
        cell.split(separator: ";").compactMap { part in
            let kv = part.split(separator: ":", maxSplits: 1)
            guard kv.count == 2, let p = PathwayKey(rawValue: kv[0].trimmingCharacters(in: .whitespaces)) else { return nil }
            return (p, kv[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
    }

    /// Evaluates one parsed household: one row per person (`id/person` when the household has several), or only
    /// the reported person of a flat row (its synthetic children are there for the household rules only).
    public func evaluate(_ household: Household, id: String, line: Int, onlyFirst: Bool = false, appliedOn: Day? = nil) -> [ScreeningRow] {
        // Relatives are named in the first action by their labels ("Kind 1"), not their ids.
        let names = household.persons.count > 1 ? household.persons.reduce(into: [String: String]()) { $0[$1.id] = $1.label } : [:]
        if onlyFirst {
            guard let first = household.persons.first,
                  let p = engine.assess(household, person: first.id, on: on, appliedOn: appliedOn, pathways: pathways, explains: false) else { return [] }
            return [row(p, id: id, line: line, names: names, flat: true)]
        }
        let result = engine.assess(household, on: on, appliedOn: appliedOn, pathways: pathways, explains: false)
        return result.persons.map { p in row(p, id: result.persons.count > 1 ? "\(id)/\(p.personID)" : id, line: line, names: names) }
    }

    /// `flat`: a CSV row, which holds no spouse, parents or children's own facts: an action asking for those names JSON
    /// Lines instead (QA of 06.12.2026: "Familienbeziehungen ergänzen" for a format without a column for them).
    func row(_ p: PersonAssessment, id: String, line: Int, names: [String: String] = [:], flat: Bool = false) -> ScreeningRow {
        let answers = p.assessments.map {
            ScreeningAnswer(pathway: $0.pathway, outcome: $0.outcome, from: $0.from,
                            consequence: $0.outcome == .met || $0.outcome == .reachable ? $0.consequence : nil,
                            open: $0.outcome == .unclear ? $0.open : [])
        }
        // The first action of the pathway closest to being met, and of what decides it: for an unclear one the missing
        // fact or open question, for a not-met one the step still to take (QA of 05.12.2026: a missing fact that
        // changed no result came first).
        // A pathway met today: the application is the step (QA of 06.12.2026: a person meeting § 25b was asked for a
        // training fact of § 60c).
        func named(_ a: Assessment?) -> Assessment? { a.map { var a = $0; if !names.isEmpty { a.names = names }; return a } }
        let firstAction: String?
        if let met = p.assessments.first(where: { $0.outcome == .met }) {
            firstAction = "Antrag stellen: " + met.pathway.title
        } else if let soonest = p.assessments.filter({ $0.outcome == .reachable && $0.from != nil }).min(by: { $0.from! < $1.from! }) {
            // Only time is missing: the date is the step (QA35 F1: a 13-year-old reaching § 25a in three months was told
            // to obtain a § 60d Beschäftigungsduldung, the first pathway not met in the list).
            firstAction = "Antrag ab \(soonest.from!.german): \(soonest.pathway.title)"
        } else {
            // § 25b Abs. 6 rests on a § 60d Duldung: not the step for a person § 60d excludes (QA35 F1).
            let without60d = p.assessment(.p60d)?.outcome == .excluded
            let notMetFirst = p.assessments.first { $0.outcome == .notMet && !(without60d && $0.pathway == .p25b6) }
            let unclear = named(p.assessments.first { $0.outcome == .unclear }), notMet = named(notMetFirst)
            let expressible: (ConditionResult) -> Bool = { c in !flat || !c.open.allSatisfy(ConditionCatalog.isFamilyFact) }
            firstAction = unclear?.actions(limit: 1, including: { $0.state == .unknown && expressible($0) }).first
                ?? notMet?.actions(limit: 1, including: { $0.state == .failing(.remediable) }).first
                ?? (flat && unclear != nil ? Self.familyAction : nil)
                ?? (unclear ?? notMet)?.actions(limit: 1).first
        }
        let start = p.person.status?.first { $0.kind != .none && $0.kind != .abroad }?.from
        let years = start.map { max(0, $0.age(on: on)) }
        return ScreeningRow(line: line, id: id, answers: answers, firstAction: firstAction, yearsOfStay: years)
    }

    static let familyAction = "Familie prüfen: Ehegatte, Eltern oder Kinder stehen nicht in der CSV-Zeile (als JSON Lines mit Haushalt prüfen)"

    /// FNV-1a over the id's bytes: the key of the repeated-id check (deterministic, no string kept).
    static func idHash(_ id: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// Parses one input line into a household; throws a message for a malformed row.
    /// `layout`: where the CSV header puts each column (ignored for JSON Lines).
    public func parse(_ text: String, line: Int, format: ScreeningFormat, layout: FlatRecord.Layout) throws -> (String, Household, Day?) {
        let (id, h, appliedOn) = try household(text, line: line, format: format, layout: layout)
        // A line break in an id (a spreadsheet's Alt+Enter) breaks every line-based reading of the results (review of
        // 06.12.2026: the person dropped out of the outreach list); other control characters are refused with it.
        guard !id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw FlatRecord.RowError(column: "id", message: "contains a line break or another control character")
        }
        return (id, h, appliedOn)
    }

    private func household(_ text: String, line: Int, format: ScreeningFormat, layout: FlatRecord.Layout) throws -> (String, Household, Day?) {
        switch format {
        case .jsonl:
            let (id, h, appliedOn) = try CaseFileDecoder.household(jsonLine: text, line: line, on: on)
            // Without an id a household cannot be found in the results; a made-up one could clash with a real one (QA of
            // 06.12.2026: "line-5").
            guard let id, !id.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw FlatRecord.RowError(column: "id", message: "missing (every household needs an id to be found in the results)")
            }
            return (id, h, appliedOn)
        case .csv:
            let fields = CSV.split(text, separator: layout.separator)
            guard fields.count == layout.width else { throw FlatRecord.RowError(column: "row", message: "expected \(layout.width) fields, found \(fields.count)") }
            return try FlatRecord.application(FlatRecord.Row(fields: fields, layout: layout), on: on)
        }
    }

    /// Runs over `lines` (the file without its CSV header), calling `write` with result lines in order,
    /// `reject` with the line number and reason of every malformed row, and `progress` with the input lines done.
    /// The main thread only reads lines and writes results; parsing, the engine, formatting and counting run on
    /// every core.
    public func run(lines: some Sequence<String>, format: ScreeningFormat, header: [String] = [], separator: UInt8 = 44, firstLine: Int = 1,
                    write: (String) -> Void, reject: (Int, String) -> Void, progress: ((Int) -> Void)? = nil) -> ScreeningSummary {
        var summary = ScreeningSummary()
        summary.horizonMonths = horizonMonths
        let layout = FlatRecord.Layout(header: header, separator: separator)
        let horizons = Tally.Horizons(on: on, months: horizonMonths)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        var chunk: [(Int, String)] = []
        chunk.reserveCapacity(chunkSize)
        var lineNo = firstLine - 1
        var consumed = 0   // input lines done (a JSON line may hold several persons)
        // A CSV record whose quoted field holds a line break goes on in the next lines (RFC 4180; QA of 06.12.2026: it
        // was split into broken rows). Such a record counts by its first line; the lines it goes on in are counted here.
        var continuation = 0
        // An id given twice (an export run twice, two lists joined) would count and invite the person twice (QA of
        // 06.12.2026): the repeat is rejected with the first line. This map is the one thing that grows with the rows:
        // a 64-bit hash of the id and a line number, not the id (a string per row took 75 MB per million; two ids
        // sharing a hash, about 1 in 10^7 for a million rows, would reject the second, naming the line to compare).
        var firstLineOf: [UInt64: Int32] = [:]
        func flush() {
            let items = chunk
            guard !items.isEmpty else { consumed += continuation; continuation = 0; progress?(consumed); return }
            let results = UnsafeMutableBufferPointer<Result<(id: String, lines: [String]), ScreeningError>?>.allocate(capacity: items.count)
            results.initialize(repeating: nil)
            let tallies = UnsafeMutableBufferPointer<Tally>.allocate(capacity: workers)
            tallies.initialize(repeating: Tally(pathways: pathways.count))
            defer { _ = results.deinitialize(); results.deallocate(); _ = tallies.deinitialize(); tallies.deallocate() }
            let base = SendablePointer(results.baseAddress!), tallyBase = SendablePointer(tallies.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var tally = Tally(pathways: pathways.count)
                var i = w
                while i < items.count {
                    let (n, text) = items[i]
                    do {
                        let (id, h, appliedOn) = try parse(text, line: n, format: format, layout: layout)
                        let rows = evaluate(h, id: id, line: n, onlyFirst: format == .csv, appliedOn: appliedOn)
                        for r in rows { tally.add(r, horizons) }
                        base.p[i] = .success((id, rows.map(csvLine)))
                    } catch let e as CaseFileError {
                        // The line is reported once, by the run (the decoder's own "input:N:" would repeat it).
                        base.p[i] = .failure(ScreeningError(line: n, reason: (e.path.isEmpty ? "" : "\(e.path): ") + e.message))
                    } catch {
                        base.p[i] = .failure(ScreeningError(line: n, reason: "\(error)"))
                    }
                    i += workers
                }
                tallyBase.p[w] = tally
            }
            for t in tallies { summary.merge(t, pathways: pathways) }
            for (i, r) in results.enumerated() {
                switch r {
                case .success(let result)?:
                    let key = Self.idHash(result.id)
                    if let first = firstLineOf[key] {
                        // Counted by its worker already: taken out again (evaluated anew, the same answer; repeats are rare).
                        let (n, text) = items[i]
                        var undo = Tally(pathways: pathways.count)
                        if let (id, h, appliedOn) = try? parse(text, line: n, format: format, layout: layout) {
                            for row in evaluate(h, id: id, line: n, onlyFirst: format == .csv, appliedOn: appliedOn) { undo.add(row, horizons, by: -1) }
                        }
                        summary.merge(undo, pathways: pathways)
                        summary.rejected += 1
                        reject(n, "id '\(result.id)' repeats line \(first) (screened once)")
                        continue
                    }
                    firstLineOf[key] = Int32(truncatingIfNeeded: items[i].0)
                    for line in result.lines { write(line) }
                case .failure(let e)?: summary.rejected += 1; reject(e.line, e.reason)
                case nil: break
                }
            }
            consumed += items.count + continuation
            continuation = 0
            chunk.removeAll(keepingCapacity: true)
            progress?(consumed)
        }
        var open: (line: Int, text: String, lines: Int)?
        for text in lines {
            lineNo += 1
            if format == .csv {
                if let o = open {
                    let record = o.text + "\n" + text
                    continuation += 1
                    if Self.quotesBalanced(record) {
                        open = nil
                        chunk.append((o.line, record))
                        if chunk.count >= chunkSize { flush() }
                    } else if o.lines >= Self.longestRecord {
                        // An opening quote never closed would swallow the rest of the file.
                        open = nil
                        summary.rejected += 1
                        continuation += 1   // its first line is done too (QA24 F2: a finished job stood at 75 %)
                        reject(o.line, "row: a quoted field is not closed within \(Self.longestRecord) lines (lines \(o.line)–\(lineNo) skipped)")
                    } else {
                        open = (o.line, record, o.lines + 1)
                    }
                    continue
                }
                if !Self.quotesBalanced(text) { open = (lineNo, text, 1); continue }
            }
            // A blank line (spaces, tabs, a lone CR) is skipped; checked on bytes: Foundation's trimming is slow per line.
            if text.utf8.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            chunk.append((lineNo, text))
            if chunk.count >= chunkSize { flush() }
        }
        if let o = open {
            summary.rejected += 1
            continuation += 1
            reject(o.line, o.line == lineNo ? "row: a quoted field is not closed (line \(o.line))" : "row: a quoted field is not closed (lines \(o.line)–\(lineNo))")
        }
        if !chunk.isEmpty || continuation > 0 { flush() }
        return summary
    }

    /// The most physical lines one CSV record may span.
    static let longestRecord = 50

    /// Whether every quote opened in `line` is closed: an even number of quote characters (a doubled quote counts two).
    static func quotesBalanced(_ line: String) -> Bool {
        var odd = false
        for b in line.utf8 where b == 34 { odd.toggle() }
        return !odd
    }
}

/// The counts of one worker: per pathway (in the screener's order) and bucket, and by years of stay; merged into the
/// summary after each chunk, so that counting needs no lock and no dictionary per row.
struct Tally {
    static let buckets = ScreeningSummary.Bucket.allCases
    static let stays = ["< 3 years", "3–5 years", "5–8 years", "≥ 8 years", "unknown"]
    var rows = 0
    var cells: [Int]
    var stay = [Int](repeating: 0, count: Tally.stays.count)
    var best = [Int](repeating: 0, count: ScreeningSummary.Best.allCases.count)
    /// Per pathway (in the screener's order): open point → unclear answers it left open.
    var reasons: [[String: Int]]

    init(pathways: Int) {
        cells = [Int](repeating: 0, count: pathways * Self.buckets.count)
        reasons = [[String: Int]](repeating: [:], count: pathways)
    }

    /// A relative's fact ("c1/born", "parent/c1/born") counts as one point whoever the relative is.
    static func reasonKey(_ open: String) -> String {
        guard let slash = open.lastIndex(of: "/") else { return open }
        return "relative/" + open[open.index(after: slash)...]
    }

    /// The position in `stays`: under 3, 3–5, 5–8, 8 and more years, unknown.
    static func stayIndex(_ years: Int?) -> Int {
        guard let y = years else { return 4 }
        return y < 3 ? 0 : y < 5 ? 1 : y < 8 ? 2 : 3
    }

    /// The screening date and its 3, 6 and `months` (12 unless chosen) months horizons, computed once.
    struct Horizons {
        let on: Day, m3: Day, m6: Day, m12: Day
        init(on: Day, months: Int = 12) { self.on = on; m3 = on.adding(months: 3); m6 = on.adding(months: 6); m12 = on.adding(months: months) }
    }

    static func bucket(_ o: Outcome, from: Day?, _ h: Horizons) -> ScreeningSummary.Bucket {
        switch o {
        case .met: return .met
        case .notMet: return .notMet
        case .excluded: return .excluded
        case .unclear: return .unclear
        case .reachable:
            guard let f = from else { return .later }
            return f <= h.m3 ? .within3 : f <= h.m6 ? .within6 : f <= h.m12 ? .within12 : .later
        }
    }

    /// Counts a row (`by: -1` takes a counted row out again).
    mutating func add(_ r: ScreeningRow, _ h: Horizons, by step: Int = 1) {
        rows += step
        var bestRank = ScreeningSummary.Best.none
        for (i, a) in r.answers.enumerated() {
            let bucket = Self.bucket(a.outcome, from: a.from, h)
            cells[i * Self.buckets.count + Self.buckets.firstIndex(of: bucket)!] += step
            for o in a.open { reasons[i][Self.reasonKey(o), default: 0] += step }
            guard a.pathway.grantedBasis != nil else { continue }
            let rank: ScreeningSummary.Best = switch bucket {
            case .met: .met
            case .within3: .within3
            case .within6: .within6
            case .within12: .within12
            case .later: .later
            case .unclear: .unclear
            case .notMet, .excluded: .none
            }
            if Self.rank(rank) < Self.rank(bestRank) { bestRank = rank }
        }
        best[Self.rank(bestRank)] += step
        stay[Self.stayIndex(r.yearsOfStay)] += step
    }

    static func rank(_ b: ScreeningSummary.Best) -> Int { ScreeningSummary.Best.allCases.firstIndex(of: b)! }
}

extension ScreeningSummary {
    mutating func merge(_ t: Tally, pathways: [PathwayKey]) {
        rows += t.rows
        for (p, key) in pathways.enumerated() {
            for (b, bucket) in Tally.buckets.enumerated() where t.cells[p * Tally.buckets.count + b] != 0 {
                counts[key, default: [:]][bucket, default: 0] += t.cells[p * Tally.buckets.count + b]
                if counts[key]?[bucket] == 0 { counts[key]?[bucket] = nil }   // a repeat taken out leaves no empty bucket
            }
        }
        for (i, b) in Best.allCases.enumerated() where t.best[i] != 0 {
            best[b, default: 0] += t.best[i]
            if best[b] == 0 { best[b] = nil }
        }
        for (p, key) in pathways.enumerated() {
            for (reason, n) in t.reasons[p] where n != 0 {
                reasons[key, default: [:]][reason, default: 0] += n
                if reasons[key]?[reason] == 0 { reasons[key]?[reason] = nil }
            }
        }
        for (i, name) in Tally.stays.enumerated() where t.stay[i] != 0 {
            yearsOfStay[name, default: 0] += t.stay[i]
            if yearsOfStay[name] == 0 { yearsOfStay[name] = nil }
        }
    }
}

struct ScreeningError: Error { let line: Int; let reason: String }

/// Each worker writes only its own slots of the result buffer (i ≡ worker mod workers), so sharing is safe.
struct SendablePointer<T>: @unchecked Sendable {
    let p: UnsafeMutablePointer<T>
    init(_ p: UnsafeMutablePointer<T>) { self.p = p }
}

/// Minimal CSV (RFC 4180 without line breaks inside fields): split and quote.
public enum CSV {
    /// Splits on bytes (the separators are ASCII, so multi-byte characters pass through whole). A line without
    /// quotes or carriage returns – nearly every line of an export – is cut into fields directly.
    /// `separator`: a comma, or the semicolon of a German spreadsheet export.
    public static func split(_ line: String, separator: UInt8 = 44) -> [String] {
        var line = line
        return line.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 == 34 || $0 == 13 }) else { return quotedSplit(bytes, separator: separator) }
            var out: [String] = []
            out.reserveCapacity(64)
            var start = 0
            for (i, b) in bytes.enumerated() where b == separator {
                out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                start = i + 1
            }
            out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return out
        }
    }

    /// RFC 4180 quoting ("" inside quotes is one quote); carriage returns outside quotes are dropped.
    static func quotedSplit(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> [String] {
        var out: [String] = [], cur: [UInt8] = [], quoted = false, afterQuote = false
        out.reserveCapacity(64); cur.reserveCapacity(32)
        for b in bytes {
            if quoted {
                if b == 34 { quoted = false; afterQuote = true } else { cur.append(b) }
            } else if b == 34 {
                if afterQuote { cur.append(34) }
                quoted = true; afterQuote = false
            } else if b == separator {
                out.append(String(decoding: cur, as: UTF8.self)); cur.removeAll(keepingCapacity: true); afterQuote = false
            } else if b != 13 {
                cur.append(b); afterQuote = false
            }
        }
        out.append(String(decoding: cur, as: UTF8.self))
        return out
    }

    /// A cell a spreadsheet will not run as a formula: one beginning with = + - @ (or a tab or carriage return)
    /// gets a leading apostrophe, unless it is a number. Ids come from the uploaded list.
    public static func inert(_ s: String) -> String {
        guard let first = s.utf8.first else { return s }
        // An apostrophe of the id's own gets one too: "=x" and "'=x" stay two ids in the results (QA of 06.12.2026).
        if first == 39 { return "'" + s }
        guard [61, 43, 45, 64, 9, 13].contains(first), Double(s) == nil else { return s }
        return "'" + s
    }

    /// The id as the file had it: `inert`'s apostrophe taken off again (a page shows it as written; an export
    /// escapes it anew). Only an apostrophe `inert` would have added is removed.
    public static func plain(_ s: String) -> String {
        guard s.hasPrefix("'") else { return s }
        let rest = String(s.dropFirst())
        return inert(rest) == s ? rest : s
    }

    /// RFC 4180: a field with a comma, a quote or a line break (LF or CR; QA of 06.12.2026: a CR split the row) is quoted;
    /// so is one with a semicolon or a tab, which German spreadsheets split on (security review of 06.12.2026: `a;=1+1`
    /// became a formula cell there).
    public static func quote(_ s: String) -> String {
        s.utf8.contains(where: { $0 == 44 || $0 == 59 || $0 == 9 || $0 == 34 || $0 == 10 || $0 == 13 }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    public static func line(_ row: [String: String], columns: [String]) -> String {
        columns.map { quote(row[$0] ?? "") }.joined(separator: ",")
    }
}

/// Reads a file line by line with a fixed buffer (memory stays flat however large the file).
public struct LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    private var atStart = true

    /// UTF-8, or where a line is not (a spreadsheet's "CSV" in a German Windows is Windows-1252), Windows-1252:
    /// "M\u{FC}ller" rather than "M\u{FFFD}ller".
    public static func text(_ bytes: ArraySlice<UInt8>) -> String {
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        return String(bytes: bytes, encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
    }

    public init?(path: String) {
        // A folder opens as a file handle, and reading it would stop the process.
        var folder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &folder), !folder.boolValue,
              let h = FileHandle(forReadingAtPath: path) else { return nil }
        handle = h
    }

    public mutating func next() -> String? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 10) {
                let line = Self.text(buffer[start..<nl])
                start = nl + 1
                return line
            }
            if eof {
                guard start < buffer.count else { return nil }
                defer { buffer.removeAll(); start = 0 }
                return Self.text(buffer[start...])
            }
            // Keep the unfinished line, read the next megabyte.
            buffer.removeSubrange(0..<start)
            start = 0
            let more = handle.readData(ofLength: 1 << 20)
            if more.isEmpty { eof = true } else { buffer.append(contentsOf: more) }
            // A byte order mark opens the file, not its first line (Windows saves JSON Lines with one as well as CSV).
            if atStart, buffer.count >= 3 || eof {
                atStart = false
                if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            }
        }
    }
}
