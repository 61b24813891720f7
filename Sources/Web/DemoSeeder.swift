import Counseling
import Demo
import Eligibility
import Foundation
import Storage

/// Fills an empty database with the fictional demo site (`bleibe demo`). Refused outside development and on a
/// database that already holds organisations.
public enum DemoSeeder {
    public enum Refusal: Error, CustomStringConvertible {
        case notDevelopment, notEmpty
        public var description: String {
            switch self {
            case .notDevelopment: return "Demo-Daten werden nur in der Entwicklungsumgebung angelegt (BLEIBE_ENV=development)."
            case .notEmpty: return "Die Datenbank enthält bereits Organisationen – Demo-Daten werden nicht angelegt."
            }
        }
    }

    public struct Summary: Sendable { public var organisations, users, clients, cases, sessions: Int }

    public static func seed(_ services: AppServices, seed: UInt64 = 2024) async throws -> Summary {
        guard services.config.environment == .development else { throw Refusal.notDevelopment }
        guard try await services.accounts.organisations().isEmpty else { throw Refusal.notEmpty }
        let site = DemoSite.make(seed: seed, today: services.today)
        let now = services.timestamp()
        for o in site.organisations { try await services.accounts.createOrganisation(o, now: now) }
        for c in site.cooperations { try await services.accounts.createCooperation(c) }
        for u in site.users {
            let hash = try await Credentials.hash(u.password, cost: services.config.bcryptCost)
            try await services.accounts.createUser(u.user, passwordHash: hash, now: now)
            if u.user.role.isStaff {
                try await services.accounts.setTOTP(userID: u.user.id, secret: u.totpSecret, enabled: true, recoveryCodeHashes: [])
            }
        }
        let creators = Dictionary(grouping: site.users.filter { $0.user.role == .coordinator }, by: \.user.organisationID)
        for c in site.clients {
            let creator = creators[c.organisationID]?.first?.user.id ?? "demo"
            try await services.clients.create(c, audit: AuditContext(userID: creator, organisationID: c.organisationID, now: now))
        }
        for (i, r) in site.relations.enumerated() {
            guard let org = site.clients.first(where: { $0.id == r.from })?.organisationID else { continue }
            try await services.clients.addRelation(r, organisation: org, id: "demo-relation-\(i)")
        }
        if let service = site.work.cases.first?.organisationID, let authority = site.work.contacts.first?.authorityID {
            let serviceAudit = AuditContext(userID: creators[service]?.first?.user.id ?? "demo", organisationID: service, now: now)
            let clerk = site.users.first { $0.user.organisationID == authority && $0.user.role == .authorityClerk }?.user.id ?? "demo"
            try await services.cases.importAll(cases: site.work.cases, sessions: site.work.sessions, organisation: service, audit: serviceAudit)
            try await services.appointments.importAll(site.work.appointments, organisation: service, audit: serviceAudit)
            try await services.applications.importAll(site.work.applications, organisation: service, audit: serviceAudit)
            try await services.statistics.save(site.work.statistics, authority: authority, audit: AuditContext(userID: clerk, organisationID: authority, now: now))
            try await services.cooperation.importAll(consents: site.work.consents, referrals: site.work.referrals, contacts: site.work.contacts, service: service,
                                                     serviceAudit: serviceAudit, authorityAudit: AuditContext(userID: clerk, organisationID: authority, now: now))
        }
        return Summary(organisations: site.organisations.count, users: site.users.count, clients: site.clients.count,
                       cases: site.work.cases.count, sessions: site.work.sessions.count)
    }
}
