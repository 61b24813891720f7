import Counseling
import Eligibility
import Foundation
import Hummingbird
import Storage
import Views

/// Cases (Akten) and counseling sessions, in the browser and under /api/v1.
struct CaseRoutes {
    let services: AppServices
    let clientRoutes: ClientRoutes

    var endpoints: [Endpoint] {
        [
            (.get, "/dashboard", dashboard),
            (.post, "/clients/{id}/cases", openCase),
            (.get, "/cases/{id}", show),
            (.post, "/cases/{id}/sessions", recordSession),
            (.get, "/cases/{id}/sessions/{session}/edit", editSessionPage),
            (.post, "/cases/{id}/sessions/{session}", correctSession),
            (.post, "/cases/{id}/sessions/{session}/delete", deleteSession),
            (.get, "/api/v1/clients/{id}/cases", apiCases),
            (.get, "/api/v1/cases/{id}/sessions", apiSessions),
            (.post, "/cases/{id}/applications", fileApplication),
            (.post, "/cases/{id}/applications/{application}/decision", decide),
            (.post, "/cases/{id}/applications/{application}/reopen", reopenDecision),
            (.post, "/cases/{id}/applications/{application}/remove", removeApplication),
            (.post, "/cases/{id}/documents", saveDocument),
            (.get, "/cases/{id}/documents/{kind}/file", downloadDocument),
            (.get, "/api/v1/cases/{id}/applications", apiApplications),
            (.get, "/api/v1/cases/{id}/documents", apiDocuments),
            (.post, "/cases/{id}/reminders", addReminder),
            (.get, "/cases/{id}/letters/{template}", letter),
            (.post, "/cases/{id}/meeting", bringToMeeting),
            (.post, "/cases/{id}/state", updateState),
            (.get, "/api/v1/cases/{id}/reminders", apiReminders),
            (.post, "/cases/{id}/reminders/{reminder}/done", completeReminder),
            (.post, "/cases/{id}/reminders/{reminder}/open", reopenReminder),
            (.post, "/cases/{id}/reminders/{reminder}/delete", deleteReminder),
            (.post, "/cases/{id}/deadlines/done", acknowledgeDeadline),
        ]
    }

    /// The case of the actor's organisation with its client, or 404.
    /// A change (`write`) to a closed case is refused, except to its state (opening it again): sessions, applications,
    /// decisions, documents, reminders and meeting sheets of a closed case stay as they were (QA of 05.12.2026).
    func loadCase(_ context: BleibeContext, write: Bool = false, evenIfClosed: Bool = false) async throws -> (Actor, CounselingCase, Client) {
        let a = try context.requireActor()
        guard let org = Policy.clientScope(a) else { throw AppError.forbidden }
        guard let c = try await services.cases.counselingCase(id: try context.parameters.require("id"), organisation: org),
              let client = try await services.clients.client(id: c.clientID, organisation: org) else { throw AppError.notFound }
        guard Policy.allows(a, write ? .writeClient(ownerOrganisation: org) : .readClient(ownerOrganisation: org)) else { throw AppError.forbidden }
        if write, !evenIfClosed, c.state == .closed {
            throw AppError.conflict("Die Akte ist abgeschlossen. Bitte sie zuerst unter „Stand“ wieder öffnen, dann ändern.")
        }
        return (a, c, client)
    }

    /// A client as the dashboard names them: the file number beside the name, since two clients may share one (QA38 F5).
    static func dashboardName(_ c: Client) -> String { "\(c.lastName), \(c.firstName) (\(c.fileNumber))" }

    /// Due and overdue reminders of the open cases: the counselor's own, or the whole service's for a coordinator.
    /// Computed from the current data on each view, so they always follow every change.
    @Sendable func dashboard(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .listClients), let org = Policy.clientScope(a) else { throw AppError.forbidden }
        let open = try await services.cases.openCases(organisation: org, counselor: a.role == .coordinator ? nil : a.userID)
        let today = services.today, land = context.land
        var overdue: [CasePages.DashboardItem] = [], due: [CasePages.DashboardItem] = []
        var names: [String: String] = [:]
        let withCase = Set(open.map(\.clientID))
        var shown: Set<String> = []
        let caseOf = Dictionary(open.map { ($0.clientID, $0.id) }, uniquingKeysWith: { first, _ in first })
        // Automatic reminders a counselor has dealt with ("erledigt"), by person and key, stay hidden while derived.
        let reminders = try await services.cases.reminders(caseIDs: open.map(\.id), organisation: org, openOnly: false)
        let acknowledged = Set(reminders.compactMap { r in r.derivedFrom.map { r.clientID + " " + $0 } })
        for clientID in withCase.sorted() {
            guard let c = try await services.clients.client(id: clientID, organisation: org) else { continue }
            names[c.id] = Self.dashboardName(c)
            for (person, deadlines) in try await counseledDeadlines(c, land: land, withOwnCase: withCase) where shown.insert(person.id).inserted {
                var listed = person.id == c.id
                for d in deadlines where !acknowledged.contains(person.id + " " + d.key) {
                    var item = CasePages.DashboardItem(deadline: d, clientID: person.id, clientName: Self.dashboardName(person))
                    item.caseID = caseOf[c.id]
                    if d.due < today { overdue.append(item); listed = true } else if d.due <= today.adding(days: 14) { due.append(item); listed = true }
                }
                // A read of what the page shows only (QA38 F6: household members without an item were recorded too).
                if listed { try await services.clients.recordRead(clientID: person.id, entity: "dashboard", audit: services.audit(a)) }
            }
        }
        // Also those of closed cases: a follow-up after the counseling ended is due all the same. Their clients are read
        // in one query and recorded once each (the open cases' clients were read above).
        let ofClosed = try await services.cases.openRemindersOfClosedCases(organisation: org, counselor: a.role == .coordinator ? nil : a.userID)
            .filter { $0.deadline(land: land).due <= today.adding(days: 14) }
        let closedClients = Set(ofClosed.map(\.clientID)).sorted()
        for c in try await services.clients.clients(ids: closedClients.filter { names[$0] == nil }, organisation: org) { names[c.id] = Self.dashboardName(c) }
        if !closedClients.isEmpty {
            try await services.clients.recordReads(closedClients.map { ($0, $0) }, entity: "dashboard", audit: services.audit(a))
        }
        for (r, closed) in reminders.filter({ $0.doneOn == nil }).map({ ($0, false) }) + ofClosed.map({ ($0, true) }) {
            var deadline = r.deadline(land: land)
            guard deadline.due <= today.adding(days: 14) else { continue }
            if closed { deadline.title += " (Akte geschlossen)" }
            var item = CasePages.DashboardItem(deadline: deadline, clientID: r.clientID, clientName: names[r.clientID] ?? "",
                                               link: "/cases/\(r.caseID)#reminders")
            item.caseID = r.caseID; item.reminderID = r.id
            if item.deadline.due < today { overdue.append(item) } else { due.append(item) }
        }
        overdue.sort { $0.deadline.due < $1.deadline.due }; due.sort { $0.deadline.due < $1.deadline.due }
        let notice: String? = switch request.uri.queryParameters["erledigt"] {
        case "1": "Als erledigt vermerkt (in der Akte unter „Wiedervorlagen“ wieder zu öffnen)."
        case "0": "Diese Wiedervorlage besteht nicht mehr: die Angaben haben sich inzwischen geändert. Nichts wurde vermerkt."
        default: nil
        }
        // The coordinator's lists name each case's and appointment's counselor as well.
        let users = a.role == .coordinator ? try await services.accounts.users(organisation: org) : []
        let staff = Dictionary(uniqueKeysWithValues: users.filter { $0.active && $0.role.holdsCases }.map { ($0.id, $0.displayName) })
        let workers = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.displayName) })
        let listed = open.map { (caseID: $0.id, clientName: names[$0.clientID] ?? "", pathway: $0.pathway, state: $0.state, counselor: $0.counselorID.flatMap { staff[$0] }) }
            .sorted { $0.clientName < $1.clientName }
        // Today's appointments, for the morning check on one page (QA41 C7); each shown is a read of its client.
        let appointments = try await services.appointments.appointments(organisation: org, counselor: a.role == .coordinator ? nil : a.userID, from: today, to: today)
            .filter { $0.state != .cancelled }
        let people = Dictionary(uniqueKeysWithValues: try await services.clients.clients(ids: Array(Set(appointments.map(\.clientID))).sorted(), organisation: org)
            .map { ($0.id, Self.dashboardName($0)) })
        try await services.clients.recordReads(appointments.map { ($0.id, $0.clientID) }, entity: "appointment", audit: services.audit(a))
        return Reply.html(CasePages.dashboard(frame: context.frame("Übersicht", current: "dashboard"), today: today, overdue: overdue, due: due,
                                              openCases: listed, own: a.role != .coordinator,
                                              appointments: appointments.map { .init(appointment: $0, clientName: people[$0.clientID] ?? "", clientID: $0.clientID,
                                                                                     counselorName: workers[$0.counselorID] ?? "") },
                                              notice: notice))
    }

    /// The automatic reminders of a case's client and of the household members counseled in the case (those without an
    /// open case of their own, `withOwnCase`): a child's Duldung runs out as well (QA of 05.12.2026: only the case
    /// holder's were listed). The dashboard, the case's reminders in the API and marking one done read the same set.
    func counseledDeadlines(_ c: Client, land: String, withOwnCase: Set<String>) async throws -> [(person: Client, deadlines: [Deadline])] {
        let today = services.today
        let applied = try await services.applications.pendingSince(clientID: c.id, organisation: c.organisationID, on: today)
        let (members, household) = try await clientRoutes.assessHousehold(c, on: today, appliedOn: applied)
        var out: [(person: Client, deadlines: [Deadline])] = []
        for person in [c] + members.filter({ $0.id != c.id && !withOwnCase.contains($0.id) }) {
            guard let answers = household.person(person.id) else { continue }
            let own = person.id == c.id ? applied : try await services.applications.pendingSince(clientID: person.id, organisation: c.organisationID, on: today)
            out.append((person, DeadlineRules.derive(person: answers, land: land, today: today, appliedOn: own)))
        }
        return out
    }

    /// The clients other than `client` with an open case of their own (their reminders are listed in that case).
    func othersWithOwnCase(_ client: Client) async throws -> Set<String> {
        Set(try await services.cases.openCases(organisation: client.organisationID, counselor: nil).map(\.clientID)).subtracting([client.id])
    }

    @Sendable func openCase(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, client) = try await clientRoutes.loadClient(context, write: true)
        let form = try await Form.checked(request, context: context)
        let typed = form.trimmed("opened_on")
        // A refused form comes back as sent: the access and the pathway too (QA of 06.12.2026: they fell back to the
        // first choices, and the form sent again counted a referral as a self-referral).
        func refuse(_ message: String) async throws -> Response {
            try await clientRoutes.clientPage(context, a, client, caseRefused: .init(typed: typed, message: message, source: form.trimmed("referral_source"),
                                                                                      pathway: form.trimmed("pathway")))
        }
        guard let opened = try? parseDay(typed) ?? services.today else {
            return try await refuse("„Eröffnet am“ ist kein gültiges Datum (TT.MM.JJJJ).")
        }
        if let m = RecordDates.problem(opened, "Die Eröffnung der Akte", today: services.today, born: client.facts.born)
            ?? client.facts.entered.flatMap({ opened < $0 ? "Die Eröffnung der Akte kann nicht vor der Einreise (\($0.german)) liegen." : nil }) {
            return try await refuse(m)
        }
        // Cases of one person follow one another (QA23 F8: a new case opened before the last one was closed).
        if let last = try await services.cases.cases(clientID: client.id, organisation: client.organisationID).compactMap(\.closedOn).max(), opened < last {
            return try await refuse("Die vorige Akte dieser Person wurde am \(last.german) geschlossen; eine neue Akte kann erst ab diesem Tag eröffnet werden.")
        }
        guard let source = CounselingCase.ReferralSource(rawValue: form.trimmed("referral_source")) else { throw AppError.badRequest("Bitte den Zugang wählen.") }
        let pathway = PathwayKey(rawValue: form.trimmed("pathway"))
        let c = CounselingCase(id: Credentials.newID(), organisationID: client.organisationID, clientID: client.id, openedOn: opened,
                               referralSource: source, pathway: pathway, counselorID: a.userID)
        // One open case per person: a second one is mostly a form sent twice (QA of 05.12.2026); the open one goes on.
        switch try await services.cases.open(c, audit: services.audit(a)) {
        case .opened: return Reply.redirect("/cases/\(c.id)")
        case .noClient: throw AppError.notFound
        case .alreadyOpen(let running):
            return try await refuse("Für diese Person ist bereits eine Akte offen (eröffnet am \(running.openedOn.german)). Bitte diese weiterführen oder zuerst abschließen.")
        }
    }

    @Sendable func show(_ request: Request, context: BleibeContext) async throws -> Response {
        let (_, c, client) = try await loadCase(context)
        let notice = request.uri.queryParameters["hinweis"] == "statusverlauf"
            ? "Die Entscheidung ist zurückgenommen. Der Statusverlauf wurde seit der Erteilung von Hand geändert und bleibt deshalb, wie er ist: bitte prüfen."
            : nil
        // A saved session is said where the sessions are (QA of 06.12.2026: the page came back without a word).
        let saved: String? = switch request.uri.queryParameters["beratung"] {
        case "gespeichert": "Die Beratung ist gespeichert."
        case "korrigiert": "Die Korrektur der Beratung ist gespeichert."
        case "geloescht": "Die Beratung ist gelöscht."
        default: nil
        }
        return try await render(context, c, client, applicationNotice: notice, sessionNotice: saved)
    }

    /// The case page: applications, documents and sessions, with the errors of whichever form was sent.
    func render(_ context: BleibeContext, _ c: CounselingCase, _ client: Client, sessionForm: CasePages.SessionForm? = nil,
                applicationErrors: [String: String] = [:], applicationNotice: String? = nil, applicationSent: [String: String] = [:], documentError: CaseWorkSections.DocumentError? = nil, reminderErrors: [String: String] = [:], reminderSent: [String: String] = [:],
                meetingError: String? = nil, meetingChoice: (meeting: String, question: String)? = nil, stateErrors: [String: String] = [:], stateSent: [String: String] = [:],
                sessionNotice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        // Every answer that shows the case is a read, a refused form's too (QA of 06.12.2026: 422 pages left no trace).
        guard let a = context.actor else { throw AppError.unauthenticated }
        try await services.clients.recordRead(clientID: client.id, entity: "case", audit: services.audit(a))
        let sessions = try await services.cases.sessions(caseID: c.id, organisation: c.organisationID)
        let apps = try await services.applications.applications(caseID: c.id, organisation: c.organisationID)
        // Today's assessment, read once for the checklist and the target's warning.
        let person = try await clientRoutes.assess(client, on: services.today)
        let (checklist, recorded) = try await clientRoutes.caseDocuments(c, client, person: person)
        var files: [DocumentKind: (name: String, size: Int)] = [:]
        for d in recorded { if let f = d.file { files[d.kind] = (f.name, f.size) } }
        // The title names whose file it is (a browser's tabs and history list pages by title).
        let frame = clientRoutes.clientFrame(context, "Akte", client)
        var counselors = try await services.caseWorkers(c.organisationID).map { (id: $0.id, name: $0.displayName) }
        // A counselor deactivated since stays named (and selected) on the cases that remain theirs, so that saving the
        // form does not hand the case to whoever comes first in the list.
        if let current = c.counselorID, !counselors.contains(where: { $0.id == current }),
           let former = try await services.user(current, of: c.organisationID) {
            counselors.append((id: former.id, name: former.displayName + " (deaktiviert)"))
        }
        // A closed case shows what it holds, without forms (only its state can be changed, to open it again).
        let editable = c.state != .closed
        let ahead = try await services.appointments.appointmentsAhead(clientID: client.id, organisation: client.organisationID, from: services.moment)
        let work = CaseWorkSections.caseState(frame: frame, counselingCase: c, counselors: counselors.map { ($0.id, $0.name) }, today: services.today, errors: stateErrors, sent: stateSent)
            + (editable ? c.pathway.map { CasePages.targetWarning($0, answers: person.assessments, today: services.today) } ?? .empty : .empty)
            + (editable ? CasePages.appointments(ahead, fileNumber: client.fileNumber) : CasePages.closedNotice + CasePages.appointmentsAhead(ahead))
            + CaseWorkSections.applications(frame: frame, counselingCase: c, applications: apps, today: services.today, errors: applicationErrors,
                                            notice: applicationNotice, sent: applicationSent, editable: editable)
            + CaseWorkSections.documents(frame: frame, caseID: c.id, items: checklist, files: files, today: services.today, error: documentError, editable: editable)
            + CaseWorkSections.reminders(frame: frame, caseID: c.id, reminders: try await services.cases.reminders(caseIDs: [c.id], organisation: c.organisationID, openOnly: false),
                                         land: context.land, today: services.today, errors: reminderErrors, sent: reminderSent, editable: editable)
            + (editable ? MeetingPages.bringCase(frame: frame, caseID: c.id, meetings: try await upcomingMeetings(c.organisationID).map { .init(id: $0.id, on: $0.on, participants: $0.participants) },
                                                 error: meetingError, chosen: meetingChoice) : .empty)
        return Reply.html(CasePages.show(frame: frame, client: client, counselingCase: c, sessions: sessions, showConfidential: true,
                                         today: services.today, sessionForm: sessionForm, canEdit: { [a = context.actor] s in
                                             a.map { Policy.allows($0, .correctSession(ownerOrganisation: c.organisationID, author: s.counselorID)) } ?? false
                                         }, work: work, sessionNotice: sessionNotice), status: status)
    }

    /// The session form read and checked against the case: the values as typed (with German errors at their
    /// fields), and the session's data when there is no error.
    func readSession(_ form: Form, _ c: CounselingCase) -> (CasePages.SessionForm, (on: Day, minutes: Int, channel: CounselingSession.Channel)?) {
        var f = CasePages.SessionForm(today: services.today)
        f.on = form.trimmed("on"); f.duration = form.trimmed("duration"); f.channel = form.trimmed("channel"); f.language = CounselingLanguages.canonical(form.trimmed("language"))
        f.interpreter = form["interpreter"] == "1"; f.withFamily = form["with_family"] == "1"
        f.pathways = Set(PathwayKey.allCases.filter { form["pw_\($0.rawValue)"] == "1" })
        f.record = form.trimmed("record"); f.confidential = form.trimmed("confidential")
        let on = (try? parseDay(f.on)) ?? nil
        if on == nil { f.errors["on"] = "Bitte ein gültiges Datum (TT.MM.JJJJ) angeben." }
        if let d = on, d > services.today { f.errors["on"] = "Eine Beratung kann nicht in der Zukunft liegen." }
        // An earlier date would turn the real first session into a follow-up one and skew the statistics.
        if let d = on, d < c.openedOn {
            f.errors["on"] = "Die Beratung liegt vor der Eröffnung der Akte am \(c.openedOn.german). Hat die Akte früher begonnen, bitte zuerst „Eröffnet am“ unter „Stand der Akte ändern“ korrigieren."
        }
        let channel = CounselingSession.Channel(rawValue: f.channel)
        if channel == nil { f.errors["channel"] = "Bitte den Kanal der Beratung auswählen (persönlich, Telefon, E-Mail oder Video)." }
        let minutes = Int(f.duration)
        if minutes == nil || !(1...600).contains(minutes!) { f.errors["duration"] = "Bitte die Dauer in Minuten (1–600) angeben." }
        if f.language.isEmpty || f.language.count > 60 { f.errors["language"] = "Bitte die Sprache angeben (höchstens 60 Zeichen)." }
        if f.record.count > 5000 || f.confidential.count > 5000 { f.errors["record"] = "Vermerke dürfen höchstens 5000 Zeichen haben." }
        // A session counts in every report: one with neither a pathway nor a record says nothing of what was done (QA
        // of 06.12.2026: an empty form was saved).
        if f.pathways.isEmpty && f.record.isEmpty && f.errors["record"] == nil {
            f.errors["record"] = "Bitte festhalten, worum es ging: einen besprochenen Weg ankreuzen oder einen Vermerk schreiben."
        }
        guard f.errors.isEmpty, let on, let minutes, let channel else { return (f, nil) }
        return (f, (on, minutes, channel))
    }

    @Sendable func recordSession(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context, write: true)
        let form = try await Form.checked(request, context: context)
        let (f, data) = readSession(form, c)
        guard let data else { return try await render(context, c, client, sessionForm: f, status: .unprocessableContent) }
        let s = CounselingSession(id: Credentials.newID(), caseID: c.id, clientID: client.id, on: data.on, durationMinutes: data.minutes,
                                  channel: data.channel, language: f.language, interpreter: f.interpreter,
                                  pathways: PathwayKey.allCases.filter(f.pathways.contains), record: f.record, confidentialNote: f.confidential,
                                  counselorID: a.userID, createdAt: services.timestamp(), withFamily: f.withFamily)
        guard try await services.cases.record(s, organisation: c.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/cases/\(c.id)?beratung=gespeichert#sessions")
    }

    /// A session of the case that the actor may correct, or 404/403.
    func correctable(_ context: BleibeContext) async throws -> (Actor, CounselingCase, Client, CounselingSession) {
        let (a, c, client) = try await loadCase(context, write: true)
        let id = try context.parameters.require("session")
        guard let s = try await services.cases.sessions(caseID: c.id, organisation: c.organisationID).first(where: { $0.id == id }) else { throw AppError.notFound }
        guard Policy.allows(a, .correctSession(ownerOrganisation: c.organisationID, author: s.counselorID)) else {
            throw AppError.forbiddenBecause("Eine Beratung korrigiert, wer sie erfasst hat, oder die Koordination.")
        }
        return (a, c, client, s)
    }

    @Sendable func editSessionPage(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client, s) = try await correctable(context)
        try await services.clients.recordRead(clientID: client.id, entity: "session", audit: services.audit(a))
        return Reply.html(CasePages.editSession(frame: context.frame("Beratung korrigieren: \(client.firstName) \(client.lastName)", current: "clients"), client: client, counselingCase: c, form: .init(s)))
    }

    /// Replaces the session's details; its author and the time it was first recorded stay.
    @Sendable func correctSession(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client, old) = try await correctable(context)
        let form = try await Form.checked(request, context: context)
        var (f, data) = readSession(form, c)
        f.id = old.id
        // Saved in the meantime: refused with what was typed, the form now built on the saved session.
        let sent = form.trimmed("version")
        if !sent.isEmpty, sent != old.fingerprint {
            f.version = old.fingerprint; f.changedMeanwhile = true
            return Reply.html(CasePages.editSession(frame: context.frame("Beratung korrigieren: \(client.firstName) \(client.lastName)", current: "clients"), client: client, counselingCase: c, form: f),
                              status: .conflict)
        }
        f.version = sent.isEmpty ? nil : sent
        guard let data else {
            return Reply.html(CasePages.editSession(frame: context.frame("Beratung korrigieren: \(client.firstName) \(client.lastName)", current: "clients"), client: client, counselingCase: c, form: f),
                              status: .unprocessableContent)
        }
        var s = old
        s.on = data.on; s.durationMinutes = data.minutes; s.channel = data.channel; s.language = f.language; s.interpreter = f.interpreter
        s.withFamily = f.withFamily; s.pathways = PathwayKey.allCases.filter(f.pathways.contains); s.record = f.record; s.confidentialNote = f.confidential
        guard try await services.cases.updateSession(s, organisation: c.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/cases/\(c.id)?beratung=korrigiert#sessions")
    }

    /// Deletes a session recorded in error, by whoever may correct it, once confirmed (QA of 06.12.2026: a session
    /// entered twice stayed in every report and could not be removed).
    @Sendable func deleteSession(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client, old) = try await correctable(context)
        let form = try await Form.checked(request, context: context)
        guard form.trimmed("confirm") == "1" else {
            var f = CasePages.SessionForm(old)
            f.errors["confirm"] = "Bitte bestätigen, dass die Beratung irrtümlich erfasst wurde."
            return Reply.html(CasePages.editSession(frame: context.frame("Beratung korrigieren: \(client.firstName) \(client.lastName)", current: "clients"), client: client, counselingCase: c, form: f),
                              status: .unprocessableContent)
        }
        guard try await services.cases.deleteSession(id: old.id, caseID: c.id, organisation: c.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/cases/\(c.id)?beratung=geloescht#sessions")
    }

    @Sendable func apiCases(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, client) = try await clientRoutes.loadClient(context)
        try await services.clients.recordRead(clientID: client.id, entity: "case", audit: services.audit(a))
        let list = try await services.cases.cases(clientID: client.id, organisation: client.organisationID).map { c -> [String: Any] in
            var o: [String: Any] = ["id": c.id, "opened_on": c.openedOn.iso, "referral_source": c.referralSource.rawValue, "state": c.state.rawValue]
            if let p = c.pathway { o["pathway"] = p.rawValue }
            return o
        }
        return try Reply.items(list)
    }

    @Sendable func apiSessions(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context)
        let sessions = try await services.cases.sessions(caseID: c.id, organisation: c.organisationID)
        try await services.clients.recordRead(clientID: client.id, entity: "case", audit: services.audit(a))
        let kinds = CounselingSession.kinds(sessions)
        // The confidential note never leaves the service through the API.
        let list = sessions.map { s -> [String: Any] in
            ["id": s.id, "on": s.on.iso, "kind": kinds[s.id]?.rawValue ?? "", "duration_minutes": s.durationMinutes, "channel": s.channel.rawValue,
             "language": s.language, "interpreter": s.interpreter, "pathways": s.pathways.map(\.rawValue), "record": s.record, "with_family": s.withFamily]
        }
        return try Reply.items(list)
    }
}
