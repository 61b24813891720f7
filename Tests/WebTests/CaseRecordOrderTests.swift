import Counseling
import Eligibility
import Foundation
import HTTPTypes
import Storage
import Testing
@testable import Web

/// A case's dates agree with what it records, a closed case stays as it was closed, and what the service tells the
/// person about it matches the case page (QA23).
@Suite("Case records in order")
struct CaseRecordOrderTests {
    @Test(arguments: TestDatabase.available)
    func closingFollowsTheRecordsAndAClosedCaseStaysClosed(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        try await f.run { b in
            let csrf = try await b.logIn(f.login(.counselor))
            let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.11.2026")
            #expect(try await b.request(.post, casePath + "/sessions", form: ["csrf": csrf, "on": "15.11.2026", "duration": "45", "channel": "phone",
                                                                             "language": "Arabisch", "record": "Erstgespräch"]).status == .seeOther)
            // Not closed before the session it holds (F8).
            var close = ["csrf": csrf, "state": "closed", "pathway": "25b", "counselor": "user-0", "closed_on": "10.11.2026", "outcome": "Beratung beendet"]
            let early = try await b.request(.post, casePath + "/state", form: close)
            #expect(early.status == .unprocessableContent && early.body.contains("Die Akte enthält ein Gespräch vom 15.11.2026"))
            close["closed_on"] = "16.11.2026"
            #expect(try await b.request(.post, casePath + "/state", form: close).status == .seeOther)
            // Closing it "again" would rewrite day, outcome and counselor (F7).
            let again = try await b.request(.post, casePath + "/state", form: close.merging(["closed_on": "20.11.2026", "outcome": "anders"]) { _, b in b })
            #expect(again.status == .unprocessableContent && again.body.contains("Die Akte ist geschlossen."))
            let caseID = String(casePath.split(separator: "/").last!)
            let stored = try #require(try await f.services.cases.counselingCase(id: caseID, organisation: "org-a"))
            #expect(stored.closedOn == Day("2026-11-16") && stored.outcome == "Beratung beendet")
            // A new case does not begin before the last one ended (F8).
            let overlapping = try await b.request(.post, "/clients/client-a/cases", form: ["csrf": csrf, "opened_on": "12.11.2026", "referral_source": "self"])
            #expect(overlapping.status.code >= 400 && overlapping.body.contains("wurde am 16.11.2026 geschlossen"))
            let next = try await b.openCase("client-a", csrf: csrf, on: "17.11.2026")
            // A refused form's error page leads back to the page it came from (F3).
            let refused = try await b.request(.post, next + "/applications/none/decision", form: ["csrf": csrf, "outcome": "vielleicht"],
                                              headers: [.referer: "http://127.0.0.1:8080" + next])
            #expect(refused.status.code >= 400 && refused.body.contains("<a href=\"\(next)\">Zurück zur vorigen Seite</a>"))
        }
        }
    }

    /// QA41 C2: a file entered in Bleibe days after the first talk could not take that talk.
    @Test(arguments: TestDatabase.available)
    func theOpeningDayCanBeCorrectedWithinWhatTheCaseRecords(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        try await f.run { b in
            let csrf = try await b.logIn(f.login(.counselor))
            let casePath = try await b.openCase("client-a", csrf: csrf, on: "20.11.2026")
            let session = ["csrf": csrf, "on": "16.11.2026", "duration": "45", "channel": "phone", "language": "Arabisch", "record": "Erstgespräch"]
            let before = try await b.request(.post, casePath + "/sessions", form: session)
            #expect(before.status == .unprocessableContent && before.body.contains("bitte zuerst „Eröffnet am“ unter „Stand der Akte ändern“ korrigieren"))
            let page = try await b.request(.get, casePath)
            #expect(page.body.contains("<input id=\"case_opened_on\" name=\"opened_on\" size=\"10\" value=\"20.11.2026\""))
            var state = ["csrf": csrf, "state": "open", "pathway": "", "counselor": "user-0", "opened_on": "16.11.2026", "closed_on": "", "outcome": ""]
            #expect(try await b.request(.post, casePath + "/state", form: state).status == .seeOther)
            #expect(try await b.request(.post, casePath + "/sessions", form: session).status == .seeOther)
            let caseID = String(casePath.split(separator: "/").last!)
            #expect(try await f.services.cases.counselingCase(id: caseID, organisation: "org-a")?.openedOn == Day("2026-11-16"))
            // Not after the session it now holds, not in the future, not a non-date; the refusal keeps what was typed.
            for (typed, message) in [("18.11.2026", "Die Akte enthält eine Beratung vom 16.11.2026"), ("01.12.2026", "kann nicht in der Zukunft liegen"),
                                     ("16.13.2026", "Bitte das Datum der Eröffnung (TT.MM.JJJJ) angeben.")] {
                state["opened_on"] = typed
                let refused = try await b.request(.post, casePath + "/state", form: state)
                #expect(refused.status == .unprocessableContent && refused.body.contains(message) && refused.body.contains("value=\"\(typed)\""), "\(typed)")
            }
            #expect(try await f.services.cases.counselingCase(id: caseID, organisation: "org-a")?.openedOn == Day("2026-11-16"))
            // The correction is in the audit trail as a change of the case.
            let events = try await AuditLog.events(ofClient: "client-a", in: f.services.db)
            #expect(events.filter { $0.entity == "case" && $0.action == "update" }.count == 1)
        }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDecisionSentTwiceAndTakenBackAfterACorrection(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        try await f.run { b in
            let csrf = try await b.logIn(f.login(.counselor))
            let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.11.2026")
            #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25b", "filed_on": "02.11.2026"]).status == .seeOther)
            let page = try await b.request(.get, casePath)
            let id = try #require(page.body.components(separatedBy: "/applications/").dropFirst().compactMap { $0.contains("/decision") ? String($0.prefix { $0 != "/" }) : nil }.first)
            let decision = ["csrf": csrf, "outcome": "granted", "decided_on": "20.11.2026", "permit_until": "19.11.2028"]
            #expect(try await b.request(.post, casePath + "/applications/\(id)/decision", form: decision).status == .seeOther)
            // Sent twice: the case page says the first was saved (F3), not a bare error page.
            let twice = try await b.request(.post, casePath + "/applications/\(id)/decision", form: decision)
            #expect(twice.status == .conflict && twice.body.contains("die zuerst gesendete Entscheidung ist gespeichert") && twice.body.contains("id=\"applications\""))
            // Taking it back is asked once more (F9) …
            let withDecision = try await b.request(.get, casePath)
            #expect(withDecision.body.contains("<summary>Entscheidung zurücknehmen (Erfassungsfehler) …</summary>") && withDecision.body.contains("Ja, Entscheidung zurücknehmen"))
            // … and after the granted period was corrected by hand (its validity), that correction stays.
            var fields = b.formFields(try await b.request(.get, "/clients/client-a/status"))
            let last = try #require(fields.keys.filter { $0.hasSuffix("_valid_until") && fields[$0] == "19.11.2028" }.first)
            fields[last] = "31.05.2028"
            #expect(try await b.request(.post, "/clients/client-a/status", form: fields).status == .seeOther)
            let taken = try await b.request(.post, casePath + "/applications/\(id)/reopen", form: ["csrf": csrf])
            #expect(taken.headers[.location]?.contains("hinweis=statusverlauf") == true)
            let history = try #require(try await f.services.clients.client(id: "client-a", organisation: "org-a")).facts.status ?? []
            #expect(history.last?.validUntil == Day("2028-05-31") && history.last?.basis == "25b")
        }
        }
    }

    @Test(arguments: TestDatabase.available)
    func theInformationRequestShowsRemindersAsDueAndOnlyWhatTheServiceFiled(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        try await f.run { b in
            let csrf = try await b.logIn(f.login(.counselor))
            let casePath = try await b.openCase("client-a", csrf: csrf, on: "10.11.2026")
            // Filed by the person before the case: recorded for its date, not sent by the service (F2).
            #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25b", "filed_on": "01.10.2026"]).status == .seeOther)
            // Sunday 06.12.2026 is due on Monday 07.12.2026 (F6).
            #expect(try await b.request(.post, casePath + "/reminders", form: ["csrf": csrf, "on": "06.12.2026", "title": "Pass nachfragen"]).status == .seeOther)
            // A saved assessment is listed with what it concluded, per pathway (QA18 L1).
            #expect(try await b.request(.post, "/clients/client-a/assessment/snapshots", form: ["csrf": csrf, "on": "22.11.2026"]).status == .seeOther)
            let page = try await b.request(.get, "/clients/client-a/auskunft")
            #expect(page.status == .ok)
            let snapshots = page.body.components(separatedBy: "<ul id=\"snapshots\">").dropFirst().first?.components(separatedBy: "</ul>").first ?? ""
            #expect(snapshots.contains("Prüfung zum 22.11.2026") && snapshots.contains("Ergebnis: § 25a Abs. 1 AufenthG: ") && snapshots.contains("§ 25 Abs. 5 AufenthG: "), "\(snapshots)")
            #expect(page.body.contains("<li>07.12.2026 (eingetragen für den 06.12.2026, ein Wochenende oder Feiertag): Pass nachfragen – offen</li>"))
            #expect(page.body.contains("gestellt am 01.10.2026 (vor der Beratung, hier erfasst)"))
            #expect(!page.body.contains("id=\"submitted\""))
        }
        }
    }
}
