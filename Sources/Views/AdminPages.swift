import Counseling
import Foundation

/// The coordinator's pages: users and the audit trail of a client.
public enum AdminPages {
    public struct AuditRow: Sendable {
        public var seq: Int, at: String, user: String, action: String, entity: String
        public init(seq: Int, at: String, user: String, action: String, entity: String) {
            self.seq = seq; self.at = at; self.user = user; self.action = action; self.entity = entity
        }
    }

    /// `olderFrom`: the sequence number to page back from when more events exist than shown.
    public static func audit(frame: PageFrame, client: Client, rows: [AuditRow], chainIntact: Bool?, olderFrom: Int? = nil) -> HTML {
        let lines = rows.map { r -> HTML in
            let (action, entity) = AuditLabels.describe(action: r.action, entity: r.entity)
            return "<tr><td>\(r.seq)</td><td>\(GermanTime.format(r.at))</td><td>\(r.user)</td><td>\(action)</td><td>\(entity)</td></tr>"
        }
        let chain: HTML = chainIntact.map { $0 ? "<p>Die Protokollkette ist unverändert.</p>" : "<p class=\"error\">Die Protokollkette ist beschädigt!</p>" } ?? .empty
        return Layout.page(frame, """
        <h1>Protokoll: \(client.firstName) \(client.lastName)</h1>
        <p class="hint">Jeder Lese- und Schreibzugriff auf die Akte, ohne Inhalte.</p>
        \(chain)
        <table><caption class="visually-hidden">Protokoll</caption><thead><tr><th scope="col">Nr.</th><th scope="col">Zeitpunkt</th><th scope="col">Benutzer:in</th><th scope="col">Aktion</th><th scope="col">Datensatz</th></tr></thead>
        <tbody>\(lines)</tbody></table>
        \(olderFrom.map { "<p><a id=\"older\" href=\"/clients/\(client.id)/audit?vor=\($0)\">Ältere Einträge</a></p>" as HTML } ?? .empty)
        """)
    }

    public struct UserForm: Sendable {
        public var email = "", displayName = "", role = ""
        public var errors: [String: String] = [:]
        public init() {}
    }

    /// `held`: open cases and upcoming appointments per user id (users holding none are absent).
    /// `me`: the viewer's own id (no one deactivates themselves).
    /// `address`: the organisation's postal address as kept (or as just typed, with `addressError`).
    public static func users(frame: PageFrame, users: [User], roles: [Role], form f: UserForm, created: String? = nil,
                             held: [String: (cases: Int, appointments: Int)] = [:], me: String = "",
                             address: String = "", addressError: String? = nil, addressSaved: Bool = false, showAccessReview: Bool = false) -> HTML {
        let lines = users.map { u in
            let h = held[u.id]
            let work: HTML = h.map { "\(workText(cases: $0.cases, appointments: $0.appointments))" as HTML } ?? "–"
            let action: HTML
            if u.id == me {
                action = "(Ihr Konto)"
            } else if u.active {
                action = "<a href=\"/users/\(u.id)/access\">Rolle und Zugang …</a> · <a href=\"/users/\(u.id)/deactivate\">deaktivieren …</a>"
            } else {
                let handover: HTML = h == nil ? .empty : " · <a href=\"/users/\(u.id)/deactivate\">Arbeit übergeben …</a>"
                action = "<form method=\"post\" novalidate action=\"/users/\(u.id)/activate\" class=\"inline\">\(Layout.csrf(frame.csrf))<button type=\"submit\" class=\"link\">reaktivieren</button></form>\(handover)"
            }
            return """
            <tr><td>\(u.displayName)</td><td>\(u.email)</td><td>\(u.role.german)</td><td>\(u.active ? "aktiv" : "deaktiviert")</td><td>\(work)</td>
            <td>\(action)</td></tr>
            """ as HTML
        }
        let options = roles.map { "<option value=\"\($0.rawValue)\"\($0.rawValue == f.role ? " selected" : "")>\($0.german)</option>" as HTML }
        return Layout.page(frame, """
        <h1>Benutzer:innen</h1>
        \(showAccessReview ? "<p><a href=\"/access-review\" id=\"access-review-link\">Zugriffsauswertung</a> – wer wann auf welche Akten zugegriffen hat</p>" as HTML : .empty)
        \(created.map { "<p class=\"notice\" role=\"status\" id=\"user-created\">Das Benutzerkonto für \($0) ist angelegt. Bitte das vorläufige Passwort auf sicherem Weg übergeben; bei der ersten Anmeldung wählt die Person ein eigenes und richtet den zweiten Faktor ein.</p>" as HTML } ?? .empty)
        <table><caption class="visually-hidden">Benutzer:innen</caption><thead><tr><th scope="col">Name</th><th scope="col">E-Mail</th><th scope="col">Rolle</th><th scope="col">Status</th><th scope="col">Offene Arbeit</th><th scope="col"><span class="visually-hidden">Aktion</span></th></tr></thead><tbody>\(lines)</tbody></table>
        <h2>Neues Benutzerkonto</h2>
        \(Layout.errorSummary(f.errors))
        <form method="post" novalidate action="/users">
        \(Layout.csrf(frame.csrf))
        <label for="display_name">Name\(Layout.required)</label><input id="display_name" name="display_name" value="\(f.displayName)" required\(Layout.describedBy("display_name", f.errors["display_name"]))>\(Layout.fieldError("display_name", f.errors["display_name"]))
        <label for="email">E-Mail\(Layout.required)</label><input id="email" name="email" type="email" value="\(f.email)" required\(Layout.describedBy("email", f.errors["email"]))>\(Layout.fieldError("email", f.errors["email"]))
        <p class="hint" id="password-hint">Das Passwort gilt nur für die erste Anmeldung: die neue Person muss dann ein eigenes wählen. Bitte auf sicherem Weg übergeben, nicht per E-Mail.</p>
        <label for="password">Vorläufiges Passwort (mind. 10 Zeichen)\(Layout.required)</label><input id="password" name="password" type="password" autocomplete="new-password" required\(Layout.describedBy("password", f.errors["password"], hint: true))>\(Layout.fieldError("password", f.errors["password"]))
        <label for="role">Rolle</label><select id="role" name="role"\(Layout.describedBy("role", f.errors["role"]))>\(options)</select>\(Layout.fieldError("role", f.errors["role"]))
        <p><button type="submit">Anlegen</button></p>
        </form>
        <h2 id="address-heading">Postanschrift der Organisation</h2>
        <p class="hint" id="postal_address-hint">Für Briefe: als Absender, und bei der Ausländerbehörde als Empfängerin der Briefe der Beratungsstelle. Eine Zeile je Zeile (z. B. Sachgebiet, Straße, PLZ und Ort), höchstens fünf.</p>
        \(addressSaved ? "<p class=\"notice\" role=\"status\" id=\"address-saved\">Die Anschrift ist gespeichert.</p>" as HTML : .empty)
        <form method="post" novalidate action="/organisation/address">
        \(Layout.csrf(frame.csrf))
        <label for="postal_address">Postanschrift</label>\(Layout.fieldError("postal_address", addressError))
        <textarea id="postal_address" name="postal_address" rows="4" cols="50"\(Layout.describedBy("postal_address", addressError, hint: true))>\(address)</textarea>
        <p><button type="submit">Anschrift speichern</button></p>
        </form>
        """)
    }

    public struct AccessForm: Sendable {
        public var role = ""
        public var resetPassword = false, resetSecondFactor = false
        public var errors: [String: String] = [:]
        /// What was just done, for the status line.
        public var done: String?
        public init() {}
    }

    /// One account's role and access: change the role, give a new initial password or remove the second factor (when
    /// a colleague forgot the one or lost the device of the other), and the account's history from the audit trail.
    /// `events`: (when, by whom, action code), newest first.
    public static func access(frame: PageFrame, user: User, roles: [Role], form f: AccessForm, events: [(at: String, by: String, action: String)]) -> HTML {
        let options = roles.map { r in "<option value=\"\(r.rawValue)\"\(r.rawValue == (f.role.isEmpty ? user.role.rawValue : f.role) ? " selected" : "")>\(r.german)</option>" as HTML }
        let history = events.map { e in
            "<tr><td>\(GermanTime.format(e.at))</td><td>\(e.by)</td><td>\(AuditLabels.describe(action: e.action, entity: "user").0)</td></tr>" as HTML
        }
        let secondFactor: HTML = user.role.isStaff ? """
            <label class="check"><input type="checkbox" name="reset_totp" value="on"\(f.resetSecondFactor ? " checked" : "")> Zweiten Faktor zurücksetzen (Gerät verloren): bei der nächsten Anmeldung wird er neu eingerichtet, die Wiederherstellungscodes verfallen</label>
            """ : .empty
        return Layout.page(frame, """
        <h1>Rolle und Zugang: \(user.displayName)</h1>
        <p>\(user.email) · \(user.role.german) · \(user.active ? "aktiv" : "deaktiviert")</p>
        \(f.done.map { "<p class=\"notice\" role=\"status\" id=\"access-done\">\($0)</p>" as HTML } ?? .empty)
        \(Layout.errorSummary(f.errors))
        <h2>Rolle</h2>
        <p class="hint">Eine neue Rolle gilt ab der nächsten Anmeldung; laufende Anmeldungen, API-Tokens und die Kalender-Adresse enden.</p>
        <form method="post" novalidate action="/users/\(user.id)/role">
        \(Layout.csrf(frame.csrf))
        <label for="role">Rolle</label><select id="role" name="role"\(Layout.describedBy("role", f.errors["role"]))>\(options)</select>\(Layout.fieldError("role", f.errors["role"]))
        <p><button type="submit">Rolle ändern</button></p>
        </form>
        <h2>Zugang zurücksetzen</h2>
        <p class="hint">Für eine Kollegin oder einen Kollegen, die das Passwort vergessen oder das Gerät für den zweiten Faktor verloren haben. Alle Anmeldungen, API-Tokens und die Kalender-Adresse enden sofort; ein neues Passwort muss bei der nächsten Anmeldung durch ein eigenes ersetzt werden.</p>
        <form method="post" novalidate action="/users/\(user.id)/reset">
        \(Layout.csrf(frame.csrf))
        <label class="check"><input type="checkbox" id="reset" name="reset_password" value="on"\(f.resetPassword ? " checked" : "")> Neues vorläufiges Passwort vergeben</label>
        <label for="password">Vorläufiges Passwort (mind. 10 Zeichen; bitte auf sicherem Weg übergeben)</label><input id="password" name="password" type="password" autocomplete="new-password"\(Layout.describedBy("password", f.errors["password"]))>\(Layout.fieldError("password", f.errors["password"]))
        \(secondFactor)
        \(Layout.fieldError("reset", f.errors["reset"]))
        <p><button type="submit">Zugang zurücksetzen</button> <a href="/users">Zurück zur Übersicht</a></p>
        </form>
        <h2>Verlauf des Kontos</h2>
        \(events.isEmpty ? "<p>Keine Einträge.</p>" as HTML : "<table><caption class=\"visually-hidden\">Verlauf des Kontos</caption><thead><tr><th scope=\"col\">Zeitpunkt</th><th scope=\"col\">durch</th><th scope=\"col\">Aktion</th></tr></thead><tbody>\(history)</tbody></table>" as HTML)
        """)
    }

    /// "3 offene Fälle, 1 anstehender Termin".
    static func workText(cases: Int, appointments: Int) -> String {
        var parts: [String] = []
        if cases > 0 { parts.append(cases == 1 ? "1 offener Fall" : "\(cases) offene Fälle") }
        if appointments > 0 { parts.append(appointments == 1 ? "1 anstehender Termin" : "\(appointments) anstehende Termine") }
        return parts.isEmpty ? "–" : parts.joined(separator: ", ")
    }

    public struct DeactivateForm: Sendable {
        /// Who takes everything not given to someone else.
        public var successor = ""
        /// Per open case id, another colleague (absent: the one above).
        public var perCase: [String: String] = [:]
        public var errors: [String: String] = [:]
        /// Appointments that would overlap a successor's: (moving, existing), with the client names.
        public var clashes: [(Appointment, Appointment)] = []
        public init() {}

        /// The form field of one case's successor.
        public static func caseField(_ caseID: String) -> String { "case.\(caseID)" }
    }

    /// Deactivating a user: what they still hold and to whom it goes, all to one colleague or case by case (a client's
    /// appointments go with the client's case). `successors`: active counselors and coordinators other than the user;
    /// `appointmentClients`: the appointments' client names by client id.
    public static func deactivate(frame: PageFrame, user: User, cases: [(id: String, client: String)], appointments: [Appointment],
                                  appointmentClients: [String: String] = [:], successors: [(id: String, name: String)], form f: DeactivateForm) -> HTML {
        let holds = !cases.isEmpty || !appointments.isEmpty
        let heading: HTML = user.active ? "Konto deaktivieren: \(user.displayName)" : "Arbeit übergeben: \(user.displayName)"
        let intro: HTML = user.active
            ? "<p>Nach dem Deaktivieren kann sich \(user.displayName) nicht mehr anmelden; laufende Sitzungen, API-Tokens und der Kalender-Abonnement-Link enden sofort. Das Konto kann später reaktiviert werden.</p>"
            : holds ? "<p>Das Konto ist deaktiviert, hält aber noch offene Fälle oder Termine, um die sich niemand kümmert.</p>"
            : "<p>Das Konto ist deaktiviert und hält keine offene Arbeit.</p><p><a href=\"/users\">Zurück zur Übersicht</a></p>"
        var body: HTML = .empty
        if holds {
            let names = Dictionary(successors.map { ($0.id, $0.name) }) { x, _ in x }
            func options(_ chosen: String) -> HTML {
                "\(successors.map { "<option value=\"\($0.id)\"\($0.id == chosen ? " selected" : "")>\($0.name)</option>" as HTML })"
            }
            let list = appointments.prefix(50).map { a in
                "<li>\(a.day.german), \(a.time)–\(Appointment.clock(a.endMinute)) Uhr, \(a.placeGerman)\(appointmentClients[a.clientID].map { " – \($0)" } ?? "")</li>" as HTML
            }
            let more: HTML = appointments.count > 50 ? "<li>und \(appointments.count - 50) weitere</li>" : .empty
            let clashes: HTML = f.clashes.isEmpty ? .empty : """
                <div class="error" role="alert"><p>Diese Termine überschneiden sich mit Terminen der Person, die sie übernehmen soll. Bitte zuerst verschieben oder absagen, oder eine andere Person wählen:</p>
                <ul>\(f.clashes.map { m, e in "<li>\(m.day.german): \(m.time)–\(Appointment.clock(m.endMinute)) Uhr trifft \(e.time)–\(Appointment.clock(e.endMinute)) Uhr (\(names[e.counselorID] ?? "Termin"))</li>" as HTML })</ul></div>
                """
            let rows = cases.map { c -> HTML in
                let field = DeactivateForm.caseField(c.id), id = "case-\(c.id)"
                return """
                <tr><td><a href="/cases/\(c.id)">\(c.client)</a></td>
                <td><label class="visually-hidden" for="\(id)">Übernimmt den Fall von \(c.client)</label><select id="\(id)" name="\(field)"\(Layout.describedBy(id, f.errors[id]))><option value="">wie oben gewählt</option>\(options(f.perCase[c.id] ?? ""))</select>\(Layout.fieldError(id, f.errors[id]))</td></tr>
                """
            }
            body = """
            <h2>Noch zugeordnet</h2>
            <p>\(workText(cases: cases.count, appointments: appointments.count)). Vergangene Termine, auch die heute schon beendeten, und abgeschlossene Fälle bleiben bei \(user.displayName), als Nachweis, wer die Arbeit getan hat.</p>
            \(clashes)
            \(Layout.errorSummary(f.errors))
            <form method="post" novalidate action="/users/\(user.id)/deactivate">
            \(Layout.csrf(frame.csrf))
            <label for="successor">Übergeben an</label>
            <p class="hint" id="successor-hint">Diese Person übernimmt alles, was unten nicht einer anderen Person gegeben wird. Die Termine einer Klientin oder eines Klienten gehen an die Person, die deren Fall übernimmt.</p>
            <select id="successor" name="successor"\(Layout.describedBy("successor", f.errors["successor"], hint: true))><option value="">– bitte wählen –</option>\(options(f.successor))</select>\(Layout.fieldError("successor", f.errors["successor"]))
            \(cases.isEmpty ? HTML.empty : "<h3>Offene Fälle</h3><table><caption class=\"visually-hidden\">Offene Fälle und wer sie übernimmt</caption><thead><tr><th scope=\"col\">Klient:in</th><th scope=\"col\">Übernimmt</th></tr></thead><tbody>\(rows)</tbody></table>" as HTML)
            \(appointments.isEmpty ? HTML.empty : "<h3>Anstehende Termine</h3><ul>\(list)\(more)</ul>" as HTML)
            <p><button type="submit">\(user.active ? "Übergeben und deaktivieren" : "Übergeben")</button> <a href="/users">Abbrechen</a></p>
            </form>
            """
        } else if !user.active {
            body = .empty
        } else {
            body = """
            <p>Keine offenen Fälle und keine anstehenden Termine.</p>
            <form method="post" novalidate action="/users/\(user.id)/deactivate">\(Layout.csrf(frame.csrf))
            <p><button type="submit">Deaktivieren</button> <a href="/users">Abbrechen</a></p></form>
            """
        }
        return Layout.page(frame, """
        <h1>\(heading)</h1>
        \(intro)
        \(body)
        """)
    }
}
