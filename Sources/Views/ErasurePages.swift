import Counseling

/// Erasing a client's file: what goes, the confirmation by file number, and the result.
public enum ErasurePages {
    public static func confirm(frame: PageFrame, client c: Client, scope s: ErasureScope, error: String? = nil) -> HTML {
        let blocked = s.openCases > 0 || s.upcomingAppointments > 0
        var parts: [String] = []
        func add(_ n: Int, _ one: String, _ many: String) { if n > 0 { parts.append(n == 1 ? "1 \(one)" : "\(n) \(many)") } }
        add(s.cases, "Fall", "Fälle"); add(s.sessions, "Beratung", "Beratungen"); add(s.documents, "hochgeladenes Dokument", "hochgeladene Dokumente")
        add(s.consents, "Schweigepflichtentbindung", "Schweigepflichtentbindungen"); add(s.appointments, "Termin", "Termine")
        add(s.relations, "Familienbeziehung", "Familienbeziehungen"); add(s.snapshots, "gespeicherte Prüfung", "gespeicherte Prüfungen")
        let form: HTML = blocked ? """
            <div class="error-summary" role="alert" id="erase-blocked"><p>Die Akte kann noch nicht gelöscht werden: \(s.openCases > 0 ? "\(s.openCases) offene\(s.openCases == 1 ? "r Fall" : " Fälle")" : "")\(s.openCases > 0 && s.upcomingAppointments > 0 ? " und " : "")\(s.upcomingAppointments > 0 ? "\(s.upcomingAppointments) Termin\(s.upcomingAppointments == 1 ? "" : "e") ab heute" : ""). Bitte zuerst die Fälle abschließen und die Termine absagen.</p></div>
            """ : """
            <form method="post" action="/clients/\(c.id)/erase">
            \(Layout.csrf(frame.csrf))
            <label for="file_number">Zur Bestätigung das Aktenzeichen eingeben (\(c.fileNumber))</label>
            \(Layout.fieldError("file_number", error))<input id="file_number" name="file_number" autocomplete="off" required\(Layout.describedBy("file_number", error))>
            <p><button type="submit">Akte endgültig löschen</button> <a href="/clients/\(c.id)">Abbrechen</a></p>
            </form>
            """
        return Layout.page(frame, """
        <h1>Akte löschen: \(c.firstName) \(c.lastName)</h1>
        <p>Aktenzeichen \(c.fileNumber)</p>
        <p>Gelöscht werden die Stammdaten, die Angaben und der Statusverlauf\(parts.isEmpty ? "" : ", außerdem \(parts.joined(separator: ", "))"), jeweils mit hochgeladenen Dateien. Das lässt sich nicht rückgängig machen.</p>
        <p class="hint">Vorher bedenken: gesetzliche oder vertragliche Aufbewahrungsfristen (z. B. gegenüber Zuwendungsgebern) gehen der Löschung vor (Art. 17 Abs. 3 DSGVO). Berichte über vergangene Zeiträume zählen die Person danach nicht mehr. Das Protokoll behält, wer wann auf die Akte zugegriffen hat – ohne Inhalte – und vermerkt die Löschung. Eine Vermittlung der Ausländerbehörde bleibt deren Unterlage, verweist aber nicht mehr auf die Akte.</p>
        \(form)
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
