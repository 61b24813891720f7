import Counseling
import Eligibility

/// The document checklist and the applications of a case (sections of the case page).
public enum CaseWorkSections {
    /// A refused document: which one (nil when the post could not be read far enough to tell), which of its fields
    /// ("rd" the date, "f" the file), and why.
    public struct DocumentError: Sendable {
        public var kind: DocumentKind?, field: String, message: String
        /// The refused form's values (state and received-on date as typed), shown again in its row.
        public var state: String?, receivedOn: String?
        public init(kind: DocumentKind?, field: String, message: String, state: String? = nil, receivedOn: String? = nil) {
            self.kind = kind; self.field = field; self.message = message; self.state = state; self.receivedOn = receivedOn
        }
    }

    public static func documents(frame: PageFrame, caseID: String, items: [ChecklistItem], files: [DocumentKind: (name: String, size: Int)],
                                 today: Day, error: DocumentError? = nil, editable: Bool = true) -> HTML {
        let rows = items.map { i -> HTML in
            // The error of this row at its field, linked to it.
            func err(_ field: String) -> (HTML, HTML) {
                guard let e = error, e.kind == i.kind, e.field == field else { return (.empty, .empty) }
                let id = "\(field)-\(i.kind.rawValue)-error"
                return ("<p class=\"error\" id=\"\(id)\" role=\"alert\">\(e.message)</p>", " aria-invalid=\"true\" aria-describedby=\"\(id)\"")
            }
            let (rdError, rdDescribed) = err("rd"), (fError, fDescribed) = err("f")
            // After a refusal this row shows what was sent, not the stored values (QA of 05.12.2026).
            let refused = error?.kind == i.kind ? error : nil
            let shownState = refused?.state ?? i.state.rawValue
            let options = ChecklistItem.State.allCases.map { st in
                "<option value=\"\(st.rawValue)\"\(st.rawValue == shownState ? " selected" : "")>\(st.german)</option>" as HTML
            }
            let file: HTML = files[i.kind].map { f in
                "<a href=\"/cases/\(caseID)/documents/\(i.kind.rawValue)/file\">\(f.name)</a> <span class=\"hint\">(\(max(1, f.size / 1024)) KB)</span>"
            } ?? .empty
            return """
            <tr id="doc-\(i.kind.rawValue)"><td>\(i.kind.german)<br><span class="hint">\(i.reason)</span></td>
            <td class="doc-state" data-label="Stand">\(i.state.german)\(i.receivedOn.map { ", eingegangen am \($0.german)" } ?? "")</td><td data-label="Datei">\(file)</td>
            \(editable ? """
            <td><form method="post" novalidate action="/cases/\(caseID)/documents" enctype="multipart/form-data">\(Layout.csrf(frame.csrf))
            <input type="hidden" name="kind" value="\(i.kind.rawValue)">
            <label for="st-\(i.kind.rawValue)">Stand<span class="visually-hidden">: \(i.kind.german)</span></label><select id="st-\(i.kind.rawValue)" name="state">\(options)</select>
            <label for="rd-\(i.kind.rawValue)">Eingegangen am (TT.MM.JJJJ)<span class="visually-hidden"> (\(i.kind.german))</span></label><input id="rd-\(i.kind.rawValue)" name="received_on" size="10" value="\(refused?.receivedOn ?? i.receivedOn?.german ?? today.german)"\(rdDescribed)>\(rdError)
            <label for="f-\(i.kind.rawValue)">Datei<span class="visually-hidden"> für \(i.kind.german)</span> (PDF, JPEG, PNG; höchstens 10 MB)</label><input id="f-\(i.kind.rawValue)" name="file" type="file" accept="application/pdf,image/jpeg,image/png"\(fDescribed)>\(fError)
            \(files[i.kind].map { f in "<label class=\"check\"><input name=\"replace\" type=\"checkbox\" value=\"1\"> gespeicherte Datei \(f.name) durch die neue ersetzen</label>" as HTML } ?? .empty)
            <button type="submit">Speichern<span class="visually-hidden"> (\(i.kind.german))</span></button></form></td>
            """ as HTML : "<td></td>")</tr>
            """
        }
        return """
        <section aria-labelledby="documents"><h2 id="documents">Unterlagen</h2>
        <p class="hint">Aus dem angestrebten Weg und den offenen Voraussetzungen der Prüfung abgeleitet.</p>
        \(error.map { e in Layout.errorSummary(e.kind.map { ["\(e.field)-\($0.rawValue)": "\($0.german): \(e.message)"] } ?? ["documents": e.message]) } ?? .empty)
        \(rows.isEmpty ? "<p>Für diese Akte sind keine Unterlagen abgeleitet (kein Weg gewählt).</p>" as HTML : "<table class=\"documents\"><caption class=\"visually-hidden\">Unterlagen</caption><thead><tr><th scope=\"col\">Unterlage</th><th scope=\"col\">Stand</th><th scope=\"col\">Datei</th><th scope=\"col\">Ändern</th></tr></thead><tbody>\(rows)</tbody></table>")
        </section>
        """
    }

    /// `notice`: a note on the last change (e.g. that a taken-back grant left a hand-edited history as it is).
    public static func applications(frame: PageFrame, counselingCase c: CounselingCase, applications: [PermitApplication], today: Day,
                                    errors: [String: String] = [:], notice: String? = nil, sent: [String: String] = [:], editable: Bool = true) -> HTML {
        let rows = applications.map { a -> HTML in
            var decision: HTML = .empty
            if !editable {
                decision = .empty
            } else if a.outcome == .pending {
                // After a refusal the values as sent (`sent` holds them by field id).
                let outcomes = [PermitApplication.Outcome.granted, .refused, .withdrawn].map {
                    "<option value=\"\($0.rawValue)\"\(sent["o-\(a.id)"] == $0.rawValue ? " selected" : "")>\($0.german)</option>" as HTML
                }
                decision = """
                <form method="post" novalidate action="/cases/\(c.id)/applications/\(a.id)/decision">\(Layout.csrf(frame.csrf))
                <label for="o-\(a.id)">Entscheidung</label><select id="o-\(a.id)" name="outcome">\(outcomes)</select>
                <label for="d-\(a.id)">am</label>\(Layout.fieldError("d-\(a.id)", errors["d-\(a.id)"]))<input id="d-\(a.id)" name="decided_on" size="10" value="\(sent["d-\(a.id)"] ?? today.german)"\(Layout.describedBy("d-\(a.id)", errors["d-\(a.id)"]))>
                <label for="u-\(a.id)">gültig bis (bei Erteilung)</label>\(Layout.fieldError("u-\(a.id)", errors["u-\(a.id)"]))<input id="u-\(a.id)" name="permit_until" size="10" value="\(sent["u-\(a.id)"] ?? "")"\(Layout.describedBy("u-\(a.id)", errors["u-\(a.id)"]))>
                <button type="submit">Entscheidung erfassen</button></form>
                \(Layout.confirmed("Eintrag löschen (Erfassungsfehler) …", action: "/cases/\(c.id)/applications/\(a.id)/remove", csrf: frame.csrf,
                                  button: "Ja, Eintrag löschen", hint: "für einen falsch erfassten Antrag; ein zurückgenommener Antrag wird als Entscheidung „zurückgenommen“ erfasst"))
                """
            } else {
                // A decision recorded in error (wrong application, wrong outcome) is taken back and recorded again.
                // Asked once more (QA23 F9: one click undid a grant and its status period).
                decision = Layout.confirmed("Entscheidung zurücknehmen (Erfassungsfehler) …", action: "/cases/\(c.id)/applications/\(a.id)/reopen", csrf: frame.csrf,
                                            button: "Ja, Entscheidung zurücknehmen",
                                            hint: a.outcome == .granted ? "der Antrag ist dann wieder offen; der mit der Erteilung eingetragene Zeitraum wird aus dem Statusverlauf entfernt, wenn er seitdem nicht geändert wurde" : "der Antrag ist dann wieder offen")
            }
            return """
            <tr><td>\(a.pathway.title)</td><td>\(a.filedOn.german)</td><td class="outcome">\(a.outcome.german)\(a.decidedOn.map { " am \($0.german)" } ?? "")\(a.permitUntil.map { ", gültig bis \($0.german)" } ?? "")</td><td>\(decision)</td></tr>
            """
        }
        let chosen = sent["pathway"] ?? c.pathway?.rawValue
        let pathways = PathwayKey.allCases.map { p in "<option value=\"\(p.rawValue)\"\(p.rawValue == chosen ? " selected" : "")>\(p.title) – \(p.subtitle)</option>" as HTML }
        return """
        <section aria-labelledby="applications"><h2 id="applications">Anträge und Entscheidungen</h2>
        \(notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" as HTML } ?? .empty)
        \(Layout.errorSummary(errors))
        \(rows.isEmpty ? "<p>Noch kein Antrag gestellt.</p>" as HTML : "<table><caption class=\"visually-hidden\">Anträge</caption><thead><tr><th scope=\"col\">Weg</th><th scope=\"col\">Gestellt am</th><th scope=\"col\">Stand</th><th scope=\"col\"><span class=\"visually-hidden\">Aktionen</span></th></tr></thead><tbody>\(rows)</tbody></table>")
        \(editable ? """
        <form method="post" novalidate action="/cases/\(c.id)/applications">\(Layout.csrf(frame.csrf))
        <div class="grid">
        <div><label for="app_pathway">Antrag nach</label><select id="app_pathway" name="pathway">\(pathways)</select></div>
        <div><label for="filed_on">Gestellt am (TT.MM.JJJJ)\(Layout.required)</label><input id="filed_on" name="filed_on" size="10" required value="\(sent["filed_on"] ?? today.german)"\(Layout.describedBy("filed_on", errors["filed_on"]))>\(Layout.fieldError("filed_on", errors["filed_on"]))</div>
        </div>
        <p><button type="submit">Antrag erfassen</button></p>
        </form>
        """ as HTML : .empty)
        </section>
        """
    }

    public static func reminders(frame: PageFrame, caseID: String, reminders: [ManualReminder], land: String, today: Day, errors: [String: String] = [:],
                                 sent: [String: String] = [:], editable: Bool = true) -> HTML {
        let rows = reminders.map { r -> HTML in
            let due = r.deadline(land: land).due
            let moved: HTML = due != r.on ? " <span class=\"hint\">(verschoben vom \(r.on.german): Wochenende/Feiertag)</span>" : .empty
            // A reminder marked done by mistake can be opened again (QA of 06.12.2026).
            let reopen: HTML = editable ? " <form method=\"post\" novalidate action=\"/cases/\(caseID)/reminders/\(r.id)/open\" class=\"inline\">\(Layout.csrf(frame.csrf))<button type=\"submit\" class=\"link\"><span class=\"visually-hidden\">„\(r.title)“ </span>wieder öffnen</button></form>" : .empty
            let done: HTML = r.doneOn.map { "erledigt am \($0.german)\(reopen)" } ?? (!editable ? "offen" :
                "<form method=\"post\" novalidate action=\"/cases/\(caseID)/reminders/\(r.id)/done\" class=\"inline\">\(Layout.csrf(frame.csrf))<button type=\"submit\" class=\"link\"><span class=\"visually-hidden\">„\(r.title)“ </span>als erledigt markieren</button></form>")
            // One entered by mistake (a typo, a duplicate) is deleted; an acknowledged automatic one is opened again instead.
            // Deleting cannot be undone: asked once more, without script (accessibility review of 06.12.2026).
            let delete: HTML = editable && r.derivedFrom == nil
                ? " · " + Layout.confirmed("löschen …<span class=\"visually-hidden\"> („\(r.title)“)</span>", action: "/cases/\(caseID)/reminders/\(r.id)/delete",
                                           csrf: frame.csrf, button: "Ja, „\(r.title)“ endgültig löschen") : .empty
            return "<li><strong>\(due.german)</strong>\(moved) – \(r.title) · \(done)\(delete)</li>"
        }
        return """
        <section aria-labelledby="reminders"><h2 id="reminders">Wiedervorlagen</h2>
        <p class="hint">Eigene Wiedervorlagen und automatische, die in der Übersicht als erledigt markiert wurden („wieder öffnen“ zeigt sie dort wieder); alle automatischen stehen bei der Prüfung.</p>
        \(rows.isEmpty ? "<p>Keine eigenen Wiedervorlagen.</p>" as HTML : "<ul>\(rows)</ul>")
        \(editable ? """
        \(Layout.errorSummary(errors))
        <form method="post" novalidate action="/cases/\(caseID)/reminders">\(Layout.csrf(frame.csrf))
        <div class="grid">
        <div><label for="rem_on">Am (TT.MM.JJJJ)\(Layout.required)</label><input id="rem_on" name="on" size="10" required value="\(sent["on"] ?? "")"\(Layout.describedBy("rem_on", errors["rem_on"]))>\(Layout.fieldError("rem_on", errors["rem_on"]))</div>
        <div><label for="rem_title">Was ist zu tun?\(Layout.required)</label><input id="rem_title" name="title" size="40" maxlength="200" required value="\(sent["title"] ?? "")"\(Layout.describedBy("rem_title", errors["rem_title"]))>\(Layout.fieldError("rem_title", errors["rem_title"]))</div>
        </div>
        <p><button type="submit">Wiedervorlage anlegen</button></p>
        </form>
        """ as HTML : .empty)
        </section>
        """
    }

    /// State, pathway and counselor of the case; closing with the day and the outcome.
    /// `sent`: a refused form's values by field name, shown as sent instead of the stored ones.
    public static func caseState(frame: PageFrame, counselingCase c: CounselingCase, counselors: [(id: String, name: String)], today: Day,
                                 errors: [String: String] = [:], sent: [String: String] = [:]) -> HTML {
        let state = sent["state"] ?? c.state.rawValue, pathway = sent["pathway"] ?? c.pathway?.rawValue ?? "", counselor = sent["counselor"] ?? c.counselorID
        let states = CounselingCase.State.allCases.map { s in "<option value=\"\(s.rawValue)\"\(s.rawValue == state ? " selected" : "")>\(CasePages.state(s))</option>" as HTML }
        let pathways = ([("", "noch offen")] + PathwayKey.allCases.map { ($0.rawValue, $0.title) }).map { v, t in
            "<option value=\"\(v)\"\(v == pathway ? " selected" : "")>\(t)</option>" as HTML
        }
        let people = counselors.map { p in "<option value=\"\(p.id)\"\(p.id == counselor ? " selected" : "")>\(p.name)</option>" as HTML }
        return """
        <details id="case-state"\(errors.isEmpty ? HTML.empty : " open")><summary>Stand der Akte ändern oder Akte schließen</summary>
        \(Layout.errorSummary(errors))
        <form method="post" novalidate action="/cases/\(c.id)/state">\(Layout.csrf(frame.csrf))<div class="grid">
        <div><label for="case_state">Stand</label><select id="case_state" name="state"\(Layout.describedBy("case_state", errors["case_state"]))>\(states)</select>\(Layout.fieldError("case_state", errors["case_state"]))</div>
        <div><label for="case_pathway">Angestrebter Weg</label><select id="case_pathway" name="pathway">\(pathways)</select></div>
        <div><label for="case_counselor">Zuständig</label><select id="case_counselor" name="counselor">\(people)</select></div>
        <div><label for="case_opened_on">Eröffnet am (TT.MM.JJJJ)</label><input id="case_opened_on" name="opened_on" size="10" value="\(sent["opened_on"] ?? c.openedOn.german)"\(Layout.describedBy("case_opened_on", errors["case_opened_on"]))>\(Layout.fieldError("case_opened_on", errors["case_opened_on"]))</div>
        <div><label for="closed_on">Geschlossen am (TT.MM.JJJJ; bei „abgeschlossen“)</label><input id="closed_on" name="closed_on" size="10" value="\(sent["closed_on"] ?? c.closedOn?.german ?? today.german)"\(Layout.describedBy("closed_on", errors["closed_on"]))>\(Layout.fieldError("closed_on", errors["closed_on"]))</div>
        <div><label for="outcome">Ergebnis (bei „abgeschlossen“)</label><input id="outcome" name="outcome" size="40" value="\(sent["outcome"] ?? c.outcome ?? "")"\(Layout.describedBy("outcome", errors["outcome"]))>\(Layout.fieldError("outcome", errors["outcome"]))</div>
        </div>\(errors["close_pending"] == nil ? HTML.empty : "<p><input type=\"checkbox\" id=\"close_pending\" name=\"close_pending\" value=\"1\"\(Layout.describedBy("close_pending", errors["close_pending"]))> <label for=\"close_pending\">Akte trotzdem schließen; der Antrag bleibt offen</label></p>\(Layout.fieldError("close_pending", errors["close_pending"]))" as HTML)<p><button type="submit">Speichern</button></p></form></details>
        """
    }
}
