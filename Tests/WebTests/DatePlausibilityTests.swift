import Counseling
import Eligibility
import Foundation
import HTTPTypes
import Storage
import Testing
@testable import Web

/// Dates of a client's record that cannot be true (after today, before the birth on 05.05.1990, an application
/// before the Residence Act) are refused at their field, and nothing is saved.
@Suite("Plausible dates in the record")
struct DatePlausibilityTests {
    @Test(arguments: TestDatabase.available)
    func impossibleDatesAreRefusedAtTheirField(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                // A case opened in the future or before the birth.
                for day in ["01.01.2030", "01.01.1980"] {
                    let r = try await b.request(.post, "/clients/client-a/cases", form: ["csrf": csrf, "opened_on": day, "referral_source": "self", "pathway": "25b"])
                    #expect(r.status == .unprocessableContent && r.body.contains("Die Eröffnung der Akte kann nicht") && r.body.contains("value=\"\(day)\""), "\(day)")
                }
                // The form comes back with the access and the pathway as sent (QA of 06.12.2026: reset to the first).
                let refused = try await b.request(.post, "/clients/client-a/cases", form: ["csrf": csrf, "opened_on": "31.02.2026", "referral_source": "authority", "pathway": "60d"])
                #expect(refused.status == .unprocessableContent && refused.body.contains("<option value=\"authority\" selected>")
                        && refused.body.contains("<option value=\"60d\" selected>") && !refused.body.contains("<option value=\"self\" selected>"))
                #expect(try await f.services.cases.cases(clientID: "client-a", organisation: "org-a").isEmpty)
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.09.2026")
                // An application before 2005 or before the birth.
                let old = try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25b", "filed_on": "01.03.1990"])
                #expect(old.status == .unprocessableContent && old.body.contains("vor der Geburt (05.05.1990)"))
                let preAct = try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25-5", "filed_on": "31.12.2004"])
                #expect(preAct.status == .unprocessableContent && preAct.body.contains("nicht vor dem 01.01.2005 liegen"))
                #expect(try await f.services.applications.applications(caseID: String(casePath.split(separator: "/").last!), organisation: "org-a").isEmpty)
                // A document received in the future.
                let doc = try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "passport", "state": "received", "received_on": "01.12.2026"], file: nil)
                #expect(doc.status == .unprocessableContent && doc.body.contains("Der Eingang einer Unterlage kann nicht in der Zukunft liegen"))
                // A consent from before the birth, or one that has already ended.
                let consent = ["csrf": csrf, "recipient": "org-abh", "purpose": "Antrag", "topic_identity": "1", "language": "Deutsch", "form_version": "SE-2026-1", "signed_on": "01.11.2026"]
                let ancient = try await b.request(.post, "/clients/client-a/consents", form: consent.merging(["valid_from": "01.01.1990"]) { $1 })
                #expect(ancient.status == .unprocessableContent && ancient.body.contains("id=\"valid_from-error\"") && ancient.body.contains("vor der Geburt"))
                let ended = try await b.request(.post, "/clients/client-a/consents", form: consent.merging(["valid_from": "01.01.2026", "valid_until": "30.06.2026"]) { $1 })
                #expect(ended.status == .unprocessableContent && ended.body.contains("id=\"valid_until-error\""))
                let farAhead = try await b.request(.post, "/clients/client-a/consents", form: consent.merging(["valid_from": "01.01.2030"]) { $1 })
                #expect(farAhead.status == .unprocessableContent && farAhead.body.contains("höchstens ein Jahr"))
                #expect(try await b.request(.post, "/clients/client-a/consents", form: consent.merging(["valid_from": "01.12.2026"]) { $1 }).status == .seeOther)
                // A status history or a fact before the birth.
                let history = try await b.request(.post, "/clients/client-a/status", form: ["csrf": csrf, "rows": "1", "p0_kind": "duldung", "p0_from": "01.01.1989"])
                #expect(history.status == .unprocessableContent && history.body.contains("Der Verlauf beginnt vor der Geburt (05.05.1990)"))
                let page = try await b.request(.get, "/clients/client-a/facts")
                var fields = b.formFields(page)
                fields["german__0__date"] = "01.01.1985"
                let fact = try await b.request(.post, "/clients/client-a/facts", form: fields)
                #expect(fact.status == .unprocessableContent && fact.body.contains("id=\"german__0__date-error\"") && fact.body.contains("liegt vor der Geburt"))
                let c = try await f.services.clients.client(id: "client-a", organisation: "org-a")
                #expect(c?.facts.status?.count == 3 && c?.facts.german?.first?.date == Day("2024-05-02"))
                // A training passed before it began or in the future, an asylum decision final before it was made, a
                // course completed in the future (QA of 06.12.2026: all were saved).
                for (field, value, message) in [("training__0__passed_on", "01.08.2024", "Der Abschluss kann nicht vor dem 01.08.2025 liegen"),
                                                ("training__0__passed_on", "01.07.2030", "Der Abschluss kann nicht in der Zukunft liegen"),
                                                ("training__0__planned_end", "01.08.2024", "Das geplante Ende kann nicht vor dem 01.08.2025 liegen"),
                                                ("training__0__ended_early_on", "01.01.2031", "Der Abbruch kann nicht in der Zukunft liegen"),
                                                ("asylum__decided_on", "01.01.2019", "Die Asylentscheidung kann nicht vor dem 01.01.2020 liegen"),
                                                ("asylum__final_on", "01.01.2020", "Die Bestandskraft kann nicht vor dem 01.01.2021 liegen"),
                                                ("integration_course__completed_on", "01.01.2031", "kann nicht in der Zukunft liegen"),
                                                ("departure__impossible_since", "01.01.2031", "kann nicht in der Zukunft liegen")] {
                    var typed = b.formFields(try await b.request(.get, "/clients/client-a/facts"))
                    typed["training__0__kind"] = "qualified"; typed["training__0__from"] = "01.08.2025"
                    typed["asylum__applied_on"] = "01.01.2020"; typed["asylum__decided_on"] = "01.01.2021"
                    typed[field] = value
                    let r = try await b.request(.post, "/clients/client-a/facts", form: typed)
                    #expect(r.status == .unprocessableContent && r.body.contains("id=\"\(field)-error\"") && r.body.contains(message), "\(field) \(value)")
                }
                #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts.training == nil)
                // A birth date after the file's own case work (QA of 06.12.2026: the client became two days old).
                var bare = Person(id: ""); bare.born = Day("1990-05-05")
                try await f.services.clients.create(Client(id: "client-c", organisationID: "org-a", fileNumber: "A-3", firstName: "Nora", lastName: "Beispiel", facts: bare),
                                                    audit: AuditContext(userID: "user-0", organisationID: "org-a", now: "2026-11-22T08:00:00.000Z"))
                _ = try await b.openCase("client-c", csrf: csrf, on: "01.09.2026")
                var later = b.formFields(try await b.request(.get, "/clients/client-c/facts"))
                later["born"] = "02.09.2026"
                let unborn = try await b.request(.post, "/clients/client-c/facts", form: later)
                #expect(unborn.status == .unprocessableContent && unborn.body.contains("Am 01.09.2026 wurde eine Akte eröffnet, vor diesem Geburtsdatum"))
                #expect(try await f.services.clients.client(id: "client-c", organisation: "org-a")?.facts.born == Day("1990-05-05"))
            }
        }
    }

    @Test func theRulesThemselves() {
        let today = Day("2026-11-22"), born = Day("1990-05-05")
        #expect(RecordDates.problem(today, "Die Akte", today: today, born: born) == nil)
        #expect(RecordDates.problem(today.adding(days: 1), "Die Akte", today: today, born: born)?.contains("Zukunft") == true)
        #expect(RecordDates.problem(today.adding(days: 1), "Die Einwilligung", today: today, born: born, future: true) == nil)
        #expect(RecordDates.problem(born.adding(days: -1), "Die Akte", today: today, born: born)?.contains("vor der Geburt") == true)
        #expect(RecordDates.problem(Day("1950-01-01"), "Die Akte", today: today, born: nil) == nil)
        #expect(RecordDates.application(Day("2005-01-01"), today: today, born: nil) == nil)
        #expect(RecordDates.application(Day("2004-12-31"), today: today, born: nil) != nil)
        #expect(StatusHistoryRules.problems([StatusPeriod(kind: .duldung, from: Day("1990-05-04"))], entered: nil, born: born, today: today)["p0"] != nil)
    }
}
