import Eligibility
import Testing
import Views

@Suite("Assessment page: the plan when nothing is met or reachable")
struct AssessmentPlanTests {
    /// Where a pathway is unclear, the plan does not say that no pathway can be reached: it names the open ones
    /// (QA of 05.12.2026: "kein Weg erreichbar" above a § 25b met under one reading of U3).
    @Test func unclearPathwaysAreNamedInsteadOfNoPathway() {
        var p = Person(id: "p")
        p.born = Day("2006-01-01")   // no status history: the periods are open
        let answers = Engine().assess(Household(single: p), on: Day("2026-12-05")).person("p")!.assessments
        #expect(answers.contains { $0.outcome == .unclear })
        let open = AssessmentPage.noPlan(answers).rendered
        #expect(open.contains("Offen ist: <a href=\"#p-25a\">§ 25a Abs. 1 AufenthG</a>, ") && !open.contains("absehbar erreichbar"))
        let closed = AssessmentPage.noPlan(answers.filter { $0.outcome != .unclear }).rendered
        #expect(closed == "<p>Derzeit ist kein Weg erfüllt oder absehbar erreichbar.</p>")
    }
}
