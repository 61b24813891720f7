import Counseling
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

@Suite("Assessment page: reminders")
struct AssessmentReminderTests {
    /// A reminder already due is marked as overdue, as the dashboard lists it (QA29 F12); one ahead is not.
    @Test func aReminderPastItsDayIsMarkedOverdue() {
        var p = Person(id: "c")
        p.born = Day("1990-05-05")
        let today = Day("2026-12-06")
        let person = Engine().assess(Household(single: p), on: today).person("c")!
        let due = Deadline(kind: .statusEnds, due: Day("2026-12-02"), date: Day("2026-12-30"), title: "Duldungsbescheinigung gültig bis 30.12.2026", citation: "§ 60a Abs. 4 AufenthG", pathway: nil)
        let ahead = Deadline(kind: .statusEnds, due: Day("2026-12-10"), date: Day("2027-01-07"), title: "Aufenthaltserlaubnis gültig bis 07.01.2027", citation: "§ 60a Abs. 4 AufenthG", pathway: nil)
        var model = AssessmentPage.Model(client: Client(id: "c", organisationID: "o", fileNumber: "A-1", firstName: "Test", lastName: "Person", facts: p),
                                         on: today, today: today, person: person, snapshots: [], deadlines: [due, ahead])
        model.saved = nil
        let page = AssessmentPage.render(frame: PageFrame(title: "Prüfung"), model).rendered
        #expect(page.contains("<strong>02.12.2026</strong> <strong class=\"overdue\">(überfällig)</strong> – Duldungsbescheinigung"))
        #expect(page.contains("<strong>10.12.2026</strong> – Aufenthaltserlaubnis"))
    }
}
