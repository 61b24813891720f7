import Counseling
import Eligibility
import Foundation
import HTTPTypes
import Reports
@testable import Storage
import Testing
@testable import Web

/// Art. 17 DSGVO: the coordination erases a client's file once the work is done – every record and upload in one
/// go, the audit trail kept and extended.
@Suite("Erasing a client's file")
struct ErasureTests {
    @Test(arguments: TestDatabase.available)
    func theCoordinationErasesAFinishedFileWithEveryRecordAndUpload(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            // A relative whose file stays: the relation to him goes with the erased file, he remains.
            try await f.addClient("client-k", fileNumber: "A-7", firstName: "Lina", lastName: "Haddad", born: Day("2015-03-01"))
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.10.2026")
                #expect(try await b.request(.post, casePath + "/sessions", form: ["csrf": csrf, "on": "05.10.2026", "duration": "45", "channel": "phone",
                                                                                  "language": "Arabisch", "record": "Unterlagen besprochen"]).status == .seeOther)
                let pdf = Array("%PDF-1.4\n% Pass\n".utf8) + Array(repeating: 0x20, count: 500)
                #expect(try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "german_certificate", "state": "received", "received_on": "10.11.2026"],
                                           file: ("file", "Zertifikat.pdf", "application/pdf", pdf)).status == .seeOther)
                #expect(try await b.request(.post, "/clients/client-a/relations", form: ["csrf": csrf, "kind": "child", "other": "A-7", "household": "1"]).status == .seeOther)
                #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25b", "filed_on": "15.11.2026"]).status == .seeOther)
                #expect(try await b.request(.post, casePath + "/reminders", form: ["csrf": csrf, "on": "10.12.2026", "title": "Nachfragen"]).status == .seeOther)
                let booking = ["csrf": csrf, "file_number": "A-1", "day": "24.11.2026", "time": "10:00", "duration": "60", "place": "Raum 2",
                               "language": "Arabisch", "channel": "phone", "counselor": "user-0"]
                #expect(try await b.request(.post, "/appointments", form: booking).status == .seeOther)
                let stored = try FileManager.default.contentsOfDirectory(atPath: f.services.config.uploadDirectory).filter { !$0.hasPrefix(".") }
                #expect(stored.count == 1)
                // The daughter's saved assessment names her father in its texts; a referral of him by the authority.
                #expect(try await b.request(.post, "/clients/client-k/assessment/snapshots", form: ["csrf": csrf, "on": "22.11.2026"]).status == .seeOther)
                let daughtersSnapshot = try #require(try await f.services.clients.snapshots(clientID: "client-k", organisation: "org-a").first)
                let named = try #require(try await f.services.clients.snapshot(id: daughtersSnapshot.id, clientID: "client-k", organisation: "org-a")).documentJSON
                #expect(named.contains("Mohammed Haddad"))
                // A saved assessment that names an open fact of his by his id (as an unclear family route does).
                let withID = AssessmentSnapshot(id: "snap-k-open", clientID: "client-k", on: Day("2026-11-20"), createdBy: "user-0", createdAt: "2026-11-20T08:00:00.000Z",
                                                lawVersions: [], documentJSON: #"{"open":["client-a/fdgo_declaration_on"],"text":"Mohammed Haddad"}"#)
                #expect(try await f.services.clients.saveSnapshot(withID, organisation: "org-a", audit: AuditContext(userID: "user-0", organisationID: "org-a", now: "2026-11-20T08:00:00.000Z")))
                // And a saved assessment of his own.
                #expect(try await b.request(.post, "/clients/client-a/assessment/snapshots", form: ["csrf": csrf, "on": "22.11.2026"]).status == .seeOther)
                let ownSnapshot = try #require(try await f.services.clients.snapshots(clientID: "client-a", organisation: "org-a").first)
                // His name is corrected after that (a transliteration): the saved assessments follow, so that the erasure
                // finds the name they write (QA18 H1: the former name outlived the erasure).
                #expect(try await b.request(.post, "/clients/client-a/name", form: ["csrf": csrf, "first_name": "Muhammad", "last_name": "Haddad"]).status == .seeOther)
                let rectified = try #require(try await f.services.clients.snapshot(id: daughtersSnapshot.id, clientID: "client-k", organisation: "org-a")).documentJSON
                #expect(rectified.contains("Muhammad Haddad") && !rectified.contains("Mohammed Haddad"))
                #expect(try await AuditLog.events(ofClient: "client-k", in: f.services.db).contains { $0.entity == "assessment_snapshot" && $0.action == "update" })
                // His own saved assessment, rewritten too, is a write in his trail (QA28 F3).
                #expect(try await AuditLog.events(ofClient: "client-a", in: f.services.db).contains { $0.entity == "assessment_snapshot" && $0.action == "update" && $0.entityID == ownSnapshot.id })
                try await f.services.cooperation.createReferral(Referral(id: "ref-a", authorityID: "org-abh", serviceID: "org-a", createdBy: "user-2", createdOn: Day("2026-09-01"),
                                                                         firstName: "Mohammed", lastName: "Haddad", born: Day("1990-05-05"), nationality: "SYR",
                                                                         reason: "Langjährig geduldet", state: .accepted, decidedOn: Day("2026-09-02"), clientID: "client-a"),
                                                                audit: AuditContext(userID: "user-2", organisationID: "org-abh", now: "2026-09-01T08:00:00.000Z"))

                // Only the coordination of the owning service may; a counselor is refused, another city sees nothing.
                #expect(try await b.request(.get, "/clients/client-a/erase").status == .forbidden)
                #expect(try await b.request(.post, "/clients/client-a/erase", form: ["csrf": csrf, "file_number": "A-1"]).status == .forbidden)
                let muldenau = Browser(client: b.client, clock: f.clock)
                let mc = try await muldenau.logIn(f.login(.coordinator, organisation: "org-b"))
                #expect(try await muldenau.request(.post, "/clients/client-a/erase", form: ["csrf": mc, "file_number": "A-1"]).status == .notFound)

                // With an open case and an appointment ahead it waits.
                let coord = Browser(client: b.client, clock: f.clock)
                let cc = try await coord.logIn(f.login(.coordinator))
                let page = try await coord.request(.get, "/clients/client-a/erase")
                #expect(page.status == .ok && page.body.contains("id=\"erase-blocked\"") && page.body.contains("1 offener Fall; 1 Termin ab heute; ein Antrag ist bei der Behörde noch nicht entschieden"))
                #expect(try await coord.request(.post, "/clients/client-a/erase", form: ["csrf": cc, "file_number": "A-1"]).status == .conflict)
                let appointment = try #require(try await f.services.appointments.appointments(organisation: "org-a", counselor: "user-0", from: Day("2026-11-24"), to: Day("2026-11-24")).first)
                #expect(try await b.request(.post, "/appointments/\(appointment.id)/cancel", form: ["csrf": csrf]).status == .seeOther)
                // The application still pending holds it too (QA18 L3): withdrawn, it no longer does.
                let appID = try #require(try await b.request(.get, casePath).body.components(separatedBy: "/applications/").dropFirst().first?.prefix { $0 != "/" })
                #expect(try await b.request(.post, casePath + "/applications/\(appID)/decision", form: ["csrf": csrf, "outcome": "withdrawn", "decided_on": "20.11.2026"]).status == .seeOther)
                #expect(try await b.request(.post, casePath + "/state", form: ["csrf": csrf, "state": "closed", "pathway": "25b", "counselor": "user-0",
                                                                              "closed_on": "21.11.2026", "outcome": "Beratung beendet"]).status == .seeOther)

                // A wrong file number changes nothing.
                let ready = try await coord.request(.get, "/clients/client-a/erase")
                // Everything that goes is named (QA of 06.12.2026: applications and reminders were not).
                #expect(ready.body.contains("1 Fall, 1 Beratung, 1 Antrag, 1 Wiedervorlage, 1 hochgeladenes Dokument") && ready.body.contains("Akte endgültig löschen"))
                let wrong = try await coord.request(.post, "/clients/client-a/erase", form: ["csrf": cc, "file_number": "A-2"])
                #expect(wrong.status == .unprocessableContent && wrong.body.contains("id=\"file_number-error\""))
                #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a") != nil)

                let done = try await coord.request(.post, "/clients/client-a/erase", form: ["csrf": cc, "file_number": " a-1 "])
                #expect(done.status == .ok && done.body.contains("id=\"erased\""))
                #expect(try await coord.request(.get, "/clients/client-a").status == .notFound)
                #expect(try await b.request(.get, casePath).status == .notFound)
                #expect(try await f.services.clients.client(id: "client-k", organisation: "org-a") != nil)
                // Nothing about the person is left in any table, and the upload is gone from disk.
                let rows = try await f.services.db.read { ex in
                    var n = 0
                    for (table, column) in [("clients", "id"), ("status_periods", "client_id"), ("cases", "client_id"), ("counseling_sessions", "client_id"),
                                            ("appointments", "client_id"), ("client_relations", "from_client"), ("client_relations", "to_client"),
                                            ("consents", "client_id"), ("applications", "client_id"), ("case_reminders", "client_id"), ("assessment_snapshots", "client_id")] {
                        n += try await ex.one(SQL("SELECT COUNT(*) AS n FROM \(table) WHERE \(column) = ?", ["client-a"]))?.int("n") ?? 0
                    }
                    return n + (try await ex.one("SELECT COUNT(*) AS n FROM case_documents")?.int("n") ?? 0)
                }
                #expect(rows == 0)
                // The daughter's assessment no longer names him; the referral stays without his data (QA of 06.12.2026).
                let unnamed = try #require(try await f.services.clients.snapshot(id: daughtersSnapshot.id, clientID: "client-k", organisation: "org-a")).documentJSON
                #expect(!unnamed.contains("Mohammed Haddad") && !unnamed.contains("Muhammad") && unnamed.contains("Familienmitglied (Akte gelöscht)"))
                // Nor his id, the key of his file's audit events (QA of 06.12.2026).
                let openFact = try #require(try await f.services.clients.snapshot(id: "snap-k-open", clientID: "client-k", organisation: "org-a")).documentJSON
                #expect(!openFact.contains("client-a") && openFact.contains("geloescht/fdgo_declaration_on") && !openFact.contains("Mohammed") && !openFact.contains("Muhammad"))
                // Both rewrites are writes in the daughter's trail, by the coordination (QA28 F3).
                let rewrites = try await AuditLog.events(ofClient: "client-k", in: f.services.db).filter { $0.action == "update" && $0.userID == "user-1" }
                #expect(rewrites.count == 2 && Set(rewrites.map(\.entityID)) == [daughtersSnapshot.id, "snap-k-open"] && rewrites.allSatisfy { $0.entity == "assessment_snapshot" })
                #expect((try? AssessmentDocument.decode(Data(unnamed.utf8))) != nil)
                // It is kept under a new id: the old one, in the file's audit events, no longer leads to it (QA18 L4).
                let kept = try await f.services.cooperation.referrals(of: "org-abh")
                #expect(kept.count == 1 && !kept.contains { $0.id == "ref-a" })
                let referral = try #require(kept.first)
                #expect(referral.firstName.isEmpty && referral.lastName.isEmpty && referral.born == nil && referral.nationality == nil && referral.reason.isEmpty)
                #expect(referral.clientID == nil && referral.state == .accepted && referral.decidedOn == Day("2026-09-02"))
                #expect(try await coord.request(.get, "/referrals").body.contains("<em>Angaben nicht mehr gespeichert</em>"))
                #expect(try FileManager.default.contentsOfDirectory(atPath: f.services.config.uploadDirectory).filter { !$0.hasPrefix(".") }.isEmpty)
                // The audit trail keeps the file's events, records the erasure, and is intact.
                let events = try await AuditLog.events(ofClient: "client-a", in: f.services.db)
                #expect(events.first?.action == "erase" && events.first?.userID == "user-1" && events.count > 5)
                #expect(try await AuditLog.verify(f.services.db).isIntact)
            }
        }
    }

    /// A declined referral keeps the person's data for its retention time (365 days after the decision), then the
    /// maintenance pass removes them; the referral stays as the record of a declined one (QA of 06.12.2026: kept for good).
    /// A child counseled in the father's open case is not due for erasure and is not erased: he counts in that case's
    /// assessment (QA18 M1: the son was listed as due and erased from the household). Unlinked, he may be.
    @Test(arguments: TestDatabase.available)
    func aRelativeOfAnOpenCaseWaitsForIt(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.addClient("client-k", fileNumber: "A-7", firstName: "Luka", lastName: "Haddad", born: Day("2015-03-01"))
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                _ = try await b.openCase("client-a", csrf: csrf, on: "01.10.2026")
                #expect(try await b.request(.post, "/clients/client-a/relations", form: ["csrf": csrf, "kind": "child", "other": "A-7", "household": "1"]).status == .seeOther)
                #expect(try await f.services.clients.retentionDay(clientID: "client-k", organisation: "org-a", today: Day("2040-01-01"), years: 3) == nil)
                let coord = Browser(client: b.client, clock: f.clock)
                let cc = try await coord.logIn(f.login(.coordinator))
                let page = try await coord.request(.get, "/clients/client-k/erase")
                #expect(page.status == .ok && page.body.contains("id=\"erase-blocked\"") && page.body.contains("1 offener Fall von Angehörigen"), "\(page.body.prefix(3000))")
                #expect(try await coord.request(.post, "/clients/client-k/erase", form: ["csrf": cc, "file_number": "A-7"]).status == .conflict)
                #expect(try await f.services.clients.client(id: "client-k", organisation: "org-a") != nil)
            }
        }
    }

    /// So does an accepted one (QA43 A5: kept for good; the client file holds the data), keeping its link to the file.
    /// The list reads the same after the time and after an erasure: the authority cannot tell them apart.
    @Test(arguments: TestDatabase.available)
    func aDecidedReferralKeepsThePersonsDataForItsRetentionTimeOnly(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            let audit = AuditContext(userID: "user-2", organisationID: "org-abh", now: "2025-11-01T08:00:00.000Z")
            // Today is 22.11.2026: decided on 21.11.2025 is past the 365 days, on 22.11.2025 not yet.
            for (id, decided) in [("old", Day("2025-11-21")), ("recent", Day("2025-11-22"))] {
                try await f.services.cooperation.createReferral(Referral(id: id, authorityID: "org-abh", serviceID: "org-a", createdBy: "user-2", createdOn: Day("2025-11-01"),
                                                                         firstName: "Amal", lastName: "Nasser", born: Day("1988-01-01"), nationality: "SYR", reason: "Langjährig geduldet",
                                                                         state: .declined, decidedOn: decided, declineReason: "Keine Kapazität"), audit: audit)
                try await f.services.cooperation.createReferral(Referral(id: "\(id)-accepted", authorityID: "org-abh", serviceID: "org-a", createdBy: "user-2", createdOn: Day("2025-11-01"),
                                                                         firstName: "Mohammed", lastName: "Haddad", born: Day("1990-01-01"), nationality: "SYR", reason: "Langjährig geduldet",
                                                                         state: .accepted, decidedOn: decided, clientID: "client-a"), audit: audit)
            }
            await Maintenance.run(f.services)
            let list = try await f.services.cooperation.referrals(of: "org-abh")
            let old = try #require(list.first { $0.id == "old" }), recent = try #require(list.first { $0.id == "recent" })
            #expect(old.firstName.isEmpty && old.lastName.isEmpty && old.born == nil && old.nationality == nil && old.reason.isEmpty && old.declineReason == "")
            #expect(old.state == .declined && old.decidedOn == Day("2025-11-21"))
            #expect(recent.firstName == "Amal" && recent.born == Day("1988-01-01") && recent.declineReason == "Keine Kapazität")
            let oldAccepted = try #require(list.first { $0.id == "old-accepted" }), recentAccepted = try #require(list.first { $0.id == "recent-accepted" })
            #expect(oldAccepted.firstName.isEmpty && oldAccepted.lastName.isEmpty && oldAccepted.born == nil && oldAccepted.nationality == nil && oldAccepted.reason.isEmpty)
            #expect(oldAccepted.state == .accepted && oldAccepted.clientID == "client-a")
            #expect(recentAccepted.lastName == "Haddad" && recentAccepted.born == Day("1990-01-01"))
            try await f.run { b in
                _ = try await b.logIn(f.login(.authorityClerk, organisation: "org-abh"))
                let page = try await b.request(.get, "/referrals").body
                #expect(page.components(separatedBy: "<em>Angaben nicht mehr gespeichert</em>").count == 3 && page.contains("Haddad, Mohammed"))
            }
        }
    }

    /// A funder's report of a past period gives the same figures after a file was erased: what the reports count stays,
    /// without name, content or link to a file. A relative's case in which the person was counseled first keeps its
    /// total of first sessions.
    @Test(arguments: TestDatabase.available)
    func aReportOfAPastPeriodGivesTheSameFiguresAfterAnErasure(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.addClient("client-k", fileNumber: "A-7", firstName: "Lina", lastName: "Haddad", born: Day("2015-03-01"))
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.02.2026")
                for (day, language) in [("05.02.2026", "Arabisch"), ("12.03.2026", "Arabisch"), ("02.04.2026", "Englisch")] {
                    #expect(try await b.request(.post, casePath + "/sessions", form: ["csrf": csrf, "on": day, "duration": "45", "channel": "phone",
                                                                                      "language": language, "pw_25b": "1", "record": "Unterlagen besprochen"]).status == .seeOther)
                }
                #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25b", "filed_on": "10.04.2026"]).status == .seeOther)
                let application = try #require(try await f.services.applications.reportApplications(organisation: "org-a").first)
                #expect(try await b.request(.post, casePath + "/applications/\(application.id)/decision",
                                            form: ["csrf": csrf, "outcome": "refused", "decided_on": "20.06.2026"]).status == .seeOther)
                #expect(try await b.request(.post, casePath + "/state", form: ["csrf": csrf, "state": "closed", "pathway": "25b", "counselor": "user-0",
                                                                              "closed_on": "30.06.2026", "outcome": "Beratung beendet"]).status == .seeOther)
                // The daughter's case, whose first session was held with the mother (recorded for her).
                let childCase = try await b.openCase("client-k", csrf: csrf, on: "01.05.2026", pathway: "25a")
                #expect(try await b.request(.post, childCase + "/sessions", form: ["csrf": csrf, "on": "20.05.2026", "duration": "30", "channel": "in_person",
                                                                                   "language": "Arabisch", "record": "Schulbesuch"]).status == .seeOther)
                let caseID = String(childCase.split(separator: "/").last!)
                try await f.services.db.transaction { ex in
                    try await ex.execute(SQL("""
                        INSERT INTO counseling_sessions (id, organisation_id, case_id, client_id, on_day, duration_minutes, channel, language, interpreter,
                          pathways, record, confidential_note, counselor_id, created_at, with_family)
                        VALUES ('s-mother', 'org-a', ?, 'client-a', '2026-05-06', 60, 'in_person', 'Arabisch', 1, '25a', 'Mit der Mutter', '', 'user-0', '2026-05-06T10:00:00.000Z', 1)
                        """, [caseID]))
                }

                let reports = ReportRoutes(services: f.services)
                func report() async throws -> CounselingReport {
                    try await reports.counselingReport("org-a", from: Day("2026-01-01"), to: Day("2026-11-22"),
                                                       applications: try await f.services.applications.reportApplications(organisation: "org-a"))
                }
                let before = try await report()
                #expect(before.sessions == 5 && before.firstSessions == 2 && before.persons == 2)

                let coord = Browser(client: b.client, clock: f.clock)
                let cc = try await coord.logIn(f.login(.coordinator))
                let page = try await coord.request(.get, "/clients/client-a/erase")
                #expect(page.body.contains("Damit Berichte über vergangene Zeiträume gleich bleiben"))
                #expect(try await coord.request(.post, "/clients/client-a/erase", form: ["csrf": cc, "file_number": "A-1"]).status == .ok)

                let after = try await report()
                #expect(after.sessions == before.sessions && after.firstSessions == before.firstSessions && after.persons == before.persons)
                #expect(after.tables == before.tables)
                #expect(after.languagePersons == before.languagePersons)
                // The application is counted still, as refused.
                #expect(try await f.services.applications.reportApplications(organisation: "org-a").map(\.outcome) == [.refused])
                // What is left names no client, case or session of the file, and the daughter's case keeps one session, now its first.
                let residue = try await f.services.db.read { ex in
                    try await ex.query("SELECT * FROM erased_sessions").map { try $0.string("person") + "|" + $0.string("kind") + "|" + $0.string("id") }
                }
                #expect(residue.count == 4 && residue.allSatisfy { !$0.contains("client-") && !$0.contains("s-mother") })
                #expect(residue.filter { $0.contains("|erstberatung|") }.count == 1)
                #expect(Set(residue.map { $0.split(separator: "|")[0] }).count == 1)
                #expect(try await f.services.cases.sessions(caseID: caseID, organisation: "org-a").map(\.clientID) == ["client-k"])
            }
        }
    }
}

/// A name is replaced where it stands for the person, not inside a relative's longer name that contains it (QA22 M1:
/// renaming the son "Ali Khan" changed his father "Mohammed Ali Khan").
@Suite("Names in saved assessments")
struct SnapshotNameTests {
    @Test func aLongerNameContainingTheNameIsKept() {
        let json = #"{"label":"Mohammed Ali Khan","text":"Kind von Mohammed Ali Khan; Elternteil von Ali Khan"}"#
        let renamed = SnapshotRedaction.replacing("Ali Khan", with: "Ali Chan", in: json, protecting: ["Mohammed Ali Khan"])
        #expect(renamed == #"{"label":"Mohammed Ali Khan","text":"Kind von Mohammed Ali Khan; Elternteil von Ali Chan"}"#)
    }
}
