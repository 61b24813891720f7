import Counseling
import Eligibility

/// A user of the demo site with the credentials to sign in.
public struct DemoUser: Sendable, Hashable {
    public var user: User
    /// The plain demo password (the same for every demo user: `DemoSite.password`).
    public var password: String
    /// The TOTP secret, base32 (RFC 4648, no padding), for RFC 6238 codes (SHA-1, 6 digits, 30 s).
    public var totpSecret: String

    public init(user: User, password: String, totpSecret: String) {
        self.user = user; self.password = password; self.totpSecret = totpSecret
    }
}

/// A complete, fictional demo site: two cities in Saxony, their organisations and users, and the clients of the
/// two counseling services with the facts the engine reads. Every name is invented; nothing describes a real
/// person. The same seed and day always give the same site (ids, names, facts).
///
/// * Elbstadt: the counseling service "Beratungsstelle Perspektive Bleiberecht Elbstadt", the authority
///   "Ausländerbehörde Elbstadt" (cooperation 01.01.2024 – 31.12.2026) and the partner "Ehrenamtsnetz Elbstadt";
///   about 300 clients from 29 countries.
/// * Muldenau: the counseling service "Beratungsstelle Muldenau" with about 20 clients, to show that tenants
///   are kept apart.
///
/// The logins are listed in `DemoLogins.all`; all share `DemoSite.password`.
public struct DemoSite: Sendable {
    public var organisations: [Organisation]
    public var cooperations: [Cooperation]
    public var users: [DemoUser]
    /// The clients of both services; `facts.status` is never empty; members of a family share a `householdID`.
    public var clients: [Client]
    /// Spouse relations between the parents and a parent relation from each parent to each child, within households.
    public var relations: [ClientRelation]
    /// Cases, sessions, referrals, consents and the authority's contacts of the Elbstadt cooperation.
    public var work: DemoCaseWork

    public init(organisations: [Organisation], cooperations: [Cooperation], users: [DemoUser], clients: [Client],
                relations: [ClientRelation], work: DemoCaseWork = DemoCaseWork()) {
        self.organisations = organisations; self.cooperations = cooperations; self.users = users
        self.clients = clients; self.relations = relations; self.work = work
    }

    /// The demo password shared by every demo user (not a common password; at least 10 characters).
    public static let password = "Bleibe-Demo-2026!"

    /// The city of the main demo cooperation and the city of the second, separate service.
    public static let mainCity = "Elbstadt", secondCity = "Muldenau"

    /// Generates the demo site.
    /// - Parameters:
    ///   - seed: the random seed; the same seed gives the same ids, names and facts.
    ///   - today: the day the site describes: status histories, employments and certificates end on or before it.
    public static func make(seed: UInt64 = 2024, today: Day) -> DemoSite {
        var ids = DemoRandom(seed: seed ^ 0x0B1E_1BE0_0000_0001)
        let orgs = DemoOrganisations(ids: &ids)
        let users = DemoLogins.all.map { login in
            DemoUser(user: User(id: ids.uuid(), organisationID: orgs.id(of: login.organisation), email: login.email,
                                displayName: login.displayName, role: login.role),
                     password: password, totpSecret: login.totpSecret)
        }
        var generator = DemoClientGenerator(seed: seed, today: today)
        let elbstadt = generator.clients(organisationID: orgs.elbstadtService.id, fileNumberPrefix: "PB",
                                         count: 300, families: 24)
        let muldenau = generator.clients(organisationID: orgs.muldenauService.id, fileNumberPrefix: "BM",
                                         count: 20, families: 1)
        let counselors = users.filter { $0.user.organisationID == orgs.elbstadtService.id && $0.user.role == .counselor }.map(\.user.id)
        let clerk = users.first { $0.user.organisationID == orgs.elbstadtAuthority.id && $0.user.role == .authorityClerk }?.user.id ?? ""
        let work = DemoCaseWork.make(seed: seed, today: today, service: orgs.elbstadtService.id, authority: orgs.elbstadtAuthority.id,
                                     counselors: counselors, clerk: clerk, clients: elbstadt.clients)
        var opened: [String: Day] = [:]
        for c in work.cases { opened[c.clientID] = min(opened[c.clientID] ?? c.openedOn, c.openedOn) }
        // A granted application has put the new permit into the client's history (as the application does).
        var served = DemoClientGenerator.renumbered(elbstadt.clients, prefix: "PB", caseOpened: opened)
        var work2 = work
        for (i, app) in work2.applications.enumerated() where app.outcome == .granted {
            guard let k = served.firstIndex(where: { $0.id == app.clientID }), let day = app.decidedOn,
                  case .success(let periods) = ApplicationRules.history(afterGranting: app.pathway, on: day, until: app.permitUntil, to: served[k].facts.status ?? [])
            else { work2.applications[i].outcome = .refused; work2.applications[i].permitUntil = nil; continue }
            served[k].facts.status = periods
        }
        // The volunteer's own requests in the application: one answered, one waiting for the service.
        if let v = users.first(where: { $0.user.role == .volunteer && $0.user.organisationID == orgs.elbstadtPartner.id })?.user {
            var rng = DemoRandom(seed: seed &+ 0x5EED_AD01)
            let asker = "\(v.displayName) (\(orgs.elbstadtPartner.name))"
            work2.advice.append(ExpertRequest(id: rng.uuid(), requester: asker, legalArea: "25a",
                                              question: "Ein junger Mann (19) geht seit drei Jahren zur Berufsschule, die Duldung läuft seit 2022. Lohnt sich ein Antrag nach § 25a jetzt schon?",
                                              answer: "Ja, wenn der Schulbesuch erfolgreich war und er seit drei Jahren geduldet, gestattet oder erlaubt hier lebt (§ 25a Abs. 1 Nr. 1, 2). Zeugnisse der letzten drei Jahre mitbringen; gern einen Termin vereinbaren.",
                                              minutesSpent: 20, askedOn: today.adding(days: -9), askedBy: v.id, answeredOn: today.adding(days: -7),
                                              answeredBy: counselors.first))
            work2.advice.append(ExpertRequest(id: rng.uuid(), requester: asker, legalArea: "60d",
                                              question: "Eine Frau arbeitet seit 10 Monaten in Teilzeit (22 Stunden). Ab wann kommt die Beschäftigungsduldung in Frage?",
                                              answer: "", minutesSpent: 0, askedOn: today.adding(days: -2), askedBy: v.id))
        }
        return DemoSite(organisations: orgs.all, cooperations: [orgs.cooperation], users: users,
                        clients: served + DemoClientGenerator.renumbered(muldenau.clients, prefix: "BM", caseOpened: [:]),
                        relations: elbstadt.relations + muldenau.relations, work: work2)
    }

    /// The clients of one organisation, in file-number order.
    public func clients(of organisationID: String) -> [Client] { clients.filter { $0.organisationID == organisationID } }

    /// The client and every other client of its household (the client first), as `HouseholdAssembly` expects.
    public func householdMembers(of client: Client) -> [Client] {
        guard let h = client.householdID else { return [client] }
        return [client] + clients.filter { $0.householdID == h && $0.id != client.id }
    }

    /// The relations among the members of the client's household.
    public func householdRelations(of client: Client) -> [ClientRelation] {
        let ids = Set(householdMembers(of: client).map(\.id))
        return relations.filter { ids.contains($0.from) && ids.contains($0.to) }
    }

    /// The engine's household for the client (see `HouseholdAssembly`).
    public func household(of client: Client) -> Household {
        HouseholdAssembly.household(members: householdMembers(of: client), relations: householdRelations(of: client))
    }
}
