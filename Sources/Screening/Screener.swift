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

/// Screens a population file: streams it in chunks (memory flat in the number of rows), evaluates every chunk on
/// all cores, writes result rows in input order. A malformed row is reported with its line and does not stop the run.
public struct Screener: Sendable {
    public let on: Day
    public let pathways: [PathwayKey]
    public let engine = Engine()
    public var chunkSize = 4096
    /// Threads evaluating a chunk (every core, at most 8). The web application leaves a core to its requests.
    public var workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
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
    /// Built as bytes and made a string once: appending some sixty small strings to a string was a tenth of a
    /// screening (each append goes through the string's general path).
    public func csvLine(_ r: ScreeningRow) -> String {
        var line: [UInt8] = [], open: [UInt8] = []
        line.reserveCapacity(64 + r.answers.count * 24 + (r.firstAction?.utf8.count ?? 0))
        CSV.appendField(CSV.inert(r.id), to: &line)
        for a in r.answers {
            line.append(44); line += a.outcome.rawValue.utf8; line.append(44)
            if let f = a.from { line += f.iso.utf8 }
            line.append(44)
            if let c = a.consequence { line += c.rawValue.utf8 }
            if !a.open.isEmpty {
                if !open.isEmpty { open += "; ".utf8 }
                open += a.pathway.rawValue.utf8; open += ": ".utf8
                for (i, o) in a.open.enumerated() { if i > 0 { open += ", ".utf8 }; open += o.utf8 }
            }
        }
        line.append(44); CSV.appendField(r.firstAction ?? "", to: &line)
        line.append(44); CSV.appendField(open, to: &line)
        return String(decoding: line, as: UTF8.self)
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
    /// `ageBounds`: a flat row's household with its children at other ages, when their birth dates are not given
    /// (`FlatRecord.Parsed.childAgeBounds`); a pathway whose answer depends on their age is unclear (`children_born`).
    public func evaluate(_ household: Household, id: String, line: Int, onlyFirst: Bool = false, appliedOn: Day? = nil,
                         ageBounds: [Household] = []) -> [ScreeningRow] {
        // Relatives are named in the first action by their labels ("Kind 1"), not their ids.
        let names = household.persons.count > 1 ? household.persons.reduce(into: [String: String]()) { $0[$1.id] = $1.label } : [:]
        if onlyFirst {
            guard let first = household.persons.first,
                  var p = engine.assess(household, person: first.id, on: on, appliedOn: appliedOn, pathways: pathways, explains: false) else { return [] }
            for bound in ageBounds {
                guard let q = engine.assess(bound, person: first.id, on: on, appliedOn: appliedOn, pathways: pathways, explains: false) else { continue }
                for (i, a) in p.assessments.enumerated() {
                    guard let b = q.assessment(a.pathway), b.outcome != a.outcome || b.from != a.from || b.consequence != a.consequence else { continue }
                    p.assessments[i] = Self.restingOnChildrensAge(a, against: b)
                }
            }
            return [row(p, id: id, line: line, names: names, flat: true)]
        }
        let result = engine.assess(household, on: on, appliedOn: appliedOn, pathways: pathways, explains: false)
        return result.persons.map { p in row(p, id: result.persons.count > 1 ? "\(id)/\(p.personID)" : id, line: line, names: names) }
    }

    /// A parsed line: every person of a JSON Lines household, the reported person of a flat row.
    func evaluate(_ parsed: FlatRecord.Parsed, line: Int, format: ScreeningFormat) -> [ScreeningRow] {
        evaluate(parsed.household, id: parsed.id, line: line, onlyFirst: format == .csv, appliedOn: parsed.appliedOn, ageBounds: parsed.childAgeBounds(on: on))
    }

    /// `flat`: a CSV row, which holds no spouse, parents or children's own facts: an action asking for those names JSON
    /// Lines instead (QA of 06.12.2026: "Familienbeziehungen ergänzen" for a format without a column for them).
    func row(_ p: PersonAssessment, id: String, line: Int, names: [String: String] = [:], flat: Bool = false) -> ScreeningRow {
        // Answers are read by position, in place: a closure over the list (map, first(where:)) gets a copy of each
        // answer, which retains and releases all its lists.
        let all = p.assessments
        var answers: [ScreeningAnswer] = []
        answers.reserveCapacity(all.count)
        for i in all.indices {
            let outcome = all[i].outcome
            answers.append(ScreeningAnswer(pathway: all[i].pathway, outcome: outcome, from: all[i].from,
                                           consequence: outcome == .met || outcome == .reachable ? all[i].consequence : nil,
                                           open: outcome == .unclear ? all[i].open : []))
        }
        // The first action of the pathway closest to being met, and of what decides it: for an unclear one the missing
        // fact or open question, for a not-met one the step still to take (QA of 05.12.2026: a missing fact that
        // changed no result came first).
        // A pathway met today: the application is the step (QA of 06.12.2026: a person meeting § 25b was asked for a
        // training fact of § 60c).
        func named(_ a: Assessment?) -> Assessment? { a.map { var a = $0; if !names.isEmpty { a.names = names }; return a } }
        let firstAction: String?
        var soonest: (from: Day, pathway: PathwayKey)? = nil, met: PathwayKey? = nil, without60d = false
        for i in all.indices {
            switch all[i].outcome {
            case .reachable: if let from = all[i].from, soonest.map({ from < $0.from }) ?? true { soonest = (from, all[i].pathway) }
            case .met: if met == nil { met = all[i].pathway }
            // § 25b Abs. 6 rests on a § 60d Duldung: not the step for a person § 60d excludes (QA35 F1).
            case .excluded: if all[i].pathway == .p60d { without60d = true }
            default: break
            }
        }
        if let met {
            firstAction = "Antrag stellen: " + met.title
        } else if let soonest {
            // Only time is missing: the date is the step (QA35 F1: a 13-year-old reaching § 25a in three months was told
            // to obtain a § 60d Beschäftigungsduldung, the first pathway not met in the list).
            firstAction = "Antrag ab \(soonest.from.german): \(soonest.pathway.title)"
        } else {
            let notMetFirst = all.first { $0.outcome == .notMet && !(without60d && $0.pathway == .p25b6) }
            let unclear = named(all.first { $0.outcome == .unclear }), notMet = named(notMetFirst)
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

    static let childrenBorn = FlatRecord.Column.childrenBorn.name

    /// `a` unclear, the conditions whose state differs in `b` (the same row with other ages of the children) unknown
    /// for want of the children's birth dates.
    static func restingOnChildrensAge(_ a: Assessment, against b: Assessment) -> Assessment {
        var a = a
        let unknown = { (id: String) in ConditionResult(id, .unknown, open: [childrenBorn]) }
        var marked = false
        for i in a.conditions.indices {
            let c = a.conditions[i]
            if let d = b.conditions.first(where: { $0.id == c.id }), d.state == c.state, d.metFrom == c.metFrom { continue }
            if c.open.contains(childrenBorn) { marked = true; continue }
            a.conditions[i] = unknown(c.id); marked = true
        }
        for d in b.conditions where !a.conditions.contains(where: { $0.id == d.id }) { a.conditions.append(unknown(d.id)); marked = true }
        // The answers differ in their date alone (a search over other candidate days): the time condition it rests on.
        if !marked, let time = a.conditions.firstIndex(where: { $0.state == .failing(.time) }) { a.conditions[time] = unknown(a.conditions[time].id) }
        a.outcome = .unclear; a.from = nil; a.consequence = nil; a.routeEnds = nil; a.reachableIfFiledOn = nil
        return a
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
    public func parse(_ text: String, line: Int, format: ScreeningFormat, layout: FlatRecord.Layout) throws -> FlatRecord.Parsed {
        let parsed = try household(text, line: line, format: format, layout: layout)
        // A line break in an id (a spreadsheet's Alt+Enter) breaks every line-based reading of the results (review of
        // 06.12.2026: the person dropped out of the outreach list); other control characters are refused with it.
        guard !parsed.id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw FlatRecord.RowError(column: "id", message: "contains a line break or another control character")
        }
        return parsed
    }

    private func household(_ text: String, line: Int, format: ScreeningFormat, layout: FlatRecord.Layout) throws -> FlatRecord.Parsed {
        switch format {
        case .jsonl:
            let (id, h, appliedOn) = try CaseFileDecoder.household(jsonLine: text, line: line, on: on)
            // Without an id a household cannot be found in the results; a made-up one could clash with a real one (QA of
            // 06.12.2026: "line-5").
            guard let id, !id.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw FlatRecord.RowError(column: "id", message: "missing (every household needs an id to be found in the results)")
            }
            return FlatRecord.Parsed(id: id, household: h, appliedOn: appliedOn)
        case .csv:
            let fields = CSV.split(text, separator: layout.separator)
            guard fields.count == layout.width else { throw FlatRecord.RowError(column: "row", message: "expected \(layout.width) fields, found \(fields.count)") }
            return try FlatRecord.parsed(FlatRecord.Row(fields: fields, layout: layout), on: on)
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
        let workers = max(1, workers)
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
                        let parsed = try parse(text, line: n, format: format, layout: layout)
                        let rows = evaluate(parsed, line: n, format: format)
                        for r in rows { tally.add(r, horizons) }
                        base.p[i] = .success((parsed.id, rows.map(csvLine)))
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
                        if let parsed = try? parse(text, line: n, format: format, layout: layout) {
                            for row in evaluate(parsed, line: n, format: format) { undo.add(row, horizons, by: -1) }
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
        // Over the contiguous bytes where the string has them (a line read is native UTF-8): the UTF-8 view's iterator
        // took a twentieth of a screening.
        func balanced(_ bytes: some Sequence<UInt8>) -> Bool {
            var quotes = 0
            for b in bytes where b == 34 { quotes &+= 1 }
            return quotes & 1 == 0
        }
        return line.utf8.withContiguousStorageIfAvailable(balanced) ?? balanced(line.utf8)
    }
}

struct ScreeningError: Error { let line: Int; let reason: String }

/// Each worker writes only its own slots of the result buffer (i ≡ worker mod workers), so sharing is safe.
struct SendablePointer<T>: @unchecked Sendable {
    let p: UnsafeMutablePointer<T>
    init(_ p: UnsafeMutablePointer<T>) { self.p = p }
}
