import Eligibility
import Reports
import Screening

/// Population screening in the browser: upload, background progress, summary with chart, results and outreach list.
public enum ScreeningPages {
    public struct JobRow: Sendable {
        public var id: String, fileName: String, on: Day, state: String, processed: Int, total: Int, rejected: Int, createdAt: String, expiresAt: String
        /// "csv" or "jsonl" (a line of JSON Lines is a household), and the persons screened.
        public var format: String, persons: Int
        /// Figures only: no results per person were kept, no outreach list is offered (QA35 F4).
        public var figuresOnly: Bool
        public init(id: String, fileName: String, on: Day, state: String, processed: Int, total: Int, rejected: Int, createdAt: String, expiresAt: String,
                    format: String = "csv", persons: Int = 0, figuresOnly: Bool = false) {
            self.figuresOnly = figuresOnly
            self.id = id; self.fileName = fileName; self.on = on; self.state = state; self.processed = processed; self.total = total; self.rejected = rejected
            self.createdAt = createdAt; self.expiresAt = expiresAt; self.format = format; self.persons = persons
        }
    }

    public static let buckets: [(String, String)] = [("met", "erfüllt"), ("reachable ≤ 3 months", "bis 3 Monate"), ("reachable ≤ 6 months", "3 bis 6 Monate"),
                                                     ("reachable ≤ 12 months", "6 bis 12 Monate"), ("reachable later", "später"), ("not_met", "nicht erfüllt"),
                                                     ("excluded", "ausgeschlossen"), ("unclear", "unklar")]

    static func stateText(_ s: String) -> String {
        switch s { case "queued": "wartet"; case "running": "läuft"; case "done": "fertig"; case "cancelled": "abgebrochen"; default: "fehlgeschlagen" }
    }

    /// When lists and results are deleted (QA of 06.12.2026: "nach 0 Tagen").
    static func retention(_ days: Int) -> String {
        switch days {
        case ...0: "Listen und Ergebnisse werden sofort wieder gelöscht (keine Aufbewahrungsfrist eingestellt): Ergebnisse gleich herunterladen."
        case 1: "Listen und Ergebnisse werden nach einem Tag gelöscht."
        default: "Listen und Ergebnisse werden nach \(days) Tagen gelöscht."
        }
    }

    static let figuresOnlyHint: HTML = "<p class=\"hint\" id=\"figures-only\">Nur Zahlen: Die Landeskoordination sieht Zusammenfassung, Diagramm und offene Punkte, aber keine Ergebnisse je Person und keine Einladungsliste. Ergebnisse je Person werden nicht gespeichert, die hochgeladene Liste wird gelöscht, sobald das Screening endet. Eine Liste braucht mindestens \(ScreeningSummary.smallestFiguresOnlyList) Zeilen; Zahlen von 1 bis 4 erscheinen als „.“, wie in den anderen Zahlen des Landes.</p>"

    /// `deleted`: a job was just deleted (said, QA42 coordination #10).
    public static func list(frame: PageFrame, jobs: [JobRow], today: Day, retentionDays: Int, error: String? = nil, deleted: Bool = false,
                            figuresOnly: Bool = false) -> HTML {
        let rows = jobs.map { j in
            "<tr><td><a href=\"/screening/\(j.id)\">\(j.fileName)</a></td><td>\(j.on.german)</td><td>\(stateText(j.state))</td><td class=\"num\">\(Labels.count(j.processed)) / \(Labels.count(j.total))</td><td>\(GermanTime.day(j.expiresAt))</td></tr>" as HTML
        }
        return Layout.page(frame, """
        <h1>Screening einer Liste</h1>
        \(deleted ? "<p class=\"notice\" role=\"status\" id=\"deleted\">Das Screening ist gelöscht: Liste und Ergebnisse sind entfernt.</p>" as HTML : .empty)
        <p class="hint">Liste aller Geduldeten als CSV (eine Zeile je Person; auch als Excel-Export „CSV UTF-8“ mit Semikolon, Datum TT.MM.JJJJ und Dezimalkomma) oder als JSON Lines hochladen: wer erfüllt heute einen Weg, wer in 3, 6 oder 12 Monaten? \(retention(retentionDays))</p>
        \(figuresOnly ? figuresOnlyHint : .empty)
        <p><a href="/screening/vorlage.csv" download>Vorlage mit allen Spalten und drei erfundenen Beispielzeilen (CSV)</a></p>
        \(ScreeningColumns.table)
        \(error.map { "<p class=\"error\" role=\"alert\" id=\"upload-error\">\($0)</p>" as HTML } ?? .empty)
        <form method="post" novalidate action="/screening" enctype="multipart/form-data">\(Layout.csrf(frame.csrf))
        <div class="grid">
        <div><label for="file">Datei (.csv, .jsonl oder .ndjson)\(Layout.required)</label><input id="file" name="file" type="file" accept=".csv,.txt,.jsonl,.ndjson,.json,text/csv" required></div>
        <div><label for="on">Stichtag (TT.MM.JJJJ)</label><input id="on" name="on" value="\(today.german)" size="10"></div>
        </div>
        <p><button type="submit">Screening starten</button></p></form>
        \(rows.isEmpty ? "<p>Noch keine Listen.</p>" as HTML : "<table><caption class=\"visually-hidden\">Hochgeladene Listen</caption><thead><tr><th scope=\"col\">Datei</th><th scope=\"col\">Stichtag</th><th scope=\"col\">Stand</th><th scope=\"col\">Zeilen</th><th scope=\"col\">Löschung am</th></tr></thead><tbody>\(rows)</tbody></table>")
        """)
    }

    /// Every person once, by the best answer among the pathways to a residence permit: the figure the per-pathway
    /// counts, which overlap, cannot give (QA35 F5). Empty for a job stored before it was counted.
    static func overview(best: [String: Int], shown: (CountTable) -> CountTable = { $0 }) -> HTML {
        guard !best.isEmpty else { return .empty }
        let labels: [(ScreeningSummary.Best, String)] = [(.met, "erfüllt am Stichtag"), (.within3, "erreichbar in bis zu 3 Monaten"),
                                                         (.within6, "erreichbar in 3 bis 6 Monaten"), (.within12, "erreichbar in 6 bis 12 Monaten"),
                                                         (.later, "erreichbar später"), (.unclear, "nur unklar"), (.none, "kein Weg")]
        let table = CountTable(title: "Personen nach ihrem besten Weg zu einer Aufenthaltserlaubnis", column: "Personen",
                               pairs: labels.map { ($1, best[$0.rawValue] ?? 0) })
        return """
        <section class="report-part" aria-labelledby="by-best"><h2 id="by-best">Überblick: jede Person einmal</h2>
        <p class="hint">Nach dem besten Ergebnis unter den Wegen zu einer Aufenthaltserlaubnis (ohne §§ 60c und 60d, die eine Duldung geben).</p>\(ReportPages.table(shown(table)))</section>
        """
    }

    /// Per pathway with unclear answers: the open points that left most of them open, to collect first (QA35 F5).
    /// `figuresOnly`: no count from 1 to 4 (a pathway or an open point that few answers have is left out).
    /// `unclearShown`: the unclear counts as the published table shows them (nil where suppressed there too).
    static func unclearReasons(pathways: [PathwayKey], counts: [String: [String: Int]], reasons: [String: [String: Int]], figuresOnly: Bool = false,
                               unclearShown: [String: Int?]? = nil) -> HTML {
        let rows: [HTML] = pathways.compactMap { p in
            guard let unclear = counts[p.rawValue]?["unclear"], unclear > 0, let r = reasons[p.rawValue], !r.isEmpty else { return nil }
            if figuresOnly && (Suppression.isSensitive(unclear) || unclearShown?[p.rawValue] == .some(nil)) { return nil }
            let top = r.filter { !figuresOnly || !Suppression.isSensitive($0.value) }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
            guard !top.isEmpty else { return nil }
            let items = top.map { key, n in "<li>\(ScreeningSummary.describeReason(key)): \(Labels.count(n))</li>" as HTML }
            return "<tr><th scope=\"row\">\(p.title)</th><td class=\"num\">\(Labels.count(unclear))</td><td><ul>\(HTML.join(items))</ul></td></tr>"
        }
        guard !rows.isEmpty else { return .empty }
        return """
        <section class="report-part" aria-labelledby="why-unclear"><h2 id="why-unclear">Warum unklar?</h2>
        <p class="hint">Die häufigsten offenen Punkte je Weg (eine unklare Antwort kann mehrere haben): was zuerst zu erheben ist.</p>
        <table><caption class="visually-hidden">Offene Punkte der unklaren Antworten</caption><thead><tr><th scope="col">Weg</th><th scope="col">unklar</th><th scope="col">häufigste offene Punkte</th></tr></thead><tbody>\(HTML.join(rows))</tbody></table></section>
        """
    }

    public struct Outreach: Sendable {
        public var id: String, pathway: String, result: String, from: String
        /// The other pathways met or reachable within the horizon, as one text ("" for none).
        public var others: String
        public init(id: String, pathway: String, result: String, from: String, others: String = "") {
            self.id = id; self.pathway = pathway; self.result = result; self.from = from; self.others = others
        }
    }

    /// - Parameters:
    ///   - best: every person once by the best answer for a residence permit (`ScreeningSummary.Best` keys; empty for
    ///     a job stored before it existed); `reasons`: per pathway the most frequent open points of unclear answers.
    public static func job(frame: PageFrame, _ j: JobRow, counts: [String: [String: Int]], years: [String: Int],
                           best: [String: Int] = [:], reasons: [String: [String: Int]] = [:], rejections: String, error: String?,
                           months: Int, outreach: [Outreach], outreachTotal: Int, autoRefresh: Bool = true) -> HTML {
        let running = j.state == "queued" || j.state == "running"
        var body: [HTML] = []
        // While it runs the page reloads itself, which sends the keyboard's focus back to the top: the way to cancel and
        // to stop the reloading come first, and the interval leaves time to reach them (accessibility review of
        // 06.12.2026: every 2 s, "Screening abbrechen" could not be reached by keyboard; WCAG 2.2.1).
        if running {
            body.append("<form method=\"post\" novalidate action=\"/screening/\(j.id)/cancel\">\(Layout.csrf(frame.csrf))<button type=\"submit\">Screening abbrechen</button></form>")
            body.append(autoRefresh
                ? "<p><a href=\"/screening/\(j.id)?auto=0\">Automatische Aktualisierung anhalten</a> <span class=\"hint\">(die Seite lädt sich alle 10 Sekunden neu)</span></p>"
                : "<p><a href=\"/screening/\(j.id)?auto=0\">Stand aktualisieren</a> · <a href=\"/screening/\(j.id)\">automatisch aktualisieren</a></p>")
        }
        // A JSON Lines file holds a household per line: its lines are households, its results persons (QA of 06.12.2026).
        let households = j.format == "jsonl"
        let persons: HTML = households && j.state == "done" ? " · \(Labels.count(j.persons)) Personen geprüft" : .empty
        // A status region: a screen reader says the new state when it changes (QA35 F8).
        body.append("<p role=\"status\">Stand: <strong id=\"job-state\">\(stateText(j.state))</strong> · \(Labels.count(j.processed)) von \(Labels.count(j.total)) \(households ? "Zeilen (Haushalte)" : "Zeilen") · \(Labels.count(j.rejected)) abgewiesen\(persons)</p>")
        body.append("<progress id=\"progress\" aria-label=\"Fortschritt des Screenings\" max=\"\(max(1, j.total))\" value=\"\(j.processed)\">\(j.total > 0 ? j.processed * 100 / j.total : 0) %</progress>")
        if let error { body.append("<p class=\"error\" role=\"alert\">Fehler: \(ScreeningMessages.german(error))</p>") }
        if j.state == "done" {
            let pathways = PathwayKey.allCases.filter { counts[$0.rawValue] != nil }
            let table = CountTable(title: "Ergebnis nach Weg (Personen)", rowLabels: pathways.map(\.title), columnLabels: buckets.map(\.1),
                                   counts: pathways.map { p in buckets.map { counts[p.rawValue]?[$0.0] ?? 0 } }, columnsAdd: false)
            let chartTable = CountTable(title: table.title, rowLabels: pathways.map(\.title), columnLabels: Array(buckets.prefix(4).map(\.1)),
                                        counts: pathways.map { p in buckets.prefix(4).map { counts[p.rawValue]?[$0.0] ?? 0 } })
            let stayTable = CountTable(title: "Personen nach Aufenthaltsdauer", column: "Personen",
                                       pairs: ScreeningSummary.stayLabels.map { ($1, years[$0] ?? 0) })
            // Figures only: suppressed as every figure of the Land (no count from 1 to 4, none recomputable; QA36 F1).
            let shown: (CountTable) -> CountTable = j.figuresOnly ? { Suppression.publish($0) } : { $0 }
            // The chart shows the table's published cells, without sums of its own: a chart suppressed apart from the
            // table let hidden cells be recomputed from the two (QA37 F1).
            let published = shown(table)
            var chart = shown(chartTable)
            if j.figuresOnly {
                chart.cells = published.cells.map { Array($0.prefix(4)) }
                chart.rowTotals = chart.rowTotals.map { _ in nil }; chart.columnTotals = chart.columnTotals.map { _ in nil }; chart.total = nil
            }
            let unclearShown = j.figuresOnly ? Dictionary(uniqueKeysWithValues: pathways.enumerated().map { ($1.rawValue, published.cells[$0][buckets.count - 1]) }) : nil
            let outreachRows = outreach.map { o in "<tr><td>\(o.id)</td><td>\(o.pathway)</td><td>\(o.result)</td><td>\(o.from)</td><td>\(o.others)</td></tr>" as HTML }
            let monthOptions = [3, 6, 12].map { m in "<option value=\"\(m)\"\(m == months ? " selected" : "")>\(m) Monate</option>" as HTML }
            let figures: HTML = """
            <section class="report-part" aria-labelledby="by-pathway"><h2 id="by-pathway">Ergebnis nach Weg</h2>\(Charts.stackedBars(chart))\(ReportPages.table(published))</section>
            \(overview(best: best, shown: shown))
            \(unclearReasons(pathways: pathways, counts: counts, reasons: reasons, figuresOnly: j.figuresOnly, unclearShown: unclearShown))
            <section class="report-part" aria-labelledby="by-stay"><h2 id="by-stay">Aufenthaltsdauer</h2>\(ReportPages.table(shown(stayTable)))</section>
            """
            if j.figuresOnly {
                body.append(figuresOnlyHint)
                body.append(figures)
            } else {
                body.append("""
                <p>Ergebnisse herunterladen: <a href="/screening/\(j.id)/results?format=de">für Tabellenkalkulation (CSV, deutsch)</a> · <a href="/screening/\(j.id)/results">Maschinenformat (CSV wie <code>bleibe screen</code>)</a> · <a href="/screening/\(j.id)/outreach.csv?months=\(months)">Einladungsliste herunterladen (CSV)</a></p>
                \(figures)
                <section aria-labelledby="outreach"><h2 id="outreach">Einladungsliste: am Stichtag erfüllt oder erreichbar in \(months) Monaten</h2>
                <form method="get" action="/screening/\(j.id)"><label for="months">Zeitraum</label><select id="months" name="months">\(monthOptions)</select> <button type="submit">Anzeigen</button></form>
                <p>\(Labels.count(outreachTotal)) Personen\(outreachTotal > outreach.count ? " (die ersten \(Labels.count(outreach.count)) angezeigt)" : "")</p>
                <table><caption class="visually-hidden">Ansprechliste</caption><thead><tr><th scope="col">Kennung</th><th scope="col">Weg</th><th scope="col">Ergebnis</th><th scope="col">ab</th><th scope="col">weitere Wege</th></tr></thead><tbody>\(outreachRows)</tbody></table></section>
                """)
            }
            if !rejections.isEmpty {
                let listed = rejections.split(separator: "\n")
                // Only the first are kept with the job; said, so that nobody takes the list for complete (QA of 05.12.2026).
                let more: HTML = j.rejected > listed.count ? "<p class=\"hint\">Gezeigt werden die ersten \(listed.count) von \(j.rejected) abgewiesenen Zeilen.</p>" : .empty
                body.append("<details><summary>Abgewiesene Zeilen (\(j.rejected))</summary><ul>\(listed.map { "<li>\(ScreeningMessages.german(String($0)))</li>" as HTML })</ul>\(more)</details>")
            }
        }
        // While it runs it is cancelled (above; which also deletes it); deleting is offered once it has ended.
        if !running {
            body.append("<form method=\"post\" novalidate action=\"/screening/\(j.id)/delete\">\(Layout.csrf(frame.csrf))<button type=\"submit\">Liste und Ergebnisse jetzt löschen</button></form>")
        }
        var f = frame
        if running && autoRefresh { f.refreshSeconds = 10 }
        return Layout.page(f, """
        <h1>Screening: \(j.fileName)</h1>
        <p>Stichtag \(j.on.german) · hochgeladen \(GermanTime.format(j.createdAt)) · wird gelöscht am \(GermanTime.day(j.expiresAt))</p>
        \(HTML.join(body))
        <p><a href="/screening">Alle Listen</a></p>
        """)
    }
}
