import Eligibility

/// What a user may do, as pure functions: every route and every query asks these (least privilege per role and
/// tenant). An authority sees no client of a counseling service here; disclosure under consent comes later.
public enum Permission: Sendable, Hashable {
    case listClients
    case createClient
    case readClient(ownerOrganisation: String)
    case writeClient(ownerOrganisation: String)
    case readAudit(ownerOrganisation: String)
    /// The review of the accesses of an organisation's own staff (Art. 32 DSGVO): a service's coordination of its
    /// counselors, an authority's lead of its clerks' disclosures (QA43 A6: nobody at the authority could see them).
    case reviewAccesses(organisation: String)
    /// Erasing a client's file for good (Art. 17 DSGVO): the service's coordination.
    case eraseClient(ownerOrganisation: String)
    case manageUsers(organisation: String)
    case readOrganisation(String)
    /// Recording or revoking a client's consent: part of the client file.
    case manageConsent(ownerOrganisation: String)
    /// Correcting a recorded counseling session: its author, or the service's coordination.
    case correctSession(ownerOrganisation: String, author: String)
    /// The authority refers a person to a service it cooperates with.
    case refer(toService: String, cooperating: Bool)
    /// The service accepts or declines a referral addressed to it.
    case decideReferral(service: String)
    /// The authority's own records kept for the cooperation: its contact directory and quarterly statistics.
    case maintainAuthorityRecords(authority: String)
    case readContacts(authority: String, cooperating: Bool)
    /// The authority's shared case view (what is shown is decided by consent, per client, at that moment).
    case viewShared(recipient: String)
    /// The service's own counseling report (exact figures inside the service).
    case readServiceReports(organisation: String)
    /// The cooperation's indicators (suppressed aggregates): the service's coordination and the partner authority.
    case readCooperationReports(organisation: String)
    /// The quarterly meetings of the actor's cooperation: both sides' staff take part.
    case attendMeetings(organisation: String)
    case scheduleMeetings(organisation: String)
    /// Correcting or deleting a meeting: the service's coordination and the authority's lead, not every clerk.
    case manageMeetings(organisation: String)
    /// Fachberatung records and the knowledge base are the service's; partners of the same city read the articles.
    case recordAdvice(organisation: String)
    case readKnowledge(sameCity: Bool)
    /// Send a Fachberatung request to a counseling service (of the volunteer's city).
    case askForAdvice(sameCity: Bool)
    /// The Land's overview: per counseling service of the actor's Land, suppressed counts only. The services'
    /// coordination and the state-wide coordination; not an authority, whose part is its own city's cooperation
    /// (least privilege: it has no need of other cities' services' figures).
    case readLandOverview
    /// Screening a population list: the authority's staff and the service's coordination, each in their own tenant.
    case screenPopulations(organisation: String)
    /// Screening a population list for its figures only (summary, chart, reasons; no result per person, no outreach
    /// list): the Land coordination, whose role sees figures, not persons (QA35 F4).
    case screenPopulationFigures(organisation: String)
}

public enum Policy {
    public static func allows(_ actor: Actor, _ permission: Permission) -> Bool {
        switch permission {
        case .listClients, .createClient:
            return worksOnCases(actor)
        case .readClient(let owner), .writeClient(let owner):
            return worksOnCases(actor) && owner == actor.organisationID
        case .readAudit(let owner), .eraseClient(let owner):
            return actor.role == .coordinator && owner == actor.organisationID
        case .reviewAccesses(let org):
            return (actor.role == .coordinator && actor.organisationKind == .counselingService
                    || actor.role == .authorityLead && actor.organisationKind == .authority) && org == actor.organisationID
        case .manageUsers(let org):
            return (actor.role == .coordinator || actor.role == .authorityLead) && org == actor.organisationID
        case .readOrganisation(let org):
            return org == actor.organisationID
        case .correctSession(let owner, let author):
            return worksOnCases(actor) && owner == actor.organisationID && (author == actor.userID || actor.role == .coordinator)
        case .manageConsent(let owner):
            return worksOnCases(actor) && owner == actor.organisationID
        case .refer(_, let cooperating):
            return isAuthorityStaff(actor) && cooperating
        case .decideReferral(let service):
            return worksOnCases(actor) && service == actor.organisationID
        case .maintainAuthorityRecords(let authority):
            return isAuthorityStaff(actor) && authority == actor.organisationID
        case .readContacts(let authority, let cooperating):
            return isAuthorityStaff(actor) && authority == actor.organisationID || worksOnCases(actor) && cooperating
        case .viewShared(let recipient):
            return isAuthorityStaff(actor) && recipient == actor.organisationID
        case .readServiceReports(let org):
            return actor.role == .coordinator && actor.organisationKind == .counselingService && org == actor.organisationID
        case .readCooperationReports(let org), .scheduleMeetings(let org), .screenPopulations(let org):
            return (actor.role == .coordinator || isAuthorityStaff(actor)) && org == actor.organisationID
        case .recordAdvice(let org):
            return worksOnCases(actor) && org == actor.organisationID
        case .readKnowledge(let sameCity):
            return worksOnCases(actor) || actor.role == .volunteer && sameCity
        case .askForAdvice(let sameCity):
            return actor.role == .volunteer && sameCity
        case .screenPopulationFigures(let org):
            return allows(actor, .screenPopulations(organisation: org))
                || actor.role == .landCoordinator && actor.organisationKind == .landCoordination && org == actor.organisationID
        case .readLandOverview:
            return actor.role == .coordinator && actor.organisationKind == .counselingService
                || actor.role == .landCoordinator && actor.organisationKind == .landCoordination
        case .manageMeetings(let org):
            return (actor.role == .coordinator || actor.role == .authorityLead) && org == actor.organisationID
        case .attendMeetings(let org):
            return (worksOnCases(actor) || isAuthorityStaff(actor)) && org == actor.organisationID
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

    static func isAuthorityStaff(_ actor: Actor) -> Bool {
        actor.organisationKind == .authority && (actor.role == .authorityClerk || actor.role == .authorityLead)
    }

    /// The organisations `organisation` cooperates with on `day` (a service's authorities, an authority's services).
    public static func partners(of organisation: String, cooperations: [Cooperation], on day: Day) -> Set<String> {
        var out: Set<String> = []
        for c in cooperations where c.isActive(on: day) {
            if c.serviceID == organisation { out.insert(c.authorityID) }
            if c.authorityID == organisation { out.insert(c.serviceID) }
        }
        return out
    }

    /// The roles a user manager may give: only roles of the manager's own kind of organisation.
    public static func assignableRoles(by actor: Actor) -> [Role] {
        guard actor.role == .coordinator || actor.role == .authorityLead else { return [] }
        return Role.allCases.filter { $0.organisationKind == actor.organisationKind }
    }
}
