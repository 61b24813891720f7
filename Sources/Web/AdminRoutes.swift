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
            (.post, "/users/{id}/deactivate", deactivate),
        ]
    }

    func manager(_ context: BleibeContext) throws -> Actor {
        let a = try context.requireActor()
        guard Policy.allows(a, .manageUsers(organisation: a.organisationID)) else { throw AppError.forbidden }
        return a
    }

    @Sendable func users(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        let list = try await services.accounts.users(organisation: a.organisationID)
        return Reply.html(AdminPages.users(frame: context.frame("Benutzer:innen", current: "users"), users: list, roles: Policy.assignableRoles(by: a), form: .init()))
    }

    @Sendable func create(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        let form = try await Form.checked(request, context: context)
        var f = AdminPages.UserForm()
        f.email = form.trimmed("email").lowercased(); f.displayName = form.trimmed("display_name"); f.role = form.trimmed("role")
        let password = form["password"] ?? ""
        if f.displayName.isEmpty || f.displayName.count > 100 { f.errors["display_name"] = "Bitte einen Namen angeben (höchstens 100 Zeichen)." }
        let emailOK = f.email.count <= 200 && f.email.range(of: #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#, options: .regularExpression) != nil
        if !emailOK { f.errors["email"] = "Bitte eine gültige E-Mail-Adresse angeben." }
        if let p = Credentials.problem(with: password, email: f.email, name: f.displayName) { f.errors["password"] = p }
        let role = Role(rawValue: f.role)
        if role == nil || !Policy.assignableRoles(by: a).contains(role!) { f.errors["role"] = "Diese Rolle kann nicht vergeben werden." }
        let list = try await services.accounts.users(organisation: a.organisationID)
        guard f.errors.isEmpty, let role else {
            return Reply.html(AdminPages.users(frame: context.frame("Benutzer:innen", current: "users"), users: list, roles: Policy.assignableRoles(by: a), form: f), status: .unprocessableContent)
        }
        let hash = try await Credentials.hash(password, cost: services.config.bcryptCost)
        let user = User(id: Credentials.newID(), organisationID: a.organisationID, email: f.email, displayName: f.displayName, role: role)
        do {
            try await services.accounts.createUser(user, passwordHash: hash, now: services.timestamp())
        } catch StorageError.conflict {
            f.errors["email"] = "Diese E-Mail-Adresse ist bereits vergeben."
            return Reply.html(AdminPages.users(frame: context.frame("Benutzer:innen", current: "users"), users: list, roles: Policy.assignableRoles(by: a), form: f), status: .conflict)
        }
        return Reply.redirect("/users")
    }

    @Sendable func deactivate(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try manager(context)
        let form = try await Form.checked(request, context: context)
        let id = try context.parameters.require("id")
        guard id != a.userID else { throw AppError.badRequest("Sie können Ihr eigenes Konto nicht deaktivieren.") }
        guard try await services.accounts.setActive(userID: id, organisation: a.organisationID, active: false) else { throw AppError.notFound }
        services.sessions.dropUser(id)
        return Reply.redirect("/users")
    }
}
