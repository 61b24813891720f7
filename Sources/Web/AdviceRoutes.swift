import Counseling
import Eligibility
import Foundation
import Hummingbird
import Storage
import Views

/// Fachberatung records and the knowledge base.
struct AdviceRoutes {
    let services: AppServices

    var endpoints: [Endpoint] {
        [
            (.get, "/advice", advice),
            (.post, "/advice", addAdvice),
            (.post, "/advice/{id}/answer", answer),
            (.get, "/advice/ask", askPage),
            (.post, "/advice/ask", ask),
            (.get, "/knowledge", knowledge),
            (.post, "/knowledge", addArticle),
        ]
    }

    /// The service's case workers, who record Fachberatung and write the knowledge base.
    func adviser(_ context: BleibeContext) throws -> Actor {
        let a = try context.requireActor()
        guard Policy.allows(a, .recordAdvice(organisation: a.organisationID)) else { throw AppError.forbidden }
        return a
    }

    func renderAdvice(_ context: BleibeContext, errors: [String: String] = [:], draft: AdvicePages.AnswerDraft? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let a = try adviser(context)
        let staff = try await services.accounts.users(organisation: a.organisationID)
        return Reply.html(AdvicePages.advice(frame: context.frame("Fachberatung", current: "advice"), requests: try await services.advice.requests(organisation: a.organisationID),
                                             staffNames: Dictionary(uniqueKeysWithValues: staff.map { ($0.id, $0.displayName) }),
                                             today: services.today, errors: errors, draft: draft), status: status)
    }

    /// The service answers a volunteer's open request.
    @Sendable func answer(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try adviser(context)
        let form = try await Form.checked(request, context: context)
        let id = try context.parameters.require("id")
        let text = form.trimmed("answer").replacingOccurrences(of: "\r\n", with: "\n"), minutes = Int(form.trimmed("minutes"))
        var errors: [String: String] = [:]
        if text.isEmpty || text.count > 10_000 { errors["answer"] = "Bitte eine Antwort angeben (höchstens 10.000 Zeichen)." }
        if minutes == nil || !(0...600).contains(minutes!) { errors["minutes"] = "Bitte den Zeitaufwand in Minuten (0–600) angeben." }
        guard let own = try await services.advice.request(id: id, organisation: a.organisationID), own.askedBy != nil else { throw AppError.notFound }
        guard own.isOpen else { throw AppError.conflict("Diese Anfrage ist bereits beantwortet.") }
        guard errors.isEmpty, let m = minutes else {
            return try await renderAdvice(context, draft: .init(id: id, answer: text, minutes: form.trimmed("minutes"), errors: errors), status: .unprocessableContent)
        }
        guard try await services.advice.answer(id: id, organisation: a.organisationID, answer: text, minutes: m, on: services.today, audit: services.audit(a)) else {
            throw AppError.conflict("Diese Anfrage ist bereits beantwortet.")
        }
        return Reply.redirect("/advice")
    }

    /// A volunteer's side: the counseling services of the city, the form, and the requests sent so far with answers.
    func volunteer(_ context: BleibeContext) async throws -> (Actor, [Organisation]) {
        let a = try context.requireActor()
        let orgs = try await services.accounts.organisations()
        let city = orgs.first { $0.id == a.organisationID }?.city
        let services_ = orgs.filter { $0.kind == .counselingService && Policy.allows(a, .askForAdvice(sameCity: $0.city == city)) }
        guard a.role == .volunteer, !services_.isEmpty else { throw AppError.forbidden }
        return (a, services_)
    }

    func renderAsk(_ context: BleibeContext, form: AdvicePages.AskForm = .init(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let (a, targets) = try await volunteer(context)
        return Reply.html(AdvicePages.ask(frame: context.frame("Fachberatung anfragen", current: "advice-ask"), services: targets.map { ($0.id, $0.name) },
                                          sent: try await services.advice.requests(askedBy: a.userID), form: form), status: status)
    }

    @Sendable func askPage(_ request: Request, context: BleibeContext) async throws -> Response { try await renderAsk(context) }

    @Sendable func ask(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, targets) = try await volunteer(context)
        let form = try await Form.checked(request, context: context)
        var f = AdvicePages.AskForm(service: form.trimmed("service"), legalArea: form.trimmed("legal_area"),
                                    question: form.trimmed("question").replacingOccurrences(of: "\r\n", with: "\n"))
        if !targets.contains(where: { $0.id == f.service }) { f.errors["service"] = "Bitte eine Beratungsstelle der Stadt wählen." }
        if !(f.legalArea == "other" || PathwayKey(rawValue: f.legalArea) != nil) { f.errors["legal_area"] = "Bitte ein Rechtsgebiet wählen." }
        if f.question.isEmpty { f.errors["question"] = "Bitte die Frage angeben." }
        if f.question.count > 5000 { f.errors["question"] = "Die Frage darf höchstens 5000 Zeichen haben." }
        // The person asked about is no client: no names to compare, but a title with a name, a date, an address or a number.
        let found = FactSheet.identifyingWords(in: f.question, client: nil) + FactSheet.titledNames(in: f.question) + FactSheet.fileNumbers(in: f.question)
        if f.errors["question"] == nil, !found.isEmpty {
            f.errors["question"] = "Die Frage enthält Angaben, die eine Person erkennbar machen können (\(found.joined(separator: ", "))). Bitte ohne Namen, Geburtsdatum, Anschrift oder Telefonnummer fragen."
        }
        guard f.errors.isEmpty, let account = context.account else { return try await renderAsk(context, form: f, status: .unprocessableContent) }
        try await services.advice.add(ExpertRequest(id: Credentials.newID(), requester: "\(account.user.displayName) (\(account.organisation.name))", legalArea: f.legalArea,
                                                    question: f.question, answer: "", minutesSpent: 0, askedOn: services.today, askedBy: a.userID),
                                      organisation: f.service, audit: services.audit(a))
        return Reply.redirect("/advice/ask")
    }

    @Sendable func advice(_ request: Request, context: BleibeContext) async throws -> Response { try await renderAdvice(context) }

    @Sendable func addAdvice(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try adviser(context)
        let form = try await Form.checked(request, context: context)
        var errors: [String: String] = [:]
        let asked = formDay(form.trimmed("asked_on")), requester = form.trimmed("requester"), question = form.trimmed("question"), answer = form.trimmed("answer")
        let area = form.trimmed("legal_area"), minutes = Int(form.trimmed("minutes"))
        if asked == nil || asked! == nil { errors["asked_on"] = "Bitte ein gültiges Datum (TT.MM.JJJJ) angeben." }
        if requester.isEmpty || requester.count > 200 { errors["requester"] = "Bitte die anfragende Stelle angeben." }
        if question.isEmpty || question.count > 5000 { errors["question"] = "Bitte die Frage angeben (höchstens 5000 Zeichen)." }
        if answer.count > 10000 { errors["answer"] = "Die Antwort darf höchstens 10.000 Zeichen haben." }
        if minutes == nil || !(0...600).contains(minutes!) { errors["minutes"] = "Bitte den Zeitaufwand in Minuten (0–600) angeben." }
        guard area == "other" || PathwayKey(rawValue: area) != nil else { throw AppError.badRequest("Unbekanntes Rechtsgebiet.") }
        guard errors.isEmpty, let day = asked ?? nil, let m = minutes else { return try await renderAdvice(context, errors: errors, status: .unprocessableContent) }
        try await services.advice.add(ExpertRequest(id: Credentials.newID(), requester: requester, legalArea: area, question: question, answer: answer,
                                                    minutesSpent: m, askedOn: day), organisation: a.organisationID, audit: services.audit(a))
        return Reply.redirect("/advice")
    }

    /// The services whose articles the actor reads: its own, or for partners the services of its city.
    func sources(_ a: Actor) async throws -> [String] {
        let orgs = try await services.accounts.organisations()
        guard let mine = orgs.first(where: { $0.id == a.organisationID }) else { return [] }
        if a.organisationKind == .counselingService { return Policy.allows(a, .readKnowledge(sameCity: true)) ? [mine.id] : [] }
        return orgs.filter { $0.kind == .counselingService && Policy.allows(a, .readKnowledge(sameCity: $0.city == mine.city)) }.map(\.id)
    }

    func renderKnowledge(_ context: BleibeContext, errors: [String: String] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let a = try context.requireActor()
        let from = try await sources(a)
        guard !from.isEmpty else { throw AppError.forbidden }
        return Reply.html(AdvicePages.knowledge(frame: context.frame("Wissensdatenbank", current: "knowledge"), articles: try await services.advice.articles(organisations: from),
                                                editable: Policy.allows(a, .recordAdvice(organisation: a.organisationID)), errors: errors), status: status)
    }

    @Sendable func knowledge(_ request: Request, context: BleibeContext) async throws -> Response { try await renderKnowledge(context) }

    @Sendable func addArticle(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try adviser(context)
        let form = try await Form.checked(request, context: context)
        var errors: [String: String] = [:]
        let title = form.trimmed("title"), body = form.trimmed("body").replacingOccurrences(of: "\r\n", with: "\n"), pathway = form.trimmed("pathway")
        if title.isEmpty || title.count > 200 { errors["title"] = "Bitte einen Titel angeben (höchstens 200 Zeichen)." }
        if body.isEmpty || body.count > 50_000 { errors["body"] = "Bitte einen Text angeben (höchstens 50.000 Zeichen)." }
        guard pathway == "other" || PathwayKey(rawValue: pathway) != nil else { throw AppError.badRequest("Unbekannter Weg.") }
        guard errors.isEmpty else { return try await renderKnowledge(context, errors: errors, status: .unprocessableContent) }
        try await services.advice.save(Article(id: Credentials.newID(), organisationID: a.organisationID, pathway: pathway, title: title, body: body,
                                               updatedAt: services.timestamp()), audit: services.audit(a))
        return Reply.redirect("/knowledge")
    }
}
