import Eligibility
import Foundation

/// A population screening run in the background: queued, running (with progress), done, failed, or cancelled by a user.
public struct ScreeningJob: Sendable, Hashable {
    public enum State: String, Sendable { case queued, running, done, failed, cancelled }
    public var id: String, organisationID: String, createdAt: String, fileName: String, format: String, on: Day
    public var state: State, totalRows: Int, processedRows: Int, rejectedRows: Int
    public var summaryJSON: String?, rejections: String, error: String?, expiresAt: String
    /// Figures only (`Permission.screenPopulationFigures`): the summary is kept, no result per person is written.
    public var figuresOnly: Bool

    public init(id: String, organisationID: String, createdAt: String, fileName: String, format: String, on: Day, state: State, totalRows: Int,
                processedRows: Int = 0, rejectedRows: Int = 0, summaryJSON: String? = nil, rejections: String = "", error: String? = nil, expiresAt: String,
                figuresOnly: Bool = false) {
        self.figuresOnly = figuresOnly
        self.id = id; self.organisationID = organisationID; self.createdAt = createdAt; self.fileName = fileName; self.format = format; self.on = on
        self.state = state; self.totalRows = totalRows; self.processedRows = processedRows; self.rejectedRows = rejectedRows
        self.summaryJSON = summaryJSON; self.rejections = rejections; self.error = error; self.expiresAt = expiresAt
    }
}

public struct ScreeningJobStore: Sendable {
    public let db: any SQLDatabase
    public init(db: any SQLDatabase) { self.db = db }

    public func create(_ j: ScreeningJob, userID: String, audit: AuditContext) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("""
                INSERT INTO screening_jobs (id, organisation_id, created_by, created_at, file_name, format, on_day, state, total_rows, expires_at, figures_only)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)
                """, [j.id, j.organisationID, userID, j.createdAt, j.fileName, j.format, j.on.iso, j.totalRows, j.expiresAt, j.figuresOnly ? 1 : 0]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "create", entity: "screening", entityID: j.id, clientID: nil)
        }
    }

    /// Claims the oldest queued job for this instance, or a running one whose instance has not written its heartbeat
    /// since `staleBefore` (it stopped; the job starts again from the beginning). On PostgreSQL rows another
    /// instance is claiming are skipped (`FOR UPDATE SKIP LOCKED`); everywhere, `RETURNING` names only the rows this
    /// statement changed, so a job lost to another instance is never run twice – the next one is tried instead.
    public func claim(now: String, staleBefore: String) async throws -> ScreeningJob? {
        let claimable = "(state = 'queued' OR (state = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < ?)))"
        for _ in 0..<20 {
            let outcome: (claimed: ScreeningJob?, none: Bool) = try await db.transaction { ex in
                let lock = ex.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
                guard let r = try await ex.one(SQL("SELECT id FROM screening_jobs WHERE \(claimable) ORDER BY created_at LIMIT 1" + lock, [staleBefore])) else { return (nil, true) }
                let claimed = try await ex.one(SQL("""
                    UPDATE screening_jobs SET state = 'running', heartbeat_at = ?, processed_rows = 0, rejected_rows = 0
                    WHERE id = ? AND \(claimable) RETURNING *
                    """, [now, try r.string("id"), staleBefore]))
                return (try claimed.map(Self.job), false)
            }
            if outcome.none { return nil }
            if let job = outcome.claimed { return job }
        }
        return nil
    }

    /// The job's progress, and the heartbeat that shows its instance is alive. False when the job is no longer
    /// running here (cancelled or deleted): the runner stops.
    @discardableResult
    public func progress(id: String, processed: Int, rejected: Int, now: String) async throws -> Bool {
        try await db.transaction { ex in
            try await ex.one(SQL("UPDATE screening_jobs SET processed_rows = ?, rejected_rows = ?, heartbeat_at = ? WHERE id = ? AND state = 'running' RETURNING id",
                                 [processed, rejected, now, id])) != nil
        }
    }

    /// Puts jobs back in the queue that this instance was running when it was stopped: the next start, or another
    /// instance, runs them again at once instead of after the stale time (QA32 F11: five minutes of "läuft").
    public func requeue(ids: [String]) async throws {
        try await db.transaction { ex in
            for id in ids {
                try await ex.execute(SQL("UPDATE screening_jobs SET state = 'queued', heartbeat_at = NULL, processed_rows = 0, rejected_rows = 0 WHERE id = ? AND state = 'running'", [id]))
            }
        }
    }

    /// Records the result, unless the job was cancelled meanwhile.
    public func finish(id: String, processed: Int, rejected: Int, summaryJSON: String, rejections: String) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("UPDATE screening_jobs SET state = 'done', processed_rows = ?, rejected_rows = ?, summary_json = ?, rejections = ? WHERE id = ? AND state = 'running'",
                                     [processed, rejected, summaryJSON, rejections, id]))
        }
    }

    public func fail(id: String, error: String) async throws {
        try await db.transaction { ex in try await ex.execute(SQL("UPDATE screening_jobs SET state = 'failed', error = ? WHERE id = ? AND state = 'running'", [error, id])) }
    }

    /// Cancels a queued or running job of the organisation; a running one stops at its next heartbeat.
    public func cancel(id: String, organisation: String, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("""
                UPDATE screening_jobs SET state = 'cancelled' WHERE id = ? AND organisation_id = ? AND state IN ('queued', 'running') RETURNING id
                """, [id, organisation])) != nil else { return false }
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "cancel", entity: "screening", entityID: id, clientID: nil)
            return true
        }
    }

    public func jobs(organisation: String) async throws -> [ScreeningJob] {
        try await db.read { ex in try await ex.query(SQL("SELECT * FROM screening_jobs WHERE organisation_id = ? ORDER BY created_at DESC", [organisation])).map(Self.job) }
    }

    public func job(id: String, organisation: String) async throws -> ScreeningJob? {
        try await db.read { ex in try await ex.one(SQL("SELECT * FROM screening_jobs WHERE id = ? AND organisation_id = ?", [id, organisation])).map(Self.job) }
    }

    /// A download of a job's results or outreach list (`entity`): recorded like every read of personal data (QA18 L2).
    public func recordDownload(id: String, entity: String, audit: AuditContext) async throws {
        try await db.transaction { ex in
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "read", entity: entity, entityID: id, clientID: nil)
        }
    }

    /// Deletes a job's row; the caller removes its files first.
    public func delete(id: String, organisation: String, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM screening_jobs WHERE id = ? AND organisation_id = ?", [id, organisation])) != nil else { return false }
            try await ex.execute(SQL("DELETE FROM screening_jobs WHERE id = ?", [id]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID, action: "delete", entity: "screening", entityID: id, clientID: nil)
            return true
        }
    }

    /// Jobs past their retention time (and not running).
    public func expired(now: String) async throws -> [ScreeningJob] {
        try await db.read { ex in try await ex.query(SQL("SELECT * FROM screening_jobs WHERE expires_at < ? AND state <> 'running'", [now])).map(Self.job) }
    }

    static func job(_ r: SQLRow) throws -> ScreeningJob {
        ScreeningJob(id: try r.string("id"), organisationID: try r.string("organisation_id"), createdAt: try r.string("created_at"), fileName: try r.string("file_name"),
                     format: try r.string("format"), on: Day(iso: try r.string("on_day")) ?? .distantPast,
                     state: r.text("state").flatMap(ScreeningJob.State.init(rawValue:)) ?? .failed, totalRows: r.int("total_rows") ?? 0,
                     processedRows: r.int("processed_rows") ?? 0, rejectedRows: r.int("rejected_rows") ?? 0, summaryJSON: r.text("summary_json"),
                     rejections: r.text("rejections") ?? "", error: r.text("error"), expiresAt: try r.string("expires_at"),
                     figuresOnly: r.int("figures_only") == 1)
    }
}
