import Counseling
import Eligibility
import Reports

/// Report pages: key figures, SVG charts, the tables, a print view and the exports.
public enum ReportPages {
    public static func table(_ t: CountTable) -> HTML {
        let head = ([""] + t.columnLabels + (t.showsRowTotals ? ["Summe"] : [])).map { "<th scope=\"col\">\($0)</th>" as HTML }
        let rows = t.rowLabels.enumerated().map { r, label -> HTML in
            let cells = t.cells[r].map { "<td class=\"num\">\(shown($0))</td>" as HTML }
            let sum: HTML = t.showsRowTotals ? "<td class=\"num\">\(shown(t.rowTotals[r]))</td>" : .empty
            return "<tr><th scope=\"row\">\(label)</th>\(cells)\(sum)</tr>"
        }
        let totals = t.columnTotals.map { "<td class=\"num\">\(shown($0))</td>" as HTML }
        let grand: HTML = t.showsRowTotals ? "<td class=\"num\">\(shown(t.total))</td>" : .empty
        return """
        <table class="report"><caption>\(t.title)</caption><thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody>
        \(t.columnsAdd ? "<tfoot><tr><th scope=\"row\">Summe</th>\(totals)\(grand)</tr></tfoot>" as HTML : .empty)</table>
        """
    }

    /// A count on a page: grouped by thousands ("1.876"); a suppressed one is "." (the exports keep plain digits).
    static func shown(_ v: Int?) -> String { v.map(Labels.count) ?? "." }

    /// A finished figure on a page: a plain count grouped by thousands, anything else (a rate, a date) as it is.
    static func shown(_ cell: String) -> String {
        guard cell.count > 3, cell.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(cell) else { return cell }
        return Labels.count(n)
    }

    static func periodForm(action: String, from: Day, to: Day, published: Bool?) -> HTML {
        let pub: HTML = published.map { p in
            "<label class=\"check\"><input type=\"checkbox\" name=\"published\" value=\"1\"\(p ? " checked" : "")> veröffentlichungsfähig (Werte unter 5 unterdrückt)</label>" as HTML
        } ?? .empty
        return """
        <form method="get" action="\(action)" class="no-print"><div class="grid">
        <div><label for="from">von (TT.MM.JJJJ)</label><input id="from" name="from" value="\(from.german)" size="10"></div>
        <div><label for="to">bis (TT.MM.JJJJ)</label><input id="to" name="to" value="\(to.german)" size="10"></div>
        </div>\(pub)<p><button type="submit">Anzeigen</button></p></form>
        """
    }

    /// Exports are published figures, so they exist per calendar quarter only (the server refuses other periods), the
    /// cooperation's also per calendar year (`years`).
    static func exports(_ path: String, from: Day, to: Day, years: Bool = false) -> HTML {
        let year = from.components.year
        if years, from == Day(year: year, month: 1, day: 1), to == Day(year: year, month: 12, day: 31) {
            return """
            <p class="no-print">Export (veröffentlichungsfähig, Werte unter 5 als „.“): <a href="\(path)?jahr=\(String(year))&amp;format=csv">CSV</a> ·
            <a href="\(path)?jahr=\(String(year))&amp;format=xlsx">Excel (XLSX)</a> · Drucken über den Druckdialog des Browsers.</p>
            """
        }
        guard let q = Quarter.containing(from), from == q.firstDay, to == q.lastDay else {
            if years { return "<p class=\"no-print hint\">Exporte (veröffentlichungsfähig) gibt es je abgeschlossenem Quartal oder Kalenderjahr: als Zeitraum den ersten und letzten Tag eines Quartals oder Jahres wählen.</p>" }
            return "<p class=\"no-print hint\">Exporte (veröffentlichungsfähig) gibt es je abgeschlossenem Quartal: als Zeitraum den ersten und letzten Tag eines Quartals wählen.</p>"
        }
        return """
        <p class="no-print">Export (veröffentlichungsfähig, Werte unter 5 als „.“): <a href="\(path)?quartal=\(q.label)&amp;format=csv">CSV</a> ·
        <a href="\(path)?quartal=\(q.label)&amp;format=xlsx">Excel (XLSX)</a> · Drucken über den Druckdialog des Browsers.</p>
        """
    }

    public static func counseling(frame: PageFrame, _ r: CounselingReport, published: Bool) -> HTML {
        let charts: [HTML] = [Charts.stackedBars(r.tables[0])] + r.tables[1...4].map { Charts.bars($0) }
        let sections = r.tables.enumerated().map { i, t -> HTML in
            "<section class=\"report-part\">\(i < charts.count ? charts[i] : .empty)\(table(t))</section>"
        }
        // Published: the headline as it leaves the service (`CounselingReport.headline`); inside: every value.
        let head = r.headline
        func figure(_ row: Int, _ n: Int) -> String { published ? shown(head.cells[row][0]) : Labels.count(n) }
        return Layout.page(frame, """
        <h1>Beratungsbericht \(r.from.german) – \(r.to.german)</h1>
        \(periodForm(action: "/reports/counseling", from: r.from, to: r.to, published: published))
        \(exports("/reports/counseling", from: r.from, to: r.to))
        <p>Für den Zuwendungsgeber je abgeschlossenem Quartal oder Kalenderjahr: <a href="/reports/funder">Sachbericht für Zuwendungsgeber</a></p>
        \(published ? "<p class=\"hint\">Veröffentlichungsfähige Fassung: Werte von 1 bis 4 und daraus errechenbare Werte sind als „.“ unterdrückt.</p>" as HTML : "<p class=\"hint\">Interne Fassung mit allen Werten – nicht weitergeben.</p>")
        <dl class="figures">
        <dt>Beratungen</dt><dd id="fig-sessions">\(figure(1, r.sessions))</dd>
        <dt>davon Erstberatungen</dt><dd id="fig-first">\(figure(2, r.firstSessions))</dd>
        <dt>davon Folgeberatungen</dt><dd id="fig-followup">\(figure(3, r.sessions - r.firstSessions))</dd>
        <dt>Beratene Personen</dt><dd id="fig-persons">\(figure(4, r.persons))</dd>
        </dl>
        \(sections)
        """)
    }

    public static func cooperation(frame: PageFrame, _ r: CooperationReport, from: Day, to: Day) -> HTML {
        let figures = r.figureTables
        return Layout.page(frame, """
        <h1>Kennzahlen der Kooperation \(from.german) – \(to.german)</h1>
        \(periodForm(action: "/reports/cooperation", from: from, to: to, published: nil))
        \(exports("/reports/cooperation", from: from, to: to, years: true))
        <p class="hint">Gemeinsame Kennzahlen von Beratungsstelle und Ausländerbehörde, je abgeschlossenem Quartal oder Kalenderjahr (aus zwei Zeiträumen, die sich um einzelne Tage unterscheiden, ließen sich unterdrückte Werte errechnen); Werte von 1 bis 4 und daraus errechenbare Werte sind als „.“ unterdrückt; „–“ bei der Erteilungsquote: keine Entscheidung im Zeitraum.\(from.days(to: to) > 100 ? " Im Jahr steht jedes Quartal so wie in seinem eigenen Bericht; eine Jahressumme ist „.“, wo sich aus ihr ein im Quartal unterdrückter Wert errechnen ließe." : "")</p>
        <section class="report-part">\(Charts.stackedBars(r.tables[0]))\(table(r.tables[0]))</section>
        \(figure(figures[0], id: "grant-rates"))
        <section class="report-part">\(Charts.stackedBars(r.tables[1]))\(table(r.tables[1]))</section>
        \(HTML.join(r.tables.dropFirst(2).map { "<section class=\"report-part\">\(table($0))</section>" as HTML }))
        \(figures.count > 1 ? figure(figures[1], id: "population") : "<p class=\"hint\">Für den Zeitraum liegen keine Zahlen der Ausländerbehörde zu Geduldeten vor.</p>" as HTML)
        """)
    }

    /// A table of finished figures (rates, stocks): no sums.
    static func figure(_ t: FigureTable, id: String) -> HTML {
        let head = HTML.join(t.columnLabels.map { "<th scope=\"col\">\($0)</th>" as HTML })
        let rows = HTML.join(t.rowLabels.enumerated().map { i, label in
            "<tr><th scope=\"row\">\(label)</th>\(HTML.join(t.cells[i].map { "<td class=\"num\">\(shown($0))</td>" as HTML }))</tr>" as HTML
        })
        return "<section class=\"report-part\"><table class=\"report\" id=\"\(id)\"><caption>\(t.title)</caption><thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table></section>"
    }

    /// `figures`: the headline as published (period, sessions, first and follow-up sessions, persons, meetings).
    public static func funder(frame: PageFrame, organisation: String, from: Day, to: Day, figures: FigureTable, tables: [CountTable], cooperation c: CooperationReport) -> HTML {
        func v(_ label: String) -> String { figures.rowLabels.firstIndex(of: label).map { shown(figures.cells[$0][0]) } ?? "." }
        let year = from.days(to: to) > 100
        return Layout.page(frame, """
        <h1>Sachbericht für Zuwendungsgeber: \(organisation)</h1>
        <p>Berichtszeitraum \(from.german) – \(to.german)</p>
        \(periodForm(action: "/reports/funder", from: from, to: to, published: nil))
        \(exports("/reports/funder", from: from, to: to, years: true))
        <p class="hint">Veröffentlichungsfähige Fassung je abgeschlossenem Quartal oder Kalenderjahr: Werte von 1 bis 4 und daraus errechenbare Werte sind als „.“ unterdrückt.\(year ? " Im Jahr steht jedes Quartal so wie in seinem eigenen Bericht, „übrige“ sind je Quartal andere Kategorien; eine Jahressumme steht nur, wo jedes Quartal seinen Teil zeigt. Beratene Personen nach Staatsangehörigkeit je Quartal: wer in mehreren Quartalen beraten wurde, zählt in jedem." : "")</p>
        <dl class="figures"><dt>Beratungen</dt><dd>\(v("Beratungen"))</dd><dt>Beratene Personen</dt><dd>\(v("Beratene Personen"))</dd>
        <dt>Kooperationssitzungen mit der Ausländerbehörde</dt><dd>\(v("Kooperationssitzungen mit der Ausländerbehörde"))</dd></dl>
        <section class="report-part">\(Charts.stackedBars(tables[0]))\(table(tables[0]))</section>
        \(HTML.join(tables.dropFirst().map { "<section class=\"report-part\">\(table($0))</section>" as HTML }))
        \(HTML.join(c.tables.map { "<section class=\"report-part\">\(table($0))</section>" as HTML }))
        """)
    }

    /// `choices`: the completed quarters offered, newest first.
    public static func land(frame: PageFrame, _ t: CountTable, quarter: Quarter, choices: [Quarter]) -> HTML {
        let options = choices.map { q in "<option value=\"\(q.label)\"\(q == quarter ? " selected" : "")>\(q.german)</option>" as HTML }
        return Layout.page(frame, """
        <h1>Landesübersicht \(quarter.german)</h1>
        <form method="get" action="/reports/land" class="no-print"><label for="quartal">Quartal</label>
        <select id="quartal" name="quartal">\(options)</select> <button type="submit">Anzeigen</button></form>
        <p class="hint">Die Übersicht verlässt die Beratungsstellen und gibt es deshalb nur je abgeschlossenem Quartal: aus
        Zeiträumen, die sich überschneiden, ließen sich unterdrückte kleine Zahlen zurückrechnen.</p>
        <p class="no-print">Export (Werte unter 5 als „.“): <a href="/reports/land?quartal=\(quarter.label)&amp;format=csv">CSV</a> ·
        <a href="/reports/land?quartal=\(quarter.label)&amp;format=xlsx">Excel (XLSX)</a> · Drucken über den Druckdialog des Browsers.</p>
        <p class="hint">Jede Zeile wird in der jeweiligen Beratungsstelle berechnet; zusammengeführt werden nur Zahlen. Werte von 1 bis 4 und daraus errechenbare Werte sind als „.“ unterdrückt.</p>
        <section class="report-part">\(Charts.stackedBars(t))\(table(t))</section>
        """)
    }
}
