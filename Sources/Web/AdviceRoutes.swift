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

    func renderAdvice(_ context: BleibeContext, errors: [String: String] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let a = try adviser(context)
        return Reply.html(AdvicePages.advice(frame: context.frame("Fachberatung", current: "advice"), requests: try await services.advice.requests(organisation: a.organisationID),
                                             today: services.today, errors: errors), status: status)
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
