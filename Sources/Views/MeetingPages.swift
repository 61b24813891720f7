import Eligibility

/// The quarterly meetings of the cooperation, seen alike by the service and the authority.
public enum MeetingPages {
    public struct Summary: Sendable { public var id: String, on: Day, participants: String
        public init(id: String, on: Day, participants: String) { self.id = id; self.on = on; self.participants = participants } }

    public struct FollowUpRow: Sendable { public var id: String, text: String, owner: String, due: Day, doneOn: Day?
        public init(id: String, text: String, owner: String, due: Day, doneOn: Day?) { self.id = id; self.text = text; self.owner = owner; self.due = due; self.doneOn = doneOn } }

    /// `sent`: after a refusal, the date, participants and agenda as sent.
    /// `canSchedule`: the viewer may schedule meetings; `hasCooperation`: their organisation is in a cooperation in
    /// force (there are meetings only within one).
    public static func list(frame: PageFrame, meetings: [Summary], today: Day, errors: [String: String] = [:],
                            sent: (on: String, participants: String, agenda: String)? = nil, canSchedule: Bool = true, hasCooperation: Bool = true) -> HTML {
        let rows = meetings.map { m in "<li><a href=\"/meetings/\(m.id)\">Sitzung am \(m.on.german)</a> – \(m.participants)</li>" as HTML }
        return Layout.page(frame, """
        <h1>Kooperationssitzungen</h1>
        <p class="hint">Quartalssitzungen von Beratungsstelle und Ausländerbehörde: Fallbesprechungen (anonymisiert), Statistik, fachlicher Austausch, Auswertung.</p>
        \(rows.isEmpty ? "<p>Noch keine Sitzung.</p>" as HTML : "<ul>\(rows)</ul>")
        \(!hasCooperation ? "<p class=\"hint\" id=\"no-cooperation\">Ihre Organisation hat derzeit keine Kooperation mit einer Ausländerbehörde oder Beratungsstelle. Sitzungen gibt es nur innerhalb einer Kooperation.</p>" as HTML
           : !canSchedule ? "<p class=\"hint\">Sitzungen legt die Koordination der Beratungsstelle oder die Leitung der Ausländerbehörde an.</p>" as HTML
           : scheduleForm(frame: frame, today: today, errors: errors, sent: sent))
        """)
    }

    static func scheduleForm(frame: PageFrame, today: Day, errors: [String: String], sent: (on: String, participants: String, agenda: String)?) -> HTML {
        func field(_ id: String, _ label: String, _ value: String) -> HTML {
            "<label for=\"\(id)\">\(label)</label><input id=\"\(id)\" name=\"\(id)\" value=\"\(value)\" size=\"60\"\(Layout.describedBy(id, errors[id]))>\(Layout.fieldError(id, errors[id]))"
        }
        return """
        <h2>Sitzung anlegen</h2>
        \(Layout.errorSummary(errors))
        <form method="post" novalidate action="/meetings">\(Layout.csrf(frame.csrf))
        \(field("on", "Datum (TT.MM.JJJJ)", sent?.on ?? today.german))
        \(field("participants", "Teilnehmende (Funktionen)", sent?.participants ?? "Beratungsstelle: Koordination, Beratung; ABH: Leitung, Sachgebiet Aufenthalt"))
        <label for="agenda">Tagesordnung (ein Punkt je Zeile)</label>
        <textarea id="agenda" name="agenda" rows="5" cols="80"\(Layout.describedBy("agenda", errors["agenda"]))>\(sent?.agenda ?? "Fallbesprechungen\nQuartalsstatistik\nFachlicher Austausch zu Grenzen und Reichweite der Regelungen\nAuswertung der Projekterkenntnisse")</textarea>\(Layout.fieldError("agenda", errors["agenda"]))
        <p><button type="submit">Anlegen</button></p>
        </form>
        """
    }

    /// `sheets`: the anonymised case sheets with whether the viewer may take each off; `canManage`: the viewer
    /// may correct or delete the meeting.
    public static func show(frame: PageFrame, id: String, on: Day, participants: String, agenda: String, minutes: String,
                            sheets: [(id: String, text: String, removable: Bool)], followUps: [FollowUpRow], today: Day,
                            errors: [String: String] = [:], canManage: Bool = false, edited: (on: String, participants: String, agenda: String)? = nil,
                            followUpTyped: (text: String, owner: String, due: String)? = nil) -> HTML {
        let items = agenda.split(separator: "\n").map { "<li>\(String($0))</li>" as HTML }
        let cases = sheets.enumerated().map { i, s -> HTML in
            let lines = s.text.split(separator: "\n").map { line -> HTML in
                let parts = line.split(separator: ":", maxSplits: 1).map(String.init)
                return "<dt>\(parts[0])</dt><dd>\(parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")</dd>"
            }
            let remove: HTML = s.removable
                ? "<form method=\"post\" novalidate action=\"/meetings/\(id)/cases/\(s.id)/remove\" class=\"no-print\">\(Layout.csrf(frame.csrf))<button type=\"submit\" class=\"link\">Fall \(i + 1) zurückziehen</button></form>"
                : .empty
            return "<article class=\"fact-sheet\" aria-label=\"Fall \(i + 1)\"><h3>Fall \(i + 1)</h3><dl class=\"figures\">\(lines)</dl>\(remove)</article>"
        }
        func field(_ name: String) -> (HTML, HTML) {
            (Layout.describedBy("edit_" + name, errors["edit_" + name]), Layout.fieldError("edit_" + name, errors["edit_" + name]))
        }
        let (onAttr, onErr) = field("on"), (pAttr, pErr) = field("participants"), (agAttr, agErr) = field("agenda")
        let editErrors = errors.filter { $0.key.hasPrefix("edit_") }
        // After a refused correction the form shows what was typed, not the stored values.
        let shown = edited ?? (on.german, participants, agenda)
        let manage: HTML = !canManage ? .empty : """
            <details class="no-print"\(editErrors.isEmpty ? "" : " open")><summary>Sitzung bearbeiten</summary>
            \(Layout.errorSummary(editErrors))
            <form method="post" novalidate action="/meetings/\(id)">\(Layout.csrf(frame.csrf))
            <label for="edit_on">Datum (TT.MM.JJJJ)</label><input id="edit_on" name="on" value="\(shown.on)" size="10"\(onAttr)>\(onErr)
            <label for="edit_participants">Teilnehmende</label><input id="edit_participants" name="participants" value="\(shown.participants)"\(pAttr)>\(pErr)
            <label for="edit_agenda">Tagesordnung (ein Punkt je Zeile)</label><textarea id="edit_agenda" name="agenda" rows="5" cols="80"\(agAttr)>\(shown.agenda)</textarea>\(agErr)
            <p><button type="submit">Änderungen speichern</button></p></form>
            \(minutes.isEmpty && sheets.isEmpty ? "<form method=\"post\" novalidate action=\"/meetings/\(id)/delete\">\(Layout.csrf(frame.csrf))<p><button type=\"submit\">Sitzung löschen (mit ihren Aufgaben)</button></p></form>" as HTML
                : "<p class=\"hint\">Eine Sitzung mit Protokoll oder Fallblättern bleibt als Nachweis erhalten.</p>" as HTML)
            </details>
            """
        let follow = followUps.map { f -> HTML in
            let done: HTML = f.doneOn.map { "erledigt am \($0.german)" } ??
                "<form method=\"post\" novalidate action=\"/meetings/\(id)/followups/\(f.id)/done\" class=\"inline\">\(Layout.csrf(frame.csrf))<button type=\"submit\" class=\"link\"><span class=\"visually-hidden\">„\(f.text)“ </span>als erledigt markieren</button></form>"
            // Past its day and not done: said, as the dashboard says it of reminders (QA33 F5).
            let overdue: HTML = f.doneOn == nil && f.due < today ? " <strong class=\"overdue\">(überfällig)</strong>" : .empty
            return "<tr><td>\(f.text)</td><td>\(f.owner)</td><td>\(f.due.german)\(overdue)</td><td>\(done)</td></tr>"
        }
        return Layout.page(frame, """
        <h1>Kooperationssitzung am \(on.german)</h1>
        <p>Teilnehmende: \(participants)</p>
        \(manage)
        <h2>Tagesordnung</h2><ol>\(items)</ol>
        <h2>Fallbesprechungen</h2>
        <p class="hint">Anonymisierte Fallblätter: ohne Name, Geburtsdatum, Aktenzeichen und Anschrift; Daten nur als Jahr; seltene Staatsangehörigkeiten als Region. Fälle bringt die Beratungsstelle aus der Akte ein.</p>
        \(cases.isEmpty ? "<p>Keine Fälle eingebracht.</p>" as HTML : HTML.join(cases))
        <h2>Protokoll</h2>
        \(canManage ? """
        <form method="post" novalidate action="/meetings/\(id)/minutes">\(Layout.csrf(frame.csrf))
        <label for="minutes">Protokoll</label>
        <p class="hint" id="minutes-hint">Beide Seiten lesen das Protokoll: keine Namen, Aktenzeichen, Geburtsdaten oder Anschriften – Fälle nur als „Fall 1“, „Fall 2“ wie oben.</p>
        <textarea id="minutes" name="minutes" rows="8" cols="90" aria-describedby="minutes-hint">\(minutes)</textarea>\(Layout.fieldError("minutes", errors["minutes"]))
        <p><button type="submit">Protokoll speichern</button></p></form>
        """ as HTML : minutes.isEmpty ? "<p>Noch kein Protokoll. Es schreiben die Koordination der Beratungsstelle oder die Leitung der Behörde.</p>" as HTML
            : "<div class=\"minutes\">\(minutes.split(separator: "\n", omittingEmptySubsequences: false).map { "<p>\(String($0))</p>" as HTML })</div>" as HTML)
        <h2>Vereinbarte Aufgaben</h2>
        \(follow.isEmpty ? "<p>Keine.</p>" as HTML : "<table><caption class=\"visually-hidden\">Folgeaufgaben</caption><thead><tr><th scope=\"col\">Aufgabe</th><th scope=\"col\">Verantwortlich</th><th scope=\"col\">Bis</th><th scope=\"col\"><span class=\"visually-hidden\">Aktionen</span></th></tr></thead><tbody>\(follow)</tbody></table>")
        \(Layout.errorSummary(errors.filter { $0.key != "minutes" && !$0.key.hasPrefix("edit_") }))
        <form method="post" novalidate action="/meetings/\(id)/followups">\(Layout.csrf(frame.csrf))<div class="grid">
        <div><label for="text">Aufgabe</label><input id="text" name="text" maxlength="500" value="\(followUpTyped?.text ?? "")"\(Layout.describedBy("text", errors["text"]))>\(Layout.fieldError("text", errors["text"]))</div>
        <div><label for="owner">Verantwortlich</label><input id="owner" name="owner" maxlength="200" value="\(followUpTyped?.owner ?? "")"\(Layout.describedBy("owner", errors["owner"]))>\(Layout.fieldError("owner", errors["owner"]))</div>
        <div><label for="due">Bis (TT.MM.JJJJ)</label><input id="due" name="due" size="10" value="\(followUpTyped?.due ?? max(today, on).adding(days: 90).german)"\(Layout.describedBy("due", errors["due"]))>\(Layout.fieldError("due", errors["due"]))</div>
        </div><p><button type="submit">Aufgabe hinzufügen</button></p></form>
        <p><a href="/meetings">Alle Sitzungen</a></p>
        """)
    }

    /// The form on a case page that brings the case, anonymised, to a meeting.
    /// `chosen`: after a refusal, the meeting and question as sent (the question to correct, not to retype).
    public static func bringCase(frame: PageFrame, caseID: String, meetings: [Summary], error: String? = nil,
                                 chosen: (meeting: String, question: String)? = nil) -> HTML {
        guard !meetings.isEmpty else { return .empty }
        let options = meetings.sorted { $0.on < $1.on }.map {
            "<option value=\"\($0.id)\"\($0.id == chosen?.meeting ? " selected" : "")>Sitzung am \($0.on.german)</option>" as HTML
        }
        return """
        <section aria-labelledby="to-meeting"><h2 id="to-meeting">In die Kooperationssitzung einbringen</h2>
        <p class="hint">Die Behörde sieht nur ein anonymisiertes Fallblatt. Die Frage darf keinen Namen, kein Geburtsdatum und kein Aktenzeichen enthalten.</p>
        \(error.map { "<p class=\"error\" role=\"alert\" id=\"question-error\">\($0)</p>" as HTML } ?? .empty)
        <form method="post" novalidate action="/cases/\(caseID)/meeting">\(Layout.csrf(frame.csrf))
        <label for="meeting">Sitzung</label><select id="meeting" name="meeting">\(options)</select>
        <label for="question">Frage an die Runde</label><input id="question" name="question" size="80" value="\(chosen?.question ?? "")"\(Layout.describedBy("question", error))>
        <p><button type="submit">Fall anonymisiert einbringen</button></p></form></section>
        """
    }
}
