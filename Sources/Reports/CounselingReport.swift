import Counseling
import Eligibility

/// The service's work in a period, as count tables: sessions per month (first vs follow-up), channels, languages,
/// countries of origin of the persons counseled, pathways discussed, applications and decisions.
public struct CounselingReport: Sendable {
    public var from: Day
    public var to: Day
    public var sessions: Int
    public var firstSessions: Int
    public var persons: Int
    public var tables: [CountTable]
    /// The persons counseled in each language (the language table counts sessions).
    public var languagePersons: [String: Int] = [:]
    /// The persons with whom each pathway was discussed (the pathway table counts mentions).
    public var pathwayPersons: [String: Int] = [:]

    /// One session with what the report needs of its case and client.
    public struct SessionRecord: Sendable {
        public var session: CounselingSession
        public var kind: CounselingSession.Kind
        public var nationality: String?
        public init(session: CounselingSession, kind: CounselingSession.Kind, nationality: String?) {
            self.session = session; self.kind = kind; self.nationality = nationality
        }
    }

    static func channel(_ c: CounselingSession.Channel) -> String {
        switch c { case .inPerson: "persönlich"; case .phone: "Telefon"; case .email: "E-Mail"; case .video: "Video" }
    }

    public static func months(from: Day, to: Day) -> [String] {
        var out: [String] = [], (y, m, _) = from.components
        let (ty, tm, _) = to.components
        while y < ty || (y == ty && m <= tm) {
            out.append((m < 10 ? "0" : "") + "\(m)/\(y)")
            m += 1; if m > 12 { m = 1; y += 1 }
        }
        return out
    }

    static func month(_ d: Day) -> String { let (y, m, _) = d.components; return (m < 10 ? "0" : "") + "\(m)/\(y)" }

    /// Counts sorted by size (then name), for category tables.
    /// By count, then by name in German order (DIN 5007-1: "Äthiopien" with the A, "staatenlos" with the S; QA of
    /// 06.12.2026: they came after "Sri Lanka").
    static func ranked(_ counts: [String: Int]) -> [(String, Int)] {
        counts.map { (key: germanSortKey($0.key), name: $0.key, n: $0.value) }
            .sorted { ($1.n, $0.key, $0.name) < ($0.n, $1.key, $1.name) }.map { ($0.name, $0.n) }
    }

    static func germanSortKey(_ s: String) -> String {
        var out = ""
        for c in s.lowercased() {
            switch c {
            case "ä": out += "a"
            case "ö": out += "o"
            case "ü": out += "u"
            case "ß": out += "ss"
            default: out.append(c)
            }
        }
        return out
    }

    public static func make(from: Day, to: Day, sessions all: [SessionRecord], applications: [PermitApplication], advice: [ExpertRequest] = []) -> CounselingReport {
        let inPeriod = all.filter { $0.session.on >= from && $0.session.on <= to }
        let months = months(from: from, to: to)
        var perMonth = Dictionary(uniqueKeysWithValues: months.map { ($0, [0, 0]) })
        var channels: [String: Int] = [:], languages: [String: Int] = [:], pathways: [String: Int] = [:]
        var personNationality: [String: String] = [:], languageClients: [String: Set<String>] = [:], pathwayClients: [String: Set<String>] = [:]
        for r in inPeriod {
            perMonth[month(r.session.on)]?[r.kind == .first ? 0 : 1] += 1
            channels[channel(r.session.channel), default: 0] += 1
            let language = CounselingLanguages.canonical(r.session.language)
            languages[language, default: 0] += 1
            languageClients[language, default: []].insert(r.session.clientID)
            for p in r.session.pathways { pathways[p.title, default: 0] += 1; pathwayClients[p.title, default: []].insert(r.session.clientID) }
            personNationality[r.session.clientID] = r.nationality.map(CountryCodes.germanName) ?? "ungeklärt"
        }
        var countries: [String: Int] = [:]
        for (_, n) in personNationality { countries[n, default: 0] += 1 }
        let outcomes: [PermitApplication.Outcome] = [.granted, .refused, .withdrawn]
        var apps: [String: [Int]] = [:]
        for a in applications {
            let key = a.pathway.title
            if a.filedOn >= from && a.filedOn <= to { apps[key, default: [0, 0, 0, 0]][0] += 1 }
            if let d = a.decidedOn, d >= from, d <= to, let i = outcomes.firstIndex(of: a.outcome) { apps[key, default: [0, 0, 0, 0]][i + 1] += 1 }
        }
        let appRows = apps.keys.sorted()
        let tables = [
            CountTable(title: Self.perMonthTable, rowLabels: months, columnLabels: ["Erstberatung", "Folgeberatung"], counts: months.map { perMonth[$0]! }),
            CountTable(title: "Beratungen nach Kanal", column: "Beratungen", pairs: ranked(channels)),
            CountTable(title: languageTable, column: "Beratungen", pairs: ranked(languages)),
            CountTable(title: nationalityTable, column: "Personen", pairs: ranked(countries)),
            CountTable(title: pathwayTable, column: "Nennungen", pairs: ranked(pathways)),
            // Decisions in the period include those on applications filed before it: the title says so, or a row with
            // more decisions than applications reads as an error (QA of 06.12.2026).
            CountTable(title: Self.applicationsTable, rowLabels: appRows,
                       columnLabels: ["gestellt im Zeitraum", "erteilt", "abgelehnt", "zurückgenommen"],
                       counts: appRows.map { apps[$0]! }, rowsAdd: false),
            CountTable(title: "Fachberatungen (ohne Akte) nach Rechtsgebiet", column: "Anfragen",
                       pairs: ranked(Dictionary(grouping: advice.filter { !$0.isOpen && $0.askedOn >= from && $0.askedOn <= to }, by: { ExpertRequest.areaTitle($0.legalArea) }).mapValues(\.count))),
        ]
        return CounselingReport(from: from, to: to, sessions: inPeriod.count, firstSessions: inPeriod.filter { $0.kind == .first }.count,
                                persons: personNationality.count, tables: tables, languagePersons: languageClients.mapValues(\.count),
                                pathwayPersons: pathwayClients.mapValues(\.count))
    }

    /// Tables other reports match (the Land's view hides what they hide).
    public static let perMonthTable = "Beratungen je Monat"
    public static let applicationsTable = "Anträge und Entscheidungen nach Vorschrift (Entscheidungen im Zeitraum, auch zu früher gestellten Anträgen)"

    /// The persons counseled by nationality: it counts persons, so a year's quarters do not add up.
    static let nationalityTable = "Beratene Personen nach Staatsangehörigkeit"
    /// The table of sessions by language: it counts sessions, so it is folded by the persons behind each row.
    static let languageTable = "Beratungen nach Sprache"
    /// The pathways discussed: it counts mentions, so it is folded by the persons behind each row as well (QA33 F8: 9
    /// mentions of § 25 Abs. 5 came from 4 persons).
    static let pathwayTable = "Besprochene Bleiberechtswege (Nennungen)"

    /// Tables whose categories describe the persons counseled: small categories are not named when published.
    static let personCategories: [String: String] = [
        nationalityTable: "übrige Staatsangehörigkeiten (je unter 5 Personen)",
        // Grouped by the persons counseled in a language, not by the sessions the column counts (QA24 F3).
        // The row still counts the table's unit (sessions, mentions): said in its label, since the grouping is by
        // persons (QA42 coordination #10: "übrige Sprachen (je unter 5 Personen);19" read as 19 persons).
        languageTable: "übrige Sprachen (je unter 5 Personen), ihre Beratungen",
        pathwayTable: "übrige Wege (je unter 5 Personen), ihre Nennungen",
    ]

    /// The same report as it may leave the service: small person categories folded, every table suppressed (see
    /// `Suppression`).
    public var published: CounselingReport {
        var r = self
        r.tables = tables.map { t in
            let persons = t.title == Self.languageTable ? languagePersons : t.title == Self.pathwayTable ? pathwayPersons : nil
            let folded = Self.personCategories[t.title].map { t.foldingSmallRows(into: $0, persons: persons) }
            return Suppression.publish(folded ?? t)
        }
        return r
    }
}

/// The cooperation's indicators: permits granted per regulation and quarter, the grant rate, referrals and their
/// outcomes per quarter.
public struct CooperationReport: Sendable {
    public var tables: [CountTable]
    /// Grant rate per regulation: granted / (granted + refused); `.suppressed` where either count is not publishable,
    /// `.noDecision` where nothing was decided (QA of 06.12.2026: "." read as suppressed where nothing was decided).
    public var grantRates: [(String, GrantRate)]

    public enum GrantRate: Sendable, Equatable {
        case share(Double), suppressed, noDecision
        var text: String {
            switch self { case .share(let x): FigureTable.percent(x); case .suppressed: FigureTable.percent(nil); case .noDecision: "–" }
        }
    }
    /// The authority's count of tolerated persons on the last day of each quarter in the period (stocks: not summed).
    public var population: [QuarterlyStatistics.Population] = []
    /// The grants and referrals tables before suppression, and the decisions per regulation: what a year's sums are
    /// decided on (`year`). Never shown.
    var unpublished: [CountTable] = []
    var decisions: [(regulation: String, granted: Int, refused: Int)] = []

    /// The grant rates and the authority's population on the last days of quarters, as printed and exported.
    public var figureTables: [FigureTable] {
        var out = [FigureTable(title: "Erteilungsquote (erteilt / entschieden ohne Rücknahmen)", columnLabels: ["Vorschrift", "Quote"],
                               rowLabels: grantRates.map(\.0), cells: grantRates.map { [$0.1.text] })]
        if !population.isEmpty {
            out.append(FigureTable(title: "Geduldete am Quartalsende (Angaben der Ausländerbehörde)",
                                   columnLabels: ["Stichtag", "alle", "über 3 Jahre", "über 5 Jahre", "Anteil über 5 Jahre"],
                                   rowLabels: population.map(\.quarter.lastDay.german),
                                   cells: population.map { p in
                                       let shown = Self.nestedStocks([p.tolerated, p.toleratedOver3Years, p.toleratedOver5Years])
                                       return shown.map { $0.map(String.init) ?? "." }
                                           + [FigureTable.percent(shown[0] != nil && shown[2] != nil && p.tolerated > 0 ? Double(p.toleratedOver5Years) / Double(p.tolerated) : nil)]
                                   }))
        }
        return out
    }

    /// Nested stocks (all ⊇ over 3 years ⊇ over 5 years) as they may be published: a count of 1 to 4 is hidden, and so
    /// is one whose difference to the next larger shown stock is 1 to 4 – the group between them could be worked out
    /// (QA of 06.12.2026: "über 3 Jahre 1.300, über 5 Jahre 1.297" told 3 persons with 3 to 5 years).
    static func nestedStocks(_ values: [Int]) -> [Int?] {
        var shown: [Int?] = values.map { Suppression.isSensitive($0) ? nil : $0 }
        var larger: Int? = nil
        for i in shown.indices {
            if let v = shown[i], let l = larger, Suppression.isSensitive(l - v) { shown[i] = nil }
            if let v = shown[i] { larger = v }
        }
        return shown
    }

    public static func quarter(_ d: Day) -> String { let (y, m, _) = d.components; return "Q\((m - 1) / 3 + 1)/\(y)" }

    public static func quarters(from: Day, to: Day) -> [String] {
        var out: [String] = [], d = from
        while d <= to { let q = quarter(d); if out.last != q { out.append(q) }; d = d.adding(months: 1) }
        if out.last != quarter(to) { out.append(quarter(to)) }
        return out
    }

    /// Quarters for a period of up to a year; years beyond (small counts per quarter would all be suppressed). A first
    /// or last bucket the period covers only in part says so ("Q4/2026 (bis 22.11.)"): its count is not the quarter's.
    public static func buckets(from: Day, to: Day) -> (labels: [String], label: (Day) -> String) {
        let q = quarters(from: from, to: to)
        let byQuarter = q.count <= 4
        let plain: (Day) -> String = byQuarter ? { quarter($0) } : { d in "\(d.components.year)" }
        let plainLabels = byQuarter ? q : (from.components.year...to.components.year).map { String($0) }
        let starts = byQuarter ? Quarter.of(from).firstDay : Day(year: from.components.year, month: 1, day: 1)!
        let ends = byQuarter ? Quarter.of(to).lastDay : Day(year: to.components.year, month: 12, day: 31)!
        let first = plain(from), last = plain(to)
        func dayMonth(_ d: Day) -> String { String(d.german.prefix(6)) }
        let label = { (d: Day) -> String in
            let p = plain(d)
            switch (p == first && from > starts, p == last && to < ends) {
            case (true, true): return "\(p) (\(dayMonth(from))–\(dayMonth(to)))"
            case (true, false): return "\(p) (ab \(dayMonth(from)))"
            case (false, true): return "\(p) (bis \(dayMonth(to)))"
            case (false, false): return p
            }
        }
        let labels = plainLabels.indices.map { i in i == 0 ? label(from) : i == plainLabels.count - 1 ? label(to) : plainLabels[i] }
        return (labels, label)
    }

    /// `hidden`: `ProcedureSuppression.hidden(statistics)` when already computed (a page of every quarter).
    public static func make(from: Day, to: Day, applications: [PermitApplication], referrals: [Referral],
                            statistics: QuarterlyStatistics = QuarterlyStatistics(), hidden known: Set<ProcedureSuppression.Key>? = nil) -> CooperationReport {
        let (quarters, quarter) = buckets(from: from, to: to)
        let byQuarter = quarters.first?.hasPrefix("Q") == true
        let regulations = Array(Set(applications.map(\.pathway.title))).sorted()
        var grants = Dictionary(uniqueKeysWithValues: quarters.map { ($0, Array(repeating: 0, count: regulations.count)) })
        var granted: [String: Int] = [:], refused: [String: Int] = [:]
        for a in applications {
            guard let d = a.decidedOn, d >= from, d <= to, let i = regulations.firstIndex(of: a.pathway.title) else { continue }
            if a.outcome == .granted { grants[quarter(d)]?[i] += 1; granted[a.pathway.title, default: 0] += 1 }
            if a.outcome == .refused { refused[a.pathway.title, default: 0] += 1 }
        }
        var ref = Dictionary(uniqueKeysWithValues: quarters.map { ($0, [0, 0, 0]) })
        // A withdrawn referral was sent in error: it is no referral.
        // Its state at the period's end: a published quarter does not change when a referral is answered later (QA of
        // 06.12.2026: two readings of one quarter told the day of an answer).
        for r in referrals where r.createdOn >= from && r.createdOn <= to && r.state != .withdrawn {
            let answered = r.decidedOn.map { $0 <= to } ?? false
            ref[quarter(r.createdOn)]?[!answered ? 2 : r.state == .accepted ? 0 : r.state == .declined ? 1 : 2] += 1
        }
        let rates = regulations.map { reg -> (String, CooperationReport.GrantRate) in
            let g = granted[reg] ?? 0, n = g + (refused[reg] ?? 0)
            if n == 0 { return (reg, .noDecision) }
            // A rate is an aggregate too: published only where both counts are.
            guard !Suppression.isSensitive(g), !Suppression.isSensitive(n - g) else { return (reg, .suppressed) }
            return (reg, .share(Double(g) / Double(n)))
        }
        // The authority's own figures: flows summed over the quarters inside the period, the stock of the last one.
        let inside = statistics.procedures.filter { $0.quarter.firstDay >= from && $0.quarter.lastDay <= to }
        let regs = QuarterlyStatistics.regulations.filter { r in inside.contains { $0.regulation == r.code } }
        let flows = regs.map { r in inside.filter { $0.regulation == r.code }.reduce(into: [0, 0, 0]) { $0[0] += $1.applications; $0[1] += $1.grants; $0[2] += $1.refusals } }
        let lastQuarter = inside.map(\.quarter).max()
        let pending = regs.map { r in (r.title, inside.first { $0.regulation == r.code && $0.quarter == lastQuarter }?.pendingAtEnd ?? 0) }
        var authorityTables: [CountTable] = []
        if !regs.isEmpty {
            // What the quarters' balances would give away is hidden in every quarter's table, and a sum over quarters
            // only where each quarter's figure is shown (else two periods' difference would tell it).
            let hidden = known ?? ProcedureSuppression.hidden(statistics)
            let quartersInside = Set(inside.map(\.quarter)), codes = regs.map(\.code)
            func hiddenIn(_ qs: Set<Quarter>) -> (String?, ProcedureSuppression.Field) -> Bool {
                { reg, f in qs.contains { hidden.contains(ProcedureSuppression.Key($0, reg, f)) } }
            }
            authorityTables.append(ProcedureSuppression.hiding(
                CountTable(title: "Verfahren der Ausländerbehörde im Zeitraum (ganze Quartale)", rowLabels: regs.map(\.title),
                           columnLabels: ["Anträge", "Erteilungen", "Ablehnungen"], counts: flows, rowsAdd: false),
                regulations: codes, fields: ProcedureSuppression.flows, hiddenIn(quartersInside)))
            if let q = lastQuarter {
                authorityTables.append(ProcedureSuppression.hiding(CountTable(title: "Anhängige Verfahren am \(q.lastDay.german)", column: "anhängig", pairs: pending),
                                                                   regulations: codes, fields: [.pending], hiddenIn([q])))
            }
        }
        let counted = [
            // §§ 60c and 60d grant a Duldung, not a residence permit: the title says so rather than counting them as permits.
            CountTable(title: "Erteilungen je \(byQuarter ? "Quartal" : "Jahr") und Vorschrift (Aufenthaltserlaubnisse; nach §§ 60c, 60d Duldungen)", rowLabels: quarters, columnLabels: regulations,
                       counts: quarters.map { grants[$0]! }),
            CountTable(title: "Vermittlungen der Ausländerbehörde je \(byQuarter ? "Quartal" : "Jahr")", rowLabels: quarters, columnLabels: ["angenommen", "abgelehnt", "offen"],
                       counts: quarters.map { ref[$0]! }),
        ]
        var report = CooperationReport(tables: counted.map(Suppression.publish) + authorityTables.map(Suppression.publish), grantRates: rates)
        report.unpublished = counted
        report.decisions = regulations.map { ($0, granted[$0] ?? 0, refused[$0] ?? 0) }
        report.population = statistics.populations.filter { $0.quarter.lastDay >= from && $0.quarter.lastDay <= to }.sorted { $0.quarter < $1.quarter }
        return report
    }
}
