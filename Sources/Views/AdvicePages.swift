import Counseling
import Eligibility

/// Fachberatung (expert advice without a client file) and the knowledge base.
public enum AdvicePages {
    static func areas(selected: String) -> HTML {
        HTML.join((PathwayKey.allCases.map { ($0.rawValue, $0.title) } + [("other", "sonstiges Aufenthaltsrecht")]).map { code, title in
            "<option value=\"\(code)\"\(code == selected ? " selected" : "")>\(title)</option>" as HTML
        })
    }

    /// Paragraphs of a multi-line text (escaped).
    static func paragraphs(_ text: String) -> HTML {
        HTML.join(text.components(separatedBy: "\n").enumerated().map { i, line in i == 0 ? "\(line)" as HTML : "<br>\(line)" as HTML })
    }

    /// An answer that was refused, kept so nothing typed is lost.
    public struct AnswerDraft: Sendable {
        public var id: String, answer: String, minutes: String, errors: [String: String]
        public init(id: String, answer: String, minutes: String, errors: [String: String]) { self.id = id; self.answer = answer; self.minutes = minutes; self.errors = errors }
    }

    /// - Parameter staffNames: the service's users by id, to name who answered.
    public static func advice(frame: PageFrame, requests all: [ExpertRequest], staffNames: [String: String], today: Day, errors: [String: String] = [:],
                              draft: AnswerDraft? = nil) -> HTML {
        let requests = all.filter { !$0.isOpen }
        let open = all.filter(\.isOpen).map { r -> HTML in
            let d = draft?.id == r.id ? draft : nil
            let e = d?.errors ?? [:]
            return """
            <article class="kb" id="q-\(r.id)"><h3>\(r.askedOn.german) – \(r.requester)</h3><p class="hint">\(ExpertRequest.areaTitle(r.legalArea))</p>
            <p>\(paragraphs(r.question))</p>
            <form method="post" novalidate action="/advice/\(r.id)/answer">\(Layout.csrf(frame.csrf))
            <label for="answer-\(r.id)">Antwort</label><textarea id="answer-\(r.id)" name="answer" rows="4" cols="80"\(Layout.describedBy("answer-\(r.id)", e["answer"]))>\(d?.answer ?? "")</textarea>\(Layout.fieldError("answer-\(r.id)", e["answer"]))
            <label for="minutes-\(r.id)">Zeitaufwand (Minuten)</label><input id="minutes-\(r.id)" name="minutes" size="4" value="\(d?.minutes ?? "15")"\(Layout.describedBy("minutes-\(r.id)", e["minutes"]))>\(Layout.fieldError("minutes-\(r.id)", e["minutes"]))
            <p><button type="submit">Antwort senden</button></p></form></article>
            """
        }
        let total = requests.reduce(0) { $0 + $1.minutesSpent }
        let rows = requests.map { r in
            "<tr><td>\(r.askedOn.german)</td><td>\(r.requester)</td><td>\(ExpertRequest.areaTitle(r.legalArea))</td><td>\(r.question)</td><td>\(r.answer)</td><td>\(r.answeredBy.flatMap { staffNames[$0] } ?? "–")</td><td class=\"num\">\(r.minutesSpent)</td></tr>" as HTML
        }
        func err(_ k: String) -> HTML { Layout.fieldError(k, errors[k]) }
        return Layout.page(frame, """
        <h1>Fachberatung</h1>
        <p class="hint">Anfragen von Ehrenamtlichen und anderen Stellen – ohne Akte und ohne Namen der betroffenen Person.</p>
        \(open.isEmpty ? .empty : "<h2 id=\"open-requests\">Offene Anfragen von Ehrenamtlichen (\(open.count))</h2>\(HTML.join(open))" as HTML)
        <h2>Beantwortete und erfasste Anfragen</h2>
        \(rows.isEmpty ? "<p>Noch keine Anfragen.</p>" as HTML : "<table><caption class=\"visually-hidden\">Anfragen zur Fachberatung</caption><thead><tr><th scope=\"col\">Datum</th><th scope=\"col\">Anfragende Stelle</th><th scope=\"col\">Rechtsgebiet</th><th scope=\"col\">Frage</th><th scope=\"col\">Antwort</th><th scope=\"col\">Beantwortet von</th><th scope=\"col\">Minuten</th></tr></thead><tbody>\(rows)</tbody><tfoot><tr><th scope=\"row\" colspan=\"6\">Zeitaufwand gesamt (Minuten)</th><td class=\"num\" id=\"advice-minutes\">\(Labels.count(total))</td></tr></tfoot></table>")
        <h2>Anfrage erfassen</h2>
        \(Layout.errorSummary(errors))
        <form method="post" novalidate action="/advice">\(Layout.csrf(frame.csrf))<div class="grid">
        <div><label for="asked_on">Datum (TT.MM.JJJJ)</label><input id="asked_on" name="asked_on" value="\(today.german)" size="10"\(Layout.describedBy("asked_on", errors["asked_on"]))>\(err("asked_on"))</div>
        <div><label for="requester">Anfragende Stelle</label><input id="requester" name="requester"\(Layout.describedBy("requester", errors["requester"]))>\(err("requester"))</div>
        <div><label for="legal_area">Rechtsgebiet</label><select id="legal_area" name="legal_area">\(areas(selected: "25b"))</select></div>
        <div><label for="minutes">Zeitaufwand (Minuten)</label><input id="minutes" name="minutes" size="4" value="15"\(Layout.describedBy("minutes", errors["minutes"]))>\(err("minutes"))</div>
        </div>
        <label for="question">Frage</label><textarea id="question" name="question" rows="3" cols="80"></textarea>\(err("question"))
        <label for="answer">Antwort</label><textarea id="answer" name="answer" rows="4" cols="80"></textarea>\(err("answer"))
        <p><button type="submit">Speichern</button></p></form>
        """)
    }

    /// The volunteer's form, kept with its errors when refused.
    public struct AskForm: Sendable {
        public var service = "", legalArea = "25b", question = ""
        public var errors: [String: String] = [:]
        public init(service: String = "", legalArea: String = "25b", question: String = "") {
            self.service = service; self.legalArea = legalArea; self.question = question
        }
    }

    /// A volunteer asks a counseling service of the city and reads the answers to earlier questions.
    public static func ask(frame: PageFrame, services: [(id: String, name: String)], sent: [(request: ExpertRequest, service: String)], form f: AskForm) -> HTML {
        func err(_ k: String) -> HTML { Layout.fieldError(k, f.errors[k]) }
        let options = HTML.join(services.map { s in "<option value=\"\(s.id)\"\(s.id == f.service ? " selected" : "")>\(s.name)</option>" as HTML })
        let items = sent.map { x -> HTML in
            let r = x.request
            let answer: HTML = r.answeredOn.map { "<p><strong>Antwort vom \($0.german):</strong><br>\(paragraphs(r.answer))</p>" } ?? "<p class=\"hint\">Noch nicht beantwortet.</p>"
            return """
            <article class="kb"><h3>\(r.askedOn.german) an \(x.service)</h3><p class="hint">\(ExpertRequest.areaTitle(r.legalArea))</p>
            <p>\(paragraphs(r.question))</p>\(answer)</article>
            """
        }
        return Layout.page(frame, """
        <h1>Fachberatung anfragen</h1>
        <p class="hint" id="question-hint">Eine Frage an die Beratungsstelle, ohne Akte. Bitte keinen Namen, kein Geburtsdatum und kein Aktenzeichen der betroffenen Person nennen –
        beschreiben Sie die Lage so, dass niemand erkannt werden kann.</p>
        \(Layout.errorSummary(f.errors))
        <form method="post" novalidate action="/advice/ask">\(Layout.csrf(frame.csrf))<div class="grid">
        <div><label for="service">Beratungsstelle</label><select id="service" name="service"\(Layout.describedBy("service", f.errors["service"]))>\(options)</select>\(err("service"))</div>
        <div><label for="legal_area">Rechtsgebiet</label><select id="legal_area" name="legal_area"\(Layout.describedBy("legal_area", f.errors["legal_area"]))>\(areas(selected: f.legalArea))</select>\(err("legal_area"))</div>
        </div>
        <label for="question">Frage</label><textarea id="question" name="question" rows="5" cols="80"\(Layout.describedBy("question", f.errors["question"], hint: true))>\(f.question)</textarea>\(err("question"))
        <p><button type="submit">Anfrage senden</button></p></form>
        <h2>Meine Anfragen</h2>
        \(items.isEmpty ? "<p>Noch keine Anfragen.</p>" as HTML : HTML.join(items))
        """)
    }

    public static func knowledge(frame: PageFrame, articles: [Article], editable: Bool, errors: [String: String] = [:]) -> HTML {
        let items = articles.map { a -> HTML in
            let paragraphs = a.body.components(separatedBy: "\n\n").map { "<p>\($0)</p>" as HTML }
            return """
            <article class="kb" id="a-\(a.id)"><h2>\(a.title)</h2><p class="hint">\(ExpertRequest.areaTitle(a.pathway)) · Stand \(GermanTime.day(a.updatedAt))</p>\(paragraphs)</article>
            """
        }
        let form: HTML = editable ? """
        <h2>Artikel schreiben</h2>
        \(Layout.errorSummary(errors))
        <form method="post" novalidate action="/knowledge">\(Layout.csrf(frame.csrf))
        <label for="pathway">Weg</label><select id="pathway" name="pathway">\(areas(selected: "25b"))</select>
        <label for="title">Titel</label><input id="title" name="title" size="60"\(Layout.describedBy("title", errors["title"]))>\(Layout.fieldError("title", errors["title"]))
        <label for="body">Text (Absätze durch Leerzeilen trennen)</label><textarea id="body" name="body" rows="10" cols="90"></textarea>\(Layout.fieldError("body", errors["body"]))
        <p><button type="submit">Veröffentlichen</button></p></form>
        """ : .empty
        return Layout.page(frame, """
        <h1>Wissensdatenbank</h1>
        <p class="hint">Artikel der Beratungsstelle zu den Bleiberechtswegen, auch für Ehrenamtliche und Partner der Stadt. Keine Einzelfälle.</p>
        \(items.isEmpty ? "<p>Noch keine Artikel.</p>" as HTML : HTML.join(items))
        \(form)
        """)
    }
}
