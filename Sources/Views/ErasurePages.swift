import Counseling

/// Erasing a client's file: what goes, the confirmation by file number, and the result.
public enum ErasurePages {
    public static func confirm(frame: PageFrame, client c: Client, scope s: ErasureScope, error: String? = nil) -> HTML {
        let blocked = s.blocked
        var reasons: [String] = []
        if s.openCases > 0 { reasons.append(s.openCases == 1 ? "1 offener Fall" : "\(s.openCases) offene Fälle") }
        if s.upcomingAppointments > 0 { reasons.append("\(s.upcomingAppointments) Termin\(s.upcomingAppointments == 1 ? "" : "e") ab heute") }
        if s.familyOpenCases > 0 {
            reasons.append(s.familyOpenCases == 1 ? "1 offener Fall von Angehörigen (im selben Haushalt oder verknüpft), in dem die Person mitberaten und mitgeprüft wird"
                           : "\(s.familyOpenCases) offene Fälle von Angehörigen (im selben Haushalt oder verknüpft), in denen die Person mitberaten und mitgeprüft wird")
        }
        // What to do first, for the reasons given only (QA22 L6).
        var todo: [String] = []
        if s.openCases > 0 { todo.append("Bitte zuerst \(s.openCases == 1 ? "den Fall" : "die Fälle") abschließen") }
        if s.upcomingAppointments > 0 { todo.append("\(todo.isEmpty ? "Bitte zuerst " : "")\(s.upcomingAppointments == 1 ? "den Termin" : "die Termine") absagen") }
        if s.familyOpenCases > 0 { todo.append("\(todo.isEmpty ? "Bitte " : "")den Fall der Angehörigen abwarten oder, gehört die Person nicht mehr dazu, die Verknüpfung und den Haushalt lösen") }
        if s.pendingApplications > 0 { todo.append("\(todo.isEmpty ? "Bitte " : "")die Entscheidung der Behörde abwarten und in der Akte eintragen") }
        if s.pendingApplications > 0 {
            reasons.append("\(s.pendingApplications == 1 ? "ein Antrag ist" : "\(s.pendingApplications) Anträge sind") bei der Behörde noch nicht entschieden")
        }
        var parts: [String] = []
        func add(_ n: Int, _ one: String, _ many: String) { if n > 0 { parts.append(n == 1 ? "1 \(one)" : "\(n) \(many)") } }
        // Everything the erasure takes (QA of 06.12.2026: applications and reminders were missing from the list).
        add(s.cases, "Fall", "Fälle"); add(s.sessions, "Beratung", "Beratungen"); add(s.applications, "Antrag", "Anträge")
        add(s.reminders, "Wiedervorlage", "Wiedervorlagen"); add(s.documents, "hochgeladenes Dokument", "hochgeladene Dokumente")
        add(s.consents, "Schweigepflichtentbindung", "Schweigepflichtentbindungen"); add(s.appointments, "Termin", "Termine")
        add(s.relations, "Familienbeziehung", "Familienbeziehungen"); add(s.snapshots, "gespeicherte Prüfung", "gespeicherte Prüfungen")
        let form: HTML = blocked ? """
            <div class="error-summary" role="alert" id="erase-blocked"><p>Die Akte kann noch nicht gelöscht werden: \(reasons.joined(separator: "; ")). \(todo.joined(separator: "; ")).</p></div>
            """ : """
            <form method="post" novalidate action="/clients/\(c.id)/erase">
            \(Layout.csrf(frame.csrf))
            <label for="file_number">Zur Bestätigung das Aktenzeichen eingeben (\(c.fileNumber))\(Layout.required)</label>
            \(Layout.fieldError("file_number", error))<input id="file_number" name="file_number" autocomplete="off" required\(Layout.describedBy("file_number", error))>
            <p><button type="submit">Akte endgültig löschen</button> <a href="/clients/\(c.id)">Abbrechen</a></p>
            </form>
            """
        return Layout.page(frame, """
        <h1>Akte löschen: \(c.firstName) \(c.lastName)</h1>
        <p>Aktenzeichen \(c.fileNumber)</p>
        <p>Gelöscht werden die Stammdaten, die Angaben und der Statusverlauf\(parts.isEmpty ? "" : ", außerdem \(parts.joined(separator: ", "))"), jeweils mit hochgeladenen Dateien. Das lässt sich nicht rückgängig machen.</p>
        <p class="hint">Vorher bedenken: gesetzliche oder vertragliche Aufbewahrungsfristen (z. B. gegenüber Zuwendungsgebern) gehen der Löschung vor (Art. 17 Abs. 3 DSGVO). Damit Berichte über vergangene Zeiträume gleich bleiben, bleibt ohne Namen, Inhalt und Bezug zur Akte nur, was sie zählen (Art. 17 Abs. 3 lit. d, Art. 89 Abs. 1 DSGVO): je Beratung Tag, Erst- oder Folgeberatung, Kanal, Sprache, besprochene Wege und die Staatsangehörigkeit, je Antrag Vorschrift, Tage und Ergebnis. Das Protokoll behält, wer wann auf die Akte zugegriffen hat – ohne Inhalte – und vermerkt die Löschung. Eine Vermittlung der Ausländerbehörde bleibt als Vorgang (Datum, Stand) erhalten, aber ohne die Angaben zur Person und ohne Bezug zur Akte. Gespeicherte Prüfungen von Angehörigen nennen die Person danach nicht mehr beim Namen („Familienmitglied (Akte gelöscht)“). Eine in einer Kooperationssitzung besprochene Fallfrage bleibt als anonymisiertes Blatt der Sitzung (ohne Name, Geburtsdatum, Aktenzeichen und Bezug zur Akte). Online-Terminanfragen sind mit keiner Akte verbunden: bitte unter „Termine“ nach der Person sehen; sie werden nach 90 Tagen gelöscht. Sicherungen von vor der Löschung enthalten die Akte noch; ein Löschjournal außerhalb der Datenbank sorgt dafür, dass sie bei einer Wiederherstellung erneut gelöscht wird.</p>
        \(form)
        """)
    }

    /// The files due for erasure, longest due first (the first 500 listed).
    public static func retention(frame: PageFrame, due: [RetentionDue], years: Int) -> HTML {
        let shown = due.prefix(500)
        let rows = shown.map { d in
            """
            <tr><td><a href="/clients/\(d.clientID)">\(d.name)</a></td><td>\(d.fileNumber)</td><td>\(d.lastActivity.german)</td><td>\(d.dueOn.german)</td>
            <td><a href="/clients/\(d.clientID)/erase">Löschen prüfen</a></td></tr>
            """ as HTML
        }
        let count: HTML = due.isEmpty ? "<p id=\"retention-count\">Keine Akte hat ihre Aufbewahrungsfrist erreicht.</p>"
            : "<p id=\"retention-count\">\(Labels.count(due.count)) Akte\(due.count == 1 ? "" : "n") mit abgelaufener Frist\(due.count > shown.count ? " (die ersten \(Labels.count(shown.count)) angezeigt)" : "").</p>"
        return Layout.page(frame, """
        <h1>Löschfristen</h1>
        <p>Eine Akte ohne offenen Fall (auch keinen von Angehörigen im selben Haushalt oder verknüpft), ohne Termin ab heute und ohne bei der Behörde noch offenen Antrag wird \(years) Jahr\(years == 1 ? "" : "e") nach ihrer letzten Aktivität (angelegt oder geändert, Fall eröffnet oder abgeschlossen, Beratung, Termin) zur Löschung fällig (Speicherbegrenzung, Art. 5 Abs. 1 lit. e DSGVO). Die Anwendung löscht nicht von selbst: Vor dem Löschen prüfen, ob eine längere Aufbewahrungspflicht gilt, etwa gegenüber einem Zuwendungsgeber (Art. 17 Abs. 3 DSGVO).</p>
        \(count)
        <table><caption class="visually-hidden">Akten mit abgelaufener Aufbewahrungsfrist</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Aktenzeichen</th><th scope="col">Letzte Aktivität</th><th scope="col">Fällig seit</th><th scope="col">Aktion</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """)
    }

    public static func done(frame: PageFrame, fileNumber: String) -> HTML {
        Layout.page(frame, """
        <h1>Akte gelöscht</h1>
        <p role="status" id="erased">Die Akte \(fileNumber) und alle Aufzeichnungen dazu sind gelöscht. Die Löschung ist im Protokoll vermerkt.</p>
        <p><a href="/clients">Zur Klientenliste</a></p>
        """)
    }
}
