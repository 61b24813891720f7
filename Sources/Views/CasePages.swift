import Foundation
import Counseling
import Eligibility

/// Cases (Akten) and their counseling sessions.
public enum CasePages {
    static func referral(_ r: CounselingCase.ReferralSource) -> String {
        switch r { case .own: "Selbstmeldung"; case .authority: "Ausländerbehörde"; case .otherService: "andere Beratungsstelle"; case .volunteer: "Ehrenamt" }
    }
    public static func state(_ s: CounselingCase.State) -> String {
        switch s { case .open: "offen"; case .waitingForDocuments: "wartet auf Unterlagen"; case .applicationFiled: "Antrag gestellt"; case .decided: "entschieden"; case .closed: "abgeschlossen" }
    }
    public static func channel(_ c: CounselingSession.Channel) -> String {
        switch c { case .inPerson: "persönlich"; case .phone: "Telefon"; case .email: "E-Mail"; case .video: "Video" }
    }

    public struct DashboardItem: Sendable {
        public var deadline: Deadline
        public var clientID: String
        public var clientName: String
        /// Where the item is dealt with: a manual reminder on its case page (where it is marked done), an automatic
        /// one on the assessment it comes from.
        public var link: String
        /// The open case it is marked done in; for a manual reminder its id as well.
        public var caseID: String?, reminderID: String?
        public init(deadline: Deadline, clientID: String, clientName: String, link: String? = nil) {
            self.deadline = deadline; self.clientID = clientID; self.clientName = clientName; self.link = link ?? "/clients/\(clientID)/assessment"
        }
    }

    /// Due and overdue reminders of the counselor's open cases.
    /// `openCases`: the open cases counted (the counselor's own, or the service's for a coordinator), listed under the count
    /// (QA of 06.12.2026: "84 offene Akten" did not say whose, and could not be checked).
    public static func dashboard(frame: PageFrame, today: Day, overdue: [DashboardItem], due: [DashboardItem],
                                 openCases: [(caseID: String, clientName: String, pathway: PathwayKey?, state: CounselingCase.State, counselor: String?)], own: Bool,
                                 appointments: [AppointmentPages.Row] = [], notice: String? = nil) -> HTML {
        func done(_ i: DashboardItem) -> HTML {
            guard let caseID = i.caseID else { return .empty }
            let label: HTML = "<span class=\"visually-hidden\">„\(i.deadline.title)“ (\(i.clientName)) </span>als erledigt markieren"
            if let id = i.reminderID {
                return " · <form method=\"post\" novalidate action=\"/cases/\(caseID)/reminders/\(id)/done\" class=\"inline\">\(Layout.csrf(frame.csrf))<input type=\"hidden\" name=\"return\" value=\"dashboard\"><button type=\"submit\" class=\"link\">\(label)</button></form>"
            }
            return " · <form method=\"post\" novalidate action=\"/cases/\(caseID)/deadlines/done\" class=\"inline\">\(Layout.csrf(frame.csrf))<input type=\"hidden\" name=\"return\" value=\"dashboard\"><input type=\"hidden\" name=\"client_id\" value=\"\(i.clientID)\"><input type=\"hidden\" name=\"key\" value=\"\(i.deadline.key)\"><button type=\"submit\" class=\"link\">\(label)</button></form>"
        }
        func list(_ items: [DashboardItem]) -> HTML {
            guard !items.isEmpty else { return "<p>Keine.</p>" }
            let li = items.map { i in "<li><strong>\(i.deadline.due.german)</strong> – <a href=\"\(i.link)\">\(i.clientName)</a>: \(i.deadline.title) <span class=\"hint\">(\(Labels.citation(i.deadline.citation)))</span>\(done(i))</li>" as HTML }
            return "<ul>\(li)</ul>"
        }
        return Layout.page(frame, """
        <h1>Übersicht</h1>
        \(notice.map { "<p role=\"status\" id=\"notice\" tabindex=\"-1\" autofocus>\($0)</p>" as HTML } ?? .empty)
        <p>Stand \(today.german)</p>
        <section aria-labelledby="today-h" id="today-appointments"><h2 id="today-h">\(own ? "Ihre Termine heute" : "Termine heute")</h2>
        \(appointments.isEmpty ? "<p>Keine.</p>" as HTML : "<ul>\(appointments.map { r in "<li><strong>\(r.appointment.time) Uhr</strong> (\(r.appointment.durationMinutes) min) – <a href=\"/clients/\(r.clientID)\">\(r.clientName)</a>\(r.appointment.placeGerman.isEmpty ? "" : " · \(r.appointment.placeGerman)")\(own ? "" : " · \(r.counselorName)") · \(r.appointment.state.german)</li>" as HTML })</ul>" as HTML)
        <p><a href="/appointments?view=day&amp;on=\(today.german)">Tagesansicht</a></p></section>
        <details id="open-cases"><summary>\(own ? "Ihre offenen Akten" : "Offene Akten der Beratungsstelle"): \(openCases.count)</summary>
        \(openCases.isEmpty ? "<p>Keine.</p>" as HTML : "<ul>\(openCases.map { "<li><a href=\"/cases/\($0.caseID)\">\($0.clientName)</a>\($0.pathway.map { " – \($0.title)" } ?? "") (\(state($0.state))\($0.counselor.map { ", \($0)" } ?? ""))</li>" as HTML })</ul>" as HTML)
        </details>
        <section aria-labelledby="overdue"><h2 id="overdue">Überfällig</h2>\(list(overdue))</section>
        <section aria-labelledby="due"><h2 id="due">Fällig in den nächsten 14 Tagen</h2>\(list(due))</section>
        """)
    }

    /// A form to open a case as sent, and why it was refused.
    public struct RefusedOpening: Sendable {
        public var typed: String, message: String, source: String, pathway: String
        public init(typed: String, message: String, source: String, pathway: String) {
            self.typed = typed; self.message = message; self.source = source; self.pathway = pathway
        }
    }

    /// The cases section of the client page, with the form to open a case.
    /// `refused`: the form as sent (shown again with its choices) and why it was refused.
    public static func section(frame: PageFrame, client: Client, cases: [CounselingCase], today: Day,
                               refused: RefusedOpening? = nil) -> HTML {
        let rows = cases.map { c in
            "<li><a href=\"/cases/\(c.id)\">Akte vom \(c.openedOn.german)</a> – \(state(c.state))\(c.pathway.map { " – " + $0.title } ?? "")</li>" as HTML
        }
        func selected(_ value: String, _ sent: String?) -> HTML { value == sent ? " selected" : "" }
        let sources = CounselingCase.ReferralSource.allCases.map {
            "<option value=\"\($0.rawValue)\"\(selected($0.rawValue, refused?.source))>\(referral($0))</option>" as HTML
        }
        let pathways = ([("", "noch offen")] + PathwayKey.allCases.map { ($0.rawValue, $0.title) }).map {
            "<option value=\"\($0.0)\"\(selected($0.0, refused?.pathway))>\($0.1)</option>" as HTML
        }
        // One open case per person: while one is open, the work goes on there.
        if cases.contains(where: { $0.state != .closed }) {
            return """
            <section aria-labelledby="cases"><h2 id="cases">Akten</h2>
            \(refused.map { "<p class=\"error\" role=\"alert\">\($0.message)</p>" as HTML } ?? .empty)
            <ul>\(rows)</ul>
            <p class="hint" id="case-open-hint">Eine Akte ist offen: Beratungen, Anträge und Unterlagen dort erfassen. Eine neue Akte erst, wenn sie abgeschlossen ist.</p>
            </section>
            """
        }
        return """
        <section aria-labelledby="cases"><h2 id="cases">Akten</h2>
        \(rows.isEmpty ? "<p>Noch keine Akte.</p>" as HTML : "<ul>\(rows)</ul>")
        <form method="post" novalidate action="/clients/\(client.id)/cases">
        \(Layout.csrf(frame.csrf))
        <div class="grid">
        <div><label for="opened_on">Eröffnet am (TT.MM.JJJJ)</label>\(Layout.fieldError("opened_on", refused?.message))<input id="opened_on" name="opened_on" value="\(refused?.typed ?? today.german)" size="10"\(Layout.describedBy("opened_on", refused?.message))></div>
        <div><label for="referral_source">Zugang</label><select id="referral_source" name="referral_source">\(sources)</select></div>
        <div><label for="pathway">Angestrebter Weg</label><select id="pathway" name="pathway">\(pathways)</select></div>
        </div>
        <p><button type="submit">Akte eröffnen</button></p>
        </form>
        </section>
        """
    }

    /// The values of the session form as typed: a refused form comes back with everything the counselor wrote.
    public struct SessionForm: Sendable {
        public var on: String, duration = "60", channel = CounselingSession.Channel.inPerson.rawValue, language = "Deutsch"
        public var interpreter = false, withFamily = false
        public var pathways: Set<PathwayKey> = []
        public var record = "", confidential = ""
        public var errors: [String: String] = [:]
        /// The session being corrected; nil for a new one.
        public var id: String?
        /// The corrected session's `fingerprint` when the form was built; `changedMeanwhile`: refused because it differs.
        public var version: String?
        public var changedMeanwhile = false

        public init(today: Day) { on = today.german }

        /// A new session's form: the language and interpretation of the case's latest session, if any (QA of
        /// 06.12.2026: "Deutsch" was offered for an Arabic-speaking client and saved unnoticed).
        public init(today: Day, after latest: CounselingSession?) {
            on = today.german
            if let latest { language = latest.language; interpreter = latest.interpreter }
        }

        /// The form of a recorded session, for correcting it.
        public init(_ s: CounselingSession) {
            id = s.id; on = s.on.german; duration = String(s.durationMinutes); channel = s.channel.rawValue; language = s.language
            interpreter = s.interpreter; withFamily = s.withFamily; pathways = Set(s.pathways); record = s.record; confidential = s.confidentialNote
            version = s.fingerprint
        }
    }

    /// The fields of a session, posted to `action`.
    static func sessionForm(frame: PageFrame, _ f: SessionForm, action: String, submit: String) -> HTML {
        let channels = CounselingSession.Channel.allCases.map {
            "<option value=\"\($0.rawValue)\"\($0.rawValue == f.channel ? " selected" : "")>\(channel($0))</option>" as HTML
        }
        let pathwayBoxes = PathwayKey.allCases.map {
            "<label><input type=\"checkbox\" name=\"pw_\($0.rawValue)\" value=\"1\"\(f.pathways.contains($0) ? " checked" : "")> \($0.title)</label>" as HTML
        }
        func err(_ k: String) -> HTML { Layout.fieldError(k, f.errors[k]) }
        func checked(_ b: Bool) -> String { b ? " checked" : "" }
        return """
        \(f.changedMeanwhile ? .empty : Layout.errorSummary(f.errors))
        <form method="post" novalidate action="\(action)">
        \(Layout.csrf(frame.csrf))\(f.version.map { "<input type=\"hidden\" name=\"version\" value=\"\($0)\">" as HTML } ?? .empty)
        <div class="grid">
        <div><label for="on">Datum (TT.MM.JJJJ)\(Layout.required)</label><input id="on" name="on" value="\(f.on)" size="10" required\(Layout.describedBy("on", f.errors["on"]))>\(err("on"))</div>
        <div><label for="duration">Dauer (Minuten)\(Layout.required)</label><input id="duration" name="duration" value="\(f.duration)" size="4" required\(Layout.describedBy("duration", f.errors["duration"]))>\(err("duration"))</div>
        <div><label for="channel">Kanal</label><select id="channel" name="channel"\(Layout.describedBy("channel", f.errors["channel"]))>\(channels)</select>\(err("channel"))</div>
        <div><label for="language">Sprache\(Layout.required)</label><input id="language" name="language" list="languages" value="\(f.language)" required\(Layout.describedBy("language", f.errors["language"]))>\(err("language"))</div>
        \(Layout.languageList)
        <div><label><input type="checkbox" name="interpreter" value="1"\(checked(f.interpreter))> mit Dolmetschung</label></div>
        <div><label><input type="checkbox" name="with_family" value="1"\(checked(f.withFamily))> mit Familienangehörigen</label></div>
        </div>
        <fieldset><legend>Besprochene Wege</legend><div class="grid">\(pathwayBoxes)</div></fieldset>
        <label for="record">Kurzvermerk</label>\(err("record"))<textarea id="record" name="record" rows="4" cols="80"\(Layout.describedBy("record", f.errors["record"]))>\(f.record)</textarea>
        <label for="confidential">Vertraulicher Vermerk (nur für die Beratungsstelle)</label><textarea id="confidential" name="confidential" rows="3" cols="80">\(f.confidential)</textarea>
        <p><button type="submit">\(submit)</button></p>
        </form>
        """
    }

    /// A warning when the case's target pathway is excluded today (QA of 06.12.2026: cases aimed at § 104c after its
    /// deadline asked for its documents and offered its application without a word), naming what is open instead.
    public static func targetWarning(_ target: PathwayKey, answers: [Assessment], today: Day) -> HTML {
        guard let a = answers.first(where: { $0.pathway == target }), a.outcome == .excluded else { return .empty }
        let why = a.conditions.first { $0.state == .failing(.permanent) }.map { " (" + $0.requirement(on: today) + ")" } ?? ""
        let instead = LetterPages.alternatives(answers).map { " Nach der Prüfung vom \(today.german) offen: \($0)." } ?? " Nach der Prüfung vom \(today.german) ist kein anderer Weg erfüllt oder erreichbar."
        return "<p class=\"note\" role=\"note\" id=\"target-warning\"><strong>Ziel ausgeschlossen:</strong> \(target.title) ist nach der Prüfung \(a.closedByLaw ? "durch das Gesetz" : "für diese Person") ausgeschlossen\(why).\(instead)</p>"
    }

    /// `canEdit`: whether the viewer may correct a session (its author or a coordinator).
    public static func show(frame: PageFrame, client: Client, counselingCase c: CounselingCase, sessions: [CounselingSession],
                            showConfidential: Bool, today: Day, sessionForm: SessionForm? = nil, canEdit: (CounselingSession) -> Bool = { _ in false },
                            work: HTML = .empty, sessionNotice: String? = nil) -> HTML {
        let kinds = CounselingSession.kinds(sessions)
        let rows = sessions.map { s in
            let kind = kinds[s.id] == .first ? "Erstberatung" : "Folgeberatung"
            let note: HTML = showConfidential && !s.confidentialNote.isEmpty ? "<br><em>Vertraulich:</em> \(s.confidentialNote)" : .empty
            let edit: HTML = c.state != .closed && canEdit(s) ? "<a href=\"/cases/\(c.id)/sessions/\(s.id)/edit\">korrigieren<span class=\"visually-hidden\"> (Beratung vom \(s.on.german))</span></a>" : .empty
            return """
            <tr><td>\(s.on.german)</td><td>\(kind)</td><td>\(channel(s.channel))</td><td>\(s.language)\(s.interpreter ? " (mit Dolmetschung)" : "")</td>
            <td>\(s.durationMinutes) min\(s.withFamily ? " · mit Familie" : "")</td><td>\(s.pathways.map(\.title).joined(separator: ", "))</td><td>\(s.record)\(note)</td><td>\(edit)</td></tr>
            """ as HTML
        }
        return Layout.page(frame, """
        <h1>Akte: \(client.firstName) \(client.lastName)</h1>
        <p>Eröffnet am \(c.openedOn.german) · Zugang: \(referral(c.referralSource)) · Stand: \(state(c.state))\(c.pathway.map { " · Ziel: " + $0.title } ?? "")\(c.closedOn.map { " · geschlossen am \($0.german)" } ?? "")\(c.outcome.map { ": \($0)" } ?? "")</p>
        <p><a href="/clients/\(client.id)">Zur Klientenakte</a> · <a href="/clients/\(client.id)/assessment">Prüfung</a> · <a href="/cases/\(c.id)/letters/application">Briefe</a></p>
        \(work)
        <h2 id="sessions">Beratungen</h2>
        \(sessionNotice.map { "<p class=\"notice\" role=\"status\" id=\"session-saved\" tabindex=\"-1\" autofocus>\($0)</p>" as HTML } ?? .empty)
        <table><caption class="visually-hidden">Beratungsgespräche</caption><thead><tr><th scope="col">Datum</th><th scope="col">Art</th><th scope="col">Kanal</th><th scope="col">Sprache</th><th scope="col">Dauer</th><th scope="col">Besprochene Wege</th><th scope="col">Vermerk</th><th scope="col"><span class="visually-hidden">Aktion</span></th></tr></thead>
        <tbody>\(rows)</tbody></table>
        \(c.state == .closed ? HTML.empty : """
        <h2>Beratung erfassen</h2>
        <p class="hint">Die erste Beratung einer Akte ist die Erstberatung, jede weitere eine Folgeberatung.</p>
        \(Self.sessionForm(frame: frame, sessionForm ?? SessionForm(today: today, after: sessions.max { $0.on < $1.on }), action: "/cases/\(c.id)/sessions", submit: "Beratung speichern"))
        """)
        """)
    }

    /// Shown instead of the forms of a closed case: it takes no changes until it is opened again (QA of 05.12.2026).
    public static let closedNotice: HTML = "<p class=\"notice\" id=\"case-closed\" role=\"status\">Die Akte ist abgeschlossen: Beratungen, Anträge, Unterlagen und Wiedervorlagen lassen sich erst wieder erfassen, wenn sie oben unter „Stand“ wieder geöffnet ist.</p>"

    /// The person's appointments ahead on an open case, with the way to make one (QA of 06.12.2026: they were seen
    /// only in the calendar, and made there by typing the file number).
    public static func appointments(_ list: [Appointment], fileNumber: String) -> HTML {
        let rows = list.prefix(5).map { a in
            "<li>\(a.day.german), \(a.time) Uhr – \(a.state.german)\(a.placeGerman.isEmpty ? "" : ", \(a.placeGerman)") (<a href=\"/appointments?view=week&amp;on=\(a.day.german)&amp;alle=1\">Woche</a>)</li>" as HTML
        }
        let more: HTML = list.count > 5 ? "<li>und \(list.count - 5) weitere</li>" : .empty
        return """
        <section aria-labelledby="appointments-h" id="appointments"><h2 id="appointments-h">Termine</h2>
        \(list.isEmpty ? "<p>Kein Termin vereinbart.</p>" as HTML : "<ul>\(rows)\(more)</ul>" as HTML)
        <p><a href="/appointments?file_number=\(fileNumber.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")#new">Termin vereinbaren</a></p>
        </section>
        """
    }

    /// Appointments of the person still ahead when the case is closed: named, for the counselor to keep or cancel them
    /// (QA of 05.12.2026: they stayed in the calendar unnoticed).
    public static func appointmentsAhead(_ list: [Appointment]) -> HTML {
        guard let first = list.first else { return .empty }
        return "<p class=\"notice\" id=\"appointments-ahead\">Für diese Person \(list.count == 1 ? "steht noch ein Termin" : "stehen noch \(list.count) Termine") an (\(list.count == 1 ? "am" : "der erste am") \(first.day.german), \(first.time) Uhr). Bitte prüfen, ob \(list.count == 1 ? "er" : "sie") abgesagt werden \(list.count == 1 ? "soll" : "sollen"): <a href=\"/appointments?view=week&amp;on=\(first.day.german)&amp;alle=1\">Termine</a>.</p>"
    }

    /// Correcting a recorded session (the audit trail keeps that it was changed, and by whom).
    public static func editSession(frame: PageFrame, client: Client, counselingCase c: CounselingCase, form: SessionForm) -> HTML {
        Layout.page(frame, """
        <h1>Beratung korrigieren: \(client.firstName) \(client.lastName)</h1>
        <p class="hint">Die Korrektur ersetzt die Angaben der Beratung; das Protokoll der Akte hält fest, wer sie wann geändert hat.</p>
        \(form.changedMeanwhile ? Layout.changedMeanwhile(saved: "wurde diese Beratung gespeichert", how: "von einer anderen Person, in einem anderen Fenster oder durch ein zweites Absenden",
                                                          current: "/cases/\(c.id)") : .empty)
        \(sessionForm(frame: frame, form, action: "/cases/\(c.id)/sessions/\(form.id ?? "")", submit: "Korrektur speichern"))
        <section aria-labelledby="delete-session"><h2 id="delete-session">Irrtümlich erfasst?</h2>
        <p class="hint">Eine doppelt oder in der falschen Akte erfasste Beratung wird gelöscht; sie zählt dann in keiner Statistik mehr. Das Protokoll der Akte hält die Löschung fest.</p>
        <form method="post" novalidate action="/cases/\(c.id)/sessions/\(form.id ?? "")/delete">\(Layout.csrf(frame.csrf))
        <label><input type="checkbox" id="confirm" name="confirm" value="1"\(Layout.describedBy("confirm", form.errors["confirm"]))> Diese Beratung wurde irrtümlich erfasst.</label>\(Layout.fieldError("confirm", form.errors["confirm"]))
        <p><button type="submit">Beratung löschen</button></p></form></section>
        <p><a href="/cases/\(c.id)">Zurück zur Akte</a></p>
        """)
    }
}
