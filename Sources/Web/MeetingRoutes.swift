import Counseling
import Eligibility
import Foundation
import Hummingbird
import Reports
import Storage
import Views

/// Quarterly meetings of the cooperation: agenda, minutes, follow-ups and anonymised case discussions.
struct MeetingRoutes {
    let services: AppServices

    var endpoints: [Endpoint] {
        [
            (.get, "/meetings", list),
            (.post, "/meetings", create),
            (.get, "/meetings/{id}", show),
            (.post, "/meetings/{id}", update),
            (.post, "/meetings/{id}/delete", delete),
            (.post, "/meetings/{id}/minutes", minutes),
            (.post, "/meetings/{id}/cases/{case}/remove", removeCase),
            (.post, "/meetings/{id}/followups", addFollowUp),
            (.post, "/meetings/{id}/followups/{followup}/done", completeFollowUp),
        ]
    }

    /// The actor and the cooperations it belongs to (in force today).
    func scope(_ context: BleibeContext) async throws -> (Actor, [Cooperation]) {
        let a = try context.requireActor()
        guard Policy.allows(a, .attendMeetings(organisation: a.organisationID)) else { throw AppError.forbidden }
        let coops = try await services.cooperation.cooperations(of: a.organisationID).filter { $0.isActive(on: services.today) }
        return (a, coops)
    }

    func loadMeeting(_ context: BleibeContext) async throws -> (Actor, Meeting) {
        let (a, coops) = try await scope(context)
        guard let m = try await services.meetings.meeting(id: try context.parameters.require("id"), cooperations: coops.map(\.id)) else { throw AppError.notFound }
        return (a, m)
    }

    func renderList(_ context: BleibeContext, errors: [String: String] = [:], sent: (on: String, participants: String, agenda: String)? = nil,
                    status: HTTPResponse.Status = .ok) async throws -> Response {
        let (a, coops) = try await scope(context)
        let list = try await services.meetings.meetings(cooperations: coops.map(\.id))
        return Reply.html(MeetingPages.list(frame: context.frame("Kooperationssitzungen", current: "meetings"),
                                            meetings: list.map { .init(id: $0.id, on: $0.on, participants: $0.participants) }, today: services.today, errors: errors,
                                            sent: sent, canSchedule: Policy.allows(a, .scheduleMeetings(organisation: a.organisationID)), hasCooperation: !coops.isEmpty),
                          status: status)
    }

    @Sendable func list(_ request: Request, context: BleibeContext) async throws -> Response { try await renderList(context) }

    /// Date, participants and agenda of the meeting form; nil with the German errors by field.
    /// Participants and agenda are read by both sides: checked for what would identify a person like the minutes
    /// (QA of 06.12.2026: a client's name, file number, birth date and address reached the authority in the agenda).
    func readMeeting(_ form: Form, meetingID: String?, _ a: Actor, errors: inout [String: String]) async throws -> (on: Day, participants: String, agenda: String)? {
        let on = formDay(form.trimmed("on"))
        if on == nil || on! == nil { errors["on"] = "Bitte ein gültiges Datum (TT.MM.JJJJ) angeben." }
        else if let d = on!, d < services.today.adding(years: -1) || d > services.today.adding(years: 2) {
            errors["on"] = "Eine Sitzung liegt höchstens ein Jahr zurück oder zwei Jahre voraus (\(services.today.adding(years: -1).german) bis \(services.today.adding(years: 2).german))."
        }
        let participants = form.trimmed("participants"), agenda = form.trimmed("agenda")
        if participants.isEmpty || participants.count > 500 { errors["participants"] = "Bitte die Teilnehmenden angeben (höchstens 500 Zeichen)." }
        if agenda.isEmpty || agenda.count > 3000 { errors["agenda"] = "Bitte die Tagesordnung angeben (höchstens 3000 Zeichen)." }
        let identifying = try await identifyingCheck(meetingID: meetingID, a)
        for (field, text) in [("participants", participants), ("agenda", agenda)] where errors[field] == nil {
            if let found = identifying(text) {
                errors[field] = "Der Text enthält Angaben, die eine Person erkennbar machen können (\(found)). Bitte entfernen: Fälle nur anonym, ohne Namen, Aktenzeichen, Anschrift oder Geburtsdatum."
            }
        }
        guard errors.isEmpty, let day = on ?? nil else { return nil }
        return (day, participants, agenda)
    }

    @Sendable func create(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, coops) = try await scope(context)
        guard Policy.allows(a, .scheduleMeetings(organisation: a.organisationID)) else { throw AppError.forbidden }
        guard let coop = coops.first else { throw AppError.conflict("Ihre Organisation hat derzeit keine Kooperation; Sitzungen gibt es nur innerhalb einer Kooperation.") }
        let form = try await Form.checked(request, context: context)
        var errors: [String: String] = [:]
        guard let (day, participants, agenda) = try await readMeeting(form, meetingID: nil, a, errors: &errors) else {
            return try await renderList(context, errors: errors, sent: (form.trimmed("on"), form.trimmed("participants"), form.trimmed("agenda")), status: .unprocessableContent)
        }
        let m = Meeting(id: Credentials.newID(), cooperationID: coop.id, on: day, participants: participants, agenda: agenda)
        try await services.meetings.create(m, audit: services.audit(a))
        return Reply.redirect("/meetings/\(m.id)")
    }

    /// Who may take a case sheet off the meeting: whoever brought it, or the coordination of their service.
    func mayRemove(_ a: Actor, _ s: MeetingStore.CaseSheet) -> Bool {
        s.addedBy == a.userID || (a.role == .coordinator && s.addedByOrganisation == a.organisationID)
    }

    /// `minutesTyped`: refused minutes, shown as typed to be corrected.
    func render(_ context: BleibeContext, _ m: Meeting, errors: [String: String] = [:], edited: (on: String, participants: String, agenda: String)? = nil,
                minutesTyped: String? = nil, followUpTyped: (text: String, owner: String, due: String)? = nil,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let a = try context.requireActor()
        let sheets = try await services.meetings.cases(meetingID: m.id).map { (id: $0.id, text: $0.sheet, removable: m.minutes.isEmpty && mayRemove(a, $0)) }
        let follow = try await services.meetings.followUps(meetingID: m.id).map { MeetingPages.FollowUpRow(id: $0.id, text: $0.text, owner: $0.owner, due: $0.due, doneOn: $0.doneOn) }
        return Reply.html(MeetingPages.show(frame: context.frame("Kooperationssitzung am \(m.on.german)", current: "meetings"), id: m.id, on: m.on, participants: m.participants,
                                            agenda: m.agenda, minutes: minutesTyped ?? m.minutes, sheets: sheets, followUps: follow, today: services.today, errors: errors,
                                            canManage: Policy.allows(a, .manageMeetings(organisation: a.organisationID)), edited: edited,
                                            followUpTyped: followUpTyped), status: status)
    }

    @Sendable func show(_ request: Request, context: BleibeContext) async throws -> Response {
        let (_, m) = try await loadMeeting(context)
        return try await render(context, m)
    }

    @Sendable func update(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, m) = try await loadMeeting(context)
        guard Policy.allows(a, .manageMeetings(organisation: a.organisationID)) else { throw AppError.forbidden }
        let form = try await Form.checked(request, context: context)
        var errors: [String: String] = [:]
        guard let (day, participants, agenda) = try await readMeeting(form, meetingID: m.id, a, errors: &errors) else {
            return try await render(context, m, errors: errors.mapKeys { "edit_" + $0 },
                                    edited: (form.trimmed("on"), form.trimmed("participants"), form.trimmed("agenda")), status: .unprocessableContent)
        }
        // Minutes are written from the meeting's day on: with them, the meeting cannot move to a later day.
        if !m.minutes.isEmpty, day > services.today {
            return try await render(context, m, errors: ["edit_on": "Die Sitzung hat ein Protokoll und kann nicht auf einen Tag nach heute verlegt werden."],
                                    edited: (form.trimmed("on"), form.trimmed("participants"), form.trimmed("agenda")), status: .unprocessableContent)
        }
        // One that took place counts in its quarter's reports: moved into another quarter, a report already given would
        // change under its readers (QA33 F3: the funder's Q3 lost its meeting). A correction stays within the quarter.
        if !m.minutes.isEmpty, CooperationReport.quarter(day) != CooperationReport.quarter(m.on) {
            return try await render(context, m, errors: ["edit_on": "Die Sitzung hat ein Protokoll und zählt in den Berichten für \(CooperationReport.quarter(m.on)); ihr Tag lässt sich nur innerhalb dieses Quartals korrigieren."],
                                    edited: (form.trimmed("on"), form.trimmed("participants"), form.trimmed("agenda")), status: .unprocessableContent)
        }
        var changed = m
        changed.on = day; changed.participants = participants; changed.agenda = agenda
        try await services.meetings.update(changed, audit: services.audit(a))
        return Reply.redirect("/meetings/\(m.id)")
    }

    /// A meeting planned in error goes, with its case sheets and tasks; one with minutes is a record and stays.
    @Sendable func delete(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, m) = try await loadMeeting(context)
        guard Policy.allows(a, .manageMeetings(organisation: a.organisationID)) else { throw AppError.forbidden }
        _ = try await Form.checked(request, context: context)
        guard try await services.meetings.delete(meetingID: m.id, audit: services.audit(a)) else {
            throw AppError.conflict("Die Sitzung hat ein Protokoll oder eingebrachte Fallblätter und bleibt deshalb erhalten. Fallblätter nimmt zurück, wer sie eingebracht hat.")
        }
        return Reply.redirect("/meetings")
    }

    @Sendable func removeCase(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, m) = try await loadMeeting(context)
        _ = try await Form.checked(request, context: context)
        let id = try context.parameters.require("case")
        guard let sheet = try await services.meetings.cases(meetingID: m.id).first(where: { $0.id == id }) else { throw AppError.notFound }
        guard mayRemove(a, sheet) else { throw AppError.forbidden }
        guard m.minutes.isEmpty else { throw AppError.conflict("Die Sitzung hat ein Protokoll; ihre Fallblätter bleiben als Nachweis erhalten.") }
        guard try await services.meetings.removeCase(id: id, meetingID: m.id, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/meetings/\(m.id)")
    }

    /// The minutes are the agreed record of both sides: written by those who manage the meetings (the service's
    /// coordination, the authority's lead), not by every participant (QA of 05.12.2026).
    @Sendable func minutes(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, m) = try await loadMeeting(context)
        guard Policy.allows(a, .manageMeetings(organisation: a.organisationID)) else { throw AppError.forbidden }
        let form = try await Form.checked(request, context: context)
        let text = form.trimmed("minutes")
        var error: String?
        if text.count > 20_000 { error = "Das Protokoll darf höchstens 20.000 Zeichen haben." }
        else if m.on > services.today { error = "Ein Protokoll kann erst ab dem Tag der Sitzung (\(m.on.german)) geschrieben werden." }
        else if !text.contains(where: { $0.isLetter || $0.isNumber }) && !m.minutes.isEmpty { error = "Ein gespeichertes Protokoll kann berichtigt, aber nicht geleert werden." }
        else if let found = try await identifying(text, meetingID: m.id, a) {
            error = "Das Protokoll enthält Angaben, die eine Person erkennbar machen können (\(found)). Bitte entfernen: Fälle nur anonym, ohne Namen, Aktenzeichen, Anschrift oder Geburtsdatum."
        }
        if let error { return try await render(context, m, errors: ["minutes": error], minutesTyped: text, status: .unprocessableContent) }
        try await services.meetings.setMinutes(meetingID: m.id, minutes: text, audit: services.audit(a))
        return Reply.redirect("/meetings/\(m.id)")
    }

    /// What in a text both sides read would identify a person: the service checks against the clients it brought; the
    /// authority's side against the people it referred itself (names and birth dates it holds anyway – checking it
    /// against the service's clients would tell it who they are). Both for addresses, birth dates and the shape of a
    /// file number. Nil when nothing is found.
    /// The service checks against all its clients and the people referred to it (QA of 05.12.2026: a client whose
    /// case was in another meeting, and a referred person, could be named).
    func identifying(_ text: String, meetingID: String?, _ a: Actor) async throws -> String? {
        try await identifyingCheck(meetingID: meetingID, a)(text)
    }

    /// The check of `identifying`, with the people it compares against read once (a form checks several fields).
    /// `task`: a task of the meeting, which refuses telephone numbers as well (`FactSheet.identifyingWordsInFollowUp`).
    func identifyingCheck(meetingID: String?, _ a: Actor, task: Bool = false) async throws -> @Sendable (String) -> String? {
        let referred = try await services.cooperation.referrals(of: a.organisationID).filter { !$0.lastName.isEmpty }.map(\.person)
        let near: [Client], others: [Client]
        if a.organisationKind == .counselingService {
            // The meeting's own cases with every tolerance; all other clients and the referred people as written.
            var sheets: [String] = []
            if let meetingID { sheets = try await services.meetings.sheetClients(meetingID: meetingID, organisation: a.organisationID) }
            near = try await services.clients.clients(ids: sheets, organisation: a.organisationID)
            others = try await services.clients.people(organisation: a.organisationID) + referred
        } else {
            near = referred; others = []
        }
        return { text in
            let found = task ? FactSheet.identifyingWordsInFollowUp(text, clients: near, others: others)
                : FactSheet.identifyingWordsInMinutes(text, clients: near, others: others)
            return found.isEmpty ? nil : found.joined(separator: ", ")
        }
    }

    @Sendable func addFollowUp(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, m) = try await loadMeeting(context)
        let form = try await Form.checked(request, context: context)
        var errors: [String: String] = [:]
        let text = form.trimmed("text"), owner = form.trimmed("owner"), dueText = form.trimmed("due"), due = formDay(dueText)
        if text.isEmpty { errors["text"] = "Bitte die Aufgabe angeben." } else if text.count > 500 { errors["text"] = "Die Aufgabe darf höchstens 500 Zeichen haben." }
        if owner.isEmpty { errors["owner"] = "Bitte angeben, wer verantwortlich ist." } else if owner.count > 200 { errors["owner"] = "Höchstens 200 Zeichen." }
        // Each field is checked on its own, so that the message stands where the words are (QA of 06.12.2026).
        let check = try await identifyingCheck(meetingID: m.id, a, task: true)
        if errors["text"] == nil, let found = check(text) {
            errors["text"] = "Die Aufgabe enthält Angaben, die eine Person erkennbar machen können (\(found)). Bitte anonym formulieren (z. B. „Fall 1“)."
        }
        if errors["owner"] == nil, let found = check(owner) {
            errors["owner"] = "Die Angabe enthält Angaben, die eine Person erkennbar machen können (\(found)). Bitte eine Stelle oder Rolle nennen (z. B. „Beratung“, „ABH“)."
        }
        if due == nil || due! == nil { errors["due"] = "Bitte ein gültiges Datum (TT.MM.JJJJ) angeben." }
        else if let d = due!, d < m.on || d > services.today.adding(years: 2) {
            errors["due"] = "Eine Aufgabe ist ab dem Tag der Sitzung (\(m.on.german)) und höchstens zwei Jahre im Voraus fällig."
        }
        guard errors.isEmpty, let day = due ?? nil else {
            return try await render(context, m, errors: errors, followUpTyped: (text, owner, dueText), status: .unprocessableContent)
        }
        try await services.meetings.addFollowUp(meetingID: m.id, FollowUp(id: Credentials.newID(), text: text, owner: owner, due: day), audit: services.audit(a))
        return Reply.redirect("/meetings/\(m.id)")
    }

    @Sendable func completeFollowUp(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, m) = try await loadMeeting(context)
        let form = try await Form.checked(request, context: context)
        guard try await services.meetings.completeFollowUp(id: try context.parameters.require("followup"), meetingID: m.id, on: services.today, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/meetings/\(m.id)")
    }
}
