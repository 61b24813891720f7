import Counseling
import Eligibility

/// The plan a counselor prints for the client, in the client's language (right to left where written so): the
/// pathways open today or by a date, the documents still to bring, the next appointment. German legal names stay
/// beside the translation; the page is a summary, the counseling explains (QA of 06.12.2026: only German existed).
public enum ClientPlanPage {
    public struct Model: Sendable {
        public var serviceName: String
        public var client: Client
        public var today: Day
        public var person: PersonAssessment
        public var missing: [DocumentKind]
        public var next: Appointment?
        /// The service's postal address lines: how to reach it (QA26 C6: "contact your service" without a way to).
        public var serviceAddress: [String] = []
        /// The household member in whose case this person is counseled (no case of their own): the documents and the
        /// appointment are that case's (QA41 C10: a daughter's plan said no documents and no appointment).
        public var counseledWith: String?
        public init(serviceName: String, client: Client, today: Day, person: PersonAssessment, missing: [DocumentKind], next: Appointment?) {
            self.serviceName = serviceName; self.client = client; self.today = today; self.person = person; self.missing = missing; self.next = next
        }
    }

    /// The pathways the plan names: met or reachable – or open by a legal question only but certain from a day (QA43
    /// C2; named with that day: possible from then, perhaps earlier) –, not one whose permit the client holds already.
    static func open(_ m: Model) -> [Assessment] {
        let held = m.client.facts.status?.last.flatMap { p in p.covers(m.today) ? p.titleBasis : nil }
        return m.person.assessments.filter { ($0.outcome == .met || $0.outcome == .reachable || $0.metUnderEveryReadingFrom != nil) && (held == nil || $0.pathway.grantedBasis != held) }
    }

    public static func render(_ m: Model, lang l: PublicPages.Language, path: String) -> HTML {
        let code = l.code
        func t(_ key: String) -> String { ClientPlanTexts.text(key, code) }
        func ltr(_ s: String) -> HTML { "<span dir=\"ltr\">\(s)</span>" }
        /// A text with one placeholder filled by `value` (a date kept left to right, a name marked as German).
        func filled(_ key: String, _ placeholder: String, _ value: HTML) -> HTML {
            let parts = t(key).components(separatedBy: placeholder)
            return "\(SelfCheckTexts.marked(parts[0], code))\(value)\(parts.count > 1 ? SelfCheckTexts.marked(parts[1], code) : "")"
        }
        let lines = open(m).map { a -> HTML in
            // "möglich ab" after the colon: not a sentence of its own in German (QA41 C10).
            let reachable = SelfCheckTexts.text("reachable", code)
            let what: HTML = a.outcome == .met ? "\(SelfCheckTexts.text("met", code))"
                : "\(code == "de" ? reachable.prefix(1).lowercased() + reachable.dropFirst() : reachable) \(ltr((a.from ?? a.metUnderEveryReadingFrom)?.german ?? ""))"
            let waiver: HTML = a.waivers.isEmpty ? .empty : " \(SelfCheckTexts.text("waiver", code))"
            let until: HTML = Plan.childRouteEnds(a, on: m.today).map {
                " <strong>\(filled(Plan.endsAsChild($0, person: m.client.facts) ? "childUntil" : "familyUntil", "{date}", ltr($0.german)))</strong>" as HTML
            } ?? .empty
            // The permit by its name, the law in brackets (QA41 C10: "§ 25b Abs. 1 AufenthG – Aufenthaltserlaubnis: bei
            // nachhaltiger Integration: Voraussichtlich möglich ab").
            let name = SelfCheckTexts.planRouteName(a.pathway, code)
            // A sentence ends before the caveat that follows it (QA26 C8: "ab 07.11.2029 Aber: …").
            return "<li><strong>\(SelfCheckTexts.marked(name, code))</strong> (<span lang=\"de\" dir=\"ltr\">\(a.pathway.title)</span>): \(what)\(waiver.rendered.isEmpty && until.rendered.isEmpty ? "" : ".")\(waiver)\(until)</li>"
        }
        // A permit held: said with its next step, so that the plan does not read "no route" after a grant (QA of 06.12.2026).
        let held: HTML? = m.client.facts.status?.last.flatMap { p -> HTML? in
            guard p.covers(m.today), p.kind == .aufenthaltserlaubnis, let basis = p.titleBasis else { return nil }
            let until = p.validUntil.map { t("until").replacingOccurrences(of: "{date}", with: $0.german) } ?? ""
            let parts = t("held").components(separatedBy: "{law}")
            let law = "<span lang=\"de\" dir=\"ltr\">\(StatusPeriod.citation(ofBasis: basis))</span>" as HTML
            let rest = (parts.count > 1 ? parts[1] : "").replacingOccurrences(of: "{until}", with: until)
            return "<p id=\"held\"><strong>\(parts[0])\(law)\(rest)</strong></p>"
        }
        // The Duldung to be extended, the one thing the client must see to (QA41 C10: only an internal reminder had it).
        let duldung: HTML = m.client.facts.status?.last.flatMap { p -> HTML? in
            guard p.covers(m.today), p.kind.isDuldung, p.issued, let until = p.validUntil else { return nil }
            return "<p id=\"duldung-until\"><strong>\(filled(until >= m.today ? "duldungUntil" : "duldungExpired", "{date}", ltr(until.german)))</strong></p>"
        } ?? .empty
        let together: HTML = m.counseledWith.map { "<p id=\"counseled-with\">\(filled("counseledWith", "{name}", "<bdi lang=\"de\">\($0)</bdi>"))</p>" } ?? .empty
        // The service's German name marked as German inside the translation (WCAG 3.1.2).
        let serviceLine = filled("service", "{name}", "<span lang=\"de\">\(m.serviceName)</span>")
        let documents = m.missing.map { "<li>\(SelfCheckTexts.marked(ClientPlanTexts.document($0, code), code))</li>" as HTML }
        let appointment: HTML = m.next.map { a in
            let time = t("clock").replacingOccurrences(of: "{time}", with: a.time)
            // A requested time is not yet fixed: said, so that the client does not come to one later refused (QA40 M2).
            // How it takes place in the client's language; a place or number as typed, in German (QA40: "Telefon").
            let how = a.mode == .inPerson ? "" : " – " + t(a.mode == .phone ? "byPhone" : "byVideo")
            let place: HTML = a.place.isEmpty ? .empty : "\(a.mode == .inPerson ? " – " : ": ")<span lang=\"de\">\(a.place)</span>"
            return "<p>\(ltr("\(a.day.german), \(time)"))\(how)\(place)\(a.state == .requested ? " " + t("unconfirmed") : "")</p>" as HTML
        } ?? "<p>\(t("noAppointment"))</p>"
        let reach: HTML = m.serviceAddress.isEmpty ? .empty : "<p id=\"service-address\"><bdi lang=\"de\">\(m.serviceName)<br>\(HTML.join(m.serviceAddress.map { "\($0)" as HTML }, separator: "<br>"))</bdi></p>"
        let main: HTML = """
        <div class="client-plan">
        <h1>\(t("planTitle"))</h1>
        <p><strong lang="de" dir="ltr">\(m.client.firstName) \(m.client.lastName)</strong> · \(SelfCheckTexts.text("asOf", code)) \(ltr(m.today.german))</p>
        <p>\(serviceLine)</p>
        <p>\(t("planIntro"))</p>
        \(held ?? .empty)
        \(duldung)
        \(lines.isEmpty && held != nil ? HTML.empty : "<section aria-labelledby=\"plan-pathways\"><h2 id=\"plan-pathways\">\(t("pathways"))</h2>\(lines.isEmpty ? "<p>\(t("noPathway"))</p>" as HTML : "<ul>\(lines)</ul>" as HTML)</section>" as HTML)
        \(together)
        <section aria-labelledby="plan-documents"><h2 id="plan-documents">\(t("documents"))</h2>
        \(documents.isEmpty ? "<p>\(t("noDocuments"))</p>" as HTML : "<ul>\(documents)</ul>" as HTML)</section>
        <section aria-labelledby="plan-appointment"><h2 id="plan-appointment">\(t("appointment"))</h2>\(appointment)\(reach)</section>
        <p class="hint">\(t("keep")) \(t("closing"))</p>
        </div>
        """
        return PublicPages.document(serviceName: m.serviceName, path: path, lang: l, title: t("planTitle"), main: main)
    }
}
