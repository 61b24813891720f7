import Counseling
import Foundation
import Hummingbird
import Storage

/// A client's contact data over the API, as the contact form keeps them (the API carried none): read and written
/// only by those who may write the file, each read and write audited as `client_contact`.
extension APIRoutes {
    static let contactFields = ["salutation", "phone", "email", "address", "language"]

    static func contactObject(_ c: ClientContact) -> [String: Any] {
        ["salutation": c.salutation?.rawValue ?? NSNull(), "phone": c.phone, "email": c.email, "address": c.address, "language": c.language]
    }

    @Sendable func contact(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await clientRoutes.loadClient(context, write: true)
        guard let contact = try await services.clients.contact(clientID: c.id, organisation: c.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.json(try json(Self.contactObject(contact)))
    }

    /// Replaces the whole contact (a field left out is cleared; `{}` clears all). 422 names each field that is wrong.
    @Sendable func replaceContact(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await clientRoutes.loadClient(context, write: true)
        try checkWrite(request, context)
        let o = try Self.object(try await body(request, context))
        var errors: [String: String] = [:]
        for key in o.keys where !Self.contactFields.contains(key) {
            errors[key] = "unknown field '\(key)' (expected one of: \(Self.contactFields.joined(separator: ", ")))"
        }
        func text(_ key: String) -> String {
            guard let v = o[key], !(v is NSNull) else { return "" }
            guard let s = v as? String else { errors[key] = "expected a string"; return "" }
            return s.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var salutation: ClientContact.Salutation? = nil
        let said = text("salutation")
        if !said.isEmpty {
            salutation = ClientContact.Salutation(rawValue: said)
            if salutation == nil { errors["salutation"] = "expected one of frau, herr, none (or null), found '\(said.prefix(40))'" }
        }
        let contact = ClientContact(salutation: salutation, phone: text("phone"), email: text("email"), address: text("address"), language: text("language"))
        errors.merge(contact.problems(english: true)) { first, _ in first }
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        guard try await services.clients.setContact(clientID: c.id, organisation: c.organisationID, contact, audit: services.audit(a)) else { throw AppError.notFound }
        return Reply.json(try json(Self.contactObject(contact)))
    }
}
