import Counseling
import Eligibility
import Foundation
import HTTPTypes
import NIOCore
import Screening
import Storage
import Testing
import Views
@testable import Web

extension Browser {
    /// Sends a multipart/form-data form with one file, as a browser does for an upload.
    func upload(_ uri: String, fields: [String: String], file: (field: String, name: String, type: String, bytes: [UInt8])?) async throws -> Page {
        let boundary = "----bleibe\(UUID().uuidString)"
        var body: [UInt8] = []
        for (k, v) in fields { body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8) }
        if let f = file {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(f.field)\"; filename=\"\(f.name)\"\r\nContent-Type: \(f.type)\r\n\r\n".utf8)
            body += f.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let r = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        return Page(status: r.status, headers: r.headers, body: String(buffer: r.body))
    }
}

@Suite("Applications, decisions and documents")
struct ApplicationTests {
    @Test(arguments: TestDatabase.available)
    func aDecisionRecordedInErrorIsTakenBackAndAGrantLeavesTheHistoryAsItWas(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.09.2026")
                #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25b", "filed_on": "01.10.2026"]).status == .seeOther)
                // A second application for the same permit while the first is undecided is a double entry.
                let second = try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25b", "filed_on": "03.10.2026"])
                #expect(second.status == .conflict && second.body.contains("Ein Antrag nach § 25b Abs. 1 AufenthG vom 01.10.2026 ist noch nicht entschieden") && second.body.contains("value=\"03.10.2026\""))
                let original = try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts.status
                let appID = try #require(try await b.request(.get, casePath).body.components(separatedBy: "/applications/").dropFirst().first?.prefix { $0 != "/" })
                let decide = casePath + "/applications/\(appID)/decision", reopen = casePath + "/applications/\(appID)/reopen"
                // "Decided" by hand, without a recorded decision, is refused.
                let byHand = try await b.request(.post, casePath + "/state", form: ["csrf": csrf, "state": "decided", "pathway": "25b", "counselor": "user-0"])
                #expect(byHand.status == .unprocessableContent && byHand.body.contains("setzt eine erfasste Entscheidung voraus"))
                // A pending application has nothing to take back.
                #expect(try await b.request(.post, reopen, form: ["csrf": csrf]).status == .conflict)
                let statusBefore = b.formFields(try await b.request(.get, "/clients/client-a/status"))
                #expect(try await b.request(.post, decide, form: ["csrf": csrf, "outcome": "granted", "decided_on": "20.11.2026", "permit_until": "19.11.2028"]).status == .seeOther)
                #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts.status?.count == 4)
                // The grant changed the history like the editor does: a status form opened before it cannot undo it (QA of 05.12.2026).
                #expect(try await b.request(.post, "/clients/client-a/status", form: statusBefore).status == .conflict)
                #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts.status?.count == 4)
                #expect(try await b.request(.get, casePath).body.contains("Entscheidung zurücknehmen"))
                // The permit is held now: a letter applying for it would be untrue and is not offered (QA of 05.12.2026).
                let afterGrant = try await b.request(.get, casePath + "/letters/application")
                #expect(afterGrant.body.contains("besteht heute bereits die Aufenthaltserlaubnis nach § 25b") && !afterGrant.body.contains("<article"))
                // Another service cannot; the counselor can: the history is as before, the application pending, the case back at "filed".
                let other = Browser(client: b.client, clock: f.clock)
                let oc = try await other.logIn(f.login(.counselor, organisation: "org-b"))
                #expect(try await other.request(.post, reopen, form: ["csrf": oc]).status == .notFound)
                #expect(try await b.request(.post, reopen, form: ["csrf": csrf]).status == .seeOther)
                #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts.status == original)
                let apps = try await b.request(.get, "/api/v1" + casePath + "/applications").body
                #expect(apps.contains("\"outcome\":\"pending\"") && !apps.contains("decided_on"))
                #expect(try await b.request(.get, "/api/v1/clients/client-a/cases").body.contains("\"state\":\"application_filed\""))
                let audit = try await AuditLog.events(ofClient: "client-a", in: f.services.db)
                #expect(audit.contains { $0.action == "reopen" && $0.entity == "application" })
                // Granted again, then the history is changed by hand: taking the grant back leaves the history alone and says so.
                #expect(try await b.request(.post, decide, form: ["csrf": csrf, "outcome": "granted", "decided_on": "20.11.2026", "permit_until": "19.11.2028"]).status == .seeOther)
                var edited = try #require(try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts.status)
                edited[edited.count - 1].validUntil = nil
                edited[edited.count - 1].to = Day("2026-11-21")
                edited.append(StatusPeriod(kind: .fiktion, from: Day("2026-11-22")))
                edited[edited.count - 1].fiktion = .continuation; edited[edited.count - 1].continues = "25b"
                guard case .saved = try await f.services.clients.replaceStatus(clientID: "client-a", organisation: "org-a", periods: edited,
                                                                               audit: AuditContext(userID: "user-0", organisationID: "org-a", now: "2026-11-22T09:00:00.000Z"))
                else { Issue.record("not saved"); return }
                let kept = try await b.request(.post, reopen, form: ["csrf": csrf])
                #expect(kept.status == .seeOther && kept.headers[.location]?.contains("hinweis=statusverlauf") == true)
                #expect(try await b.request(.get, try #require(kept.headers[.location])).body.contains("von Hand geändert"))
                #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts.status == edited)
            }
        }
    }

    /// K10: a pending application fixes the application date of every pathway – an age limit is judged on the day it
    /// was filed, not on the day of the assessment.
    @Test(arguments: TestDatabase.available)
    func aPendingApplicationIsTheApplicationDateOfTheAssessment(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            var facts = f.clientA.facts
            facts.born = Day("1999-12-10")   // 27 on 10.12.2026
            facts.status = [StatusPeriod(kind: .duldung, from: Day("2020-11-15"))]
            let young = Client(id: "client-y", organisationID: "org-a", fileNumber: "A-9", firstName: "Nour", lastName: "Saleh", facts: facts)
            try await f.services.clients.create(young, audit: AuditContext(userID: "user-0", organisationID: "org-a", now: "2026-11-22T08:00:00.000Z"))
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let later = "/clients/client-y/assessment?on=15.01.2027"
                func lateApplication(_ body: String) -> Bool {
                    let section = body.components(separatedBy: "id=\"p-25a\"").dropFirst().first?.components(separatedBy: "</section>").first ?? ""
                    return section.contains("Antrag vor Vollendung des 27. Lebensjahres – nicht erfüllt")
                }
                #expect(lateApplication(try await b.request(.get, later).body))
                #expect(try await b.request(.get, "/clients/client-y/assessment").body.contains("Letzter Tag für einen Antrag nach § 25a: 09.12.2026"))
                let casePath = try await b.openCase("client-y", csrf: csrf, on: "01.11.2026", pathway: "25a")
                #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25a", "filed_on": "20.11.2026"]).status == .seeOther)
                let page = try await b.request(.get, later).body
                #expect(!lateApplication(page) && page.contains("Antragsdatum: <strong>20.11.2026</strong>"))
                // The plan names the application instead of advising to file it (and so do the API and a saved assessment).
                // § 25a is not open on 15.01.2027 (a fact is missing): the pending application is named with that result.
                let pending = "§ 25a Abs. 1 AufenthG: Antrag am 20.11.2026 gestellt, noch nicht entschieden, nach dieser Prüfung derzeit unklar"
                #expect(page.contains(pending))
                #expect(try await b.request(.get, "/api/v1/clients/client-y/assessment?on=2027-01-15").body.contains(pending))
                // Filed in time: no reminder of the last filing day any more.
                #expect(!(try await b.request(.get, "/clients/client-y/assessment").body.contains("Letzter Tag für einen Antrag nach § 25a")))
                // Before the filing day the application did not exist yet.
                let before = try await b.request(.get, "/clients/client-y/assessment?on=19.11.2026").body
                #expect(!before.contains("Antragsdatum") && !before.contains("id=\"future-note\""))
                // A day ahead says what it assumes, one far ahead that it is uncertain (QA of 06.12.2026).
                #expect(page.contains("id=\"future-note\"") && !page.contains("mehr als fünf Jahre voraus"))
                #expect(try await b.request(.get, "/clients/client-y/assessment?on=01.01.2040").body.contains("Der Tag liegt mehr als fünf Jahre voraus"))
                // The API and a saved assessment record it too.
                #expect(try await b.request(.get, "/api/v1/clients/client-y/assessment?on=2027-01-15").body.contains("\"applied_on\" : \"2026-11-20\""))
            }
        }
    }

    /// From the QA of 05.12.2026: an application before the entry, one on a closed case, and a case called decided
    /// while another of its applications is still open.
    @Test(arguments: TestDatabase.available)
    func applicationsFitTheEntryAndTheCaseAndTheCaseIsDecidedWhenNothingIsPending(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.09.2026", source: "self", pathway: "25b")
                let early = try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "60d", "filed_on": "01.01.2020"])
                #expect(early.status == .unprocessableContent && early.body.contains("nicht vor der Einreise (15.11.2020)"))
                // Not under a provision before it existed (§ 104c since 31.12.2022).
                let beforeLaw = try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "104c", "filed_on": "01.06.2022"])
                #expect(beforeLaw.status == .unprocessableContent && beforeLaw.body.contains("§ 104c AufenthG gilt erst seit dem"))
                // A case is not opened before the entry either.
                let earlyCase = try await b.request(.post, "/clients/client-a/cases", form: ["csrf": csrf, "opened_on": "01.01.2019", "referral_source": "self"])
                #expect(earlyCase.status == .unprocessableContent && earlyCase.body.contains("nicht vor der Einreise"))
                #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25-5", "filed_on": "01.10.2026"]).status == .seeOther)
                #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25b", "filed_on": "02.10.2026"]).status == .seeOther)
                let page = try await b.request(.get, casePath)
                let ids = page.body.components(separatedBy: "/applications/").dropFirst().compactMap { $0.contains("/decision") ? String($0.prefix { $0 != "/" }) : nil }
                let first = try #require(ids.first)
                // A validity belongs to a grant only (QA of 05.12.2026: a refusal with "gültig bis" was taken).
                let refusedWithValidity = try await b.request(.post, casePath + "/applications/\(first)/decision", form: ["csrf": csrf, "outcome": "refused", "decided_on": "20.11.2026", "permit_until": "01.01.2030"])
                #expect(refusedWithValidity.status == .unprocessableContent && refusedWithValidity.body.contains("Gültigkeit gibt es nur bei einer Erteilung") && refusedWithValidity.body.contains("value=\"01.01.2030\""))
                #expect(try await b.request(.post, casePath + "/applications/\(first)/decision", form: ["csrf": csrf, "outcome": "refused", "decided_on": "20.11.2026"]).status == .seeOther)
                let caseID = String(casePath.split(separator: "/").last!)
                #expect(try await f.services.cases.counselingCase(id: caseID, organisation: "org-a")?.state == .applicationFiled)
                // An appointment still ahead is named on the closed case (QA of 05.12.2026: it stayed unnoticed).
                #expect(try await b.request(.post, "/appointments", form: ["csrf": csrf, "file_number": "A-1", "day": "24.11.2026", "time": "10:00", "duration": "60",
                                                                           "place": "Raum 1", "language": "Arabisch", "counselor": "user-0", "channel": "phone"]).status == .seeOther)
                // The open case lists it, and offers to make another with the file number filled in (QA of 06.12.2026).
                let open = try await b.request(.get, casePath).body
                #expect(open.contains("<li>24.11.2026, 10:00 Uhr – angefragt, Raum 1") && open.contains("href=\"/appointments?file_number=A%2D1#new\""))
                #expect(try await b.request(.get, "/appointments?file_number=A%2D1").body.contains("value=\"A-1\""))
                // A case with an application still pending is closed only when that is confirmed (QA23 F1).
                let closing = ["csrf": csrf, "state": "closed", "pathway": "25b", "counselor": "user-0", "closed_on": "21.11.2026", "outcome": "Beratung beendet"]
                let unconfirmed = try await b.request(.post, casePath + "/state", form: closing)
                #expect(unconfirmed.status == .unprocessableContent && unconfirmed.body.contains("vom 02.10.2026 ist noch nicht entschieden")
                        && unconfirmed.body.contains("id=\"close_pending\" name=\"close_pending\""))
                // A closed case takes no new application.
                #expect(try await b.request(.post, casePath + "/state", form: closing.merging(["close_pending": "1"]) { _, b in b }).status == .seeOther)
                #expect(try await b.request(.get, casePath).body.contains("Für diese Person steht noch ein Termin an (am 24.11.2026, 10:00 Uhr)"))
                let closed = try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "60d", "filed_on": "20.11.2026"])
                #expect(closed.status == .conflict && closed.body.contains("Die Akte ist abgeschlossen"))
                // Nor anything else (QA of 05.12.2026: sessions, reminders, documents, the meeting and taking back a
                // decision were still taken), and its page offers no form but the state's.
                let sessionsBefore = try await f.services.cases.sessions(caseID: caseID, organisation: "org-a").count
                let changes: [(String, [String: String])] = [
                    ("/sessions", ["on": "21.11.2026", "duration": "30", "channel": "phone", "record": "nach Schließung"]),
                    ("/reminders", ["on": "10.12.2026", "title": "WV nach Schließung"]),
                    ("/meeting", ["meeting": "x", "question": "Frage"]),
                    ("/applications/\(first)/reopen", [:]),
                ]
                for (path, fields) in changes {
                    let r = try await b.request(.post, casePath + path, form: fields.merging(["csrf": csrf]) { a, _ in a })
                    #expect(r.status == .conflict && r.body.contains("Die Akte ist abgeschlossen"), "\(path) → \(r.status)")
                }
                #expect(try await f.services.cases.sessions(caseID: caseID, organisation: "org-a").count == sessionsBefore)
                #expect(try await f.services.applications.applications(caseID: caseID, organisation: "org-a").first { $0.id == first }?.outcome == .refused)
                let closedPage = try await b.request(.get, casePath)
                #expect(closedPage.body.contains("id=\"case-closed\"") && closedPage.body.contains("action=\"\(casePath)/state\""))
                for action in ["/sessions\"", "/applications\"", "/documents\"", "/reminders\"", "/meeting\"", "/reopen\""] {
                    #expect(!closedPage.body.contains("action=\"\(casePath)\(action)"), "\(action)")
                }
                // Opened again, it takes changes again.
                #expect(try await b.request(.post, casePath + "/state", form: ["csrf": csrf, "state": "open", "pathway": "25b", "counselor": "user-0"]).status == .seeOther)
                #expect(try await b.request(.post, casePath + "/reminders", form: ["csrf": csrf, "on": "10.12.2026", "title": "Wieder offen"]).status == .seeOther)
            }
        }
    }

    /// A pending application recorded in error is deleted (audited), the case back to open; a new application after a
    /// decision makes the case pending again (QA43 C1, C5).
    @Test(arguments: TestDatabase.available)
    func anApplicationRecordedInErrorIsDeletedAndANewOneIsPendingAgain(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.09.2026")
                func state() async throws -> String { try await b.request(.get, "/api/v1/clients/client-a/cases").body }
                func firstID() async throws -> String {
                    String(try #require(try await b.request(.get, casePath).body.components(separatedBy: "/applications/").dropFirst().first?.prefix { $0 != "/" }))
                }
                #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25b", "filed_on": "01.10.2026"]).status == .seeOther)
                let wrong = try await firstID()
                #expect(try await b.request(.get, casePath).body.contains("Eintrag löschen (Erfassungsfehler)"))
                // Another service's counselor cannot.
                let other = Browser(client: b.client, clock: f.clock)
                let oc = try await other.logIn(f.login(.counselor, organisation: "org-b"))
                #expect(try await other.request(.post, casePath + "/applications/\(wrong)/remove", form: ["csrf": oc]).status == .notFound)
                #expect(try await b.request(.post, casePath + "/applications/\(wrong)/remove", form: ["csrf": csrf]).status == .seeOther)
                #expect(!(try await b.request(.get, "/api/v1" + casePath + "/applications").body.contains(wrong)))
                #expect(try await state().contains("\"state\":\"open\""))
                #expect(try await AuditLog.events(ofClient: "client-a", in: f.services.db).contains { $0.action == "delete" && $0.entity == "application" && $0.entityID == wrong })
                // Filed, withdrawn (decided), filed again: pending again, not "entschieden".
                #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25b", "filed_on": "02.10.2026"]).status == .seeOther)
                let first = try await firstID()
                #expect(try await b.request(.post, casePath + "/applications/\(first)/decision", form: ["csrf": csrf, "outcome": "withdrawn", "decided_on": "10.10.2026", "permit_until": ""]).status == .seeOther)
                #expect(try await state().contains("\"state\":\"decided\""))
                // A decided application is not deleted: its decision is taken back first.
                #expect(try await b.request(.post, casePath + "/applications/\(first)/remove", form: ["csrf": csrf]).status == .conflict)
                #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25b", "filed_on": "12.10.2026"]).status == .seeOther)
                #expect(try await state().contains("\"state\":\"application_filed\""))
                // The new one deleted again: the case is back at the decision it holds.
                let apps = try await f.services.applications.applications(caseID: String(casePath.dropFirst("/cases/".count)), organisation: "org-a")
                let pending = try #require(apps.first { $0.outcome == .pending }?.id)
                #expect(try await b.request(.post, casePath + "/applications/\(pending)/remove", form: ["csrf": csrf]).status == .seeOther)
                #expect(try await state().contains("\"state\":\"decided\""))
            }
        }
    }

    @Test func undoingAGrantRestoresTheEndOfThePeriodItCut() {
        let day = Day("2026-11-20")
        let open = [StatusPeriod(kind: .duldung, from: Day("2023-07-01"))]
        let ended = [StatusPeriod(kind: .duldung, from: Day("2023-07-01"), to: Day("2026-12-31"))]
        for before in [open, ended] {
            guard case .success(let granted) = ApplicationRules.history(afterGranting: .p25b, on: day, until: Day("2028-11-19"), to: before) else { Issue.record("grant"); continue }
            let previous = ApplicationRules.previousEnd(of: before)
            #expect(ApplicationRules.PreviousEnd(code: previous.code) == previous)
            #expect(ApplicationRules.history(undoingGrantOf: .p25b, on: day, until: Day("2028-11-19"), previousEnd: previous, from: granted) == before)
            // The granted period corrected by hand since (its validity): left alone, for the counselor to check.
            var corrected = granted; corrected[corrected.count - 1].validUntil = Day("2028-05-31")
            #expect(ApplicationRules.history(undoingGrantOf: .p25b, on: day, until: Day("2028-11-19"), previousEnd: previous, from: corrected) == nil)
            // Not the grant of this pathway or day, or no record of the end before: left alone.
            #expect(ApplicationRules.history(undoingGrantOf: .p104c, on: day, until: Day("2028-11-19"), previousEnd: previous, from: granted) == nil)
            #expect(ApplicationRules.history(undoingGrantOf: .p25b, on: day.adding(days: 1), until: Day("2028-11-19"), previousEnd: previous, from: granted) == nil)
            #expect(ApplicationRules.history(undoingGrantOf: .p25b, on: day, until: Day("2028-11-19"), previousEnd: nil, from: granted) == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aGrantedApplicationAddsTheNewPermitToTheHistoryAndTheAssessmentFollows(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.09.2026", source: "self", pathway: "25b")
                let before = try await b.request(.get, "/api/v1/clients/client-a/assessment").body
                let future = try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25-5", "filed_on": "01.12.2026"])
                #expect(future.status == .unprocessableContent && future.body.contains("id=\"filed_on\" name=\"filed_on\" size=\"10\" required value=\"01.12.2026\"") && future.body.contains("<option value=\"25-5\" selected>"))
                #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25b", "filed_on": "01.10.2026"]).status == .seeOther)
                let page = try await b.request(.get, casePath)
                let appID = try #require(page.body.components(separatedBy: "/applications/").dropFirst().first?.prefix { $0 != "/" })
                let decide = casePath + "/applications/\(appID)/decision"
                // Bad decisions change nothing: before the filing, a grant without validity.
                #expect(try await b.request(.post, decide, form: ["csrf": csrf, "outcome": "granted", "decided_on": "30.09.2026", "permit_until": "19.11.2028"]).status == .unprocessableContent)
                let noUntil = try await b.request(.post, decide, form: ["csrf": csrf, "outcome": "granted", "decided_on": "20.11.2026", "permit_until": ""])
                #expect(noUntil.status == .unprocessableContent && noUntil.body.contains("Bei einer Erteilung bitte die Gültigkeit angeben."))
                #expect(noUntil.body.contains("id=\"u-\(appID)-error\""))
                // § 25b Abs. 5 S. 1: at most two years.
                let tooLong = try await b.request(.post, decide, form: ["csrf": csrf, "outcome": "granted", "decided_on": "20.11.2026", "permit_until": "20.11.2028"])
                #expect(tooLong.status == .unprocessableContent && tooLong.body.contains("höchstens zwei Jahre") && tooLong.body.contains("gültig bis spätestens 19.11.2028"))
                // The refused decision comes back as sent: outcome, day and validity.
                #expect(tooLong.body.contains("value=\"20.11.2028\"") && tooLong.body.contains("<option value=\"granted\" selected>"))   // at the field, and the summary's link leads there
                #expect(try await b.request(.get, "/api/v1/clients/client-a/status-periods").body.contains("duldung"))
                #expect(!(try await b.request(.get, "/api/v1/clients/client-a/status-periods").body.contains("aufenthaltserlaubnis")))
                // Letters are filled from the case and addressed to the cooperating authority; documents received are enclosed.
                #expect(try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "passport", "state": "received", "received_on": "15.11.2026"], file: nil).status == .seeOther)
                let letter = try await b.request(.get, casePath + "/letters/application")
                #expect(letter.status == .ok)
                #expect(letter.body.contains("Anlagen: Pass oder Nachweis der Passbeschaffung (z. B. Botschaftsvorsprache)"))
                #expect(letter.body.contains("Antrag auf Erteilung einer Aufenthaltserlaubnis nach § 25b Abs. 1 AufenthG – Mohammed Haddad, geb. 05.05.1990"))
                #expect(letter.body.contains("ABH Elbstadt") && letter.body.contains("<dd>22.11.2026</dd>") && letter.body.contains("<dd>A-1</dd>"))
                // The documents the case lists (by their names), before and after the decision.
                func documentKinds() async throws -> [String] {
                    let section = try await b.request(.get, casePath).body.components(separatedBy: "id=\"documents\"").dropFirst().first?.components(separatedBy: "</section>").first ?? ""
                    return DocumentKind.allCases.map(\.german).filter(section.contains)
                }
                let kindsFiled = try await documentKinds()
                #expect(kindsFiled.contains(DocumentKind.passport.german))
                // The grant: the Duldung ends the day before, the permit under § 25b starts on the day of the decision.
                #expect(try await b.request(.post, decide, form: ["csrf": csrf, "outcome": "granted", "decided_on": "20.11.2026", "permit_until": "19.11.2028"]).status == .seeOther)
                let periods = try await b.request(.get, "/api/v1/clients/client-a/status-periods").body
                #expect(periods.contains("\"to\":\"2026-11-19\""))
                #expect(periods.contains("\"kind\":\"aufenthaltserlaubnis\"") && periods.contains("\"basis\":\"25b\"") && periods.contains("\"valid_until\":\"2028-11-19\""))
                let after = try await b.request(.get, "/api/v1/clients/client-a/assessment").body
                #expect(after != before)
                // The page says that the § 25b permit is already held; its section is about a new grant.
                let page25b = try await b.request(.get, "/clients/client-a/assessment").body.components(separatedBy: "id=\"p-25b\"").dropFirst().first ?? ""
                #expect(page25b.components(separatedBy: "</section>")[0].contains("Diese Aufenthaltserlaubnis besteht bereits"))
                let apps = try await b.request(.get, "/api/v1" + casePath + "/applications").body
                #expect(apps.contains("\"outcome\":\"granted\"") && apps.contains("\"decided_on\":\"2026-11-20\""))
                #expect(try await b.request(.get, "/api/v1/clients/client-a/cases").body.contains("\"state\":\"decided\""))
                // The decided case keeps the list it had when the application was filed (QA of 06.12.2026: Duldung
                // certificates were asked for after the grant, rows of the application were gone).
                #expect(try await documentKinds() == kindsFiled)
                // The client's plan names the permit held and its renewal, not "no route" (QA of 06.12.2026).
                let plan = try await b.request(.get, "/clients/client-a/plan?lang=en").body
                #expect(plan.contains("id=\"held\"") && plan.contains("You hold a residence permit under") && plan.contains("valid until 19.11.2028"))
                #expect(!plan.contains("no route is met"))
                // No heading without anything under it (QA26 C10).
                if let section = plan.components(separatedBy: "id=\"plan-pathways\"").dropFirst().first?.components(separatedBy: "</section>").first {
                    #expect(section.contains("<li>") || section.contains("<p>"))
                }
                // With the permit held, the letter applying for it would be untrue and is not offered (QA of 05.12.2026).
                let afterGrantLetter = try await b.request(.get, casePath + "/letters/application")
                #expect(afterGrantLetter.body.contains("besteht heute bereits die Aufenthaltserlaubnis nach § 25b") && !afterGrantLetter.body.contains("<article"))
                // The client now holds the permit and has no entry ban recorded: those two letters would be untrue.
                let entryBan = try await b.request(.get, casePath + "/letters/entry_ban")
                #expect(entryBan.status == .ok && entryBan.body.contains("kein Einreise- und Aufenthaltsverbot erfasst") && !entryBan.body.contains("<article"))
                let certificate = try await b.request(.get, casePath + "/letters/duldung_certificate").body
                #expect(certificate.contains("keine Duldung") && !certificate.contains("<article"))
                #expect(try await b.request(.get, casePath + "/letters/nonsense").status == .notFound)
                // A decided application is not decided again (a second tab is told why).
                let twice = try await b.request(.post, decide, form: ["csrf": csrf, "outcome": "refused", "decided_on": "21.11.2026"])
                #expect(twice.status == .conflict && twice.body.contains("bereits entschieden"))
                // The case is closed with its outcome (both are required to close).
                let noOutcome = try await b.request(.post, casePath + "/state", form: ["csrf": csrf, "state": "closed", "pathway": "25b", "counselor": "user-0", "closed_on": "21.11.2026", "outcome": ""])
                #expect(noOutcome.status == .unprocessableContent && noOutcome.body.contains("id=\"outcome-error\""))
                // The refused form keeps what was chosen and typed.
                #expect(noOutcome.body.contains("<option value=\"closed\" selected>") && noOutcome.body.contains("id=\"closed_on\" name=\"closed_on\" size=\"10\" value=\"21.11.2026\""))
                #expect(try await b.request(.post, casePath + "/state", form: ["csrf": csrf, "state": "closed", "pathway": "25b", "counselor": "user-0",
                                                                              "closed_on": "21.11.2026", "outcome": "Aufenthaltserlaubnis nach § 25b erteilt"]).status == .seeOther)
                #expect(try await b.request(.get, casePath).body.contains("geschlossen am 21.11.2026: Aufenthaltserlaubnis nach § 25b erteilt"))
                #expect(try await b.request(.get, "/api/v1/clients/client-a/cases").body.contains("\"state\":\"closed\""))
                // The reminders now follow the new permit: it runs out on 19.11.2028, reminded four weeks ahead.
                let reminders = try await b.request(.get, "/api/v1" + casePath + "/reminders").body
                #expect(reminders.contains("\"kind\":\"status_ends\"") && reminders.contains("\"date\":\"2028-11-19\""))
                // The other city's counselor sees nothing of it.
                let other = Browser(client: b.client, clock: f.clock)
                try await other.logIn(f.login(.counselor, organisation: "org-b"))
                #expect(try await other.request(.get, "/api/v1" + casePath + "/applications").status == .notFound)
                #expect(try await other.request(.get, casePath + "/letters/application").status == .notFound)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func documentsAreTickedAndUploadedWithLimitsAndServedOnlyAsDownloads(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.09.2026", source: "self", pathway: "25b")
                let page = try await b.request(.get, casePath)
                // The checklist for § 25b: passport, the A2 certificate, "Leben in Deutschland", employment …
                for kind in ["passport", "german_certificate", "civic_test", "employment"] { #expect(page.body.contains("id=\"doc-\(kind)\""), "\(kind)") }
                let tick = try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "civic_test", "state": "received", "received_on": "15.11.2026"], file: nil)
                #expect(tick.status == .seeOther)
                let pdf = Array("%PDF-1.4\n% Zertifikat\n".utf8) + Array(repeating: 0x20, count: 2000)
                let up = try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "german_certificate", "state": "received", "received_on": "10.11.2026"],
                                            file: ("file", "A2 Zertifikat.pdf", "application/pdf", pdf))
                #expect(up.status == .seeOther)
                // A file next to "fehlt" contradicts itself; a refused row shows what was sent (QA of 05.12.2026).
                let missingWithFile = try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "employment", "state": "missing", "received_on": "12.11.2026"],
                                                         file: ("file", "vertrag.pdf", "application/pdf", pdf))
                #expect(missingWithFile.status == .unprocessableContent && missingWithFile.body.contains("bitte als Stand „liegt vor“ wählen"))
                let badDay = try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "passport", "state": "received", "received_on": "99.99.2026"], file: nil)
                let badRow = badDay.body.components(separatedBy: "id=\"doc-passport\"")[1].components(separatedBy: "</tr>")[0]
                #expect(badDay.status == .unprocessableContent && badRow.contains("value=\"99.99.2026\"") && badRow.contains("<option value=\"received\" selected>"))
                #expect(badDay.body.contains("class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus") && badDay.body.contains("<a href=\"#rd-passport\">"))
                let shown = try await b.request(.get, casePath)
                #expect(!shown.body.components(separatedBy: "id=\"doc-employment\"")[1].components(separatedBy: "</tr>")[0].contains("vertrag.pdf"))
                let row = shown.body.components(separatedBy: "id=\"doc-german_certificate\"")[1].components(separatedBy: "</tr>")[0]
                #expect(row.contains("liegt vor, eingegangen am 10.11.2026") && row.contains("A2 Zertifikat.pdf"))
                #expect(shown.body.components(separatedBy: "id=\"doc-civic_test\"")[1].components(separatedBy: "</tr>")[0].contains("liegt vor, eingegangen am 15.11.2026"))
                // Served back only as a download, byte for byte.
                let download = try await b.request(.get, casePath + "/documents/german_certificate/file")
                #expect(download.status == .ok)
                #expect(download.headers[.contentDisposition] == "attachment; filename=\"A2 Zertifikat.pdf\"; filename*=UTF-8''A2%20Zertifikat.pdf")
                #expect(download.headers[.contentType] == "application/pdf")
                // A name with umlauts comes back whole for browsers; a name too long keeps its extension; a PNG named
                // ".pdf" gets the extension of what it is.
                #expect(DocumentFiles.displayName("Zeugnis \"Müller\" Şahin.pdf", type: "application/pdf") == "Zeugnis \"Müller\" Şahin.pdf")
                #expect(DocumentFiles.displayName(String(repeating: "x", count: 300) + ".pdf", type: "application/pdf").hasSuffix("x.pdf"))
                #expect(DocumentFiles.displayName(String(repeating: "x", count: 300) + ".pdf", type: "application/pdf").count == 120)
                #expect(DocumentFiles.displayName("lohn.pdf", type: "image/png") == "lohn.png" && DocumentFiles.displayName("scan.JPEG", type: "image/jpeg") == "scan.jpg")
                // A quote in a file name comes as browsers write it, "%22" (QA of 06.12.2026: shown as "%22").
                #expect(MultipartForm.browserFileName("zeugnis %22ä%22.pdf") == "zeugnis \"ä\".pdf")
                // A direction override does not turn the name around, Persian joiners stay; an empty file is called empty
                // (QA of 06.12.2026: "\u{202E}gpj.exe" showed as "exe.jpg"; an empty file was "not a PDF").
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bidi-\(UUID().uuidString)").path
                let turned = try DocumentFiles.store(MultipartForm.File(name: "\u{202E}fdp.exe\u{2066}.pdf", contentType: "application/pdf", bytes: pdf), directory: dir)
                #expect(turned.name == "fdp.exe.pdf")
                #expect(try DocumentFiles.store(MultipartForm.File(name: "می\u{200C}خواهم.pdf", contentType: "application/pdf", bytes: pdf), directory: dir).name == "می\u{200C}خواهم.pdf")
                #expect(throws: AppError.self) { try DocumentFiles.store(MultipartForm.File(name: "leer.pdf", contentType: "application/pdf", bytes: []), directory: dir) }
                let empty = try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "employment", "state": "received", "received_on": "12.11.2026"],
                                               file: ("file", "leer.pdf", "application/pdf", []))
                #expect(empty.body.contains("Die Datei ist leer."))
                try? FileManager.default.removeItem(atPath: dir)
                #expect(download.body.utf8.count == pdf.count)
                // A replaced file is not kept on disk, unless another record still points to the same content.
                func sha(_ kind: String) async throws -> String? {
                    let o = try JSONSerialization.jsonObject(with: Data(try await b.request(.get, "/api/v1" + casePath + "/documents").body.utf8)) as? [String: Any]
                    let item = (o?["items"] as? [[String: Any]])?.first { $0["kind"] as? String == kind }
                    return (item?["file"] as? [String: Any])?["sha256"] as? String
                }
                let oldSum = try #require(try await sha("german_certificate"))
                let stored = URL(fileURLWithPath: f.services.config.uploadDirectory).appendingPathComponent(oldSum).path
                #expect(FileManager.default.fileExists(atPath: stored))
                #expect(try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "employment", "state": "received", "received_on": "10.11.2026"],
                                           file: ("file", "kopie.pdf", "application/pdf", pdf)).status == .seeOther)   // the same content, twice
                let newer = Array("%PDF-1.4\n% Zertifikat neu\n".utf8) + Array(repeating: 0x20, count: 2000)
                // A second file replaces the first only when asked to (QA41 C1: the first was deleted without a word).
                let second = try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "german_certificate", "state": "received", "received_on": "10.11.2026"],
                                                file: ("file", "A2 Zertifikat.pdf", "application/pdf", newer))
                #expect(second.status == .conflict && second.body.contains("schon die Datei „A2 Zertifikat.pdf“ gespeichert") && second.body.contains("gespeicherte Datei A2 Zertifikat.pdf durch die neue ersetzen"), "\(second.body.prefix(300))")
                #expect(try await sha("german_certificate") == oldSum)
                #expect(try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "german_certificate", "state": "received", "received_on": "10.11.2026", "replace": "1"],
                                           file: ("file", "A2 Zertifikat.pdf", "application/pdf", newer)).status == .seeOther)
                #expect(FileManager.default.fileExists(atPath: stored))   // still the employment record's
                #expect(try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "employment", "state": "received", "received_on": "10.11.2026", "replace": "1"],
                                           file: ("file", "vertrag.pdf", "application/pdf", newer)).status == .seeOther)
                #expect(!FileManager.default.fileExists(atPath: stored))   // no record points to it now
                #expect(try await sha("german_certificate") != oldSum)
                #expect(try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "german_certificate", "state": "received", "received_on": "10.11.2026", "replace": "1"],
                                           file: ("file", "A2 Zertifikat.pdf", "application/pdf", pdf)).status == .seeOther)
                // Too large, or not a PDF/JPEG/PNG whatever its name says: refused with a clear message, nothing stored.
                let big = try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "passport", "state": "received", "received_on": ""],
                                             file: ("file", "pass.pdf", "application/pdf", Array("%PDF-".utf8) + Array(repeating: 0x41, count: 70 * 1024)))
                #expect(big.status == .contentTooLarge && big.body.contains("zu groß"))
                let html = try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "passport", "state": "received", "received_on": ""],
                                              file: ("file", "pass.pdf", "application/pdf", Array("<html><script>alert(1)</script></html>".utf8)))
                #expect(html.status == .unsupportedMediaType && html.body.contains("Nur PDF-, JPEG- oder PNG-Dateien"))
                // At the row of the document it was for, linked to its file field.
                #expect(html.body.contains("id=\"f-passport-error\"") && html.body.contains("aria-describedby=\"f-passport-error\"") && html.body.contains("<a href=\"#f-passport\">"))
                // Both answered on the case page itself, at its documents.
                #expect(big.body.contains("id=\"documents\"") && html.body.contains("id=\"documents\""))
                #expect(try await b.request(.get, casePath).body.components(separatedBy: "id=\"doc-passport\"")[1].contains("class=\"doc-state\" data-label=\"Stand\">fehlt<"))
                let api = try await b.request(.get, "/api/v1" + casePath + "/documents").body
                #expect(api.contains("\"kind\":\"german_certificate\"") && api.contains("\"sha256\""))
                // Without the CSRF token nothing is saved; another service sees no file.
                #expect(try await b.upload(casePath + "/documents", fields: ["kind": "passport", "state": "received"], file: nil).status == .forbidden)
                let other = Browser(client: b.client, clock: f.clock)
                try await other.logIn(f.login(.counselor, organisation: "org-b"))
                #expect(try await other.request(.get, casePath + "/documents/german_certificate/file").status == .notFound)
            }
        }
    }

    /// §§ 60c and 60d give a Duldung: the application letter must not ask for a residence permit or a Fiktionsbescheinigung.
    @Test(arguments: [(PathwayKey.p60d, "Beschäftigungsduldung"), (.p60c, "Ausbildungsduldung"), (.p25b, "Aufenthaltserlaubnis")])
    func theApplicationLetterNamesWhatIsAppliedFor(_ pathway: PathwayKey, _ what: String) {
        let client = Client(id: "c", organisationID: "s", fileNumber: "PB-1", firstName: "Amina", lastName: "Yusuf", facts: Person(id: "c"))
        let service = Organisation(id: "s", name: "Beratung", kind: .counselingService, city: "Elbstadt", land: "DE-SN")
        let t = LetterPages.text(.init(template: .application, sender: service, senderPerson: "A. B.", recipient: nil, client: client, pathway: pathway, today: Day("2026-12-05"), answers: []))
        #expect(t.subject.hasPrefix("Antrag auf Erteilung einer \(what) nach \(pathway.title)"))
        let text = t.paragraphs.joined(separator: " ")
        #expect(text.contains("Bescheinigung über die Antragstellung") == (pathway == .p25b))
        if pathway != .p25b { #expect(!text.contains("Aufenthaltserlaubnis")) }
    }

    /// A letter never claims what the record or the engine denies: it is refused where it would be untrue, and worded
    /// as a request to examine (with a notice to the counselor) where the engine does not find the pathway met.
    @Test func lettersFollowTheRecordAndTheEngine() throws {
        let on = Day("2026-11-22")
        let service = Organisation(id: "s", name: "Beratung", kind: .counselingService, city: "Elbstadt", land: "DE-SN")
        let claim = "Nach unserer Prüfung liegen die Voraussetzungen vor."
        func model(_ t: LetterPages.Template, _ facts: Person, _ pathway: PathwayKey?) -> LetterPages.Model {
            let answers = Engine().assess(Household(single: facts), on: on).person(facts.id)?.assessments ?? []
            return .init(template: t, sender: service, senderPerson: "A. B.", recipient: nil,
                         client: Client(id: facts.id, organisationID: "s", fileNumber: "PB-1", firstName: "Amina", lastName: "Yusuf", facts: facts),
                         pathway: pathway, today: on, answers: answers)
        }
        // A person for whom a residence permit's pathway is met (the self-check's example).
        let metFacts = try FlatRecord.household(SelfCheckTests.row, on: on).household.persons[0]
        let answers = Engine().assess(Household(single: metFacts), on: on).person(metFacts.id)!.assessments
        let met = try #require(answers.first { $0.outcome == .met && $0.pathway != .p60c && $0.pathway != .p60d }).pathway
        let excluded = try #require(answers.first { $0.outcome == .excluded || $0.outcome == .notMet }).pathway
        var good = model(.application, metFacts, met)
        #expect(LetterPages.check(good) == .fits && LetterPages.text(good).paragraphs.joined().contains(claim))
        // Proofs are said to be enclosed only when some were received (QA43 C8).
        #expect(!LetterPages.text(good).paragraphs.joined().contains("beigefügt") && LetterPages.text(good).paragraphs.joined().contains("Die Nachweise reichen wir unverzüglich nach."))
        good.enclosures = ["Reisepass"]
        #expect(LetterPages.text(good).paragraphs.joined().contains("Die vorliegenden Nachweise sind beigefügt") && LetterPages.text(good).paragraphs.contains("Anlagen: Reisepass"))
        let bad = model(.application, metFacts, excluded)
        guard case .warning(let why) = LetterPages.check(bad) else { Issue.record("no warning"); return }
        #expect(why.contains(excluded.title) && !LetterPages.text(bad).paragraphs.joined().contains(claim))
        #expect(LetterPages.page(frame: PageFrame(title: "Brief"), bad, caseID: "k").rendered.contains("id=\"letter-check\""))
        // No pathway chosen: no letter at all.
        guard case .refusal = LetterPages.check(model(.application, metFacts, nil)) else { Issue.record("no refusal"); return }
        #expect(!LetterPages.page(frame: PageFrame(title: "Brief"), model(.application, metFacts, nil), caseID: "k").rendered.contains("<article"))
        // No entry ban recorded: no application to lift one. A residence permit today: no Duldung certificate.
        var noBan = metFacts; noBan.bars = Bars(); noBan.bars?.entryBan = false
        guard case .refusal = LetterPages.check(model(.entryBan, noBan, met)) else { Issue.record("entry ban"); return }
        // Not recorded either way: the letter would name "the existing" ban, so it is not offered (QA of 05.12.2026).
        var unknownBan = metFacts; unknownBan.bars = nil
        guard case .refusal(let open) = LetterPages.check(model(.entryBan, unknownBan, met)) else { Issue.record("unknown ban"); return }
        #expect(open.contains("nicht erfasst"))
        var ban = metFacts; ban.bars = Bars(); ban.bars?.entryBan = true
        if case .refusal = LetterPages.check(model(.entryBan, ban, met)) { Issue.record("a recorded ban refused") }
        var permit = metFacts; permit.status = [StatusPeriod(kind: .aufenthaltserlaubnis, from: Day("2025-01-01"), basis: "25b")]
        guard case .refusal(let reason) = LetterPages.check(model(.duldungCertificate, permit, met)) else { Issue.record("certificate"); return }
        #expect(reason.contains("keine Duldung"))
        #expect(LetterPages.check(model(.duldungCertificate, metFacts, met)) == .fits)
    }
}
