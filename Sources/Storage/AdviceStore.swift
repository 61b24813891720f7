import Counseling
import Eligibility
import Foundation

/// Fachberatung records and the knowledge base of a service.
public struct AdviceStore: Sendable {
    public let db: any SQLDatabase
    public init(db: any SQLDatabase) { self.db = db }

    /// Records a request; one recorded by the service (not a volunteer's) was answered by whoever records it.
    public func add(_ r: ExpertRequest, organisation: String, audit: AuditContext) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("""
                INSERT INTO expert_requests (id, organisation_id, requester, legal_area, question, answer, minutes_spent, asked_on, created_by, created_at, asked_by, answered_on, answered_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [r.id, organisation, r.requester, r.legalArea, r.question, r.answer, r.minutesSpent, r.askedOn.iso, r.askedBy ?? audit.userID, audit.now,
                      r.askedBy, r.answeredOn?.iso, r.answeredBy ?? (r.askedBy == nil ? audit.userID : nil)]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "create", entity: "expert_request", entityID: r.id, clientID: nil)
        }
    }

    /// The service's requests, newest first.
    public func requests(organisation: String) async throws -> [ExpertRequest] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM expert_requests WHERE organisation_id = ? ORDER BY asked_on DESC, created_at DESC", [organisation])).map(Self.request)
        }
    }

    /// One request of the organisation, or nil.
    public func request(id: String, organisation: String) async throws -> ExpertRequest? {
        try await db.read { ex in
            try await ex.one(SQL("SELECT * FROM expert_requests WHERE id = ? AND organisation_id = ?", [id, organisation])).map(Self.request)
        }
    }

    /// The requests one volunteer sent, with the answering service's name, newest first.
    public func requests(askedBy userID: String) async throws -> [(request: ExpertRequest, service: String)] {
        try await db.read { ex in
            try await ex.query(SQL("""
                SELECT e.*, o.name AS service_name FROM expert_requests e JOIN organisations o ON o.id = e.organisation_id
                WHERE e.asked_by = ? ORDER BY e.asked_on DESC, e.created_at DESC
                """, [userID])).map { (try Self.request($0), try $0.string("service_name")) }
        }
    }

    /// Answers an open request of the organisation; false if there is none (unknown, another service's, answered).
    public func answer(id: String, organisation: String, answer: String, minutes: Int, on day: Day, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM expert_requests WHERE id = ? AND organisation_id = ? AND asked_by IS NOT NULL AND answered_on IS NULL",
                                       [id, organisation])) != nil else { return false }
            try await ex.execute(SQL("UPDATE expert_requests SET answer = ?, minutes_spent = ?, answered_on = ?, answered_by = ? WHERE id = ?",
                                     [answer, minutes, day.iso, audit.userID, id]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "update", entity: "expert_request", entityID: id, clientID: nil)
            return true
        }
    }

    static func request(_ r: SQLRow) throws -> ExpertRequest {
        ExpertRequest(id: try r.string("id"), requester: try r.string("requester"), legalArea: try r.string("legal_area"), question: try r.string("question"),
                      answer: try r.string("answer"), minutesSpent: r.int("minutes_spent") ?? 0, askedOn: Day(iso: try r.string("asked_on")) ?? .distantPast,
                      askedBy: r.text("asked_by"), answeredOn: r.text("answered_on").flatMap(Day.init(iso:)), answeredBy: r.text("answered_by"))
    }

    public func save(_ a: Article, audit: AuditContext) async throws {
        try await db.transaction { ex in
            if try await ex.one(SQL("SELECT id FROM articles WHERE id = ?", [a.id])) != nil {
                try await ex.execute(SQL("UPDATE articles SET pathway = ?, title = ?, body = ?, updated_by = ?, updated_at = ? WHERE id = ? AND organisation_id = ?",
                                         [a.pathway, a.title, a.body, audit.userID, audit.now, a.id, a.organisationID]))
            } else {
                try await ex.execute(SQL("INSERT INTO articles (id, organisation_id, pathway, title, body, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                         [a.id, a.organisationID, a.pathway, a.title, a.body, audit.userID, audit.now]))
            }
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "update", entity: "article", entityID: a.id, clientID: nil)
        }
    }

    public func articles(organisations: [String]) async throws -> [Article] {
        guard !organisations.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: organisations.count).joined(separator: ",")
        return try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM articles WHERE organisation_id IN (\(marks)) ORDER BY pathway, title", organisations)).map { r in
                Article(id: try r.string("id"), organisationID: try r.string("organisation_id"), pathway: try r.string("pathway"), title: try r.string("title"),
                        body: try r.string("body"), updatedAt: try r.string("updated_at"))
            }
        }
    }
}
