import Counseling
import Eligibility
import Foundation
import Hummingbird
import Storage
import Views

/// Appointments (day and week view) and the counselor's iCal feed behind a revocable secret.
struct AppointmentRoutes {
    let services: AppServices

    var endpoints: [Endpoint] {
        [
            (.get, "/appointments", page),
            (.post, "/appointments", add),
            (.post, "/appointments/{id}/confirm", confirm),
            (.post, "/appointments/{id}/cancel", cancel),
            (.get, "/appointments/{id}/move", movePage),
            (.post, "/appointments/{id}/move", move),
            (.post, "/appointments/feed", newFeed),
            (.post, "/appointments/feed/revoke", revokeFeed),
            (.get, "/calendar/{token}", feed),
            (.post, "/appointments/requests/{id}/done", handleRequest),
            (.post, "/appointments/held-requests/done", handleHeldRequests),
            (.post, "/appointments/requests/done", handleSelectedRequests),
            (.get, "/api/v1/appointments", apiAppointments),
        ]
    }

    func scope(_ context: BleibeContext) throws -> (Actor, String) {
        let a = try context.requireActor()
        guard Policy.allows(a, .listClients), let org = Policy.clientScope(a) else { throw AppError.forbidden }
        return (a, org)
    }

    /// - Parameter showing: the day whose week to show instead of the one asked for (after a refused entry: the week of
    ///   the day entered, where a clashing appointment is seen).
    func render(_ request: Request, _ context: BleibeContext, form: AppointmentPages.Form, feedURL: String? = nil,
                showing: Day? = nil, alert: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (a, org) = try scope(context)
        let view = request.uri.queryParameters["view"] == "day" ? "day" : "week"
        let asked = request.formQuery("on")?.trimmingCharacters(in: .whitespaces) ?? ""
        let parsed = asked.isEmpty ? nil : (try? parseDay(asked)) ?? nil
        let on = showing ?? parsed ?? services.today
        // A day that cannot be read is said, not quietly replaced by today (QA of 05.12.2026: 31.02.2026).
        // Answered 422 as every refused input is (the report pages do the same with a bad period).
        let unreadable = showing == nil && !asked.isEmpty && parsed == nil
        let alert = alert ?? (unreadable ? "„\(Typed.echo(asked))“ ist kein gültiges Datum (TT.MM.JJJJ). Gezeigt wird heute." : nil)
        let status = unreadable && status == .ok ? .unprocessableContent : status
        let from = view == "day" ? on : CalendarWeek.monday(of: on), to = view == "day" ? on : from.adding(days: 6)
        // Counselors see their own appointments and, asked (`alle=1`), the whole service's to read: standing in for a
        // colleague, or following a case's link to a colleague's appointment (QA41 C7). The coordinator sees all.
        let all = a.role == .coordinator || request.uri.queryParameters["alle"] == "1"
        let list = try await services.appointments.appointments(organisation: org, counselor: all ? nil : a.userID, from: from, to: to)
        let clients = try await services.clients.clients(ids: Array(Set(list.map(\.clientID))).sorted(), organisation: org)
        let names = Dictionary(uniqueKeysWithValues: clients.map { ($0.id, "\($0.lastName), \($0.firstName)") })
        let everyone = try await services.accounts.users(organisation: org)
        let staff = everyone.filter { $0.active && $0.role.holdsCases }
        // Past appointments keep the name of a counselor deactivated since.
        let staffNames = Dictionary(uniqueKeysWithValues: everyone.map { ($0.id, $0.active ? $0.displayName : $0.displayName + " (deaktiviert)") })
        // The calendar names its clients: each appointment shown is a read of that client's record (QA of 06.12.2026:
        // only the organisation's list was recorded, so the client's own trail and Art. 15 page missed it).
        try await services.clients.recordList("appointment_list", audit: services.audit(a))
        try await services.clients.recordReads(list.map { ($0.id, $0.clientID) }, entity: "appointment", audit: services.audit(a))
        var f = form
        let requests = try await openRequests(org)
        // "Termin eintragen" at an online request: its language and channel prefilled, the request carried along.
        if f.requestID.isEmpty, let id = request.uri.queryParameters["request"].map(String.init), let r = requests.first(where: { $0.id == id }) {
            f.requestID = r.id; f.language = CounselingLanguages.canonical(String(r.language.prefix(60))); f.channel = Appointment.Channel.online.rawValue
        }
        if let r = requests.first(where: { $0.id == f.requestID }) { f.requestNote = "von \(r.name) (Wunsch: \(r.preferred.isEmpty ? "–" : r.preferred))" }
        // "Termin vereinbaren" from a case: the client's file number prefilled.
        if f.fileNumber.isEmpty, let n = request.uri.queryParameters["file_number"].map(String.init), FileNumber.isValid(n) { f.fileNumber = n }
        if f.counselor.isEmpty { f.counselor = a.userID }
        // The first day one can be made on: a weekend or holiday offered by default was always refused (QA of 06.12.2026).
        // Prefilled on a fresh form only: a refused empty date stays empty (QA40 M4: it came back as today, and a second
        // submit booked today).
        if f.day.isEmpty, f.errors["day"] == nil { f.day = Holidays.nextWorkingDay(from: max(on, services.today), land: context.land).german }
        return Reply.html(AppointmentPages.page(frame: context.frame(from == to ? "Termine \(from.german)" : "Termine \(from.german) – \(to.german)", current: "appointments").alerting(alert), view: view, from: from, to: to, today: services.today,
                                                rows: list.map { .init(appointment: $0, clientName: names[$0.clientID] ?? "", clientID: $0.clientID, counselorName: staffNames[$0.counselorID] ?? "",
                                                                       mayChange: a.role == .coordinator || $0.counselorID == a.userID) },
                                                showingAll: a.role == .coordinator ? nil : all,
                                                counselors: staff.filter { a.role == .coordinator || $0.id == a.userID }.map { ($0.id, $0.displayName) }, form: f, feedURL: feedURL,
                                                hasFeed: try await services.appointments.hasCalendarToken(userID: a.userID),
                                                requests: requests, publicPath: "/anfrage/\(org)", publicURL: services.config.absoluteURL("/anfrage/\(org)"),
                                                floodThreshold: PublicRoutes.reviewThreshold), status: status)
    }

    @Sendable func page(_ request: Request, context: BleibeContext) async throws -> Response {
        try await render(request, context, form: .init())
    }

    @Sendable func add(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, org) = try scope(context)
        let form = try await Form.checked(request, context: context)
        var f = AppointmentPages.Form()
        f.fileNumber = form.trimmed("file_number"); f.day = form.trimmed("day"); f.time = form.trimmed("time"); f.duration = form.trimmed("duration")
        f.place = form.trimmed("place"); f.language = CounselingLanguages.canonical(form.trimmed("language")); f.counselor = form.trimmed("counselor"); f.channel = form.trimmed("channel")
        f.mode = form.trimmed("mode").isEmpty ? f.mode : form.trimmed("mode")
        f.requestID = form.trimmed("request_id")
        let clientID = f.fileNumber.isEmpty ? nil : try await services.clients.clientID(fileNumber: f.fileNumber, organisation: org)
        if f.fileNumber.isEmpty { f.errors["file_number"] = "Bitte das Aktenzeichen angeben." }
        else if clientID == nil { f.errors["file_number"] = "Keine Akte mit diesem Aktenzeichen." }
        let slot = checkSlot(&f, land: context.land)
        if Appointment.Channel(rawValue: f.channel) == nil { f.errors["channel"] = "Bitte auswählen, wie der Termin vereinbart wurde." }
        if f.language.isEmpty || f.language.count > 60 { f.errors["language"] = "Bitte die Sprache angeben." }
        // A counselor enters appointments for themselves; the coordinator for anyone of the service.
        if a.role != .coordinator && f.counselor != a.userID { f.errors["counselor"] = "Termine anderer Berater:innen trägt die Koordination ein." }
        guard f.errors.isEmpty, let client = clientID, let (d, m, dur, mode) = slot.checked, let channel = Appointment.Channel(rawValue: f.channel) else {
            return try await render(request, context, form: f, showing: slot.day, status: .unprocessableContent)
        }
        let appt = Appointment(id: Credentials.newID(), clientID: client, counselorID: f.counselor, day: d, startMinute: m, durationMinutes: dur,
                               place: f.place, mode: mode, language: f.language, state: .requested, requestedVia: channel)
        switch try await services.appointments.add(appt, organisation: org, answering: f.requestID.isEmpty ? nil : f.requestID, audit: services.audit(a)) {
        case .added: return Reply.redirect("/appointments?view=week&on=\(d.german)")
        case .unknownCounselor: f.errors["counselor"] = "Bitte eine Berater:in der Beratungsstelle wählen."
        case .unknownClient: f.errors["file_number"] = "Zu diesem Aktenzeichen gibt es keine Akte (mehr). Der Termin wurde nicht gespeichert."
        case .requestNotOpen:
            f.requestID = ""
            f.errors["file_number"] = "Diese Online-Anfrage ist nicht offen (bereits erledigt oder unbekannt). Der Termin wurde nicht gespeichert."
        case .clash(let other):
            f.errors["time"] = "Zu dieser Zeit ist bereits ein Termin eingetragen (\(other.time)–\(Appointment.clock(other.endMinute)) Uhr)."
        case .clientClash(let other):
            f.errors["time"] = "Die Person hat zu dieser Zeit bereits einen Termin (\(other.time)–\(Appointment.clock(other.endMinute)) Uhr)."
        }
        return try await render(request, context, form: f, showing: d, status: .unprocessableContent)
    }


    /// Checks the day, time, length, mode and place of a new or moved appointment, each refusal at its field. `day`: the day
    /// read (its week is shown again after a refusal); `checked`: day, minute, length and mode when all are fine.
    func checkSlot(_ f: inout AppointmentPages.Form, land: String) -> (day: Day?, checked: (Day, Int, Int, Appointment.Mode)?) {
        let day = formDay(f.day)
        if day == nil || day! == nil { f.errors["day"] = f.day.isEmpty ? "Bitte das Datum angeben (TT.MM.JJJJ)." : "Bitte ein gültiges Datum (TT.MM.JJJJ) angeben." }
        if let d = day ?? nil {
            if d < services.today { f.errors["day"] = "Ein Termin kann nicht in der Vergangenheit liegen." }
            else if d > services.today.adding(years: 2) { f.errors["day"] = "Termine werden höchstens zwei Jahre im Voraus eingetragen." }
            else if Holidays.weekday(d) == 7 { f.errors["day"] = "Der \(d.german) ist ein Sonntag." }
            else if let h = Holidays.of(land: land, year: d.year).first(where: { $0.0 == d }) { f.errors["day"] = "Der \(d.german) ist ein Feiertag (\(h.1))." }
        }
        let minute = Appointment.minute(f.time)
        if minute == nil { f.errors["time"] = "Bitte die Uhrzeit als HH:MM angeben." }
        // Counseling happens in the day (QA of 05.12.2026: 03:00 was taken – a typo for 15:00).
        else if !(6 * 60...22 * 60).contains(minute!) { f.errors["time"] = "Termine liegen zwischen 06:00 und 22:00 Uhr." }
        else if let d = day ?? nil, d == services.today, minute! < services.minuteOfDay {
            f.errors["time"] = "Ein Termin kann nicht in der Vergangenheit liegen (heute ist es bereits \(Appointment.clock(services.minuteOfDay)) Uhr)."
        }
        let duration = Int(f.duration)
        if duration == nil || !(5...480).contains(duration!) { f.errors["duration"] = "Bitte die Dauer in Minuten (5–480) angeben." }
        // Within the day's hours as a whole, not only its start (QA of 05.12.2026: 22:00 for two hours was taken).
        else if let m = minute, m + duration! > 22 * 60 { f.errors["duration"] = "Der Termin muss bis 22:00 Uhr enden." }
        // By phone or video the place is an optional note (a number); in person it is needed.
        let mode = Appointment.Mode(rawValue: f.mode)
        if mode == nil { f.errors["mode"] = "Bitte auswählen, wie der Termin stattfindet." }
        if f.place.isEmpty, mode == .inPerson { f.errors["place"] = "Bitte den Ort angeben (bei einem Termin vor Ort)." }
        if f.place.count > 200 { f.errors["place"] = "Der Ort darf höchstens 200 Zeichen haben." }
        guard let d = day ?? nil, let m = minute, let dur = duration, let mode, ["day", "time", "duration", "place"].allSatisfy({ f.errors[$0] == nil }) else { return (day ?? nil, nil) }
        return (d, (d, m, dur, mode))
    }

    func setState(_ context: BleibeContext, _ state: Appointment.State, _ request: Request) async throws -> Response {
        let (a, org) = try scope(context)
        _ = try await Form.checked(request, context: context)
        // Counselors change their own appointments (they see no others); the coordinator any of the service.
        let id = try context.parameters.require("id"), counselor = a.role == .coordinator ? nil : a.userID
        let current = try await services.appointments.appointment(id: id, organisation: org, counselor: counselor)
        if let current, let refused = try await refusePast(current, request, context) { return refused }
        let outcome = try await services.appointments.setState(id: id, organisation: org, counselor: counselor, state: state, audit: services.audit(a))
        let message: String
        switch outcome {
        case .changed(let a): return Reply.redirect("/appointments?view=week&on=\(a.day.german)")
        case .notFound: throw AppError.notFound
        case .notFrom(let current):
            message = current == state ? "Der Termin ist bereits \(current.german)."
                : "Der Termin ist \(current.german) und kann nicht mehr \(state == .confirmed ? "bestätigt" : "abgesagt") werden. Bitte bei Bedarf einen neuen Termin eintragen."
        case .clash(let other):
            message = "Der Termin kann nicht bestätigt werden: Am \(other.day.german) ist von \(other.time) bis \(Appointment.clock(other.endMinute)) Uhr bereits ein anderer Termin eingetragen."
        }
        // The week of the appointment, as after a change (QA of 06.12.2026: a second click showed today's week).
        return try await render(request, context, form: .init(), showing: current?.day, alert: message, status: .conflict)
    }

    /// An appointment on a past day is a record of what was planned: not confirmed, cancelled or moved afterwards (QA of
    /// 06.12.2026: last week's appointments offered "verschieben · absagen"). Its week with the reason, or nil.
    func refusePast(_ a: Appointment, _ request: Request, _ context: BleibeContext) async throws -> Response? {
        guard a.day < services.today else { return nil }
        return try await render(request, context, form: .init(), showing: a.day,
                                alert: "Der Termin am \(a.day.german) um \(a.time) Uhr liegt in der Vergangenheit und wird nicht mehr geändert. Bitte bei Bedarf einen neuen Termin eintragen.",
                                status: .conflict)
    }

    @Sendable func confirm(_ request: Request, context: BleibeContext) async throws -> Response { try await setState(context, .confirmed, request) }
    @Sendable func cancel(_ request: Request, context: BleibeContext) async throws -> Response { try await setState(context, .cancelled, request) }

    /// The form to move an appointment (QA of 06.12.2026: moving meant cancelling and entering anew, and a subscribed
    /// calendar then showed two events).
    @Sendable func movePage(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, org) = try scope(context)
        guard let appt = try await services.appointments.appointment(id: try context.parameters.require("id"), organisation: org,
                                                                     counselor: a.role == .coordinator ? nil : a.userID) else { throw AppError.notFound }
        if let refused = try await refusePast(appt, request, context) { return refused }
        // A cancelled one is not moved: said at once, without a form that would only be refused (QA of 06.12.2026).
        if appt.state == .cancelled {
            return try await render(request, context, form: .init(), showing: appt.day,
                                    alert: "Der Termin am \(appt.day.german) um \(appt.time) Uhr ist abgesagt und wird nicht verschoben. Bitte einen neuen Termin eintragen.",
                                    status: .conflict)
        }
        var f = AppointmentPages.Form()
        f.day = appt.day.german; f.time = appt.time; f.duration = String(appt.durationMinutes); f.place = appt.place; f.mode = appt.mode.rawValue
        f.confirmed = appt.state == .confirmed
        return try await renderMove(context, appt, form: f, actor: a, organisation: org)
    }

    func renderMove(_ context: BleibeContext, _ appt: Appointment, form: AppointmentPages.Form, actor a: Actor, organisation org: String,
                    status: HTTPResponse.Status = .ok) async throws -> Response {
        let client = try await services.clients.clients(ids: [appt.clientID], organisation: org).first
        try await services.clients.recordReads([(appt.id, appt.clientID)], entity: "appointment", audit: services.audit(a))
        let contact = Policy.allows(a, .writeClient(ownerOrganisation: org))
            ? try await services.clients.contact(clientID: appt.clientID, organisation: org, audit: services.audit(a)) : nil
        return Reply.html(AppointmentPages.movePage(frame: context.frame("Termin verschieben", current: "appointments"), appointment: appt,
                                                    clientName: client.map { "\($0.lastName), \($0.firstName)" } ?? "", contact: contact, form: form),
                          status: status)
    }

    @Sendable func move(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, org) = try scope(context)
        let form = try await Form.checked(request, context: context)
        let id = try context.parameters.require("id")
        let counselor = a.role == .coordinator ? nil : a.userID
        guard let appt = try await services.appointments.appointment(id: id, organisation: org, counselor: counselor) else { throw AppError.notFound }
        var f = AppointmentPages.Form()
        f.day = form.trimmed("day"); f.time = form.trimmed("time"); f.duration = form.trimmed("duration"); f.place = form.trimmed("place")
        f.mode = form.trimmed("mode").isEmpty ? appt.mode.rawValue : form.trimmed("mode")
        f.confirmed = form.trimmed("confirmed") == "1"
        if let refused = try await refusePast(appt, request, context) { return refused }
        guard appt.state != .cancelled else {
            f.errors["day"] = "Ein abgesagter Termin wird nicht verschoben. Bitte einen neuen Termin eintragen."
            return try await renderMove(context, appt, form: f, actor: a, organisation: org, status: .conflict)
        }
        guard let (d, m, dur, mode) = checkSlot(&f, land: context.land).checked else {
            return try await renderMove(context, appt, form: f, actor: a, organisation: org, status: .unprocessableContent)
        }
        switch try await services.appointments.move(id: id, organisation: org, counselor: counselor, day: d, startMinute: m, durationMinutes: dur,
                                                    place: f.place, mode: mode, confirmed: f.confirmed, audit: services.audit(a)) {
        case .moved(let moved): return Reply.redirect("/appointments?view=week&on=\(moved.day.german)")
        case .notFound: throw AppError.notFound
        case .cancelled:
            f.errors["day"] = "Der Termin wurde inzwischen abgesagt und wird nicht verschoben. Bitte einen neuen Termin eintragen."
            return try await renderMove(context, appt, form: f, actor: a, organisation: org, status: .conflict)
        case .clash(let other):
            f.errors["time"] = "Zu dieser Zeit ist bereits ein Termin eingetragen (\(other.time)–\(Appointment.clock(other.endMinute)) Uhr)."
        case .clientClash(let other):
            f.errors["time"] = "Die Person hat zu dieser Zeit bereits einen Termin (\(other.time)–\(Appointment.clock(other.endMinute)) Uhr)."
        }
        return try await renderMove(context, appt, form: f, actor: a, organisation: org, status: .unprocessableContent)
    }

    @Sendable func newFeed(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, _) = try scope(context)
        let form = try await Form.checked(request, context: context)
        let token = Credentials.randomToken()
        try await services.appointments.replaceCalendarToken(userID: a.userID, token: token, now: services.timestamp())
        return try await render(request, context, form: .init(), feedURL: services.config.absoluteURL("/calendar/\(token)"))
    }

    @Sendable func revokeFeed(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, _) = try scope(context)
        let form = try await Form.checked(request, context: context)
        try await services.appointments.revokeCalendarToken(userID: a.userID)
        return Reply.redirect("/appointments")
    }

    /// The feed needs no session (calendar programs have none): the secret in the path is the credential.
    @Sendable func feed(_ request: Request, context: BleibeContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard let owner = try await services.appointments.calendarOwner(token: token) else { throw AppError.notFound }
        let today = services.today
        let list = try await services.appointments.appointments(organisation: owner.organisationID, counselor: owner.userID,
                                                                from: today.adding(days: -30), to: today.adding(days: 365))
        // One event per fetch, for the feed's owner: the feed names no client and a calendar app fetches it every few
        // minutes, so a read per appointment would bury each client's trail; the access review shows the fetches.
        try await services.clients.recordList("calendar_feed", audit: AuditContext(userID: owner.userID, organisationID: owner.organisationID, now: services.timestamp()))
        return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: ICalendar.feed(list, name: "Bleibe – Beratungstermine", stamp: ICalendar.utc(services.timestamp())))))
    }

    /// The open requests of the online form; those older than 90 days are deleted first (as the form promises).
    func openRequests(_ org: String) async throws -> [AppointmentPages.OnlineRequest] {
        try await services.appointments.purgeRequests(before: services.timestamp(services.now().addingTimeInterval(-90 * 86_400)))
        return try await services.appointments.requests(organisation: org).filter { $0.handledAt == nil }.map {
            .init(id: $0.id, receivedAt: $0.createdAt, name: $0.name, contact: $0.contact, language: $0.language, preferred: $0.preferred, message: $0.message, held: $0.held)
        }
    }

    @Sendable func handleRequest(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, org) = try scope(context)
        _ = try await Form.checked(request, context: context)
        guard try await services.appointments.handleRequest(id: try context.parameters.require("id"), organisation: org, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/appointments")
    }

    /// The requests ticked in the list (fields `req-ID`), marked handled at once, each in the trail (QA43 A7: a flood
    /// just under the review threshold fills the normal list).
    @Sendable func handleSelectedRequests(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, org) = try scope(context)
        guard a.role.holdsCases else { throw AppError.forbidden }
        let form = try await Form.checked(request, context: context)
        let ids = form.values.compactMap { key, value in key.hasPrefix("req-") && value == "1" ? String(key.dropFirst(4)) : nil }.sorted()
        guard !ids.isEmpty else { throw AppError.badRequest("Keine Anfrage ausgewählt: bitte die zu erledigenden Anfragen ankreuzen.") }
        _ = try await services.appointments.handleRequests(ids: ids, organisation: org, audit: services.audit(a))
        return Reply.redirect("/appointments")
    }

    /// Every request held while the form was flooded, marked handled at once (each in the trail); counselors and the
    /// coordination may, as they may mark one.
    @Sendable func handleHeldRequests(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, org) = try scope(context)
        guard a.role.holdsCases else { throw AppError.forbidden }
        let form = try await Form.checked(request, context: context)
        // The newest request the page showed: one received since was not seen and stays.
        guard let until = form["until"], Timestamp.date(until) != nil else { throw AppError.badRequest("Die Liste der zurückgehaltenen Anfragen fehlt; bitte die Seite neu laden.") }
        _ = try await services.appointments.handleHeldRequests(organisation: org, until: until, audit: services.audit(a))
        return Reply.redirect("/appointments")
    }

    /// The actor's appointments (the coordinator: the service's) in a period, default the coming four weeks.
    @Sendable func apiAppointments(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, org) = try scope(context)
        func day(_ key: String) throws -> Day? {
            guard let t = request.uri.queryParameters[key[...]].map(String.init), !t.isEmpty else { return nil }
            guard let d = Day(iso: t) else { throw AppError.badRequest("'\(key)' must be a date YYYY-MM-DD.") }
            return d
        }
        let from = try day("from") ?? services.today, to = try day("to") ?? from.adding(days: 28)
        guard from <= to, from.days(to: to) <= 366 else { throw AppError.badRequest("The period must run forward (from ≤ to) and span at most 366 days.") }
        let list = try await services.appointments.appointments(organisation: org, counselor: a.role == .coordinator ? nil : a.userID, from: from, to: to)
        try await services.clients.recordList("appointment_list", audit: services.audit(a))
        try await services.clients.recordReads(list.map { ($0.id, $0.clientID) }, entity: "appointment", audit: services.audit(a))
        let items = list.map { x -> [String: Any] in
            ["id": x.id, "client_id": x.clientID, "counselor_id": x.counselorID, "date": x.day.iso, "time": x.time, "duration_minutes": x.durationMinutes,
             "place": x.place, "mode": x.mode.rawValue, "language": x.language, "state": x.state.rawValue, "requested_via": x.requestedVia.rawValue]
        }
        return try Reply.items(items)
    }
}
