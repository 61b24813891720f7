import Counseling
import Eligibility

/// The authority's side of the cooperation: the shared case view (only under consent), referrals in both
/// directions, and the authority's contact directory.
public enum CooperationPages {
    /// Says what the result is made of when the consent leaves convictions or health out: those facts are not read.
    static func unreleasedHint(_ topics: Set<Consent.Topic>) -> HTML {
        let left = [(Consent.Topic.convictions, "Verurteilungen"), (.health, "Gesundheit")].filter { !topics.contains($0.0) }.map(\.1)
        guard !left.isEmpty else { return .empty }
        // Said of the one paper that releases the assessment: another may release the topic for itself, shown below
        // (QA of 06.12.2026: "nicht freigegeben" stood above the health section another consent released).
        return "<p class=\"hint\">Ermittelt nur aus den Angaben, die die Schweigepflichtentbindung für die Einschätzung freigibt: Angaben zu \(left.joined(separator: " und ")) gibt sie nicht frei; sie sind nicht berücksichtigt.</p>"
    }

    public struct SharedRow: Sendable {
        public var clientID: String, fileNumber: String, service: String, since: Day, topics: Set<Consent.Topic>
        /// The name, only for a hit of a search by name under a consent that releases the identity (logged as such).
        public var name: String?
        public init(clientID: String, fileNumber: String, service: String, since: Day, topics: Set<Consent.Topic>, name: String? = nil) {
            self.clientID = clientID; self.fileNumber = fileNumber; self.service = service; self.since = since; self.topics = topics; self.name = name
        }
    }

    /// How the shared list is ordered: by file number, or the newest consents first.
    public enum SharedOrder: String, Sendable, CaseIterable {
        case fileNumber = "aktenzeichen", newest = "freigabe"
        var german: String { self == .fileNumber ? "nach Aktenzeichen" : "neueste Freigaben zuerst" }
    }

    /// `query`: a search by file number or name (nil: none); `searchError`: why it was not run.
    public static func sharedList(frame: PageFrame, rows: [SharedRow], order: SharedOrder = .fileNumber, query: String? = nil, searchError: String? = nil) -> HTML {
        let lines = rows.map { r in
            let topics = Consent.Topic.allCases.filter(r.topics.contains).map { $0.german.components(separatedBy: " (").first ?? $0.german }
            return """
            <tr><td><a href="/shared/clients/\(r.clientID)">Fall \(r.fileNumber)</a></td><td>\(r.name ?? "–")</td><td>\(r.service)</td><td>\(r.since.german)</td><td>\(topics.joined(separator: ", "))</td></tr>
            """ as HTML
        }
        let orders = SharedOrder.allCases.map { o in
            "<option value=\"\(o.rawValue)\"\(o == order ? " selected" : "")>\(o.german)</option>" as HTML
        }
        let found: HTML = query.map { q in
            searchError != nil ? .empty : "<p role=\"status\" id=\"search-result\">\(rows.count == 1 ? "Ein Treffer" : "\(rows.count) Treffer") für „\(q)“. <a href=\"/shared\">Alle freigegebenen Fälle zeigen</a></p>" as HTML
        } ?? .empty
        return Layout.page(frame, """
        <h1>Freigegebene Fälle</h1>
        <p class="hint">Fälle der kooperierenden Beratungsstelle, für die heute eine Schweigepflichtentbindung gegenüber Ihrer Behörde gilt. Jede Ansicht wird protokolliert und der Person auf Anfrage mitgeteilt.</p>
        <form method="get" action="/shared" role="search" novalidate>
        <label for="q">Aktenzeichen oder Name</label>
        <p class="hint" id="q-hint">Die Liste nennt keine Namen. Eine Suche nach dem Namen findet nur Personen, deren Schweigepflichtentbindung die Identität umfasst; jeder Treffer wird als Weitergabe protokolliert.</p>
        \(Layout.fieldError("q", searchError))<input id="q" name="q" value="\(query ?? "")" maxlength="100"\(Layout.describedBy("q", searchError, hint: true))>
        <label for="sortierung">Reihenfolge</label><select id="sortierung" name="sortierung">\(orders)</select>
        <p><button type="submit">Suchen</button></p>
        </form>
        \(found)
        \(lines.isEmpty ? (query == nil ? "<p>Derzeit ist kein Fall freigegeben.</p>" : "<p>Kein freigegebener Fall gefunden.</p>") as HTML : "<table><caption class=\"visually-hidden\">Freigegebene Fälle</caption><thead><tr><th scope=\"col\">Fall</th><th scope=\"col\">Name</th><th scope=\"col\">Beratungsstelle</th><th scope=\"col\">Freigegeben seit</th><th scope=\"col\">Themen</th></tr></thead><tbody>\(lines)</tbody></table>")
        """)
    }

    /// What one consent lets the authority see of a case: exactly these topics, nothing else.
    public struct SharedCase: Sendable {
        public var client: Client
        public var topics: Set<Consent.Topic>
        public var serviceName: String
        public var validUntil: Day?
        public var person: PersonAssessment?
        public var sessions: [(Day, CounselingSession.Kind)]
        public var applications: [PermitApplication]
        /// The pathways the open cases aim at: the steps listed are theirs (empty: of every pathway not excluded).
        public var goals: [PathwayKey]
        /// The topics of the one consent that releases the assessment (several papers are not combined): what it
        /// does not release is what the results may not depend on.
        public var assessedWith: Set<Consent.Topic>
        /// The pathway's documents the case records as not received.
        public var missingDocuments: [String] = []
        public init(client: Client, topics: Set<Consent.Topic>, serviceName: String, validUntil: Day?, person: PersonAssessment?,
                    sessions: [(Day, CounselingSession.Kind)], applications: [PermitApplication] = [], goals: [PathwayKey] = [],
                    assessedWith: Set<Consent.Topic>? = nil, missingDocuments: [String] = []) {
            self.client = client; self.topics = topics; self.serviceName = serviceName; self.validUntil = validUntil
            self.person = person; self.sessions = sessions; self.applications = applications; self.goals = goals
            self.assessedWith = assessedWith ?? topics; self.missingDocuments = missingDocuments
        }
    }

    public static func sharedCase(frame: PageFrame, _ m: SharedCase) -> HTML {
        let c = m.client, p = c.facts
        var parts: [HTML] = []
        if m.topics.contains(.identity) {
            parts.append("""
            <section aria-labelledby="identity"><h2 id="identity">Identität</h2>
            <p>\(c.firstName) \(c.lastName) · geboren \(Labels.day(p.born)) · Staatsangehörigkeit \(p.nationality.map(CountryCodes.germanName) ?? "unbekannt")</p></section>
            """)
        }
        if m.topics.contains(.statusHistory) {
            let rows = (p.status ?? []).map { s in
                "<tr><td>\(s.from.german)</td><td>\(s.to.map(\.german) ?? "laufend")</td><td>\(Labels.status(s.kind))</td></tr>" as HTML
            }
            parts.append("""
            <section aria-labelledby="status"><h2 id="status">Aufenthaltsverlauf</h2>
            <table><caption class="visually-hidden">Statusverlauf</caption><thead><tr><th scope="col">von</th><th scope="col">bis</th><th scope="col">Status</th></tr></thead><tbody>\(rows)</tbody></table></section>
            """)
        }
        if m.topics.contains(.assessment), let person = m.person {
            let rows = person.assessments.map { a -> HTML in
                // Decided by data the consent does not release: withheld rather than told by the result.
                guard Consent.mayShowResult(a, topics: m.assessedWith) else {
                    return "<tr><td>\(a.pathway.title)</td><td>\(a.pathway.subtitle)</td><td class=\"badge\">nicht freigegeben (kann von Angaben abhängen, die die Schweigepflichtentbindung nicht umfasst)</td></tr>"
                }
                return "<tr><td>\(a.pathway.title)</td><td>\(a.pathway.subtitle)</td><td class=\"badge result-\(a.outcome.rawValue)\">\(a.resultGerman)</td></tr>"
            }
            parts.append("""
            <section aria-labelledby="assessment"><h2 id="assessment">Einschätzung der Beratungsstelle (Stand \(person.assessments.first?.on.german ?? ""))</h2>
            \(unreleasedHint(m.assessedWith))<table><caption class="visually-hidden">Ergebnis der Prüfung</caption><thead><tr><th scope="col">Vorschrift</th><th scope="col">Titel</th><th scope="col">Ergebnis</th></tr></thead><tbody>\(rows)</tbody></table></section>
            """)
        }
        if m.topics.contains(.missingDocuments), let person = m.person {
            let relevant = Consent.relevantForSteps(person.assessments, goals: m.goals)
            let actions = Consent.disclosableActions(relevant, topics: m.assessedWith).map { "<li>\($0)</li>" as HTML }
            // Steps of a pathway whose result is withheld are not "none" (QA of 06.12.2026: "Keine offenen Schritte" while
            // documents were missing): said as withheld.
            let withheld = relevant.contains { !Consent.mayShowResult($0, topics: m.assessedWith) }
            let scope: HTML = m.goals.isEmpty ? "<p class=\"hint\">Für alle noch offenen Wege.</p>" : "<p class=\"hint\">Für den angestrebten Weg: \(m.goals.map(\.title).joined(separator: ", ")).</p>"
            parts.append("""
            <section aria-labelledby="missing"><h2 id="missing">Fehlende Unterlagen und Schritte</h2>
            \(scope)
            \(m.missingDocuments.isEmpty ? HTML.empty : "<p>Noch nicht vorliegende Unterlagen:</p><ul id=\"documents-not-received\">\(m.missingDocuments.map { "<li>\($0)</li>" as HTML })</ul>" as HTML)
            \(actions.isEmpty ? (withheld ? "<p>Die Schritte hängen von Angaben ab, die die Schweigepflichtentbindung nicht umfasst; sie werden nicht angezeigt.</p>" : "<p>Keine offenen Schritte.</p>") as HTML : "<ul>\(actions)</ul>")\(withheld && !actions.isEmpty ? "<p class=\"hint\">Weitere Schritte hängen von nicht freigegebenen Angaben ab.</p>" as HTML : .empty)</section>
            """)
        }
        if m.topics.contains(.sessions) {
            let rows = m.sessions.map { s in "<li>\(s.0.german) – \(s.1 == .first ? "Erstberatung" : "Folgeberatung")</li>" as HTML }
            parts.append("<section aria-labelledby=\"sessions\"><h2 id=\"sessions\">Beratungstermine</h2>\(rows.isEmpty ? "<p>Keine.</p>" as HTML : "<ul>\(rows)</ul>")</section>")
        }
        if m.topics.contains(.applications) {
            let rows = m.applications.map { a in
                "<tr><td>\(a.pathway.title)</td><td>\(a.filedOn.german)</td><td>\(a.outcome.german)</td><td>\(a.decidedOn.map(\.german) ?? "–")</td><td>\(a.permitUntil.map(\.german) ?? "–")</td></tr>" as HTML
            }
            parts.append("""
            <section aria-labelledby="applications"><h2 id="applications">Anträge und Entscheidungen</h2>
            \(rows.isEmpty ? "<p>Keine Anträge erfasst.</p>" as HTML : "<table><caption class=\"visually-hidden\">Anträge</caption><thead><tr><th scope=\"col\">Vorschrift</th><th scope=\"col\">gestellt am</th><th scope=\"col\">Ergebnis</th><th scope=\"col\">entschieden am</th><th scope=\"col\">gültig bis</th></tr></thead><tbody>\(rows)</tbody></table>")</section>
            """)
        }
        if m.topics.contains(.health) {
            let i = p.inability
            func line(_ label: String, _ v: Bool?) -> HTML { "<li>\(label): \(Labels.yesNo(v))</li>" }
            let items: [HTML] = [line("Schulbesuch wegen Krankheit oder Behinderung nicht möglich", i?.school),
                                 line("Lebensunterhalt wegen Krankheit, Behinderung oder Alter nicht zu sichern", i?.livelihood),
                                 line("Deutsch A2 wegen Krankheit, Behinderung oder Alter nicht erreichbar", i?.german)]
            parts.append("<section aria-labelledby=\"health\"><h2 id=\"health\">Gesundheit (§ 25b Abs. 3, § 25a Abs. 1 S. 1 Nr. 2 AufenthG)</h2><ul>\(items)</ul>\(i?.reason.map { "<p>Begründung: \(FactReading.word($0))</p>" as HTML } ?? .empty)</section>")
        }
        if m.topics.contains(.convictions) {
            let rows = (p.convictions ?? []).map { v in
                "<li>\(Labels.day(v.date)): \(v.offence ?? "Tat nicht angegeben")\(v.dayFines.map { ", \($0) Tagessätze" } ?? "")\(v.prisonMonths.map { ", \($0) Monate Freiheitsstrafe" } ?? "")</li>" as HTML
            }
            parts.append("<section aria-labelledby=\"conv\"><h2 id=\"conv\">Strafrechtliches</h2>\(rows.isEmpty ? "<p>Keine Verurteilungen erfasst.</p>" as HTML : "<ul>\(rows)</ul>")</section>")
        }
        let title: HTML = m.topics.contains(.identity) ? "\(c.firstName) \(c.lastName)" : "Aktenzeichen \(c.fileNumber)"
        return Layout.page(frame, """
        <h1>Freigegebener Fall: \(title)</h1>
        <p class="hint">Beratungsstelle: \(m.serviceName). Sie sehen nur die Themen der Schweigepflichtentbindung\(m.validUntil.map { " (gültig bis \($0.german))" } ?? ""). Diese Ansicht wurde protokolliert.</p>
        \(parts)
        <p><a href="/shared">Zurück zur Liste</a></p>
        """)
    }

    public struct ReferralForm: Sendable {
        public var service = "", firstName = "", lastName = "", born = "", nationality = "", reason = ""
        public var agreed = false
        public var errors: [String: String] = [:]
        /// Said after a referral was sent.
        public var notice: String?
        /// A refused answer to one referral: which, what was typed, and why.
        public struct Answer: Sendable {
            public enum Action: Sendable { case accept, decline, withdraw }
            public var referralID: String, action: Action, value: String, error: String
            public init(referralID: String, action: Action, value: String, error: String) {
                self.referralID = referralID; self.action = action; self.value = value; self.error = error
            }
        }
        public var answer: Answer?
        /// The state the list is narrowed to (nil: all), and how many referrals are in each state.
        public var state: Referral.State?
        public var counts: [Referral.State: Int] = [:]
        public init() {}
    }

    /// Referrals: the authority sees the ones it made and their state; the service decides on the ones it received.
    public static func referrals(frame: PageFrame, referrals: [Referral], names: [String: String], authoritySide: Bool, services: [Organisation],
                                 form f: ReferralForm) -> HTML {
        let rows = referrals.map { r -> HTML in
            var state = r.state.german
            if let d = r.decidedOn { state += " am \(d.german)" }
            if let why = r.declineReason { state += ": \(why)" }
            var decide: HTML = .empty
            // Whose row a button is in, for a screen reader's list of buttons (QA29 F13).
            let whose: HTML = "<span class=\"visually-hidden\">: \(r.lastName), \(r.firstName)</span>"
            let answer = f.answer?.referralID == r.id ? f.answer : nil
            func refused(_ action: CooperationPages.ReferralForm.Answer.Action) -> (value: String, error: String?) {
                answer?.action == action ? (answer!.value, answer!.error) : ("", nil)
            }
            if !authoritySide && r.state == .pending {
                let (fileNumber, acceptError) = refused(.accept), (why, declineError) = refused(.decline)
                decide = """
                <form method="post" novalidate action="/referrals/\(r.id)/accept">\(Layout.csrf(frame.csrf))
                <label for="fn-\(r.id)">Aktenzeichen (vorhandene Akte, neu, oder leer: wird vergeben)</label>\(Layout.fieldError("fn-\(r.id)", acceptError))<input id="fn-\(r.id)" name="file_number" value="\(fileNumber)"\(Layout.describedBy("fn-\(r.id)", acceptError))>
                <button type="submit">Annehmen\(whose)</button></form>
                <form method="post" novalidate action="/referrals/\(r.id)/decline">\(Layout.csrf(frame.csrf))
                <label for="why-\(r.id)">Grund der Ablehnung <span class="hint">(geht an die Ausländerbehörde: ohne Gesundheitsangaben und ohne Angaben zu Personen)</span></label>\(Layout.fieldError("why-\(r.id)", declineError))<input id="why-\(r.id)" name="reason" required maxlength="500" value="\(why)"\(Layout.describedBy("why-\(r.id)", declineError))>
                <button type="submit">Ablehnen\(whose)</button></form>
                """
            } else if authoritySide && r.state == .pending {
                let (why, error) = refused(.withdraw)
                decide = """
                <form method="post" novalidate action="/referrals/\(r.id)/withdraw">\(Layout.csrf(frame.csrf))
                <label for="wd-\(r.id)">Grund (z. B. falsche Stelle; ohne Angaben zur Person)</label>\(Layout.fieldError("wd-\(r.id)", error))<input id="wd-\(r.id)" name="reason" required maxlength="300" value="\(why)"\(Layout.describedBy("wd-\(r.id)", error))>
                <button type="submit">Zurückziehen\(whose)</button></form>
                """
            } else if !authoritySide, let caseID = r.caseID {
                decide = "<a href=\"/cases/\(caseID)\">zur Akte</a>"
            }
            // A decided referral's data go after their retention time or with the client file; both read alike, so that
            // the authority cannot tell an erasure from the end of the time (QA43 A5).
            let person: HTML = r.state == .withdrawn ? "<em>Angaben gelöscht</em>"
                : r.firstName.isEmpty && r.lastName.isEmpty ? "<em>Angaben nicht mehr gespeichert</em>" : "\(r.lastName), \(r.firstName)"
            return """
            <tr><td>\(r.createdOn.german)</td><td>\(person)</td><td>\(Labels.day(r.born))</td><td>\(r.nationality.map(CountryCodes.germanName) ?? "–")</td>
            <td>\(names[authoritySide ? r.serviceID : r.authorityID] ?? "")</td><td>\(r.reason)</td><td>\(state)</td><td>\(decide)</td></tr>
            """
        }
        var create: HTML = .empty
        if authoritySide {
            let options = services.map { o in "<option value=\"\(o.id)\"\(o.id == f.service ? " selected" : "")>\(o.name)</option>" as HTML }
            // Which fields must be filled is said before the form and marked at each (QA29 F5).
            func field(_ id: String, _ label: String, _ value: String, required: Bool = false) -> HTML {
                "<label for=\"\(id)\">\(label)\(required ? " (Pflichtangabe)" : " (freiwillig)")</label><input id=\"\(id)\" name=\"\(id)\" value=\"\(value)\"\(required ? " required" as HTML : .empty)\(Layout.describedBy(id, f.errors[id]))>\(Layout.fieldError(id, f.errors[id]))"
            }
            create = """
            <h2>Person vermitteln</h2>
            <p class="hint">Vorname, Nachname, Anlass und das Einverständnis der Person sind Pflichtangaben; Geburtsdatum und Staatsangehörigkeit helfen der Beratungsstelle, die Person zuzuordnen.</p>
            \(Layout.errorSummary(f.errors))
            <form method="post" novalidate action="/referrals">\(Layout.csrf(frame.csrf))
            <label for="service">Beratungsstelle</label><select id="service" name="service">\(options)</select>\(Layout.fieldError("service", f.errors["service"]))
            \(field("first_name", "Vorname", f.firstName, required: true))
            \(field("last_name", "Nachname", f.lastName, required: true))
            \(field("born", "Geburtsdatum (TT.MM.JJJJ)", f.born))
            \(field("nationality", "Staatsangehörigkeit (Land, z. B. Irak, oder ISO-Code)", f.nationality))
            \(field("reason", "Anlass (ohne Gesundheitsangaben)", f.reason, required: true))
            <label class="check" for="agreed"><input type="checkbox" id="agreed" name="agreed" value="1" required\(f.agreed ? " checked" : "")\(Layout.describedBy("agreed", f.errors["agreed"]))> Die Person ist mit der Vermittlung und der Weitergabe dieser Angaben einverstanden.</label>\(Layout.fieldError("agreed", f.errors["agreed"]))
            <p><button type="submit">Vermitteln</button></p>
            </form>
            """
        }
        // Links, not a form: each state's list has an address of its own, the count tells where to look.
        let total = f.counts.values.reduce(0, +)
        let choices = [(nil, "alle", total)] + Referral.State.allCases.map { s -> (Referral.State?, String, Int) in (s, s.german, f.counts[s] ?? 0) }
        let links = choices.map { s, label, n -> HTML in
            let href = "/referrals" + (s.map { "?stand=\($0.rawValue)" } ?? "") + "#list"
            return s == f.state ? "<li><a href=\"\(href)\" aria-current=\"page\"><strong>\(label) (\(n))</strong></a></li>" : "<li><a href=\"\(href)\">\(label) (\(n))</a></li>"
        }
        let filter: HTML = total == 0 ? .empty : "<nav class=\"sections\" aria-label=\"Vermittlungen nach Stand\" id=\"referral-filter\"><ul>\(links)</ul></nav>"
        // The form comes first: below a long list it was out of sight (QA of 06.12.2026).
        return Layout.page(frame, """
        <h1>Vermittlungen</h1>
        \(f.notice.map { "<p class=\"notice\" role=\"status\" id=\"notice\">\($0)</p>" as HTML } ?? .empty)
        \(create)
        <h2 id="list">\(authoritySide ? "Ihre Vermittlungen" : "Eingegangene Vermittlungen")</h2>
        <p class="hint">\(authoritySide ? "Von Ihrer Behörde an die Beratungsstelle vermittelte Personen und deren Stand." : "Von der Ausländerbehörde vermittelte Personen: annehmen (mit Akte) oder mit Grund ablehnen.")</p>
        \(filter)
        \(rows.isEmpty ? "<p>Keine Vermittlungen\(f.state.map { " im Stand „\($0.german)“" } ?? "").</p>" as HTML : "<table><caption class=\"visually-hidden\">Vermittlungen</caption><thead><tr><th scope=\"col\">Datum</th><th scope=\"col\">Name</th><th scope=\"col\">geboren</th><th scope=\"col\">Staatsang.</th><th scope=\"col\">\(authoritySide ? "an" : "von")</th><th scope=\"col\">Anlass</th><th scope=\"col\">Stand</th><th scope=\"col\"><span class=\"visually-hidden\">Aktionen</span></th></tr></thead><tbody>\(rows)</tbody></table>")
        """)
    }

    public struct ContactForm: Sendable {
        public var name = "", function = "", phone = "", email = "", responsibility = ""
        /// The entry being changed; nil for a new one.
        public var editing: String?
        public var errors: [String: String] = [:]
        public init() {}
    }

    public static func contacts(frame: PageFrame, directories: [(Organisation, [DirectoryContact])], editable: String?, form f: ContactForm) -> HTML {
        let sections = directories.map { (org, contacts) -> HTML in
            let rows = contacts.map { c -> HTML in
                let remove: HTML = editable == org.id
                    ? "<a href=\"/contacts/\(c.id)/edit#contact-form\">ändern</a> <form method=\"post\" novalidate action=\"/contacts/\(c.id)/delete\" class=\"inline\">\(Layout.csrf(frame.csrf))<button type=\"submit\" class=\"link\">entfernen</button></form>"
                    : .empty
                return "<tr id=\"contact-\(c.id)\"><td>\(c.responsibility)</td><td>\(c.name)</td><td>\(c.function)</td><td>\(ContactPages.dialLink(c.phone))</td><td><a href=\"mailto:\(c.email)\">\(c.email)</a></td><td>\(remove)</td></tr>"
            }
            return """
            <h2>\(org.name)</h2>
            \(rows.isEmpty ? "<p>Noch keine Einträge.</p>" as HTML : "<table><caption class=\"visually-hidden\">Ansprechpersonen</caption><thead><tr><th scope=\"col\">Zuständigkeit</th><th scope=\"col\">Name</th><th scope=\"col\">Funktion</th><th scope=\"col\">Telefon</th><th scope=\"col\">E-Mail</th><th scope=\"col\"><span class=\"visually-hidden\">Aktionen</span></th></tr></thead><tbody>\(rows)</tbody></table>")
            """
        }
        var add: HTML = .empty
        if editable != nil {
            func field(_ id: String, _ label: String, _ value: String) -> HTML {
                "<label for=\"\(id)\">\(label)</label><input id=\"\(id)\" name=\"\(id)\" value=\"\(value)\"\(Layout.describedBy(id, f.errors[id]))>\(Layout.fieldError(id, f.errors[id]))"
            }
            add = """
            <h2 id="contact-form">\(f.editing == nil ? "Eintrag hinzufügen" : "Eintrag ändern")</h2>
            \(Layout.errorSummary(f.errors))
            <form method="post" novalidate action="/contacts\(f.editing.map { "/" + $0 } ?? "")">\(Layout.csrf(frame.csrf))
            \(field("responsibility", "Zuständigkeit (z. B. Sachgebiet Duldung, Buchstaben A–K)", f.responsibility))
            \(field("name", "Name", f.name))
            \(field("function", "Funktion", f.function))
            \(field("phone", "Telefon", f.phone))
            \(field("email", "E-Mail", f.email))
            <p><button type="submit">\(f.editing == nil ? "Hinzufügen" : "Änderung speichern")</button>\(f.editing == nil ? .empty : " <a href=\"/contacts\">Abbrechen</a>" as HTML)</p>
            </form>
            """
        }
        return Layout.page(frame, """
        <h1>Ansprechpersonen der Ausländerbehörde</h1>
        \(sections.isEmpty ? "<p>Keine kooperierende Behörde.</p>" as HTML : HTML.join(sections))
        \(add)
        """)
    }
}
