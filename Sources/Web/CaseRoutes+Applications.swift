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
        else if filed!! > services.today { errors["filed_on"] = "Ein Antrag kann nicht in der Zukunft gestellt sein." }
        guard errors.isEmpty, let day = filed ?? nil else { return try await render(context, c, client, applicationErrors: errors, status: .unprocessableContent) }
        let app = PermitApplication(id: Credentials.newID(), caseID: c.id, clientID: client.id, pathway: pathway, filedOn: day)
        guard try await services.applications.file(app, organisation: c.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/cases/\(c.id)#applications")
    }

    /// A grant writes the new status period into the client's history (same transaction): assessment and
    /// reminders follow from the next page view on.
    @Sendable func decide(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context, write: true)
        let form = try await Form.checked(request, context: context)
        guard let outcome = PermitApplication.Outcome(rawValue: form.trimmed("outcome")), outcome != .pending else {
            throw AppError.badRequest("Bitte die Entscheidung wählen (erteilt, abgelehnt, zurückgenommen).")
        }
        var errors: [String: String] = [:]
        let decided = formDay(form.trimmed("decided_on")), until = formDay(form.trimmed("permit_until"))
        if decided == nil || decided! == nil { errors["decided_on"] = "Bitte das Datum der Entscheidung (TT.MM.JJJJ) angeben." }
        else if decided!! > services.today { errors["decided_on"] = "Die Entscheidung kann nicht in der Zukunft liegen." }
        if until == nil { errors["permit_until"] = "Bitte ein gültiges Datum (TT.MM.JJJJ) angeben." }
        if outcome == .granted, let u = until, u == nil { errors["permit_until"] = "Bei einer Erteilung bitte die Gültigkeit angeben." }
        guard errors.isEmpty, let day = decided ?? nil else { return try await render(context, c, client, applicationErrors: errors, status: .unprocessableContent) }
        switch try await services.applications.decide(applicationID: try context.parameters.require("application"), caseID: c.id, organisation: c.organisationID,
                                                      outcome: outcome, on: day, permitUntil: until ?? nil, audit: services.audit(a)) {
        case .decided: return Reply.redirect("/cases/\(c.id)#applications")
        case .notFound: throw AppError.notFound
        case .invalid(let m): return try await render(context, c, client, applicationErrors: ["decided_on": m], status: .unprocessableContent)
        }
    }

    @Sendable func saveDocument(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context, write: true)
        let form = try await MultipartForm.read(request, limit: services.config.maxUploadBytes + 64 * 1024)
        guard let expected = context.csrf, let sent = form.fields["csrf"], Credentials.equal(expected, sent) else { throw AppError.csrf }
        guard let kind = DocumentKind(rawValue: form.trimmed("kind")), let state = ChecklistItem.State(rawValue: form.trimmed("state")) else {
            throw AppError.badRequest("Unbekannte Unterlage oder unbekannter Stand.")
        }
        let received = formDay(form.trimmed("received_on"))
        guard let day = received else { return try await render(context, c, client, documentError: "„Eingegangen am“ ist kein gültiges Datum (TT.MM.JJJJ).", status: .unprocessableContent) }
        var stored: StoredFile? = nil
        if let file = form.files["file"] {
            guard file.bytes.count <= services.config.maxUploadBytes else { throw AppError.tooLarge("Die Datei ist zu groß (höchstens \(services.config.maxUploadBytes / 1024 / 1024) MB).") }
            stored = try DocumentFiles.store(file, directory: services.config.uploadDirectory)
        }
        guard try await services.applications.setDocument(caseID: c.id, organisation: c.organisationID, kind: kind, state: state,
                                                          receivedOn: state == .received ? (day ?? services.today) : nil, file: stored,
                                                          audit: services.audit(a)) else { throw AppError.notFound }
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
        let recorded = try await services.applications.documents(caseID: c.id, organisation: c.organisationID)
        let person = try await clientRoutes.assess(client, on: services.today)
        try await services.clients.recordRead(clientID: client.id, entity: "case", audit: services.audit(a))
        let checklist = DocumentChecklist.items(pathway: c.pathway, assessment: person.assessments.first { $0.pathway == c.pathway },
                                                recorded: Dictionary(uniqueKeysWithValues: recorded.map { ($0.kind, ($0.state, $0.receivedOn)) }))
        let items = checklist.map { i -> [String: Any] in
            var o: [String: Any] = ["kind": i.kind.rawValue, "state": i.state.rawValue, "reason": i.reason]
            if let d = i.receivedOn { o["received_on"] = d.iso }
            if let f = recorded.first(where: { $0.kind == i.kind })?.file { o["file"] = ["name": f.name, "size": f.size, "sha256": f.sha256, "content_type": f.contentType] }
            return o
        }
        return try Reply.items(items)
    }

    @Sendable func addReminder(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context, write: true)
        let form = try await Form.checked(request, context: context)
        var errors: [String: String] = [:]
        let on = formDay(form.trimmed("on")), title = form.trimmed("title")
        if on == nil || on! == nil { errors["rem_on"] = "Bitte ein gültiges Datum (TT.MM.JJJJ) angeben." }
        if title.isEmpty || title.count > 200 { errors["rem_title"] = "Bitte angeben, was zu tun ist (höchstens 200 Zeichen)." }
        guard errors.isEmpty, let day = on ?? nil else { return try await render(context, c, client, reminderErrors: errors, status: .unprocessableContent) }
        guard try await services.cases.addReminder(ManualReminder(id: Credentials.newID(), caseID: c.id, clientID: client.id, on: day, title: title),
                                                   organisation: c.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/cases/\(c.id)#reminders")
    }

    @Sendable func completeReminder(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, _) = try await loadCase(context, write: true)
        let form = try await Form.checked(request, context: context)
        guard try await services.cases.completeReminder(id: try context.parameters.require("reminder"), caseID: c.id, organisation: c.organisationID,
                                                        on: services.today, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/cases/\(c.id)#reminders")
    }

    /// A letter of the case, filled from the client and addressed to the cooperating authority.
    @Sendable func letter(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context)
        guard let template = LetterPages.Template(rawValue: try context.parameters.require("template")),
              let sender = try await services.accounts.organisation(c.organisationID) else { throw AppError.notFound }
        let partners = Policy.partners(of: c.organisationID, cooperations: try await services.cooperation.cooperations(of: c.organisationID), on: services.today)
        let recipient = try await services.accounts.organisations().first { partners.contains($0.id) && $0.kind == .authority }
        try await services.clients.recordRead(clientID: client.id, entity: "letter", audit: services.audit(a))
        let model = LetterPages.Model(template: template, sender: sender, senderPerson: context.account?.user.displayName ?? "", recipient: recipient,
                                      client: client, pathway: c.pathway, today: services.today)
        return Reply.html(LetterPages.page(frame: context.frame(template.german, current: "clients"), model, caseID: c.id))
    }

    /// Meetings of the service's cooperations from a week ago on (a case can still be added shortly after).
    func upcomingMeetings(_ organisation: String) async throws -> [Meeting] {
        let coops = try await services.cooperation.cooperations(of: organisation).filter { $0.isActive(on: services.today) }
        return try await services.meetings.meetings(cooperations: coops.map(\.id)).filter { $0.on >= services.today.adding(days: -7) }
    }

    /// Brings the case to a meeting as an anonymised fact sheet (no consent needed: nothing identifies the person).
    @Sendable func bringToMeeting(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context, write: true)
        let form = try await Form.checked(request, context: context)
        guard let meeting = try await upcomingMeetings(c.organisationID).first(where: { $0.id == form.trimmed("meeting") }) else { throw AppError.notFound }
        let question = form.trimmed("question")
        if question.isEmpty || question.count > 500 {
            return try await render(context, c, client, meetingError: "Bitte die Frage an die Runde angeben (höchstens 500 Zeichen).", status: .unprocessableContent)
        }
        let found = FactSheet.identifyingWords(in: question, client: client)
        if !found.isEmpty {
            return try await render(context, c, client, meetingError: "Die Frage enthält Angaben, die die Person erkennbar machen (\(found.joined(separator: ", "))). Bitte entfernen.",
                                    status: .unprocessableContent)
        }
        let (members, _, relations) = try await clientRoutes.family(client)
        let person = try await clientRoutes.assess(client, on: services.today)
        let spouse = relations.contains { $0.kind != .parent && ($0.from == client.id || $0.to == client.id) }
        let children = relations.filter { $0.kind == .parent && $0.from == client.id }.compactMap { r in members.first { $0.id == r.to } }
            .filter { ($0.facts.born?.age(on: services.today) ?? 99) < 18 }.count
        let sheet = FactSheet.make(person: person, spouse: spouse, minorChildren: children, question: question, on: services.today)
        try await services.meetings.addCase(meetingID: meeting.id, sheet: sheet.text, clientID: client.id, audit: services.audit(a))
        return Reply.redirect("/meetings/\(meeting.id)")
    }

    @Sendable func updateState(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context, write: true)
        let form = try await Form.checked(request, context: context)
        guard let state = CounselingCase.State(rawValue: form.trimmed("state")) else { throw AppError.badRequest("Unbekannter Stand der Akte.") }
        let pathway = PathwayKey(rawValue: form.trimmed("pathway")), counselor = form.trimmed("counselor")
        var errors: [String: String] = [:]
        let closed = formDay(form.trimmed("closed_on")), outcome = form.trimmed("outcome")
        if state == .closed {
            if closed == nil || closed! == nil { errors["closed_on"] = "Bitte das Datum der Schließung (TT.MM.JJJJ) angeben." }
            else if closed!! < c.openedOn || closed!! > services.today { errors["closed_on"] = "Die Akte kann nur zwischen Eröffnung und heute geschlossen werden." }
            if outcome.isEmpty || outcome.count > 300 { errors["outcome"] = "Bitte das Ergebnis angeben (höchstens 300 Zeichen)." }
        }
        guard errors.isEmpty else { return try await render(context, c, client, stateErrors: errors, status: .unprocessableContent) }
        guard try await services.cases.update(caseID: c.id, organisation: c.organisationID, state: state, pathway: pathway,
                                              counselorID: counselor.isEmpty ? c.counselorID : counselor, closedOn: closed ?? nil,
                                              outcome: outcome.isEmpty ? nil : outcome, audit: services.audit(a)) else {
            return try await render(context, c, client, stateErrors: ["state": "Bitte eine Berater:in der Beratungsstelle wählen."], status: .unprocessableContent)
        }
        return Reply.redirect("/cases/\(c.id)")
    }

    @Sendable func apiReminders(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context)
        let land = context.account?.organisation.land ?? "DE-SN"
        let manual = try await services.cases.reminders(caseIDs: [c.id], organisation: c.organisationID, openOnly: false)
        let automatic = DeadlineRules.derive(person: try await clientRoutes.assess(client, on: services.today), land: land, today: services.today)
        try await services.clients.recordRead(clientID: client.id, entity: "case", audit: services.audit(a))
        var items: [[String: Any]] = manual.map { r in
            var o: [String: Any] = ["kind": "manual", "id": r.id, "date": r.on.iso, "due": r.deadline(land: land).due.iso, "title": r.title]
            if let d = r.doneOn { o["done_on"] = d.iso }
            return o
        }
        items += automatic.map { ["kind": $0.kind.rawValue, "date": $0.date.iso, "due": $0.due.iso, "title": $0.title, "citation": $0.citation] }
        items.sort { ($0["due"] as? String ?? "") < ($1["due"] as? String ?? "") }
        return try Reply.items(items)
    }

    /// The actor's appointments (the coordinator: the service's) in a period, default the coming four weeks.
    @Sendable func apiAppointments(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .listClients), let org = Policy.clientScope(a) else { throw AppError.forbidden }
        func day(_ key: String) throws -> Day? {
            guard let t = request.uri.queryParameters[key[...]].map(String.init), !t.isEmpty else { return nil }
            guard let d = Day(iso: t) else { throw AppError.badRequest("'\(key)' must be a date YYYY-MM-DD.") }
            return d
        }
        let from = try day("from") ?? services.today, to = try day("to") ?? from.adding(days: 28)
        guard from <= to, from.days(to: to) <= 366 else { throw AppError.badRequest("The period must run forward and span at most a year.") }
        let list = try await services.appointments.appointments(organisation: org, counselor: a.role == .coordinator ? nil : a.userID, from: from, to: to)
        try await services.clients.recordList(search: "appointments", audit: services.audit(a))
        let items = list.map { x -> [String: Any] in
            ["id": x.id, "client_id": x.clientID, "counselor_id": x.counselorID, "date": x.day.iso, "time": x.time, "duration_minutes": x.durationMinutes,
             "place": x.place, "language": x.language, "state": x.state.rawValue, "requested_via": x.requestedVia.rawValue]
        }
        return try Reply.items(items)
    }
}
