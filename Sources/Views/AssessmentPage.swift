import Counseling
import Eligibility

/// The assessment of one client: every pathway with result, date, failing and open conditions with citations,
/// what is still to do, and the permit plan.
public enum AssessmentPage {
    public struct Model: Sendable {
        public var client: Client
        public var on: Day
        public var today: Day
        public var person: PersonAssessment
        public var snapshots: [AssessmentSnapshot]
        /// Automatic reminders derived from the data and the answer (moved to working days of the Land).
        public var deadlines: [Deadline]
        /// The filing day of a pending application, the application date of every pathway (SPEC.md K10).
        public var appliedOn: Day?
        /// A date that could not be read: as typed, and why (the page shows today's assessment).
        public var dateError: (typed: String, message: String)?
        /// What was just saved before arriving here ("Angaben", "Statusverlauf"): confirmed as a status message.
        public var saved: String?
        /// Facts another person had saved meanwhile, kept when this save was merged with theirs (their labels).
        public var mergedWith: [String] = []
        public init(client: Client, on: Day, today: Day, person: PersonAssessment, snapshots: [AssessmentSnapshot], deadlines: [Deadline] = []) {
            self.client = client; self.on = on; self.today = today; self.person = person; self.snapshots = snapshots; self.deadlines = deadlines
        }
    }

    static func order(_ o: Outcome) -> Int {
        switch o { case .met: 0; case .reachable: 1; case .unclear: 2; case .notMet: 3; case .excluded: 4 }
    }

    /// The page is written into one buffer (it is rendered on every view of the page counselors use most).
    public static func render(frame: PageFrame, _ m: Model) -> HTML {
        let sorted = m.person.assessments.sorted { (order($0.outcome), $0.from ?? .distantPast, $0.pathway) < (order($1.outcome), $1.from ?? .distantPast, $1.pathway) }
        let plan = m.person.plan.steps.map { s in
            "<li><strong>\(s.from.german)</strong> – \(s.text) <span class=\"hint\">(\(Labels.citation(s.citation)))</span></li>" as HTML
        }
        // One already due says so, as the dashboard's "Überfällig" does (QA29 F12: only the date showed it).
        let reminders = m.deadlines.map { d in
            "<li><strong>\(d.due.german)</strong>\(d.due < m.today ? " <strong class=\"overdue\">(überfällig)</strong>" as HTML : .empty) – \(d.title) <span class=\"hint\">(\(Labels.citation(d.citation)))</span></li>" as HTML
        }
        // A caveat every pathway carries (e.g. U1: a law not yet reflected) is said once, above the details.
        let all = m.person.assessments
        // Compared, not hashed: hashing the German texts was a tenth of rendering the page.
        let common = all.count < 2 ? [] : all[0].notes.filter { n in all.dropFirst().allSatisfy { $0.notes.contains(n) } }
        let caveats = common.map { n in
            "<li>\(n.text) <span class=\"hint\">(\(Labels.citation(n.citation)))</span></li>" as HTML
        }
        // The status on the date, read once: the permit note and the section of the pathway that granted it.
        let current = m.client.facts.status?.last(where: { $0.covers(m.on) })
        let snaps = m.snapshots.map { s in
            "<li><a href=\"/clients/\(m.client.id)/assessment/snapshots/\(s.id)\">Stand \(s.on.german), gespeichert \(GermanTime.format(s.createdAt))</a></li>" as HTML
        }
        return Layout.page(frame, capacity: 48_000) { b in
            b.raw("""
            <h1>Prüfung: \(m.client.firstName) \(m.client.lastName)</h1>
            <p class="hint" id="file-line">Aktenzeichen \(m.client.fileNumber) · geboren \(Labels.day(m.client.facts.born))\(frame.organisationName.map { " · \($0)" } ?? "")</p>
            \(m.saved.map { "<p class=\"notice no-print\" role=\"status\" id=\"saved\">\($0) gespeichert – die Prüfung unten ist auf dem neuen Stand.\(m.mergedWith.isEmpty ? "" : " Inzwischen hatte eine andere Person (oder ein anderes Fenster) andere Angaben gespeichert; sie sind erhalten und mit Ihren zusammengeführt: \(m.mergedWith.joined(separator: "; ")).")</p>" as HTML } ?? .empty)
            <form method="get" action="/clients/\(m.client.id)/assessment" class="no-print">
            <label for="on">Stand der Prüfung (Entscheidungsdatum, TT.MM.JJJJ)</label>
            <p class="hint" id="on-hint">Es gilt das Recht an diesem Tag; für künftige Daten auch bereits beschlossene Änderungen.</p>
            \(Layout.fieldError("on", m.dateError?.message))<input id="on" name="on" value="\(m.dateError?.typed ?? m.on.german)" size="10"\(m.dateError == nil ? " aria-describedby=\"on-hint\"" as HTML : " aria-invalid=\"true\" aria-describedby=\"on-error on-hint\"")> <button type="submit">Neu prüfen</button>
            </form>
            <p>Stand: <strong>\(m.on.german)</strong>\(m.on == m.today ? " (heute)" : "")\(m.appliedOn.map { " · Antragsdatum: <strong>\($0.german)</strong> (offener Antrag; gilt für jeden Weg)" as HTML } ?? .empty)</p>
            \(futureNote(m))\(factHints(m))\(permitNote(m, current))
            <table><caption>Übersicht</caption><thead><tr><th scope="col">Vorschrift</th><th scope="col">Titel</th><th scope="col">Ergebnis</th><th scope="col">Rechtsfolge</th></tr></thead>
            <tbody>
            """ as HTML)
            for a in sorted {
                b.raw("<tr><td><a href=\"#p-\(a.pathway.rawValue)\">\(a.pathway.title)</a></td><td>\(a.pathway.subtitle)</td><td class=\"badge result-\(a.outcome.rawValue)\">\(a.resultGerman)</td><td>\(a.consequence?.german ?? "")</td></tr>" as HTML)
            }
            b.raw("""
            </tbody></table>
            <section aria-labelledby="plan"><h2 id="plan">Aufenthaltsplan</h2>
            \(plan.isEmpty ? Self.noPlan(sorted) : "<ol>\(plan)</ol>")
            <p class="no-print" id="client-plan">Plan zum Mitgeben (Wege, Unterlagen, nächster Termin): \(HTML.join(PublicPages.all.map { l in "<a href=\"/clients/\(m.client.id)/plan?lang=\(l.code)\" lang=\"\(l.code)\">\(l.name)</a>" as HTML }, separator: " · "))</p>
            </section>
            \(reminders.isEmpty ? HTML.empty : "<section aria-labelledby=\"wv\"><h2 id=\"wv\">Wiedervorlagen</h2><p class=\"hint\">Automatisch aus den Angaben abgeleitet; Wochenenden und Feiertage des Landes berücksichtigt.</p><ul>\(reminders)</ul></section>")
            <form method="post" novalidate action="/clients/\(m.client.id)/assessment/snapshots" class="no-print">
            \(Layout.csrf(frame.csrf))
            <input type="hidden" name="on" value="\(m.on.iso)">
            <p><button type="submit">Prüfung speichern</button> <span class="hint">Speichert das Ergebnis mit Datum und angewandter Rechtslage.</span></p>
            </form>
            \(snaps.isEmpty ? HTML.empty : "<h2>Gespeicherte Prüfungen</h2><ul>\(snaps)</ul>")
            <h2>Einzelheiten</h2>
            \(caveats.isEmpty ? HTML.empty : "<section aria-labelledby=\"caveats\"><h3 id=\"caveats\">Vorbehalte für alle Wege</h3><ul>\(caveats)</ul></section>")

            """ as HTML)
            for a in sorted { pathway(a, into: &b, omitting: common, held: current?.titleBasis) }
            b.raw("""

            <p><a href="/clients/\(m.client.id)">Zurück zur Akte</a></p>
            """ as HTML)
        }
    }

    /// A person who holds a residence permit on the date does not need the pathways for tolerated persons: their
    /// "Duldung" steps only matter if the permit ends (the plan shows what follows it).
    static func permitNote(_ m: Model, _ current: StatusPeriod?) -> HTML {
        guard let p = current, let basis = p.titleBasis else { return .empty }
        let until = p.to.map { " bis \($0.german)" } ?? ""
        return "<p class=\"note\" role=\"note\">Am \(m.on.german) besteht eine Aufenthaltserlaubnis nach \(StatusPeriod.citation(ofBasis: basis))\(until). Schritte, die eine Duldung voraussetzen, sind nur von Belang, wenn sie endet; maßgeblich ist der Aufenthaltsplan.</p>"
    }

    /// A day ahead is judged on today's record and the law as scheduled (QA of 06.12.2026: 01.01.2100 gave a full
    /// assessment without a word; the command warns beyond five years).
    static func futureNote(_ m: Model) -> HTML {
        guard m.on > m.today else { return .empty }
        let far = m.on > m.today.adding(years: 5) ? "Der Tag liegt mehr als fünf Jahre voraus; das Ergebnis ist entsprechend unsicher. " : ""
        return "<p class=\"note\" role=\"note\" id=\"future-note\">\(far)Eine Prüfung für einen künftigen Tag nimmt an, dass Angaben und Statusverlauf bis dahin so bleiben, wie sie heute erfasst sind (eine laufende Duldung etwa als fortbestehend), und wendet das Recht an, wie es nach heutigem Stand dann gilt.</p>"
    }

    /// Facts that hardly fit together (`FactHints`), with the way to correct them.
    static func factHints(_ m: Model) -> HTML {
        let hints = FactHints.hints(m.client.facts, on: m.on)
        guard !hints.isEmpty else { return .empty }
        return "<div class=\"note\" role=\"note\" id=\"fact-hints\"><p>Bitte prüfen – diese Angaben passen kaum zusammen, und die Prüfung unten beruht auf ihnen:</p><ul>\(hints.map { "<li>\($0)</li>" as HTML })</ul><p class=\"no-print\"><a href=\"/clients/\(m.client.id)/facts\">Angaben bearbeiten</a></p></div>"
    }

    /// One pathway's section.
    /// `held`: the basis of the residence permit held on the date; the pathway that grants it says so.
    static func pathway(_ a: Assessment, into b: inout HTML.Builder, omitting common: [Note] = [], held: String? = nil) {
        let head = a.resultGerman
        b.raw("""
        <section class="pathway" id="p-\(a.pathway.rawValue)" aria-labelledby="h-\(a.pathway.rawValue)">
        <h3 id="h-\(a.pathway.rawValue)">\(a.pathway.title) – \(a.pathway.subtitle): <span class="result-\(a.outcome.rawValue)">\(head)</span></h3>
        \(a.consequence.map { "<p>Rechtsfolge: \($0.german)</p>" as HTML } ?? .empty)
        \(a.anchorDetail.map { "<p class=\"anchor\">Beruht auf: \($0)</p>" as HTML } ?? .empty)
        \(held != nil && held == ApplicationRules.grantedStatus(a.pathway).basis
            ? "<p class=\"note\">Diese Aufenthaltserlaubnis besteht bereits. Die Prüfung unten betrifft eine erneute Erteilung, nicht ihre Verlängerung; Schritte zu einer Duldung sind nur von Belang, wenn die Erlaubnis endet.</p>" as HTML : .empty)
        """ as HTML)
        b.raw("\n")
        list(&b, "<h4>Offene oder fehlende Voraussetzungen</h4><ul>", a.conditions.filter { $0.state != .met && $0.state != .notApplicable }) { b, c in
            b.raw("<li>"); c.writeSentence(names: a.names, on: a.on, citation: Labels.citation) { b.text($0) }; b.raw("</li>")
        }
        b.raw("\n")
        list(&b, "<h4>Handlungsbedarf</h4><ul>", a.actions) { b, action in b.raw("<li>"); b.text(action); b.raw("</li>") }
        b.raw("\n")
        list(&b, "<h4>Hinweise</h4><ul>", a.notes.filter { !common.contains($0) }) { b, n in
            b.raw("<li>"); b.text(n.text); b.raw(" <span class=\"hint\">("); b.text(Labels.citation(n.citation)); b.raw(")</span></li>")
        }
        b.raw("\n")
        let met = a.conditions.filter { $0.state == .met }
        list(&b, "<details><summary>Erfüllte Voraussetzungen (\(met.count))</summary><ul>", met, close: "</ul></details>") { b, c in
            b.raw("<li>"); b.text(ConditionCatalog.requirement(c.id, on: a.on)); if let w = c.waivedDetail { b.text(" – " + w) }; b.raw(" <span class=\"hint\">("); b.text(Labels.citation(ConditionCatalog.citation(c.id, on: a.on))); b.raw(")</span></li>")
        }
        b.raw("\n</section>")
    }

    /// A list with its heading, or nothing when there are no items.
    private static func list<T>(_ b: inout HTML.Builder, _ open: String, _ items: [T], close: String = "</ul>",
                                _ item: (inout HTML.Builder, T) -> Void) {
        guard !items.isEmpty else { return }
        b.raw(open)
        for x in items { item(&b, x) }
        b.raw(close)
    }
}

extension AssessmentPage {
    /// No pathway met or reachable: said so, and where the answer is open it names the pathways that are unclear,
    /// since one of them may still be met (QA of 05.12.2026: "kein Weg erreichbar" above a § 25b met under one
    /// reading of U3).
    public static func noPlan(_ answers: [Assessment]) -> HTML {
        let unclear = answers.filter { $0.outcome == .unclear }
        guard !unclear.isEmpty else { return "<p>Derzeit ist kein Weg erfüllt oder absehbar erreichbar.</p>" }
        let links = unclear.map { "<a href=\"#p-\($0.pathway.rawValue)\">\($0.pathway.title)</a>" as HTML }
        return "<p>Derzeit ist kein Weg sicher erfüllt oder erreichbar. Offen ist: \(HTML.join(links, separator: ", ")) – das hängt von den dort genannten fehlenden Angaben oder offenen Rechtsfragen ab.</p>"
    }
}
