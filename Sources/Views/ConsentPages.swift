import Counseling
import Eligibility

/// The client's consents (Schweigepflichtentbindungen) and the log of every disclosure made under them, which is
/// also what the client's information request (Art. 15 DSGVO) lists.
public enum ConsentPages {
    public struct Form: Sendable {
        public var recipient = "", purpose = "Prüfung und Begleitung eines Bleiberechtsantrags", validFrom = "", validUntil = ""
        public var language = "Deutsch", formVersion = ConsentFormPage.version, signedOn = ""
        // Nothing ticked: a consent is given topic by topic (Art. 7 DSGVO; QA of 06.12.2026: four ticked in advance were
        // saved with the one the counselor chose).
        public var topics: Set<Consent.Topic> = []
        public var errors: [String: String] = [:]
        public init() {}
    }

    /// A revocation or signature refused: the consent whose form shows the value typed and why (an `Error` to travel in
    /// a `Result`).
    public struct Revocation: Sendable, Error {
        public let consent: String, value: String, message: String
        public init(consent: String, value: String, message: String) { self.consent = consent; self.value = value; self.message = message }
    }

    public static func state(_ c: Consent, today: Day) -> String {
        if let r = c.revokedOn, r <= today { return "widerrufen am \(r.german)" }
        guard let signed = c.signedOn else { return "Entwurf: noch nicht unterschrieben – gibt nichts frei" }
        if today < signed { return "unterschrieben ab \(signed.german)" }
        if today < c.validFrom { return "gültig ab \(c.validFrom.german)" }
        if let u = c.validUntil, today > u { return "abgelaufen am \(u.german)" }
        return "gültig"
    }

    public static func page(frame: PageFrame, client: Client, consents: [Consent], disclosures: [Disclosure], recipients: [Organisation],
                            names: [String: String], today: Day, form f: Form, scans: [String: String] = [:], scanError: String? = nil,
                            revocation: Revocation? = nil, signing: Revocation? = nil) -> HTML {
        let rows = consents.map { c -> HTML in
            let topics = Consent.Topic.allCases.filter(c.topics.contains).map(\.german).joined(separator: "; ")
            let refused = revocation?.consent == c.id ? revocation : nil
            let field = "rv-\(c.id)"
            let revoke: HTML = c.revokedOn == nil
                // The day the revocation came in: a letter arrives after it was written (QA of 06.12.2026: always "today").
                ? "<form method=\"post\" novalidate action=\"/clients/\(client.id)/consents/\(c.id)/revoke\" class=\"inline\">\(Layout.csrf(frame.csrf))<label for=\"\(field)\">Widerruf eingegangen am</label> <input id=\"\(field)\" name=\"revoked_on\" value=\"\(refused?.value ?? today.german)\" size=\"10\" inputmode=\"numeric\"\(Layout.describedBy(field, refused?.message))> <button type=\"submit\">widerrufen</button>\(Layout.fieldError(field, refused?.message))</form>"
                : .empty
            let signField = "sg-\(c.id)", signRefused = signing?.consent == c.id ? signing : nil
            // A draft, recorded to print the form: its signature is entered once signed (QA41 C3).
            let sign: HTML = c.signedOn == nil && c.revokedOn == nil
                ? "<form method=\"post\" novalidate action=\"/clients/\(client.id)/consents/\(c.id)/sign\" class=\"inline\">\(Layout.csrf(frame.csrf))<label for=\"\(signField)\">Unterschrieben am</label> <input id=\"\(signField)\" name=\"signed_on\" value=\"\(signRefused?.value ?? today.german)\" size=\"10\" inputmode=\"numeric\"\(Layout.describedBy(signField, signRefused?.message))> <button type=\"submit\">Unterschrift eintragen</button>\(Layout.fieldError(signField, signRefused?.message))</form>"
                : .empty
            return """
            <tr><td>\(names[c.recipientOrganisationID] ?? c.recipientOrganisationID)</td><td>\(c.purpose)</td><td>\(topics)</td>
            <td>\(c.validFrom.german) – \(c.validUntil?.german ?? "unbefristet")\(c.signedOn.map { "<br><span class=\"hint\">unterschrieben am \($0.german)</span>" as HTML } ?? .empty)</td><td>\(c.language), Formular \(c.formVersion)</td>
            <td>\(state(c, today: today))</td><td>\(sign) \(revoke) <a href="/clients/\(client.id)/consents/\(c.id)/form">Formular drucken</a></td>
            <td>\(scans[c.id].map { "<a href=\"/clients/\(client.id)/consents/\(c.id)/scan\">\($0)</a>" as HTML } ?? .empty)
            <form method="post" novalidate action="/clients/\(client.id)/consents/\(c.id)/scan" enctype="multipart/form-data">\(Layout.csrf(frame.csrf))
            <label for="scan-\(c.id)">Scan (PDF, JPEG, PNG)</label><input id="scan-\(c.id)" name="file" type="file" accept="application/pdf,image/jpeg,image/png">
            <button type="submit">Hochladen</button></form></td></tr>
            """
        }
        // A disclosure on or after the day a revocation came in (recorded later, dated back) is marked (QA of 06.12.2026).
        let revoked = Dictionary(consents.compactMap { c in c.revokedOn.map { (c.id, $0) } }, uniquingKeysWith: { a, _ in a })
        let log = disclosures.map { d -> HTML in
            let after: HTML = revoked[d.consentID].flatMap { r in Day(german: GermanTime.day(d.at)).map { $0 >= r } == true ? " <strong>(nach dem Widerruf vom \(r.german))</strong>" as HTML : nil } ?? .empty
            return "<tr><td>\(GermanTime.format(d.at))\(after)</td><td>\(names[d.recipientID] ?? d.recipientID)</td><td>\(d.topics.map(\.german).joined(separator: "; "))</td><td>\(d.channel == "api" ? "Schnittstelle" : d.channel == "name_search" ? "Suche nach Namen" : "Gemeinsame Fallansicht")</td></tr>"
        }
        let options = recipients.map { o in "<option value=\"\(o.id)\"\(o.id == f.recipient ? " selected" : "")>\(o.name)</option>" as HTML }
        // The group's message comes first and is tied to every box; the summary's link leads to the first (QA29 F3).
        let boxes = Consent.Topic.allCases.enumerated().map { i, t in
            "<label class=\"check\"><input type=\"checkbox\"\(i == 0 ? " id=\"topics\"" as HTML : .empty) name=\"topic_\(t.rawValue)\" value=\"1\"\(f.topics.contains(t) ? " checked" : "")\(Layout.describedBy("topics", f.errors["topics"]))> \(t.german)</label>" as HTML
        }
        func field(_ id: String, _ label: String, _ value: String, hint: String = "") -> HTML {
            """
            <label for="\(id)">\(label)</label>\(hint.isEmpty ? HTML.empty : "<p class=\"hint\" id=\"\(id)-hint\">\(hint)</p>")
            <input id="\(id)" name="\(id)" value="\(value)"\(Layout.describedBy(id, f.errors[id], hint: !hint.isEmpty))>\(Layout.fieldError(id, f.errors[id]))
            """
        }
        let newConsentForm: HTML = """
        \(Layout.errorSummary(f.errors))
        <form method="post" novalidate action="/clients/\(client.id)/consents">
        \(Layout.csrf(frame.csrf))
        <label for="recipient">Empfänger</label>
        <select id="recipient" name="recipient"\(Layout.describedBy("recipient", f.errors["recipient"]))>\(options)</select>\(Layout.fieldError("recipient", f.errors["recipient"]))
        \(field("purpose", "Zweck", f.purpose))
        <fieldset><legend>Umfasste Themen</legend>\(Layout.fieldError("topics", f.errors["topics"]))\(boxes)</fieldset>
        \(field("valid_from", "Gültig ab (TT.MM.JJJJ)", f.validFrom, hint: "in der Regel der Tag der Unterschrift; höchstens ein Jahr im Voraus"))
        \(field("valid_until", "Gültig bis (TT.MM.JJJJ, leer = unbefristet)", f.validUntil))
        \(field("language", "Sprache des Formulars / Dolmetschung", f.language))
        \(field("form_version", "Fassung des Formulartextes", f.formVersion))
        \(field("signed_on", "Unterschrieben am (TT.MM.JJJJ)", f.signedOn, hint: "leer lassen, um das Formular zuerst zu drucken: bis die Unterschrift eingetragen ist, gibt die Schweigepflichtentbindung nichts frei"))
        <p><button type="submit">Speichern</button></p>
        </form>
        """
        return Layout.page(frame, """
        <h1>Schweigepflichtentbindungen: \(client.firstName) \(client.lastName)</h1>
        <p class="hint">Nur unter einer passenden, gültigen und nicht widerrufenen Schweigepflichtentbindung sieht die Behörde Angaben zu dieser Person – und nur die Themen, die sie umfasst.</p>
        \(revocation.map { Layout.errorSummary(["rv-\($0.consent)": $0.message]) } ?? .empty)
        \(signing.map { Layout.errorSummary(["sg-\($0.consent)": $0.message]) } ?? .empty)
        \(rows.isEmpty ? "<p>Es liegt keine Schweigepflichtentbindung vor.</p>" as HTML : "<table class=\"consents\"><caption class=\"visually-hidden\">Schweigepflichtentbindungen</caption><thead><tr><th scope=\"col\">Empfänger</th><th scope=\"col\">Zweck</th><th scope=\"col\">Themen</th><th scope=\"col\">Gültigkeit</th><th scope=\"col\">Sprache / Fassung</th><th scope=\"col\">Stand</th><th scope=\"col\"><span class=\"visually-hidden\">Aktionen</span></th><th scope=\"col\">Unterschriebenes Formular</th></tr></thead><tbody>\(rows)</tbody></table>")
        \(scanError.map { "<p class=\"error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
        <h2>Neue Schweigepflichtentbindung erfassen</h2>
        \(recipients.isEmpty ? "<p class=\"hint\" id=\"no-recipient\">Ihre Beratungsstelle hat derzeit keine Kooperation mit einer Ausländerbehörde: es gibt niemanden, an den Angaben weitergegeben werden könnten.</p>" as HTML : newConsentForm)
        <section aria-labelledby="log"><h2 id="log">Weitergaben (Auskunft nach Art. 15 DSGVO)</h2>
        \(log.isEmpty ? "<p>Bisher wurden keine Angaben weitergegeben.</p>" as HTML : "<table><caption class=\"visually-hidden\">Weitergegebene Angaben</caption><thead><tr><th scope=\"col\">Zeitpunkt</th><th scope=\"col\">Empfänger</th><th scope=\"col\">Themen</th><th scope=\"col\">Weg</th></tr></thead><tbody>\(log)</tbody></table>")
        </section>
        <p><a href="/clients/\(client.id)">Zurück zur Akte</a></p>
        """)
    }
}
