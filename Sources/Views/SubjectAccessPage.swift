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
        /// The Land whose holidays move a reminder to the next working day, as the case page shows it.
        public var land = "DE-SN"
        public var cases: [CaseRecord] = []
        public var consents: [Consent] = []
        /// How the service reaches the person (Art. 15: stored, so listed).
        public var contact = ClientContact()
        /// The stored scans of signed consents, by consent id: file name and size (the scan is data of the person too).
        public var consentScans: [String: (name: String, bytes: Int)] = [:]
        public var disclosures: [Disclosure] = []
        public var referrals: [Referral] = []
        public var appointments: [Appointment] = []
        public var snapshots: [AssessmentSnapshot] = []
        /// Sessions about the person in a relative's case.
        public var otherSessions: [CounselingSession] = []
        /// Cases of household members in which the person counts (a child in the parent's case): the case and the days
        /// of sessions held with the family – their content is the relative's data as well (QA18 M2).
        public var familyCases: [(holder: String, relation: String, counselingCase: CounselingCase, familySessions: [Day])] = []
        /// The stored facts by field of the case-file schema, each value as stored (JSON) and in words (`FactReading`).
        public var facts: [(key: String, stored: String, reading: String)] = []
        public var accesses: [Access] = []
        /// All recorded accesses (`accesses` lists the newest of them).
        public var accessCount = 0
        /// Organisation names by id (recipients, referring authorities).
        public var names: [String: String] = [:]
        public var retentionYears: Int
        /// The day the file falls due for erasure if nothing happens any more; nil while work is open.
        public var retentionDue: Day?
        /// Confidential notes of the sessions: printed only when asked for (each is checked first for secrets of others,
        /// § 29 Abs. 1 S. 2 BDSG); the page tells the staff how many there are.
        public var includeConfidential = false
        /// The language of the explanations (the client's); the stored data stay in German.
        public var language = PublicPages.german
        public init(client: Client, controller: Organisation, today: Day, retentionYears: Int) {
            self.client = client; self.controller = controller; self.today = today; self.retentionYears = retentionYears
        }
    }

    /// The explanations a client-facing language lacks (a test keeps this empty for every language).
    public static func untranslated(_ code: String) -> [String] { SubjectAccessTexts.untranslated(code) }

    public static func render(frame: PageFrame, _ m: Model) -> HTML {
        let c = m.client, code = m.language.code
        func t(_ key: String, _ values: [String: String] = [:]) -> String { SubjectAccessTexts.text(key, code, values) }
        /// The text with its values (names, addresses, dates) isolated as German: in a right-to-left translation they
        /// keep their order and are read with a German voice (QA26 C1).
        func tde(_ key: String, _ values: [String: String]) -> HTML {
            code == "de" ? "\(t(key, values))" : HTML.withGerman(SubjectAccessTexts.text(key, code), values)
        }
        let confidential = (m.cases.flatMap(\.sessions) + m.otherSessions).filter { !$0.confidentialNote.isEmpty }.count
        let query = code == "de" ? "" : "?lang=\(code)"
        let staffHint: HTML = confidential == 0 ? .empty : m.includeConfidential
            ? "<p class=\"notice no-print\" id=\"confidential-hint\">\(confidential == 1 ? "Der vertrauliche Vermerk ist abgedruckt. Vor der Herausgabe prüfen, ob er Geheimnisse Dritter enthält" : "Die \(confidential) vertraulichen Vermerke sind abgedruckt. Vor der Herausgabe prüfen, ob sie Geheimnisse Dritter enthalten") (§ 29 Abs. 1 S. 2 BDSG). <a href=\"/clients/\(c.id)/auskunft\(query)\">Ohne vertrauliche Vermerke</a></p>"
            // The query as text: the page escapes it once (QA40 M1: a written "&amp;" became "&amp;amp;", and the link lost
            // its parameter in every language but German).
            : "<p class=\"notice no-print\" id=\"confidential-hint\">\(confidential == 1 ? "Ein vertraulicher Vermerk ist nicht abgedruckt. Auch er gehört zu den Daten der Person: ihn prüfen" : "\(confidential) vertrauliche Vermerke sind nicht abgedruckt. Auch sie gehören zu den Daten der Person: jeden prüfen") (Geheimnisse Dritter, § 29 Abs. 1 S. 2 BDSG) und, soweit nichts entgegensteht, herausgeben. <a href=\"/clients/\(c.id)/auskunft?\(code == "de" ? "" : "lang=\(code)&")vertraulich=1\">Mit vertraulichen Vermerken</a></p>"
        let options = PublicPages.all.map { l in "<option value=\"\(l.code)\"\(l.code == code ? " selected" : "")>\(l.name)</option>" as HTML }
        let languageForm: HTML = """
            <form method="get" action="/clients/\(c.id)/auskunft" class="no-print">
            <label for="lang">Sprache der Erläuterungen (die Daten selbst stehen auf Deutsch)</label>
            <select id="lang" name="lang">\(options)</select>\(m.includeConfidential ? "<input type=\"hidden\" name=\"vertraulich\" value=\"1\">" as HTML : .empty)
            <button type="submit">Anzeigen</button></form>
            """
        let dir = m.language.rtl ? "rtl" : "ltr"
        let explained: HTML = "<div id=\"explained\" lang=\"\(code)\" dir=\"\(dir)\">", accessesOpen: HTML = "<div id=\"accesses-part\" lang=\"\(code)\" dir=\"\(dir)\">"
        let address = m.controller.postalAddress.isEmpty ? "" : ", " + m.controller.postalAddress.replacingOccurrences(of: "\n", with: ", ")
        return Layout.page(frame, """
        <p class="no-print"><a href="/clients/\(c.id)">Zurück zur Akte</a> · Zum Herausgeben drucken oder als PDF speichern.</p>
        \(languageForm)
        \(staffHint)
        \(explained)
        <h1>\(t("title"))</h1>
        <p>\(tde("line", ["name": "\(c.firstName) \(c.lastName)", "born": Labels.day(c.facts.born), "file": c.fileNumber, "today": m.today.german]))</p>
        <p>\(tde("controller", ["org": m.controller.name + address]))</p>
        <h2>\(t("hPurpose"))</h2>
        <p>\(tde("purpose", ["org": m.controller.name]))</p>
        <p>\(t("noDecision"))</p>
        <h2>\(t("hSources"))</h2>
        <ul><li>\(t("sourceSelf"))</li>\(m.referrals.map { r -> HTML in "<li>\(tde("sourceReferral", ["authority": m.names[r.authorityID] ?? r.authorityID, "date": r.createdOn.german])): \(code == "de" ? HTML.empty : "<bdi lang=\"de\">")<q class=\"referral-reason\">\(r.reason)</q>\(code == "de" ? HTML.empty : "</bdi>")</li>" })</ul>
        <h2>\(t("hRecipients"))</h2>
        \(recipients(m, t))
        <h2>\(t("hStorage"))</h2>
        <p>\(t("storage", ["years": String(m.retentionYears)])) \(m.retentionDue.map { $0 <= m.today ? t("storagePast") : t("storageDue", ["date": $0.german]) } ?? t("storageOpen")) \(t("earlier")) \(t("residue"))</p>
        <h2>\(t("hRights"))</h2>
        <ul>\(["r16", "r17", "r21", "r7", "r77"].map { "<li>\(t($0))</li>" as HTML })</ul>
        <h2 id="data">\(t("hData"))</h2>
        \(t("dataGerman").isEmpty ? HTML.empty : "<p>\(t("dataGerman"))</p>")
        </div>
        <div lang="de" dir="ltr" id="stored">
        \(master(m))
        \(statusHistory(c))
        \(facts(m))
        \(casesSection(m))
        \(consentsSection(m))
        \(appointmentsSection(m))
        \(snapshotsSection(m))
        </div>
        \(accessesOpen)
        \(accessesSection(m, t))
        </div>
        """)
    }

    static func recipients(_ m: Model, _ t: (String, [String: String]) -> String) -> HTML {
        let rows = m.disclosures.map { d -> HTML in
            "<tr><td>\(GermanTime.format(d.at))</td><td lang=\"de\">\(m.names[d.recipientID] ?? d.recipientID)</td><td lang=\"de\">\(d.topics.map(\.german).joined(separator: "; "))</td></tr>"
        }
        // What the service itself sent on the person's behalf: the applications filed and the answer to the authority's
        // referral (QA18 M3: "an niemanden weitergegeben" beside a filed § 25b application).
        // Only what the service filed: an application filed before the case was opened was the person's own, recorded
        // here for its date (QA23 F2).
        let sentRows: [(Day, HTML)] = m.cases.flatMap { r in r.applications.filter { $0.filedOn >= r.counselingCase.openedOn } }.map { p in
            (p.filedOn, "<tr><td>\(p.filedOn.german)</td><td lang=\"de\">Ausländerbehörde</td><td lang=\"de\">Antrag nach \(p.pathway.title) mit den Angaben und Unterlagen dazu</td></tr>")
        } + m.referrals.filter { $0.state == .accepted || $0.state == .declined }.map { r in
            (r.decidedOn ?? r.createdOn, "<tr><td>\(Labels.day(r.decidedOn))</td><td lang=\"de\">\(m.names[r.authorityID] ?? r.authorityID)</td><td lang=\"de\">Antwort der Beratungsstelle auf die Vermittlung vom \(r.createdOn.german): \(r.state.german)</td></tr>")
        }
        let applications = sentRows.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
        let answers: [HTML] = []
        let head: HTML = "<thead><tr><th scope=\"col\">\(t("colTime", [:]))</th><th scope=\"col\">\(t("colTo", [:]))</th><th scope=\"col\">\(t("colTopics", [:]))</th></tr></thead>"
        let sent: HTML = applications.isEmpty && answers.isEmpty ? .empty : """
        <p>\(t("submitted", [:]))</p>
        <table id="submitted"><caption class="visually-hidden">\(t("hRecipients", [:]))</caption>\(head)<tbody>\(applications)\(answers)</tbody></table>
        """
        if rows.isEmpty { return applications.isEmpty && answers.isEmpty ? "<p id=\"no-disclosure\">\(t("noDisclosure", [:]))</p>" : sent }
        return """
        <p>\(t("disclosed", [:]))</p>
        <table id="disclosures"><caption class="visually-hidden">\(t("hRecipients", [:]))</caption>\(head)<tbody>\(rows)</tbody></table>
        \(sent)
        """
    }

    static func master(_ m: Model) -> HTML {
        let c = m.client
        let family = m.relatives.map { "<li>\($0.name): \($0.relation)</li>" as HTML }
        return """
        <h3>Stammdaten</h3>
        <dl class="figures"><dt>Name</dt><dd>\(c.lastName), \(c.firstName)</dd><dt>Aktenzeichen</dt><dd>\(c.fileNumber)</dd>
        <dt>Geburtsdatum</dt><dd>\(Labels.day(c.facts.born))</dd><dt>Staatsangehörigkeit</dt><dd>\(c.facts.nationality.map(CountryCodes.germanName) ?? "–")</dd>
        \(ContactPages.entries(m.contact, dial: false))</dl>
        \(family.isEmpty ? HTML.empty : "<h3>Familie</h3><ul>\(family)</ul>")
        """
    }

    static func statusHistory(_ c: Client) -> HTML {
        let rows = (c.facts.status ?? []).map { p -> HTML in
            "<tr><td>\(p.from.german)</td><td>\(Labels.until(of: p))</td><td>\(Labels.status(of: p))</td></tr>"
        }
        return rows.isEmpty ? "<h3>Aufenthaltsverlauf</h3><p>Nicht erfasst.</p>" : """
        <h3>Aufenthaltsverlauf</h3>
        <table id="status"><caption class="visually-hidden">Aufenthaltsverlauf</caption><thead><tr><th scope="col">von</th><th scope="col">bis</th><th scope="col">Status</th></tr></thead><tbody>\(rows)</tbody></table>
        """
    }

    /// Every stored fact with the German meaning of its field, in words and as stored (nothing left out; the words
    /// are for reading, Art. 12 Abs. 1 DSGVO, the stored value is what the file holds).
    static func facts(_ m: Model) -> HTML {
        let rows = m.facts.map { f -> HTML in
            let lines = f.reading.split(separator: "\n").enumerated().map { i, line -> HTML in i == 0 ? "\(String(line))" : "<br>\(String(line))" }
            return "<tr><th scope=\"row\">\(FactReading.label(f.key))</th><td>\(lines)</td><td><code class=\"stored\">\(f.stored)</code></td></tr>"
        }
        return rows.isEmpty ? "<h3>Angaben für die Prüfung</h3><p>Keine.</p>" : """
        <h3>Angaben für die Prüfung</h3>
        <table id="facts"><caption class="visually-hidden">Angaben</caption>
        <thead><tr><th scope="col">Angabe</th><th scope="col">Inhalt</th><th scope="col">gespeichert als</th></tr></thead><tbody>\(rows)</tbody></table>
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
                "<li>Antrag nach \(a.pathway.title), gestellt am \(a.filedOn.german)\(a.filedOn < k.openedOn ? " (vor der Beratung, hier erfasst)" : ""): \(a.outcome.german)\(a.decidedOn.map { " am " + $0.german } ?? "")\(a.permitUntil.map { ", erteilt bis " + $0.german } ?? "")</li>"
            }
            let documents = r.documents.map { d -> HTML in
                "<li>\(d.kind): \(d.state)\(d.receivedOn.map { ", erhalten am " + $0.german } ?? "")\(d.file.map { ", Datei „" + $0 + "“" } ?? "")</li>"
            }
            // On the day it is due, as the case page shows it (QA23 F6: the day typed, a Sunday), and whether it is done.
            let reminders = r.reminders.map { w -> HTML in
                let due = w.deadline(land: m.land).due
                return "<li>\(due.german)\(due != w.on ? " (eingetragen für den \(w.on.german), ein Wochenende oder Feiertag)" : ""): \(w.title) – \(w.doneOn.map { "erledigt am " + $0.german } ?? "offen")</li>"
            }
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
        let family = m.familyCases.map { f -> HTML in
            let k = f.counselingCase
            let days = f.familySessions.isEmpty ? "" : "; Beratungen mit der Familie am \(f.familySessions.map(\.german).joined(separator: ", "))"
            // The case's pathway and state are the relative's data: only that it exists and the days of family sessions
            // (QA22 L4).
            return "<li>Akte von \(f.holder) (\(f.relation)) vom \(k.openedOn.german)\(days)</li>"
        }
        let counted: HTML = family.isEmpty ? .empty : """
            <section class="report-part" id="family-cases"><h4>Mitberaten und mitgeprüft in der Akte eines Haushaltsmitglieds</h4><ul>\(family)</ul>
            <p class="hint">Die Inhalte dieser Akten betreffen auch die angehörige Person. Sie werden auf Wunsch mitgeteilt, soweit deren überwiegende Interessen nicht entgegenstehen (§ 34 Abs. 1, § 29 Abs. 1 S. 2 BDSG).</p></section>
            """
        return parts.isEmpty && others.isEmpty && family.isEmpty ? "<h3>Beratung</h3><p>Keine Akte.</p>" : "<h3>Beratung</h3>\(parts)\(elsewhere)\(counted)"
    }

    static func consentsSection(_ m: Model) -> HTML {
        let rows = m.consents.map { c -> HTML in
            // The signed form's scan is stored data of the person as well (QA of 06.12.2026: it was not listed).
            let scan = m.consentScans[c.id].map { "gespeichert: \($0.name) (\(Labels.count(max(1, $0.bytes / 1024))) KB)" } ?? "–"
            return "<tr><td>\(m.names[c.recipientOrganisationID] ?? c.recipientOrganisationID)</td><td>\(c.purpose)</td><td>\(Consent.Topic.allCases.filter(c.topics.contains).map(\.german).joined(separator: "; "))</td><td>\(c.validFrom.german) – \(c.validUntil?.german ?? "unbefristet")</td><td>\(ConsentPages.state(c, today: m.today))</td><td>\(scan)</td></tr>"
        }
        return rows.isEmpty ? .empty : """
        <h3>Schweigepflichtentbindungen</h3>
        <table id="consents"><caption class="visually-hidden">Schweigepflichtentbindungen</caption><thead><tr><th scope="col">Empfänger</th><th scope="col">Zweck</th><th scope="col">Themen</th><th scope="col">Gültigkeit</th><th scope="col">Stand</th><th scope="col">Unterschriebene Erklärung</th></tr></thead><tbody>\(rows)</tbody></table>
        """
    }

    static func appointmentsSection(_ m: Model) -> HTML {
        let rows = m.appointments.map { a -> HTML in "<li>\(a.day.german), \(a.time) Uhr, \(a.placeGerman) (\(a.state.german))</li>" }
        return rows.isEmpty ? .empty : "<h3>Termine</h3><ul id=\"appointments\">\(rows)</ul>"
    }

    static func snapshotsSection(_ m: Model) -> HTML {
        // With what each concluded, per pathway (QA18 L1: the copy of Art. 15 Abs. 3 named only the days). Results and
        // dates only: the texts may name relatives, whose data are not the person's to receive.
        let rows = m.snapshots.map { s -> HTML in
            let results = (try? AssessmentDocument.decode(Data(s.documentJSON.utf8)))?.persons.first?.assessments.map { a in
                "\(a.title): \(Outcome(rawValue: a.result)?.german ?? a.result)\(a.from.flatMap { Day(iso: $0) }.map { " ab " + $0.german } ?? "")"
            } ?? []
            return "<li>Prüfung zum \(s.on.german), gespeichert am \(GermanTime.format(s.createdAt))\(s.lawVersions.isEmpty ? "" : " (Rechtsstand: " + s.lawVersions.joined(separator: "; ") + ")")\(results.isEmpty ? HTML.empty : "<br><span class=\"hint\">Ergebnis: \(results.joined(separator: "; "))</span>" as HTML)</li>"
        }
        return rows.isEmpty ? .empty : "<h3>Gespeicherte Prüfungen</h3><ul id=\"snapshots\">\(rows)</ul>"
    }

    static func accessesSection(_ m: Model, _ t: (String, [String: String]) -> String) -> HTML {
        // German groups thousands with a point; other languages would read it as a decimal point.
        func number(_ n: Int) -> String { m.language.code == "de" ? Labels.count(n) : String(n) }
        let rows = m.accesses.map { e -> HTML in
            let (action, entity) = AuditLabels.describe(action: e.action, entity: e.entity)
            return "<tr><td>\(GermanTime.format(e.at))</td><td lang=\"de\">\(e.organisation)</td><td lang=\"de\">\(entity) \(action)</td></tr>"
        }
        return """
        <h3>\(t("hAccesses", [:]))</h3>
        <p>\(t("accesses", [:])) \(m.accesses.isEmpty ? t("noAccess", [:]) : t("accessCount", ["n": number(max(m.accessCount, m.accesses.count))]))\(m.accessCount > m.accesses.count ? " " + t("accessShown", ["shown": number(m.accesses.count)]) : "")</p>
        \(rows.isEmpty ? HTML.empty : "<table id=\"accesses\"><caption class=\"visually-hidden\">\(t("hAccesses", [:]))</caption><thead><tr><th scope=\"col\">\(t("colTime", [:]))</th><th scope=\"col\">\(t("colOrg", [:]))</th><th scope=\"col\">\(t("colWhat", [:]))</th></tr></thead><tbody>\(rows)</tbody></table>")
        """
    }
}
