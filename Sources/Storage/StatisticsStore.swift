import Foundation
import Reports

/// The authority's quarterly statistics. An upload replaces the rows of the quarters and regulations it names, in
/// one transaction.
public struct StatisticsStore: Sendable {
    public let db: any SQLDatabase
    public init(db: any SQLDatabase) { self.db = db }

    public func save(_ s: QuarterlyStatistics, authority: String, audit: AuditContext) async throws {
        try await db.transaction { ex in
            for p in s.procedures {
                try await ex.execute(SQL("DELETE FROM authority_procedure_stats WHERE authority_id = ? AND quarter = ? AND regulation = ?", [authority, p.quarter.label, p.regulation]))
                try await ex.execute(SQL("""
                    INSERT INTO authority_procedure_stats (authority_id, quarter, regulation, applications, grants, refusals, pending_at_end, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, [authority, p.quarter.label, p.regulation, p.applications, p.grants, p.refusals, p.pendingAtEnd, audit.now]))
            }
            for p in s.populations {
                try await ex.execute(SQL("DELETE FROM authority_population_stats WHERE authority_id = ? AND quarter = ?", [authority, p.quarter.label]))
                try await ex.execute(SQL("""
                    INSERT INTO authority_population_stats (authority_id, quarter, tolerated, tolerated_over_3_years, tolerated_over_5_years, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, [authority, p.quarter.label, p.tolerated, p.toleratedOver3Years, p.toleratedOver5Years, audit.now]))
            }
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "update", entity: "statistics", entityID: authority, clientID: nil)
        }
    }

    public func load(authority: String) async throws -> QuarterlyStatistics {
        try await db.read { ex in
            let procedures = try await ex.query(SQL("SELECT * FROM authority_procedure_stats WHERE authority_id = ? ORDER BY quarter, regulation", [authority])).compactMap { r -> QuarterlyStatistics.Procedure? in
                guard let q = Quarter(try r.string("quarter")) else { return nil }
                return .init(quarter: q, regulation: try r.string("regulation"), applications: r.int("applications") ?? 0, grants: r.int("grants") ?? 0,
                             refusals: r.int("refusals") ?? 0, pendingAtEnd: r.int("pending_at_end") ?? 0)
            }
            let populations = try await ex.query(SQL("SELECT * FROM authority_population_stats WHERE authority_id = ? ORDER BY quarter", [authority])).compactMap { r -> QuarterlyStatistics.Population? in
                guard let q = Quarter(try r.string("quarter")) else { return nil }
                return .init(quarter: q, tolerated: r.int("tolerated") ?? 0, toleratedOver3Years: r.int("tolerated_over_3_years") ?? 0,
                             toleratedOver5Years: r.int("tolerated_over_5_years") ?? 0)
            }
            return QuarterlyStatistics(procedures: procedures, populations: populations)
        }
    }
}
