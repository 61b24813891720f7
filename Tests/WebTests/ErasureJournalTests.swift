import Counseling
import Eligibility
import Foundation
@testable import Storage
import Testing
@testable import Web

/// Art. 17 DSGVO after a restore: every erasure is also written to a journal outside the database, and a database
/// that still holds erased records (restored from a backup made before the erasure) loses them again.
@Suite("The erasure journal")
struct ErasureJournalTests {
    func journal(_ f: Fixture) throws -> ErasureJournal { ErasureJournal(path: try #require(f.services.config.erasureJournal)) }

    func installation(_ db: any SQLDatabase) async throws -> String {
        try await db.read { try await $0.one("SELECT id FROM installation")?.string("id") ?? "" }
    }

    func count(_ db: any SQLDatabase, _ sql: String, _ bind: String? = nil) async throws -> Int {
        try await db.read { try await $0.one(SQL("SELECT COUNT(*) AS n FROM " + sql, bind.map { [$0] } ?? []))?.int("n") ?? 0 }
    }

    /// A finished file of client-a with a session and an upload, made over HTTP; returns the upload's checksum.
    func finishedFile(_ f: Fixture, _ b: Browser, client: String = "client-a") async throws -> String {
        let csrf = try await b.logIn(f.login(.counselor))
        let casePath = try await b.openCase(client, csrf: csrf, on: "01.10.2026")
        #expect(try await b.request(.post, casePath + "/sessions", form: ["csrf": csrf, "on": "05.10.2026", "duration": "45", "channel": "phone",
                                                                          "language": "Arabisch", "record": "Unterlagen besprochen"]).status == .seeOther)
        let pdf = Array("%PDF-1.4\n% \(client)\n".utf8) + Array(repeating: 0x20, count: 500)
        #expect(try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "german_certificate", "state": "received", "received_on": "10.11.2026"],
                                   file: ("file", "Zertifikat.pdf", "application/pdf", pdf)).status == .seeOther)
        #expect(try await b.request(.post, casePath + "/state", form: ["csrf": csrf, "state": "closed", "pathway": "25b", "counselor": "user-0",
                                                                      "closed_on": "21.11.2026", "outcome": "Beratung beendet"]).status == .seeOther)
        return try await f.services.db.read { ex in
            try await ex.one(SQL("SELECT d.sha256 FROM case_documents d JOIN cases c ON c.id = d.case_id WHERE c.client_id = ?", [client]))?.string("sha256") ?? ""
        }
    }

    @Test(arguments: TestDatabase.available)
    func anErasureAndAWithdrawalAreJournaledWithIdsOnlyAndARefusedErasureIsNot(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                _ = try await self.finishedFile(f, b)
                let coord = Browser(client: b.client, clock: f.clock)
                let cc = try await coord.logIn(f.login(.coordinator))
                // Open work: refused, and nothing journaled.
                let counselor = Browser(client: b.client, clock: f.clock)
                let csrf = try await counselor.logIn(f.login(.counselor))
                _ = try await counselor.openCase("client-a", csrf: csrf, on: "21.11.2026")   // not before the last case closed
                #expect(try await coord.request(.post, "/clients/client-a/erase", form: ["csrf": cc, "file_number": "A-1"]).status == .conflict)
                #expect(try self.journal(f).entries().entries.isEmpty)
                let open = try #require(try await f.services.db.read { try await $0.one(SQL("SELECT id FROM cases WHERE client_id = ? AND state <> 'closed'", ["client-a"])) }?.string("id"))
                #expect(try await counselor.request(.post, "/cases/\(open)/state", form: ["csrf": csrf, "state": "closed", "pathway": "25b", "counselor": "user-0",
                                                                                  "closed_on": "21.11.2026", "outcome": "Beratung beendet"]).status == .seeOther)
                #expect(try await coord.request(.post, "/clients/client-a/erase", form: ["csrf": cc, "file_number": "A-1"]).status == .ok)

                let clerk = Browser(client: b.client, clock: f.clock)
                let clerkCSRF = try await clerk.logIn(f.login(.authorityClerk))
                #expect(try await clerk.request(.post, "/referrals", form: ["csrf": clerkCSRF, "service": "org-a", "first_name": "Samir", "last_name": "Yousef",
                                                                            "born": "12.03.1999", "nationality": "SYR", "reason": "Seit 2017 geduldet", "agreed": "1"]).status == .seeOther)
                let referral = try #require(try await f.services.db.read { try await $0.one("SELECT id FROM referrals") }?.string("id"))
                #expect(try await clerk.request(.post, "/referrals/\(referral)/withdraw", form: ["csrf": clerkCSRF, "reason": "An die falsche Stelle gesandt"]).status == .seeOther)

                let (entries, malformed) = try self.journal(f).entries()
                let id = try await self.installation(f.services.db)
                #expect(malformed.isEmpty)
                // The erasure is followed by the audit trail's head (QA28 F1: its event anchored at once, not at the next pass).
                #expect(entries.map { "\($0.kind.rawValue) \($0.organisation) \($0.installation == id)" } == ["client org-a true", "audit_head - true", "referral org-abh true"])
                #expect(entries.map(\.id).first == "client-a" && entries.last?.id == referral)
                let erasureSeq = try #require(try await f.services.db.read { try await $0.one("SELECT seq FROM audit_events WHERE action = 'erase'") }?.int("seq"))
                #expect((Int(entries[1].id.split(separator: ":")[0]) ?? 0) >= erasureSeq, "\(entries[1].id)")
                // Ids and times only: no name, birth date or reason; readable by the owner only.
                let text = try String(contentsOfFile: try self.journal(f).path, encoding: .utf8)
                for word in ["Haddad", f.clientA.lastName, "Yousef", "1999", "falsche"] { #expect(!text.contains(word), "\(word)") }
                let mode = try #require(try FileManager.default.attributesOfItem(atPath: try self.journal(f).path)[.posixPermissions] as? Int)
                #expect(mode & 0o077 == 0)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDatabaseThatStillHoldsJournaledRecordsLosesThemAgainAndOnlyThose(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.addClient("client-z", fileNumber: "A-9", firstName: "Mira", lastName: "Sadeghi", born: Day("1985-02-02"))
            try await f.run { b in _ = try await self.finishedFile(f, b, client: "client-z") }
            let upload = try await f.services.db.read { try await $0.one("SELECT sha256 FROM case_documents")?.string("sha256") ?? "" }
            let uploadPath = URL(fileURLWithPath: f.services.config.uploadDirectory).appendingPathComponent(upload).path
            #expect(FileManager.default.fileExists(atPath: uploadPath))
            try await f.services.cooperation.createReferral(Referral(id: "ref-1", authorityID: "org-abh", serviceID: "org-a", createdBy: "user-2", createdOn: Day("2026-11-20"),
                                                                     firstName: "Samir", lastName: "Yousef", born: Day("1999-03-12"), nationality: "SYR",
                                                                     reason: "Seit 2017 geduldet"),
                                                            audit: AuditContext(userID: "user-2", organisationID: "org-abh", now: "2026-11-22T08:00:00.000Z"))
            // As if erased in the database this one was restored from (and, for client-a, by another installation).
            let id = try await installation(f.services.db)
            let j = try journal(f)
            try j.append(.init(at: "2026-11-25T10:00:00.000Z", installation: id, kind: .client, organisation: "org-a", id: "client-z"))
            try j.append(.init(at: "2026-11-25T10:01:00.000Z", installation: "another-database", kind: .client, organisation: "org-a", id: "client-a"))
            try j.append(.init(at: "2026-11-25T10:02:00.000Z", installation: id, kind: .referral, organisation: "org-abh", id: "ref-1"))
            try j.append(.init(at: "2026-11-25T10:03:00.000Z", installation: id, kind: .client, organisation: "org-a", id: "client-gone"))
            let handle = try #require(FileHandle(forWritingAtPath: j.path))
            try handle.seekToEnd(); try handle.write(contentsOf: Data("kaputt\n".utf8)); try handle.close()

            let sessionsBefore = try await count(f.services.db, "counseling_sessions")
            let r = try await ErasureReplay.replay(f.services.db, journal: j, uploads: f.services.config.uploadDirectory, now: "2026-12-01T09:00:00.000Z")
            #expect(r == ErasureReplay.Summary(clients: 1, referrals: 1, files: 1, malformed: [5]))
            #expect(try await f.services.clients.client(id: "client-z", organisation: "org-a") == nil)
            #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a") != nil)
            #expect(try await count(f.services.db, "cases WHERE client_id = ?", "client-z") == 0)
            #expect(!FileManager.default.fileExists(atPath: uploadPath))
            // What the reports count stays, as after the erasure itself.
            #expect(try await count(f.services.db, "counseling_sessions") == sessionsBefore - 1)
            #expect(try await count(f.services.db, "erased_sessions") == 1)
            let referral = try await f.services.db.read { try await $0.one(SQL("SELECT state, first_name, born, reason, decided_on FROM referrals WHERE id = ?", ["ref-1"])) }
            #expect(referral?.text("state") == "withdrawn" && referral?.text("first_name") == "" && referral?.text("born") == nil
                    && referral?.text("reason") == "" && referral?.text("decided_on") == "2026-11-25")
            // Each repetition is an event of the audit trail, by the system, and the chain holds.
            let events = try await f.services.db.read { try await $0.query("SELECT action, entity_id, user_id FROM audit_events WHERE user_id = 'system' ORDER BY seq") }
            #expect(events.map { "\($0.text("action") ?? "") \($0.text("entity_id") ?? "")" } == ["erase client-z", "withdraw ref-1"])
            #expect(try await AuditLog.verify(f.services.db).problem == nil)
            // Done once: a second replay finds nothing to do.
            let again = try await ErasureReplay.replay(f.services.db, journal: j, uploads: f.services.config.uploadDirectory, now: "2026-12-01T09:05:00.000Z")
            #expect(again == ErasureReplay.Summary(clients: 0, referrals: 0, files: 0, malformed: [5]))
            #expect(try await count(f.services.db, "erased_sessions") == 1)
        }
    }

    /// No erasure without its entry: a journal that cannot be written leaves the file as it was.
    @Test(arguments: TestDatabase.available)
    func anErasureWhoseJournalCannotBeWrittenChangesNothing(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in _ = try await self.finishedFile(f, b) }
            // A directory where the journal's file should be.
            let blocked = FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-blocked-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: true)
            let store = ClientStore(db: f.services.db, journal: ErasureJournal(path: blocked))
            let events = try await count(f.services.db, "audit_events")
            await #expect(throws: ErasureJournal.Failure.self) {
                _ = try await store.erase(clientID: "client-a", organisation: "org-a", today: Day("2026-11-22"),
                                          audit: AuditContext(userID: "user-1", organisationID: "org-a", now: "2026-11-22T10:00:00.000Z"))
            }
            #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a") != nil)
            #expect(try await count(f.services.db, "counseling_sessions WHERE client_id = ?", "client-a") == 1)
            #expect(try await count(f.services.db, "erased_sessions") == 0)
            #expect(try await count(f.services.db, "audit_events") == events)
            // Over HTTP: the coordinator is told that nothing was erased and why, not to try again (QA36 F9).
            let path = try #require(f.services.config.erasureJournal)
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try await f.run { b in
                let cc = try await b.logIn(f.login(.coordinator))
                let refused = try await b.request(.post, "/clients/client-a/erase", form: ["csrf": cc, "file_number": "A-1"])
                #expect(refused.status == .serviceUnavailable && refused.body.contains("Die Akte wurde nicht gelöscht: Das Löschjournal lässt sich nicht schreiben"))
            }
            #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a") != nil)
        }
    }

    /// The whole path on SQLite: a backup, an erasure over HTTP, the backup restored – and the erased file is gone again.
    @Test func aRestoredBackupLosesAFileErasedAfterIt() async throws {
        try await Fixture.test(.sqlite) { f in
            let store = try #require(f.services.db as? SQLiteStore)
            try await f.run { b in _ = try await self.finishedFile(f, b) }
            let upload = try await f.services.db.read { try await $0.one("SELECT sha256 FROM case_documents")?.string("sha256") ?? "" }
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-journal-backup-\(UUID().uuidString)").path
            #expect(try await Backup.write(store, uploads: f.services.config.uploadDirectory, secretKey: f.services.config.secretKeyFile, to: dir, now: "2026-11-22T09:00:00.000Z").sound)
            try await f.run { b in
                let coord = Browser(client: b.client, clock: f.clock)
                let cc = try await coord.logIn(f.login(.coordinator))
                #expect(try await coord.request(.post, "/clients/client-a/erase", form: ["csrf": cc, "file_number": "A-1"]).status == .ok)
            }
            let liveResidue = try await count(store, "erased_sessions")
            #expect(liveResidue == 1)

            let target = FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-journal-restore-\(UUID().uuidString)")
            let path = target.appendingPathComponent("bleibe.sqlite").path, uploads = target.appendingPathComponent("uploads").path
            _ = try await Backup.restore(from: dir, sqlitePath: path, uploads: uploads)
            let restored = try await SQLiteStore.open(path: path, readers: 0)
            do {
                try await Migrations.migrate(restored, now: "2026-12-01T09:00:00.000Z")
                restored.auditKey.use(try SecretBox.load(path: try #require(f.services.config.secretKeyFile)).auditChainKey)
                #expect(try await installation(restored) == installation(store))
                #expect(try await count(restored, "clients WHERE id = ?", "client-a") == 1)
                #expect(FileManager.default.fileExists(atPath: uploads + "/" + upload))
                let r = try await ErasureReplay.replay(restored, journal: try journal(f), uploads: uploads, now: "2026-12-01T09:00:00.000Z")
                #expect(r.clients == 1 && r.files == 1)
                #expect(try await count(restored, "clients WHERE id = ?", "client-a") == 0)
                #expect(!FileManager.default.fileExists(atPath: uploads + "/" + upload))
                #expect(try await count(restored, "erased_sessions") == liveResidue)
                #expect(try await AuditLog.verify(restored).problem == nil)
            } catch { await restored.shutdown(); throw error }
            await restored.shutdown()
        }
    }

    /// A database that had a history before the journal existed takes its first audit event as its id: a backup made
    /// before the upgrade, restored and migrated, matches the journal the upgraded live database writes.
    @Test func anOlderDatabaseIsNamedByItsFirstAuditEvent() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-installation-\(UUID().uuidString)")
        let db = try await SQLiteStore.open(path: dir.appendingPathComponent("old.sqlite").path, readers: 0)
        do {
            try await Migrations.migrate(db, now: "2026-01-01T08:00:00.000Z", through: 28)
            try await db.transaction { ex in
                try await AuditLog.append(ex, at: "2026-01-02T08:00:00.000Z", userID: "u", organisationID: "o", action: "create", entity: "client", entityID: "c", clientID: "c")
            }
            try await Migrations.migrate(db, now: "2026-12-01T08:00:00.000Z")
            let first = try await db.read { try await $0.one("SELECT hash FROM audit_events WHERE seq = 1")?.string("hash") ?? "" }
            #expect(try await installation(db) == "audit-" + first.prefix(32))
            let fresh = try await TestDatabase.sqlite.open()
            let other = try await installation(fresh)
            await TestDatabase.dispose(fresh)
            let own = try await installation(db)
            #expect(other.count == 36 && other != own)
        } catch { await db.shutdown(); throw error }
        await db.shutdown()
    }
}
