import Counseling
import Eligibility

/// The printable release from confidentiality (Schweigepflichtentbindung) for one recorded consent: recipient,
/// purpose, topics and validity filled in, the client's rights, and lines to sign. The text is versioned: the
/// version printed is named on the form, and a consent recorded with another version is flagged.
public enum ConsentFormPage {
    /// The version of the form text below.
    public static let version = Consent.currentFormVersion

    /// `lang`: the client's language; other than German, a translation follows the German form (QA26 C2).
    public static func page(frame: PageFrame, client: Client, consent c: Consent, service: Organisation, recipient: Organisation?,
                            lang: PublicPages.Language = PublicPages.german) -> HTML {
        let topics = Consent.Topic.allCases.filter(c.topics.contains).map { "<li>\($0.german)</li>" as HTML }
        var special: [HTML] = []
        if c.topics.contains(.health) { special.append("<p>Die Einwilligung umfasst ausdrücklich Angaben zu meiner Gesundheit (Art. 9 Abs. 2 Buchst. a DSGVO).</p>") }
        if c.topics.contains(.convictions) { special.append("<p>Die Einwilligung umfasst ausdrücklich Angaben zu Strafverfahren und Verurteilungen (Art. 10 DSGVO).</p>") }
        let until = c.validUntil.map { "bis einschließlich \($0.german)" } ?? "bis zu meinem Widerruf"
        let mismatch: HTML = c.formVersion == version ? .empty : """
            <p class="no-print error" role="alert">In der Akte ist die Fassung „\(c.formVersion)“ vermerkt; gedruckt wird die Fassung \(version). \
            Wird dieser Text unterschrieben, bitte die Fassung in der Akte anpassen.</p>
            """
        let born = client.facts.born?.german ?? "____________"
        // The city once ("Ausländerbehörde Elbstadt, Elbstadt" read oddly; QA26 C2).
        let recipientName = recipient.map { $0.name.contains($0.city) ? $0.name : "\($0.name), \($0.city)" } ?? c.recipientOrganisationID
        let options = PublicPages.all.map { l in "<option value=\"\(l.code)\"\(l.code == lang.code ? " selected" : "")>\(l.name)</option>" as HTML }
        return Layout.page(frame, """
        <p class="no-print"><a href="/clients/\(client.id)/consents">zurück zu den Schweigepflichtentbindungen</a>. \
        Drucken oder als PDF speichern über den Druckdialog des Browsers; unterschrieben als Scan zur Einwilligung hochladen.</p>
        <form method="get" action="/clients/\(client.id)/consents/\(c.id)/form" class="no-print"><label for="lang">Übersetzung zum Verständnis anhängen</label>
        <select id="lang" name="lang">\(options)</select> <button type="submit">Anzeigen</button></form>
        \(mismatch)
        <article class="letter consent-form" aria-label="Formular">
        <h1>Entbindung von der Schweigepflicht und Einwilligung in die Weitergabe von Daten</h1>
        <p>Ich, <strong>\(client.firstName) \(client.lastName)</strong>, geboren am \(born), Aktenzeichen \(client.fileNumber),
        entbinde die Mitarbeitenden der <strong>\(service.name)</strong> gegenüber der folgenden Stelle von ihrer Schweigepflicht
        (§ 203 StGB) und willige ein, dass sie ihr die unten genannten Angaben über mich weitergeben (Art. 6 Abs. 1 Buchst. a DSGVO):</p>
        <p class="consent-recipient"><strong>\(recipientName)</strong></p>
        <h2>Zweck</h2><p>\(c.purpose)</p>
        <h2>Diese Angaben – und nur diese – dürfen weitergegeben werden</h2><ul>\(topics)</ul>
        \(special)
        <h2>Gültigkeit</h2><p>Ab \(c.validFrom.german) \(until).</p>
        <h2>Meine Rechte</h2>
        <ul>
        <li>Die Einwilligung ist freiwillig. Wenn ich nicht einwillige oder widerrufe, werde ich trotzdem weiter beraten.</li>
        <li>Ich kann die Einwilligung jederzeit ohne Angabe von Gründen widerrufen, mündlich oder schriftlich bei der Beratungsstelle.
        Der Widerruf gilt ab dann; was vorher weitergegeben wurde, bleibt davon unberührt (Art. 7 Abs. 3 DSGVO).</li>
        <li>Ich kann Auskunft verlangen, welche Angaben wann an wen weitergegeben wurden (Art. 15 DSGVO), und unrichtige Angaben
        berichtigen lassen (Art. 16 DSGVO). Ich kann mich bei der Datenschutzaufsichtsbehörde beschweren (Art. 77 DSGVO).</li>
        </ul>
        <p>Der Inhalt wurde mir erklärt; Sprache: \(c.language)<span class="consent-interpreter"> (Dolmetscher:in: ______________________)</span>.</p>
        <div class="grid consent-signatures">
        <p>______________________________<br>Ort, Datum, Unterschrift der Klientin / des Klienten</p>
        <p>______________________________<br>Ort, Datum, Unterschrift der Beraterin / des Beraters</p>
        </div>
        <p class="hint">Formular \(version) · \(service.name) · Einwilligung \(c.id)</p>
        </article>
        \(lang.code == "de" ? HTML.empty : translation(client: client, consent: c, service: service, recipient: recipientName, born: born, until: c.validUntil, lang: lang))
        """)
    }

    /// The form in the client's language, after the German one (a page of its own in print).
    static func translation(client: Client, consent c: Consent, service: Organisation, recipient: String, born: String, until: Day?, lang l: PublicPages.Language) -> HTML {
        func t(_ key: String) -> String { ConsentFormTexts.text(key, l.code) }
        func fill(_ key: String, _ values: [String: String]) -> HTML { HTML.withGerman(t(key), values) }
        let topics = Consent.Topic.allCases.filter(c.topics.contains).map { "<li>\(ConsentFormTexts.topic($0, l.code))</li>" as HTML }
        let validity = until.map { fill("untilDay", ["from": c.validFrom.german, "until": $0.german]) } ?? fill("untilRevoked", ["from": c.validFrom.german])
        return """
        <article class="letter consent-form consent-translation" lang="\(l.code)" dir="\(l.rtl ? "rtl" : "ltr")" aria-label="\(t("title"))">
        <h2>\(t("title"))</h2>
        <p><strong>\(t("binding"))</strong></p>
        <p>\(fill("intro", ["name": "\(client.firstName) \(client.lastName)", "born": born, "service": service.name]))</p>
        <p class="consent-recipient"><strong lang="de" dir="ltr">\(recipient)</strong></p>
        <h3>\(t("purpose"))</h3><p lang="de" dir="ltr">\(c.purpose)</p>
        <h3>\(t("topics"))</h3><ul>\(topics)</ul>
        \(c.topics.contains(.health) ? "<p>\(t("health"))</p>" as HTML : .empty)\(c.topics.contains(.convictions) ? "<p>\(t("convictions"))</p>" as HTML : .empty)
        <h3>\(t("validity"))</h3><p>\(validity)</p>
        <h3>\(t("rights"))</h3>
        <ul><li>\(t("r1"))</li><li>\(t("r2"))</li><li>\(t("r3"))</li></ul>
        </article>
        """
    }
}
