import Counseling
import Eligibility

/// A row of the client list.
public struct ClientRow: Sendable {
    public var id, fileNumber, name: String
    public var born, nationality, status: String?
    public init(id: String, fileNumber: String, name: String, born: String?, nationality: String?, status: String?) {
        self.id = id; self.fileNumber = fileNumber; self.name = name; self.born = born; self.nationality = nationality; self.status = status
    }
}

public enum ClientPages {
    /// Clients per page of the list.
    public static let pageSize = 50

    /// `showRetention`: the coordination sees the way to the files due for erasure.
    /// A word of the search shaped like a date that is none (two-digit year, 31.02.): said at "Keine Treffer" (QA of
    /// 06.12.2026: "05.07.84" found nothing without a hint).
    static func incompleteDate(_ query: String) -> String? {
        query.split(whereSeparator: \.isWhitespace).first { w in
            let parts = w.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) } && Day(german: w) == nil
        }.map(String.init)
    }

    public static func list(frame: PageFrame, query: String, rows: [ClientRow], page: Int, hasMore: Bool, showRetention: Bool = false) -> HTML {
        let first = (page - 1) * pageSize + 1
        let body = rows.map { r in
            """
            <tr><td><a href="/clients/\(r.id)">\(r.name)</a></td><td>\(r.fileNumber)</td><td>\(r.born ?? "–")</td>
            <td>\(r.nationality.map(CountryCodes.germanName) ?? "–")</td><td>\(Labels.unbroken(Labels.status(r.status)))</td></tr>
            """ as HTML
        }
        let next: HTML = hasMore ? "<a href=\"/clients?q=\(urlQuery(query))&amp;page=\(page + 1)\">Weitere</a>" : .empty
        let prev: HTML = page > 1 ? "<a href=\"/clients?q=\(urlQuery(query))&amp;page=\(page - 1)\">Zurück</a> " : .empty
        return Layout.page(frame, """
        <h1>Klient:innen</h1>
        <form method="get" action="/clients" role="search">
        <label for="q">Suche nach Name, Aktenzeichen oder Geburtsdatum (TT.MM.JJJJ)</label>
        <p class="hint">Schreibweisen werden toleriert (z. B. Mohammed/Muhammad, Müller/Mueller).</p>
        <input id="q" name="q" type="search" value="\(query)"> <button type="submit">Suchen</button>
        </form>
        <p><a class="button" href="/clients/new">Neue Klientin / neuer Klient</a>\(showRetention ? " · <a href=\"/retention\">Löschfristen</a>" as HTML : .empty)</p>
        \(rows.isEmpty ? "<p id=\"no-hits\">Keine Treffer.\(Self.incompleteDate(query).map { " „\($0)“ ist kein \(($0.split(separator: ".").last?.count ?? 0) < 4 ? "vollständiges" : "gültiges") Datum: ein Geburtsdatum bitte als TT.MM.JJJJ suchen." } ?? "")</p>" as HTML : """
        <table><caption>\(rows.count == 1 && page == 1 && !hasMore ? "1 Treffer" : "Treffer \(first)–\(first + rows.count - 1)")\(hasMore ? ", weitere auf der nächsten Seite" : "")</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Aktenzeichen</th><th scope="col">Geboren</th><th scope="col">Staatsang.</th><th scope="col">Aktueller Status</th></tr></thead>
        <tbody>\(body)</tbody></table>
        """ as HTML)
        <p>\(prev)\(next)</p>
        """)
    }

    public struct NewClientForm: Sendable {
        public var firstName = "", lastName = "", fileNumber = "", born = "", nationality = "", entered = "", maritalStatus = ""
        public var errors: [String: String] = [:]
        /// Files of the same name and birth date: shown before a second file for the same person is made.
        public var duplicates: [(id: String, fileNumber: String)] = []
        /// What confirms creating a file beside `duplicates`: a digest of the name and birth date asked about.
        public var duplicateConfirmation = ""
        /// A family member created from a relative's file: the relative (id and name), what the new person is to them,
        /// and whether they live together; linked with the creation.
        public var relativeID = "", relativeName = "", relation = "", household = true
        public init() {}
    }

    /// The relations a family member can be created in from a relative's file: what the new person is to the relative.
    public static let newRelativeKinds: [(String, String)] = [("child", "Kind"), ("spouse", "Ehegatte/Ehegattin"),
                                                              ("registered_partner", "eingetragene/r Lebenspartner/in"), ("parent", "Elternteil")]

    public static func new(frame: PageFrame, form f: NewClientForm) -> HTML {
        func field(_ id: String, _ label: String, _ value: String, type: String = "text", hint: String? = nil, required: Bool = false) -> HTML {
            let err = f.errors[id]
            return """
            <label for="\(id)">\(label)\(required ? Layout.required : .empty)</label>
            \(hint.map { "<p class=\"hint\" id=\"\(id)-hint\">\($0)</p>" as HTML } ?? .empty)
            <input id="\(id)" name="\(id)" type="\(type)" value="\(value)"\(required ? " required" : "")\(Layout.describedBy(id, err, hint: hint != nil))>
            \(Layout.fieldError(id, err))
            """
        }
        let maritalOptions = ([("", "unbekannt")] + MaritalStatus.allCases.map { ($0.rawValue, Labels.marital($0)) }).map { v, l in
            "<option value=\"\(v)\"\(v == f.maritalStatus ? " selected" : "")>\(l)</option>" as HTML
        }
        return Layout.page(frame, """
        <h1>Neue Klientin / neuer Klient</h1>
        \(f.relativeID.isEmpty ? HTML.empty : "<p class=\"notice\" id=\"relation\">Wird angelegt als \(Self.newRelativeKinds.first { $0.0 == f.relation }?.1 ?? "Angehörige/r") von \(f.relativeName) und mit ihr/ihm verknüpft. Übernommene Angaben bitte prüfen.</p>" as HTML)
        \(Layout.errorSummary(f.errors))
        \(f.duplicates.isEmpty ? HTML.empty : """
            <div class="error-summary" role="alert" tabindex="-1" autofocus id="duplicates"><h2>Gibt es diese Person schon?</h2>
            <p>Mit demselben Namen und \(f.born.isEmpty ? "ebenfalls ohne Geburtsdatum" : "Geburtsdatum") besteht bereits: \(HTML.join(f.duplicates.map { "<a href=\"/clients/\($0.id)\">\($0.fileNumber)</a>" as HTML }, separator: ", ")).
            Ist es dieselbe Person, arbeiten Sie bitte in dieser Akte weiter. Noch ist nichts angelegt; „Trotzdem anlegen“ legt eine weitere Akte an.</p></div>
            """)
        <form method="post" novalidate action="/clients">
        \(Layout.csrf(frame.csrf))\(f.duplicates.isEmpty ? HTML.empty : "<input type=\"hidden\" name=\"confirm_duplicate\" value=\"\(f.duplicateConfirmation)\">")
        \(f.relativeID.isEmpty ? HTML.empty : "<input type=\"hidden\" name=\"relative_of\" value=\"\(f.relativeID)\"><input type=\"hidden\" name=\"relation\" value=\"\(f.relation)\">" as HTML)
        <p class="hint" id="name-hint">Namen in lateinischen Buchstaben, wie sie in der Duldung oder im Pass stehen.</p>
        <div class="grid">
        <div>\(field("first_name", "Vorname", f.firstName, required: true))</div>
        <div>\(field("last_name", "Nachname", f.lastName, required: true))</div>
        <div>\(field("file_number", "Aktenzeichen", f.fileNumber, hint: "Leer lassen für ein automatisch vergebenes Aktenzeichen."))</div>
        <div>\(field("born", "Geburtsdatum (TT.MM.JJJJ)", f.born, hint: "Leer lassen, wenn unbekannt."))</div>
        <div>\(field("nationality", "Staatsangehörigkeit (Land, z. B. Syrien, oder ISO-Code; XXA = staatenlos)", f.nationality))</div>
        <div>\(field("entered", "Einreise (TT.MM.JJJJ)", f.entered))</div>
        <div><label for="marital_status">Familienstand</label>\(Layout.fieldError("marital_status", f.errors["marital_status"]))<select id="marital_status" name="marital_status"\(Layout.describedBy("marital_status", f.errors["marital_status"]))>\(maritalOptions)</select></div>
        \(f.relativeID.isEmpty ? HTML.empty : "<div><label class=\"check\"><input type=\"checkbox\" name=\"household\" value=\"1\"\(f.household ? " checked" : "")> lebt mit \(f.relativeName) in häuslicher Gemeinschaft</label></div>" as HTML)
        </div>
        <p><button type="submit">\(f.duplicates.isEmpty ? "Anlegen" : "Trotzdem anlegen")</button></p>
        </form>
        """)
    }

    public struct ClientView: Sendable {
        public var client: Client
        public var members: [Client]
        public var relations: [ClientRelation]
        /// The service's coordination: the audit trail and the erasure of the file (Policy .readAudit, .eraseClient).
        public var canSeeAudit: Bool
        /// Who lives in the client's household (family community).
        public var householdIDs: Set<String>
        public var error: String?
        /// Further sections (the cases).
        public var extra: HTML = .empty
        /// How to reach the person (shown to those who work on the file).
        public var contact: HTML = .empty
        /// A refused link form's values (relationship, file number, household), shown as sent.
        public var linkSent: (kind: String, other: String, household: Bool)? = nil
        public init(client: Client, members: [Client], relations: [ClientRelation], canSeeAudit: Bool, householdIDs: Set<String> = [], error: String? = nil) {
            self.client = client; self.members = members; self.relations = relations; self.canSeeAudit = canSeeAudit
            self.householdIDs = householdIDs; self.error = error
        }
    }

    public static func show(frame: PageFrame, _ v: ClientView) -> HTML {
        let c = v.client, p = c.facts
        let status = (p.status ?? []).map { s in
            """
            <tr><td>\(Labels.unbroken(Labels.status(of: s)))</td><td>\(s.from.german)</td><td>\(Labels.until(of: s))</td></tr>
            """ as HTML
        }
        let family = v.relations.compactMap { r -> HTML? in
            guard r.from == c.id || r.to == c.id else { return nil }
            let otherID = r.from == c.id ? r.to : r.from
            guard let other = v.members.first(where: { $0.id == otherID }) else { return nil }
            let role = Labels.role(in: r, of: c.id)
            let together = v.householdIDs.contains(other.id) ? "im Haushalt" : "lebt nicht im Haushalt"
            let remove: HTML = r.id.map { rid in
                // Asked once more, without script (QA of 06.12.2026: one click removed the link unasked).
                Layout.confirmed("Verknüpfung lösen …", action: "/clients/\(c.id)/relations/\(rid)/delete", csrf: frame.csrf,
                                 button: "Ja, die Verknüpfung mit \(other.firstName) \(other.lastName) lösen", hint: "der gemeinsame Haushalt bleibt, bis jemand ihn verlässt")
            } ?? .empty
            return "<li><a href=\"/clients/\(other.id)\">\(other.firstName) \(other.lastName)</a> – \(role), geboren \(Labels.day(other.facts.born)), \(together) \(remove)</li>"
        }
        let kinds: [(String, String)] = [("spouse", "Ehegatte/Ehegattin"), ("registered_partner", "eingetragene/r Lebenspartner/in"),
                                         ("child", "Kind dieser Person"), ("parent", "Elternteil dieser Person"), ("cohabiting", "Lebensgefährte/in (ohne rechtliche Wirkung)")]
        let kindOptions = kinds.map { "<option value=\"\($0.0)\"\(v.linkSent?.kind == $0.0 ? " selected" : "")>\($0.1)</option>" as HTML }
        // Everyone the assessment counts as living with the client, linked or not (a link removed leaves the
        // household as it was), and a form of its own to leave it.
        let linked = Set(v.relations.flatMap { [$0.from, $0.to] })
        let housemates = v.members.filter { $0.id != c.id && v.householdIDs.contains($0.id) }
            .map { m in "<li><a href=\"/clients/\(m.id)\">\(m.firstName) \(m.lastName)</a>\(linked.contains(m.id) ? "" : " (ohne Verknüpfung)")</li>" as HTML }
        let household: HTML = housemates.isEmpty ? "<p>Lebt in keinem erfassten Haushalt mit anderen Klient:innen.</p>" : """
        <p>Im selben Haushalt (zählt für die Prüfung):</p><ul id="household">\(housemates)</ul>
        <p>\(Layout.confirmed("\(c.firstName) \(c.lastName) aus dem Haushalt lösen …", action: "/clients/\(c.id)/household/leave", csrf: frame.csrf,
                               button: "Ja, \(c.firstName) \(c.lastName) aus dem Haushalt lösen", hint: "die Prüfungen der Familie zählen die Person dann nicht mehr mit"))</p>
        """
        let create = Self.newRelativeKinds.map { k, label in "<a href=\"/clients/new?relative_of=\(c.id)&amp;relation=\(k)\">\(label)</a>" as HTML }
        let linkForm: HTML = """
        <p id="new-relative">Neu anlegen und verknüpfen: \(HTML.join(create, separator: " · "))</p>
        <h3>Familienangehörige verknüpfen</h3>
        \(v.error.map { "<p class=\"error\" id=\"relation-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
        <form method="post" novalidate action="/clients/\(c.id)/relations">
        \(Layout.csrf(frame.csrf))
        <div class="grid">
        <div><label for="relation_kind">Beziehung</label><select id="relation_kind" name="kind">\(kindOptions)</select></div>
        <div><label for="relation_other">Aktenzeichen der/des Angehörigen\(Layout.required)</label><input id="relation_other" name="other" value="\(v.linkSent?.other ?? "")" required\(Layout.describedBy("relation", v.error))></div>
        <div><label><input type="checkbox" name="household" value="1"\(v.linkSent?.household == false ? "" : " checked")> lebt in häuslicher Gemeinschaft</label></div>
        </div>
        <p><button type="submit">Verknüpfen</button></p>
        </form>
        """
        return Layout.page(frame, """
        <h1>\(c.firstName) \(c.lastName)</h1>
        <p>Aktenzeichen \(c.fileNumber) · geboren \(Labels.day(p.born)) · Staatsangehörigkeit \(p.nationality.map(CountryCodes.germanNameWithCode) ?? "unbekannt") · Einreise \(Labels.day(p.entered))</p>
        <p><a class="button" href="/clients/\(c.id)/assessment">Prüfung der Bleiberechtswege</a>
        <a href="/clients/\(c.id)/facts">Angaben bearbeiten</a>
        · <a href="/clients/\(c.id)/name">\(renameTitle)</a>
        · <a href="/clients/\(c.id)/consents">Schweigepflichtentbindungen</a>
        · <a href="/clients/\(c.id)/auskunft">Auskunft (Art. 15 DSGVO)</a>
        \(v.canSeeAudit ? "· <a href=\"/clients/\(c.id)/audit\">Protokoll</a> · <a href=\"/clients/\(c.id)/erase\">Akte löschen …</a>" as HTML : .empty)</p>
        \(v.contact)
        <section aria-labelledby="family"><h2 id="family">Familie und Haushalt</h2>
        \(family.isEmpty ? "<p>Keine Familienangehörigen erfasst.</p>" as HTML : "<ul>\(family)</ul>")
        \(household)
        \(linkForm)
        </section>
        \(v.extra)
        <section aria-labelledby="status"><h2 id="status">Aufenthaltsstatus</h2>
        <table><caption class="visually-hidden">Statusverlauf</caption><thead><tr><th scope="col">Status</th><th scope="col">von</th><th scope="col">bis</th></tr></thead><tbody>\(status)</tbody></table>
        \(entryGap(c))<p><a href="/clients/\(c.id)/status">Statusverlauf bearbeiten</a></p>
        </section>
        """)
    }

    /// One editable row of the status editor.
    public struct StatusRow: Sendable {
        public var kind = "", from = "", to = "", basis = "", fiktion = "", continues = "", holder = "main", issued = true, validUntil = ""
        public init() {}
    }

    /// Days between the entry and the first recorded period have an unknown status (SPEC K4): said where the history
    /// is shown, since the editor cannot know it and must not invent "ohne Status" (QA of 06.12.2026).
    static func entryGap(_ c: Client) -> HTML {
        guard let e = c.facts.entered, let first = c.facts.status?.first?.from, e < first else { return .empty }
        let span = e == first.adding(days: -1) ? "Am \(e.german)" : "Vom \(e.german) bis \(first.adding(days: -1).german)"
        return "<p class=\"hint\" id=\"entry-gap\" role=\"note\">\(span) (seit der Einreise) ist kein Status erfasst. Die Prüfung behandelt diese Tage als unbekannt und antwortet dort, wo sie zählen, „unklar“. Bitte erfassen, sobald bekannt – auch als „ohne Status“ oder „im Ausland“.</p>"
    }

    /// `blank`: how many empty rows follow the recorded ones (more on request, for a first history with many periods).
    /// `revision`, `changedMeanwhile`: as for `FactsForm.render`.
    /// `base`: the stored history the form was built from, sent back (see `FactsForm.render`).
    public static func statusEditor(frame: PageFrame, client: Client, rows: [StatusRow], errors: [String: String], blank: Int = 2,
                                    revision: Int? = nil, changedMeanwhile: Bool = false, base: String? = nil) -> HTML {
        var all = rows
        while all.count < rows.count + blank { all.append(StatusRow()) }
        let kindOptions = [("", "– (Zeile leer lassen)")] + StatusKind.allCases.map { ($0.rawValue, Labels.status($0)) }
        let fiktionOptions = [("", "–")] + [FiktionKind.lawfulStay, .duldungsfiktion, .continuation].map { ($0.rawValue, Labels.fiktion($0)) }
        let holderOptions = [DuldungHolder.main, .spouse, .child].map { ($0.rawValue, Labels.holder($0)) }
        // Each message next to its field and tied to it; `p3` is the row's "von" and what concerns the row as a whole.
        func select(_ name: String, _ options: [(String, String)], _ value: String, label: String) -> HTML {
            let opts = options.map { "<option value=\"\($0.0)\"\($0.0 == value ? " selected" : "")>\($0.1)</option>" as HTML }
            return "<select id=\"\(name)\" name=\"\(name)\" aria-label=\"\(label)\"\(Layout.describedBy(name, errors[name]))>\(opts)</select>\(Layout.fieldError(name, errors[name]))"
        }
        let lines = all.enumerated().map { i, r -> HTML in
            let err = errors["p\(i)"]
            return """
            <tr>
            <td>\(select("p\(i)_kind", kindOptions, r.kind, label: "Status Zeile \(i + 1)"))</td>
            <td><input id="p\(i)" name="p\(i)_from" aria-label="von (Zeile \(i + 1))" placeholder="TT.MM.JJJJ" size="10" value="\(r.from)"\(Layout.describedBy("p\(i)", err))>\(Layout.fieldError("p\(i)", err))</td>
            <td><input id="p\(i)_to" name="p\(i)_to" aria-label="bis (Zeile \(i + 1))" placeholder="laufend" size="10" value="\(r.to)"\(Layout.describedBy("p\(i)_to", errors["p\(i)_to"]))>\(Layout.fieldError("p\(i)_to", errors["p\(i)_to"]))</td>
            <td><input id="p\(i)_valid_until" name="p\(i)_valid_until" aria-label="gültig bis (Bescheinigung/Titel), Zeile \(i + 1)" placeholder="TT.MM.JJJJ" size="10" value="\(r.validUntil)"\(Layout.describedBy("p\(i)_valid_until", errors["p\(i)_valid_until"]))>\(Layout.fieldError("p\(i)_valid_until", errors["p\(i)_valid_until"]))</td>
            <td><input id="p\(i)_basis" name="p\(i)_basis" aria-label="Grundlage (AE), Zeile \(i + 1)" placeholder="z. B. 104c" size="6" value="\(r.basis)"\(Layout.describedBy("p\(i)_basis", errors["p\(i)_basis"]))>\(Layout.fieldError("p\(i)_basis", errors["p\(i)_basis"]))</td>
            <td>\(select("p\(i)_fiktion", fiktionOptions, r.fiktion, label: "Fiktion Zeile \(i + 1)"))
                <input id="p\(i)_continues" name="p\(i)_continues" aria-label="Fiktion: fortgeltender Titel, Zeile \(i + 1)" placeholder="Titel" size="5" value="\(r.continues)"\(Layout.describedBy("p\(i)_continues", errors["p\(i)_continues"]))>\(Layout.fieldError("p\(i)_continues", errors["p\(i)_continues"]))</td>
            <td>\(select("p\(i)_holder", holderOptions, r.holder, label: "§ 60d für Zeile \(i + 1)"))</td>
            <td><input type="checkbox" name="p\(i)_not_issued" value="1" aria-label="nur Anspruch, keine Bescheinigung, Zeile \(i + 1)"\(r.issued ? "" : " checked")></td>
            </tr>
            """
        }
        return Layout.page(frame, """
        <h1>Statusverlauf: \(client.firstName) \(client.lastName)</h1>
        <p class="hint">Zeiträume lückenlos und ohne Überschneidung, älteste zuerst. Nur der letzte Zeitraum darf offen („laufend“) sein. Zeiten ohne Status bitte als „ohne Status“ oder „im Ausland“ erfassen. \(client.facts.entered.map { "Die Einreise war am \($0.german)." } ?? "Das Einreisedatum ist nicht erfasst.")</p>
        \(entryGap(client))
        \(changedMeanwhile ? Layout.changedMeanwhile(client) : Layout.errorSummary(errors))
        <form method="post" novalidate action="/clients/\(client.id)/status">
        \(Layout.csrf(frame.csrf))\(Layout.revision(revision ?? client.revision))\(base.map { "<input type=\"hidden\" name=\"base\" value=\"\($0)\">" as HTML } ?? .empty)
        <input type="hidden" name="rows" value="\(all.count)">
        <table class="status-editor"><caption class="visually-hidden">Statusverlauf bearbeiten</caption><thead><tr><th scope="col">Status</th><th scope="col">von</th><th scope="col">bis</th><th scope="col">gültig bis (Bescheinigung/Titel)</th><th scope="col">Grundlage (AE)</th><th scope="col">Fiktion</th><th scope="col">§ 60d für</th><th scope="col">nur Anspruch, keine Bescheinigung</th></tr></thead>
        <tbody>\(lines)</tbody></table>
        <p class="hint">Mehr Zeiträume? <a href="/clients/\(client.id)/status?leer=\(min(blank + 5, 30))">Weitere leere Zeilen anzeigen</a> (Eingaben vorher speichern) – leere Zeilen werden beim Speichern übergangen.</p>
        <p><button type="submit">Speichern</button> <a href="/clients/\(client.id)">Abbrechen</a></p>
        </form>
        """)
    }

    /// The form that corrects a client's name. `duplicates`: other files of the same name and birth date, named so that
    /// the correction is confirmed before the person has two files under one name.
    public static let renameTitle = "Name oder Aktenzeichen berichtigen"

    public static func rename(frame: PageFrame, client c: Client, firstName: String, lastName: String, fileNumber: String, errors: [String: String] = [:],
                              duplicates: [String] = [], confirmation: String = "") -> HTML {
        let warning: HTML = duplicates.isEmpty ? .empty : """
            <div class="error-summary" role="alert"><p>Unter diesem Namen und Geburtsdatum ist bereits erfasst: \(duplicates.joined(separator: ", ")). \
            Ist es dieselbe Person, bitte in jener Akte weiterarbeiten.</p>
            <label class="check"><input type="checkbox" name="confirm_duplicate" value="\(confirmation)"> Es ist eine andere Person: trotzdem speichern</label></div>
            """
        return Layout.page(frame, """
        <h1>\(renameTitle)</h1>
        <p>Aktenzeichen \(c.fileNumber) · bisher: \(c.firstName) \(c.lastName)</p>
        <p class="hint">Für Schreibfehler und eine Schreibweise, die ein Pass oder eine Urkunde festlegt (Art. 16 DSGVO). \
        Gespeicherte Prüfungen, die den Namen nennen – die eigenen und die verknüpfter Angehöriger –, werden mitberichtigt (jede \
        Änderung steht im Protokoll); Schreiben entstehen mit dem neuen Namen. Hochgeladene Unterlagen und frei geschriebene Vermerke \
        bleiben, wie sie sind: bitte dort selbst prüfen. Eine Vermittlung der Ausländerbehörde behält den Namen, wie die Behörde \
        ihn übermittelt hat: sie ist deren Nachricht, und die Berichtigung wird der Behörde nur mit einer Schweigepflichtentbindung \
        mitgeteilt.</p>
        <p class="hint">Ein berichtigtes Aktenzeichen gilt ab sofort überall in Bleibe (Termine, Vermittlungen, Schreiben); Papierakten \
        und bereits versandte Schreiben nennen weiter das alte.</p>
        <form method="post" novalidate action="/clients/\(c.id)/name">\(Layout.csrf(frame.csrf))
        \(warning)
        <div class="grid">
        <div><label for="first_name">Vorname\(Layout.required)</label>\(Layout.fieldError("first_name", errors["first_name"]))<input id="first_name" name="first_name" value="\(firstName)" maxlength="100" required\(Layout.describedBy("first_name", errors["first_name"]))></div>
        <div><label for="last_name">Nachname\(Layout.required)</label>\(Layout.fieldError("last_name", errors["last_name"]))<input id="last_name" name="last_name" value="\(lastName)" maxlength="100" required\(Layout.describedBy("last_name", errors["last_name"]))></div>
        <div><label for="file_number">Aktenzeichen\(Layout.required)</label>\(Layout.fieldError("file_number", errors["file_number"]))<input id="file_number" name="file_number" value="\(fileNumber)" maxlength="\(FileNumber.maxLength)" required\(Layout.describedBy("file_number", errors["file_number"]))></div>
        </div>
        <p><button type="submit">Speichern</button> <a href="/clients/\(c.id)">Abbrechen</a></p>
        </form>
        """)
    }
}
