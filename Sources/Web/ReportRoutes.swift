import Counseling
import Eligibility
import Foundation
import Hummingbird
import Reports
import Storage
import Views

/// Reports: the service's counseling report and the cooperation's indicators, as pages with charts, and as CSV
/// and XLSX exports. Whatever leaves the service (exports, the authority's view) is suppressed.
struct ReportRoutes {
    let services: AppServices

    var endpoints: [Endpoint] {
        [
            (.get, "/reports/counseling", counseling),
            (.get, "/reports/cooperation", cooperation),
            (.get, "/reports/funder", funder),
            (.get, "/reports/land", land),
        ]
    }

    /// The period of the request: `from`/`to` (TT.MM.JJJJ or ISO); default the current year up to today.
    func period(_ request: Request) throws -> (Day, Day) {
        let today = services.today
        // A quarter as the published views take it (QA of 06.12.2026: "quartal=2026-Q5" here showed the year without a word).
        if let text = request.formQuery("quartal")?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let q = Quarter(text) else { throw AppError.badRequest("„\(Typed.echo(text))“ ist kein Quartal (z. B. quartal=\(Quarter.of(today).label)).") }
            guard q.firstDay <= today else { throw AppError.badRequest("Der Zeitraum beginnt nach heute.") }
            return (q.firstDay, min(q.lastDay, today))
        }
        let from = try request.queryDay("from") ?? Day(year: today.components.year, month: 1, day: 1)!
        // A period reaching past today ends today: there are no figures of later days, and the heading says so.
        let asked = try request.queryDay("to") ?? today
        // A start after today first: with no end given, "ends before it begins" would blame a date nobody typed.
        guard from <= today else { throw AppError.badRequest("Der Zeitraum beginnt nach heute.") }
        guard from <= asked else { throw AppError.badRequest("Der Zeitraum endet vor seinem Beginn.") }
        let to = min(asked, today)
        guard from.days(to: to) <= 3660 else { throw AppError.badRequest("Der Zeitraum darf höchstens zehn Jahre umfassen.") }
        return (from, to)
    }

    /// A period that could not be read is bad input: the page shows the default period with the reason, answered 422
    /// like every refused input (QA38 F7: 200 here, 422 for the assessment's date).
    static func status(_ alert: String?) -> HTTPResponse.Status { alert == nil ? .ok : .unprocessableContent }

    /// The period of a report page: a period that cannot be read shows the current year with the reason at the top
    /// (a download of it is refused: a file should not silently cover another period).
    func periodOrDefault(_ request: Request) throws -> (Day, Day, String?) {
        do {
            let (from, to) = try period(request)
            return (from, to, nil)
        } catch AppError.badRequest(let message) {
            let format = request.uri.queryParameters["format"].map(String.init) ?? ""
            if format == "csv" || format == "xlsx" { throw AppError.badRequest(message) }
            let today = services.today
            return (Day(year: today.components.year, month: 1, day: 1)!, today, message + " Gezeigt wird das laufende Jahr.")
        }
    }

    /// The period of figures that leave the service (the published counseling report, the cooperation's indicators,
    /// the funder's report, the Land view): one completed calendar quarter, as `quartal=2026-Q3` or as its first and
    /// last day. Two periods chosen to the day, or two overlapping runs of quarters, differ by counts that each of
    /// them suppresses (QA of 05.12.2026: one grant on 01.01. was recovered from two periods a day apart, a hidden
    /// quarter from two overlapping ranges); a running quarter changes daily. Anything else shows the last completed
    /// quarter with the reason at the top; a download of it is refused.
    func publishedQuarter(_ request: Request, what: String) throws -> (quarter: Quarter, alert: String?) {
        let last = Quarter.of(services.today).previous
        var quarter = last, alert: String? = nil
        let format = String(request.uri.queryParameters["format"] ?? "")
        if let text = request.formQuery("quartal")?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if let q = Quarter(text), q <= last { quarter = q }
            else { alert = "„\(text)“ ist kein abgeschlossenes Quartal. Gezeigt wird \(last.german)." }
        } else if request.formQuery("from").map({ !$0.isEmpty }) == true || request.formQuery("to").map({ !$0.isEmpty }) == true {
            // Any period given must be exactly one completed quarter; anything else is said, not quietly replaced.
            let fromText = (request.formQuery("from") ?? "").trimmingCharacters(in: .whitespaces), toText = (request.formQuery("to") ?? "").trimmingCharacters(in: .whitespaces)
            let f = (try? parseDay(fromText)) ?? nil, t = (try? parseDay(toText)) ?? nil
            if let f, let t, let q = Quarter.containing(f), f == q.firstDay, t == q.lastDay, q <= last { quarter = q }
            else {
                // The reason first where the input itself is wrong (QA of 05.12.2026: "31.02.2026" got only the general hint).
                let why = [(fromText, f), (toText, t)].first { !$0.0.isEmpty && $0.1 == nil }.map { "„\(Typed.echo($0.0))“ ist kein gültiges Datum (TT.MM.JJJJ). " }
                    ?? ((f != nil && t != nil && f! > t!) ? "Der Zeitraum endet vor seinem Beginn. " : "")
                alert = "\(why)\(what) gibt es je abgeschlossenem Quartal (vom ersten bis zum letzten Tag). Gezeigt wird \(last.german)."
            }
        }
        if alert != nil, format == "csv" || format == "xlsx" {
            throw AppError.badRequest("\(what) gibt es je abgeschlossenem Quartal (z. B. quartal=\(last.label)); für diesen Zeitraum wird keine Datei erstellt.")
        }
        return (quarter, alert)
    }

    func export(_ tables: [CountTable], figures: [FigureTable] = [], format: String, name: String) throws -> Response? {
        switch format {
        case "csv":
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name).csv\""],
                            body: .init(byteBuffer: ByteBuffer(string: CSVExport.tables(tables, figures: figures))))
        case "xlsx":
            return Response(status: .ok, headers: [.contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                                   .contentDisposition: "attachment; filename=\"\(name).xlsx\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: XLSXExport.workbook(tables, figures: figures))))
        case "", "html": return nil
        default: throw AppError.badRequest("Unbekanntes Format (html, csv oder xlsx).")
        }
    }

    /// The counseling report of one service, computed inside that tenant.
    func counselingReport(_ organisation: String, from: Day, to: Day, applications: [PermitApplication]) async throws -> CounselingReport {
        try await counselingReports(organisation, periods: [(from, to)], applications: applications)[0]
    }

    /// The counseling reports of several periods from one read (a year and its quarters).
    func counselingReports(_ organisation: String, periods: [(from: Day, to: Day)], applications: [PermitApplication]) async throws -> [CounselingReport] {
        let sessions = try await services.cases.allSessions(organisation: organisation)
        let nationality = try await services.clients.nationalities(organisation: organisation)
        var records: [CounselingReport.SessionRecord] = []
        for (_, list) in Dictionary(grouping: sessions, by: \.caseID) {
            let kinds = CounselingSession.kinds(list)
            for s in list { records.append(.init(session: s, kind: kinds[s.id] ?? .followUp, nationality: nationality[s.clientID] ?? nil)) }
        }
        records += try await services.cases.erasedSessions(organisation: organisation)
        records.sort { ($0.session.on, $0.session.id) < ($1.session.on, $1.session.id) }
        let advice = try await services.advice.requests(organisation: organisation)
        return periods.map { CounselingReport.make(from: $0.from, to: $0.to, sessions: records, applications: applications, advice: advice) }
    }

    @Sendable func counseling(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .readServiceReports(organisation: a.organisationID)) else { throw AppError.forbidden }
        let format = String(request.uri.queryParameters["format"] ?? "")
        // The internal version (all values, for the service itself) for any period; what may leave it per quarter.
        let published = request.uri.queryParameters["published"] == "1" || format == "csv" || format == "xlsx"
        let (from, to, alert): (Day, Day, String?)
        if published {
            let (quarter, why) = try publishedQuarter(request, what: "Den veröffentlichungsfähigen Beratungsbericht")
            (from, to, alert) = (quarter.firstDay, quarter.lastDay, why)
        } else {
            (from, to, alert) = try periodOrDefault(request)
        }
        let report = try await counselingReport(a.organisationID, from: from, to: to,
                                                applications: try await services.applications.reportApplications(organisation: a.organisationID))
        try await services.clients.recordList("report_counseling", audit: services.audit(a))
        if let r = try export(report.published.tables, figures: [report.headline], format: format, name: "beratungsbericht-\(from.iso)-\(to.iso)") { return r }
        return Reply.html(ReportPages.counseling(frame: context.frame("Beratungsbericht", current: "report-counseling").alerting(alert), published ? report.published : report, published: published), status: Self.status(alert))
    }

    @Sendable func cooperation(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .readCooperationReports(organisation: a.organisationID)) else { throw AppError.forbidden }
        let format = String(request.uri.queryParameters["format"] ?? "")
        // Read by both partners, so suppressed and per completed quarter or calendar year.
        let period = try publishedPeriod(request, what: "Die Kennzahlen der Kooperation")
        let (from, to, alert) = (period.from, period.to, period.alert)
        let reports = try await cooperationReports(a, periods: period.periods)
        let report = period.year.map { CooperationReport.year($0, quarters: Array(reports.prefix(4)), whole: reports[4]) } ?? reports[0]
        try await services.clients.recordList("report_cooperation", audit: services.audit(a))
        if let r = try export(report.tables, figures: report.figureTables, format: format, name: "kooperation-\(from.iso)-\(to.iso)") { return r }
        return Reply.html(ReportPages.cooperation(frame: context.frame("Kennzahlen der Kooperation", current: "report-cooperation").alerting(alert), report, from: from, to: to), status: Self.status(alert))
    }

    enum AskedYear { case notAsked, year(Int), refused(String) }

    /// A completed quarter or calendar year whose figures may leave the service; for a year (`year`), `periods` are its
    /// four quarters and then the whole year, each report of a year computed from them.
    struct PublishedPeriod {
        var from: Day, to: Day, alert: String?, year: Int?
        var periods: [(from: Day, to: Day)] {
            guard let year else { return [(from, to)] }
            return (1...4).map { Quarter(year: year, number: $0)! }.map { (from: $0.firstDay, to: $0.lastDay) } + [(from, to)]
        }
    }

    /// `publishedYear`, else `publishedQuarter`: a year refused is said, and the last completed quarter shown (a
    /// download of it is refused).
    func publishedPeriod(_ request: Request, what: String) throws -> PublishedPeriod {
        switch publishedYear(request) {
        case .year(let y):
            return PublishedPeriod(from: Day(year: y, month: 1, day: 1)!, to: Day(year: y, month: 12, day: 31)!, alert: nil, year: y)
        case .refused(let why):
            let format = String(request.uri.queryParameters["format"] ?? "")
            if format == "csv" || format == "xlsx" { throw AppError.badRequest(why) }
            let last = Quarter.of(services.today).previous
            return PublishedPeriod(from: last.firstDay, to: last.lastDay, alert: why + " Gezeigt wird \(last.german).", year: nil)
        case .notAsked:
            let (quarter, why) = try publishedQuarter(request, what: what)
            return PublishedPeriod(from: quarter.firstDay, to: quarter.lastDay, alert: why, year: nil)
        }
    }

    /// A completed calendar year asked for as `jahr=2025` or as its first and last day (QA43 A4: the cooperation's
    /// figures came one quarter at a time). A year not yet over is refused with the reason: its figures still change.
    func publishedYear(_ request: Request) -> AskedYear {
        let current = services.today.components.year
        func completed(_ year: Int) -> AskedYear {
            guard year >= 2000 else { return .refused("Für \(year) gibt es keine Kennzahlen.") }
            return year < current ? .year(year) : .refused("Das Jahr \(year) ist noch nicht abgeschlossen; Jahreszahlen gibt es ab dem 01.01.\(year + 1).")
        }
        if let text = request.formQuery("jahr")?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard text.count == 4, let year = Int(text) else { return .refused("„\(Typed.echo(text))“ ist kein Jahr (z. B. jahr=\(current - 1)).") }
            return completed(year)
        }
        let fromText = (request.formQuery("from") ?? "").trimmingCharacters(in: .whitespaces), toText = (request.formQuery("to") ?? "").trimmingCharacters(in: .whitespaces)
        if let f = (try? parseDay(fromText)) ?? nil, let t = (try? parseDay(toText)) ?? nil, f.components.year == t.components.year,
           f == Day(year: f.components.year, month: 1, day: 1), t == Day(year: t.components.year, month: 12, day: 31) {
            return completed(f.components.year)
        }
        return .notAsked
    }

    /// The cooperation's indicators of periods of whole quarters, as the actor's organisation reads them (a year
    /// and its quarters from one read).
    func cooperationReports(_ a: Actor, periods: [(from: Day, to: Day)]) async throws -> [CooperationReport] {
        // The service's own figures; for the authority those of every service it cooperates with (aggregates only).
        let partners = try await services.partners(of: a.organisationID)
        let cooperations = try await services.cooperation.cooperations(of: a.organisationID)
        let counted = a.organisationKind == .authority ? partners.sorted() : [a.organisationID]
        var applicationsOf: [String: [PermitApplication]] = [:]
        for s in counted { applicationsOf[s] = try await services.applications.reportApplications(organisation: s) }
        let referrals = try await services.cooperation.referrals(of: a.organisationID)
        let authority = a.organisationKind == .authority ? a.organisationID : partners.sorted().first
        var statistics = QuarterlyStatistics()
        if let authority { statistics = try await services.statistics.load(authority: authority) }
        let hidden = ProcedureSuppression.hidden(statistics)
        return periods.map { from, to in
            // Only for the quarters the cooperation ran (QA of 06.12.2026: the authority was shown a service's figures
            // of 2019): partners today that were partners at the period's end.
            let thenPartners = Policy.partners(of: a.organisationID, cooperations: cooperations, on: to)
            let countedThen = a.organisationKind == .authority ? counted.filter(thenPartners.contains) : counted
            return CooperationReport.make(from: from, to: to, applications: countedThen.flatMap { applicationsOf[$0] ?? [] }, referrals: referrals,
                                          statistics: statistics, hidden: hidden)
        }
    }

    /// The funder's report for a completed quarter or calendar year (a financing period): the published counseling
    /// report and the cooperation's indicators. A year shows its quarters as their own reports do (`CounselingYear`,
    /// `CooperationReport.year`).
    @Sendable func funder(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .readServiceReports(organisation: a.organisationID)) else { throw AppError.forbidden }
        let format = String(request.uri.queryParameters["format"] ?? "")
        let period = try publishedPeriod(request, what: "Den Bericht für Zuwendungsgeber")
        let (from, to, alert) = (period.from, period.to, period.alert)
        let applications = try await services.applications.reportApplications(organisation: a.organisationID)
        let referrals = try await services.cooperation.referrals(of: a.organisationID)
        let reports = try await counselingReports(a.organisationID, periods: period.periods, applications: applications)
        let indicators = period.periods.map { CooperationReport.make(from: $0.from, to: $0.to, applications: applications, referrals: referrals) }
        let headline: FigureTable, tables: [CountTable], coop: CooperationReport
        if let year = period.year {
            let counseling = CounselingReport.year(year, quarters: Array(reports.prefix(4)), whole: reports[4])
            (headline, tables) = (counseling.headline, counseling.tables)
            coop = CooperationReport.year(year, quarters: Array(indicators.prefix(4)), whole: indicators[4])
        } else {
            (headline, tables, coop) = (reports[0].headline, reports[0].published.tables, indicators[0])
        }
        let coops = try await services.cooperation.cooperations(of: a.organisationID)
        let meetings = try await services.meetings.meetings(cooperations: coops.map(\.id)).filter { $0.on >= from && $0.on <= to && $0.on <= services.today }.count
        let org = try await services.accounts.organisation(a.organisationID)
        try await services.clients.recordList("report_funder", audit: services.audit(a))
        // The exports carry what the page shows, the cooperation's meetings too (QA of 05.12.2026).
        var figures = headline
        figures.rowLabels.append("Kooperationssitzungen mit der Ausländerbehörde"); figures.cells.append([String(meetings)])
        if let r = try export(tables + coop.tables, figures: [figures], format: format, name: "zuwendungsbericht-\(from.iso)-\(to.iso)") { return r }
        return Reply.html(ReportPages.funder(frame: context.frame("Bericht für Zuwendungsgeber", current: "report-counseling").alerting(alert), organisation: org?.name ?? "",
                                             from: from, to: to, figures: figures, tables: tables, cooperation: coop), status: Self.status(alert))
    }

    /// The Land's view: one row per counseling service of the Land, each computed inside its own tenant and only
    /// then combined and suppressed, so no personal data leaves a tenant.
    ///
    /// It leaves every tenant, so it comes only per completed calendar quarter: with periods chosen to the day, two
    /// overlapping ones differ by the suppressed counts of the days between them (and a running quarter changes daily).
    @Sendable func land(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .readLandOverview) else { throw AppError.forbidden }
        let (quarter, alert) = try publishedQuarter(request, what: "Die Landesübersicht")
        let last = Quarter.of(services.today).previous
        let format = String(request.uri.queryParameters["format"] ?? "")
        let from = quarter.firstDay, to = quarter.lastDay
        let orgs = try await services.accounts.organisations()
        guard let mine = orgs.first(where: { $0.id == a.organisationID }) else { throw AppError.forbidden }
        let servicesOfLand = orgs.filter { $0.kind == .counselingService && $0.land == mine.land }.sorted { $0.city < $1.city }
        var rows: [[Int]] = [], hidden: [[Bool]] = []
        for s in servicesOfLand {
            let apps = try await services.applications.reportApplications(organisation: s.id)
            let r = try await counselingReport(s.id, from: from, to: to, applications: apps)
            let granted = apps.filter { $0.outcome == .granted && ($0.decidedOn.map { $0 >= from && $0 <= to } ?? false) }.count
            let filed = apps.filter { $0.filedOn >= from && $0.filedOn <= to }.count
            rows.append([r.firstSessions, r.sessions - r.firstSessions, filed, granted])
            let coop = CooperationReport.make(from: from, to: to, applications: apps, referrals: try await services.cooperation.referrals(of: s.id))
            hidden.append(LandOverview.hiddenElsewhere(counseling: r.published, cooperation: coop))
        }
        let table = LandOverview.table(title: "Beratungsstellen im Land \(Holidays.landName(mine.land)) \(quarter.german)",
                                       rowLabels: servicesOfLand.map { "\($0.city): \($0.name)" }, counts: rows, hidden: hidden)
        if let r = try export([table], format: format, name: "land-\(quarter.label)") { return r }
        let choices = (0..<12).reduce(into: [last]) { list, _ in list.append(list.last!.previous) }.filter { $0.year >= 2020 }
        return Reply.html(ReportPages.land(frame: context.frame("Landesübersicht", current: "report-land").alerting(alert), table, quarter: quarter, choices: choices), status: Self.status(alert))
    }
}
