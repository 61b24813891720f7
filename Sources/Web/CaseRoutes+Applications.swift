import Counseling
import Eligibility
import Foundation
import HTTPTypes
import Hummingbird
import Storage
import Views

/// Applications with their decisions, and the documents of a case.
extension CaseRoutes {
    @Sendable func fileApplication(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context, write: true)
        let form = try await Form.checked(request, context: context)
        guard let pathway = PathwayKey(rawValue: form.trimmed("pathway")) else { throw AppError.badRequest("Bitte den Weg des Antrags wählen.") }
        let filed = formDay(form.trimmed("filed_on"))
        var errors: [String: String] = [:]
        if filed == nil || filed! == nil { errors["filed_on"] = "Bitte ein gültiges Datum (TT.MM.JJJJ) angeben." }
        else if let m = RecordDates.application(filed!!, today: services.today, born: client.facts.born, entered: client.facts.entered) { errors["filed_on"] = m }
        if errors.isEmpty, let day = filed ?? nil, let first = Law.firstInForce(pathway), day < first {
            errors["filed_on"] = "\(pathway.title) gilt erst seit dem \(first.german); ein Antrag davor ist nicht möglich."
        }
        guard errors.isEmpty, let day = filed ?? nil else {
            return try await render(context, c, client, applicationErrors: errors, applicationSent: ["filed_on": form.trimmed("filed_on"), "pathway": pathway.rawValue],
                                    status: .unprocessableContent)
        }
        let app = PermitApplication(id: Credentials.newID(), caseID: c.id, clientID: client.id, pathway: pathway, filedOn: day)
        switch try await services.applications.file(app, organisation: c.organisationID, audit: services.audit(a)) {
        case .filed: return Reply.redirect("/cases/\(c.id)#applications")
        case .notFound: throw AppError.notFound
        case .alreadyPending(let on):
            return try await render(context, c, client, applicationErrors: ["filed_on": "Ein Antrag nach \(pathway.title) vom \(on.german) ist noch nicht entschieden. Bitte erst dessen Entscheidung eintragen."],
                                    applicationSent: ["filed_on": form.trimmed("filed_on"), "pathway": pathway.rawValue], status: .conflict)
        }
    }

    /// A grant writes the new status period into the client's history (same transaction): assessment and
    /// reminders follow from the next page view on.
    @Sendable func decide(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context, write: true)
        let form = try await Form.checked(request, context: context)
        guard let outcome = PermitApplication.Outcome(rawValue: form.trimmed("outcome")), outcome != .pending else {
            throw AppError.badRequest("Bitte die Entscheidung wählen (erteilt, abgelehnt, zurückgenommen).")
        }
        let id = try context.parameters.require("application")
        // Keyed by the ids of this application's fields, so that the summary's links lead to them.
        let dayField = "d-\(id)", untilField = "u-\(id)"
        var errors: [String: String] = [:]
        let decided = formDay(form.trimmed("decided_on")), until = formDay(form.trimmed("permit_until"))
        if decided == nil || decided! == nil { errors[dayField] = "Bitte das Datum der Entscheidung (TT.MM.JJJJ) angeben." }
        else if decided!! > services.today { errors[dayField] = "Die Entscheidung kann nicht in der Zukunft liegen." }
        if until == nil { errors[untilField] = "Bitte ein gültiges Datum (TT.MM.JJJJ) angeben." }
        if outcome == .granted, let u = until, u == nil { errors[untilField] = "Bei einer Erteilung bitte die Gültigkeit angeben." }
        // A validity belongs to a grant only: kept with a refusal or withdrawal it would claim a permit (QA of 05.12.2026).
        if outcome != .granted, let u = until, u != nil { errors[untilField] = "Eine Gültigkeit gibt es nur bei einer Erteilung – bitte das Feld leeren oder „erteilt“ wählen." }
        let sent = [dayField: form.trimmed("decided_on"), untilField: form.trimmed("permit_until"), "o-\(id)": outcome.rawValue]
        guard errors.isEmpty, let day = decided ?? nil else {
            return try await render(context, c, client, applicationErrors: errors, applicationSent: sent, status: .unprocessableContent)
        }
        switch try await services.applications.decide(applicationID: id, caseID: c.id, organisation: c.organisationID,
                                                      outcome: outcome, on: day, permitUntil: until ?? nil, audit: services.audit(a)) {
        case .decided: return Reply.redirect("/cases/\(c.id)#applications")
        case .notFound: throw AppError.notFound
        // On the case page, saying that the first submit was saved (QA23 F3: a bare page after a double submit).
        case .alreadyDecided:
            return try await render(context, c, client, applicationNotice: "Über diesen Antrag ist bereits entschieden; die zuerst gesendete Entscheidung ist gespeichert. Eine falsch erfasste Entscheidung bitte zuerst zurücknehmen.", status: .conflict)
        case .invalid(let m, let validity):
            return try await render(context, c, client, applicationErrors: [validity ? untilField : dayField: m], applicationSent: sent, status: .unprocessableContent)
        }
    }

    /// Takes back a decision recorded in error; a grant's status period goes with it (see `ApplicationStore.reopen`).
    @Sendable func reopenDecision(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, _) = try await loadCase(context, write: true)
        _ = try await Form.checked(request, context: context)
        switch try await services.applications.reopen(applicationID: try context.parameters.require("application"), caseID: c.id,
                                                      organisation: c.organisationID, audit: services.audit(a)) {
        case .reopened: return Reply.redirect("/cases/\(c.id)#applications")
        case .reopenedHistoryUntouched: return Reply.redirect("/cases/\(c.id)?hinweis=statusverlauf#applications")
        case .notDecided: throw AppError.conflict("Über diesen Antrag ist noch nicht entschieden; es gibt nichts zurückzunehmen.")
        case .notFound: throw AppError.notFound
        }
    }

    /// Deletes an undecided application recorded in error (see `ApplicationStore.remove`).
    @Sendable func removeApplication(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, _) = try await loadCase(context, write: true)
        _ = try await Form.checked(request, context: context)
        switch try await services.applications.remove(applicationID: try context.parameters.require("application"), caseID: c.id,
                                                      organisation: c.organisationID, audit: services.audit(a)) {
        case .removed: return Reply.redirect("/cases/\(c.id)#applications")
        case .decided: throw AppError.conflict("Über diesen Antrag ist bereits entschieden. Eine falsch erfasste Entscheidung bitte zuerst zurücknehmen.")
        case .notFound: throw AppError.notFound
        }
    }

    @Sendable func saveDocument(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context, write: true)
        // A file too large or of a kind not taken: the case page with the reason at the documents, not an error page.
        let limit = "höchstens \(services.config.maxUploadBytes / 1024 / 1024) MB"
        let form: MultipartForm
        do { form = try await MultipartForm.checked(request, limit: services.config.maxUploadBytes + 64 * 1024, context: context) } catch AppError.tooLarge {
            return try await render(context, c, client, documentError: .init(kind: nil, field: "f", message: "Die Datei ist zu groß (\(limit))."), status: .contentTooLarge)
        }
        guard let kind = DocumentKind(rawValue: form.trimmed("kind")), let state = ChecklistItem.State(rawValue: form.trimmed("state")) else {
            throw AppError.badRequest("Unbekannte Unterlage oder unbekannter Stand.")
        }
        // A refusal shows the row as it was sent (state and date as typed), not the stored values.
        func refused(_ field: String, _ message: String) -> CaseWorkSections.DocumentError {
            .init(kind: kind, field: field, message: message, state: state.rawValue, receivedOn: form.trimmed("received_on"))
        }
        let received = formDay(form.trimmed("received_on"))
        guard let day = received else {
            return try await render(context, c, client, documentError: refused("rd", "„Eingegangen am“ ist kein gültiges Datum (TT.MM.JJJJ)."), status: .unprocessableContent)
        }
        if let d = day, let m = RecordDates.problem(d, "Der Eingang einer Unterlage", today: services.today, born: client.facts.born) {
            return try await render(context, c, client, documentError: refused("rd", m), status: .unprocessableContent)
        }
        let before = try await services.applications.documents(caseID: c.id, organisation: c.organisationID).first { $0.kind == kind }?.file
        var stored: StoredFile? = nil
        if let file = form.files["file"] {
            // One file per document: a second upload would delete the first without a word (QA41 C1: the first payslip
            // was gone). Replacing is asked for; several pages go into one PDF.
            if let before, form.trimmed("replace") != "1" {
                return try await render(context, c, client, documentError: refused("f", "Zu dieser Unterlage ist schon die Datei „\(before.name)“ gespeichert. Um sie zu ersetzen, „gespeicherte Datei … ersetzen“ ankreuzen; mehrere Seiten oder Belege bitte zusammen als eine PDF-Datei hochladen."), status: .conflict)
            }
            // A document with its file is there: "fehlt" or "nicht nötig" next to a file would contradict it.
            guard state == .received else {
                return try await render(context, c, client, documentError: refused("f", "Mit einer Datei liegt die Unterlage vor: bitte als Stand „liegt vor“ wählen."), status: .unprocessableContent)
            }
            guard file.bytes.count <= services.config.maxUploadBytes else {
                return try await render(context, c, client, documentError: refused("f", "Die Datei ist zu groß (\(limit))."), status: .contentTooLarge)
            }
            do { stored = try DocumentFiles.store(file, directory: services.config.uploadDirectory) } catch AppError.unsupportedType(let message) {
                return try await render(context, c, client, documentError: refused("f", message), status: .unsupportedMediaType)
            }
        }
        guard try await DocumentFiles.recorded(stored, services: services, {
            try await services.applications.setDocument(caseID: c.id, organisation: c.organisationID, kind: kind, state: state,
                                                        receivedOn: state == .received ? (day ?? services.today) : nil, file: stored,
                                                        audit: services.audit(a))
        }) else { throw AppError.notFound }
        if stored != nil { try await DocumentFiles.removeIfUnused(before?.sha256, keeping: stored?.sha256, services: services) }
        return Reply.redirect("/cases/\(c.id)#documents")
    }

    /// Served only as a download (never inline), with the type recognised on upload.
    @Sendable func downloadDocument(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context)
        guard let kind = DocumentKind(rawValue: try context.parameters.require("kind")),
              let file = try await services.applications.documents(caseID: c.id, organisation: c.organisationID).first(where: { $0.kind == kind })?.file
        else { throw AppError.notFound }
        let data = try DocumentFiles.load(file, directory: services.config.uploadDirectory)
        try await services.clients.recordRead(clientID: client.id, entity: "document", audit: services.audit(a))
        return DocumentFiles.download(file, data)
    }

    @Sendable func apiApplications(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context)
        try await services.clients.recordRead(clientID: client.id, entity: "case", audit: services.audit(a))
        let items = try await services.applications.applications(caseID: c.id, organisation: c.organisationID).map { x -> [String: Any] in
            var o: [String: Any] = ["id": x.id, "pathway": x.pathway.rawValue, "filed_on": x.filedOn.iso, "outcome": x.outcome.rawValue]
            if let d = x.decidedOn { o["decided_on"] = d.iso }
            if let u = x.permitUntil { o["permit_until"] = u.iso }
            return o
        }
        return try Reply.items(items)
    }

    @Sendable func apiDocuments(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context)
        let (checklist, recorded) = try await clientRoutes.caseDocuments(c, client)
        try await services.clients.recordRead(clientID: client.id, entity: "case", audit: services.audit(a))
        let items = checklist.map { i -> [String: Any] in
            var o: [String: Any] = ["kind": i.kind.rawValue, "state": i.state.rawValue, "reason": i.reason]
            if let d = i.receivedOn { o["received_on"] = d.iso }
            if let f = recorded.first(where: { $0.kind == i.kind })?.file { o["file"] = ["name": f.name, "size": f.size, "sha256": f.sha256, "content_type": f.contentType] }
            return o
        }
        return try Reply.items(items)
    }

}
