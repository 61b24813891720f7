/// What a user may do, as pure functions: every route and every query asks these (least privilege per role and
/// tenant). An authority sees no client of a counseling service here; disclosure under consent comes later.
public enum Permission: Sendable, Hashable {
    case listClients
    case createClient
    case readClient(ownerOrganisation: String)
    case writeClient(ownerOrganisation: String)
    case readAudit(ownerOrganisation: String)
    case manageUsers(organisation: String)
    case readOrganisation(String)
}

public enum Policy {
    public static func allows(_ actor: Actor, _ permission: Permission) -> Bool {
        switch permission {
        case .listClients, .createClient:
            return worksOnCases(actor)
        case .readClient(let owner), .writeClient(let owner):
            return worksOnCases(actor) && owner == actor.organisationID
        case .readAudit(let owner):
            return actor.role == .coordinator && owner == actor.organisationID
        case .manageUsers(let org):
            return (actor.role == .coordinator || actor.role == .authorityLead) && org == actor.organisationID
        case .readOrganisation(let org):
            return org == actor.organisationID
        }
    }

    /// The organisation whose clients a query may return for this actor; nil means none at all.
    public static func clientScope(_ actor: Actor) -> String? {
        worksOnCases(actor) ? actor.organisationID : nil
    }

    /// Counselors and coordinators of a counseling service work on the service's cases.
    static func worksOnCases(_ actor: Actor) -> Bool {
        actor.organisationKind == .counselingService && (actor.role == .counselor || actor.role == .coordinator)
    }

    /// The roles a user manager may give: only roles of the manager's own kind of organisation.
    public static func assignableRoles(by actor: Actor) -> [Role] {
        guard actor.role == .coordinator || actor.role == .authorityLead else { return [] }
        return Role.allCases.filter { $0.organisationKind == actor.organisationKind }
    }
}
