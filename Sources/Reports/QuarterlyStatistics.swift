import Counseling
import Foundation
import Eligibility
import Screening

/// The authority's quarterly procedure statistics: per quarter and regulation the flow during the quarter
/// (applications, grants, refusals) kept apart from the stock on its last day (pending), and per quarter the
/// tolerated persons on the last day (all, more than 3 years, more than 5 years).
public struct QuarterlyStatistics: Sendable, Hashable {
    public struct Procedure: Sendable, Hashable {
        public var quarter: Quarter, regulation: String
        public var applications: Int, grants: Int, refusals: Int
        /// Pending on the last day of the quarter (a stock, not a flow).
        public var pendingAtEnd: Int
        public init(quarter: Quarter, regulation: String, applications: Int, grants: Int, refusals: Int, pendingAtEnd: Int) {
            self.quarter = quarter; self.regulation = regulation; self.applications = applications; self.grants = grants
            self.refusals = refusals; self.pendingAtEnd = pendingAtEnd
        }
    }

    public struct Population: Sendable, Hashable {
        public var quarter: Quarter
        public var tolerated: Int, toleratedOver3Years: Int, toleratedOver5Years: Int
        public init(quarter: Quarter, tolerated: Int, toleratedOver3Years: Int, toleratedOver5Years: Int) {
            self.quarter = quarter; self.tolerated = tolerated; self.toleratedOver3Years = toleratedOver3Years; self.toleratedOver5Years = toleratedOver5Years
        }
    }

    public var procedures: [Procedure] = []
    public var populations: [Population] = []
    /// The quarters with any figures, oldest first.
    public var quarters: [Quarter] { Array(Set(procedures.map(\.quarter) + populations.map(\.quarter))).sorted() }
    public init(procedures: [Procedure] = [], populations: [Population] = []) { self.procedures = procedures; self.populations = populations }

    /// The regulations the statistics are kept for (the codes of the engine's pathways and their German titles). An
    /// authority counts a § 25a or § 25b permit once, whether granted to the person or to the family; the titles name
    /// both paragraphs, so that the rows are not read as the service's § 25a Abs. 1 alone.
    public static let regulations: [(code: String, title: String)] = [
        ("25a", "§ 25a Abs. 1, 2 AufenthG"), ("25b", "§ 25b Abs. 1, 4 AufenthG"), ("25b-6", "§ 25b Abs. 6 AufenthG"), ("104c", "§ 104c AufenthG"),
        ("60c", "§ 60c AufenthG"), ("60d", "§ 60d AufenthG"), ("16g", "§ 16g AufenthG"), ("19d-1a", "§ 19d Abs. 1a AufenthG"), ("25-5", "§ 25 Abs. 5 AufenthG"),
    ]

    public static let header = ["quartal", "vorschrift", "antraege", "erteilungen", "ablehnungen", "anhaengig_stichtag",
                                "geduldete_stichtag", "geduldete_ueber_3_jahre", "geduldete_ueber_5_jahre"]

    public struct RowError: Sendable, Hashable, CustomStringConvertible {
        public var line: Int, message: String
        /// Line 0: the upload as a whole.
        public var description: String { line > 0 ? "Zeile \(line): \(message)" : message }
        public init(line: Int, message: String) { self.line = line; self.message = message }
    }

    /// Reads the CSV (`;` or `,`, optional BOM, header line required). Rows of a regulation carry the procedure
    /// columns; the row with `vorschrift` = `gesamt` carries the tolerated persons. Every row is checked; any
    /// error rejects the whole upload (nothing is half-saved).
    public struct Rejected: Error, Sendable { public var errors: [RowError] }

    /// - Parameter today: a quarter not yet over by then is refused (its figures, and the stock on its last day,
    ///   cannot be known yet).
    public static func parse(_ text: String, today: Day? = nil) -> Result<QuarterlyStatistics, Rejected> {
        var errors: [RowError] = []
        var out = QuarterlyStatistics()
        let lines = text.replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        // Nothing but blanks is empty too (QA of 05.12.2026: it was answered with the header rule).
        guard let head = lines.first, lines.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            return .failure(Rejected(errors: [RowError(line: 1, message: "Die Datei ist leer.")]))
        }
        let sep: Character = head.contains(";") ? ";" : ","
        // As spreadsheets write CSV: quoted cells read as one (RFC 4180; QA33 F7).
        let columns = CSV.split(String(head), separator: sep.asciiValue!).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard columns == header else {
            return .failure(Rejected(errors: [RowError(line: 1, message: "Kopfzeile muss lauten: \(header.joined(separator: ";"))")]))
        }
        var seen: Set<String> = []
        for (i, raw) in lines.enumerated().dropFirst() {
            let line = i + 1
            let f = CSV.split(String(raw), separator: sep.asciiValue!).map { $0.trimmingCharacters(in: .whitespaces) }
            // A blank line, or one of separators only (a spreadsheet's empty rows; QA33 F7), is no row.
            if f.allSatisfy(\.isEmpty) { continue }
            guard f.count == header.count else { errors.append(RowError(line: line, message: "\(f.count) statt \(header.count) Spalten.")); continue }
            guard let q = Quarter(f[0]) else {
                // Written right but out of range ("1990-Q1", "2026-Q5"): say what is wrong with it.
                let message = Quarter.isWrittenAsQuarter(f[0]) ? "„\(Typed.echo(f[0]))“ liegt außerhalb der möglichen Quartale (Q1 bis Q4 der Jahre 2000 bis 2100)."
                    : "„\(Typed.echo(f[0]))“ ist kein Quartal (z. B. 2026-Q3)."
                errors.append(RowError(line: line, message: message)); continue
            }
            if let today, q.lastDay >= today {
                errors.append(RowError(line: line, message: "\(q.german) ist noch nicht abgeschlossen (letzter Tag \(q.lastDay.german)).")); continue
            }
            func count(_ k: Int) -> Int?? {
                if f[k].isEmpty { return .some(nil) }
                guard let n = Self.count(f[k]), n >= 0, n <= 10_000_000 else { errors.append(RowError(line: line, message: "\(header[k]): „\(Typed.echo(f[k]))“ ist keine Anzahl (ganze Zahl ab 0, z. B. 1876 oder 1.876).")); return nil }
                return .some(n)
            }
            let values = (2..<header.count).map(count)
            if values.contains(where: { $0 == nil }) { continue }
            let v = values.map { $0! }
            let key = "\(q.label)|\(f[1].lowercased())"
            if seen.contains(key) { errors.append(RowError(line: line, message: "\(q.label) \(f[1]) steht doppelt in der Datei.")); continue }
            seen.insert(key)
            if f[1].lowercased() == "gesamt" {
                guard v[0] == nil, v[1] == nil, v[2] == nil, v[3] == nil, let all = v[4], let over3 = v[5], let over5 = v[6] else {
                    errors.append(RowError(line: line, message: "Die Zeile „gesamt“ enthält nur die Geduldeten am Stichtag (alle drei Spalten)."))
                    continue
                }
                guard over5 <= over3, over3 <= all else {
                    errors.append(RowError(line: line, message: "Es gilt: über 5 Jahre ≤ über 3 Jahre ≤ alle Geduldeten.")); continue
                }
                out.populations.append(Population(quarter: q, tolerated: all, toleratedOver3Years: over3, toleratedOver5Years: over5))
            } else {
                guard let reg = regulations.first(where: { $0.code.lowercased() == f[1].lowercased() }) else {
                    errors.append(RowError(line: line, message: "Unbekannte Vorschrift „\(Typed.echo(f[1]))“ (erlaubt: \(regulations.map(\.code).joined(separator: ", ")), gesamt)."))
                    continue
                }
                // Not for a quarter before the provision existed (QA of 05.12.2026: § 25b in 2010 was taken).
                if let key = PathwayKey(rawValue: reg.code), let since = Law.firstInForce(key), q.lastDay < since {
                    errors.append(RowError(line: line, message: "\(reg.title) gilt erst seit dem \(since.german) – für \(q.german) gibt es keine Verfahren danach."))
                    continue
                }
                guard let a = v[0], let g = v[1], let r = v[2], let p = v[3], v[4] == nil, v[5] == nil, v[6] == nil else {
                    errors.append(RowError(line: line, message: "Eine Vorschrift braucht Anträge, Erteilungen, Ablehnungen und Anhängige; die Spalten der Geduldeten bleiben leer."))
                    continue
                }
                out.procedures.append(Procedure(quarter: q, regulation: reg.code, applications: a, grants: g, refusals: r, pendingAtEnd: p))
            }
        }
        if out.procedures.isEmpty && out.populations.isEmpty && errors.isEmpty { errors.append(RowError(line: 2, message: "Keine Datenzeilen.")) }
        return errors.isEmpty ? .success(out) : .failure(Rejected(errors: errors))
    }

    /// A count as an authority writes it: "1876", or grouped by thousands as German spreadsheets export it
    /// ("1.876", "1 876", "1 876" with a no-break space). A point anywhere else ("18.76") is not a count.
    static func count(_ text: String) -> Int? {
        if let n = Int(text) { return n }
        for sep in [".", " ", "\u{A0}", "\u{202F}"] {
            let groups = text.components(separatedBy: sep)
            guard groups.count > 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }),
                  groups.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { continue }
            return Int(groups.joined())
        }
        return nil
    }

    /// A regulation's stock that its flow cannot explain: pending at the end of a quarter can be at most the previous
    /// quarter's pending plus the applications minus the grants and refusals (withdrawals and other endings only lower
    /// it; QA43 A3). More means a count is wrong – or procedures were taken over (a move from another authority).
    public struct BalanceGap: Sendable, Hashable {
        public var quarter: Quarter, regulation: String
        public var previousPending: Int, applications: Int, grants: Int, refusals: Int, pendingAtEnd: Int
        public var atMost: Int { previousPending + applications - grants - refusals }

        public var german: String {
            let title = QuarterlyStatistics.regulations.first { $0.code == regulation }?.title ?? regulation
            let decided = atMost < 0 ? " – mehr Entscheidungen als Verfahren" : ""
            return "\(quarter.german), \(title): \(pendingAtEnd) anhängig am \(quarter.lastDay.german), nach dem Vorquartal (\(previousPending) anhängig) "
                + "und den Zahlen des Quartals (+\(applications) Anträge, −\(grants) Erteilungen, −\(refusals) Ablehnungen) höchstens \(max(atMost, 0))\(decided)."
        }
    }

    /// The gaps of every regulation and quarter whose previous quarter is recorded, oldest first.
    public func balanceGaps() -> [BalanceGap] {
        let byKey = Dictionary(procedures.map { ("\($0.quarter.label)|\($0.regulation)", $0) }, uniquingKeysWith: { a, _ in a })
        return procedures.sorted { ($0.quarter, $0.regulation) < ($1.quarter, $1.regulation) }.compactMap { p in
            guard let before = byKey["\(p.quarter.previous.label)|\(p.regulation)"] else { return nil }
            let gap = BalanceGap(quarter: p.quarter, regulation: p.regulation, previousPending: before.pendingAtEnd, applications: p.applications,
                                 grants: p.grants, refusals: p.refusals, pendingAtEnd: p.pendingAtEnd)
            return p.pendingAtEnd > gap.atMost ? gap : nil
        }
    }

    /// What saving `self` would overwrite in `stored`: one German line per quarter and regulation (or population)
    /// already recorded with other figures, old → new. Empty when nothing recorded changes (new rows or the same
    /// figures again), so only a real overwrite needs the authority's confirmation.
    public func overwrites(in stored: QuarterlyStatistics) -> [String] {
        var out: [String] = []
        func change(_ name: String, _ old: Int, _ new: Int) -> String? { old == new ? nil : "\(name) \(old) → \(new)" }
        for p in procedures {
            guard let o = stored.procedures.first(where: { $0.quarter == p.quarter && $0.regulation == p.regulation }) else { continue }
            let diffs = [change("Anträge", o.applications, p.applications), change("Erteilungen", o.grants, p.grants),
                         change("Ablehnungen", o.refusals, p.refusals), change("Anhängige", o.pendingAtEnd, p.pendingAtEnd)].compactMap { $0 }
            let title = Self.regulations.first { $0.code == p.regulation }?.title ?? p.regulation
            if !diffs.isEmpty { out.append("\(p.quarter.german), \(title): " + diffs.joined(separator: ", ")) }
        }
        for p in populations {
            guard let o = stored.populations.first(where: { $0.quarter == p.quarter }) else { continue }
            let diffs = [change("Geduldete", o.tolerated, p.tolerated), change("über 3 Jahre", o.toleratedOver3Years, p.toleratedOver3Years),
                         change("über 5 Jahre", o.toleratedOver5Years, p.toleratedOver5Years)].compactMap { $0 }
            if !diffs.isEmpty { out.append("\(p.quarter.german), Geduldete am \(p.quarter.lastDay.german): " + diffs.joined(separator: ", ")) }
        }
        return out
    }
}

/// A calendar quarter, e.g. 2026-Q3 (1.7.–30.9.2026).
public struct Quarter: Sendable, Hashable, Comparable {
    public var year: Int, number: Int
    public init?(year: Int, number: Int) { guard (1...4).contains(number), (2000...2100).contains(year) else { return nil }; self.year = year; self.number = number }

    /// Whether the text has the form of a quarter ("1990-Q1", "Q7/2026"), whatever its numbers.
    static func isWrittenAsQuarter(_ text: String) -> Bool {
        text.uppercased().replacingOccurrences(of: " ", with: "").range(of: #"^(\d{4}-?Q\d+|Q\d+/\d{4})$"#, options: .regularExpression) != nil
    }

    /// Reads "2026-Q3", "2026Q3" or "Q3/2026".
    public init?(_ text: String) {
        let t = text.uppercased().replacingOccurrences(of: " ", with: "")
        let parts: (String, String)
        if t.hasPrefix("Q"), let slash = t.firstIndex(of: "/") { parts = (String(t[t.index(after: slash)...]), String(t[t.index(after: t.startIndex)..<slash])) }
        else if let q = t.firstIndex(of: "Q") { parts = (String(t[..<q]).trimmingCharacters(in: CharacterSet(charactersIn: "-")), String(t[t.index(after: q)...])) }
        else { return nil }
        guard let y = Int(parts.0), let n = Int(parts.1) else { return nil }
        self.init(year: y, number: n)
    }

    public var label: String { "\(year)-Q\(number)" }
    public var german: String { "Q\(number)/\(year)" }
    public var firstDay: Day { Day(year: year, month: 3 * number - 2, day: 1)! }
    public var lastDay: Day { firstDay.adding(months: 3).adding(days: -1) }
    public static func < (a: Quarter, b: Quarter) -> Bool { (a.year, a.number) < (b.year, b.number) }
    /// The quarter before this one.
    public var previous: Quarter { number == 1 ? Quarter(year: year - 1, number: 4)! : Quarter(year: year, number: number - 1)! }

    /// The quarter of a day of the years 2000–2100 (today, and the periods of figures).
    public static func of(_ d: Day) -> Quarter { containing(d)! }
    /// The quarter of any day a user typed; nil outside 2000–2100.
    public static func containing(_ d: Day) -> Quarter? { Quarter(year: d.components.year, number: (d.components.month - 1) / 3 + 1) }
}
