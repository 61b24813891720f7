import Counseling
import Eligibility
import Foundation
import Hummingbird
import Storage
import Views

/// The authority's view of a case of the cooperating service: only under a consent in force at this moment, only
/// the consented topics, each view written to the disclosure log in the transaction that decided it.
struct SharedCaseRoutes {
    let services: AppServices
    let clientRoutes: ClientRoutes

    var endpoints: [Endpoint] {
        [
            (.get, "/shared", list),
            (.get, "/shared/clients/{id}", show),
            (.get, "/api/v1/shared/clients/{id}", api),
        ]
    }

    /// The services the actor's authority cooperates with today.
    func partnerServices(_ a: Actor) async throws -> Set<String> {
        guard Policy.allows(a, .viewShared(recipient: a.organisationID)) else { throw AppError.forbidden }
        return try await services.partners(of: a.organisationID)
    }

    @Sendable func list(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        let partners = try await partnerServices(a)
        let names = Dictionary(uniqueKeysWithValues: try await services.accounts.organisations().map { ($0.id, $0.name) })
        let order = request.uri.queryParameters["sortierung"].flatMap { CooperationPages.SharedOrder(rawValue: String($0)) } ?? .fileNumber
        // As the page's GET form sends it: "+" is a space (QA43 A2: "Alpha+Soumah" found nobody).
        let query = request.formQuery("q").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        var rows: [CooperationPages.SharedRow] = []
        // The list names no one: it shows the service's file number; the name appears only in a logged view.
        let consented = try await services.cooperation.consentedClients(recipient: a.organisationID, services: partners, on: services.today)
        var loaded: [String: Client] = [:]
        for (service, group) in Dictionary(grouping: consented, by: \.serviceID) {
            for c in try await services.clients.clients(ids: group.map(\.clientID), organisation: service) { loaded[c.id] = c }
        }
        for k in consented {
            guard let c = loaded[k.clientID] else { continue }
            rows.append(.init(clientID: c.id, fileNumber: c.fileNumber, service: names[k.serviceID] ?? "", since: k.since, topics: k.topics))
        }
        // In an order the clerk can follow (QA42 coordination #8: the rows came in the order of internal ids).
        rows.sort { x, y in
            switch order {
            case .fileNumber:
                let c = x.fileNumber.compare(y.fileNumber, options: [.numeric, .caseInsensitive])
                return c == .orderedSame ? x.service < y.service : c == .orderedAscending
            case .newest: return (x.since, y.fileNumber) > (y.since, x.fileNumber)
            }
        }
        var searchError: String?
        if let query {
            (rows, searchError) = try await search(query, in: rows, consented: consented, clients: loaded, actor: a)
        }
        // Which clients have a consent in force is itself a disclosure: recorded with each (QA of 06.12.2026: no trace).
        try await services.clients.recordList("shared_list", shown: rows.map(\.clientID), audit: services.audit(a))
        return Reply.html(CooperationPages.sharedList(frame: context.frame("Freigegebene Fälle", current: "shared"), rows: rows, order: order,
                                                      query: query, searchError: searchError),
                          status: searchError == nil ? .ok : .unprocessableContent)
    }

    /// The rows a clerk's search finds (QA42 coordination #8: the clerk works by name and had to open case after case,
    /// each a disclosure of someone else). A file number is matched among the rows as listed. A name is matched as
    /// the client list matches it (transliterations), only among persons whose consent in force releases the identity
    /// to this authority: each hit is a disclosure of the name, decided and logged as one; nobody else can be found.
    func search(_ query: String, in rows: [CooperationPages.SharedRow], consented: [CooperationStore.ConsentedClient],
                clients: [String: Client], actor a: Actor) async throws -> ([CooperationPages.SharedRow], String?) {
        let byNumber = rows.filter { $0.fileNumber.range(of: query, options: [.caseInsensitive]) != nil }
        guard byNumber.isEmpty else { return (byNumber, nil) }
        // A few letters would list everyone with such a consent: a name search names a person.
        guard query.filter(\.isLetter).count >= 3 else {
            return ([], "Bitte ein Aktenzeichen oder mindestens drei Buchstaben des Namens eingeben.")
        }
        let identity = Set(consented.filter { $0.topics.contains(.identity) }.map(\.clientID))
        var hits: [CooperationPages.SharedRow] = []
        for service in Set(consented.map(\.serviceID)).sorted() {
            let matched = Set(try await services.clients.list(organisation: service, search: query, limit: 5000).map(\.id))
            for var row in rows where matched.contains(row.clientID) && identity.contains(row.clientID) {
                let decision = try await services.cooperation.disclose(clientID: row.clientID, service: service, recipient: a.organisationID, topics: [.identity],
                                                                       on: services.today, channel: "name_search", audit: services.audit(a))
                guard case .allowed = decision, let c = clients[row.clientID] else { continue }
                row.name = "\(c.lastName), \(c.firstName)"
                hits.append(row)
            }
        }
        return (hits, nil)
    }

    /// Decides and logs one disclosure of `requested` topics (nil: everything the broadest consent in force covers).
    func disclose(_ context: BleibeContext, requested: Set<Consent.Topic>?, channel: String) async throws -> (Actor, Client, Consent, Set<Consent.Topic>) {
        let a = try context.requireActor()
        guard let client = try await sharedClient(context, a) else { throw AppError.notFound }
        let today = services.today
        let mine = try await services.cooperation.consents(clientID: client.id, organisation: client.organisationID).filter { $0.recipientOrganisationID == a.organisationID }
        // Without any consent for this authority the case does not exist for it (no oracle).
        guard !mine.isEmpty else { throw AppError.notFound }
        let topics = requested ?? mine.filter { $0.isValid(on: today) }.max { $0.topics.count < $1.topics.count }?.topics ?? [.identity]
        let decision = try await services.cooperation.disclose(clientID: client.id, service: client.organisationID, recipient: a.organisationID,
                                                              topics: topics, on: today, channel: channel, audit: services.audit(a))
        switch decision {
        case .refused(let reason):
            // Revoked or not yet in force: as without any consent. Why would tell the authority of the client's decision
            // (QA of 05.12.2026); the refusal is logged all the same.
            guard mine.contains(where: { $0.isValid(on: today) }) else { throw AppError.notFound }
            throw AppError.refused(reason)
        case .allowed(let consentID):
            guard let consent = mine.first(where: { $0.id == consentID }) else { throw AppError.notFound }
            return (a, client, consent, topics)
        }
    }

    /// What the topics reach beyond the client's record: the assessment, the sessions and the applications.
    struct Content {
        var person: PersonAssessment?
        var sessions: [(Day, CounselingSession.Kind)]
        var applications: [PermitApplication]
        var goals: [PathwayKey]
        /// The documents every application on an open case's pathway needs that the case records as not received.
        var missingDocuments: [String] = []
    }

    /// - Parameter assessedWith: the topics of the one consent that releases the assessment; the facts it reads are
    ///   those that consent releases, never those of another paper (QA of 06.12.2026: an assessment released without
    ///   convictions was computed with the convictions a second consent released).
    func content(_ client: Client, topics: Set<Consent.Topic>, assessedWith: Set<Consent.Topic>? = nil) async throws -> Content {
        // Assessed from the released facts only (Consent.released): a result could otherwise tell of a conviction.
        let basis = assessedWith ?? topics
        let person = basis.contains(.assessment) || basis.contains(.missingDocuments)
            ? try await clientRoutes.assess(client, on: services.today, facts: { Consent.released($0, topics: basis) }) : nil
        var sessions: [(Day, CounselingSession.Kind)] = [], applications: [PermitApplication] = []
        if topics.contains(.sessions) || topics.contains(.applications) {
            for c in try await services.cases.cases(clientID: client.id, organisation: client.organisationID) {
                if topics.contains(.sessions) {
                    let list = try await services.cases.sessions(caseID: c.id, organisation: client.organisationID)
                    let kinds = CounselingSession.kinds(list)
                    sessions += list.map { ($0.on, kinds[$0.id] ?? .followUp) }
                }
                if topics.contains(.applications) {
                    applications += try await services.applications.applications(caseID: c.id, organisation: client.organisationID)
                }
            }
            sessions.sort { $0.0 < $1.0 }
            applications.sort { $0.filedOn < $1.filedOn }
        }
        var goals: [PathwayKey] = [], missing: [String] = []
        if topics.contains(.missingDocuments) {
            let open = try await services.cases.cases(clientID: client.id, organisation: client.organisationID).filter { $0.state != .closed }
            goals = Array(Set(open.compactMap(\.pathway))).sorted()
            // The pathway's own documents not yet received (QA of 06.12.2026: the topic showed nothing though the
            // employment contract was missing). They depend on the pathway only, never on a withheld fact.
            for c in open {
                guard let pathway = c.pathway else { continue }
                let recorded = try await services.applications.documents(caseID: c.id, organisation: client.organisationID)
                for k in DocumentKind.baseline(pathway) where !recorded.contains(where: { $0.kind == k && $0.state != .missing }) {
                    if !missing.contains(k.german) { missing.append(k.german) }
                }
            }
        }
        return Content(person: person, sessions: sessions, applications: applications, goals: goals, missingDocuments: missing)
    }

    /// What one view releases: every consent in force that released a part, the topics together, and the topics of the
    /// one paper the assessment is read under.
    struct Released {
        let actor: Actor, client: Client, consents: [Consent], topics: Set<Consent.Topic>
        /// Permissions are not assembled from several papers (DisclosureRules.decide): the assessment reads what the
        /// broadest consent releasing it releases.
        let assessedWith: Set<Consent.Topic>
    }

    /// Several consents in force each release their own topics (QA of 05.12.2026: the page showed only the broadest
    /// one's; QA41 A2: so did the API): each further one is decided and logged as its own disclosure, and the view shows
    /// them together – for the page and for the API alike. Topics asked for by name are released the same way when
    /// the consents in force together cover them; otherwise the request is decided (and refused) as a whole.
    func discloseAll(_ context: BleibeContext, requested: Set<Consent.Topic>?, channel: String) async throws -> Released {
        let a = try context.requireActor()
        let today = services.today
        if let requested, let client = try await sharedClient(context, a) {
            let inForce = try await services.cooperation.consents(clientID: client.id, organisation: client.organisationID)
                .filter { $0.recipientOrganisationID == a.organisationID && $0.isValid(on: today) }
            let covered = inForce.reduce(into: Set<Consent.Topic>()) { $0.formUnion($1.topics) }
            if !inForce.contains(where: { requested.isSubset(of: $0.topics) }), requested.isSubset(of: covered) {
                // Each paper releases its part, the broadest first.
                var consents: [Consent] = [], papers: [Set<Consent.Topic>] = [], topics: Set<Consent.Topic> = []
                for c in inForce.sorted(by: { $0.topics.count > $1.topics.count }) {
                    let part = requested.intersection(c.topics).subtracting(topics)
                    guard !part.isEmpty else { continue }
                    let released = try await disclose(context, requested: part, channel: channel)
                    consents.append(released.2); papers.append(released.3); topics.formUnion(released.3)
                }
                return Released(actor: a, client: client, consents: consents, topics: topics, assessedWith: Self.assessing(papers))
            }
            let (_, _, consent, topics) = try await disclose(context, requested: requested, channel: channel)
            return Released(actor: a, client: client, consents: [consent], topics: topics, assessedWith: Self.assessing([topics]))
        }
        let (_, client, consent, firstTopics) = try await disclose(context, requested: requested, channel: channel)
        var topics = firstTopics, papers = [firstTopics], consents = [consent]
        if requested == nil {
            let others = try await services.cooperation.consents(clientID: client.id, organisation: client.organisationID)
                .filter { $0.recipientOrganisationID == a.organisationID && $0.isValid(on: today) && $0.id != consent.id }
            for other in others where !other.topics.isSubset(of: topics) {
                let released = try await disclose(context, requested: other.topics, channel: channel)
                consents.append(released.2); papers.append(released.3); topics.formUnion(released.3)
            }
        }
        return Released(actor: a, client: client, consents: consents, topics: topics, assessedWith: Self.assessing(papers))
    }

    static func assessing(_ papers: [Set<Consent.Topic>]) -> Set<Consent.Topic> {
        papers.filter { $0.contains(.assessment) || $0.contains(.missingDocuments) }.max { $0.count < $1.count } ?? []
    }

    /// The client of a cooperating service with this id, or nil (the refusals are `disclose`'s; the policy is checked).
    private func sharedClient(_ context: BleibeContext, _ a: Actor) async throws -> Client? {
        let id = try context.parameters.require("id")
        for service in try await partnerServices(a).sorted() { if let c = try await services.clients.client(id: id, organisation: service) { return c } }
        return nil
    }

    @Sendable func show(_ request: Request, context: BleibeContext) async throws -> Response {
        let r = try await discloseAll(context, requested: nil, channel: "shared_view")
        let content = try await content(r.client, topics: r.topics, assessedWith: r.assessedWith)
        let service = try await services.accounts.organisation(r.client.organisationID)?.name ?? ""
        return Reply.html(CooperationPages.sharedCase(frame: context.frame("Freigegebener Fall", current: "shared"),
                                                      .init(client: r.client, topics: r.topics, serviceName: service, validUntil: r.consents[0].validUntil,
                                                            person: content.person, sessions: content.sessions, applications: content.applications,
                                                            goals: content.goals, assessedWith: r.assessedWith, missingDocuments: content.missingDocuments)))
    }

    /// `?topics=identity,assessment` asks for exactly these topics; all must be covered by one consent in force.
    @Sendable func api(_ request: Request, context: BleibeContext) async throws -> Response {
        var requested: Set<Consent.Topic>? = nil
        if let text = request.formQuery("topics"), !text.isEmpty {
            var set: Set<Consent.Topic> = []
            for part in text.split(separator: ",") {
                guard let t = Consent.Topic(rawValue: part.trimmingCharacters(in: .whitespaces)) else { throw AppError.badRequest("Unknown topic '\(part)'.") }
                set.insert(t)
            }
            guard !set.isEmpty else { throw AppError.badRequest("The parameter topics names no topic.") }
            requested = set
        }
        let released = try await discloseAll(context, requested: requested, channel: "api")
        let client = released.client, topics = released.topics, assessedWith = released.assessedWith
        let content = try await content(client, topics: topics, assessedWith: assessedWith)
        let person = content.person, sessions = content.sessions
        let p = client.facts
        var out: [String: Any] = ["client_id": client.id, "consent_id": released.consents[0].id, "consent_ids": released.consents.map(\.id),
                                  "topics": Consent.Topic.allCases.filter(topics.contains).map(\.rawValue)]
        if topics.contains(.identity) {
            var identity: [String: Any] = ["first_name": client.firstName, "last_name": client.lastName]
            if let b = p.born { identity["born"] = b.iso }
            if let n = p.nationality { identity["nationality"] = n }
            out["identity"] = identity
        }
        if topics.contains(.statusHistory) {
            out["status_history"] = (p.status ?? []).map { s -> [String: Any] in
                var o: [String: Any] = ["kind": s.kind.rawValue, "from": s.from.iso]
                if let t = s.to { o["to"] = t.iso }
                return o
            }
        }
        if topics.contains(.assessment), let person {
            out["assessment"] = person.assessments.map { a -> [String: Any] in
                // A result decided by data the consent does not release is withheld (Consent.mayShowResult).
                guard Consent.mayShowResult(a, topics: assessedWith) else { return ["pathway": a.pathway.rawValue, "outcome": "withheld"] }
                var o: [String: Any] = ["pathway": a.pathway.rawValue, "outcome": a.outcome.rawValue]
                if let f = a.from { o["from"] = f.iso }
                return o
            }
        }
        if topics.contains(.missingDocuments), let person {
            let relevant = Consent.relevantForSteps(person.assessments, goals: content.goals)
            out["missing_documents"] = Consent.disclosableActions(relevant, topics: assessedWith)
            // As the page says it (QA41 A3): steps resting on data no consent releases are left out, and said to be.
            out["steps_withheld"] = relevant.contains { !Consent.mayShowResult($0, topics: assessedWith) }
            out["documents_not_received"] = content.missingDocuments
        }
        if topics.contains(.sessions) { out["sessions"] = sessions.map { ["on": $0.0.iso, "kind": $0.1.rawValue] } }
        if topics.contains(.applications) {
            out["applications"] = content.applications.map { a -> [String: Any] in
                var o: [String: Any] = ["pathway": a.pathway.rawValue, "filed_on": a.filedOn.iso, "outcome": a.outcome.rawValue]
                if let d = a.decidedOn { o["decided_on"] = d.iso }
                if let u = a.permitUntil { o["valid_until"] = u.iso }
                return o
            }
        }
        if topics.contains(.health) {
            var health: [String: Any] = [:]
            if let i = p.inability {
                if let v = i.school { health["school_impossible"] = v }
                if let v = i.livelihood { health["livelihood_impossible"] = v }
                if let v = i.german { health["german_impossible"] = v }
                if let r = i.reason { health["reason"] = r }
            }
            out["health"] = health
        }
        // What the page shows under the same topic (the disclosure log names it, so it must be sent).
        if topics.contains(.convictions) {
            out["convictions"] = (p.convictions ?? []).map { v -> [String: Any] in
                var o: [String: Any] = [:]
                if let d = v.date { o["date"] = d.iso }
                if let x = v.offence { o["offence"] = x }
                if let x = v.dayFines { o["day_fines"] = x }
                if let x = v.prisonMonths { o["prison_months"] = x }
                return o
            }
        }
        return Reply.json(String(decoding: try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]), as: UTF8.self))
    }
}
