import Counseling
import Eligibility
import Foundation

/// The information a client may ask for about their own data (Art. 15 DSGVO), printable for handing over: what is
/// stored, why, where it came from, to whom it went, for how long, who looked at it, and the client's rights.
public enum SubjectAccessPage {
    public struct CaseRecord: Sendable {
        public var counselingCase: CounselingCase
        public var sessions: [CounselingSession]
        public var applications: [PermitApplication]
        public var documents: [(kind: String, state: String, receivedOn: Day?, file: String?)]
        public var reminders: [ManualReminder]
        public init(counselingCase: CounselingCase, sessions: [CounselingSession], applications: [PermitApplication],
                    documents: [(kind: String, state: String, receivedOn: Day?, file: String?)], reminders: [ManualReminder]) {
            self.counselingCase = counselingCase; self.sessions = sessions; self.applications = applications
            self.documents = documents; self.reminders = reminders
        }
    }

    /// One recorded access: when, by which organisation, what was done to what (no staff names: Art. 15 asks for
    /// the recipients and the accesses, not for the employees, CJEU C-579/21).
    public struct Access: Sendable {
        public var at: String, organisation: String, action: String, entity: String
        public init(at: String, organisation: String, action: String, entity: String) {
            self.at = at; self.organisation = organisation; self.action = action; self.entity = entity
        }
    }

    public struct Model: Sendable {
        public var client: Client
        public var controller: Organisation
        public var today: Day
        public var relatives: [(name: String, relation: String)] = []
        public var cases: [CaseRecord] = []
        public var consents: [Consent] = []
        public var disclosures: [Disclosure] = []
        public var referrals: [Referral] = []
        public var appointments: [Appointment] = []
        public var snapshots: [AssessmentSnapshot] = []
        /// Sessions about the person in a relative's case.
        public var otherSessions: [CounselingSession] = []
        /// The stored facts by field of the case-file schema, each value as stored (JSON).
        public var facts: [(key: String, value: String)] = []
        public var accesses: [Access] = []
        /// Organisation names by id (recipients, referring authorities).
        public var names: [String: String] = [:]
        public var retentionYears: Int
        /// The day the file falls due for erasure if nothing happens any more; nil while work is open.
        public var retentionDue: Day?
        /// Confidential notes of the sessions: printed only when asked for (each is checked first for secrets of others,
        /// § 29 Abs. 1 S. 2 BDSG); the page tells the staff how many there are.
        public var includeConfidential = false
        public init(client: Client, controller: Organisation, today: Day, retentionYears: Int) {
            self.client = client; self.controller = controller; self.today = today; self.retentionYears = retentionYears
        }
    }

    public static func render(frame: PageFrame, _ m: Model) -> HTML {
        let c = m.client
        let confidential = (m.cases.flatMap(\.sessions) + m.otherSessions).filter { !$0.confidentialNote.isEmpty }.count
        let staffHint: HTML = confidential == 0 ? .empty : m.includeConfidential
            ? "<p class=\"notice no-print\" id=\"confidential-hint\">Die \(confidential) vertraulichen Vermerke sind abgedruckt. Vor der Herausgabe prüfen, ob sie Geheimnisse Dritter enthalten (§ 29 Abs. 1 S. 2 BDSG). <a href=\"/clients/\(c.id)/auskunft\">Ohne vertrauliche Vermerke</a></p>"
            : "<p class=\"notice no-print\" id=\"confidential-hint\">\(confidential == 1 ? "Ein vertraulicher Vermerk ist" : "\(confidential) vertrauliche Vermerke sind") nicht abgedruckt. Auch sie sind Daten der Person: jeden prüfen (Geheimnisse Dritter, § 29 Abs. 1 S. 2 BDSG) und, soweit nichts entgegensteht, herausgeben. <a href=\"/clients/\(c.id)/auskunft?vertraulich=1\">Mit vertraulichen Vermerken</a></p>"
        return Layout.page(frame, """
        <p class="no-print"><a href="/clients/\(c.id)">Zurück zur Akte</a> · Zum Herausgeben drucken oder als PDF speichern.</p>
        \(staffHint)
        <h1>Auskunft über Ihre gespeicherten Daten (Art. 15 DSGVO)</h1>
        <p>für \(c.firstName) \(c.lastName), geboren \(Labels.day(c.facts.born)) · Aktenzeichen \(c.fileNumber) · Stand \(m.today.german)</p>
        <p>Verantwortlich: \(m.controller.name)\(m.controller.postalAddress.isEmpty ? "" : ", " + m.controller.postalAddress.replacingOccurrences(of: "\n", with: ", "))</p>
        \(purposes(m))
        \(sources(m))
        \(recipients(m))
        \(storage(m))
        \(rights)
        <h2 id="data">Die gespeicherten Daten</h2>
        \(master(m))
        \(statusHistory(c))
        \(facts(m))
        \(casesSection(m))
        \(consentsSection(m))
        \(appointmentsSection(m))
        \(snapshotsSection(m))
        \(accessesSection(m))
        """)
    }

    static func purposes(_ m: Model) -> HTML {
        """
        <h2>Zweck</h2>
        <p>\(m.controller.name) speichert diese Daten, um Sie zu Ihrem Aufenthaltsrecht zu beraten, Ihre Anträge zu begleiten und – nur mit Ihrer schriftlichen Schweigepflichtentbindung – mit der Ausländerbehörde über Ihren Fall zu sprechen. Berichte an Geldgeber und die Kooperation enthalten nur Zahlen, keine Namen.</p>
        <p>Die Prüfung der Bleiberechtswege im Programm ist eine Hilfe für die Beratung. Sie entscheidet nichts über Sie; über einen Antrag entscheidet allein die Ausländerbehörde.</p>
        """
    }

    static func sources(_ m: Model) -> HTML {
        let referred = m.referrals.map { r -> HTML in
            "<li>Vermittlung durch \(m.names[r.authorityID] ?? r.authorityID) vom \(r.createdOn.german): Name, Geburtsdatum, Staatsangehörigkeit und Anlass der Vermittlung</li>"
        }
        return """
        <h2>Herkunft der Daten</h2>
        <ul><li>von Ihnen selbst, in den Beratungsgesprächen und aus den Unterlagen, die Sie uns gegeben haben</li>\(referred)</ul>
        """
    }

    static func recipients(_ m: Model) -> HTML {
        let rows = m.disclosures.map { d -> HTML in
            "<tr><td>\(GermanTime.format(d.at))</td><td>\(m.names[d.recipientID] ?? d.recipientID)</td><td>\(d.topics.map(\.german).joined(separator: "; "))</td></tr>"
        }
        return """
        <h2>Empfänger</h2>
        \(rows.isEmpty ? "<p id=\"no-disclosure\">Ihre Daten wurden an niemanden weitergegeben.</p>" as HTML : """
        <p>Weitergegeben unter Ihrer Schweigepflichtentbindung:</p>
        <table id="disclosures"><caption class="visually-hidden">Weitergaben</caption><thead><tr><th scope="col">Zeitpunkt</th><th scope="col">an</th><th scope="col">Themen</th></tr></thead><tbody>\(rows)</tbody></table>
        """)
        """
    }

    static func storage(_ m: Model) -> HTML {
        let when: String = m.retentionDue.map {
            $0 <= m.today ? "Die Frist ist abgelaufen; die Akte ist zur Löschung vorgemerkt." : "Wenn bis dahin nichts mehr geschieht, ist das der \($0.german)."
        } ?? "Solange die Beratung läuft, bleibt sie gespeichert."
        return """
        <h2>Speicherdauer</h2>
        <p>Die Akte wird gelöscht, wenn die Beratung abgeschlossen ist und seit dem letzten Schritt \(m.retentionYears) Jahre vergangen sind, es sei denn, eine gesetzliche Pflicht verlangt längeres Aufbewahren. \(when) Auf Ihren Wunsch löschen wir früher.</p>
        """
    }

    static let rights: HTML = """
        <h2>Ihre Rechte</h2>
        <ul>
        <li>Berichtigung unrichtiger und Ergänzung unvollständiger Daten (Art. 16 DSGVO)</li>
        <li>Löschung (Art. 17 DSGVO) und Einschränkung der Verarbeitung (Art. 18 DSGVO)</li>
        <li>Widerspruch gegen die Verarbeitung (Art. 21 DSGVO)</li>
        <li>Widerruf einer Einwilligung oder Schweigepflichtentbindung jederzeit, für die Zukunft (Art. 7 Abs. 3 DSGVO)</li>
        <li>Beschwerde bei einer Datenschutz-Aufsichtsbehörde, etwa der Ihres Bundeslandes (Art. 77 DSGVO)</li>
        </ul>
        """

    static func master(_ m: Model) -> HTML {
        let c = m.client
        let family = m.relatives.map { "<li>\($0.name): \($0.relation)</li>" as HTML }
        return """
        <h3>Stammdaten</h3>
        <dl class="figures"><dt>Name</dt><dd>\(c.lastName), \(c.firstName)</dd><dt>Aktenzeichen</dt><dd>\(c.fileNumber)</dd>
        <dt>Geburtsdatum</dt><dd>\(Labels.day(c.facts.born))</dd><dt>Staatsangehörigkeit</dt><dd>\(c.facts.nationality.map(CountryCodes.germanName) ?? "–")</dd></dl>
        \(family.isEmpty ? HTML.empty : "<h3>Familie</h3><ul>\(family)</ul>")
        """
    }

    static func statusHistory(_ c: Client) -> HTML {
        let rows = (c.facts.status ?? []).map { p -> HTML in
            "<tr><td>\(p.from.german)</td><td>\(Labels.day(p.to))</td><td>\(Labels.status(p.kind))\(p.basis.map { " (" + StatusPeriod.citation(ofBasis: $0) + ")" } ?? "")</td></tr>"
        }
        return rows.isEmpty ? "<h3>Aufenthaltsverlauf</h3><p>Nicht erfasst.</p>" : """
        <h3>Aufenthaltsverlauf</h3>
        <table id="status"><caption class="visually-hidden">Aufenthaltsverlauf</caption><thead><tr><th scope="col">von</th><th scope="col">bis</th><th scope="col">Status</th></tr></thead><tbody>\(rows)</tbody></table>
        """
    }

    /// Every stored fact with the German meaning of its field, the value as stored (nothing left out or reworded).
    static func facts(_ m: Model) -> HTML {
        let meanings = Dictionary(FactsPage.fields, uniquingKeysWith: { a, _ in a })
        let rows = m.facts.map { f -> HTML in
            "<tr><th scope=\"row\">\(meanings[f.key] ?? f.key)</th><td><code>\(f.value)</code></td></tr>"
        }
        return rows.isEmpty ? "<h3>Angaben für die Prüfung</h3><p>Keine.</p>" : """
        <h3>Angaben für die Prüfung</h3>
        <table id="facts"><caption class="visually-hidden">Angaben</caption><tbody>\(rows)</tbody></table>
        """
    }

    static func casesSection(_ m: Model) -> HTML {
        let parts = m.cases.map { r -> HTML in
            let k = r.counselingCase
            let sessions = r.sessions.map { s -> HTML in
                let note: HTML = m.includeConfidential && !s.confidentialNote.isEmpty ? "<br><em>Vertraulicher Vermerk:</em> \(s.confidentialNote)" : .empty
                return "<tr><td>\(s.on.german)</td><td>\(CasePages.channel(s.channel)), \(s.durationMinutes) min</td><td>\(s.language)\(s.interpreter ? " (mit Dolmetschung)" : "")</td><td>\(s.pathways.map(\.title).joined(separator: ", "))</td><td>\(s.record)\(note)</td></tr>"
            }
            let applications = r.applications.map { a -> HTML in
                "<li>Antrag nach \(a.pathway.title), gestellt am \(a.filedOn.german): \(a.outcome.german)\(a.decidedOn.map { " am " + $0.german } ?? "")\(a.permitUntil.map { ", erteilt bis " + $0.german } ?? "")</li>"
            }
            let documents = r.documents.map { d -> HTML in
                "<li>\(d.kind): \(d.state)\(d.receivedOn.map { ", erhalten am " + $0.german } ?? "")\(d.file.map { ", Datei „" + $0 + "“" } ?? "")</li>"
            }
            let reminders = r.reminders.map { w -> HTML in "<li>\(w.on.german): \(w.title)\(w.doneOn.map { " (erledigt am " + $0.german + ")" } ?? "")</li>" }
            return """
            <section class="report-part"><h4>Akte vom \(k.openedOn.german)</h4>
            <p>Stand: \(CasePages.state(k.state))\(k.pathway.map { " · Ziel: " + $0.title } ?? "")\(k.closedOn.map { " · abgeschlossen am " + $0.german } ?? "")\(k.outcome.map { ": " + $0 } ?? "")</p>
            \(sessions.isEmpty ? HTML.empty : "<table><caption>Beratungen</caption><thead><tr><th scope=\"col\">Datum</th><th scope=\"col\">Art</th><th scope=\"col\">Sprache</th><th scope=\"col\">Besprochene Wege</th><th scope=\"col\">Vermerk</th></tr></thead><tbody>\(sessions)</tbody></table>")
            \(applications.isEmpty ? HTML.empty : "<p>Anträge:</p><ul>\(applications)</ul>")
            \(documents.isEmpty ? HTML.empty : "<p>Unterlagen:</p><ul>\(documents)</ul>")
            \(reminders.isEmpty ? HTML.empty : "<p>Wiedervorlagen:</p><ul>\(reminders)</ul>")
            </section>
            """
        }
        let others = m.otherSessions.map { s -> HTML in
            "<li>\(s.on.german): \(CasePages.channel(s.channel)), \(s.language) – \(s.record)\(m.includeConfidential && !s.confidentialNote.isEmpty ? " (vertraulicher Vermerk: \(s.confidentialNote))" : "")</li>"
        }
        let elsewhere: HTML = others.isEmpty ? .empty : "<section class=\"report-part\" id=\"other-sessions\"><h4>In der Akte eines Familienangehörigen</h4><ul>\(others)</ul></section>"
        return parts.isEmpty && others.isEmpty ? "<h3>Beratung</h3><p>Keine Akte.</p>" : "<h3>Beratung</h3>\(parts)\(elsewhere)"
    }

    static func consentsSection(_ m: Model) -> HTML {
        let rows = m.consents.map { c -> HTML in
            "<tr><td>\(m.names[c.recipientOrganisationID] ?? c.recipientOrganisationID)</td><td>\(c.purpose)</td><td>\(Consent.Topic.allCases.filter(c.topics.contains).map(\.german).joined(separator: "; "))</td><td>\(c.validFrom.german) – \(c.validUntil?.german ?? "unbefristet")</td><td>\(ConsentPages.state(c, today: m.today))</td></tr>"
        }
        return rows.isEmpty ? .empty : """
        <h3>Schweigepflichtentbindungen</h3>
        <table id="consents"><caption class="visually-hidden">Schweigepflichtentbindungen</caption><thead><tr><th scope="col">Empfänger</th><th scope="col">Zweck</th><th scope="col">Themen</th><th scope="col">Gültigkeit</th><th scope="col">Stand</th></tr></thead><tbody>\(rows)</tbody></table>
        """
    }

    static func appointmentsSection(_ m: Model) -> HTML {
        let rows = m.appointments.map { a -> HTML in "<li>\(a.day.german), \(a.time) Uhr, \(a.place) (\(a.state.german))</li>" }
        return rows.isEmpty ? .empty : "<h3>Termine</h3><ul id=\"appointments\">\(rows)</ul>"
    }

    static func snapshotsSection(_ m: Model) -> HTML {
        let rows = m.snapshots.map { s -> HTML in
            "<li>Prüfung zum \(s.on.german), gespeichert am \(GermanTime.format(s.createdAt))\(s.lawVersions.isEmpty ? "" : " (Rechtsstand: " + s.lawVersions.joined(separator: "; ") + ")")</li>"
        }
        return rows.isEmpty ? .empty : "<h3>Gespeicherte Prüfungen</h3><ul id=\"snapshots\">\(rows)</ul>"
    }

    static func accessesSection(_ m: Model) -> HTML {
        let rows = m.accesses.map { e -> HTML in
            let (action, entity) = AuditLabels.describe(action: e.action, entity: e.entity)
            return "<tr><td>\(GermanTime.format(e.at))</td><td>\(e.organisation)</td><td>\(entity) \(action)</td></tr>"
        }
        return """
        <h3>Zugriffe auf Ihre Daten</h3>
        <p>Jeder Zugriff wird protokolliert (ohne Inhalte). \(m.accesses.isEmpty ? "Bisher keiner." : "\(m.accesses.count) Zugriffe, der jüngste zuerst:")</p>
        \(rows.isEmpty ? HTML.empty : "<table id=\"accesses\"><caption class=\"visually-hidden\">Zugriffe</caption><thead><tr><th scope=\"col\">Zeitpunkt</th><th scope=\"col\">Organisation</th><th scope=\"col\">Vorgang</th></tr></thead><tbody>\(rows)</tbody></table>")
        """
    }
}
