/// Records read events with group commit: events that arrive while a batch is being committed go into the next
/// batch, so many reads share one transaction (and one fsync). Each caller still waits until its event is
/// committed — a read is never answered before it is in the trail.
public actor AuditWriter {
    struct Pending {
        let events: [(at: String, userID: String, organisationID: String, action: String, entity: String, entityID: String, clientID: String?)]
        let done: CheckedContinuation<Void, any Error>
    }

    private let db: any SQLDatabase
    private var queue: [Pending] = []
    private var flushing = false

    public init(db: any SQLDatabase) { self.db = db }

    public func record(at: String, userID: String, organisationID: String, action: String, entity: String, entityID: String,
                       clientID: String?) async throws {
        try await record([(at, userID, organisationID, action, entity, entityID, clientID)])
    }

    /// Several events of one reading (a calendar's clients), committed in one batch.
    public func record(_ events: [(at: String, userID: String, organisationID: String, action: String, entity: String, entityID: String, clientID: String?)]) async throws {
        guard !events.isEmpty else { return }
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            queue.append(Pending(events: events, done: c))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !queue.isEmpty {
            let batch = queue
            queue = []
            let events = batch.flatMap(\.events)
            do {
                try await db.transaction { ex in try await AuditLog.appendAll(ex, events) }
                for p in batch { p.done.resume() }
            } catch {
                for p in batch { p.done.resume(throwing: error) }
            }
        }
        flushing = false
    }
}
