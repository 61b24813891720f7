import Counseling
import Eligibility

/// A saved assessment as it was concluded then: read from its stored document, never recomputed (the facts and
/// the law may have changed since; that is what a snapshot is for).
public enum SnapshotPage {
    public static func render(frame: PageFrame, client: Client, snapshot s: AssessmentSnapshot, savedBy: String, document d: AssessmentDocument?) -> HTML {
        guard let d, let person = d.persons.first else {
            return Layout.page(frame, """
            <h1>Gespeicherte Prüfung: \(client.firstName) \(client.lastName)</h1>
            <p class="error" role="alert">Das gespeicherte Dokument kann nicht gelesen werden.</p>
            <p><a href="/clients/\(client.id)/assessment">Zur aktuellen Prüfung</a></p>
            """)
        }
        let sections = person.assessments.map { a -> HTML in
            let result = Outcome(rawValue: a.result)?.german ?? a.result
            let from: HTML = a.from.flatMap { Day(iso: $0) }.map { " ab \($0.german)" as HTML } ?? .empty
            let consequence: HTML = a.consequence.flatMap(Consequence.init(rawValue:)).map { " · \($0.german)" as HTML } ?? .empty
            let shown = a.conditions.filter { $0.state != "met" && $0.state != "not_applicable" }
            // The stored sentence ends with its citation as the engine gives it; shown as staff read it.
            let conditions = shown.map { c -> HTML in
                let text = c.text.replacingOccurrences(of: "(\(c.citation)).", with: "(\(Labels.citation(c.citation))).")
                return "<li>\(text)</li>"
            }
            let actions = a.actions.map { "<li>\($0)</li>" as HTML }
            return """
            <section class="pathway"><h2>\(a.title)</h2>
            <p>Ergebnis: <strong>\(result)</strong>\(from)\(consequence)</p>
            \(a.restsOn.map { "<p class=\"anchor\">Beruht auf: \($0)</p>" as HTML } ?? .empty)
            \(conditions.isEmpty ? HTML.empty : "<h3>Nicht erfüllte oder offene Voraussetzungen</h3><ul>\(conditions)</ul>" as HTML)
            \(actions.isEmpty ? HTML.empty : "<h3>Handlungsbedarf</h3><ul>\(actions)</ul>" as HTML)
            </section>
            """
        }
        // Remarks every pathway carries (an open question of the law in force) once, as on the live page.
        let all = person.assessments.map { Set($0.notes.map { $0.text + "\u{1}" + $0.citation }) }
        let common = all.isEmpty ? [] : all.dropFirst().reduce(all[0]) { $0.intersection($1) }
        let caveats = (person.assessments.first?.notes ?? []).filter { common.contains($0.text + "\u{1}" + $0.citation) }.map {
            "<li>\($0.text) <span class=\"hint\">(\(Labels.citation($0.citation)))</span></li>" as HTML
        }
        let plan = person.plan.map { p -> HTML in
            "<li>\(Day(iso: p.from)?.german ?? p.from): \(p.text) <span class=\"hint\">(\(Labels.citation(p.citation)))</span></li>"
        }
        let periods = (person.statusHistory ?? []).map { p -> HTML in
            let kind = (StatusKind(rawValue: p.kind).map(Labels.status) ?? p.kind) + (p.basis.map { " (" + StatusPeriod.citation(ofBasis: $0) + ")" } ?? "")
            let to = p.to.flatMap { Day(iso: $0)?.german } ?? "laufend"
            let valid = p.validUntil.flatMap { Day(iso: $0) }.map { ", Bescheinigung gültig bis \($0.german)" } ?? ""
            return "<li>\(Day(iso: p.from)?.german ?? p.from) – \(to): \(kind)\(valid)</li>"
        }
        let history: HTML = person.statusHistory == nil ? .empty : """
            <details id="snapshot-status"><summary>Statusverlauf, auf dem die Prüfung beruht (\(periods.count) Zeiträume)</summary>
            \(periods.isEmpty ? "<p>Kein Statusverlauf erfasst.</p>" as HTML : "<ol>\(periods)</ol>" as HTML)</details>
            """
        let savedDay = GermanTime.day(s.createdAt)
        let savedAhead = Day(german: savedDay).map { s.on > $0 } ?? false
        return Layout.page(frame, """
        <p class="no-print"><a href="/clients/\(client.id)">Zurück zur Akte</a></p>
        <h1>Gespeicherte Prüfung: \(client.firstName) \(client.lastName)</h1>
        <p>Stand der Prüfung: <strong>\(s.on.german)</strong> · gespeichert \(GermanTime.format(s.createdAt)) von \(savedBy)</p>
        \(savedAhead
            // A look ahead is not a check made on that day (QA43 C9): said as the live page says it.
            ? "<p class=\"hint\" id=\"snapshot-ahead\">Vorausschau, gespeichert am \(savedDay): geprüft für einen künftigen Tag, mit den Angaben und dem Statusverlauf, wie sie am \(savedDay) erfasst waren (als bis dahin unverändert angenommen), und dem Recht, wie es nach damaligem Stand an diesem Tag gelten sollte (\(s.lawVersions.joined(separator: "; "))). Seither geänderte Angaben sind hier nicht berücksichtigt.</p>" as HTML
            : "<p class=\"hint\">So wurde an diesem Tag geprüft – mit den damaligen Angaben und dem damaligen Rechtsstand (\(s.lawVersions.joined(separator: "; "))). Seither geänderte Angaben sind hier nicht berücksichtigt.</p>")
        <p><a href="/clients/\(client.id)/assessment?on=\(s.on.iso)">Mit den heutigen Angaben für denselben Stand neu prüfen</a> · <a href="/clients/\(client.id)/assessment">Zur aktuellen Prüfung</a></p>
        \(history)
        \(caveats.isEmpty || person.assessments.count < 2 ? HTML.empty : "<div class=\"notice\"><h2>Vorbehalte</h2><ul>\(caveats)</ul></div>" as HTML)
        \(sections)
        \(plan.isEmpty ? HTML.empty : "<h2>Plan</h2><ol>\(plan)</ol>" as HTML)
        """)
    }
}
