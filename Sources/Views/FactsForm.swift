import Counseling
import Foundation

/// The structured form for every fact the engine reads, with German labels and help. Field names are the
/// case-file paths (`identity.clarified_on`, `german.1.level`); the web layer turns the posted form into the
/// case-file JSON and lets the case-file decoder check it, so the form and the files share one validation.
public enum FactsForm {
    /// The longest free text of a fact (an offence, an occupation, a code): a name for a reader, not a record
    /// (QA of 06.12.2026: an offence of 20,000 characters was saved and printed on the Art. 15 page).
    public static let textLimit = 200

    public enum Kind: Sendable {
        case date
        /// A date, "nie" (null: never) or empty (unknown).
        case dateOrNever
        /// unbekannt / ja / nein
        case yesNo
        /// Yes or no where the schema reads an omitted value as "no" (CASES.md: "Default `false`"): no "unbekannt".
        case flag
        case choice([(String, String)])
        case text
        case number
        /// 0–100 % shown, 0–1 stored.
        case percent
    }

    public struct Field: Sendable {
        public let key: String
        public let label: String
        public let help: String?
        public let kind: Kind
        init(_ key: String, _ label: String, _ kind: Kind, _ help: String? = nil) {
            self.key = key; self.label = label; self.kind = kind; self.help = help
        }
    }

    public struct Group: Sendable {
        public let title: String
        public let fields: [Field]
        /// For a list (`german`, `employment` …): the list key and how many rows the form offers.
        public let list: String?
        public let rows: Int
        init(_ title: String, list: String? = nil, rows: Int = 0, _ fields: [Field]) {
            self.title = title; self.fields = fields; self.list = list; self.rows = rows
        }
    }

    static let levels = [("A1", "A1"), ("A2", "A2"), ("B1", "B1"), ("B2", "B2"), ("C1", "C1"), ("C2", "C2")]

    public static let groups: [Group] = [
        Group("Person und Einreise", [
            Field("born", "Geburtsdatum", .date, "Maßgeblich für Altersgrenzen (14, 18, 27 Jahre)."),
            Field("nationality", "Staatsangehörigkeit", .text, "Land auf Deutsch (z. B. Syrien) oder dreistelliger ISO-Code (z. B. SYR); XXA = staatenlos; XKX = Kosovo."),
            Field("safe_country_of_origin", "Sicherer Herkunftsstaat", .yesNo, "Leer lassen: ja für die Staaten der Anlage II zu § 29a AsylG; für andere Staaten bleibt es für Tage ab dem 01.02.2026 offen (U7: Rechtsverordnungen nach § 29b AsylG sind nicht erfasst) – dann bitte ja oder nein wählen (§ 60a Abs. 6 Nr. 3)."),
            Field("marital_status", "Familienstand", .choice([("single", "ledig"), ("married", "verheiratet"), ("registered_partnership", "eingetragene Lebenspartnerschaft"), ("divorced", "geschieden"), ("widowed", "verwitwet")])),
            Field("entered", "Einreise", .date, "Letzte maßgebliche Einreise (Stichtag § 60d: 31.12.2022). In Deutschland geboren: das Geburtsdatum."),
            Field("entered_with_visa", "Mit dem erforderlichen Visum eingereist", .yesNo, "§ 5 Abs. 2 – bei humanitären Titeln verzichtbar."),
            Field("entered_for_benefits", "Eingereist, um Leistungen nach dem AsylbLG zu erhalten", .yesNo, "§ 60a Abs. 6 Nr. 1 (Beschäftigungsverbot)."),
        ]),
        Group("Asylverfahren", [
            Field("asylum.applied_on", "Asylantrag gestellt am", .dateOrNever, "„nie“, wenn kein Asylantrag gestellt wurde."),
            Field("asylum.decision", "Stand des Verfahrens", .choice([("pending", "laufend"), ("rejected", "abgelehnt"), ("withdrawn", "zurückgenommen"), ("granted", "Schutz gewährt")])),
            Field("asylum.rejected_as", "Art der Ablehnung", .choice([("unbegruendet", "(einfach) unbegründet"), ("offensichtlich_unbegruendet", "offensichtlich unbegründet"), ("unzulaessig", "unzulässig (z. B. Dublin)")])),
            Field("asylum.ou_basis", "Grundlage der OU-Ablehnung", .text, "z. B. 30-3-2 (§ 30 Abs. 3 Nr. 2 AsylG a. F.), 30-1-4, art42-1-c – für die Sperre nach § 10 Abs. 3 S. 2."),
            Field("asylum.decided_on", "Bescheid vom", .date),
            Field("asylum.final_on", "Bestandskräftig seit", .date),
            Field("asylum.withdrawn_after_12b_advice", "Rücknahme nach Beratung nach § 12b AsylG", .yesNo),
            Field("asylum.unaccompanied_minor_welfare", "Unbegleitet minderjährig, Kindeswohl", .yesNo),
        ]),
        Group("Identität und Pass", [
            Field("identity.clarified_on", "Identität geklärt am", .dateOrNever, "„nie“, wenn die Identität nicht geklärt ist."),
            Field("identity.all_steps_taken_on", "Alle zumutbaren Schritte unternommen am", .dateOrNever, "Für die Fristen und Ermessensausnahmen (§§ 60c, 60d, 16g, 25a Abs. 6, 25b Abs. 8)."),
            Field("passport", "Gültiger Pass oder Passersatz", .yesNo),
        ]),
        Group("Deutschkenntnisse", list: "german", rows: 3, [
            Field("level", "Niveau", .choice(levels)),
            Field("scope", "Umfang", .choice([("full", "mündlich und schriftlich"), ("oral", "nur mündlich"), ("written", "nur schriftlich")])),
            Field("date", "Datum des Zertifikats", .date),
        ]),
        Group("Integration", [
            Field("civic_test_passed_on", "Test „Leben in Deutschland“ bestanden am", .dateOrNever),
            Field("fdgo_declaration_on", "Bekenntnis zur FDGO abgegeben am", .dateOrNever, "§ 25b Abs. 1 S. 2 Nr. 2."),
            Field("fdgo_doubts", "Konkrete Zweifel am Bekenntnis zur FDGO", .yesNo, "§ 25a Abs. 1 S. 1 Nr. 5."),
            Field("integration_prognosis", "Integrationsprognose (§ 25a)", .choice([("positive", "positiv"), ("negative", "negativ")])),
            Field("integration_course.possible", "Integrationskurs war möglich", .yesNo, "§ 25b Abs. 6: dann auch schriftlich A2."),
            Field("integration_course.obliged", "Zur Teilnahme verpflichtet", .yesNo),
            Field("integration_course.completed_on", "Integrationskurs abgeschlossen am", .dateOrNever),
            Field("integration_course.dropout_not_at_fault", "Abbruch nicht zu vertreten", .yesNo),
        ]),
        Group("Lebensunterhalt", list: "livelihood", rows: 2, [
            Field("from", "von", .date), Field("to", "bis", .date, "leer = andauernd"),
            Field("work_share", "Anteil durch Arbeit (Bedarfsgemeinschaft, %)", .percent),
            Field("own_work_share", "Eigener Bedarf durch eigene Arbeit (%)", .percent, "§ 60d, wenn Ehegatte oder Kinder im Fall."),
            Field("public_funds", "Öffentliche Mittel (SGB II/XII, AsylbLG)", .yesNo), Field("wohngeld", "Wohngeld", .yesNo),
            Field("benefits_temporary", "Leistungsbezug nur vorübergehend", .yesNo),
            Field("bafoeg_need_covered", "BAföG-Bedarf gedeckt (§ 16g)", .yesNo),
            Field("public_funds_housing_only", "Nur Kosten der Unterkunft (§ 19d)", .yesNo),
        ]),
        Group("Weitere Angaben zum Lebensunterhalt", [
            Field("lu_prognosis_full", "Prognose: vollständige Sicherung zu erwarten", .yesNo, "§ 25b Abs. 1 S. 2 Nr. 3, 2. Alt."),
            Field("single_parent_work_unreasonable", "Alleinerziehend, Arbeit unzumutbar", .yesNo),
            Field("caring_for_relative", "Pflegt eine/n nahe/n Angehörige/n", .yesNo),
            Field("housing_sufficient", "Ausreichender Wohnraum", .yesNo, "§ 19d Abs. 1 Nr. 2."),
            Field("matching_job_offer", "Qualifikationsentsprechendes Arbeitsangebot", .yesNo),
        ]),
        Group("Beschäftigung", list: "employment", rows: 2, [
            Field("from", "von", .date), Field("to", "bis", .date, "leer = andauernd"),
            Field("hours", "Wochenstunden", .number), Field("insured", "sozialversicherungspflichtig", .yesNo),
            Field("qualified", "qualifizierte Beschäftigung", .yesNo), Field("matches_qualification", "entspricht der Qualifikation", .yesNo),
        ]),
        Group("Schule und Studium", list: "education", rows: 2, [
            Field("kind", "Art", .choice([("school", "Schule"), ("university", "Hochschule"), ("vocational_preparation", "Berufsvorbereitung")])),
            Field("from", "von", .date), Field("to", "bis", .date, "leer = andauernd"), Field("successful", "erfolgreich", .yesNo),
        ]),
        Group("Abschlüsse", list: "degrees", rows: 2, [
            Field("kind", "Art", .choice([("school", "Schulabschluss"), ("vocational", "Berufsabschluss"), ("care_assistant", "Pflegehilfe"), ("university", "Hochschulabschluss")])),
            Field("on", "am", .date), Field("country", "Land (Name oder ISO-Code)", .text), Field("recognised", "anerkannt", .yesNo),
        ]),
        Group("Berufsausbildung", list: "training", rows: 1, [
            Field("kind", "Art", .choice([("qualified", "qualifizierte Ausbildung"), ("helper", "Helferausbildung")])),
            Field("occupation", "Beruf", .text), Field("from", "Beginn", .date), Field("planned_end", "planmäßiges Ende", .date),
            Field("registered_on", "Vertrag eingetragen am", .dateOrNever), Field("follow_on_place_confirmed", "Anschlussausbildung zugesagt", .yesNo),
            Field("passed_on", "Abschlussprüfung bestanden am", .dateOrNever), Field("ended_early_on", "vorzeitig beendet am", .dateOrNever),
        ]),
        Group("Verurteilungen", list: "convictions", rows: 2, [
            Field("date", "rechtskräftig seit", .date), Field("offence", "Delikt", .text),
            Field("intentional", "vorsätzlich", .yesNo), Field("in_germany", "im Bundesgebiet", .yesNo),
            Field("still_registered", "noch im Bundeszentralregister", .yesNo), Field("foreigners_only", "nur von Ausländern begehbar (AufenthG/AsylG)", .yesNo),
            Field("day_fines", "Tagessätze", .number), Field("prison_months", "Freiheitsstrafe (Monate)", .number),
            Field("juvenile_months", "Jugendstrafe (Monate)", .number), Field("suspended", "zur Bewährung ausgesetzt", .yesNo),
            Field("juvenile_law", "nach Jugendstrafrecht", .flag, "Ohne Tagessätze und Strafe: eine andere Sanktion (Erziehungsmaßregel, Zuchtmittel)."),
            Field("jugendstrafe", "Sanktion ist Jugendstrafe (nur nach Jugendstrafrecht)", .flag),
            Field("s54_group", "Deliktsgruppe nach § 54 Abs. 1 Nr. 1a–1d (Strafe ab 1 Jahr; 1d ab 6 Monaten)", .choice([("", "keines davon"), ("1a", "Nr. 1a: gegen Leben, körperliche Unversehrtheit, sexuelle Selbstbestimmung, qualifiziert gegen Eigentum, gegen Vollstreckungsbeamte, §§ 125/125a StGB"), ("1b", "Nr. 1b: § 263 StGB zulasten von Sozialleistungsträgern oder BtMG"), ("1c", "Nr. 1c: §§ 96, 97 AufenthG (Einschleusen)"), ("1d", "Nr. 1d: Delikte der Nr. 1a mit Waffe oder gefährlichem Werkzeug")])),
            Field("btmg_29_1_1", "§ 29 Abs. 1 S. 1 Nr. 1 BtMG", .flag),
        ]),
        Group("Mitwirkung und Ausschlussgründe", [
            Field("conduct.current_obstruction", "Verhindert derzeit die Abschiebung durch", .choice([("", "nichts davon"), ("deception", "Täuschung über Identität/Staatsangehörigkeit"), ("false_statements", "Falschangaben"), ("non_cooperation", "fehlende Mitwirkung")]), "Nur aktuelles Verhalten."),
            Field("conduct.past_deception", "Frühere Täuschung der Behörde", .yesNo, "§ 19d Abs. 1 Nr. 4."),
            Field("conduct.past_obstruction", "Frühere Behinderung aufenthaltsbeendender Maßnahmen", .yesNo),
            Field("conduct.deception_repeated", "Täuschung wiederholt", .yesNo),
            Field("conduct.integration_rests_on_false_identity", "Integration beruht auf falscher Identität", .yesNo),
            Field("bars.entry_ban", "Einreise- und Aufenthaltsverbot (§ 11)", .yesNo),
            Field("bars.abs4_ground", "Ausweisungsinteresse § 54 Abs. 1 Nr. 2/4 oder § 58a", .yesNo),
            Field("bars.s54_abs1_other", "Anderes Ausweisungsinteresse nach § 54 Abs. 1", .yesNo),
            Field("bars.other_expulsion_interest", "Sonstiges Ausweisungsinteresse (§ 54 Abs. 2)", .yesNo),
            Field("bars.expulsion_order", "Ausweisungsverfügung", .yesNo),
            Field("bars.extremism", "Bezüge zu extremistischen Organisationen", .yesNo),
        ]),
        Group("Krankheit, Behinderung, Ausreisehindernis", [
            Field("inability.school", "Kann Schulbesuch wegen Krankheit/Behinderung nicht erfüllen", .yesNo, "§ 25a Abs. 1 S. 1 Nr. 2 S. 2."),
            Field("inability.livelihood", "Kann Lebensunterhalt wegen Krankheit/Behinderung/Alter nicht sichern", .yesNo, "§ 25b Abs. 3."),
            Field("inability.german", "Kann A2 wegen Krankheit/Behinderung/Alter nicht erreichen", .yesNo, "§ 25b Abs. 3."),
            Field("departure.impossible_since", "Ausreise unmöglich seit", .dateOrNever, "§ 25 Abs. 5."),
            Field("departure.end_foreseeable", "Wegfall des Hindernisses absehbar", .yesNo),
            Field("departure.own_fault", "Hindernis selbst verschuldet", .yesNo),
        ]),
    ]

    /// The form's field name of a fact path.
    public static func name(_ path: String) -> String { path.replacingOccurrences(of: ".", with: "__") }

    /// Renders the form with the current values (a JSON object in the case-file schema) and errors by field name.
    /// `typed`: what was sent in fields with an error, shown as sent (the value to correct, not the stored one).
    /// `revision`: the client's revision the values stand on (a form re-shown keeps the one first sent);
    /// `changedMeanwhile`: the save was refused because someone else saved in between; `clashes`, `kept`: what of
    /// it concerns the same facts and what was taken over (nil: not known, the general notice).
    /// `base`: the facts `values` were built from as JSON, sent back so that a later save knows what it changed.
    public static func render(frame: PageFrame, client: Client, values: [String: Any], errors: [String: String], typed: [String: String] = [:],
                              revision: Int? = nil, changedMeanwhile: Bool = false, clashes: [Layout.Clash]? = nil, kept: [String] = [],
                              base: String? = nil) -> HTML {
        var sections: [HTML] = [], contents: [HTML] = []
        for (number, g) in groups.enumerated() {
            var inner: [HTML] = []
            if let list = g.list {
                let rows = values[list] as? [[String: Any]] ?? []
                let none = (values[list] as? [Any])?.isEmpty == true
                let noneName = name(list + ".none"), noneError = errors[noneName]
                inner.append("<label><input type=\"checkbox\" id=\"\(noneName)\" name=\"\(noneName)\" value=\"1\"\(none || noneError != nil ? " checked" : "")\(Layout.describedBy(noneName, noneError))> keine (leer lassen = unbekannt)</label>\(Layout.fieldError(noneName, noneError))")
                for i in 0..<max(g.rows, rows.count + 1) {
                    let row = i < rows.count ? rows[i] : [:]
                    let cells = g.fields.map { f in field(f, path: "\(list).\(i).\(f.key)", value: row[f.key], errors: errors, typed: typed, row: "\(g.title) \(i + 1)") }
                    inner.append("<div class=\"grid\" role=\"group\" aria-label=\"\(g.title) \(i + 1)\">\(cells)</div>")
                }
            } else {
                inner.append("<div class=\"grid\">\(g.fields.map { f in field(f, path: f.key, value: lookup(values, f.key), errors: errors, typed: typed) })</div>")
            }
            // A heading per section and a list of them at the top: a long form is walked by heading or jumped into
            // (QA40 M5: 156 controls without a heading, and the only save button at the end).
            sections.append("<fieldset id=\"section-\(number + 1)\"><legend><h2>\(g.title)</h2></legend>\(inner)</fieldset>")
            contents.append("<li><a href=\"#section-\(number + 1)\">\(g.title)</a></li>")
        }
        return Layout.page(frame, """
        <h1>Angaben: \(client.firstName) \(client.lastName)</h1>
        <p class="hint">Leer gelassene Angaben gelten als unbekannt – die Prüfung antwortet dann „unklar“ und nennt, was fehlt. „nie“ bei einem Datum heißt: ist nicht geschehen. Daten als TT.MM.JJJJ.</p>
        \(changedMeanwhile ? clashes.map { Layout.changedMeanwhile(client, clashes: $0, kept: kept) } ?? Layout.changedMeanwhile(client) : Layout.errorSummary(errors))
        <form method="post" novalidate action="/clients/\(client.id)/facts">
        \(Layout.csrf(frame.csrf))\(Layout.revision(revision ?? client.revision))\(base.map { "<input type=\"hidden\" name=\"base\" value=\"\($0)\">" as HTML } ?? .empty)
        <nav aria-label="Abschnitte der Angaben" class="sections"><ul>\(contents)</ul></nav>
        <p><button type="submit">Speichern und prüfen</button></p>
        \(sections)
        <p><button type="submit">Speichern und prüfen</button> <a href="/clients/\(client.id)">Abbrechen</a> · <a href="/clients/\(client.id)/facts/json">Alle Angaben als JSON bearbeiten</a></p>
        </form>
        """)
    }

    public static func lookup(_ values: [String: Any], _ path: String) -> Any? {
        var cur: Any? = values
        for part in path.split(separator: ".") { cur = (cur as? [String: Any])?[String(part)] }
        return cur
    }

    /// `row`: the row of a repeated group ("Deutschkenntnisse 2"), part of the label for a screen reader and the error
    /// summary, since the visible label is the same in every row (QA40 L2).
    static func field(_ f: Field, path: String, value: Any?, errors: [String: String], typed: [String: String] = [:], row: String? = nil) -> HTML {
        let n = name(path)
        let err = errors[n]
        let sent = err == nil ? nil : typed[n]
        // The help text is read with its field (a screen reader hears the format rules, not only sighted users).
        let help: HTML = f.help.map { "<p class=\"hint\" id=\"\(n)-hint\">\($0)</p>" } ?? .empty
        let attrs = described(n, err, hint: f.help != nil)
        let control: HTML
        switch f.kind {
        case .date:
            control = "<input id=\"\(n)\" name=\"\(n)\" size=\"10\" placeholder=\"TT.MM.JJJJ\" value=\"\(sent ?? german(value))\"\(attrs)>"
        case .dateOrNever:
            let v = sent ?? (value is NSNull ? "nie" : german(value))
            control = "<input id=\"\(n)\" name=\"\(n)\" size=\"10\" placeholder=\"TT.MM.JJJJ oder nie\" value=\"\(v)\"\(attrs)>"
        case .yesNo:
            let cur = (value as? Bool).map { $0 ? "true" : "false" } ?? ""
            control = select(n, [("", "unbekannt"), ("true", "ja"), ("false", "nein")], cur, attrs)
        case .flag:
            control = select(n, [("false", "nein"), ("true", "ja")], (value as? Bool) == true ? "true" : "false", attrs)
        case .choice(let options):
            var cur = value as? String ?? ""
            if let list = value as? [String] { cur = list.first ?? "" }
            let unknown = f.key == "conduct.current_obstruction" && value == nil
            control = select(n, [("?", "unbekannt")] + options, unknown ? "?" : (value == nil ? "?" : cur), attrs)
        case .text:
            control = "<input id=\"\(n)\" name=\"\(n)\" maxlength=\"\(Self.textLimit)\" value=\"\(sent ?? value.map { "\($0)" } ?? "")\"\(attrs)>"
        case .number:
            control = "<input id=\"\(n)\" name=\"\(n)\" inputmode=\"decimal\" size=\"6\" value=\"\(sent ?? number(value))\"\(attrs)>"
        case .percent:
            let pct = (value as? Double).map(percentText) ?? (value as? Int).map { String($0 * 100) } ?? ""
            control = "<input id=\"\(n)\" name=\"\(n)\" inputmode=\"decimal\" size=\"6\" value=\"\(sent ?? pct)\"\(attrs)>"
        }
        let context: HTML = row.map { "<span class=\"visually-hidden\">\($0) – </span>" } ?? .empty
        return "<div><label for=\"\(n)\">\(context)\(f.label)</label>\(help)\(control)\(Layout.fieldError(n, err))</div>"
    }

    /// A share as a percentage with as few decimals as give it back exactly ("50", "33,3"), decimal comma.
    static func percentText(_ share: Double) -> String {
        for digits in 0...6 {
            let text = String(format: "%.\(digits)f", share * 100)
            if let back = Double(text), abs(back / 100 - share) < 1e-12 { return text.replacingOccurrences(of: ".", with: ",") }
        }
        return String(share * 100).replacingOccurrences(of: ".", with: ",")
    }

    static func select(_ n: String, _ options: [(String, String)], _ current: String, _ attrs: HTML) -> HTML {
        let opts = options.map { "<option value=\"\($0.0)\"\($0.0 == current ? " selected" : "")>\($0.1)</option>" as HTML }
        return "<select id=\"\(n)\" name=\"\(n)\"\(attrs)>\(opts)</select>"
    }

    /// `aria-describedby` naming the field's help text and, after a refusal, its error (`aria-invalid` then too).
    static func described(_ n: String, _ err: String?, hint: Bool) -> HTML {
        let ids = (hint ? ["\(n)-hint"] : []) + (err == nil ? [] : ["\(n)-error"])
        guard !ids.isEmpty else { return .empty }
        return HTML(raw: (err == nil ? "" : " aria-invalid=\"true\"") + " aria-describedby=\"\(ids.joined(separator: " "))\"")
    }

    static func german(_ v: Any?) -> String {
        guard let s = v as? String, s.count == 10, s.dropFirst(4).first == "-" else { return "" }
        let p = s.split(separator: "-")
        return "\(p[2]).\(p[1]).\(p[0])"
    }

    static func number(_ v: Any?) -> String {
        // German decimal comma, as typed (QA of 05.12.2026: "20,5" came back as "20.5").
        if let d = v as? Double { return d == d.rounded() ? String(Int(d)) : String(d).replacingOccurrences(of: ".", with: ",") }
        if let i = v as? Int { return String(i) }
        return ""
    }
}
