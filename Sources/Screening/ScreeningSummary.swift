import Eligibility
import Foundation

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

        /// The answer a pathway's bucket gives a person; not met and excluded are no way.
        init(_ bucket: Bucket) {
            switch bucket {
            case .met: self = .met
            case .within3: self = .within3
            case .within6: self = .within6
            case .within12: self = .within12
            case .later: self = .later
            case .unclear: self = .unclear
            case .notMet, .excluded: self = .none
            }
        }

        /// The position in `allCases`, best first (asked per answer of every row: no array built for it).
        var order: Int {
            switch self { case .met: 0; case .within3: 1; case .within6: 2; case .within12: 3; case .later: 4; case .unclear: 5; case .none: 6 }
        }
    }

    /// The fewest persons a figures-only summary may count (`ScreeningJob.figuresOnly`): fewer would be their results.
    public static let smallestFiguresOnlyList = 20
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

    /// An open point of `reasons` in German ("Deutschkenntnisse", "U7: …", "Geburtsdatum – bei einer angehörigen Person";
    /// QA36 F7, QA37 F8: "Pflege von Angehörigen von Angehörigen").
    public static func describeReason(_ key: String) -> String {
        guard key.hasPrefix("relative/") else { return ConditionCatalog.describeOpen(key) }
        return ConditionCatalog.describeOpen(String(key.dropFirst("relative/".count))) + " – bei einer angehörigen Person"
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
        // Searched as a byte: finding a Character walks grapheme clusters (2 % of a screening).
        guard let slash = open.utf8.lastIndex(of: UInt8(ascii: "/")) else { return open }
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
            let answer = ScreeningSummary.Best(bucket)
            if answer.order < bestRank.order { bestRank = answer }
        }
        best[bestRank.order] += step
        stay[Self.stayIndex(r.yearsOfStay)] += step
    }
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
