import Counseling
import Eligibility
import Foundation
import Hummingbird
import Logging
import Reports
import Screening
import Storage
import Views

/// Screening an uploaded population list as a background job: progress, summary with chart, results, outreach list.
struct ScreeningRoutes {
    let services: AppServices

    var endpoints: [Endpoint] {
        [
            (.get, "/screening", list),
            (.post, "/screening", upload),
            (.get, "/screening/vorlage.csv", template),
            (.get, "/screening/{id}", show),
            (.get, "/screening/{id}/results", results),
            (.get, "/screening/{id}/outreach.csv", outreachCSV),
            (.post, "/screening/{id}/delete", delete),
            (.post, "/screening/{id}/cancel", cancel),
        ]
    }

    func actor(_ context: BleibeContext) throws -> Actor {
        let a = try context.requireActor()
        guard Policy.allows(a, .screenPopulationFigures(organisation: a.organisationID)) else { throw AppError.forbidden }
        return a
    }

    /// Whether `a` may see results per person and the outreach list, not only the figures (QA35 F4).
    func seesPersons(_ a: Actor) -> Bool { Policy.allows(a, .screenPopulations(organisation: a.organisationID)) }

    /// A job's results per person: for those who may see persons, of a job that kept them.
    func requirePersons(_ a: Actor, _ j: ScreeningJob) throws {
        guard seesPersons(a), !j.figuresOnly else { throw AppError.forbidden }
    }

    func row(_ j: ScreeningJob) -> ScreeningPages.JobRow {
        .init(id: j.id, fileName: j.fileName, on: j.on, state: j.state.rawValue, processed: j.processedRows, total: j.totalRows, rejected: j.rejectedRows,
              createdAt: j.createdAt, expiresAt: j.expiresAt, format: j.format,
              // Shown only for a finished JSON Lines job: the list page does not decode every job's summary.
              persons: j.format == "jsonl" && j.state == .done ? ScreeningSummaryJSON.decode(j.summaryJSON).rows : 0, figuresOnly: j.figuresOnly)
    }

    /// A list that cannot be stored (a full disk) is refused with a message, not a bare 500 (QA of 06.12.2026).
    /// Logged with its cause for the administration (QA36 F4: nothing was logged, and a full disk was guessed at).
    func unstored(_ context: BleibeContext, _ a: Actor, _ error: (any Error)? = nil) async throws -> Response {
        let route: Logger.Metadata = ["route": .string(context.endpointPath ?? "?")]
        context.logger.error("screening list not stored", metadata: error.map { .failure($0, route) } ?? route)
        return try await renderList(context, a, error: "Die Liste konnte nicht gespeichert werden (Speicherplatz oder Zugriffsrechte des Upload-Ordners). Bitte die Administration verständigen.",
                                    status: .serviceUnavailable)
    }

    func renderList(_ context: BleibeContext, _ a: Actor, error: String? = nil, deleted: Bool = false, status: HTTPResponse.Status = .ok) async throws -> Response {
        try await ScreeningRunner.purge(services)
        let jobs = try await services.screeningJobs.jobs(organisation: a.organisationID)
        return Reply.html(ScreeningPages.list(frame: context.frame("Screening", current: "screening"), jobs: jobs.map(row), today: services.today,
                                              retentionDays: services.config.screeningRetentionDays, error: error, deleted: deleted, figuresOnly: !seesPersons(a)), status: status)
    }

    @Sendable func list(_ request: Request, context: BleibeContext) async throws -> Response {
        try await renderList(context, try actor(context), deleted: request.uri.queryParameters["geloescht"] == "1")
    }

    /// A template of the flat CSV: every column, and three synthetic persons (`bleibe synth`, fictional) as examples, in
    /// the German spreadsheet form the page recommends.
    @Sendable func template(_ request: Request, context: BleibeContext) async throws -> Response {
        _ = try actor(context)
        // As a German spreadsheet writes it (QA of 06.12.2026: the comma-separated ISO file opened as one column in a
        // German Excel): `CSVExport`'s dialect, TT.MM.JJJJ and decimal commas.
        func german(_ v: String, _ column: String) -> String {
            if let d = Day(iso: v) { return d.german }
            // Words, not codes (QA29 F14); the reader takes both.
            if let word = GermanCodes.words[column]?.first(where: { $0.code == v })?.words.first { return word }
            if v == "none", GermanCodes.code("nie", column: column) == "none" { return "nie" }
            return v.contains(".") && Double(v) != nil ? v.replacingOccurrences(of: ".", with: ",") : v
        }
        let text = CSVExport.bom + CSVExport.line(FlatRecord.columns)
            + PopulationFile.templateRows(on: services.today).map { row in CSVExport.line(FlatRecord.columns.map { german(row[$0] ?? "", $0) }) }.joined()
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"screening-vorlage.csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func upload(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try actor(context)
        // The list goes to disk as it arrives, checked on the way; kept only when it becomes a job.
        let id = Credentials.newID()
        let received = ScreeningRunner.directory(services.config).appendingPathComponent(".upload-\(id)").path
        let form: ListUpload
        do {
            try FileManager.default.createDirectory(at: ScreeningRunner.directory(services.config), withIntermediateDirectories: true)
            form = try await ListUpload.receive(request, field: "file", to: received, limit: services.config.maxScreeningBytes + 64 * 1024)
        } catch let e as ListUpload.WriteFailure {
            return try await unstored(context, a, e)
        } catch AppError.tooLarge(let message) {
            // The form again, with the limit at the file field (QA35 F7: a bare error page).
            try? FileManager.default.removeItem(atPath: received)
            return try await renderList(context, a, error: message + " Größere Listen bitte teilen oder von der Administration mit „bleibe screen“ prüfen lassen.", status: .contentTooLarge)
        } catch let e as CocoaError {
            return try await unstored(context, a, e)
        }
        var kept = false
        defer { if !kept { try? FileManager.default.removeItem(atPath: received) } }
        try checkCSRF(token: form.fields["csrf"], context)
        guard let name = form.fileName else {
            return try await renderList(context, a, error: "Bitte eine Datei auswählen.", status: .unprocessableContent)
        }
        // Only blanks is empty too (QA of 05.12.2026: it became a job that then failed).
        guard let firstFilled = form.firstFilled else {
            return try await renderList(context, a, error: "Die Datei „\(name)“ ist leer.", status: .unprocessableContent)
        }
        guard let on = formDay((form.fields["on"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)) ?? nil else {
            return try await renderList(context, a, error: "„Stichtag“ ist kein gültiges Datum (TT.MM.JJJJ).", status: .unprocessableContent)
        }
        // A screening looks at today's law and the next years: a Stichtag decades away screens nothing anyone asked
        // (QA of 05.12.2026: 01.01.1900 rejected every row, 01.01.2040 was taken).
        guard on >= services.today.adding(years: -10), on <= services.today.adding(years: 5) else {
            return try await renderList(context, a, error: "Der Stichtag liegt höchstens zehn Jahre zurück und höchstens fünf Jahre voraus (\(services.today.adding(years: -10).german) bis \(services.today.adding(years: 5).german)).", status: .unprocessableContent)
        }
        let format = ScreeningFormat.of(fileName: name)
        // Refuse what is clearly not a population list before storing it, saying what it is where that helps (QA of
        // 06.12.2026: an Excel workbook and Excel's "Unicode-Text" got the same general message).
        if let message = Self.notText(form.head, name: name) {
            return try await renderList(context, a, error: message, status: .unsupportedMediaType)
        }
        if DocumentFiles.sniff(form.head) != nil || form.head.contains(0) {
            return try await renderList(context, a, error: "Die Datei ist keine CSV- oder JSON-Lines-Textdatei.", status: .unsupportedMediaType)
        }
        // A file named .jsonl whose first line is no JSON object is a CSV under the wrong name: said before any job runs.
        if format == .jsonl, firstFilled != UInt8(ascii: "{") {
            return try await renderList(context, a, error: "„\(name)“ ist als JSON Lines benannt, aber die erste Zeile ist kein JSON-Objekt. Eine CSV-Liste bitte mit der Endung .csv hochladen.", status: .unprocessableContent)
        }
        // Lines with something on them (the run skips blank ones, so the progress bar must not count them).
        let rows = max(0, form.filledLines - (format == .csv ? 1 : 0))
        // A header alone screens nobody (QA of 06.12.2026: it became a finished job of "0 von 0 Zeilen").
        guard rows > 0 else {
            return try await renderList(context, a, error: "Die Datei „\(name)“ enthält keine Datenzeilen, nur die Kopfzeile.", status: .unprocessableContent)
        }
        // Figures only: a short list's figures would be its persons' results (QA36 F1: one row showed one person's).
        if !seesPersons(a), rows < ScreeningSummary.smallestFiguresOnlyList {
            return try await renderList(context, a, error: "Die Liste hat \(rows) Zeilen. Für Zahlen ohne Personenbezug sind mindestens \(ScreeningSummary.smallestFiguresOnlyList) Zeilen nötig.",
                                        status: .unprocessableContent)
        }
        // The same list sent again within two minutes while its job waits or runs (a double click, a re-sent form): that
        // job, not a second one (QA35 F7).
        let recent = services.timestamp(services.now().addingTimeInterval(-120))
        let size = { (path: String) in (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int }
        if let same = try await services.screeningJobs.jobs(organisation: a.organisationID).first(where: {
            ($0.state == .queued || $0.state == .running) && $0.createdAt >= recent && $0.fileName == String(name.suffix(120)) && $0.on == on
                && $0.totalRows == rows && size(ScreeningRunner.inputPath(services.config, $0.id)) == size(received)
        }) {
            return Reply.redirect("/screening/\(same.id)")
        }
        do { try FileManager.default.moveItem(atPath: received, toPath: ScreeningRunner.inputPath(services.config, id)) } catch {
            return try await unstored(context, a, error)
        }
        kept = true
        let now = services.now()
        let job = ScreeningJob(id: id, organisationID: a.organisationID, createdAt: services.timestamp(now), fileName: String(name.suffix(120)),
                               format: format.rawValue, on: on, state: .queued, totalRows: rows, processedRows: 0, rejectedRows: 0,
                               summaryJSON: nil, rejections: "", error: nil,
                               expiresAt: services.timestamp(now.addingTimeInterval(TimeInterval(services.config.screeningRetentionDays * 86_400))),
                               figuresOnly: !seesPersons(a))
        do { try await services.screeningJobs.create(job, userID: a.userID, audit: services.audit(a)) } catch {
            // No list without its job: nothing would ever delete it.
            try? FileManager.default.removeItem(atPath: ScreeningRunner.inputPath(services.config, id))
            throw error
        }
        services.screeningRunner.kick(services)
        return Reply.redirect("/screening/\(id)")
    }

    /// What a spreadsheet saved instead of a CSV: a workbook, or UTF-16 text.
    static func notText(_ bytes: [UInt8], name: String) -> String? {
        switch ScreeningInput.Spreadsheet.saved(Array(bytes.prefix(4096))) {
        case .workbook?:
            return "„\(name)“ ist eine Excel-Arbeitsmappe, keine CSV-Datei. Bitte in Excel „Speichern unter“ → „CSV UTF-8 (durch Trennzeichen getrennt)“ wählen und diese Datei hochladen."
        case .office?:
            return "„\(name)“ ist ein Office-Dokument oder Archiv (z. B. Word, eine ältere Excel-Datei, ZIP), keine CSV-Datei. Die Tabelle bitte in Excel mit „Speichern unter“ → „CSV UTF-8 (durch Trennzeichen getrennt)“ speichern und diese Datei hochladen."
        case .utf16?:
            return "„\(name)“ ist als UTF-16 gespeichert (in Excel „Unicode-Text“). Bitte als „CSV UTF-8 (durch Trennzeichen getrennt)“ speichern und erneut hochladen."
        case nil: return nil
        }
    }

    func load(_ context: BleibeContext) async throws -> (Actor, ScreeningJob) {
        let a = try actor(context)
        guard let j = try await services.screeningJobs.job(id: try context.parameters.require("id"), organisation: a.organisationID) else { throw AppError.notFound }
        // Past its retention time a list is gone, even if the deletion pass has not come round yet.
        if j.expiresAt <= services.timestamp() {
            try await ScreeningRunner.purge(services)
            throw AppError.notFound
        }
        // A job still queued, or running on an instance that stopped, is picked up by whoever looks at it.
        if j.state == .queued || j.state == .running { services.screeningRunner.kick(services) }
        return (a, j)
    }

    /// 3, 6 (without a choice) or 12 months; anything else is said, not replaced by 6 (QA of 05.12.2026).
    func months(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters["months"], !text.isEmpty else { return 6 }
        guard let m = Int(text), [3, 6, 12].contains(m) else { throw AppError.badRequest("„months“ muss 3, 6 oder 12 sein.") }
        return m
    }

    func outreach(_ j: ScreeningJob, months: Int, limit: Int?, countAll: Bool = true) throws -> (rows: [ScreeningPages.Outreach], total: Int) {
        try Self.outreach(path: ScreeningRunner.resultsPath(services.config, j.id), on: j.on, months: months, limit: limit, countAll: countAll)
    }

    /// The persons who meet a pathway today or reach one within `months`: one line each, the best pathway. With
    /// `countAll` false the scan stops at `limit` rows (the page: its total was counted once when the job finished).
    static func outreach(path: String, on: Day, months: Int, limit: Int?, countAll: Bool = true) throws -> (rows: [ScreeningPages.Outreach], total: Int) {
        guard var lines = LineReader(path: path), let head = lines.next() else { return ([], 0) }
        let columns = resultColumns(CSV.split(head))
        let horizon = on.adding(months: months)
        var out: [ScreeningPages.Outreach] = [], total = 0
        for line in IteratorSequence(lines) where !line.isEmpty {
            let f = CSV.split(line)
            let found = ways(f, columns, by: horizon)
            guard let b = found.first else { continue }
            total += 1
            if limit.map({ out.count < $0 }) ?? true {
                // The other pathways open to the person as well (QA of 06.12.2026: only the first was listed).
                let others = found.dropFirst().map { "\($0.pathway.title) (\($0.from.map { "ab " + $0.german } ?? "erfüllt"))" }.joined(separator: ", ")
                out.append(.init(id: CSV.plain(f[0]), pathway: b.pathway.title, result: b.from == nil ? "erfüllt" : "erreichbar", from: b.from?.german ?? "", others: others))
            }
            else if !countAll { break }
        }
        return (out, total)
    }

    /// The outreach list's length for each horizon in months, in one pass: a person is on the list for a horizon when
    /// a pathway is met or the earliest one reachable is reachable by then.
    static func outreachTotals(path: String, on: Day, months: [Int]) -> [String: Int] {
        guard var lines = LineReader(path: path), let head = lines.next() else { return [:] }
        let columns = resultColumns(CSV.split(head))
        let horizons = months.map { (String($0), on.adding(months: $0)) }
        var totals = Dictionary(uniqueKeysWithValues: horizons.map { ($0.0, 0) })
        for line in IteratorSequence(lines) where !line.isEmpty {
            guard let b = best(CSV.split(line), columns, by: .distantFuture) else { continue }
            for (key, horizon) in horizons where (b.from ?? on) <= horizon { totals[key]! += 1 }
        }
        return totals
    }

    /// Where each pathway's result and date stand in the results file.
    static func resultColumns(_ header: [String]) -> [(pathway: PathwayKey, result: Int, from: Int)] {
        PathwayKey.allCases.compactMap { p in
            guard let r = header.firstIndex(of: "\(p.rawValue)_result"), let f = header.firstIndex(of: "\(p.rawValue)_from") else { return nil }
            return (p, r, f)
        }
    }

    /// A person's best pathway: the first one met (`from` nil), else the one reachable earliest, by `horizon`.
    static func best(_ f: [String], _ columns: [(pathway: PathwayKey, result: Int, from: Int)], by horizon: Day) -> (pathway: PathwayKey, from: Day?)? {
        var best: (pathway: PathwayKey, from: Day?)? = nil
        for (p, r, d) in columns where r < f.count && d < f.count {
            if f[r] == "met" { return (p, nil) }
            if f[r] == "reachable", let day = Day(iso: f[d]), day <= horizon, best.map({ ($0.from ?? .distantFuture) > day }) ?? true { best = (p, day) }
        }
        return best
    }

    /// Every pathway a person meets or reaches by `horizon`: the met ones in the order of the law, then the reachable
    /// ones by date; the first is `best`.
    static func ways(_ f: [String], _ columns: [(pathway: PathwayKey, result: Int, from: Int)], by horizon: Day) -> [(pathway: PathwayKey, from: Day?)] {
        var met: [(pathway: PathwayKey, from: Day?)] = [], reachable: [(pathway: PathwayKey, from: Day?)] = []
        for (p, r, d) in columns where r < f.count && d < f.count {
            if f[r] == "met" { met.append((p, nil)) }
            else if f[r] == "reachable", let day = Day(iso: f[d]), day <= horizon { reachable.append((p, day)) }
        }
        return met + reachable.sorted { $0.from! < $1.from! }
    }

    @Sendable func show(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, j) = try await load(context)
        let summary = ScreeningSummaryJSON.decode(j.summaryJSON)
        let m = try months(request)
        let counted = summary.outreach[String(m)]
        let persons = seesPersons(a) && !j.figuresOnly
        var (rows, total) = j.state == .done && persons ? try outreach(j, months: m, limit: 500, countAll: counted == nil) : ([], 0)
        if let counted { total = counted }
        // The outreach rows shown are a read like their download (QA22 L5).
        if !rows.isEmpty, request.method == .get { try await services.screeningJobs.recordDownload(id: j.id, entity: "screening_outreach", audit: services.audit(a)) }
        return Reply.html(ScreeningPages.job(frame: context.frame("Screening", current: "screening"), row(j), counts: summary.counts, years: summary.years,
                                             best: summary.best, reasons: summary.reasons, rejections: j.rejections, error: j.error, months: m, outreach: rows, outreachTotal: total,
                                             autoRefresh: request.uri.queryParameters["auto"] != "0"))
    }

    /// The results file as `bleibe screen` writes it, or with `format=de` in German for a spreadsheet.
    @Sendable func results(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, j) = try await load(context)
        try requirePersons(a, j)
        guard j.state == .done else { throw AppError.notFound }
        let path = ScreeningRunner.resultsPath(services.config, j.id)
        let format = request.uri.queryParameters["format"]
        if request.method == .get, format == nil || format == "csv" || format == "de" { try await services.screeningJobs.recordDownload(id: j.id, entity: "screening_results", audit: services.audit(a)) }
        switch format {
        case nil, "csv":
            let body = try await FileIO().loadFile(path: path, context: context)
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"screening-\(j.on.iso).csv\""], body: body)
        case "de":
            guard FileManager.default.fileExists(atPath: path) else { throw AppError.notFound }
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"screening-ergebnisse-\(j.on.iso).csv\""],
                            body: ResponseBody { writer in try await Self.writeGerman(path: path, flat: j.format != "jsonl", to: &writer) })
        default:
            throw AppError.badRequest("Unbekanntes Format (csv oder de).")
        }
    }

    /// Streams the German results in chunks: a list of a Land has hundreds of thousands of rows.
    static func writeGerman(path: String, flat: Bool, to writer: inout any ResponseBodyWriter) async throws {
        if var lines = LineReader(path: path), let head = lines.next() {
            let export = ScreeningResultsExport(machineHeader: CSV.split(head), flat: flat)
            var chunk = export.header
            for line in IteratorSequence(lines) where !line.isEmpty {
                var f = CSV.split(line)
                if !f.isEmpty { f[0] = CSV.plain(f[0]) }
                chunk += export.line(f)
                if chunk.utf8.count >= 1 << 16 { try await writer.write(ByteBuffer(string: chunk)); chunk = "" }
            }
            if !chunk.isEmpty { try await writer.write(ByteBuffer(string: chunk)) }
        }
        try await writer.finish(nil)
    }

    @Sendable func outreachCSV(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, j) = try await load(context)
        try requirePersons(a, j)
        guard j.state == .done else { throw AppError.notFound }
        let m = try months(request)
        if request.method == .get { try await services.screeningJobs.recordDownload(id: j.id, entity: "screening_outreach", audit: services.audit(a)) }
        let (rows, _) = try outreach(j, months: m, limit: nil)
        var text = "\u{FEFF}" + CSVExport.line(["Kennung", "Weg", "Ergebnis", "ab", "weitere Wege"])
        for r in rows { text += CSVExport.line([r.id, r.pathway, r.result, r.from, r.others]) }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"einladungsliste-\(j.on.iso)-\(m)-monate.csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Stops a queued or running job (a large list blocks the queue for minutes); its files are removed.
    @Sendable func cancel(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, j) = try await load(context)
        _ = try await Form.checked(request, context: context)
        guard try await services.screeningJobs.cancel(id: j.id, organisation: a.organisationID, audit: services.audit(a)) else {
            throw AppError.conflict("Das Screening ist bereits beendet.")
        }
        // A queued job never reaches the runner; a running one removes its files when it notices.
        if j.state == .queued { try? FileManager.default.removeItem(atPath: ScreeningRunner.inputPath(services.config, j.id)) }
        return Reply.redirect("/screening/\(j.id)")
    }

    @Sendable func delete(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, j) = try await load(context)
        let form = try await Form.checked(request, context: context)
        guard j.state != .running else { throw AppError.conflict("Das Screening läuft noch; bitte nach dem Ende löschen.") }
        try? FileManager.default.removeItem(atPath: ScreeningRunner.inputPath(services.config, j.id))
        try? FileManager.default.removeItem(atPath: ScreeningRunner.resultsPath(services.config, j.id))
        _ = try await services.screeningJobs.delete(id: j.id, organisation: a.organisationID, audit: services.audit(a))
        return Reply.redirect("/screening?geloescht=1")
    }
}

