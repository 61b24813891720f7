import Foundation
import Storage
import Testing
@testable import Web

@Suite("Transactions")
struct TransactionTests {
    /// A request whose task is cancelled mid-transaction (a client that hangs up) must not leave the connection
    /// inside the transaction: the next write still works and nothing of the cancelled one is kept.
    @Test(arguments: TestDatabase.available)
    func aCancelledTransactionIsRolledBackAndLaterWritesWork(_ kind: TestDatabase) async throws {
        let db = try await kind.open()
        let started = AsyncStream<Void>.makeStream()
        let task = Task {
            try await db.transaction { ex in
                try await ex.execute("INSERT INTO audit_head (id, seq, hash) VALUES (99, 0, 'x')")
                started.continuation.yield()
                try await Task.sleep(nanoseconds: 5_000_000_000)
            }
        }
        var iterator = started.stream.makeAsyncIterator()
        _ = await iterator.next()
        task.cancel()
        _ = try? await task.value
        try await db.transaction { ex in try await ex.execute("INSERT INTO audit_head (id, seq, hash) VALUES (98, 0, 'y')") }
        let ids = try await db.read { try await $0.query("SELECT id FROM audit_head ORDER BY id") }.compactMap { $0.int("id") }
        #expect(ids == [1, 98])
        await TestDatabase.dispose(db)
    }
}
