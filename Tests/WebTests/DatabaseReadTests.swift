import Foundation
import Storage
import Testing

/// Reads go through SQLite connections the reading task drives itself (with kept statements) and fall back to the
/// pooled connections when all are taken; on PostgreSQL through the client's pool. Either way a read must return
/// exactly what was committed.
@Suite("Database reads")
struct DatabaseReadTests {
    static let texts = ["Müller", "„Zitat“ & <b>", "محمد", "🙂 ok", "", "O'Brien"]

    func table(_ db: any SQLDatabase) async throws {
        try await db.transaction { ex in
            try await ex.execute("CREATE TABLE read_probe (id INTEGER PRIMARY KEY, name TEXT, share DOUBLE PRECISION, note TEXT)")
            for (i, t) in Self.texts.enumerated() {
                try await ex.execute(SQL("INSERT INTO read_probe (id, name, share, note) VALUES (?, ?, ?, ?)",
                                         [i, t, 0.9299999999999999 + Double(i), i.isMultiple(of: 2) ? nil : "n\(i)" as String?]))
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func valuesComeBackAsCommitted(_ kind: TestDatabase) async throws {
        let db = try await kind.open()
        try await table(db)
        let rows = try await db.read { try await $0.query("SELECT id, name, share, note FROM read_probe ORDER BY id") }
        #expect(rows.map { $0.text("name") } == Self.texts)
        #expect(rows.map { $0.int("id") } == Array(0..<Self.texts.count))
        for (i, r) in rows.enumerated() {
            #expect(r.values["share"] == .double(0.9299999999999999 + Double(i)))
            #expect(r.text("note") == (i.isMultiple(of: 2) ? nil : "n\(i)"))
        }
        // Bound values select: the same statement text with other values (a kept statement is reset and rebound).
        for (i, t) in Self.texts.enumerated() {
            let hit = try await db.read { try await $0.one(SQL("SELECT id FROM read_probe WHERE name = ?", [t])) }
            #expect(hit?.int("id") == i)
        }
        #expect(try await db.read { try await $0.one(SQL("SELECT id FROM read_probe WHERE name = ?", ["nicht da"])) } == nil)
        await TestDatabase.dispose(db)
    }

    @Test(arguments: TestDatabase.available)
    func aCommittedWriteIsSeenByTheNextRead(_ kind: TestDatabase) async throws {
        let db = try await kind.open()
        try await table(db)
        for n in 0..<20 {
            try await db.transaction { try await $0.execute(SQL("UPDATE read_probe SET note = ? WHERE id = 0", ["v\(n)"])) }
            let note = try await db.read { try await $0.one("SELECT note FROM read_probe WHERE id = 0") }?.text("note")
            #expect(note == "v\(n)")
        }
        await TestDatabase.dispose(db)
    }

    @Test(arguments: TestDatabase.available)
    func manyConcurrentReadsAllAnswer(_ kind: TestDatabase) async throws {
        let db = try await kind.open()
        try await table(db)
        // More reads at once than connections: the direct readers and the pooled fallback both serve.
        let answers = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            for i in 0..<200 {
                group.addTask {
                    let k = i % Self.texts.count
                    let r = try await db.read { ex in
                        try await ex.one(SQL("SELECT name FROM read_probe WHERE id = ?", [k]))
                    }
                    return (k, r?.text("name"))
                }
            }
            var out: [(Int, String?)] = []
            for try await a in group { out.append(a) }
            return out
        }
        #expect(answers.count == 200)
        for (k, name) in answers { #expect(name == Self.texts[k]) }
        await TestDatabase.dispose(db)
    }

    @Test(arguments: TestDatabase.available)
    func manyDifferentStatementsKeepWorking(_ kind: TestDatabase) async throws {
        let db = try await kind.open()
        try await table(db)
        // `IN (?, …)` lists of every length: more texts than a reader keeps.
        for n in 1...300 {
            let marks = Array(repeating: "?", count: n).joined(separator: ",")
            let ids = (0..<n).map { $0 % Self.texts.count }
            let rows = try await db.read { try await $0.query(SQL("SELECT id FROM read_probe WHERE id IN (\(marks)) ORDER BY id", ids)) }
            #expect(rows.count == min(n, Self.texts.count))
        }
        await TestDatabase.dispose(db)
    }

    @Test func anSQLiteReadCannotWrite() async throws {
        let db = try await TestDatabase.sqlite.open()
        try await table(db)
        await #expect(throws: (any Error).self) {
            try await db.read { try await $0.execute("DELETE FROM read_probe") }
        }
        await #expect(throws: (any Error).self) {
            try await db.read { try await $0.query("SELECT nonsense FROM read_probe") }
        }
        // A kept statement never runs with a value left over from its last run: a missing value is an error.
        _ = try await db.read { try await $0.query(SQL("SELECT id FROM read_probe WHERE id = ? AND name = ?", [1, Self.texts[1]])) }
        await #expect(throws: (any Error).self) {
            try await db.read { try await $0.query(SQL("SELECT id FROM read_probe WHERE id = ? AND name = ?", [1])) }
        }
        let n = try await db.read { try await $0.query("SELECT id FROM read_probe") }.count
        #expect(n == Self.texts.count)
        await TestDatabase.dispose(db)
    }
}
