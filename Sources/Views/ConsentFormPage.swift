import Counseling
import Eligibility

/// The printable release from confidentiality (Schweigepflichtentbindung) for one recorded consent: recipient,
/// purpose, topics and validity filled in, the client's rights, and lines to sign. The text is versioned: the
/// version printed is named on the form, and a consent recorded with another version is flagged.
public enum ConsentFormPage {
    /// The version of the form text below.
    public static let version = "SE-2024-1"

    public static func page(frame: PageFrame, client: Client, consent c: Consent, service: Organisation, recipient: Organisation?) -> HTML {
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
        return Layout.page(frame, """
        <p class="no-print"><a href="/clients/\(client.id)/consents">zurück zu den Schweigepflichtentbindungen</a>. \
        Drucken oder als PDF speichern über den Druckdialog des Browsers; unterschrieben als Scan zur Einwilligung hochladen.</p>
        \(mismatch)
        <article class="letter consent-form" aria-label="Formular">
        <h1>Entbindung von der Schweigepflicht und Einwilligung in die Weitergabe von Daten</h1>
        <p>Ich, <strong>\(client.firstName) \(client.lastName)</strong>, geboren am \(born), Aktenzeichen \(client.fileNumber),
        entbinde die Mitarbeitenden der <strong>\(service.name)</strong> gegenüber der folgenden Stelle von ihrer Schweigepflicht
        (§ 203 StGB) und willige ein, dass sie ihr die unten genannten Angaben über mich weitergeben (Art. 6 Abs. 1 Buchst. a DSGVO):</p>
        <p class="consent-recipient"><strong>\(recipient?.name ?? c.recipientOrganisationID)</strong>\(recipient.map { ", \($0.city)" } ?? "")</p>
        <h2>Zweck</h2><p>\(c.purpose)</p>
        <h2>Diese Angaben – und nur diese – dürfen weitergegeben werden</h2><ul>\(topics)</ul>
        \(special)
        <h2>Gültigkeit</h2><p>Ab \(c.validFrom.german) \(until).</p>
        <h2>Ihre Rechte</h2>
        <ul>
        <li>Die Einwilligung ist freiwillig. Wenn Sie nicht einwilligen oder widerrufen, beraten wir Sie trotzdem weiter.</li>
        <li>Sie können die Einwilligung jederzeit ohne Angabe von Gründen widerrufen, mündlich oder schriftlich bei der Beratungsstelle.
        Der Widerruf gilt ab dann; was vorher weitergegeben wurde, bleibt davon unberührt (Art. 7 Abs. 3 DSGVO).</li>
        <li>Sie können Auskunft verlangen, welche Angaben wann an wen weitergegeben wurden (Art. 15 DSGVO), und unrichtige Angaben
        berichtigen lassen (Art. 16 DSGVO). Sie können sich bei der Datenschutzaufsichtsbehörde beschweren (Art. 77 DSGVO).</li>
        </ul>
        <p>Der Inhalt wurde mir auf \(c.language) erklärt<span class="consent-interpreter"> (Dolmetscher:in: ______________________)</span>.</p>
        <div class="grid consent-signatures">
        <p>______________________________<br>Ort, Datum, Unterschrift der Klientin / des Klienten</p>
        <p>______________________________<br>Ort, Datum, Unterschrift der Beraterin / des Beraters</p>
        </div>
        <p class="hint">Formular \(version) · \(service.name) · Einwilligung \(c.id)</p>
        </article>
        """)
    }
}
