import Testing
@testable import Storage

/// The group commit of read events writes them as multi-row INSERTs in pieces; order and chain must not notice.
@Suite("Audit log")
struct AuditLogTests {
    @Test(arguments: TestDatabase.available)
    func aLargeBatchIsWrittenInPiecesAndTheChainHolds(_ kind: TestDatabase) async throws {
        let db = try await kind.open()
        let events = (0..<250).map { i in
            (at: "2026-11-22T08:00:00.000Z", userID: "user-\(i % 3)", organisationID: "org-a", action: "read", entity: "client",
             entityID: "client-\(i)", clientID: i.isMultiple(of: 5) ? nil : "client-\(i)" as String?)
        }
        try await db.transaction { try await AuditLog.appendAll($0, events) }
        try await db.transaction { try await AuditLog.appendAll($0, Array(events.prefix(7))) }
        let v = try await AuditLog.verify(db)
        #expect(v.isIntact)
        #expect(v.checked == 257)
        let rows = try await db.read { try await $0.query("SELECT seq, entity_id, client_id FROM audit_events ORDER BY seq") }
        #expect(rows.map { $0.int("seq") } == Array(1...257))
        #expect(rows.prefix(250).map { $0.text("entity_id") } == events.map(\.entityID))
        #expect(rows.prefix(250).map { $0.text("client_id") } == events.map(\.clientID))
        await TestDatabase.dispose(db)
    }
}
