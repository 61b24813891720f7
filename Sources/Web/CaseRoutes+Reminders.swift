import Counseling
import Eligibility
import Foundation
import HTTPTypes
import Hummingbird
import Storage
import Views

/// The state of a case and its reminders (Wiedervorlagen), own and derived.
extension CaseRoutes {
    @Sendable func addReminder(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context, write: true)
        let form = try await Form.checked(request, context: context)
        var errors: [String: String] = [:]
        let title = form.trimmed("title")
        // The reason a date was refused, not a general request (QA of 06.12.2026: 01.01.9999 was "kein gültiges Datum").
        let on: Day?
        do { on = try parseDay(form.trimmed("on")) } catch { on = nil; errors["rem_on"] = dayMessage(error) }
        if let d = on {
            if d < services.today { errors["rem_on"] = "Eine Wiedervorlage muss heute oder später liegen (heute ist der \(services.today.german))." }
            // A date decades ahead is a typo (QA of 05.12.2026: 01.01.2040 was taken); ten years cover every permit's term.
            else if d > services.today.adding(years: 10) { errors["rem_on"] = "Eine Wiedervorlage kann höchstens zehn Jahre im Voraus liegen." }
        } else if errors["rem_on"] == nil { errors["rem_on"] = "Bitte ein gültiges Datum (TT.MM.JJJJ) angeben." }
        if title.isEmpty || title.count > 200 { errors["rem_title"] = "Bitte angeben, was zu tun ist (höchstens 200 Zeichen)." }
        guard errors.isEmpty, let day = on else { return try await render(context, c, client, reminderErrors: errors, reminderSent: ["on": form.trimmed("on"), "title": title], status: .unprocessableContent) }
        guard try await services.cases.addReminder(ManualReminder(id: Credentials.newID(), caseID: c.id, clientID: client.id, on: day, title: title),
                                                   organisation: c.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/cases/\(c.id)#reminders")
    }

    @Sendable func completeReminder(_ request: Request, context: BleibeContext) async throws -> Response {
        try await changeReminder(request, context) { id, c, audit in
            try await services.cases.completeReminder(id: id, caseID: c.id, organisation: c.organisationID, on: services.today, audit: audit)
        }
    }

    /// Deletes a reminder entered by mistake (QA of 06.12.2026: a typo or a duplicate could only be marked done).
    @Sendable func deleteReminder(_ request: Request, context: BleibeContext) async throws -> Response {
        try await changeReminder(request, context, goneIsDone: true) { id, c, audit in
            try await services.cases.deleteReminder(id: id, caseID: c.id, organisation: c.organisationID, audit: audit)
        }
    }

    @Sendable func reopenReminder(_ request: Request, context: BleibeContext) async throws -> Response {
        try await changeReminder(request, context, goneIsDone: true) { id, c, audit in
            try await services.cases.reopenReminder(id: id, caseID: c.id, organisation: c.organisationID, audit: audit)
        }
    }

    /// A change of one reminder of the case (`change` answers false when the case has none such: 404). With `goneIsDone`
    /// a reminder that is not there any more was deleted (or its acknowledgement withdrawn) by the same click made twice,
    /// or by a colleague: the page it was clicked on is shown again, without it (QA of 06.12.2026: the second click
    /// showed "nicht gefunden"). Nothing of another organisation is told by it: the case is checked first.
    func changeReminder(_ request: Request, _ context: BleibeContext, goneIsDone: Bool = false,
                        _ change: (String, CounselingCase, AuditContext) async throws -> Bool) async throws -> Response {
        // A closed case's reminders can be dealt with: a follow-up after the counseling is shown on the dashboard (QA43).
        let (a, c, _) = try await loadCase(context, write: true, evenIfClosed: true)
        let form = try await Form.checked(request, context: context)
        guard try await change(try context.parameters.require("reminder"), c, services.audit(a)) || goneIsDone else { throw AppError.notFound }
        return back(form, c)
    }

    /// Back to the dashboard when the reminder was dealt with there (saying whether it was marked), else to the case's
    /// reminders.
    func back(_ form: Form, _ c: CounselingCase, done: Bool = true) -> Response {
        form.trimmed("return") == "dashboard" ? Reply.redirect("/dashboard?erledigt=\(done ? 1 : 0)") : Reply.redirect("/cases/\(c.id)#reminders")
    }

    /// Marks an automatic reminder of the case's client, or of a household member counseled in the case, as dealt with
    /// ("Vorsprache vereinbart"): it is kept as a reminder done and hidden while the data still give it. A change that
    /// gives a new date (a new Duldung recorded) brings a new reminder (QA of 06.12.2026: they could not be acknowledged).
    @Sendable func acknowledgeDeadline(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context, write: true)
        let form = try await Form.checked(request, context: context)
        let personID = form.trimmed("client_id"), key = form.trimmed("key")
        let counseled = try await counseledDeadlines(client, land: context.land, withOwnCase: try await othersWithOwnCase(client))
        guard let (person, deadlines) = counseled.first(where: { $0.person.id == personID }) else { throw AppError.notFound }
        // Not derived any more (the data changed meanwhile, or a key made up): nothing is marked, and the page says so.
        guard let d = deadlines.first(where: { $0.key == key }) else {
            return back(form, c, done: false)
        }
        // Named in the case, whoever of the household it is for (QA of 06.12.2026: five members' texts were alike).
        guard try await services.cases.addReminder(ManualReminder(id: Credentials.newID(), caseID: c.id, clientID: person.id, on: d.due,
                                                                  title: "Automatisch (\(person.lastName), \(person.firstName)): " + d.title,
                                                                  doneOn: services.today, derivedFrom: key),
                                                   organisation: c.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return back(form, c)
    }

    @Sendable func updateState(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context, write: true, evenIfClosed: true)
        let form = try await Form.checked(request, context: context)
        guard let state = CounselingCase.State(rawValue: form.trimmed("state")) else { throw AppError.badRequest("Unbekannter Stand der Akte.") }
        let pathway = PathwayKey(rawValue: form.trimmed("pathway")), counselor = form.trimmed("counselor")
        var errors: [String: String] = [:]
        let closed = formDay(form.trimmed("closed_on")), outcome = form.trimmed("outcome")
        // The opening day can be corrected (QA41 C2: a file entered days after the first talk refused that talk).
        let openedTyped = form["opened_on"] == nil ? c.openedOn.german : form.trimmed("opened_on")
        let opened = try await correctedOpening(openedTyped, c, client, errors: &errors)
        // A closed case takes no change but being opened again (QA23 F7: closing it "again" rewrote day, outcome, counselor).
        if c.state == .closed, state == .closed {
            errors["case_state"] = "Die Akte ist geschlossen. Um etwas zu ändern, wählen Sie zuerst einen anderen Stand (die Akte wird damit wieder geöffnet)."
        } else if state == .closed {
            let applications = try await services.applications.applications(caseID: c.id, organisation: c.organisationID)
            let sessions = try await services.cases.sessions(caseID: c.id, organisation: c.organisationID)
            // Not before what the case records (QA23 F8: closed on 02.12. with a session of 05.12.).
            let recorded = (sessions.map { ($0.on, "ein Gespräch") } + applications.map { ($0.filedOn, "ein Antrag") }
                + applications.compactMap { a in a.decidedOn.map { ($0, "eine Entscheidung") } }).max { $0.0 < $1.0 }
            if closed == nil || closed! == nil { errors["closed_on"] = "Bitte das Datum der Schließung (TT.MM.JJJJ) angeben." }
            else if closed!! < (opened ?? c.openedOn) || closed!! > services.today { errors["closed_on"] = "Die Akte kann nur zwischen Eröffnung und heute geschlossen werden." }
            else if let (day, what) = recorded, closed!! < day { errors["closed_on"] = "Die Akte enthält \(what) vom \(day.german); sie kann nicht davor geschlossen werden." }
            if outcome.isEmpty || outcome.count > 300 { errors["outcome"] = "Bitte das Ergebnis angeben (höchstens 300 Zeichen)." }
            // An application still pending stays so for good once the case is closed (QA23 F1): closed only when confirmed.
            if let open = applications.first(where: { $0.outcome == .pending }), form.trimmed("close_pending") != "1" {
                errors["close_pending"] = "Der Antrag nach \(open.pathway.title) vom \(open.filedOn.german) ist noch nicht entschieden. Bitte zuerst die Entscheidung oder die Rücknahme beim Antrag erfassen – oder bestätigen, dass die Akte mit offenem Antrag geschlossen wird."
            }
        }
        // "decided" follows from a recorded decision (set with it); by hand it would claim one that is not there.
        if state == .decided, c.state != .decided,
           try await !services.applications.applications(caseID: c.id, organisation: c.organisationID).contains(where: { $0.outcome != .pending }) {
            errors["case_state"] = "„Entschieden“ setzt eine erfasste Entscheidung voraus. Bitte die Entscheidung beim Antrag erfassen."
        }
        let sent = ["state": state.rawValue, "pathway": form.trimmed("pathway"), "counselor": counselor, "opened_on": openedTyped,
                    "closed_on": form.trimmed("closed_on"), "outcome": outcome]
        guard errors.isEmpty, let opened else { return try await render(context, c, client, stateErrors: errors, stateSent: sent, status: .unprocessableContent) }
        guard try await services.cases.update(caseID: c.id, organisation: c.organisationID, openedOn: opened, state: state, pathway: pathway,
                                              counselorID: counselor.isEmpty ? c.counselorID : counselor, closedOn: closed ?? nil,
                                              outcome: outcome.isEmpty ? nil : outcome, audit: services.audit(a)) else {
            return try await render(context, c, client, stateErrors: ["case_state": "Bitte eine Berater:in der Beratungsstelle wählen."], stateSent: sent, status: .unprocessableContent)
        }
        return Reply.redirect("/cases/\(c.id)")
    }

    /// The opening day as typed, checked against what the case and the person's other cases record; nil when refused
    /// (the reason is in `errors["case_opened_on"]`).
    func correctedOpening(_ typed: String, _ c: CounselingCase, _ client: Client, errors: inout [String: String]) async throws -> Day? {
        guard let parsed = formDay(typed), let day = parsed else {
            errors["case_opened_on"] = "Bitte das Datum der Eröffnung (TT.MM.JJJJ) angeben."; return nil
        }
        guard day != c.openedOn else { return day }
        if let m = RecordDates.problem(day, "Die Eröffnung der Akte", today: services.today, born: client.facts.born)
            ?? client.facts.entered.flatMap({ day < $0 ? "Die Eröffnung der Akte kann nicht vor der Einreise (\($0.german)) liegen." : nil }) {
            errors["case_opened_on"] = m; return nil
        }
        // Sessions before the opening would not count as the case's (the first one is its Erstberatung).
        if let first = try await services.cases.sessions(caseID: c.id, organisation: c.organisationID).map(\.on).min(), day > first {
            errors["case_opened_on"] = "Die Akte enthält eine Beratung vom \(first.german); sie kann nicht danach eröffnet worden sein."; return nil
        }
        // Cases of one person follow one another (as when a case is opened).
        let others = try await services.cases.cases(clientID: client.id, organisation: client.organisationID).filter { $0.id != c.id }
        if let last = others.filter({ $0.openedOn <= c.openedOn }).compactMap(\.closedOn).max(), day < last {
            errors["case_opened_on"] = "Die vorige Akte dieser Person wurde am \(last.german) geschlossen; diese Akte kann erst ab diesem Tag eröffnet worden sein."; return nil
        }
        return day
    }

    @Sendable func apiReminders(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context)
        let land = context.land
        let manual = try await services.cases.reminders(caseIDs: [c.id], organisation: c.organisationID, openOnly: false)
        // Every person counseled in the case, as the dashboard lists them (QA of 06.12.2026: only the case's client).
        let automatic = try await counseledDeadlines(client, land: land, withOwnCase: try await othersWithOwnCase(client))
        for (person, _) in automatic { try await services.clients.recordRead(clientID: person.id, entity: "case", audit: services.audit(a)) }
        // An acknowledged automatic reminder is listed once, as the automatic one with the day it was marked done.
        let acknowledged = Dictionary(manual.compactMap { r in r.derivedFrom.map { (r.clientID + " " + $0, r.doneOn) } }, uniquingKeysWith: { a, _ in a })
        var items: [[String: Any]] = manual.filter { $0.derivedFrom == nil }.map { r in
            var o: [String: Any] = ["kind": "manual", "id": r.id, "client_id": r.clientID, "date": r.on.iso, "due": r.deadline(land: land).due.iso, "title": r.title]
            if let d = r.doneOn { o["done_on"] = d.iso }
            return o
        }
        for (person, deadlines) in automatic {
            items += deadlines.map { d in
                var o: [String: Any] = ["kind": d.kind.rawValue, "key": d.key, "client_id": person.id, "date": d.date.iso, "due": d.due.iso, "title": d.title,
                                        "citation": d.citation]
                if let done = acknowledged[person.id + " " + d.key] ?? nil { o["done_on"] = done.iso }
                return o
            }
        }
        items.sort { ($0["due"] as? String ?? "") < ($1["due"] as? String ?? "") }
        return try Reply.items(items)
    }
}
