import Eligibility

/// The client's self-check (no login, nothing stored): a few questions in the client's language, and for every
/// pathway the engine's result in plain words, with the German actions to bring to counseling.
public enum SelfCheck {
    public enum Kind: Sendable {
        case date
        case number(max: Int)
        /// The values to choose from; the empty value is "don't know".
        case choice([String])
    }

    public struct Question: Sendable {
        public let name: String, kind: Kind
        init(_ name: String, _ kind: Kind) { self.name = name; self.kind = kind }
    }

    static let yesNo = Kind.choice(["yes", "no"])

    /// The questions, in sections (text keys of `SelfCheckTexts`).
    public static let sections: [(title: String, questions: [Question])] = [
        ("sPerson", [Question("born", .date), Question("marital_status", .choice(["single", "married", "divorced", "widowed"]))]),
        ("sStay", [Question("entered", .date),
                   Question("status", .choice(["duldung", "duldung_60b", "duldung_60c", "duldung_60d", "gestattung"])),
                   Question("duldung_since", .date), Question("status_since", .date)]),
        ("sFamily", [Question("minor_children", .number(max: 10)), Question("children_at_school", yesNo)]),
        ("sIntegration", [Question("german", .choice(["none", "A1", "A2", "B1", "B2", "C1"])), Question("civic", yesNo), Question("fdgo", yesNo),
                          Question("school_since", .date), Question("degree", .choice(["none", "school", "vocational", "university"])),
                          Question("training", .choice(["none", "qualified", "helper"])), Question("training_from", .date),
                          Question("employment_since", .date), Question("employment_hours", .number(max: 80)), Question("employment_insured", yesNo),
                          Question("work_share", .choice(["full", "most", "part", "no"]))]),
        ("sAuthority", [Question("passport", yesNo), Question("identity", yesNo), Question("identity_since", .date),
                        Question("obstruction", yesNo), Question("bars", yesNo), Question("convicted", yesNo),
                        Question("day_fines", .number(max: 1000)), Question("prison_months", .number(max: 600))]),
    ]

    public static var questions: [Question] { sections.flatMap(\.questions) }

    /// The answers that are not acceptable, as question name → text key. Dates come as YYYY-MM-DD (the browser's date
    /// field); none may lie after `on`.
    public static func errors(_ values: [String: String], on: Day) -> [String: String] {
        var errors: [String: String] = [:]
        for q in questions {
            guard let v = values[q.name], !v.isEmpty else { continue }
            switch q.kind {
            case .date:
                guard let d = Day(iso: v), v.utf8.count == 10 else { errors[q.name] = "errDate"; continue }
                if d > on { errors[q.name] = "errFuture"; continue }
                // A real date, but more than a lifetime ago: a typo (QA of 05.12.2026: aged 120, § 25b "met").
                if d < on.adding(years: -100) { errors[q.name] = "errAge"; continue }
                // Nothing happens before birth, and a paper in Germany not before the entry.
                let born = values["born"].flatMap { Day(iso: $0) }, entered = values["entered"].flatMap { Day(iso: $0) }
                if q.name != "born", let b = born, d < b { errors[q.name] = "errOrder" }
                if ["status_since", "duldung_since"].contains(q.name), let e = entered, d < e { errors[q.name] = "errOrder" }
            case .number(let max):
                // The range is said with the message (QA of 05.12.2026: "please enter a number" for 99999 months).
                guard let n = Int(v), n >= 0, n <= max else { errors[q.name] = "errNumber|0–\(max)"; continue }
            case .choice(let options):
                if !options.contains(v) { errors[q.name] = "errSummary" }
            }
        }
        return errors
    }

    /// The digits ٠–٩ (Arabic-Indic) and ۰–۹ (Persian) as 0–9; other characters as they are.
    public static func westernDigits(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { (0x660...0x669).contains($0.value) || (0x6F0...0x6F9).contains($0.value) }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { c in
            switch c.value {
            case 0x660...0x669: Unicode.Scalar(c.value - 0x660 + 0x30)!
            case 0x6F0...0x6F9: Unicode.Scalar(c.value - 0x6F0 + 0x30)!
            default: c
            }
        }))
    }

    /// The questions whose answers would settle an open fact of the engine (a case-file path; a relative's as
    /// `id/path`): an unclear result names them in the client's language (QA26 C3: the reasons were only in German).
    public static func questions(settling fact: String) -> [String] {
        if fact.contains("/") || fact.hasPrefix("relations") || fact.hasPrefix("household") { return ["minor_children", "children_at_school"] }
        return settles[String(fact.prefix { $0 != "." && $0 != "[" })] ?? []
    }

    static let settles: [String: [String]] = [
        "born": ["born"], "marital_status": ["marital_status"], "entered": ["entered"], "status": ["status", "duldung_since", "status_since"],
        "german": ["german"], "civic_test_passed_on": ["civic"], "fdgo_declaration_on": ["fdgo"], "education": ["school_since"],
        "degrees": ["degree"], "training": ["training", "training_from"], "employment": ["employment_since", "employment_hours", "employment_insured"],
        "livelihood": ["work_share"], "passport": ["passport"], "identity": ["identity", "identity_since"], "conduct": ["obstruction"],
        "bars": ["bars"], "convictions": ["convicted", "day_fines", "prison_months"],
    ]

    /// The result of the engine's unclear answer as the page names it: questions in their order, and an open law.
    /// `answered`: the questions answered; only those left open are named (QA27 R4: an answered question was named for a
    /// detail the self-check does not ask).
    public static func unclearReasons(_ open: [String], answered: Set<String> = []) -> (questions: [String], legal: Bool) {
        let asked = Set(open.flatMap(questions(settling:))).subtracting(answered)
        let legal = open.contains { $0.hasPrefix("U") && Int($0.dropFirst()) != nil }
        return (Self.questions.map(\.name).filter(asked.contains), legal)
    }

    /// One pathway's answer as the page shows it.
    public struct Result: Sendable {
        public let pathway: PathwayKey, outcome: Outcome, from: Day?, actions: [String]
        /// Excluded by the law itself (a deadline passed, not in force), whatever was answered.
        public var closedByLaw = false
        /// Met or reachable only if the authority waives a general requirement that does not hold (SPEC.md § 6).
        public var restsOnWaiver = false
        /// For an unclear one: the questions whose answers would settle it, and whether an open legal question does.
        public var missing: [String] = []
        public var legalQuestionOpen = false
        public init(pathway: PathwayKey, outcome: Outcome, from: Day?, actions: [String], closedByLaw: Bool = false, restsOnWaiver: Bool = false) {
            self.pathway = pathway; self.outcome = outcome; self.from = from; self.actions = actions; self.closedByLaw = closedByLaw
            self.restsOnWaiver = restsOnWaiver
        }
        /// Met first, then by the date it becomes reachable, then unclear, not met, excluded.
        var rank: (Int, Int32) {
            switch outcome {
            case .met: return (0, 0)
            case .reachable: return (1, from?.ordinal ?? .max)
            case .unclear: return (2, 0)
            case .notMet: return (3, 0)
            case .excluded: return (4, 0)
            }
        }
    }

    public static func page(serviceName: String, path: String, requestPath: String, lang l: PublicPages.Language, csrf: String,
                            values: [String: String], errors: [String: String], on: Day, results: [Result]?) -> HTML {
        func t(_ key: String) -> String { SelfCheckTexts.text(key, l.code) }
        /// An error key, with the allowed range after "|" where there is one.
        func message(_ error: String) -> String {
            let parts = error.split(separator: "|", maxSplits: 1)
            return t(String(parts[0])) + (parts.count > 1 ? " (\(parts[1]))" : "")
        }
        var b = HTML.Builder(capacity: 16_000)
        b.raw("<h1>\(t("title"))</h1><p>\(t("intro"))</p><p class=\"hint\" id=\"private\">\(t("private")) \(t("notAdvice"))</p>" as HTML)
        if let results { b.raw(resultSection(results, on: on, lang: l, requestPath: requestPath)) }
        if !errors.isEmpty {
            // "_form": an error of the whole form (an expired form), a key of the client pages' texts.
            let items = errors["_form"].map { ["<li>\(l.text($0))</li>" as HTML] } ?? []
                // The question without its question mark before the colon (QA of 05.12.2026: "؟:" in Arabic and Farsi).
                + questions.filter { errors[$0.name] != nil }.map {
                    "<li><a href=\"#\($0.name)\">\(String(t($0.name).reversed().drop { "?؟ ".contains($0) }.reversed())): \(message(errors[$0.name]!))</a></li>" as HTML
                }
            b.raw("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus><h2>\(t("errSummary"))</h2><ul>\(items)</ul></div>" as HTML)
        }
        // `novalidate`: the page's own messages, in the visitor's language, not the browser's in its own (QA of 06.12.2026).
        b.raw("<form method=\"post\" action=\"\(path)?lang=\(l.code)\" aria-describedby=\"private\" id=\"\(PublicPages.formID)\" novalidate><input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\">" as HTML)
        // With a result shown, a language switch shows it again in the other language.
        if results != nil { b.raw("<input type=\"hidden\" name=\"shown\" value=\"1\">") }
        if results != nil { b.raw("<h2 id=\"answers\">\(t("change"))</h2>" as HTML) }
        for section in sections {
            b.raw("<fieldset><legend>\(t(section.title))</legend>" as HTML)
            for q in section.questions { b.raw(field(q, value: values[q.name] ?? "", error: errors[q.name].map(message), lang: l)) }
            b.raw("</fieldset>")
        }
        b.raw("<p><button type=\"submit\">\(t("check"))</button></p></form><p><a href=\"\(requestPath)?lang=\(l.code)\">\(t("request"))</a></p>" as HTML)
        return PublicPages.document(serviceName: serviceName, path: path, lang: l, title: t("title"), main: b.html, form: PublicPages.formID)
    }

    static func field(_ q: Question, value: String, error: String?, lang l: PublicPages.Language) -> HTML {
        func t(_ key: String) -> String { SelfCheckTexts.text(key, l.code) }
        let described = error == nil ? HTML.empty : " aria-invalid=\"true\" aria-describedby=\"\(q.name)-error\""
        let message = error.map { "<p class=\"error\" id=\"\(q.name)-error\">\($0)</p>" as HTML } ?? .empty
        let input: HTML
        switch q.kind {
        case .date:
            // Digits run left to right in a right-to-left page too ("-1" was shown as "1-").
            // The visitor's own birth date: offered by the browser (WCAG 1.3.5; accessibility review of 06.12.2026).
            input = "<input type=\"date\" id=\"\(q.name)\" name=\"\(q.name)\" value=\"\(value)\" dir=\"ltr\"\(q.name == "born" ? " autocomplete=\"bday\"" as HTML : .empty)\(described)>"
        case .number(let max):
            // A text field for digits: a number field drops digits other than 0–9 without a word (QA26 C11); the server
            // reads Arabic-Indic and Persian ones and checks the range (`max`).
            input = "<input type=\"text\" id=\"\(q.name)\" name=\"\(q.name)\" value=\"\(value)\" inputmode=\"numeric\" size=\"\(String(max).count + 1)\" dir=\"ltr\"\(described)>"
        case .choice(let options):
            let all = [""] + options
            let items = all.map { o -> HTML in
                // A value without a text of its own (a German level such as "B1") is shown as it is.
                let label = o.isEmpty ? t("dontKnow") : o == "yes" || o == "no" ? t(o) : SelfCheckTexts.optionalText("\(q.name).\(o)", l.code) ?? o
                return "<option value=\"\(o)\"\(o == value ? " selected" : "")>\(label)</option>"
            }
            input = "<select id=\"\(q.name)\" name=\"\(q.name)\"\(described)>\(items)</select>"
        }
        // Options hold text only (no markup to mark "Duldung" as German); the label can (QA40 L8).
        return "<label for=\"\(q.name)\">\(SelfCheckTexts.marked(t(q.name), l.code))</label>\(message)\(input)"
    }

    static func resultSection(_ results: [Result], on: Day, lang l: PublicPages.Language, requestPath: String) -> HTML {
        func t(_ key: String) -> String { SelfCheckTexts.text(key, l.code) }
        let rows = results.sorted { $0.rank < $1.rank }.map { r -> HTML in
            let words: HTML = switch r.outcome {
            case .met: "\(t("met"))"
            case .reachable: "\(t("reachable")) <bdi>\(r.from.map { Self.written($0, language: l.code) } ?? "")</bdi>"
            case .notMet: "\(t("notMet"))"
            case .excluded: "\(t(r.closedByLaw ? "closedByLaw" : "excluded"))"
            case .unclear: "\(t("unclear"))"
            }
            // In the client's language, not only in the German list (QA of 06.12.2026: "no passport" answered, "met" read).
            let waiver: HTML = r.restsOnWaiver && (r.outcome == .met || r.outcome == .reachable) ? "<br><span class=\"waiver\">\(t("waiver"))</span>" : .empty
            let reasons: HTML = r.outcome != .unclear ? .empty : HTML.join(
                (r.missing.isEmpty ? [] : ["<br><span class=\"missing\">\(t("missingAnswers")) \(HTML.join(r.missing.map { SelfCheckTexts.quoted(SelfCheckTexts.marked(SelfCheckTexts.text($0, l.code), l.code), l.code) }, separator: " "))</span>" as HTML])
                + (r.legalQuestionOpen ? ["<br><span class=\"missing\">\(t("openLaw"))</span>" as HTML] : []), separator: "")
            let verdict: HTML = "<span class=\"badge result-\(r.outcome.rawValue)\">\(words)</span>\(waiver)\(reasons)"
            return "<tr data-pathway=\"\(r.pathway.rawValue)\" data-outcome=\"\(r.outcome.rawValue)\"><th scope=\"row\">\(SelfCheckTexts.marked(SelfCheckTexts.routeName(r.pathway, l.code), l.code))<br><span class=\"hint\" lang=\"de\" dir=\"ltr\">\(r.pathway.title)</span></th><td>\(verdict)</td></tr>"
        }
        let actionList = counselingPoints(results).map { "<li>\($0)</li>" as HTML }
        return """
        <section aria-labelledby="result" id="self-check-result" tabindex="-1" autofocus><h2 id="result">\(t("result")) (\(t("asOf")) <bdi>\(Self.written(on, language: l.code))</bdi>)</h2>
        <table><thead><tr><th scope="col">\(t("route"))</th><th scope="col">\(t("meaning"))</th></tr></thead><tbody>\(rows)</tbody></table>
        \(actionList.isEmpty ? HTML.empty : "<h3>\(t("forCounseling"))</h3><ul lang=\"de\" dir=\"ltr\" id=\"actions\">\(actionList)</ul>")
        <p><strong>\(t("nextStep"))</strong> <a href="\(requestPath)?lang=\(l.code)">\(t("request"))</a></p>
        <p id="bring">\(t("bring"))</p>
        <p class="hint">\(t("notAdvice"))</p></section>
        """
    }

    /// What to bring to the counseling session, in German: the steps first, then the facts still to clarify in one
    /// line. When a residence permit's pathway is met, only what that application needs (the other pathways' steps
    /// would only distract); a met Duldung (§§ 60c, 60d) keeps the permits' steps, which lead further.
    /// A step that only repeats another with more or fewer words (the same action of two pathways, e.g. with the
    /// waiver added) is listed once, in the wording of the pathway ranked first. At most `maxSteps` steps and
    /// `maxFacts` facts: a person who answered few questions would otherwise get a list of thirty.
    public static func counselingPoints(_ results: [Result], maxSteps: Int = 8, maxFacts: Int = 10) -> [String] {
        let permitMet = results.contains { $0.outcome == .met && $0.pathway != .p60c && $0.pathway != .p60d }
        var steps: [String] = [], missing: [String] = []
        for r in results.sorted(by: { $0.rank < $1.rank }) where r.outcome != .excluded && (!permitMet || r.outcome == .met) {
            for a in r.actions {
                if a.hasPrefix(Assessment.missingFactAction) {
                    let fact = String(a.dropFirst(Assessment.missingFactAction.count))
                    if !missing.contains(fact) { missing.append(fact) }
                } else if !steps.contains(where: { $0.hasPrefix(a) || a.hasPrefix($0) }) {
                    steps.append(a)
                }
            }
        }
        var points = Array(steps.prefix(maxSteps))
        if !missing.isEmpty {
            let more = missing.count - maxFacts
            points.append("In der Beratung zu klären: " + missing.prefix(maxFacts).joined(separator: ", ")
                          + (more > 0 ? " und \(more) weitere Angabe\(more == 1 ? "" : "n")" : ""))
        }
        return points
    }

    /// A date as the page's readers write it: "5 December 2026" in English (05.12.2026 reads as 12 May there), the
    /// day first with dots elsewhere.
    static func written(_ d: Day, language: String) -> String {
        guard language == "en" else { return d.german }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let (y, m, day) = d.components
        return "\(day) \(months[m - 1]) \(y)"
    }
}
