import CaseFiles
import Counseling
import Eligibility
import Foundation
import Hummingbird
import Storage
import Views

/// The client file in the browser: list and search, new client, client page, status history, facts, the
/// assessment with snapshots, and the audit trail of a client.
struct ClientRoutes {
    let services: AppServices

    /// Every route of this group: registered from this table and walked by the authorization test.
    var endpoints: [Endpoint] {
        [
            (.get, "/", home),
            (.get, "/clients", list),
            (.get, "/clients/new", newForm),
            (.post, "/clients", create),
            (.get, "/clients/{id}", show),
            (.get, "/clients/{id}/status", statusForm),
            (.post, "/clients/{id}/status", saveStatus),
            (.post, "/clients/{id}/relations", link),
            (.post, "/clients/{id}/relations/{relation}/delete", unlink),
            (.post, "/clients/{id}/household/leave", leaveHousehold),
            (.get, "/clients/{id}/name", nameForm),
            (.get, "/clients/{id}/contact", contactForm),
            (.post, "/clients/{id}/contact", saveContact),
            (.post, "/clients/{id}/name", rename),
            (.get, "/clients/{id}/facts", factsForm),
            (.post, "/clients/{id}/facts", saveFacts),
            (.get, "/clients/{id}/facts/json", factsJSONForm),
            (.post, "/clients/{id}/facts/json", saveFactsJSON),
            (.get, "/clients/{id}/assessment", assessment),
            (.get, "/clients/{id}/plan", clientPlan),
            (.post, "/clients/{id}/assessment/snapshots", snapshot),
            (.get, "/clients/{id}/erase", erasePage),
            (.post, "/clients/{id}/erase", erase),
            (.get, "/retention", retention),
            (.get, "/clients/{id}/assessment/snapshots/{snapshot}", showSnapshot),
            (.get, "/clients/{id}/audit", audit),
            (.get, "/clients/{id}/auskunft", subjectAccess),
        ]
    }

    @Sendable func home(_ request: Request, context: BleibeContext) async throws -> Response {
        guard let a = context.actor else { return Reply.redirect(context.session == nil ? "/login" : "/login/totp") }
        if Policy.allows(a, .listClients) { return Reply.redirect("/clients") }
        if a.role == .landCoordinator { return Reply.redirect("/reports/land") }
        // Each role starts where its work is: the authority at its referrals, a volunteer at the Fachberatung.
        if a.role == .authorityClerk || a.role == .authorityLead { return Reply.redirect("/referrals") }
        if a.role == .volunteer { return Reply.redirect("/advice/ask") }
        return Reply.redirect("/account")
    }

    /// The client of the actor's organisation, or 404 (also for a client of another organisation: no oracle).
    func loadClient(_ context: BleibeContext, write: Bool = false) async throws -> (Actor, Client) {
        let a = try context.requireActor()
        let id = try context.parameters.require("id")
        guard let org = Policy.clientScope(a) else { throw AppError.forbidden }
        guard let c = try await services.clients.client(id: id, organisation: org) else { throw AppError.notFound }
        guard Policy.allows(a, write ? .writeClient(ownerOrganisation: c.organisationID) : .readClient(ownerOrganisation: c.organisationID)) else {
            throw AppError.forbidden
        }
        return (a, c)
    }

    @Sendable func list(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .listClients), let org = Policy.clientScope(a) else { throw AppError.forbidden }
        let q = request.formQuery("q") ?? ""
        // Bounded, so that the offset cannot overflow (a page far beyond the list is simply empty).
        let page = min(max(1, Int(request.uri.queryParameters["page"] ?? "1") ?? 1), 1_000_000)
        let size = ClientPages.pageSize
        let rows = try await services.clients.list(organisation: org, search: q, limit: size + 1, offset: (page - 1) * size)
        try await services.clients.recordList(search: q, shown: rows.prefix(size).map(\.id), audit: services.audit(a))
        let view = rows.prefix(size).map {
            ClientRow(id: $0.id, fileNumber: $0.fileNumber, name: "\($0.lastName), \($0.firstName)", born: $0.born, nationality: $0.nationality, status: $0.currentStatus)
        }
        return Reply.html(ClientPages.list(frame: context.frame((q.isEmpty ? "Klient:innen" : "Suche „\(q)“") + (page > 1 ? " – Seite \(page)" : ""), current: "clients"), query: q, rows: Array(view), page: page, hasMore: rows.count > size,
                                           showRetention: Policy.allows(a, .eraseClient(ownerOrganisation: org))))
    }

    @Sendable func newForm(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .createClient), let org = Policy.clientScope(a) else { throw AppError.forbidden }
        var f = ClientPages.NewClientForm()
        // From a relative's file (QA of 06.12.2026: a family of five took 45 page loads, linked by typed file numbers):
        // the relation and the household come along, the surname, nationality and entry are offered.
        if let id = request.uri.queryParameters["relative_of"].map(String.init), let relation = request.uri.queryParameters["relation"].map(String.init),
           ClientPages.newRelativeKinds.contains(where: { $0.0 == relation }) {
            guard let r = try await services.clients.client(id: id, organisation: org) else { throw AppError.notFound }
            try await services.clients.recordRead(clientID: r.id, entity: "client", audit: services.audit(a))
            f.relativeID = r.id; f.relativeName = "\(r.firstName) \(r.lastName)"; f.relation = relation
            f.lastName = r.lastName; f.nationality = r.facts.nationality ?? ""
            // The entry of a spouse is offered; a child may have been born here, so its entry is left to be typed.
            if relation == "spouse" || relation == "registered_partner" {
                f.entered = r.facts.entered?.german ?? ""
                f.maritalStatus = (relation == "spouse" ? MaritalStatus.married : .registeredPartnership).rawValue
            }
            if relation == "child" { f.maritalStatus = MaritalStatus.single.rawValue }
        }
        return Reply.html(ClientPages.new(frame: context.frame("Neue Klientin / neuer Klient", current: "clients"), form: f))
    }

    /// The plan handed to the client, in their language (`?lang=ar`): pathways, documents to bring, next appointment.
    @Sendable func clientPlan(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context)
        let lang = PublicPages.language(request.uri.queryParameters["lang"].map(String.init))
        try await services.clients.recordRead(clientID: c.id, entity: "client_plan", audit: services.audit(a))
        let today = services.today
        let person = try await assess(c, on: today)
        // Without an open case of their own, a household member is counseled in a relative's case: its documents and
        // appointment are theirs too (QA41 C10).
        var holder = c, holderAssessment: PersonAssessment? = person
        let own = try await services.cases.cases(clientID: c.id, organisation: c.organisationID)
        if !own.contains(where: { $0.state != .closed }) {
            let open = Set(try await services.cases.openCases(organisation: c.organisationID, counselor: nil).map(\.clientID))
            if let relative = try await family(c, relations: nil).members.first(where: { $0.id != c.id && open.contains($0.id) }) {
                holder = relative; holderAssessment = nil
                try await services.clients.recordRead(clientID: relative.id, entity: "client_plan", audit: services.audit(a))
            }
        }
        var missing: [DocumentKind] = []
        let holderCases = holder.id == c.id ? own : try await services.cases.cases(clientID: holder.id, organisation: c.organisationID)
        for k in holderCases where k.pathway != nil && k.state != .closed && k.state != .decided {
            for i in try await caseDocuments(k, holder, person: holderAssessment).0 where i.state == .missing && !missing.contains(i.kind) { missing.append(i.kind) }
        }
        let next = try await services.appointments.appointmentsAhead(clientID: holder.id, organisation: c.organisationID, from: services.moment).first
        let organisation = try await services.accounts.organisation(c.organisationID)
        var model = ClientPlanPage.Model(serviceName: organisation?.name ?? "", client: c, today: today, person: person, missing: missing, next: next)
        model.serviceAddress = organisation?.addressLines ?? []
        if holder.id != c.id { model.counseledWith = "\(holder.firstName) \(holder.lastName)" }
        return Reply.html(ClientPlanPage.render(model, lang: lang, path: "/clients/\(c.id)/plan"))
    }

    /// The document checklist of a case and what was recorded (the case page, its API and the client's plan show the
    /// same). `person`: the client's assessment of today, when the caller has it already. Once the case is decided or
    /// closed the list stays as it was filed: read from the assessment on the day of the application (today's, of a
    /// granted person, would ask for papers of a status they left; QA of 06.12.2026: "Duldungsbescheinigungen – fehlt"
    /// after a grant, and the rows the application had were gone).
    func caseDocuments(_ c: CounselingCase, _ client: Client, person known: PersonAssessment? = nil) async throws -> ([ChecklistItem], [RecordedDocument]) {
        let recorded = try await services.applications.documents(caseID: c.id, organisation: c.organisationID)
        let answer: Assessment?
        if c.state == .decided || c.state == .closed {
            let filed = try await services.applications.applications(caseID: c.id, organisation: c.organisationID).filter { $0.pathway == c.pathway }.map(\.filedOn).max()
            if let filed { answer = try await assess(client, on: filed).assessments.first { $0.pathway == c.pathway } } else { answer = nil }
        } else {
            let person: PersonAssessment
            if let known { person = known } else { person = try await assess(client, on: services.today) }
            answer = person.assessments.first { $0.pathway == c.pathway }
        }
        let checklist = DocumentChecklist.items(pathway: c.pathway, assessment: answer,
                                                recorded: Dictionary(uniqueKeysWithValues: recorded.map { ($0.kind, ($0.state, $0.receivedOn)) }))
        return (checklist, recorded)
    }

    /// The relation of a new client to the relative it is created from: `relation` is what the new person is to them.
    static func relation(_ relation: String, newClient: String, relative: String) -> ClientRelation? {
        switch relation {
        case "child": ClientRelation(kind: .parent, from: relative, to: newClient)
        case "parent": ClientRelation(kind: .parent, from: newClient, to: relative)
        case "spouse": ClientRelation(kind: .spouse, from: relative, to: newClient)
        case "registered_partner": ClientRelation(kind: .registeredPartner, from: relative, to: newClient)
        default: nil
        }
    }

    /// A client's name as every form checks it (a new client, a correction, a referral).
    static func nameErrors(first: String, last: String) -> [String: String] {
        var errors: [String: String] = [:]
        for (key, value, label) in [("first_name", first, "Vorname"), ("last_name", last, "Nachname")] {
            switch NameCheck.problem(value) {
            case .missing?: errors[key] = "Bitte den \(label)n angeben (höchstens 100 Zeichen)."
            // Said as too long, with the count, not as missing (QA41 C11).
            case .tooLong?: errors[key] = "Der \(label) ist zu lang (\(value.unicodeScalars.count) Zeichen, höchstens 100)."
            case .lineBreak?: errors[key] = "Der \(label) darf keinen Zeilenumbruch und kein Tabulatorzeichen enthalten."
            case .notLatin?: errors[key] = "Bitte den \(label)n in lateinischen Buchstaben angeben, wie er in der Duldung oder im Pass steht: so schreibt ihn die Ausländerbehörde, und so wird die Akte gefunden."
            case nil: break
            }
        }
        return errors
    }

    /// The confirmation that another file of the same name and birth date is another person: it holds for the name
    /// and birth date it was given for only (QA of 05.12.2026: edited to another existing person's, it still passed).
    static func duplicateConfirmation(first: String, last: String, born: String) -> String {
        AccountStore.sha256(NameMatching.key("\(first) \(last)") + "|" + born)
    }

    @Sendable func nameForm(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context, write: true)
        try await services.clients.recordRead(clientID: c.id, entity: "client", audit: services.audit(a))
        return Reply.html(ClientPages.rename(frame: clientFrame(context, ClientPages.renameTitle, c), client: c, firstName: c.firstName, lastName: c.lastName,
                                             fileNumber: c.fileNumber))
    }

    @Sendable func contactForm(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context, write: true)
        guard let contact = try await services.clients.contact(clientID: c.id, organisation: c.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.html(ContactPages.form(frame: clientFrame(context, "Kontakt", c), client: c, contact: contact))
    }

    @Sendable func saveContact(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context, write: true)
        let form = try await Form.checked(request, context: context)
        let salutation = form.trimmed("salutation")
        guard salutation.isEmpty || ClientContact.Salutation(rawValue: salutation) != nil else { throw AppError.badRequest("Unbekannte Anrede.") }
        // Line ends as typed in the address; every other field is one line.
        let address = form.trimmed("address").replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
        let contact = ClientContact(salutation: ClientContact.Salutation(rawValue: salutation), phone: form.trimmed("phone"), email: form.trimmed("email"),
                                    address: address, language: CounselingLanguages.canonical(form.trimmed("language")))
        let errors = contact.problems()
        guard errors.isEmpty else {
            return Reply.html(ContactPages.form(frame: clientFrame(context, "Kontakt", c), client: c, contact: contact, errors: errors), status: .unprocessableContent)
        }
        guard try await services.clients.setContact(clientID: c.id, organisation: c.organisationID, contact, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/clients/\(c.id)#contact")
    }

    /// Corrects the name (Art. 16 DSGVO), checked as a new client's; another file of the same name and birth date is
    /// named first. The file number too, checked as a new one (QA43 C10: a typo in it could not be corrected); a form
    /// without the field keeps it.
    @Sendable func rename(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context, write: true)
        let form = try await Form.checked(request, context: context)
        let first = form.trimmed("first_name"), last = form.trimmed("last_name")
        let fileNumber = form["file_number"] == nil ? c.fileNumber : form.trimmed("file_number")
        var errors = Self.nameErrors(first: first, last: last)
        if fileNumber != c.fileNumber, let problem = Self.fileNumberError(fileNumber, today: services.today, required: true) { errors["file_number"] = problem }
        let frame = clientFrame(context, ClientPages.renameTitle, c)
        func page(_ errors: [String: String] = [:], duplicates: [String] = [], confirmation: String = "", status: HTTPResponse.Status) -> Response {
            Reply.html(ClientPages.rename(frame: frame, client: c, firstName: first, lastName: last, fileNumber: fileNumber, errors: errors,
                                          duplicates: duplicates, confirmation: confirmation), status: status)
        }
        guard errors.isEmpty else { return page(errors, status: .unprocessableContent) }
        if let born = c.facts.born {
            let confirmation = Self.duplicateConfirmation(first: first, last: last, born: born.iso)
            let others = try await services.clients.sameNameAndBirth(organisation: c.organisationID, firstName: first, lastName: last, born: born).filter { $0.id != c.id }
            if !others.isEmpty, form.trimmed("confirm_duplicate") != confirmation {
                try await services.clients.recordList("duplicate_hint", shown: others.map(\.id), audit: services.audit(a))
                return page(duplicates: others.map(\.fileNumber), confirmation: confirmation, status: .conflict)
            }
        }
        switch try await services.clients.rename(clientID: c.id, organisation: c.organisationID, firstName: first, lastName: last,
                                                 fileNumber: fileNumber, audit: services.audit(a)) {
        case .renamed: return Reply.redirect("/clients/\(c.id)")
        case .fileNumberTaken: return page(["file_number": "Dieses Aktenzeichen ist bereits vergeben."], status: .conflict)
        case .notFound: throw AppError.notFound
        }
    }

    /// What is wrong with a file number typed in a form, or nil; empty is wrong only where one must be given.
    static func fileNumberError(_ s: String, today: Day, required: Bool) -> String? {
        if s.isEmpty { return required ? "Bitte ein Aktenzeichen angeben." : nil }
        if !FileNumber.isValid(s) {
            return "Das Aktenzeichen darf höchstens 40 Zeichen haben: Buchstaben A–Z ohne Umlaute, Ziffern, Leerzeichen und - / . _ : # ( )."
        }
        if let year = FileNumber.futureYear(s, today: today) {
            return "Das Aktenzeichen nennt das Jahr \(year), das noch nicht begonnen hat. Bitte prüfen\(required ? "" : " oder leer lassen, um das nächste zu vergeben")."
        }
        return nil
    }

    @Sendable func create(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .createClient), let org = Policy.clientScope(a) else { throw AppError.forbidden }
        let form = try await Form.checked(request, context: context)
        var f = ClientPages.NewClientForm()
        f.firstName = form.trimmed("first_name"); f.lastName = form.trimmed("last_name"); f.fileNumber = form.trimmed("file_number")
        f.born = form.trimmed("born"); f.nationality = CountryCodes.code(fromInput: form.trimmed("nationality")) ?? form.trimmed("nationality"); f.entered = form.trimmed("entered")
        f.maritalStatus = form.trimmed("marital_status")
        f.relativeID = form.trimmed("relative_of"); f.relation = form.trimmed("relation"); f.household = form["household"] == "1"
        if !f.relativeID.isEmpty {
            guard let r = try await services.clients.client(id: f.relativeID, organisation: org), Self.relation(f.relation, newClient: "", relative: r.id) != nil else {
                throw AppError.notFound
            }
            f.relativeName = "\(r.firstName) \(r.lastName)"
        }
        var facts = Person(id: "")
        f.errors = Self.nameErrors(first: f.firstName, last: f.lastName)
        if let problem = Self.fileNumberError(f.fileNumber, today: services.today, required: false) { f.errors["file_number"] = problem }
        do { facts.born = try parseDay(f.born) } catch { f.errors["born"] = dayMessage(error) }
        do { facts.entered = try parseDay(f.entered) } catch { f.errors["entered"] = dayMessage(error) }
        if let b = facts.born, b > services.today { f.errors["born"] = "Das Geburtsdatum liegt in der Zukunft." }
        if let e = facts.entered, e > services.today { f.errors["entered"] = "Das Einreisedatum liegt in der Zukunft." }
        if let e = facts.entered, let b = facts.born, e < b { f.errors["entered"] = "Die Einreise liegt vor der Geburt." }
        if !f.nationality.isEmpty {
            if CountryCodes.isValid(f.nationality) { facts.nationality = f.nationality } else {
                f.errors["nationality"] = CountryCodes.inputHint
            }
        }
        if !f.maritalStatus.isEmpty {
            if let m = MaritalStatus(rawValue: f.maritalStatus) { facts.maritalStatus = m } else { f.errors["marital_status"] = "Ungültiger Familienstand." }
        }
        if f.errors["marital_status"] == nil, f.errors["born"] == nil, let why = FactPlausibility.problems(facts, today: services.today)["marital_status"] {
            f.errors["marital_status"] = why
        }
        // A contradiction within this form is named at its field (QA43 C7: "die andere Person" was blamed for it, 409).
        if !f.relativeID.isEmpty, Self.relation(f.relation, newClient: "", relative: f.relativeID)?.isPartnership == true {
            if f.errors["marital_status"] == nil, let word = RelationRules.unmarried(facts.maritalStatus) {
                f.errors["marital_status"] = "Als Ehegatte oder Lebenspartner:in verknüpft, kann der Familienstand nicht „\(word)“ sein."
            }
            if f.errors["born"] == nil, let b = facts.born, b.age(on: services.today) < 16 {
                f.errors["born"] = "Die Person ist jünger als 16 Jahre; eine Ehe ist nach deutschem Recht unwirksam (§ 1303 S. 2 BGB) und wird nicht verknüpft."
            }
        }
        guard f.errors.isEmpty else {
            return Reply.html(ClientPages.new(frame: context.frame("Neue Klientin / neuer Klient", current: "clients"), form: f), status: .unprocessableContent)
        }
        // A second file for the same person splits its history and its assessment: asked first (QA of 05.12.2026).
        // The confirmation holds for the name and birth date it was given for (QA of 05.12.2026: edited to another
        // existing person's, it still passed).
        let confirmation = Self.duplicateConfirmation(first: f.firstName, last: f.lastName, born: f.born)
        f.duplicateConfirmation = confirmation
        // Checked with the insert: the same form sent twice at once is one file (QA of 06.12.2026).
        let id = Credentials.newID()
        let linking = f.relativeID.isEmpty ? nil : Self.relation(f.relation, newClient: id, relative: f.relativeID).map { (relation: $0, sameHousehold: f.household) }
        switch try await services.clients.create(Client(id: id, organisationID: org, fileNumber: f.fileNumber, firstName: f.firstName, lastName: f.lastName, facts: facts),
                                                 numberedIn: services.today.year, refusingDuplicates: form.trimmed("confirm_duplicate") != confirmation,
                                                 linking: linking, today: services.today, audit: services.audit(a)) {
        case .created: return Reply.redirect("/clients/\(id)")
        case .fileNumberTaken: f.errors["file_number"] = "Dieses Aktenzeichen ist bereits vergeben."
        case .duplicates(let same):
            f.duplicates = same
            // The page names those files (number and link): a read in their trails (QA34 S3).
            try await services.clients.recordList("duplicate_hint", shown: same.map(\.id), audit: services.audit(a))
        case .linkRefused(let why): f.errors["relation"] = why
        }
        return Reply.html(ClientPages.new(frame: context.frame("Neue Klientin / neuer Klient", current: "clients"), form: f), status: .conflict)
    }

    @Sendable func show(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context)
        return try await clientPage(context, a, c)
    }

    /// The client page; `caseRefused`: the opening date of a case as typed and why it was refused; `linkRefused`: the
    /// family link as sent and why it was refused.
    /// Every answer that shows the page is a read, a refused form's too (QA of 06.12.2026: 422 pages left no trace).
    func clientPage(_ context: BleibeContext, _ a: Actor, _ c: Client, caseRefused: CasePages.RefusedOpening? = nil,
                    linkRefused: (sent: (kind: String, other: String, household: Bool), message: String)? = nil) async throws -> Response {
        try await services.clients.recordRead(clientID: c.id, entity: "client", audit: services.audit(a))
        let (members, relatives, relations) = try await family(c)
        try await recordShown((members + relatives).map(\.id), in: c, a)
        var view = ClientPages.ClientView(client: c, members: members + relatives, relations: relations,
                                          canSeeAudit: Policy.allows(a, .readAudit(ownerOrganisation: c.organisationID)),
                                          householdIDs: Set(members.map(\.id)), error: linkRefused?.message)
        if let sent = linkRefused?.sent { view.linkSent = sent }
        let frame = context.frame("\(c.firstName) \(c.lastName)", current: "clients")
        view.extra = CasePages.section(frame: frame, client: c, cases: try await services.cases.cases(clientID: c.id, organisation: c.organisationID),
                                       today: services.today, refused: caseRefused)
        // How to reach the person, for those who work on the file (QA41 C5); in the page's read of the client.
        if Policy.allows(a, .writeClient(ownerOrganisation: c.organisationID)),
           let contact = try await services.clients.contact(clientID: c.id, organisation: c.organisationID, audit: nil) {
            view.contact = ContactPages.section(clientID: c.id, contact)
        }
        return Reply.html(ClientPages.show(frame: frame, view), status: caseRefused == nil && linkRefused == nil ? .ok : .unprocessableContent)
    }

    /// The frame of a client's sub-page: its title names the client ("Angaben: Amira Haddad").
    func clientFrame(_ context: BleibeContext, _ title: String, _ c: Client) -> PageFrame {
        context.frame("\(title): \(c.firstName) \(c.lastName)", current: "clients")
    }

    // MARK: Family

    @Sendable func link(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context, write: true)
        let form = try await Form.checked(request, context: context)
        let file = form.trimmed("other")
        // A refusal shows the whole client page again, the form as it was sent (QA of 05.12.2026: a quick retry
        // with the defaults would have linked the wrong relationship).
        func fail(_ message: String) async throws -> Response {
            try await clientPage(context, a, c, linkRefused: ((form.trimmed("kind"), file, form["household"] == "1"), message))
        }
        if file.isEmpty { return try await fail("Bitte das Aktenzeichen der/des Angehörigen angeben.") }
        guard let otherID = try await services.clients.clientID(fileNumber: file, organisation: c.organisationID) else {
            return try await fail("Kein Klient, keine Klientin mit dem Aktenzeichen „\(Typed.echo(file))“ in Ihrer Beratungsstelle.")
        }
        guard otherID != c.id else { return try await fail("Eine Person kann nicht mit sich selbst verknüpft werden.") }
        let relation: ClientRelation
        switch form.trimmed("kind") {
        case "spouse": relation = ClientRelation(kind: .spouse, from: c.id, to: otherID)
        case "registered_partner": relation = ClientRelation(kind: .registeredPartner, from: c.id, to: otherID)
        case "cohabiting": relation = ClientRelation(kind: .cohabiting, from: c.id, to: otherID)
        case "child": relation = ClientRelation(kind: .parent, from: c.id, to: otherID)
        case "parent": relation = ClientRelation(kind: .parent, from: otherID, to: c.id)
        default: return try await fail("Bitte eine Beziehung wählen.")
        }
        switch try await services.clients.link(relation, organisation: c.organisationID, sameHousehold: form["household"] == "1", today: services.today, audit: services.audit(a)) {
        case .linked: return Reply.redirect("/clients/\(c.id)")
        case .notFound: throw AppError.notFound
        case .refused(let why): return try await fail(why.german)
        }
    }

    @Sendable func unlink(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context, write: true)
        _ = try await Form.checked(request, context: context)
        let rid = try context.parameters.require("relation")
        guard try await services.clients.unlink(relationID: rid, clientID: c.id, organisation: c.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/clients/\(c.id)")
    }

    @Sendable func leaveHousehold(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context, write: true)
        _ = try await Form.checked(request, context: context)
        guard try await services.clients.leaveHousehold(clientID: c.id, organisation: c.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/clients/\(c.id)")
    }

    // MARK: Status history

    @Sendable func statusForm(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context, write: true)
        try await services.clients.recordRead(clientID: c.id, entity: "status_history", audit: services.audit(a))
        let rows = (c.facts.status ?? []).map { p -> ClientPages.StatusRow in
            var r = ClientPages.StatusRow()
            r.kind = p.kind.rawValue; r.from = p.from.german; r.to = p.to?.german ?? ""; r.basis = p.basis ?? ""
            r.fiktion = p.fiktion?.rawValue ?? ""; r.continues = p.continues ?? ""; r.holder = p.holder.rawValue; r.issued = p.issued
            r.validUntil = p.validUntil?.german ?? ""
            return r
        }
        // A first history often has more periods than two blank rows: `?leer=N` offers more.
        let blank = request.uri.queryParameters["leer"].flatMap { Int($0) }.map { min(max($0, 2), 30) } ?? (rows.isEmpty ? 4 : 2)
        return Reply.html(ClientPages.statusEditor(frame: clientFrame(context, "Statusverlauf", c), client: c, rows: rows, errors: [:], blank: blank,
                                                   base: FactsMerge.statusText(c.facts)))
    }

    @Sendable func saveStatus(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context, write: true)
        let form = try await Form.checked(request, context: context)
        // The editor always sends its number of rows; without it a post would replace the history with nothing.
        guard let rowsSent = Int(form.trimmed("rows")), (0...200).contains(rowsSent) else {
            throw AppError.badRequest("Das Formular des Statusverlaufs ist unvollständig und wurde nicht gespeichert. Bitte die Seite neu laden.")
        }
        let count = rowsSent
        var rows: [ClientPages.StatusRow] = [], periods: [StatusPeriod] = [], errors: [String: String] = [:]
        for i in 0..<count {
            var r = ClientPages.StatusRow()
            r.kind = form.trimmed("p\(i)_kind"); r.from = form.trimmed("p\(i)_from"); r.to = form.trimmed("p\(i)_to")
            // The engine compares the short form exactly ("104c"): "104C", "§ 104c" or "§104c" mean the same.
            r.basis = StatusPeriod.shortBasis(form.trimmed("p\(i)_basis")); r.fiktion = form.trimmed("p\(i)_fiktion")
            r.continues = StatusPeriod.shortBasis(form.trimmed("p\(i)_continues"))
            r.holder = form.trimmed("p\(i)_holder").isEmpty ? "main" : form.trimmed("p\(i)_holder"); r.issued = form["p\(i)_not_issued"] == nil
            r.validUntil = form.trimmed("p\(i)_valid_until")
            if r.kind.isEmpty && r.from.isEmpty && r.to.isEmpty { continue }
            let row = rows.count
            rows.append(r)
            guard let kind = StatusKind(rawValue: r.kind) else { errors["p\(row)_kind"] = "Zeile \(row + 1): Bitte einen Status wählen."; continue }
            // Each date at its own field (QA of 05.12.2026: a wrong "bis" was marked at "von").
            var unreadable = false
            func date(_ text: String, _ key: String, _ label: String) -> Day? {
                do { return try parseDay(text) } catch {
                    errors[key] = "Zeile \(row + 1): „\(label)“ ist kein gültiges Datum (TT.MM.JJJJ)."; unreadable = true; return nil
                }
            }
            let from = date(r.from, "p\(row)", "von"), to = date(r.to, "p\(row)_to", "bis"), validUntil = date(r.validUntil, "p\(row)_valid_until", "gültig bis")
            if unreadable { continue }
            guard let start = from else { errors["p\(row)"] = "Zeile \(row + 1): Bitte „von“ angeben."; continue }
            // The certificate's or permit's end may lie ahead (the reminders are built from it); one before the start is
            // said by `StatusHistoryRules` with the row's other problems.
            var p = StatusPeriod(kind: kind, from: start, to: to, validUntil: validUntil)
            // A short form of the section ("25b", "104c", "19d-1a"): the engine compares it, it is no free text.
            p.basis = r.basis.isEmpty ? nil : r.basis
            p.fiktion = FiktionKind(rawValue: r.fiktion)
            p.continues = r.continues.isEmpty ? nil : r.continues
            if kind == .duldung60d { p.holder = DuldungHolder(rawValue: r.holder) ?? .main }
            if kind.isDuldung { p.issued = r.issued }
            periods.append(p)
        }
        if errors.isEmpty { errors = StatusHistoryRules.problems(periods, entered: c.facts.entered, born: c.facts.born, today: services.today) }
        let basedOn = try revision(form)
        guard errors.isEmpty else {
            return Reply.html(ClientPages.statusEditor(frame: clientFrame(context, "Statusverlauf", c), client: c, rows: rows, errors: errors, revision: basedOn,
                                                       base: form["base"]), status: .unprocessableContent)
        }
        var result = try await services.clients.replaceStatus(clientID: c.id, organisation: c.organisationID, periods: periods, basedOn: basedOn, audit: services.audit(a))
        var freshHistory: String? = nil
        if case .conflict = result, let fresh = try await services.clients.client(id: c.id, organisation: c.organisationID) {
            freshHistory = FactsMerge.statusText(fresh.facts)
            // Saved meanwhile, but only the facts: the history this form was built from is still the stored one.
            if freshHistory == form["base"],
               StatusHistoryRules.problems(periods, entered: fresh.facts.entered, born: fresh.facts.born, today: services.today).isEmpty {
                result = try await services.clients.replaceStatus(clientID: c.id, organisation: c.organisationID, periods: periods, basedOn: fresh.revision, audit: services.audit(a))
            }
        }
        switch result {
        case .saved: return Reply.redirect("/clients/\(c.id)/assessment?gespeichert=statusverlauf")
        case .notFound: throw AppError.notFound
        case .conflict(let current):
            return Reply.html(ClientPages.statusEditor(frame: clientFrame(context, "Statusverlauf", c), client: c, rows: rows, errors: [:],
                                                       revision: current, changedMeanwhile: true, base: freshHistory), status: .conflict)
        }
    }

    /// The revision a form of facts or status history was built from. Every such form sends it; without it a save
    /// would overwrite unconditionally, so a form without one is refused (QA of 05.12.2026: an empty field skipped the
    /// check).
    func revision(_ form: Form) throws -> Int {
        guard let n = Int(form.trimmed("revision")), n >= 0 else {
            throw AppError.badRequest("Das Formular ist unvollständig (Bearbeitungsstand fehlt) und wurde nicht gespeichert. Bitte die Seite neu laden.")
        }
        return n
    }

    // MARK: Facts

    @Sendable func factsForm(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context, write: true)
        try await services.clients.recordRead(clientID: c.id, entity: "facts", audit: services.audit(a))
        let values = FactsFormParser.object(c.facts)
        return Reply.html(FactsForm.render(frame: clientFrame(context, "Angaben", c), client: c, values: values, errors: [:], base: FactsMerge.text(values)))
    }

    @Sendable func saveFacts(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context, write: true)
        let form = try await Form.checked(request, context: context)
        // The birth date as sent in this form (it may be the correction), else the stored one.
        var typedBorn = form[FactsForm.name("born")].flatMap { try? parseDay($0.trimmingCharacters(in: .whitespaces)) } ?? nil
        var bornError: String? = nil
        if let b = typedBorn, let m = RecordDates.problem(b, "Das Geburtsdatum", today: services.today, born: nil) { bornError = m; typedBorn = nil }
        var (object, errors) = FactsFormParser.apply(form, to: FactsFormParser.object(c.facts), born: typedBorn ?? c.facts.born)
        if let bornError { errors[FactsForm.name("born")] = bornError }
        // Read even when some fields were refused (they keep their stored values): the dates typed correctly are then
        // checked in the same round, so that a future date is not reported only after a format error was fixed.
        // The decoder stops at its first error: the value it names is taken out and the rest read again, so that every
        // independent error is reported in one round (QA40 L1: a future entry was named only after a bad birth date was
        // fixed). A field already refused keeps its own message.
        var decoded: Person? = nil, reading = object
        for _ in 0..<20 {
            let text = String(decoding: try JSONSerialization.data(withJSONObject: reading), as: UTF8.self)
            do { decoded = try CaseFileDecoder.person(json: text, source: "Angaben", on: services.today); break } catch let e as CaseFileError {
                let (field, message) = FactsFormParser.error(e)
                if errors[field] == nil { errors[field] = message }
                guard FactsFormParser.remove(e.path, from: &reading) else { break }
            }
        }
        if let decoded {
            for (field, message) in try await factProblems(decoded, c) where errors[field] == nil { errors[field] = message }
        }
        let basedOn = try revision(form)
        guard errors.isEmpty, let facts = decoded else {
            let typed = Dictionary(uniqueKeysWithValues: errors.keys.compactMap { k in form[k].map { (k, $0) } })
            return Reply.html(FactsForm.render(frame: clientFrame(context, "Angaben", c), client: c, values: object, errors: errors, typed: typed, revision: basedOn,
                                               base: form["base"]), status: .unprocessableContent)
        }
        switch try await services.clients.replaceFacts(clientID: c.id, organisation: c.organisationID, facts: facts, basedOn: basedOn, audit: services.audit(a)) {
        case .saved: return Reply.redirect("/clients/\(c.id)/assessment?gespeichert=angaben")
        case .notFound: throw AppError.notFound
        case .conflict(let current):
            guard let base = FactsMerge.base(form["base"]) else {
                return Reply.html(FactsForm.render(frame: clientFrame(context, "Angaben", c), client: c, values: object, errors: [:], revision: current, changedMeanwhile: true),
                                  status: .conflict)
            }
            return try await mergeFacts(form, base: base, a, c, context)
        }
    }

    /// A facts form whose client was saved by someone else since the form was built: this form's changes are laid on
    /// the stored facts when the two touch different facts, else the form comes back naming the facts both changed.
    func mergeFacts(_ form: Form, base: [String: Any], _ a: Actor, _ c: Client, _ context: BleibeContext) async throws -> Response {
        guard let fresh = try await services.clients.client(id: c.id, organisation: c.organisationID) else { throw AppError.notFound }
        let theirs = FactsFormParser.object(fresh.facts)
        let mine = FactsFormParser.apply(form, to: base, born: fresh.facts.born).object
        let outcome = FactsMerge.merge(base: base, mine: mine, theirs: theirs)
        func refuse(_ clashes: [Layout.Clash]?, errors: [String: String] = [:], status: HTTPResponse.Status = .conflict) -> Response {
            Reply.html(FactsForm.render(frame: clientFrame(context, "Angaben", fresh), client: fresh, values: outcome.merged, errors: errors, revision: fresh.revision,
                                        changedMeanwhile: errors.isEmpty, clashes: clashes, kept: outcome.theirs.map(FactsMerge.label), base: FactsMerge.text(theirs)),
                       status: status)
        }
        guard outcome.clashing.isEmpty else {
            let stored = FactsMerge.flatten(theirs), typed = FactsMerge.flatten(mine)
            return refuse(outcome.clashing.map { u in
                Layout.Clash(label: FactsMerge.label(u), stored: FactsMerge.describe(u, stored[u]), yours: FactsMerge.describe(u, typed[u]))
            })
        }
        // The merged facts are checked as any saved ones: each side alone was valid, together they may not be.
        let merged: Person
        do { merged = try CaseFileDecoder.person(json: FactsMerge.text(outcome.merged), source: "Angaben", on: services.today) } catch let e as CaseFileError {
            let (field, message) = FactsFormParser.error(e)
            return refuse(nil, errors: [field: message], status: .unprocessableContent)
        }
        let problems = try await factProblems(merged, fresh)
        guard problems.isEmpty else { return refuse(nil, errors: problems, status: .unprocessableContent) }
        switch try await services.clients.replaceFacts(clientID: c.id, organisation: c.organisationID, facts: merged, basedOn: fresh.revision, audit: services.audit(a)) {
        case .saved:
            // The facts kept from the other save are named on the assessment page (by their paths, no values).
            return Reply.redirect("/clients/\(c.id)/assessment?gespeichert=angaben" + (outcome.theirs.isEmpty ? "" : "&mit=" + outcome.theirs.joined(separator: ",")))
        case .notFound: throw AppError.notFound
        case .conflict: return refuse(nil)   // a third save in between: the general notice
        }
    }

    /// What a saved form's facts cannot be, by form field: implausible facts first, then dates that no longer fit the
    /// client's records.
    func factProblems(_ facts: Person, _ c: Client) async throws -> [String: String] {
        var problems: [String: String] = [:]
        for (path, message) in FactPlausibility.problems(facts, today: services.today) where problems[FactsFormParser.fieldName(path)] == nil {
            problems[FactsFormParser.fieldName(path)] = message
        }
        for (field, message) in try await datesAgainstRecords(facts, c) where problems[FactsForm.name(field)] == nil { problems[FactsForm.name(field)] = message }
        return problems
    }

    /// Birth and entry dates must still fit what was recorded with the old ones: the status history (checked in its
    /// editor against them), the case work and the parent links (checked when they were made). Messages by fact name.
    func datesAgainstRecords(_ facts: Person, _ c: Client) async throws -> [String: String] {
        var out: [String: String] = [:]
        if let first = c.facts.status?.first {
            if let b = facts.born, first.from < b {
                out["born"] = "Der Statusverlauf beginnt am \(first.from.german), vor diesem Geburtsdatum. Bitte das Datum oder den Statusverlauf prüfen."
            }
            if let e = facts.entered, first.from < e {
                out["entered"] = "Der Statusverlauf beginnt am \(first.from.german), vor dieser Einreise. Bitte das Datum oder den Statusverlauf prüfen."
            }
        }
        // Nor the file's own case work (QA of 06.12.2026: a birth date after the first session made the client two days
        // old in the cover letter).
        if let b = facts.born, b != c.facts.born, out["born"] == nil,
           let (day, what) = try await services.clients.firstRecordDay(clientID: c.id, organisation: c.organisationID), day < b {
            out["born"] = "Am \(day.german) wurde \(what), vor diesem Geburtsdatum. Bitte das Datum prüfen."
        }
        // The links checked against a changed birth date or marital status, read once for both.
        let bornChanged = facts.born.map { $0 != c.facts.born && out["born"] == nil } ?? false, maritalChanged = facts.maritalStatus != c.facts.maritalStatus
        guard bornChanged || maritalChanged else { return out }
        let (members, relatives, relations) = try await family(c)
        if bornChanged, let b = facts.born {
            let others = (members + relatives).reduce(into: [String: Day]()) { out, m in if let d = m.facts.born { out[m.id] = d } }
            if let why = RelationRules.problem(person: c.id, born: b, relations: relations, others: others, today: services.today) { out["born"] = why }
        }
        if maritalChanged, let why = RelationRules.problem(person: c.id, marital: facts.maritalStatus, relations: relations) { out["marital_status"] = why }
        return out
    }

    @Sendable func factsJSONForm(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context, write: true)
        try await services.clients.recordRead(clientID: c.id, entity: "facts", audit: services.audit(a))
        var facts = c.facts
        facts.status = nil
        return Reply.html(FactsPage.render(frame: clientFrame(context, "Angaben", c), client: c, json: FactsPage.pretty(CaseFileEncoder.json(facts, includeStatus: false, includeID: false)), error: nil))
    }

    @Sendable func saveFactsJSON(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context, write: true)
        let form = try await Form.checked(request, context: context)
        let text = form["facts"] ?? ""
        let basedOn = try revision(form)
        let facts: Person
        do {
            facts = try CaseFileDecoder.person(json: text, source: "Angaben", on: services.today)
        } catch let e as CaseFileError {
            let place = [e.line.map { "Zeile \($0)" }, e.path.isEmpty ? nil : "Feld \(e.path)"].compactMap { $0 }.joined(separator: ", ")
            let message = (place.isEmpty ? "" : place + ": ") + DecoderMessages.german(e.message)
            return Reply.html(FactsPage.render(frame: clientFrame(context, "Angaben", c), client: c, json: text, revision: basedOn, error: message), status: .unprocessableContent)
        }
        if let (path, message) = FactPlausibility.problems(facts, today: services.today).sorted(by: { $0.key < $1.key }).first {
            return Reply.html(FactsPage.render(frame: clientFrame(context, "Angaben", c), client: c, json: text, revision: basedOn, error: "Feld \(path): \(message)"),
                              status: .unprocessableContent)
        }
        if let (field, message) = try await datesAgainstRecords(facts, c).sorted(by: { $0.key < $1.key }).first {
            return Reply.html(FactsPage.render(frame: clientFrame(context, "Angaben", c), client: c, json: text, revision: basedOn, error: "Feld \(field): \(message)"),
                              status: .unprocessableContent)
        }
        if facts.status != nil {
            return Reply.html(FactsPage.render(frame: clientFrame(context, "Angaben", c), client: c, json: text, revision: basedOn,
                                               error: "Der Statusverlauf wird im Statuseditor bearbeitet – bitte das Feld „status“ entfernen."), status: .unprocessableContent)
        }
        switch try await services.clients.replaceFacts(clientID: c.id, organisation: c.organisationID, facts: facts, basedOn: basedOn, audit: services.audit(a)) {
        case .saved: return Reply.redirect("/clients/\(c.id)/assessment?gespeichert=angaben")
        case .notFound: throw AppError.notFound
        case .conflict(let current):
            return Reply.html(FactsPage.render(frame: clientFrame(context, "Angaben", c), client: c, json: text, revision: current, changedMeanwhile: true, error: nil),
                              status: .conflict)
        }
    }

    // MARK: Assessment

    /// The client's assessment on `on`, with their pending application as the application date (K10).
    /// `facts`: what the engine reads of each person of the family (a disclosure reads only the released facts).
    func assess(_ c: Client, on: Day, relations known: [ClientRelation]? = nil, facts: (Person) -> Person = { $0 }) async throws -> PersonAssessment {
        let filed = try await services.applications.filedPending(clientID: c.id, organisation: c.organisationID, on: on)
        var person = try await assess(c, on: on, appliedOn: filed.first?.filedOn, relations: known, facts: facts)
        person.filed = filed
        return person
    }

    func assess(_ c: Client, on: Day, appliedOn: Day?, relations known: [ClientRelation]? = nil, facts: (Person) -> Person = { $0 }) async throws -> PersonAssessment {
        guard let person = try await assessHousehold(c, on: on, appliedOn: appliedOn, relations: known, facts: facts).result.person(c.id) else { throw AppError.notFound }
        return person
    }

    /// Every person of the client's household assessed, with the household's members.
    func assessHousehold(_ c: Client, on: Day, appliedOn: Day?, relations known: [ClientRelation]? = nil,
                         facts: (Person) -> Person = { $0 }) async throws -> (members: [Client], result: HouseholdAssessment) {
        var (members, relatives, relations) = try await family(c, relations: known)
        for i in members.indices { members[i].facts = facts(members[i].facts) }
        for i in relatives.indices { relatives[i].facts = facts(relatives[i].facts) }
        let household = HouseholdAssembly.household(members: members, relatives: relatives, relations: relations)
        return (members, services.engine.assess(household, on: on, appliedOn: appliedOn))
    }

    /// The household, the related clients living elsewhere, and the relations. `known` are the client's relations
    /// when the caller has already read them; for a client without a household they are all that is needed.
    func family(_ c: Client, relations known: [ClientRelation]? = nil) async throws -> (members: [Client], relatives: [Client], relations: [ClientRelation]) {
        let (members, relations) = if c.householdID == nil, let known { ([c], known) } else { try await services.clients.household(of: c) }
        let known = Set(members.map(\.id))
        let others = Array(Set(relations.flatMap { [$0.from, $0.to] }).subtracting(known)).sorted()
        let relatives = others.isEmpty ? [] : try await services.clients.clients(ids: others, organisation: c.organisationID)
        return (members, relatives, relations)
    }

    /// Relatives a page of `c` names (name, birth date, their answers in the family's texts): a read in each one's own
    /// trail too, so that their log and their Art. 15 information show it (QA34 S3). Entity id: the file they were
    /// shown in.
    func recordShown(_ ids: [String], in c: Client, _ a: Actor) async throws {
        let others = Array(Set(ids).subtracting([c.id])).sorted()
        guard !others.isEmpty else { return }
        try await services.clients.recordReads(others.map { (entityID: c.id, clientID: $0) }, entity: "shown_with_relative", audit: services.audit(a))
    }

    /// The "as of" date as a form sends it ("+" for a space; QA of 06.12.2026: "01.12.2023 " was refused), trimmed.
    static func typedDay(_ request: Request) -> String? { request.formQuery("on")?.trimmingCharacters(in: .whitespaces) }

    func day(_ request: Request) throws -> Day? {
        guard let text = Self.typedDay(request), !text.isEmpty else { return nil }
        return try parseDay(text)
    }

    @Sendable func assessment(_ request: Request, context: BleibeContext) async throws -> Response {
        // After a merge with a colleague's save: the facts kept from it (QA41 C8); unknown paths are left out.
        let kept = (request.uri.queryParameters["mit"].map(String.init) ?? "").split(separator: ",").prefix(40).compactMap { FactsMerge.knownLabel(String($0)) }
        return try await assessmentPage(context, typed: Self.typedDay(request), saved: request.uri.queryParameters["gespeichert"].map(String.init), mergedWith: kept)
    }

    /// The assessment page on the date typed (none: today). With `refusedSnapshot`, the date was sent to save an
    /// assessment: one that cannot be read or assessed shows today's with the reason at the field, saying nothing was kept.
    func assessmentPage(_ context: BleibeContext, typed: String?, saved: String?, mergedWith: [String] = [], refusedSnapshot: Bool = false) async throws -> Response {
        let a = try context.requireActor()
        guard let org = Policy.clientScope(a) else { throw AppError.forbidden }
        // One read for the client, its relations and the saved assessments (the page is the one counselors use most).
        guard let (c, relations, snapshots) = try await services.clients.forAssessment(clientID: try context.parameters.require("id"), organisation: org),
              Policy.allows(a, .readClient(ownerOrganisation: c.organisationID)) else { throw AppError.notFound }
        let today = services.today
        // A mistyped date shows today's assessment with the message at the field, not an error page.
        var dateError: (typed: String, message: String)? = nil
        let shown = (refusedSnapshot ? " Die Prüfung wurde nicht gespeichert." : "") + " Gezeigt wird die Prüfung für heute."
        var on: Day
        do { on = try typed.flatMap { $0.isEmpty ? nil : try parseDay($0) } ?? today } catch {
            dateError = (typed ?? "", dayMessage(error) + shown)
            on = today
        }
        if let why = Self.unassessable(on, born: c.facts.born) {
            dateError = (typed ?? "", why + shown)
            on = today
        }
        // A pending application fixes the application date of every pathway (K10): an age limit is judged on it.
        let filed = try await services.applications.filedPending(clientID: c.id, organisation: c.organisationID, on: on)
        let applied = filed.first?.filedOn
        var person: PersonAssessment
        if c.householdID == nil && relations.isEmpty {
            guard let p = services.engine.assess(Household(single: c.facts), on: on, appliedOn: applied).person(c.id) else { throw AppError.notFound }
            person = p
        } else {
            let (members, household) = try await assessHousehold(c, on: on, appliedOn: applied, relations: relations)
            guard let p = household.person(c.id) else { throw AppError.notFound }
            person = p
            try await recordShown(members.map(\.id) + relations.flatMap { [$0.from, $0.to] }, in: c, a)
        }
        person.filed = filed
        try await services.clients.recordRead(clientID: c.id, entity: "assessment", audit: services.audit(a))
        let land = context.land
        let deadlines = on == today ? DeadlineRules.derive(person: person, land: land, today: today, appliedOn: applied) : []
        var model = AssessmentPage.Model(client: c, on: on, today: today, person: person, snapshots: snapshots, deadlines: deadlines)
        model.appliedOn = applied
        model.dateError = dateError
        model.saved = ["angaben": "Angaben", "statusverlauf": "Statusverlauf"][saved ?? ""]
        model.mergedWith = mergedWith
        return Reply.html(AssessmentPage.render(frame: clientFrame(context, "Prüfung", c), model), status: dateError == nil ? .ok : .unprocessableContent)
    }

    // MARK: Erasure (Art. 17 DSGVO)

    func eraser(_ context: BleibeContext) async throws -> (Actor, Client) {
        let (a, c) = try await loadClient(context)
        guard Policy.allows(a, .eraseClient(ownerOrganisation: c.organisationID)) else { throw AppError.forbidden }
        return (a, c)
    }

    @Sendable func erasePage(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await eraser(context)
        try await services.clients.recordRead(clientID: c.id, entity: "client", audit: services.audit(a))
        let scope = try await services.clients.erasureScope(clientID: c.id, organisation: c.organisationID, today: services.today)
        return Reply.html(ErasurePages.confirm(frame: clientFrame(context, "Akte löschen", c), client: c, scope: scope))
    }

    /// Erases the file once its file number is typed; uploads no other record uses are removed from disk after the commit.
    @Sendable func erase(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await eraser(context)
        let form = try await Form.checked(request, context: context)
        let scope = { try await self.services.clients.erasureScope(clientID: c.id, organisation: c.organisationID, today: self.services.today) }
        guard form.trimmed("file_number").lowercased() == c.fileNumber.lowercased() else {
            return Reply.html(ErasurePages.confirm(frame: clientFrame(context, "Akte löschen", c), client: c, scope: try await scope(),
                                                   error: "Das Aktenzeichen stimmt nicht mit dem dieser Akte überein. Bitte das Aktenzeichen der Akte eintippen, die gelöscht werden soll."), status: .unprocessableContent)
        }
        let outcome: ClientStore.Erasure
        do { outcome = try await services.clients.erase(clientID: c.id, organisation: c.organisationID, today: services.today, audit: services.audit(a)) } catch let f as ErasureJournal.Failure {
            // Nothing was erased; retrying will not help until the journal is mended (QA36 F9: "Bitte versuchen Sie es erneut").
            context.logger.error("erasure refused", metadata: .failure(f, ["route": .string(context.endpointPath ?? "?")]))
            return Reply.html(ErasurePages.confirm(frame: clientFrame(context, "Akte löschen", c), client: c, scope: try await scope(),
                                                   error: "Die Akte wurde nicht gelöscht: Das Löschjournal lässt sich nicht schreiben. Bitte die Administration verständigen."),
                              status: .serviceUnavailable)
        }
        switch outcome {
        case .unknownClient: throw AppError.notFound
        case .openWork:
            return Reply.html(ErasurePages.confirm(frame: clientFrame(context, "Akte löschen", c), client: c, scope: try await scope()), status: .conflict)
        case .done(let files):
            for h in Set(files) { try await DocumentFiles.removeIfUnused(h, keeping: nil, services: services) }
            // The erasure's event anchored at once: it must not be deletable unnoticed until the next pass (QA28 F1).
            if let path = services.config.erasureJournal { _ = try? await AuditAnchors.write(services.db, journal: ErasureJournal(path: path), at: services.timestamp()) }
            return Reply.html(ErasurePages.done(frame: context.frame("Akte gelöscht", current: "clients"), fileNumber: c.fileNumber))
        }
    }

    /// The files whose retention period has run out (coordination only): each links to its erasure.
    @Sendable func retention(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard let org = Policy.clientScope(a), Policy.allows(a, .eraseClient(ownerOrganisation: org)) else { throw AppError.forbidden }
        let due = try await services.clients.retentionDue(organisation: org, today: services.today, years: services.config.retentionYears)
        try await services.clients.recordList("retention_list", shown: due.map(\.clientID), audit: services.audit(a))
        return Reply.html(ErasurePages.retention(frame: context.frame("Löschfristen", current: "clients"), due: due, years: services.config.retentionYears))
    }

    /// Why no assessment can be made on `on`: before the Residence Act, or before the person was born.
    static func unassessable(_ on: Day, born: Day?) -> String? {
        if on < RecordDates.residenceActInForce { return "Das Aufenthaltsgesetz gilt seit dem 01.01.2005; eine Prüfung davor ist nicht möglich." }
        if let born, on < born { return "Der \(on.german) liegt vor der Geburt (\(born.german))." }
        return nil
    }

    @Sendable func snapshot(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context, write: true)
        let form = try await Form.checked(request, context: context)
        // The same dates as the page (QA of 05.12.2026: a tampered date kept a snapshot the page refuses to show); one
        // refused shows the page with the reason, not an error page (QA of 06.12.2026).
        guard let on = try? parseDay(form.trimmed("on")) ?? services.today, Self.unassessable(on, born: c.facts.born) == nil else {
            return try await assessmentPage(context, typed: form.trimmed("on"), saved: nil, refusedSnapshot: true)
        }
        let person = try await assess(c, on: on)
        var doc = AssessmentDocument(HouseholdAssessment(on: on, appliedOn: person.filed.first?.filedOn, persons: [person]), caseID: c.id)
        // The status history it rests on is kept with it (QA of 06.12.2026: a snapshot said "mit den damaligen Angaben"
        // without showing them).
        doc.persons[0].statusHistory = (c.facts.status ?? []).map(AssessmentDocument.PeriodDocument.init)
        // The same conclusion saved twice in a row (a double click) is kept once: the saved one is shown.
        let json = try doc.json()
        if let latest = try await services.clients.snapshots(clientID: c.id, organisation: c.organisationID).first, latest.on == on,
           try await services.clients.snapshot(id: latest.id, clientID: c.id, organisation: c.organisationID)?.documentJSON == json {
            return Reply.redirect("/clients/\(c.id)/assessment/snapshots/\(latest.id)")
        }
        let versions = Array(Set(person.assessments.flatMap { $0.lawVersions.map(\.description) })).sorted()
        let snap = AssessmentSnapshot(id: Credentials.newID(), clientID: c.id, on: on, createdBy: a.userID, createdAt: services.timestamp(),
                                      lawVersions: versions, documentJSON: json)
        guard try await services.clients.saveSnapshot(snap, organisation: c.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        // The saved page itself confirms what was kept.
        return Reply.redirect("/clients/\(c.id)/assessment/snapshots/\(snap.id)")
    }

    /// A saved assessment, as it was concluded when it was saved.
    @Sendable func showSnapshot(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context)
        let id = try context.parameters.require("snapshot")
        guard let s = try await services.clients.snapshot(id: id, clientID: c.id, organisation: c.organisationID) else { throw AppError.notFound }
        try await services.clients.recordRead(clientID: c.id, entity: "assessment_snapshot", audit: services.audit(a))
        let by = try await services.user(s.createdBy, of: c.organisationID)?.displayName ?? "–"
        return Reply.html(SnapshotPage.render(frame: context.frame("Gespeicherte Prüfung", current: "clients"), client: c, snapshot: s, savedBy: by,
                                              document: try? AssessmentDocument.decode(Data(s.documentJSON.utf8))))
    }

    // MARK: Audit

    @Sendable func audit(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context)
        guard Policy.allows(a, .readAudit(ownerOrganisation: c.organisationID)) else { throw AppError.forbidden }
        try await services.clients.recordRead(clientID: c.id, entity: "audit", audit: services.audit(a))
        let pageSize = 500
        let before = request.uri.queryParameters["vor"].flatMap { Int($0) }
        let events = try await AuditLog.events(ofClient: c.id, in: services.db, limit: pageSize, before: before)
        // Who, readably: the service's own staff by name, others (the authority's, under a consent) with their organisation.
        var users: [String: String] = [AuditLog.systemID: "System (automatische Löschung)", AuditLog.seederID: AuditLog.actorName(AuditLog.seederID)!]
        let organisations = Dictionary(uniqueKeysWithValues: try await services.accounts.organisations().map { ($0.id, $0.name) })
        for org in Set(events.map(\.organisationID)).union([c.organisationID]) {
            for u in try await services.accounts.users(organisation: org) {
                users[u.id] = org == c.organisationID ? u.displayName : "\(u.displayName) (\(organisations[org] ?? org))"
            }
        }
        let rows = events.map { AdminPages.AuditRow(seq: $0.seq, at: $0.at, user: users[$0.userID] ?? $0.userID, action: $0.action, entity: $0.entity) }
        return Reply.html(AdminPages.audit(frame: context.frame("Protokoll", current: "clients"), client: c, rows: rows, chainIntact: nil,
                                           olderFrom: events.count == pageSize ? events.last?.seq : nil))
    }
}

/// What every form and the API check of a name: given, at most 100 code points (as the OpenAPI document's maxLength
/// counts them; QA30 F1: 100 visible characters stored 20,001 combining accents), on one line. Other control
/// characters are dropped before (`Form.cleaned`).
enum NameCheck {
    enum Problem { case missing, tooLong, lineBreak, notLatin }

    static func problem(_ name: String) -> Problem? {
        if name.isEmpty { return .missing }
        if name.unicodeScalars.count > 100 { return .tooLong }
        if name.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" }) { return .lineBreak }
        if name.unicodeScalars.contains(where: { $0.properties.isAlphabetic && !isLatin($0) }) { return .notLatin }
        return nil
    }

    /// A name is kept as on the Duldung or passport, in Latin letters with their diacritics (ä, é, ş, ğ, đ …): the
    /// spelling the authority uses, and the one the search matches (QA41 C6: a name in Arabic script was not found by
    /// its Latin spelling; a Cyrillic "е" inside a Latin name is not found either).
    static func isLatin(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A, 0xAA, 0xBA, 0xC0...0x24F, 0x250...0x2FF, 0x300...0x36F, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F:
            true
        default: false
        }
    }
}
