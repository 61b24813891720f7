import Counseling
import Foundation
import Hummingbird
import Storage
import Views

/// Coordinators (and the authority's lead) manage their own organisation's users.
struct AdminRoutes {
    let services: AppServices

    /// Every route of this group: registered from this table and walked by the authorization test.
    var endpoints: [Endpoint] {
        [
            (.get, "/users", users),
            (.post, "/users", create),
            (.get, "/users/{id}/deactivate", deactivatePage),
            (.post, "/users/{id}/deactivate", deactivate),
            (.post, "/users/{id}/activate", activate),
            (.get, "/users/{id}/access", accessPage),
            (.post, "/organisation/address", saveAddress),
            (.post, "/users/{id}/role", changeRole),
            (.post, "/users/{id}/reset", resetAccess),
            (.get, "/access-review", accessReview),
        ]
    }

    func manager(_ context: BleibeContext) throws -> Actor {
        let a = try context.requireActor()
        guard Policy.allows(a, .manageUsers(organisation: a.organisationID)) else { throw AppError.forbidden }
        return a
    }

    @Sendable func users(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        // After creating an account (QA42 coordination #10: the list came back without a word); its name is read
        // from the organisation's own users, the address carries only the id.
        return try await usersPage(context, a, form: .init(), createdID: request.uri.queryParameters["angelegt"].map(String.init))
    }

    /// The users of the organisation with their open work, and the form for a new account.
    func usersPage(_ context: BleibeContext, _ a: Actor, form: AdminPages.UserForm, createdID: String? = nil, address typed: String? = nil,
                   addressError: String? = nil, addressSaved: Bool = false, status: HTTPResponse.Status = .ok) async throws -> Response {
        let list = try await services.accounts.users(organisation: a.organisationID)
        let held = try await services.accounts.assignmentCounts(organisation: a.organisationID, from: services.moment)
        let kept = try await services.accounts.organisation(a.organisationID)?.postalAddress ?? ""
        return Reply.html(AdminPages.users(frame: context.frame("Benutzer:innen", current: "users"), users: list, roles: Policy.assignableRoles(by: a),
                                           form: form, created: createdID.flatMap { id in list.first { $0.id == id }?.displayName }, held: held, me: a.userID, address: typed ?? kept, addressError: addressError,
                                           addressSaved: addressSaved, showAccessReview: Policy.allows(a, .reviewAccesses(organisation: a.organisationID))), status: status)
    }

    /// The organisation's postal address, for letters.
    @Sendable func saveAddress(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        let form = try await Form.checked(request, context: context)
        let address = (form["postal_address"] ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = Organisation.addressProblem(address) {
            return try await usersPage(context, a, form: .init(), address: address, addressError: problem, status: .unprocessableContent)
        }
        try await services.accounts.setPostalAddress(organisation: a.organisationID, address, audit: services.audit(a))
        return try await usersPage(context, a, form: .init(), addressSaved: true)
    }

    @Sendable func create(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        let form = try await Form.checked(request, context: context)
        var f = AdminPages.UserForm()
        f.email = form.trimmed("email").lowercased(); f.displayName = form.trimmed("display_name"); f.role = form.trimmed("role")
        let password = form["password"] ?? ""
        if f.displayName.isEmpty || f.displayName.count > 100 { f.errors["display_name"] = "Bitte einen Namen angeben (höchstens 100 Zeichen)." }
        // A login name in plain ASCII: no markup, no invisible characters that make two logins look alike.
        let emailOK = f.email.count <= 200 && f.email.range(of: #"^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$"#, options: .regularExpression) != nil
        if !emailOK { f.errors["email"] = "Bitte eine gültige E-Mail-Adresse angeben." }
        if let p = Credentials.problem(with: password, email: f.email, name: f.displayName) { f.errors["password"] = p }
        let role = Role(rawValue: f.role)
        if role == nil || !Policy.assignableRoles(by: a).contains(role!) { f.errors["role"] = "Diese Rolle kann nicht vergeben werden." }
        guard f.errors.isEmpty, let role else {
            return try await usersPage(context, a, form: f, status: .unprocessableContent)
        }
        let hash = try await Credentials.hash(password, cost: services.config.bcryptCost)
        let user = User(id: Credentials.newID(), organisationID: a.organisationID, email: f.email, displayName: f.displayName, role: role)
        do {
            try await services.accounts.createUser(user, passwordHash: hash, now: services.timestamp(), mustChangePassword: true, audit: services.audit(a))
        } catch StorageError.conflict {
            // Login addresses are unique over all organisations, so a refusal tells that an address is in use somewhere:
            // each is recorded and a few per window are answered, so that no one lists another organisation's staff by
            // guessing (QA34 S2). An address of one's own organisation is named as such (its list shows it anyway).
            try await services.accounts.recordRefusedAddress(audit: services.audit(a))
            let now = services.now()
            guard try await services.accounts.beginAttempt(key: "address-taken:\(a.userID)", at: services.timestamp(now),
                                                           since: services.timestamp(now.addingTimeInterval(-services.config.throttleWindow)),
                                                           limit: services.config.throttleLimit) != nil else {
                throw AppError.tooManyRequests("Zu viele bereits vergebene Adressen nacheinander. Bitte warten Sie 15 Minuten.")
            }
            let own = try await services.accounts.account(email: f.email)?.user.organisationID == a.organisationID
            f.errors["email"] = own ? "Diese E-Mail-Adresse hat bereits ein Konto Ihrer Organisation." : "Diese E-Mail-Adresse kann nicht verwendet werden. Bitte eine andere angeben."
            return try await usersPage(context, a, form: f, status: .conflict)
        }
        return Reply.redirect("/users?angelegt=\(user.id)")
    }

    /// The user `id` of the manager's organisation, never the manager: no one deactivates, resets or re-roles
    /// themselves (their own password is changed on the account page).
    func other(_ context: BleibeContext, _ a: Actor) async throws -> User {
        let id = try context.parameters.require("id")
        guard id != a.userID else { throw AppError.badRequest("Ihr eigenes Konto verwalten Sie unter „Konto“, nicht hier.") }
        guard let user = try await services.user(id, of: a.organisationID) else { throw AppError.notFound }
        return user
    }

    @Sendable func deactivatePage(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        let user = try await other(context, a)
        return try await handoverPage(context, a, user, form: .init(), status: .ok)
    }

    func handoverPage(_ context: BleibeContext, _ a: Actor, _ user: User, form: AdminPages.DeactivateForm, status: HTTPResponse.Status) async throws -> Response {
        let held = try await services.accounts.assignments(userID: user.id, organisation: a.organisationID, from: services.moment)
        let title = user.active ? "Konto deaktivieren" : "Arbeit übergeben"
        // The list names the clients of the cases and appointments handed over: a read in each one's trail (QA34 S3).
        let named = Set(held.cases.map(\.clientID) + held.appointments.map(\.clientID))
        try await services.clients.recordList("deactivation_list", shown: named.sorted(), audit: services.audit(a))
        return Reply.html(AdminPages.deactivate(frame: context.frame(title, current: "users"), user: user, cases: held.cases.map { (id: $0.id, client: $0.client) },
                                                appointments: held.appointments, appointmentClients: held.appointmentClients,
                                                successors: try await successors(a, leaving: user), form: form), status: status)
    }

    /// Who may take over a leaving user's work: the organisation's active counselors and coordinators but the user.
    func successors(_ a: Actor, leaving user: User) async throws -> [(id: String, name: String)] {
        try await services.caseWorkers(a.organisationID).filter { $0.id != user.id }.map { (id: $0.id, name: $0.displayName) }
    }

    /// Deactivates the user and hands their open cases and upcoming appointments to the chosen colleagues (one for all,
    /// or one per case), in one transaction; the work of a user deactivated earlier is handed over the same way.
    @Sendable func deactivate(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        let form = try await Form.checked(request, context: context)
        let user = try await other(context, a)
        var f = AdminPages.DeactivateForm()
        f.successor = form.trimmed("successor")
        // A case's own choice; one naming a case the user no longer holds is left aside by the store.
        let prefix = AdminPages.DeactivateForm.caseField("")
        for key in form.values.keys where key.hasPrefix(prefix) {
            let chosen = form.trimmed(key)
            if !chosen.isEmpty { f.perCase[String(key.dropFirst(prefix.count))] = chosen }
        }
        // Each choice is checked at its field; the store checks again in its transaction.
        let valid = Set(try await successors(a, leaving: user).map(\.id))
        let invalid = "Bitte eine aktive Beraterin, einen aktiven Berater oder eine Koordination Ihrer Organisation wählen."
        if !f.successor.isEmpty, !valid.contains(f.successor) { f.errors["successor"] = invalid }
        for (caseID, chosen) in f.perCase where !valid.contains(chosen) { f.errors["case-\(caseID)"] = invalid }
        if !f.errors.isEmpty { return try await handoverPage(context, a, user, form: f, status: .unprocessableContent) }

        let plan = AccountStore.HandoverPlan(successor: f.successor.isEmpty ? nil : f.successor, perCase: f.perCase)
        switch try await services.accounts.deactivate(userID: user.id, organisation: a.organisationID, plan: plan, from: services.moment, audit: services.audit(a)) {
        case .done:
            services.sessions.dropUser(user.id)
            return Reply.redirect("/users")
        case .unknownUser:
            throw AppError.notFound
        case .successorRequired:
            f.errors["successor"] = f.perCase.isEmpty ? "Bitte wählen Sie, wer die offenen Fälle und Termine übernimmt."
                : "Bitte wählen Sie, wer die übrigen Fälle und Termine übernimmt (die unten keiner anderen Person gegeben sind)."
        case .invalidSuccessor:
            f.errors["successor"] = invalid
        case .clashes(let list):
            f.clashes = list
            f.errors["successor"] = "Die übernehmende Person hat zu \(list.count == 1 ? "einem dieser Termine" : "\(list.count) dieser Termine") bereits einen Termin."
        }
        return try await handoverPage(context, a, user, form: f, status: .unprocessableContent)
    }

    @Sendable func activate(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        _ = try await Form.checked(request, context: context)
        let user = try await other(context, a)
        guard try await services.accounts.setActive(userID: user.id, organisation: a.organisationID, active: true, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.redirect("/users")
    }

    // MARK: Role and access

    @Sendable func accessPage(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        return try await accessReply(context, a, try await other(context, a), form: .init(), status: .ok)
    }

    func accessReply(_ context: BleibeContext, _ a: Actor, _ user: User, form: AdminPages.AccessForm, status: HTTPResponse.Status) async throws -> Response {
        let names = Dictionary(try await services.accounts.users(organisation: a.organisationID).map { ($0.id, $0.displayName) }) { x, _ in x }
        let events = try await services.accounts.accountEvents(userID: user.id).map { (at: $0.at, by: names[$0.userID] ?? "andere Organisation", action: $0.action) }
        return Reply.html(AdminPages.access(frame: context.frame("Rolle und Zugang", current: "users"), user: user, roles: Policy.assignableRoles(by: a),
                                            form: form, events: events), status: status)
    }

    @Sendable func changeRole(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        let form = try await Form.checked(request, context: context)
        let user = try await other(context, a)
        var f = AdminPages.AccessForm()
        f.role = form.trimmed("role")
        guard let role = Role(rawValue: f.role), Policy.assignableRoles(by: a).contains(role) else {
            f.errors["role"] = "Diese Rolle kann nicht vergeben werden."
            return try await accessReply(context, a, user, form: f, status: .unprocessableContent)
        }
        switch try await services.accounts.changeRole(userID: user.id, organisation: a.organisationID, to: role, from: services.moment, audit: services.audit(a)) {
        case .unknownUser: throw AppError.notFound
        case .holdsWork:
            f.errors["role"] = "\(user.displayName) hat noch offene Fälle oder Termine, die diese Rolle nicht halten kann. Bitte zuerst übergeben."
            return try await accessReply(context, a, user, form: f, status: .unprocessableContent)
        case .done:
            services.sessions.dropUser(user.id)
            var changed = user
            changed.role = role
            f.done = role == user.role ? "Die Rolle ist unverändert." : "Die Rolle ist jetzt „\(role.german)“. Laufende Anmeldungen sind beendet."
            return try await accessReply(context, a, changed, form: f, status: .ok)
        }
    }

    /// A new initial password and/or the removal of the second factor, for a colleague locked out.
    @Sendable func resetAccess(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        let form = try await Form.checked(request, context: context)
        let user = try await other(context, a)
        var f = AdminPages.AccessForm()
        f.resetPassword = form["reset_password"] == "on"
        f.resetSecondFactor = form["reset_totp"] == "on" && user.role.isStaff
        let password = form["password"] ?? ""
        if !f.resetPassword && !f.resetSecondFactor {
            f.errors["reset"] = "Bitte wählen Sie, was zurückgesetzt werden soll."
        } else if f.resetPassword, let p = Credentials.problem(with: password, email: user.email, name: user.displayName) {
            f.errors["password"] = p
        } else if !f.resetPassword, !password.isEmpty {
            f.errors["password"] = "Ein Passwort wird nur mit „Neues vorläufiges Passwort vergeben“ gesetzt."
        }
        guard f.errors.isEmpty else { return try await accessReply(context, a, user, form: f, status: .unprocessableContent) }
        let hash = f.resetPassword ? try await Credentials.hash(password, cost: services.config.bcryptCost) : nil
        guard try await services.accounts.resetAccess(userID: user.id, organisation: a.organisationID, passwordHash: hash,
                                                      secondFactor: f.resetSecondFactor, audit: services.audit(a)) else { throw AppError.notFound }
        services.sessions.dropUser(user.id)
        var done = AdminPages.AccessForm()
        done.done = [f.resetPassword ? "Das vorläufige Passwort ist gesetzt; \(user.displayName) muss es bei der nächsten Anmeldung ändern." : nil,
                     f.resetSecondFactor ? "Der zweite Faktor ist zurückgesetzt und wird bei der nächsten Anmeldung neu eingerichtet." : nil,
                     "Alle Anmeldungen, API-Tokens und die Kalender-Adresse sind beendet."].compactMap { $0 }.joined(separator: " ")
        return try await accessReply(context, a, user, form: done, status: .ok)
    }
}
