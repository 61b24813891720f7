import Reports

/// The authority's quarterly procedure statistics: entered or uploaded as CSV by the authority, read by the service.
public enum StatisticsPages {
    /// `editable`: the authority's own page (its figures as entered). The cooperating service reads each quarter as
    /// the cooperation report publishes it, suppressed (QA of 06.12.2026: the page showed it the small counts that the
    /// report hid, so the suppression was for show).
    public static func page(frame: PageFrame, authorityName: String, stats: QuarterlyStatistics, editable: Bool,
                            errors: [QuarterlyStatistics.RowError] = [], csv: String = "", overwrites: [String] = [],
                            confirmation: String = "", saved: Int? = nil) -> HTML {
        let quarters = stats.quarters.reversed()
        let hidden = editable ? [] : ProcedureSuppression.hidden(stats)
        let allGaps = editable ? stats.balanceGaps() : []
        let sections = quarters.map { q -> HTML in
            if !editable {
                let published = CooperationReport.make(from: q.firstDay, to: q.lastDay, applications: [], referrals: [], statistics: stats, hidden: hidden)
                let tables = published.tables.filter { $0.title.hasPrefix("Verfahren der Ausländerbehörde") || $0.title.hasPrefix("Anhängige Verfahren") }
                let figures = published.figureTables.filter { $0.title.hasPrefix("Geduldete") }
                return """
                <section aria-labelledby="q-\(q.label)"><h2 id="q-\(q.label)">\(q.german)</h2>
                \(HTML.join(figures.map { ReportPages.figure($0, id: "pop-\(q.label)") }))\(HTML.join(tables.map(ReportPages.table)))
                </section>
                """
            }
            // In the law's order, as the joint view (QA42 coordination #10: sorted as text, § 104c came first), with the
            // quarter's sums below: the authority's own figures, nothing hidden.
            let order = QuarterlyStatistics.regulations.map(\.code)
            let procedures = stats.procedures.filter { $0.quarter == q }.sorted { (order.firstIndex(of: $0.regulation) ?? .max) < (order.firstIndex(of: $1.regulation) ?? .max) }
            func cells(_ a: Int, _ g: Int, _ r: Int, _ p: Int) -> HTML {
                "<td class=\"num\">\(Labels.count(a))</td><td class=\"num\">\(Labels.count(g))</td><td class=\"num\">\(Labels.count(r))</td><td class=\"num\">\(Labels.count(p))</td>"
            }
            let rows = procedures.map { p in
                let title = QuarterlyStatistics.regulations.first { $0.code == p.regulation }?.title ?? p.regulation
                return "<tr><th scope=\"row\">\(title)</th>\(cells(p.applications, p.grants, p.refusals, p.pendingAtEnd))</tr>" as HTML
            }
            let sum: HTML = procedures.count < 2 ? .empty : "<tfoot><tr><th scope=\"row\">Summe</th>\(cells(procedures.reduce(0) { $0 + $1.applications }, procedures.reduce(0) { $0 + $1.grants }, procedures.reduce(0) { $0 + $1.refusals }, procedures.reduce(0) { $0 + $1.pendingAtEnd }))</tr></tfoot>"
            // The authority's own check of its counts (QA43 A3): said, not refused – procedures taken over explain a rise.
            let gaps = allGaps.filter { $0.quarter == q }
            let balance: HTML = gaps.isEmpty ? .empty : """
                <div class="notice" id="balance-\(q.label)"><p>Bitte prüfen: Der Bestand passt nicht zu Vorquartal und Zahlen des Quartals (außer wenn \
                Verfahren übernommen wurden, etwa nach einem Umzug).</p><ul>\(gaps.map { "<li>\($0.german)</li>" as HTML })</ul></div>
                """
            let pop: HTML = stats.populations.first { $0.quarter == q }.map { p in
                "<p>Geduldete am \(q.lastDay.german): <strong>\(Labels.count(p.tolerated))</strong>, davon über 3 Jahre \(Labels.count(p.toleratedOver3Years)), über 5 Jahre \(Labels.count(p.toleratedOver5Years))</p>" as HTML
            } ?? .empty
            return """
            <section aria-labelledby="q-\(q.label)"><h2 id="q-\(q.label)">\(q.german)</h2>\(pop)\(balance)
            \(rows.isEmpty ? HTML.empty : "<table class=\"report\"><caption class=\"visually-hidden\">Verfahren \(q.german)</caption><thead><tr><th scope=\"col\">Vorschrift</th><th scope=\"col\">Anträge im Quartal</th><th scope=\"col\">Erteilungen im Quartal</th><th scope=\"col\">Ablehnungen im Quartal</th><th scope=\"col\">Anhängig am \(q.lastDay.german)</th></tr></thead><tbody>\(rows)</tbody>\(sum)</table>")
            </section>
            """
        }
        let errorList = errors.map { "<li>\($0.description)</li>" as HTML }
        let confirm: HTML = overwrites.isEmpty ? .empty : """
            <div class="error-summary" role="alert" id="overwrites" tabindex="-1"><h3>Diese Zahlen sind schon erfasst und würden ersetzt</h3>
            <ul>\(overwrites.map { "<li>\($0)</li>" as HTML })</ul>
            <p>Noch ist nichts geändert. Mit „Ersetzen“ werden die neuen Zahlen übernommen.</p></div>
            """
        let form: HTML = editable ? """
        <h2>Quartalszahlen erfassen oder hochladen</h2>
        <p class="hint">CSV mit Kopfzeile <code>\(QuarterlyStatistics.header.joined(separator: ";"))</code>. Eine Zeile je Quartal und Vorschrift
        (\(QuarterlyStatistics.regulations.map { "\($0.code): \($0.title)" }.joined(separator: "; "))) mit den Zahlen des Quartals und den am letzten Tag Anhängigen;
        eine Zeile „gesamt“ je Quartal mit den Geduldeten am letzten Tag. Zahlen ganz, mit oder ohne Tausenderpunkt (1876 oder 1.876). Vorhandene andere Zahlen desselben Quartals werden erst nach Rückfrage ersetzt; eine fehlerhafte Zeile weist die ganze Datei zurück.</p>
        \(errorList.isEmpty ? HTML.empty : "<div class=\"error-summary\" role=\"alert\"><h3>Die Datei wurde nicht übernommen</h3><ul id=\"row-errors\">\(errorList)</ul></div>")
        \(confirm)
        <form method="post" novalidate action="/statistics" enctype="multipart/form-data">\(Layout.csrf(frame.csrf))\(overwrites.isEmpty ? HTML.empty : "<input type=\"hidden\" name=\"replace\" value=\"\(confirmation)\">")
        <label for="csv">CSV-Text</label><textarea id="csv" name="csv" rows="8" cols="100">\(csv)</textarea>
        <label for="file">oder CSV-Datei</label><input id="file" name="file" type="file" accept="text/csv,.csv">
        <p><button type="submit">\(overwrites.isEmpty ? "Übernehmen" : "Ersetzen")</button>\(overwrites.isEmpty ? HTML.empty : " <a href=\"/statistics\">Abbrechen</a>")</p>
        </form>
        """ : .empty
        return Layout.page(frame, """
        <h1>Verfahrensstatistik: \(authorityName)</h1>
        \(saved.map { "<p class=\"notice\" role=\"status\" id=\"saved\">Übernommen: Zahlen für \($0 == 1 ? "ein Quartal" : "\($0) Quartale") gespeichert.</p>" as HTML } ?? .empty)
        \(form)
        \(sections.isEmpty ? "<p>Noch keine Quartalszahlen.</p>" as HTML : HTML.join(Array(sections)))
        """)
    }
}
