import Counseling
import Eligibility
import Foundation
import Hummingbird
import Storage
import Views

/// The client's information request (Art. 15 DSGVO): everything the service holds about the person on one printable
/// page. Reading it is an audit event of its own.
extension ClientRoutes {
    @Sendable func subjectAccess(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await loadClient(context)
        let org = c.organisationID
        guard let controller = try await services.accounts.organisation(org) else { throw AppError.notFound }
        try await services.clients.recordRead(clientID: c.id, entity: "subject_access", audit: services.audit(a))
        var m = SubjectAccessPage.Model(client: c, controller: controller, today: services.today, retentionYears: services.config.retentionYears)
        m.contact = try await services.clients.contact(clientID: c.id, organisation: c.organisationID, audit: nil) ?? ClientContact()   // in the page's own read
        m.includeConfidential = request.uri.queryParameters["vertraulich"] == "1"
        m.land = context.land
        // The staff choose the client's language; the staff's own browser language does not count here.
        m.language = PublicPages.language(chosen: request.uri.queryParameters["lang"].map(String.init), accept: nil)

        let (members, relatives, relations) = try await family(c)
        let people = members + relatives
        m.relatives = relations.compactMap { r in
            guard r.from == c.id || r.to == c.id, let other = people.first(where: { $0.id == (r.from == c.id ? r.to : r.from) }) else { return nil }
            return (name: "\(other.firstName) \(other.lastName)", relation: Labels.role(in: r, of: c.id))
        }
        try await recordShown(relations.filter { $0.from == c.id || $0.to == c.id }.flatMap { [$0.from, $0.to] }, in: c, a)

        let sessions = try await services.cases.sessions(aboutClient: c.id, organisation: org)
        let cases = try await services.cases.cases(clientID: c.id, organisation: org)
        let reminders = try await services.cases.reminders(caseIDs: cases.map(\.id), organisation: org, openOnly: false)
        for k in cases {
            let documents = try await services.applications.documents(caseID: k.id, organisation: org).map {
                (kind: $0.kind.german, state: $0.state.german, receivedOn: $0.receivedOn, file: $0.file?.name)
            }
            m.cases.append(.init(counselingCase: k, sessions: sessions.filter { $0.caseID == k.id },
                                 applications: try await services.applications.applications(caseID: k.id, organisation: org),
                                 documents: documents, reminders: reminders.filter { $0.caseID == k.id }))
        }
        // Sessions about the person held in a relative's case are theirs too.
        let own = Set(cases.map(\.id))
        m.otherSessions = sessions.filter { !own.contains($0.caseID) }
        // The cases of household members count the person (children, spouse): named, with the days of family sessions.
        for member in members where member.id != c.id {
            let relation = relations.first { ($0.from == c.id && $0.to == member.id) || ($0.to == c.id && $0.from == member.id) }
            for k in try await services.cases.cases(clientID: member.id, organisation: org) where !own.contains(k.id) {
                let days = try await services.cases.sessions(caseID: k.id, organisation: org).filter(\.withFamily).map(\.on)
                m.familyCases.append((holder: "\(member.firstName) \(member.lastName)", relation: relation.map { Labels.role(in: $0, of: c.id) } ?? "im selben Haushalt",
                                      counselingCase: k, familySessions: days))
            }
        }

        m.consents = try await services.cooperation.consents(clientID: c.id, organisation: org)
        m.consentScans = try await services.cooperation.scans(clientID: c.id, organisation: org).mapValues { (name: $0.name, bytes: $0.size) }
        m.disclosures = try await services.cooperation.disclosures(clientID: c.id, organisation: org)
        m.referrals = try await services.cooperation.referrals(of: org).filter { $0.clientID == c.id }
        m.appointments = try await services.appointments.appointments(clientID: c.id, organisation: org)
        // With their documents (the list leaves them out): the copy says what each concluded.
        var snapshots: [AssessmentSnapshot] = []
        for s in try await services.clients.snapshots(clientID: c.id, organisation: org) {
            snapshots.append(try await services.clients.snapshot(id: s.id, clientID: c.id, organisation: org) ?? s)
        }
        m.snapshots = snapshots
        m.retentionDue = try await services.clients.retentionDay(clientID: c.id, organisation: org, today: services.today, years: services.config.retentionYears)
        m.names = Dictionary(uniqueKeysWithValues: try await services.accounts.organisations().map { ($0.id, $0.name) })
        // The newest ten thousand are listed, all are counted.
        m.accessCount = try await AuditLog.count(ofClient: c.id, in: services.db)
        m.accesses = try await AuditLog.events(ofClient: c.id, in: services.db, limit: 10_000).map {
            .init(at: $0.at, organisation: m.names[$0.organisationID] ?? AuditLog.actorName($0.organisationID) ?? $0.organisationID, action: $0.action, entity: $0.entity)
        }
        m.facts = FactReading.rows(c.facts)
        return Reply.html(SubjectAccessPage.render(frame: clientFrame(context, "Auskunft", c), m))
    }
}
