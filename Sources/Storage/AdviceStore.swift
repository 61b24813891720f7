import Counseling
import Eligibility
import Foundation

/// Fachberatung records and the knowledge base of a service.
public struct AdviceStore: Sendable {
    public let db: any SQLDatabase
    public init(db: any SQLDatabase) { self.db = db }

    public func add(_ r: ExpertRequest, organisation: String, audit: AuditContext) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("""
                INSERT INTO expert_requests (id, organisation_id, requester, legal_area, question, answer, minutes_spent, asked_on, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [r.id, organisation, r.requester, r.legalArea, r.question, r.answer, r.minutesSpent, r.askedOn.iso, audit.userID, audit.now]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "create", entity: "expert_request", entityID: r.id, clientID: nil)
        }
    }

    public func requests(organisation: String) async throws -> [ExpertRequest] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM expert_requests WHERE organisation_id = ? ORDER BY asked_on DESC, created_at DESC", [organisation])).map { r in
                ExpertRequest(id: try r.string("id"), requester: try r.string("requester"), legalArea: try r.string("legal_area"), question: try r.string("question"),
                              answer: try r.string("answer"), minutesSpent: r.int("minutes_spent") ?? 0, askedOn: Day(iso: try r.string("asked_on")) ?? .distantPast)
            }
        }
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
