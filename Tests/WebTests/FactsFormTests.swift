import Counseling
import Eligibility
import Foundation
import Storage
import Testing
@testable import Web

@Suite("Facts form")
struct FactsFormTests {
    @Test(arguments: TestDatabase.available)
    func submittingTheUnchangedFormKeepsEveryFact(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                try await b.logIn(f.login(.counselor))
                let page = try await b.request(.get, "/clients/client-a/facts")
                #expect(page.status == .ok)
                #expect(page.body.contains("Test „Leben in Deutschland“ bestanden am"))
                let r = try await b.request(.post, "/clients/client-a/facts", form: b.formFields(page))
                #expect(r.status == .seeOther, "\(r.body.components(separatedBy: "error-summary").dropFirst().first?.prefix(400) ?? "")")
                let after = try await f.services.clients.client(id: "client-a", organisation: "org-a")
                #expect(after?.facts == f.clientA.facts)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func changingTheGermanLevelChangesTheAssessmentAndBadInputIsShownAtTheField(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                try await b.logIn(f.login(.counselor))
                let page = try await b.request(.get, "/clients/client-a/facts")
                var fields = b.formFields(page)
                fields["german__0__level"] = "A1"
                let ok = try await b.request(.post, "/clients/client-a/facts", form: fields)
                #expect(ok.status == .seeOther)
                let assessment = try await b.request(.get, "/clients/client-a/assessment")
                let section = assessment.body.components(separatedBy: "id=\"p-25b\"")[1].components(separatedBy: "</section>")[0]
                #expect(section.contains("nicht erfüllt"))
                #expect(section.contains("Hinreichende mündliche Deutschkenntnisse (A2) – nicht erfüllt"))
                // Bad input is answered next to the field, and nothing is saved.
                fields["born"] = "31.02.1990"
                fields["livelihood__0__work_share"] = "150"
                let bad = try await b.request(.post, "/clients/client-a/facts", form: fields)
                #expect(bad.status == .unprocessableContent)
                #expect(bad.body.contains("id=\"born-error\""))
                #expect(bad.body.contains("id=\"livelihood__0__work_share-error\""))
                // The decoder's findings are said in German at the field they concern, dates as TT.MM.JJJJ.
                fields["born"] = "05.05.1990"; fields["livelihood__0__work_share"] = "50"
                var noScope = fields
                noScope["german__0__scope"] = ""
                let scope = try await b.request(.post, "/clients/client-a/facts", form: noScope)
                #expect(scope.status == .unprocessableContent && scope.body.contains("id=\"german__0__scope-error\"") && !scope.body.contains("missing required"))
                var backwards = fields
                backwards["employment__0__from"] = "01.01.2024"; backwards["employment__0__to"] = "01.06.2023"; backwards["employment__0__weekly_hours"] = "20"
                let ends = try await b.request(.post, "/clients/client-a/facts", form: backwards)
                #expect(ends.status == .unprocessableContent && ends.body.contains("darf nicht vor dem Beginn liegen (01.01.2024)"), "\(ends.body.components(separatedBy: "error-summary").dropFirst().first?.prefix(600) ?? "")")
            }
        }
    }
}
