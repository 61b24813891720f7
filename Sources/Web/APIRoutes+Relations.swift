import Counseling
import Foundation
import Hummingbird
import Storage

/// A client's family relations over the API, as the client page links them (QA20 M6: an integration could write facts
/// and status, but not say who is whose spouse or child, on which the family routes rest).
extension APIRoutes {
    /// The relation as seen from `client`: what the other person is to them.
    static func role(_ r: ClientRelation, of client: String) -> String {
        switch r.kind {
        case .spouse: "spouse"
        case .registeredPartner: "registered_partner"
        case .cohabiting: "cohabiting"
        case .parent: r.from == client ? "child" : "parent"
        }
    }

    @Sendable func relations(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await clientRoutes.loadClient(context)
        try await services.clients.recordRead(clientID: c.id, entity: "relations", audit: services.audit(a))
        let (members, _, relations) = try await clientRoutes.family(c)
        let together = Set(members.map(\.id))
        let items = relations.filter { $0.from == c.id || $0.to == c.id }.map { r -> [String: Any] in
            let other = r.from == c.id ? r.to : r.from
            return ["id": r.id ?? "", "kind": Self.role(r, of: c.id), "client_id": other, "same_household": together.contains(other)]
        }
        return try Reply.items(items)
    }

    /// `{"kind": "spouse|registered_partner|cohabiting|child|parent", "client_id": "…", "same_household": true}`: what
    /// the other client is to this one. Refused as the page refuses it (one spouse, age, an existing link), 422.
    @Sendable func addRelation(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await clientRoutes.loadClient(context, write: true)
        try checkWrite(request, context)
        let text = try await body(request, context)
        let o = try Self.object(text)
        var errors: [String: String] = [:]
        for key in o.keys where !["kind", "client_id", "same_household"].contains(key) { errors[key] = "unknown field '\(key)' (expected one of: client_id, kind, same_household)" }
        let kind = o["kind"] as? String, otherID = o["client_id"] as? String
        if kind.map({ !["spouse", "registered_partner", "cohabiting", "child", "parent"].contains($0) }) ?? true {
            errors["kind"] = kind.map { "expected one of spouse, registered_partner, cohabiting, child, parent, found '\($0)'" } ?? (o["kind"] == nil ? "required" : "expected a string: spouse, registered_partner, cohabiting, child or parent")
        }
        // A JSON boolean only (1 is not true; QA20, as allow_duplicate).
        let together = o["same_household"].flatMap { v in type(of: v) == type(of: NSNumber(value: true)) ? (v as? Bool) : nil }
        if o["same_household"] != nil, together == nil { errors["same_household"] = "expected true or false" }
        var other: Client? = nil
        if let otherID {
            other = try await services.clients.client(id: otherID, organisation: c.organisationID)
            if other == nil { errors["client_id"] = "no client of this organisation" } else if otherID == c.id { errors["client_id"] = "a client cannot be related to themselves" }
        } else { errors["client_id"] = o["client_id"] == nil ? "required" : "expected a string: a client's id" }
        guard errors.isEmpty, let kind, let other else { throw AppError.invalid(errors) }
        let relation: ClientRelation = switch kind {
        case "spouse": ClientRelation(kind: .spouse, from: c.id, to: other.id)
        case "registered_partner": ClientRelation(kind: .registeredPartner, from: c.id, to: other.id)
        case "cohabiting": ClientRelation(kind: .cohabiting, from: c.id, to: other.id)
        case "child": ClientRelation(kind: .parent, from: c.id, to: other.id)
        default: ClientRelation(kind: .parent, from: other.id, to: c.id)
        }
        switch try await services.clients.link(relation, organisation: c.organisationID, sameHousehold: together ?? false, today: services.today, audit: services.audit(a)) {
        case .linked:
            let (_, _, relations) = try await clientRoutes.family(c)
            let id = relations.first { $0.kind == relation.kind && $0.from == relation.from && $0.to == relation.to }?.id ?? ""
            return Reply.json(try json(["id": id, "kind": kind, "client_id": other.id]), status: .created)
        case .notFound: throw AppError.notFound
        case .refused(let why): throw AppError.invalid(["kind": why.english])
        }
    }

    /// Leaves the household, as the client page's "Haushalt verlassen": a relation removed keeps a household formed with
    /// it (people may live together unrelated), which the family rules count (QA30 F2: the API could not undo it).
    @Sendable func leaveHousehold(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await clientRoutes.loadClient(context, write: true)
        try checkWrite(request, context)
        guard c.householdID != nil else { return Response(status: .noContent) }
        guard try await services.clients.leaveHousehold(clientID: c.id, organisation: c.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return Response(status: .noContent)
    }

    @Sendable func removeRelation(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await clientRoutes.loadClient(context, write: true)
        try checkWrite(request, context)
        let rid = try context.parameters.require("relation")
        guard try await services.clients.unlink(relationID: rid, clientID: c.id, organisation: c.organisationID, audit: services.audit(a)) else { throw AppError.notFound }
        return Response(status: .noContent)
    }
}
