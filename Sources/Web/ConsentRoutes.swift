import Counseling
import Eligibility
import Foundation
import Hummingbird
import Storage
import Views

/// The client's consents (recorded and revoked by the service) and the disclosures made under them.
struct ConsentRoutes {
    let services: AppServices
    let clientRoutes: ClientRoutes

    var endpoints: [Endpoint] {
        [
            (.get, "/clients/{id}/consents", page),
            (.post, "/clients/{id}/consents", add),
            (.post, "/clients/{id}/consents/{consent}/revoke", revoke),
            (.post, "/clients/{id}/consents/{consent}/sign", sign),
            (.get, "/api/v1/clients/{id}/disclosures", apiDisclosures),
            (.post, "/clients/{id}/consents/{consent}/scan", uploadScan),
            (.get, "/clients/{id}/consents/{consent}/scan", downloadScan),
            (.get, "/clients/{id}/consents/{consent}/form", printForm),
        ]
    }

    /// The consent's form to print and have signed, filled from the record.
    @Sendable func printForm(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, client) = try await clientRoutes.loadClient(context)
        let id = try context.parameters.require("consent")
        guard let consent = try await services.cooperation.consents(clientID: client.id, organisation: client.organisationID).first(where: { $0.id == id }),
              let service = try await services.accounts.organisation(client.organisationID) else { throw AppError.notFound }
        let recipient = try await services.accounts.organisation(consent.recipientOrganisationID)
        try await services.clients.recordRead(clientID: client.id, entity: "consent", audit: services.audit(a))
        return Reply.html(ConsentFormPage.page(frame: context.frame("Schweigepflichtentbindung", current: "clients"), client: client, consent: consent,
                                               service: service, recipient: recipient, lang: PublicPages.language(request.uri.queryParameters["lang"].map(String.init))))
    }

    /// The authorities the service cooperates with today: the only possible recipients.
    func recipients(of service: String) async throws -> [Organisation] {
        let partners = try await services.partners(of: service)
        return try await services.accounts.organisations().filter { partners.contains($0.id) && $0.kind == .authority }
    }

    func render(_ context: BleibeContext, _ a: Actor, _ client: Client, form: ConsentPages.Form, scanError: String? = nil,
                revocation: ConsentPages.Revocation? = nil, signing: ConsentPages.Revocation? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let consents = try await services.cooperation.consents(clientID: client.id, organisation: client.organisationID)
        let log = try await services.cooperation.disclosures(clientID: client.id, organisation: client.organisationID)
        let names = Dictionary(uniqueKeysWithValues: try await services.accounts.organisations().map { ($0.id, $0.name) })
        try await services.clients.recordRead(clientID: client.id, entity: "consent", audit: services.audit(a))
        return Reply.html(ConsentPages.page(frame: context.frame("Schweigepflichtentbindungen: \(client.firstName) \(client.lastName)", current: "clients"), client: client, consents: consents,
                                            disclosures: log, recipients: try await recipients(of: client.organisationID), names: names,
                                            today: services.today, form: form,
                                            scans: try await services.cooperation.scans(clientID: client.id, organisation: client.organisationID).mapValues(\.name),
                                            scanError: scanError, revocation: revocation, signing: signing), status: status)
    }

    @Sendable func page(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, client) = try await clientRoutes.loadClient(context)
        var form = ConsentPages.Form()
        form.validFrom = services.today.german
        return try await render(context, a, client, form: form)
    }

    @Sendable func add(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, client) = try await clientRoutes.loadClient(context, write: true)
        guard Policy.allows(a, .manageConsent(ownerOrganisation: client.organisationID)) else { throw AppError.forbidden }
        let form = try await Form.checked(request, context: context)
        var f = ConsentPages.Form()
        f.recipient = form.trimmed("recipient"); f.purpose = form.trimmed("purpose"); f.validFrom = form.trimmed("valid_from")
        f.validUntil = form.trimmed("valid_until"); f.language = form.trimmed("language"); f.formVersion = form.trimmed("form_version")
        f.signedOn = form.trimmed("signed_on")
        f.topics = Set(Consent.Topic.allCases.filter { form["topic_\($0.rawValue)"] == "1" })
        if try await !recipients(of: client.organisationID).contains(where: { $0.id == f.recipient }) {
            f.errors["recipient"] = "Bitte eine kooperierende Behörde wählen."
        }
        if f.purpose.isEmpty || f.purpose.count > 300 { f.errors["purpose"] = "Bitte den Zweck angeben (höchstens 300 Zeichen)." }
        if f.topics.isEmpty { f.errors["topics"] = "Bitte mindestens ein Thema wählen." }
        let from = formDay(f.validFrom), until = formDay(f.validUntil)
        if from == nil || from! == nil { f.errors["valid_from"] = "Bitte ein gültiges Datum (TT.MM.JJJJ) angeben." }
        if until == nil { f.errors["valid_until"] = "Bitte ein gültiges Datum (TT.MM.JJJJ) angeben oder leer lassen." }
        if let s = from ?? nil, let m = RecordDates.problem(s, "Der Beginn der Einwilligung", today: services.today, born: client.facts.born,
                                                           notBefore: (RecordDates.residenceActInForce, "früher beginnt keine Einwilligung für ein Verfahren nach dem Aufenthaltsgesetz"),
                                                           future: true) {
            f.errors["valid_from"] = m
        } else if let s = from ?? nil, s > services.today.adding(years: 1) {
            f.errors["valid_from"] = "Eine Einwilligung beginnt höchstens ein Jahr nach heute (\(services.today.adding(years: 1).german)); bitte das Datum prüfen."
        }
        if let s = from ?? nil, let e = until ?? nil, e < s { f.errors["valid_until"] = "Das Ende liegt vor dem Beginn." }
        else if let e = until ?? nil, e < services.today { f.errors["valid_until"] = "Das Ende liegt in der Vergangenheit: eine solche Einwilligung erlaubt keine Weitergabe mehr." }
        // Empty: a draft, to print the form first; it releases nothing until the signature is entered (QA41 C3).
        let signed = f.signedOn.isEmpty ? nil : formDay(f.signedOn)
        if !f.signedOn.isEmpty, let problem = signingProblem(signed ?? nil, validUntil: until ?? nil, born: client.facts.born) { f.errors["signed_on"] = problem }
        if f.language.isEmpty || f.language.count > 60 { f.errors["language"] = "Bitte die Sprache angeben." }
        if f.formVersion.isEmpty || f.formVersion.count > 40 { f.errors["form_version"] = "Bitte die Fassung des Formulars angeben." }
        else if let s = from ?? nil, let m = Consent.formVersionProblem(f.formVersion, validFrom: s) { f.errors["form_version"] = m }
        guard f.errors.isEmpty, let start = from ?? nil else { return try await render(context, a, client, form: f, status: .unprocessableContent) }
        let consent = Consent(id: Credentials.newID(), clientID: client.id, recipientOrganisationID: f.recipient, purpose: f.purpose, topics: f.topics,
                              validFrom: start, validUntil: until ?? nil, language: f.language, formVersion: f.formVersion, signedOn: signed ?? nil)
        guard try await services.cooperation.addConsent(consent, organisation: client.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/clients/\(client.id)/consents")
    }

    /// Why `on` cannot be the day the form was signed, or nil.
    func signingProblem(_ on: Day?, validUntil: Day?, born: Day?) -> String? {
        guard let on else { return "Bitte den Tag der Unterschrift angeben (TT.MM.JJJJ)." }
        if let m = RecordDates.problem(on, "Die Unterschrift", today: services.today, born: born) { return m }
        if let until = validUntil, on > until { return "Die Unterschrift liegt nach dem Ende der Gültigkeit (\(until.german)): so gilt die Schweigepflichtentbindung nie." }
        return nil
    }

    /// A dated action on one consent of the client (sign, revoke): the actor, the client, the consent and the day typed
    /// in `field` – or, for a wrong or missing day, the refusal to show at the field (the page kept; QA38 F3).
    func consentAction(_ request: Request, _ context: BleibeContext, field: String,
                       problem: (Day?, Consent, Client) -> String?) async throws -> (Actor, Client, Consent, Result<Day, ConsentPages.Revocation>) {
        let (a, client) = try await clientRoutes.loadClient(context, write: true)
        guard Policy.allows(a, .manageConsent(ownerOrganisation: client.organisationID)) else { throw AppError.forbidden }
        let form = try await Form.checked(request, context: context)
        let id = try context.parameters.require("consent")
        guard let consent = try await services.cooperation.consents(clientID: client.id, organisation: client.organisationID).first(where: { $0.id == id }) else {
            throw AppError.notFound
        }
        let typed = form.trimmed(field)
        let parsed: Day?, message: String?
        do { parsed = try parseDay(typed); message = problem(parsed, consent, client) } catch { parsed = nil; message = dayMessage(error) }
        guard message == nil, let day = parsed else { return (a, client, consent, .failure(.init(consent: id, value: typed, message: message ?? ""))) }
        return (a, client, consent, .success(day))
    }

    /// The consent page again with a refused day at its field.
    func refused(_ context: BleibeContext, _ a: Actor, _ client: Client, revocation: ConsentPages.Revocation? = nil,
                 signing: ConsentPages.Revocation? = nil) async throws -> Response {
        var f = ConsentPages.Form()
        f.validFrom = services.today.german
        return try await render(context, a, client, form: f, revocation: revocation, signing: signing, status: .unprocessableContent)
    }

    /// A draft becomes a consent with the day it was signed: from then (and from its start) it releases its topics.
    @Sendable func sign(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, client, consent, day) = try await consentAction(request, context, field: "signed_on") { on, consent, client in
            signingProblem(on, validUntil: consent.validUntil, born: client.facts.born)
        }
        // Signed already (a double click, a second tab): the page shows it.
        if consent.signedOn != nil || consent.revokedOn != nil { return Reply.redirect("/clients/\(client.id)/consents") }
        switch day {
        case .failure(let refusal): return try await refused(context, a, client, signing: refusal)
        case .success(let on):
            _ = try await services.cooperation.signConsent(id: consent.id, clientID: client.id, organisation: client.organisationID, on: on, audit: services.audit(a))
            return Reply.redirect("/clients/\(client.id)/consents")
        }
    }

    /// Why `on` cannot be the day a revocation of `consent` came in, or nil.
    func revocationProblem(_ on: Day?, of consent: Consent) -> String? {
        guard let on else { return "Bitte den Tag angeben, an dem der Widerruf eingegangen ist (TT.MM.JJJJ)." }
        if on > services.today { return "Der Widerruf kann nicht nach dem heutigen Tag (\(services.today.german)) eingegangen sein." }
        // Not before a consent in force began (one not yet begun may be revoked before its start; QA of 06.12.2026:
        // 01.01.2020 was taken for a consent from 06.12.2026).
        if consent.validFrom <= services.today, on < consent.validFrom {
            return "Der Widerruf kann nicht vor dem Beginn der Schweigepflichtentbindung (\(consent.validFrom.german)) eingegangen sein."
        }
        return nil
    }

    /// Revocation takes effect today, in one action: from this moment no disclosure passes under it.
    @Sendable func revoke(_ request: Request, context: BleibeContext) async throws -> Response {
        // Revoked on the day the revocation came in, never in the future (QA38 F3: an empty field was taken as today).
        let (a, client, consent, day) = try await consentAction(request, context, field: "revoked_on") { on, consent, _ in revocationProblem(on, of: consent) }
        let id = consent.id
        // Revoked already (a double click, a second tab): the list shows it, rather than a bare conflict page (QA41 C4).
        if consent.revokedOn != nil { return Reply.redirect("/clients/\(client.id)/consents") }
        let on: Day
        switch day {
        case .failure(let refusal): return try await refused(context, a, client, revocation: refusal)
        case .success(let d): on = d
        }
        guard try await services.cooperation.revokeConsent(id: id, clientID: client.id, organisation: client.organisationID, on: on, audit: services.audit(a)) else {
            // Revoked already (a second tab, a double click, perhaps at this very moment: read again): say so rather
            // than that it does not exist.
            if let done = try await services.cooperation.consents(clientID: client.id, organisation: client.organisationID).first(where: { $0.id == id }), done.revokedOn != nil {
                return Reply.redirect("/clients/\(client.id)/consents")
            }
            throw AppError.notFound
        }
        return Reply.redirect("/clients/\(client.id)/consents")
    }

    @Sendable func apiDisclosures(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, client) = try await clientRoutes.loadClient(context)
        let log = try await services.cooperation.disclosures(clientID: client.id, organisation: client.organisationID)
        try await services.clients.recordRead(clientID: client.id, entity: "consent", audit: services.audit(a))
        let items = log.map { d -> [String: Any] in
            ["at": d.at, "recipient": d.recipientID, "consent": d.consentID, "topics": d.topics.map(\.rawValue), "channel": d.channel]
        }
        return try Reply.items(items)
    }

    /// The scan of the signed form, stored like case documents (by checksum, outside the database).
    @Sendable func uploadScan(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, client) = try await clientRoutes.loadClient(context, write: true)
        guard Policy.allows(a, .manageConsent(ownerOrganisation: client.organisationID)) else { throw AppError.forbidden }
        // A refused file is said on the consent page itself, which stays in view (QA of 05.12.2026: a bare error page).
        func refused(_ message: String, _ status: HTTPResponse.Status) async throws -> Response {
            try await render(context, a, client, form: .init(), scanError: message, status: status)
        }
        let form: MultipartForm
        do { form = try await MultipartForm.checked(request, limit: services.config.maxUploadBytes + 64 * 1024, context: context) } catch AppError.tooLarge(let m) {
            return try await refused(m, .contentTooLarge)
        }
        guard let file = form.files["file"] else { return try await refused("Bitte eine Datei auswählen.", .badRequest) }
        guard file.bytes.count <= services.config.maxUploadBytes else {
            return try await refused("Die Datei ist zu groß (höchstens \(services.config.maxUploadBytes / 1024 / 1024) MB).", .contentTooLarge)
        }
        let stored: StoredFile
        do { stored = try DocumentFiles.store(file, directory: services.config.uploadDirectory) } catch AppError.unsupportedType(let m) {
            return try await refused(m, .unsupportedMediaType)
        }
        let consentID = try context.parameters.require("consent")
        let before = try await services.cooperation.scans(clientID: client.id, organisation: client.organisationID)[consentID]?.sha256
        guard try await DocumentFiles.recorded(stored, services: services, {
            try await services.cooperation.attachScan(consentID: consentID, clientID: client.id, organisation: client.organisationID,
                                                      file: stored, audit: services.audit(a))
        }) else { throw AppError.notFound }
        try await DocumentFiles.removeIfUnused(before, keeping: stored.sha256, services: services)
        return Reply.redirect("/clients/\(client.id)/consents")
    }

    @Sendable func downloadScan(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, client) = try await clientRoutes.loadClient(context)
        guard let file = try await services.cooperation.scans(clientID: client.id, organisation: client.organisationID)[try context.parameters.require("consent")] else { throw AppError.notFound }
        let data = try DocumentFiles.load(file, directory: services.config.uploadDirectory)
        try await services.clients.recordRead(clientID: client.id, entity: "consent_scan", audit: services.audit(a))
        return DocumentFiles.download(file, data)
    }
}
