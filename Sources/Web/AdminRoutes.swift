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
        ]
    }

    func manager(_ context: BleibeContext) throws -> Actor {
        let a = try context.requireActor()
        guard Policy.allows(a, .manageUsers(organisation: a.organisationID)) else { throw AppError.forbidden }
        return a
    }

    @Sendable func users(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        return try await usersPage(context, a, form: .init())
    }

    /// The users of the organisation with their open work, and the form for a new account.
    func usersPage(_ context: BleibeContext, _ a: Actor, form: AdminPages.UserForm, status: HTTPResponse.Status = .ok) async throws -> Response {
        let list = try await services.accounts.users(organisation: a.organisationID)
        let held = try await services.accounts.assignmentCounts(organisation: a.organisationID, from: services.today)
        return Reply.html(AdminPages.users(frame: context.frame("Benutzer:innen", current: "users"), users: list, roles: Policy.assignableRoles(by: a),
                                           form: form, held: held, me: a.userID), status: status)
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
            try await services.accounts.createUser(user, passwordHash: hash, now: services.timestamp())
        } catch StorageError.conflict {
            f.errors["email"] = "Diese E-Mail-Adresse ist bereits vergeben."
            return try await usersPage(context, a, form: f, status: .conflict)
        }
        return Reply.redirect("/users")
    }

    /// The user `id` of the manager's organisation, never the manager: no one deactivates themselves.
    func other(_ context: BleibeContext, _ a: Actor) async throws -> User {
        let id = try context.parameters.require("id")
        guard id != a.userID else { throw AppError.badRequest("Sie können Ihr eigenes Konto nicht deaktivieren.") }
        guard let user = try await services.user(id, of: a.organisationID) else { throw AppError.notFound }
        return user
    }

    @Sendable func deactivatePage(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        let user = try await other(context, a)
        return try await handoverPage(context, a, user, form: .init(), status: .ok)
    }

    func handoverPage(_ context: BleibeContext, _ a: Actor, _ user: User, form: AdminPages.DeactivateForm, status: HTTPResponse.Status) async throws -> Response {
        let held = try await services.accounts.assignments(userID: user.id, organisation: a.organisationID, from: services.today)
        let successors = try await services.caseWorkers(a.organisationID).filter { $0.id != user.id }.map { (id: $0.id, name: $0.displayName) }
        let title = user.active ? "Konto deaktivieren" : "Arbeit übergeben"
        return Reply.html(AdminPages.deactivate(frame: context.frame(title, current: "users"), user: user, cases: held.cases.map { (id: $0.id, client: $0.client) },
                                                appointments: held.appointments, successors: successors, form: form), status: status)
    }

    /// Deactivates the user and hands their open cases and upcoming appointments to the chosen colleague, in one
    /// transaction; the work of a user deactivated earlier is handed over the same way.
    @Sendable func deactivate(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        let form = try await Form.checked(request, context: context)
        let user = try await other(context, a)
        var f = AdminPages.DeactivateForm()
        f.successor = form.trimmed("successor")
        let outcome = try await services.accounts.deactivate(userID: user.id, organisation: a.organisationID, successor: f.successor.isEmpty ? nil : f.successor,
                                                             from: services.today, audit: services.audit(a))
        switch outcome {
        case .done:
            services.sessions.dropUser(user.id)
            return Reply.redirect("/users")
        case .unknownUser:
            throw AppError.notFound
        case .successorRequired:
            f.errors["successor"] = "Bitte wählen Sie, wer die offenen Fälle und Termine übernimmt."
        case .invalidSuccessor:
            f.errors["successor"] = "Bitte eine aktive Beraterin, einen aktiven Berater oder eine Koordination Ihrer Organisation wählen."
        case .clashes(let list):
            f.clashes = list
            f.errors["successor"] = "Die gewählte Person hat zu \(list.count == 1 ? "einem dieser Termine" : "\(list.count) dieser Termine") bereits einen Termin."
        }
        return try await handoverPage(context, a, user, form: f, status: .unprocessableContent)
    }

    @Sendable func activate(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        _ = try await Form.checked(request, context: context)
        let user = try await other(context, a)
        guard try await services.accounts.setActive(userID: user.id, organisation: a.organisationID, active: true) else { throw AppError.notFound }
        return Reply.redirect("/users")
    }
}
