import Counseling
import Eligibility
import Foundation
import Hummingbird
import Screening
import Storage
import Views

/// The client's self-check of a counseling service (no login): the answers become a flat screening row, the engine
/// assesses it on today's date, and the page shows the result. Nothing is stored and nothing is logged: the answers
/// live only in this request and in the page sent back (which is no-store, like every page).
struct SelfCheckRoutes {
    let services: AppServices
    static let csrfCookie = "bleibe_selfcheck_csrf"

    var endpoints: [Endpoint] {
        [
            (.get, "/selbstcheck/{id}", page),
            (.post, "/selbstcheck/{id}", check),
        ]
    }

    func reply(_ o: Organisation, lang: PublicPages.Language, values: [String: String] = [:], errors: [String: String] = [:],
               results: [SelfCheck.Result]? = nil, status: HTTPResponse.Status = .ok) -> Response {
        PublicRoutes(services: services).formPage(cookie: Self.csrfCookie, path: "/selbstcheck", status: status) { token in
            SelfCheck.page(serviceName: o.name, path: "/selbstcheck/\(o.id)", requestPath: "/anfrage/\(o.id)", lang: lang, csrf: token,
                           values: values, errors: errors, on: services.today, results: results)
        }
    }

    @Sendable func page(_ request: Request, context: BleibeContext) async throws -> Response {
        guard let o = try await PublicRoutes(services: services).service(context) else { return PublicRoutes.notFound(request) }
        return reply(o, lang: request.clientLanguage)
    }

    @Sendable func check(_ request: Request, context: BleibeContext) async throws -> Response {
        guard let o = try await PublicRoutes(services: services).service(context) else { return PublicRoutes.notFound(request) }
        let lang = request.clientLanguage
        let form = try await Form.read(request, context: context)
        var values: [String: String] = [:]
        for q in SelfCheck.questions {
            var v = String(form.trimmed(q.name).prefix(20))
            // Numbers and dates in Arabic-Indic or Persian digits, as a phone's keyboard types them (QA26 C11: "۴۰" was
            // refused, and the number field dropped it).
            if case .choice = q.kind {} else { v = SelfCheck.westernDigits(v) }
            // A date typed as on German papers (where a browser has no date picker) is read, and shown again in the
            // form a date field takes (QA of 06.12.2026: refused, and shown as an empty field).
            if case .date = q.kind, let d = Day(german: v) { v = d.iso }
            if !v.isEmpty { values[q.name] = v }
        }
        // A language switch before any result: the answers again in the chosen language, nothing judged yet. With a
        // result shown, the check runs again and shows it in the new language.
        if form["switch_language"] == "1", form["shown"] != "1" { return reply(o, lang: lang, values: values) }
        // An expired or missing token: the form comes back in the visitor's language with the answers and a fresh
        // token, as the request form does (QA of 05.12.2026: a German staff error page, every answer lost).
        do { try PublicRoutes.checkToken(request, form, cookie: Self.csrfCookie) } catch {
            return reply(o, lang: lang, values: values, errors: ["_form": "errExpired"], status: .forbidden)
        }
        let on = services.today
        let errors = SelfCheck.errors(values, on: on)
        guard errors.isEmpty else { return reply(o, lang: lang, values: values, errors: errors, status: .unprocessableContent) }
        guard let (_, household) = try? FlatRecord.household(Self.flatRow(values, on: on), on: on),
              let answer = services.engine.assess(household, person: "p", on: on) else {
            // Not reached with answers that passed the checks above; if it is, the status history could not be built.
            return reply(o, lang: lang, values: values, errors: ["status": "errSummary"], status: .unprocessableContent)
        }
        let results = answer.assessments.map {
            var r = SelfCheck.Result(pathway: $0.pathway, outcome: $0.outcome, from: $0.from, actions: $0.outcome == .excluded ? [] : $0.actions,
                                     // Not "according to your answers" when the law itself closed the pathway (QA of 05.12.2026).
                                     closedByLaw: $0.closedByLaw,
                                     restsOnWaiver: $0.waiverCondition != nil)
            if $0.outcome == .unclear { (r.missing, r.legalQuestionOpen) = SelfCheck.unclearReasons($0.open, answered: Set(values.keys)) }
            return r
        }
        return reply(o, lang: lang, values: values, results: results)
    }

    /// The answers as a row of the flat screening format (`FlatRecord`). "Don't know", and a "yes" whose kind the
    /// person cannot name (which bar, which obstruction), leave the column out, so the engine answers `unclear`.
    static func flatRow(_ v: [String: String], on: Day) -> [String: String] {
        var r: [String: String] = ["id": "selbstcheck"]
        func yesNo(_ k: String) -> String? { v[k].map { $0 == "yes" ? "true" : "false" } }
        r["born"] = v["born"]; r["marital_status"] = v["marital_status"]
        r["entered"] = v["entered"]
        // The history is built from the current paper and its start; without them ("don't know") there is none, and
        // the stay's dates are left out with it (the engine then answers unclear, naming the status).
        if let status = v["status"] {
            let isDuldung = status.hasPrefix("duldung")
            let since = v["status_since"] ?? (isDuldung ? v["duldung_since"] : v["entered"])
            if let since {
                r["status"] = status; r["status_since"] = since; r["stay_since"] = v["entered"]
                if isDuldung { r["duldung_since"] = v["duldung_since"] ?? since }
            }
        }
        r["minor_children"] = v["minor_children"]; r["children_at_school"] = yesNo("children_at_school")
        if let g = v["german"] { r["german_oral"] = g; r["german_written"] = g }
        // Passed or signed "by today" is all a self-check needs to know of these dates.
        r["civic_test_passed_on"] = v["civic"].map { $0 == "yes" ? on.iso : "none" }
        r["fdgo_declaration_on"] = v["fdgo"].map { $0 == "yes" ? on.iso : "none" }
        r["school_since"] = v["school_since"]; r["degree_de"] = v["degree"]
        switch v["training"] {
        case "none": r["training_kind"] = "none"
        case let kind?: if let from = v["training_from"] { r["training_kind"] = kind; r["training_from"] = from }
        case nil: break
        }
        r["employment_since"] = v["employment_since"]; r["employment_hours"] = v["employment_hours"]
        r["employment_insured"] = yesNo("employment_insured")
        r["work_share"] = v["work_share"].flatMap { ["full": "1", "most": "0.75", "part": "0.25", "no": "0"][$0] }
        r["passport"] = yesNo("passport")
        switch v["identity"] {
        case "no": r["identity_clarified_on"] = "none"
        case "yes": r["identity_clarified_on"] = v["identity_since"]
        default: break
        }
        // The question asks whether the authority holds deception or obstruction against the person, then or now: "no"
        // answers all three columns.
        if v["obstruction"] == "no" { r["obstruction"] = "none"; r["past_deception"] = "false"; r["false_identity"] = "false" }
        // The question names an expulsion, an entry ban and extremism; "no" stands for no bar at all only without a
        // conviction: beside one, other expulsion interests (§ 54 Abs. 2, the counselor's assessment) stay open (QA of
        // 06.12.2026: 200 day fines and "no" gave § 25b met).
        if v["bars"] == "no", v["convicted"] == "no" { r["bars"] = "none" }
        switch v["convicted"] {
        // Fines for offences only foreigners can commit are not asked: counted as ordinary ones (the stricter reading).
        case "no": r["day_fines"] = "0"; r["prison_months"] = "0"; r["day_fines_foreigners_only"] = "0"
        case "yes":
            r["day_fines"] = v["day_fines"]; r["prison_months"] = v["prison_months"]
            if v["day_fines"] != nil || v["prison_months"] != nil { r["day_fines_foreigners_only"] = "0" }
        default: break
        }
        return r
    }
}
