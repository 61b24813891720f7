import Counseling
import Eligibility
import Foundation
import Hummingbird
import Storage
import Views

/// Referrals from the authority to the service, and the authority's contact directory.
struct ReferralRoutes {
    let services: AppServices

    var endpoints: [Endpoint] {
        [
            (.get, "/referrals", list),
            (.post, "/referrals", create),
            (.post, "/referrals/{id}/accept", accept),
            (.post, "/referrals/{id}/decline", decline),
            (.post, "/referrals/{id}/withdraw", withdraw),
            (.get, "/api/v1/referrals", apiList),
            (.get, "/contacts", contacts),
            (.post, "/contacts", addContact),
            (.get, "/contacts/{id}/edit", editContact),
            (.post, "/contacts/{id}", changeContact),
            (.post, "/contacts/{id}/delete", removeContact),
        ]
    }

    func partners(_ a: Actor) async throws -> (Set<String>, [Organisation]) {
        let ids = try await services.partners(of: a.organisationID)
        return (ids, try await services.accounts.organisations())
    }

    /// The files the referrals shown lead to, each once (a declined or withdrawn referral has none).
    static func files(_ referrals: [Referral]) -> [String] {
        var seen = Set<String>()
        return referrals.compactMap(\.clientID).filter { seen.insert($0).inserted }
    }

    /// Authority staff and the service's case workers only; everyone else has no referrals to see.
    func side(_ a: Actor) throws -> Bool {
        if Policy.allows(a, .viewShared(recipient: a.organisationID)) { return true }
        if Policy.allows(a, .decideReferral(service: a.organisationID)) { return false }
        throw AppError.forbidden
    }

    func render(_ context: BleibeContext, _ a: Actor, form: CooperationPages.ReferralForm, status: HTTPResponse.Status = .ok) async throws -> Response {
        var form = form
        let authoritySide = try side(a)
        let (ids, orgs) = try await partners(a)
        let names = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id, $0.name) })
        let all = try await services.cooperation.referrals(of: a.organisationID)
        // One state at a time when asked (QA42 coordination #10: the open ones drowned among the answered).
        let list = form.state.map { s in all.filter { $0.state == s } } ?? all
        form.counts = Dictionary(grouping: all, by: \.state).mapValues(\.count)
        // Each person shown whose file exists has the look in that file's trail (QA28 F2), as a client list does.
        try await services.clients.recordList("referral_list", shown: Self.files(list), audit: services.audit(a))
        return Reply.html(CooperationPages.referrals(frame: context.frame("Vermittlungen", current: "referrals"), referrals: list, names: names,
                                                     authoritySide: authoritySide,
                                                     services: orgs.filter { ids.contains($0.id) && $0.kind == .counselingService }, form: form), status: status)
    }

    @Sendable func list(_ request: Request, context: BleibeContext) async throws -> Response {
        var form = CooperationPages.ReferralForm()
        if request.uri.queryParameters["gesendet"] == "1" { form.notice = "Die Vermittlung ist gesendet; ihr Stand steht unten in der Liste." }
        // An unknown state shows them all.
        form.state = request.uri.queryParameters["stand"].flatMap { Referral.State(rawValue: String($0)) }
        return try await render(context, try context.requireActor(), form: form)
    }

    @Sendable func create(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        let form = try await Form.checked(request, context: context)
        var f = CooperationPages.ReferralForm()
        f.service = form.trimmed("service"); f.firstName = form.trimmed("first_name"); f.lastName = form.trimmed("last_name")
        f.born = form.trimmed("born"); f.nationality = form.trimmed("nationality"); f.reason = form.trimmed("reason")
        f.agreed = form["agreed"] == "1"
        // Only the authority refers; the service answers.
        guard try side(a) else { throw AppError.forbidden }
        let (ids, _) = try await partners(a)
        if !Policy.allows(a, .refer(toService: f.service, cooperating: ids.contains(f.service))) { f.errors["service"] = "Bitte eine kooperierende Beratungsstelle wählen." }
        f.errors.merge(ClientRoutes.nameErrors(first: f.firstName, last: f.lastName)) { a, _ in a }
        let born = formDay(f.born)
        if born == nil || (born!.map { $0 > services.today } ?? false) { f.errors["born"] = "Bitte ein gültiges Geburtsdatum (TT.MM.JJJJ) angeben oder leer lassen." }
        // Read as a code for the record; the field keeps what was typed ("Irak", not "IRQ") when the form comes back.
        let nationality = CountryCodes.code(fromInput: f.nationality) ?? f.nationality
        if !nationality.isEmpty && !CountryCodes.isValid(nationality) {
            f.errors["nationality"] = CountryCodes.inputHint.dropLast() + " oder leer lassen."
        }
        if f.reason.isEmpty || f.reason.count > 500 { f.errors["reason"] = "Bitte den Anlass angeben (höchstens 500 Zeichen)." }
        // As the form says: no health data, and no one else's details – a birth date, an address, an e-mail, a file
        // number (QA of 05.12.2026: a diagnosis and a wife's name with her birth date were taken). Other dates pass
        // (a Duldung's expiry); the person's own name is in the fields above.
        else if case let health = HealthWords.found(in: f.reason), !health.isEmpty {
            f.errors["reason"] = "Der Anlass darf keine Gesundheitsangaben enthalten (\(health.joined(separator: ", "))). Diese bespricht die Beratungsstelle mit der Person selbst."
        } else if case let found = FactSheet.identifyingWordsInMinutes(f.reason, clients: []), !found.isEmpty {
            f.errors["reason"] = "Der Anlass darf keine weiteren Angaben zu Personen enthalten (\(found.joined(separator: ", "))): Namen, Geburtsdaten und Anschriften gehören in die Felder oben."
        }
        if !f.agreed { f.errors["agreed"] = "Ohne Einverständnis der Person darf nicht vermittelt werden." }
        guard f.errors.isEmpty else { return try await render(context, a, form: f, status: .unprocessableContent) }
        let r = Referral(id: Credentials.newID(), authorityID: a.organisationID, serviceID: f.service, createdBy: a.userID, createdOn: services.today,
                         firstName: f.firstName, lastName: f.lastName, born: born ?? nil, nationality: nationality.isEmpty ? nil : nationality, reason: f.reason)
        // The same person twice while the first referral is still unanswered (QA of 05.12.2026: four on one day);
        // checked by the store with the insert.
        switch try await services.cooperation.createReferral(r, audit: services.audit(a)) {
        case .created: return Reply.redirect("/referrals?gesendet=1")
        case .openAlready(let open):
            f.errors["last_name"] = "\(open.firstName) \(open.lastName) ist bereits am \(open.createdOn.german) an diese Beratungsstelle vermittelt; die Vermittlung ist noch offen."
            return try await render(context, a, form: f, status: .unprocessableContent)
        }
    }

    /// The service's answer to a referral: its case workers only, with a checked form.
    func decision(_ request: Request, _ context: BleibeContext) async throws -> (Actor, Form) {
        let a = try context.requireActor()
        guard Policy.allows(a, .decideReferral(service: a.organisationID)) else { throw AppError.forbidden }
        return (a, try await Form.checked(request, context: context))
    }

    /// The referral `id` of the actor's organisation, still unanswered: 404 when it is not theirs, 409 with its state
    /// when it was answered or withdrawn meanwhile (another tab, a colleague).
    func pendingReferral(_ context: BleibeContext, _ a: Actor) async throws -> Referral {
        guard let r = try await services.cooperation.referral(id: try context.parameters.require("id"), organisation: a.organisationID) else { throw AppError.notFound }
        guard r.state == .pending else { throw AppError.conflict("Die Vermittlung ist bereits \(r.state.german)\(r.decidedOn.map { " (am \($0.german))" } ?? "").") }
        return r
    }

    /// The referrals page with a refused answer shown at its form.
    func refuse(_ context: BleibeContext, _ a: Actor, _ answer: CooperationPages.ReferralForm.Answer) async throws -> Response {
        var f = CooperationPages.ReferralForm()
        f.answer = answer
        return try await render(context, a, form: f, status: .unprocessableContent)
    }

    @Sendable func accept(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, form) = try await decision(request, context)
        let id = try await pendingReferral(context, a).id
        let fileNumber = form.trimmed("file_number")
        func refuse(_ message: String) async throws -> Response {
            try await self.refuse(context, a, .init(referralID: id, action: .accept, value: fileNumber, error: message))
        }
        guard fileNumber.isEmpty || FileNumber.isValid(fileNumber) else {
            // As for a new client (QA of 06.12.2026: "=cmd|calc" was taken here). Empty: the next number is drawn.
            return try await refuse("Aktenzeichen: höchstens 40 Zeichen, Buchstaben A–Z ohne Umlaute, Ziffern, Leerzeichen und - / . _ : # ( ); leer lassen, um das nächste zu vergeben.")
        }
        if let year = FileNumber.futureYear(fileNumber, today: services.today) {
            return try await refuse("Das Aktenzeichen „\(fileNumber)“ nennt das Jahr \(year), das noch nicht begonnen hat. Bitte prüfen oder leer lassen, um das nächste zu vergeben.")
        }
        switch try await services.cooperation.accept(referralID: id, service: a.organisationID, fileNumber: fileNumber, on: services.today,
                                                     counselorID: a.userID, newID: { Credentials.newID() }, audit: services.audit(a)) {
        case .accepted(_, let caseID): return Reply.redirect("/cases/\(caseID)")
        // Decided meanwhile (the same form sent twice at once): said as for a second click (QA of 06.12.2026: 404).
        case .notFound: _ = try await pendingReferral(context, a); throw AppError.notFound
        case .otherPerson(let who):
            return try await refuse("Unter dem Aktenzeichen „\(fileNumber)“ ist eine andere Person erfasst (\(who)). Bitte das Aktenzeichen prüfen oder ein neues vergeben.")
        case .alreadyFiled(let existing):
            return try await refuse("Die Person hat bereits eine Akte unter dem Aktenzeichen „\(existing)“. Bitte dieses angeben.")
        }
    }

    @Sendable func decline(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, form) = try await decision(request, context)
        let r = try await pendingReferral(context, a)
        let reason = form.trimmed("reason")
        func refuse(_ message: String) async throws -> Response {
            try await self.refuse(context, a, .init(referralID: r.id, action: .decline, value: reason, error: message))
        }
        guard !reason.isEmpty, reason.count <= 500 else { return try await refuse("Bitte den Grund der Ablehnung angeben (höchstens 500 Zeichen).") }
        // The reason goes to the authority: no health data and no one's details, as the referral's own reason (QA of
        // 06.12.2026: "bei uns in Beratung wegen PTBS", a name with a birth date and an address were passed on).
        let health = HealthWords.found(in: reason)
        guard health.isEmpty else {
            return try await refuse("Der Grund geht an die Ausländerbehörde und darf keine Gesundheitsangaben enthalten (\(health.joined(separator: ", "))).")
        }
        let found = FactSheet.identifyingWordsInMinutes(reason, clients: []) + FactSheet.identifyingWords(in: reason, client: r.person)
        guard found.isEmpty else {
            var seen: [String] = []
            for w in found where !seen.contains(w) { seen.append(w) }
            return try await refuse("Der Grund geht an die Ausländerbehörde und darf keine Angaben zu Personen enthalten (\(seen.joined(separator: ", "))).")
        }
        guard try await services.cooperation.decline(referralID: r.id, service: a.organisationID, reason: reason,
                                                     on: services.today, audit: services.audit(a)) else { _ = try await pendingReferral(context, a); throw AppError.notFound }
        return Reply.redirect("/referrals")
    }

    /// The authority takes back a referral the service has not answered (sent to the wrong service, or in error).
    @Sendable func withdraw(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        let form = try await Form.checked(request, context: context)
        guard try side(a) else { throw AppError.forbidden }
        let r = try await pendingReferral(context, a)
        let reason = form.trimmed("reason")
        func refuse(_ message: String) async throws -> Response {
            try await self.refuse(context, a, .init(referralID: r.id, action: .withdraw, value: reason, error: message))
        }
        guard !reason.isEmpty, reason.count <= 300 else { return try await refuse("Bitte den Grund angeben, aus dem die Vermittlung zurückgezogen wird (höchstens 300 Zeichen).") }
        // The person's data go with the withdrawal; the reason must not bring them back.
        let found = FactSheet.identifyingWords(in: reason, client: r.person)
        guard found.isEmpty else {
            return try await refuse("Der Grund darf keine Angaben zur Person enthalten (\(found.joined(separator: ", "))): sie werden mit der Vermittlung gelöscht.")
        }
        guard try await services.cooperation.withdraw(referralID: r.id, authority: a.organisationID, reason: reason,
                                                      on: services.today, audit: services.audit(a)) else { _ = try await pendingReferral(context, a); throw AppError.notFound }
        return Reply.redirect("/referrals")
    }

    @Sendable func apiList(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        _ = try side(a)
        let list = try await services.cooperation.referrals(of: a.organisationID)
        try await services.clients.recordList("referral_list", shown: Self.files(list), audit: services.audit(a))
        let items = list.map { r -> [String: Any] in
            var o: [String: Any] = ["id": r.id, "authority": r.authorityID, "service": r.serviceID, "created_on": r.createdOn.iso, "state": r.state.rawValue,
                                    "first_name": r.firstName, "last_name": r.lastName, "reason": r.reason]
            if let d = r.decidedOn { o["decided_on"] = d.iso }
            if let w = r.declineReason { o["decline_reason"] = w }
            // The authority learns that the service took the person on, not the service's internal ids.
            if r.serviceID == a.organisationID, let c = r.caseID { o["case_id"] = c }
            return o
        }
        return try Reply.items(items)
    }

    // MARK: Contact directory

    func renderContacts(_ context: BleibeContext, _ a: Actor, form: CooperationPages.ContactForm, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (ids, orgs) = try await partners(a)
        var directories: [(Organisation, [DirectoryContact])] = []
        for o in orgs where o.kind == .authority && Policy.allows(a, .readContacts(authority: o.id, cooperating: ids.contains(o.id))) {
            directories.append((o, try await services.cooperation.contacts(authority: o.id)))
        }
        // A service's case workers may read a cooperating authority's directory even while there is none yet (an empty
        // page); anyone else without a directory to read is refused.
        guard !directories.isEmpty || Policy.allows(a, .readContacts(authority: "", cooperating: true)) else { throw AppError.forbidden }
        let editable = Policy.allows(a, .maintainAuthorityRecords(authority: a.organisationID)) ? a.organisationID : nil
        return Reply.html(CooperationPages.contacts(frame: context.frame("Ansprechpersonen", current: "contacts"), directories: directories,
                                                    editable: editable, form: form), status: status)
    }

    @Sendable func contacts(_ request: Request, context: BleibeContext) async throws -> Response {
        try await renderContacts(context, try context.requireActor(), form: .init())
    }

    @Sendable func addContact(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .maintainAuthorityRecords(authority: a.organisationID)) else { throw AppError.forbidden }
        let f = contactForm(try await Form.checked(request, context: context), directory: try await services.cooperation.contacts(authority: a.organisationID), editing: nil)
        guard f.errors.isEmpty else { return try await renderContacts(context, a, form: f, status: .unprocessableContent) }
        try await services.cooperation.addContact(DirectoryContact(id: Credentials.newID(), authorityID: a.organisationID, name: f.name, function: f.function,
                                                                   phone: f.phone, email: f.email, responsibility: f.responsibility), audit: services.audit(a))
        return Reply.redirect("/contacts")
    }

    /// The directory with one of the own authority's entries in the form, to be corrected (a new number, another
    /// responsibility) rather than removed and typed anew.
    @Sendable func editContact(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .maintainAuthorityRecords(authority: a.organisationID)) else { throw AppError.forbidden }
        let id = try context.parameters.require("id")
        guard let c = try await services.cooperation.contacts(authority: a.organisationID).first(where: { $0.id == id }) else { throw AppError.notFound }
        var f = CooperationPages.ContactForm()
        f.editing = c.id; f.name = c.name; f.function = c.function; f.phone = c.phone; f.email = c.email; f.responsibility = c.responsibility
        return try await renderContacts(context, a, form: f)
    }

    @Sendable func changeContact(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .maintainAuthorityRecords(authority: a.organisationID)) else { throw AppError.forbidden }
        let id = try context.parameters.require("id")
        let directory = try await services.cooperation.contacts(authority: a.organisationID)
        guard directory.contains(where: { $0.id == id }) else { throw AppError.notFound }
        let f = contactForm(try await Form.checked(request, context: context), directory: directory, editing: id)
        guard f.errors.isEmpty else { return try await renderContacts(context, a, form: f, status: .unprocessableContent) }
        guard try await services.cooperation.updateContact(DirectoryContact(id: id, authorityID: a.organisationID, name: f.name, function: f.function,
                                                                            phone: f.phone, email: f.email, responsibility: f.responsibility),
                                                           audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/contacts#contact-\(id)")
    }

    /// A directory entry as sent, with a German reason per refused field; `directory`: the authority's entries, of
    /// which it must not repeat one; `editing`: the entry it replaces (not a duplicate of itself).
    func contactForm(_ form: Form, directory: [DirectoryContact], editing: String?) -> CooperationPages.ContactForm {
        var f = CooperationPages.ContactForm()
        f.editing = editing
        f.name = form.trimmed("name"); f.function = form.trimmed("function"); f.phone = form.trimmed("phone")
        f.email = form.trimmed("email"); f.responsibility = form.trimmed("responsibility")
        if f.name.isEmpty || f.name.count > 120 { f.errors["name"] = "Bitte den Namen angeben (höchstens 120 Zeichen)." }
        if f.function.count > 120 { f.errors["function"] = "Höchstens 120 Zeichen." }
        if f.responsibility.isEmpty || f.responsibility.count > 200 { f.errors["responsibility"] = "Bitte die Zuständigkeit angeben (höchstens 200 Zeichen)." }
        // A directory entry is for reaching someone (QA of 05.12.2026: one without either showed an empty mail link).
        if f.phone.isEmpty && f.email.isEmpty { f.errors["phone"] = "Bitte eine Telefonnummer oder eine E-Mail-Adresse angeben." }
        if !f.phone.isEmpty && !(f.phone.allSatisfy({ $0.isNumber || " +-/()".contains($0) }) && f.phone.filter(\.isNumber).count >= 5 && f.phone.count <= 40
                                  && f.phone.contains(where: { $0.isNumber && $0 != "0" })) {
            f.errors["phone"] = "Bitte eine Telefonnummer aus mindestens fünf Ziffern angeben (z. B. 0351 488-1234)."
        }
        if !f.email.isEmpty && !Self.isEmailAddress(f.email) { f.errors["email"] = "Bitte eine gültige E-Mail-Adresse angeben (z. B. name@stadt.de)." }
        func same(_ x: String, _ y: String) -> Bool { x.lowercased().split(whereSeparator: \.isWhitespace) == y.lowercased().split(whereSeparator: \.isWhitespace) }
        if f.errors.isEmpty, directory.contains(where: {
            $0.id != editing && same($0.name, f.name) && same($0.responsibility, f.responsibility)
        }) {
            f.errors["name"] = "\(f.name) ist für diese Zuständigkeit schon eingetragen."
        }
        return f
    }

    /// Something@domain.tld without spaces: enough to catch "@", "foo@" and typos, not a full RFC 5322 parser.
    /// An address of the plain form name@domain.tld: the local part of RFC 5322's "atext" and dots, the domain of
    /// letters, digits and hyphens (QA of 05.12.2026: "javascript:alert(1)//@x.de" passed).
    static func isEmailAddress(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard s.count <= 200, parts.count == 2, !parts[0].isEmpty, !s.contains(where: \.isWhitespace) else { return false }
        let atext = Set("!#$%&'*+-/=?^_`{|}~.")
        guard parts[0].allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || atext.contains($0) }),
              !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !parts[0].contains("..") else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }
            && (labels.last?.count ?? 0) >= 2
    }

    @Sendable func removeContact(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .maintainAuthorityRecords(authority: a.organisationID)) else { throw AppError.forbidden }
        let form = try await Form.checked(request, context: context)
        guard try await services.cooperation.removeContact(id: try context.parameters.require("id"), authority: a.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/contacts")
    }
}
