import Counseling
import Eligibility

/// The review of who opened which files (Art. 32 DSGVO), per user for a period, and one user's accesses in detail:
/// by a service's coordination of its staff, by an authority's lead of its clerks (their shared cases).
public enum AccessReviewPage {
    /// The words of the page for a service's or an authority's staff.
    struct Words {
        let file, files, list, accesses, flagged, flaggedNote, hint: String
        static let service = Words(file: "Akte", files: "Akten", list: "Klientenliste", accesses: "Zugriffe auf Akten", flagged: "Akten ohne eigene Zuständigkeit",
                                   flaggedNote: "ohne eigene Zuständigkeit",
                                   hint: "Zur regelmäßigen Kontrolle der Zugriffe (Art. 32 DSGVO): wer im Zeitraum wie oft auf Akten zugegriffen hat (geöffnet, geändert, exportiert, gesucht). Das Blättern in der Liste der Klient:innen steht gesondert unter „Listenzeilen“ (je angezeigte Zeile ein Eintrag) und zählt weder als Zugriff noch als Akte. „Ohne eigene Zuständigkeit“ zählt Akten, in denen die Person weder einen Fall führt (auch nicht den einer oder eines Angehörigen im selben Haushalt) noch einen Termin hat; das Blättern in der Liste der Klient:innen zählt dabei nicht, eine Suche schon – für die Koordination üblich, bei Beratenden ein Anlass nachzufragen. Inhalte enthält das Protokoll nicht.")
        static let authority = Words(file: "Fall", files: "Fälle", list: "Liste der freigegebenen Fälle", accesses: "Abrufe freigegebener Fälle", flagged: "Fälle mit verweigerter Offenlegung",
                                     flaggedNote: "verweigert: von keiner Einwilligung gedeckt",
                                     hint: "Zur regelmäßigen Kontrolle der Zugriffe (Art. 32 DSGVO): wer im Zeitraum wie oft freigegebene Fälle der Beratungsstellen abgerufen hat (Ansicht, Schnittstelle, Suche nach Namen). Die Liste der freigegebenen Fälle steht gesondert unter „Listenzeilen“ (je angezeigte Zeile ein Eintrag). „Verweigerte Offenlegung“ zählt Fälle, deren Abruf keine Einwilligung deckte und der deshalb abgelehnt wurde – ein Anlass nachzufragen. Die Fälle sind nur mit einer Kennung genannt; sie zu öffnen ist ein eigener, protokollierter Abruf. Inhalte enthält das Protokoll nicht.")
    }


    public struct Row: Sendable {
        public var userID: String, name: String, role: String
        public var events: Int, clients: Int, listRows: Int, flagged: Int
        public init(userID: String, name: String, role: String, events: Int, clients: Int, listRows: Int, flagged: Int) {
            self.userID = userID; self.name = name; self.role = role; self.events = events; self.clients = clients; self.listRows = listRows
            self.flagged = flagged
        }
    }

    public struct Detail: Sendable {
        public var userID: String
        /// The client list's rows are among the accesses (else left out, with a link to show them).
        public var withListRows: Bool
        public var name: String
        /// Each access: when, the file (its label and page, nil for a list or a search), what, and whether it is
        /// flagged.
        public var accesses: [(at: String, file: (label: String, href: String)?, action: String, entity: String, flagged: Bool)]
        public var limited: Bool
        public init(userID: String, withListRows: Bool, name: String,
                    accesses: [(at: String, file: (label: String, href: String)?, action: String, entity: String, flagged: Bool)], limited: Bool) {
            self.userID = userID; self.withListRows = withListRows; self.name = name; self.accesses = accesses; self.limited = limited
        }
    }

    /// `typed`: the period as typed, when it could not be read (shown again in the fields).
    public static func render(frame: PageFrame, authority: Bool = false, from: Day, to: Day, rows: [Row], detail: Detail?, alert: String? = nil,
                              typed: (from: String?, to: String?)? = nil) -> HTML {
        let words = authority ? Words.authority : .service
        let period = "from=\(from.german)&amp;to=\(to.german)"
        let lines = rows.map { r -> HTML in
            """
            <tr><td>\(r.name)</td><td>\(r.role)</td><td class="num">\(Labels.count(r.events))</td><td class="num">\(Labels.count(r.clients))</td>
            <td class="num">\(Labels.count(r.listRows))</td><td class="num" data-user="\(r.userID)">\(Labels.count(r.flagged))</td><td><a href="/access-review?\(HTML(stringLiteral: period))&amp;user=\(r.userID)">Einzelheiten<span class="visually-hidden"> zu \(r.name)</span></a></td></tr>
            """
        }
        return Layout.page(frame, """
        <h1>Zugriffsauswertung</h1>
        \(alert.map { "<p class=\"error\" role=\"alert\" id=\"period-error\">\($0)</p>" as HTML } ?? .empty)
        <p class="hint">\(words.hint)</p>
        <form method="get" action="/access-review" class="no-print">
        <label for="from">von (TT.MM.JJJJ)</label><input id="from" name="from" value="\(typed?.from ?? from.german)" inputmode="numeric"\(typed == nil ? "" : " aria-describedby=\"period-error\"")>
        <label for="to">bis (TT.MM.JJJJ)</label><input id="to" name="to" value="\(typed?.to ?? to.german)" inputmode="numeric"\(typed == nil ? "" : " aria-describedby=\"period-error\"")>
        <button type="submit">Anzeigen</button></form>
        \(rows.isEmpty ? "<p id=\"no-access\">Im Zeitraum \(from.german) – \(to.german) hat niemand zugegriffen.</p>" as HTML : """
        <table id="review"><caption>Zugriffe vom \(from.german) bis \(to.german)</caption><thead><tr><th scope="col">Benutzer:in</th><th scope="col">Rolle</th><th scope="col">\(words.accesses)</th><th scope="col">\(words.files)</th><th scope="col">Listenzeilen</th><th scope="col">\(words.flagged)</th><th scope="col"><span class="visually-hidden">Einzelheiten</span></th></tr></thead>
        <tbody>\(lines)</tbody></table>
        """)
        \(detail.map { detailSection($0, period: period, words: words) } ?? .empty)
        """)
    }

    static func detailSection(_ d: Detail, period: String, words: Words) -> HTML {
        let lines = d.accesses.map { a -> HTML in
            let (action, entity) = AuditLabels.describe(action: a.action, entity: a.entity)
            let file: HTML = a.file.map { "<a href=\"\($0.href)\">\($0.label)</a>" as HTML } ?? "–"
            return "<tr\(a.flagged ? " class=\"flagged\"" as HTML : .empty)><td>\(GermanTime.format(a.at))</td><td>\(file)</td><td>\(entity) \(action)</td><td>\(a.flagged ? words.flaggedNote : "")</td></tr>"
        }
        return """
        <section aria-labelledby="detail"><h2 id="detail">Zugriffe von \(d.name)</h2>
        <p class="no-print">\(d.withListRows
            ? "Mit den Zeilen der \(words.list). <a id=\"list-toggle\" href=\"/access-review?\(HTML(stringLiteral: period))&amp;user=\(d.userID)\">Nur \(words.accesses) zeigen</a>" as HTML
            : "Nur \(words.accesses) (ohne die Zeilen der \(words.list)). <a id=\"list-toggle\" href=\"/access-review?\(HTML(stringLiteral: period))&amp;user=\(d.userID)&amp;liste=1\">Auch die Zeilen der \(words.list) zeigen</a>")</p>
        \(d.limited ? "<p class=\"hint\">Gezeigt werden die jüngsten \(Labels.count(d.accesses.count)); für ältere den Zeitraum verkürzen.</p>" as HTML : .empty)
        <table id="accesses"><caption class="visually-hidden">Zugriffe von \(d.name)</caption><thead><tr><th scope="col">Zeitpunkt</th><th scope="col">\(words.file)</th><th scope="col">Vorgang</th><th scope="col">Hinweis</th></tr></thead>
        <tbody>\(lines)</tbody></table></section>
        """
    }
}
