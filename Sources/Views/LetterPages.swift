import Counseling
import Eligibility

/// German letters filled from a case, laid out after DIN 5008 (form B: address window 45 mm from the top, left
/// margin 25 mm) for printing; the browser's print dialog turns them into PDF.
public enum LetterPages {
    public enum Template: String, Sendable, CaseIterable {
        case application, entryBan = "entry_ban", duldungCertificate = "duldung_certificate"

        public var german: String {
            switch self {
            case .application: return "Anschreiben zum Antrag"
            case .entryBan: return "Antrag auf Aufhebung des Einreise- und Aufenthaltsverbots"
            case .duldungCertificate: return "Antrag auf Ausstellung einer Duldungsbescheinigung"
            }
        }
    }

    public struct Model: Sendable {
        public var template: Template
        public var sender: Organisation
        public var senderPerson: String
        public var recipient: Organisation?
        public var client: Client
        public var pathway: PathwayKey?
        public var today: Day
        /// The engine's answers for the client today: a letter never claims what they deny.
        public var answers: [Assessment]
        /// The documents of the case recorded as received: listed as enclosures.
        public var enclosures: [String]
        public init(template: Template, sender: Organisation, senderPerson: String, recipient: Organisation?, client: Client, pathway: PathwayKey?, today: Day,
                    answers: [Assessment], enclosures: [String] = []) {
            self.template = template; self.sender = sender; self.senderPerson = senderPerson; self.recipient = recipient
            self.client = client; self.pathway = pathway; self.today = today; self.answers = answers; self.enclosures = enclosures
        }
    }

    /// Why a template does not fit the record: `refusal` – the letter would be untrue and is not offered;
    /// `warning` – it is offered with a neutral wording, and the counselor is told why.
    public enum Check: Equatable, Sendable { case fits, warning(String), refusal(String) }

    /// Checks a template against the client's record and the engine's answers of today.
    public static func check(_ m: Model) -> Check {
        let outcome = m.pathway.flatMap { k in m.answers.first { $0.pathway == k } }
        switch m.template {
        case .application:
            guard let k = m.pathway, let a = outcome else {
                return .refusal("Für die Akte ist noch kein Bleiberechtsweg gewählt. Bitte zuerst in der Akte den Weg wählen.")
            }
            // A permit on that basis is held today: asking for it would be untrue (QA of 05.12.2026: offered after the grant).
            let current = m.client.facts.status?.last { $0.from <= m.today && ($0.to ?? .distantFuture) >= m.today }
            let granted = ApplicationRules.grantedStatus(k)
            if let c = current, c.kind == granted.kind, c.basis == granted.basis {
                return .refusal("Nach dem Statusverlauf besteht heute bereits \(granted.basis == nil ? "die Duldung" : "die Aufenthaltserlaubnis") nach \(k.title) (seit \(c.from.german)). Ein Antrag darauf ist nicht mehr zu stellen; für eine Verlängerung bitte ein eigenes Schreiben verfassen.")
            }
            // A residence permit on another basis held today: the letter would ask to change it (QA38 F4: a § 25b letter
            // was offered unremarked after § 25a had been granted).
            let change: String? = current.flatMap { c in
                guard c.kind == .aufenthaltserlaubnis, c.basis != granted.basis else { return nil }
                return "Nach dem Statusverlauf besteht heute bereits eine Aufenthaltserlaubnis\(c.basis.map { " (" + StatusPeriod.citation(ofBasis: $0) + ")" } ?? "") seit \(c.from.german). Ein Antrag nach \(k.title) wäre ein Wechsel; bitte prüfen, ob er gewollt ist."
            }
            if a.outcome == .met { return change.map(Check.warning) ?? .fits }
            // No authority can grant it any more: the letter would ask for a permit and a Fiktionsbescheinigung on a basis
            // that is closed (QA of 06.12.2026: offered for § 104c after 31.12.2025).
            if a.closedByLaw {
                return .refusal("Nach \(k.title) kann nach der Rechtslage vom \(m.today.german) nichts mehr erteilt werden (\(a.conditions.first { $0.state == .failing(.permanent) }.map { $0.requirement(on: m.today) } ?? "Frist abgelaufen")). Bitte in der Akte einen anderen Weg als Ziel wählen\(alternatives(m).map { ", nach der Prüfung " + $0 } ?? "").")
            }
            let state = a.outcome == .reachable ? "erreichbar ab \(a.from?.german ?? "–")" : a.outcome.german
            return .warning((change.map { $0 + " " } ?? "") + "Nach der Prüfung vom \(m.today.german) lautet das Ergebnis für \(k.title): „\(state)“. Das Schreiben behauptet deshalb nicht, dass die Voraussetzungen vorliegen, sondern bittet um Prüfung.")
        case .entryBan:
            // The letter asks to lift "the existing" ban: only where the record says there is one.
            switch m.client.facts.bars?.entryBan {
            case false?: return .refusal("In den Angaben ist kein Einreise- und Aufenthaltsverbot erfasst. Ist eines verhängt, bitte zuerst die Angaben ergänzen.")
            case nil: return .refusal("Ob ein Einreise- und Aufenthaltsverbot besteht, ist in den Angaben nicht erfasst. Das Schreiben nennt ein bestehendes Verbot; bitte zuerst die Angaben ergänzen.")
            case true?: break
            }
            if !permitInSight(m) {
                return .warning("Kein Weg zu einer Aufenthaltserlaubnis ist nach der Prüfung vom \(m.today.german) erfüllt oder erreichbar; § 11 Abs. 4 S. 2 AufenthG trägt den Antrag dann nicht. Das Schreiben bittet deshalb nur um Prüfung.")
            }
            return .fits
        case .duldungCertificate:
            let current = m.client.facts.status?.last { $0.from <= m.today && ($0.to ?? .distantFuture) >= m.today }
            // The letter states that removal is suspended: with no status recorded for today nothing says so (QA of 05.12.2026).
            guard let current else {
                return .refusal("Der Statusverlauf nennt für heute (\(m.today.german)) keinen Status. Das Schreiben sagt, dass die Abschiebung ausgesetzt ist; bitte zuerst den Statusverlauf ergänzen.")
            }
            if ![.duldung, .duldung60b, .duldung60c, .duldung60d, .none].contains(current.kind) {
                return .refusal("Nach dem Statusverlauf besteht heute eine \(Labels.status(current.kind)), keine Duldung. Eine Duldungsbescheinigung kann nicht beantragt werden.")
            }
            // The letter says no certificate is at hand; the record may say otherwise.
            if current.kind.isDuldung, current.issued, let until = current.validUntil, until >= m.today {
                return .warning("Nach dem Statusverlauf liegt eine Duldungsbescheinigung vor, gültig bis \(until.german). Das Schreiben ist nur nötig, wenn sie verloren ging oder ihre Angaben nicht stimmen.")
            }
            return .fits
        }
    }

    /// The general requirements the chosen pathway's answer rests on waiving (QA of 06.12.2026: the letter said "die
    /// Voraussetzungen liegen vor" where identity and passport did not hold): the letter asks for the waiver instead.
    static func waived(_ m: Model) -> (names: String, basis: String)? {
        guard let k = m.pathway, let a = m.answers.first(where: { $0.pathway == k }), a.waiverCondition != nil else { return nil }
        return (a.waivedNames.joined(separator: ", "), a.waiverBasis)
    }

    /// The pathways met or reachable today, named for a counselor choosing another target ("erfüllt: § 25b Abs. 1 AufenthG").
    public static func alternatives(_ answers: [Assessment]) -> String? {
        let open = answers.filter { $0.outcome == .met || $0.outcome == .reachable }
        guard !open.isEmpty else { return nil }
        return open.map { "\($0.pathway.title): \($0.resultGerman)" }.joined(separator: "; ")
    }

    static func alternatives(_ m: Model) -> String? { alternatives(m.answers) }

    /// A residence permit's pathway (not §§ 60c, 60d, which give a Duldung) is met today or reachable.
    static func permitInSight(_ m: Model) -> Bool {
        m.answers.contains { ($0.outcome == .met || $0.outcome == .reachable) && $0.pathway != .p60c && $0.pathway != .p60d }
    }

    /// The subject line and the paragraphs of a template.
    public static func text(_ m: Model) -> (subject: String, paragraphs: [String]) {
        let c = m.client, p = c.facts
        let fits = check(m) == .fits
        let person = "\(c.firstName) \(c.lastName), geb. \(Labels.day(p.born)), Staatsangehörigkeit \(p.nationality.map(CountryCodes.germanName) ?? "ungeklärt")"
        switch m.template {
        case .application:
            // §§ 60c and 60d give a Duldung, not a residence permit, and no Fiktionsbescheinigung during the procedure.
            let duldung: String? = switch m.pathway { case .p60c?: "Ausbildungsduldung"; case .p60d?: "Beschäftigungsduldung"; default: nil }
            let what = duldung ?? "Aufenthaltserlaubnis"
            let pw = m.pathway.map { duldung == nil ? "\($0.title) (\($0.subtitle))" : $0.title } ?? "der einschlägigen Vorschrift"
            // A family pathway names the relative it rests on; the received documents are listed (QA of 06.12.2026).
            let anchor = m.pathway.flatMap { k in m.answers.first { $0.pathway == k } }?.anchorDetail
            let enclosures = m.enclosures.isEmpty ? [] : ["Anlagen: " + m.enclosures.joined(separator: "; ")]
            // Enclosures are claimed only when some were received (QA43 C8: "beigefügt" with every document missing).
            func proofs(_ rest: String) -> String {
                m.enclosures.isEmpty ? "Die Nachweise reichen wir unverzüglich nach." : "Die vorliegenden Nachweise sind beigefügt; \(rest) reichen wir unverzüglich nach."
            }
            return ("Antrag auf Erteilung einer \(what) nach \(m.pathway?.title ?? "AufenthG") – \(person)", [
                // A minor acts through the persons with custody (§ 80 Abs. 1 AufenthG; QA of 06.12.2026).
                "im Auftrag und mit Vollmacht \(p.born.map { $0.age(on: m.today) < 18 } == true ? "der Sorgeberechtigten von" : "von") \(c.firstName) \(c.lastName) übersenden wir den Antrag auf Erteilung einer \(what) nach \(pw)."
                    + (anchor.map { " Der Antrag stützt sich auf die familiäre Beziehung: \($0)." } ?? ""),
                fits
                    ? (waived(m).map { "Nach unserer Prüfung liegen die besonderen Voraussetzungen vor. Von den allgemeinen Erteilungsvoraussetzungen (\($0.names)) bitten wir nach \($0.basis) abzusehen. \(proofs("fehlende"))" }
                        ?? "Nach unserer Prüfung liegen die Voraussetzungen vor. \(proofs("fehlende"))")
                    : "Wir bitten, die Voraussetzungen zu prüfen. " + proofs("weitere"),
                duldung == nil
                    ? "Wir bitten, den Antrag zu bescheiden und für die Dauer des Verfahrens eine Bescheinigung über die Antragstellung auszustellen. Für Rückfragen stehen wir gern zur Verfügung."
                    : "Wir bitten, den Antrag zu bescheiden. Für Rückfragen stehen wir gern zur Verfügung.",
            ] + enclosures)
        case .entryBan:
            return ("Antrag auf Aufhebung des Einreise- und Aufenthaltsverbots (§ 11 Abs. 4 AufenthG) – \(person)", [
                "für \(c.firstName) \(c.lastName) beantragen wir, das bestehende Einreise- und Aufenthaltsverbot nach § 11 Abs. 4 S. 1 AufenthG aufzuheben.",
                permitInSight(m)
                    ? "Die Voraussetzungen für die Erteilung einer Aufenthaltserlaubnis nach Kapitel 2 Abschnitt 5 AufenthG liegen vor oder werden absehbar vorliegen. Nach § 11 Abs. 4 S. 2 AufenthG soll das Verbot in diesem Fall aufgehoben werden."
                    : "Wir bitten zu prüfen, ob die Voraussetzungen für die Aufhebung nach § 11 Abs. 4 AufenthG vorliegen.",
                "Wir bitten um Entscheidung und Mitteilung an uns.",
            ])
        case .duldungCertificate:
            return ("Antrag auf Ausstellung einer Duldungsbescheinigung (§ 60a Abs. 4 AufenthG) – \(person)", [
                "für \(c.firstName) \(c.lastName) beantragen wir die Ausstellung einer Bescheinigung über die Aussetzung der Abschiebung nach § 60a Abs. 4 AufenthG.",
                "Die Abschiebung ist ausgesetzt; eine Bescheinigung liegt derzeit nicht vor. Die lückenlose Bescheinigung der Duldungszeiten ist für die Prüfung der Bleiberechtswege erforderlich.",
                "Wir bitten um Ausstellung und Mitteilung eines Abholtermins.",
            ])
        }
    }

    /// The templates as links; one the record refuses is named without a link, so it is not offered (QA of
    /// 06.12.2026: the entry-ban letter was offered for a record without a ban). The page shown is marked current.
    public static func navigation(_ m: Model, caseID: String) -> [HTML] {
        Template.allCases.map { tpl in
            var other = m
            other.template = tpl
            if tpl == m.template { return "<a href=\"/cases/\(caseID)/letters/\(tpl.rawValue)\" aria-current=\"page\">\(tpl.german)</a>" }
            if case .refusal = check(other) { return "<span class=\"hint\">\(tpl.german) (passt nicht zur Akte)</span>" }
            return "<a href=\"/cases/\(caseID)/letters/\(tpl.rawValue)\">\(tpl.german)</a>"
        }
    }

    public static func page(frame: PageFrame, _ m: Model, caseID: String) -> HTML {
        let nav: HTML = "<p class=\"no-print\" id=\"letter-templates\">Vorlagen: \(HTML.join(navigation(m, caseID: caseID), separator: " · ")) · <a href=\"/cases/\(caseID)\">zurück zur Akte</a>. Drucken oder als PDF speichern über den Druckdialog des Browsers.</p>"
        let notice: HTML
        switch check(m) {
        case .refusal(let why):
            return Layout.page(frame, "\(nav)<h1>\(m.template.german)</h1><div class=\"error-summary\" role=\"alert\" id=\"letter-check\"><p>\(why)</p></div>")
        case .warning(let why): notice = "<div class=\"error-summary no-print\" role=\"status\" id=\"letter-check\"><p><strong>Bitte beachten:</strong> \(why)</p></div>"
        case .fits: notice = .empty
        }
        let t = text(m)
        // The addresses as their organisations entered them; without one, the name and city (and a hint for the screen).
        let recipient: HTML = m.recipient.map { r in
            r.addressLines.isEmpty ? "\(r.name)<br>Sachgebiet Aufenthalt<br>\(r.city)" as HTML : "\(r.name)<br>\(HTML.join(r.addressLines.map { "\($0)" as HTML }, separator: "<br>"))"
        } ?? "Ausländerbehörde"
        let senderLine = ([m.sender.name] + (m.sender.addressLines.isEmpty ? [m.sender.city] : m.sender.addressLines)).joined(separator: " · ")
        let missing = [m.sender.addressLines.isEmpty ? "der Beratungsstelle (Koordination: unter „Benutzer:innen“)" : nil,
                       m.recipient.map { $0.addressLines.isEmpty } == true ? "der Ausländerbehörde (dort von der Leitung einzutragen)" : nil].compactMap { $0 }
        let addressHint: HTML = missing.isEmpty ? .empty : "<p class=\"hint no-print\" id=\"address-missing\">Die Postanschrift \(missing.joined(separator: " und ")) ist noch nicht erfasst; der Brief nennt nur den Ort.</p>"
        let paragraphs = t.paragraphs.map { "<p>\($0)</p>" as HTML }
        return Layout.page(frame, """
        \(nav)\(notice)\(addressHint)
        <article class="letter" aria-label="Brief">
        <div class="letter-sender">\(senderLine)</div>
        <div class="letter-address">\(recipient)</div>
        <div class="letter-info"><dl><dt>Ihr Zeichen</dt><dd>–</dd><dt>Unser Zeichen</dt><dd>\(m.client.fileNumber)</dd><dt>Bearbeitet von</dt><dd>\(m.senderPerson)</dd><dt>Datum</dt><dd>\(m.today.german)</dd></dl></div>
        <h1 class="letter-subject">\(t.subject)</h1>
        <p>Sehr geehrte Damen und Herren,</p>
        \(paragraphs)
        <p>Mit freundlichen Grüßen</p>
        <p class="letter-signature">\(m.senderPerson)<br>\(m.sender.name)</p>
        </article>
        """)
    }
}
