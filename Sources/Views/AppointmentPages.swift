import Counseling
import Eligibility

/// Appointments in a day or week view, the form to add one, and the counselor's calendar feed.
public enum AppointmentPages {
    public struct Row: Sendable {
        public var appointment: Appointment
        public var clientName: String
        public var clientID: String
        public var counselorName: String
        /// A colleague's appointment is shown to read; it is changed by its counselor or the coordination.
        public var mayChange: Bool
        public init(appointment: Appointment, clientName: String, clientID: String, counselorName: String, mayChange: Bool = true) {
            self.appointment = appointment; self.clientName = clientName; self.clientID = clientID; self.counselorName = counselorName
            self.mayChange = mayChange
        }
    }

    public struct Form: Sendable {
        public var fileNumber = "", day = "", time = "10:00", duration = "60", place = "Beratungsstelle, Raum 1", language = "Deutsch"
        public var counselor = "", channel = "phone", mode = Appointment.Mode.inPerson.rawValue
        /// A moved appointment: the new time was agreed with the client.
        public var confirmed = false
        /// The online request this appointment answers (marked handled when the appointment is saved).
        public var requestID = "", requestNote = ""
        public var errors: [String: String] = [:]
        public init() {}
    }

    static let weekdays = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]

    /// An open request from the online form.
    public struct OnlineRequest: Sendable {
        public var id: String, receivedAt: String, name: String, contact: String, language: String, preferred: String, message: String
        /// Came in while the form was flooded: listed apart, to be checked.
        public var held: Bool
        public init(id: String, receivedAt: String, name: String, contact: String, language: String, preferred: String, message: String, held: Bool = false) {
            self.id = id; self.receivedAt = receivedAt; self.name = name; self.contact = contact; self.language = language; self.preferred = preferred; self.message = message
            self.held = held
        }
    }

    /// - Parameter showingAll: for a counselor, whether the whole service's appointments are shown (nil: the
    ///   coordinator, who always sees them all).
    public static func page(frame: PageFrame, view: String, from: Day, to: Day, today: Day, rows: [Row], showingAll: Bool? = nil,
                            counselors: [(id: String, name: String)], form f: Form, feedURL: String?, hasFeed: Bool, requests: [OnlineRequest] = [], publicPath: String = "",
                            publicURL: String = "", floodThreshold: Int = 300) -> HTML {
        var days: [HTML] = []
        var d = from
        while d <= to {
            let ofDay = rows.filter { $0.appointment.day == d }
            let items = ofDay.map { r -> HTML in
                let a = r.appointment
                var actions: HTML = .empty
                // A past one is shown as it was planned, without actions (the server refuses them too).
                if !r.mayChange {
                    actions = "<span class=\"hint\">(zur Ansicht; ändern können \(r.counselorName) und die Koordination)</span>"
                } else if a.state == .requested && a.day >= today {
                    actions = "<form method=\"post\" novalidate action=\"/appointments/\(a.id)/confirm\" class=\"inline\">\(Layout.csrf(frame.csrf))<button type=\"submit\" class=\"link\" aria-label=\"Termin am \(a.day.german) um \(a.time) Uhr bestätigen\">bestätigen</button></form> · "
                }
                if r.mayChange && a.state != .cancelled && a.day >= today {
                    actions = actions + "<a href=\"/appointments/\(a.id)/move\" aria-label=\"Termin am \(a.day.german) um \(a.time) Uhr verschieben\">verschieben</a> · " + Layout.confirmed("absagen …<span class=\"visually-hidden\"> (Termin am \(a.day.german) um \(a.time) Uhr)</span>", action: "/appointments/\(a.id)/cancel", csrf: frame.csrf,
                                                         button: "Ja, den Termin am \(a.day.german) um \(a.time) Uhr absagen", hint: "ein abgesagter Termin lässt sich nicht mehr verschieben")
                }
                return """
                <li class="appt-\(a.state.rawValue)"><strong>\(a.time)</strong> (\(a.durationMinutes) min) – <a href="/clients/\(r.clientID)">\(r.clientName)</a> · \(a.placeGerman) · \(a.language) · \(r.counselorName) · \(a.state.german) \(actions)</li>
                """
            }
            days.append("<section aria-labelledby=\"d-\(d.iso)\"><h3 id=\"d-\(d.iso)\">\(weekdays[Holidays.weekday(d) - 1]), \(d.german)</h3>\(items.isEmpty ? "<p class=\"hint\">Keine Termine.</p>" as HTML : "<ul>\(items)</ul>")</section>")
            d = d.adding(days: 1)
        }
        let step = view == "day" ? 1 : 7
        let all: HTML = showingAll == true ? "&amp;alle=1" : .empty
        let scope: HTML = switch showingAll {
        case true?: "<p id=\"appointments-scope\">Gezeigt: alle Termine der Beratungsstelle · <a href=\"/appointments?view=\(view)&amp;on=\(from.german)\">nur meine Termine</a></p>"
        case false?: "<p id=\"appointments-scope\">Gezeigt: Ihre Termine · <a href=\"/appointments?view=\(view)&amp;on=\(from.german)&amp;alle=1\">alle Termine der Beratungsstelle</a> (z. B. bei Vertretung)</p>"
        case nil: .empty
        }
        let nav: HTML = """
        <p><a href="/appointments?view=\(view)&amp;on=\(from.adding(days: -step).german)\(all)">← zurück</a> ·
        <a href="/appointments?view=day&amp;on=\(from.german)\(all)">Tag</a> · <a href="/appointments?view=week&amp;on=\(from.german)\(all)">Woche</a> ·
        <a href="/appointments?view=\(view)&amp;on=\(from.adding(days: step).german)\(all)">weiter →</a></p>
        \(scope)
        """
        let counselorOptions = counselors.map { c in "<option value=\"\(c.id)\"\(c.id == f.counselor ? " selected" : "")>\(c.name)</option>" as HTML }
        let channels = Appointment.Channel.allCases.map { c in "<option value=\"\(c.rawValue)\"\(c.rawValue == f.channel ? " selected" : "")>\(c.german)</option>" as HTML }
        func field(_ id: String, _ label: String, _ value: String, size: Int = 12, list: String? = nil, required: Bool = true) -> HTML {
            "<div><label for=\"\(id)\">\(label)\(required ? Layout.required : .empty)</label><input id=\"\(id)\" name=\"\(id)\"\(list.map { " list=\"\($0)\"" as HTML } ?? .empty) value=\"\(value)\" size=\"\(size)\"\(required ? " required" as HTML : .empty)\(Layout.describedBy(id, f.errors[id]))>\(Layout.fieldError(id, f.errors[id]))</div>"
        }
        let feed: HTML = feedURL.map { url in
            "<p role=\"status\">Ihre Kalender-Adresse (wird nur jetzt angezeigt; wie ein Passwort behandeln):</p><p class=\"codes\" id=\"feed-url\">\(url)</p>" as HTML
        } ?? (hasFeed ? "<p>Ein Kalender-Abo ist eingerichtet.</p>" : "<p>Kein Kalender-Abo eingerichtet.</p>")
        let item = { (r: OnlineRequest) -> HTML in
            // An open one can be ticked for the form below the list (the `form` attribute: forms do not nest).
            let tick: HTML = r.held ? .empty : "<input type=\"checkbox\" id=\"req-\(r.id)\" name=\"req-\(r.id)\" value=\"1\" form=\"requests-done\"><label for=\"req-\(r.id)\" class=\"visually-hidden\">Anfrage von \(r.name) auswählen</label> "
            return """
            <li>\(tick)<strong><bdi>\(r.name)</bdi></strong> · <bdi>\(r.contact)</bdi> · <bdi>\(CounselingLanguages.canonical(r.language))</bdi>\(r.preferred.isEmpty ? HTML.empty : " · <bdi>\(r.preferred)</bdi>" as HTML) <span class="hint">(eingegangen \(GermanTime.format(r.receivedAt)))</span>\(r.message.isEmpty ? HTML.empty : ": <bdi>\(r.message)</bdi>" as HTML)
            <a href="/appointments?view=\(view)&amp;on=\(from.german)&amp;request=\(r.id)#new">Termin eintragen<span class="visually-hidden"> (Anfrage von \(r.name))</span></a> ·
            <form method="post" novalidate action="/appointments/requests/\(r.id)/done" class="inline">\(Layout.csrf(frame.csrf))<button type="submit" class="link">als erledigt markieren<span class="visually-hidden"> (Anfrage von \(r.name))</span></button></form></li>
            """ as HTML
        }
        let open = requests.filter { !$0.held }.map(item)
        // Requests that came in while the form was flooded: kept (a real one may be among them), but apart.
        let held = requests.filter(\.held)
        let flood: HTML = held.isEmpty ? .empty : """
            <div class="notice" role="status" id="held-requests-notice"><p><strong>Ungewöhnlich viele Online-Anfragen.</strong> Nach \(floodThreshold) Anfragen in einer Stunde weist das Formular niemanden ab, sammelt weitere Anfragen aber hier gesondert zur Prüfung: vermutlich automatisierte Einsendungen. Echte Anfragen darunter bitte wie gewohnt bearbeiten.</p>
            <details><summary>\(held.count == 1 ? "1 zurückgehaltene Anfrage" : "\(held.count) zurückgehaltene Anfragen") anzeigen</summary><ul id="held-requests">\(held.map(item))</ul></details>
            <form method="post" novalidate action="/appointments/held-requests/done">\(Layout.csrf(frame.csrf))<input type="hidden" name="until" value="\(held.map(\.receivedAt).max() ?? "")"><button type="submit">Alle \(held.count) zurückgehaltenen Anfragen als erledigt markieren</button></form></div>
            """
        let selfCheckPath = publicPath.replacingOccurrences(of: "/anfrage/", with: "/selbstcheck/")
        // Both addresses in full, to be copied out to a client (QA of 06.12.2026: the self-check's was a bare path).
        let selfCheckURL = publicURL.isEmpty ? selfCheckPath : publicURL.replacingOccurrences(of: "/anfrage/", with: "/selbstcheck/")
        return Layout.page(frame, """
        <h1>Termine \(view == "day" ? from.german : "\(from.german) – \(to.german)")</h1>
        <section aria-labelledby="online"><h2 id="online">Online-Anfragen</h2>
        <p class="hint">Über das mehrsprachige Formular <a href="\(publicPath)">\(publicURL.isEmpty ? publicPath : publicURL)</a> (ohne Anmeldung); nach 90 Tagen gelöscht. Dazu der mehrsprachige Selbstcheck <a href="\(selfCheckPath)">\(selfCheckURL)</a>, der nichts speichert.</p>
        \(flood)
        \(open.isEmpty ? "<p>Keine offenen Anfragen.</p>" as HTML : "<ul id=\"online-requests\">\(open)</ul>")
        \(open.count < 2 ? HTML.empty : "<form method=\"post\" novalidate action=\"/appointments/requests/done\" id=\"requests-done\">\(Layout.csrf(frame.csrf))<button type=\"submit\">Angekreuzte Anfragen als erledigt markieren</button> <span class=\"hint\">etwa viele gleichartige, offenbar automatisierte Einsendungen</span></form>" as HTML)</section>
        <section aria-labelledby="calendar"><h2 id="calendar">Termine im Zeitraum</h2>
        \(nav)
        \(days)
        </section>
        <h2 id="new">Termin eintragen</h2>
        \(Layout.errorSummary(f.errors))
        \(f.requestID.isEmpty ? .empty : "<p role=\"status\" id=\"from-request\">Zur Online-Anfrage \(f.requestNote) – wird mit dem Termin als erledigt markiert. Noch keine Akte? Zuerst die Person als Klient:in anlegen.</p>" as HTML)
        <form method="post" novalidate action="/appointments">\(Layout.csrf(frame.csrf))\(f.requestID.isEmpty ? .empty : "<input type=\"hidden\" name=\"request_id\" value=\"\(f.requestID)\">" as HTML)
        <div class="grid">
        \(field("file_number", "Aktenzeichen der Klientin / des Klienten", f.fileNumber))
        \(field("day", "Datum (TT.MM.JJJJ)", f.day, size: 10))
        \(field("time", "Uhrzeit (HH:MM)", f.time, size: 5))
        \(field("duration", "Dauer (Minuten)", f.duration, size: 4))
        \(modeField(f))
        \(field("place", "Ort (vor Ort erforderlich; sonst z. B. die Telefonnummer)", f.place, size: 30, required: false))
        \(field("language", "Sprache", f.language, list: "languages"))\(Layout.languageList)
        <div><label for="counselor">Berater:in</label><select id="counselor" name="counselor"\(Layout.describedBy("counselor", f.errors["counselor"]))>\(counselorOptions)</select>\(Layout.fieldError("counselor", f.errors["counselor"]))</div>
        <div><label for="channel">Angefragt per</label><select id="channel" name="channel"\(Layout.describedBy("channel", f.errors["channel"]))>\(channels)</select>\(Layout.fieldError("channel", f.errors["channel"]))</div>
        </div>
        <p><button type="submit">Termin eintragen</button></p>
        </form>
        <section aria-labelledby="feed"><h2 id="feed">Kalender-Abo (iCal)</h2>
        <p class="hint">Ihre Termine für Ihr Kalenderprogramm – ohne Namen der Klient:innen. Eine neue Adresse macht die alte sofort ungültig.</p>
        \(feed)
        <form method="post" novalidate action="/appointments/feed" class="inline">\(Layout.csrf(frame.csrf))<button type="submit">Neue Kalender-Adresse erzeugen</button></form>
        \(hasFeed ? "<form method=\"post\" novalidate action=\"/appointments/feed/revoke\" class=\"inline\">\(Layout.csrf(frame.csrf))<button type=\"submit\" class=\"link\">Abo widerrufen</button></form>" as HTML : .empty)
        </section>
        """)
    }

    /// How the appointment takes place, a select with its error.
    static func modeField(_ f: Form) -> HTML {
        let options = Appointment.Mode.allCases.map { m in "<option value=\"\(m.rawValue)\"\(m.rawValue == f.mode ? " selected" : "")>\(m.german)</option>" as HTML }
        return "<div><label for=\"mode\">Art</label><select id=\"mode\" name=\"mode\"\(Layout.describedBy("mode", f.errors["mode"]))>\(options)</select>\(Layout.fieldError("mode", f.errors["mode"]))</div>"
    }

    /// The form to move one appointment: new day, time, length and place; the client and counselor stay.
    /// `contact`: how to reach the person to agree the new time (QA41 C5: the phone number was only on the client page).
    public static func movePage(frame: PageFrame, appointment a: Appointment, clientName: String, contact: ClientContact?, form f: Form) -> HTML {
        func field(_ id: String, _ label: String, _ value: String, size: Int) -> HTML {
            "<div><label for=\"\(id)\">\(label)\(Layout.required)</label><input id=\"\(id)\" name=\"\(id)\" value=\"\(value)\" size=\"\(size)\" required\(Layout.describedBy(id, f.errors[id]))>\(Layout.fieldError(id, f.errors[id]))</div>"
        }
        return Layout.page(frame, """
        <h1>Termin verschieben</h1>
        <p>Termin mit <strong>\(clientName)</strong> am \(a.day.german) um \(a.time) Uhr (\(a.durationMinutes) min, \(a.placeGerman)), \(a.state.german).</p>
        \(reach(a.clientID, contact))
        \(Layout.errorSummary(f.errors))
        <form method="post" novalidate action="/appointments/\(a.id)/move">\(Layout.csrf(frame.csrf))
        <div class="grid">
        \(field("day", "Neues Datum (TT.MM.JJJJ)", f.day, size: 10))
        \(field("time", "Uhrzeit (HH:MM)", f.time, size: 5))
        \(field("duration", "Dauer (Minuten)", f.duration, size: 4))
        \(modeField(f))
        <div><label for="place">Ort (vor Ort erforderlich; sonst z. B. die Telefonnummer)</label><input id="place" name="place" value="\(f.place)" size="30"\(Layout.describedBy("place", f.errors["place"]))>\(Layout.fieldError("place", f.errors["place"]))</div>
        </div>
        <p><input type="checkbox" id="confirmed" name="confirmed" value="1"\(f.confirmed ? " checked" : "")> <label for="confirmed">Neuer Termin ist mit der Person abgestimmt (bestätigt)</label></p>
        <p class="hint">Ohne Haken gilt der Termin wieder als angefragt. Im Kalender-Abo bleibt es derselbe Termin.</p>
        <p><button type="submit">Termin verschieben</button> · <a href="/appointments?view=week&amp;on=\(a.day.german)">abbrechen</a></p>
        </form>
        """)
    }

    /// Phone, e-mail and language (for the interpreter) of the person, or where to record them.
    static func reach(_ clientID: String, _ contact: ClientContact?) -> HTML {
        let rows = contact.map { c in ContactPages.entries(ClientContact(phone: c.phone, email: c.email, language: c.language), dial: true) } ?? []
        guard !rows.isEmpty else {
            return "<p class=\"hint\">Keine Telefonnummer oder E-Mail-Adresse erfasst (<a href=\"/clients/\(clientID)/contact\">Kontaktdaten</a>).</p>"
        }
        return "<dl class=\"figures\" aria-label=\"Erreichbarkeit\">\(rows)</dl>"
    }
}
