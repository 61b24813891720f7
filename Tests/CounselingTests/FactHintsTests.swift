import Counseling
import Eligibility
import Testing

/// Facts that hardly fit together are said (QA43 C11): work recorded and the livelihood's work share.
@Suite("Hints on facts that hardly fit together")
struct FactHintsTests {
    static let day = Day("2026-11-22")

    static func person(share: Double?, own: Double? = nil, hours: Double? = nil, marital: MaritalStatus = .single) -> Person {
        var p = Person(id: "p")
        p.maritalStatus = marital; p.born = Day("1990-01-01")
        var lu = LivelihoodPeriod(from: Day("2025-01-01")); lu.workShare = share; lu.ownWorkShare = own
        p.livelihood = [lu]
        if let hours { var job = EmploymentPeriod(from: Day("2025-03-01")); job.hours = hours; p.employment = [job] }
        return p
    }

    @Test func aLivelihoodByWorkWithoutAJobIsSaidForAPersonWithoutSpouse() {
        #expect(FactHints.hints(Self.person(share: 1.0), on: Self.day)
                == ["Der Lebensunterhalt ist am 22.11.2026 zu 100 % durch Erwerbseinkommen gedeckt angegeben, aber an diesem Tag ist weder eine Beschäftigung noch eine Ausbildung erfasst (und die Person lebt ohne Ehegatten und ist über 25, das Einkommen anderer zählt also nicht)."])
        // A child's household share is the parents' work (SGB II: unmarried children under 25 belong to it).
        var child = Self.person(share: 1.0); child.born = Day("2002-01-01")
        #expect(FactHints.hints(child, on: Self.day).isEmpty && FactHints.hints(child, on: Day("2027-01-01")).count == 1)
        // A spouse's earnings count for the household: no hint; the person's own share is always the person's work.
        #expect(FactHints.hints(Self.person(share: 0.8, marital: .married), on: Self.day).isEmpty)
        #expect(FactHints.hints(Self.person(share: 0.8, own: 0.6, marital: .married), on: Self.day).first?.hasPrefix("Der eigene Lebensunterhalt ist am 22.11.2026 zu 60 % durch eigene Erwerbstätigkeit gedeckt") == true)
        // With a job the share fits; a job that ended before the day does not count.
        #expect(FactHints.hints(Self.person(share: 1.0, hours: 30), on: Self.day).isEmpty)
        var ended = Self.person(share: 1.0, hours: 30); ended.employment![0].to = Day("2026-06-30")
        #expect(FactHints.hints(ended, on: Self.day).count == 1)
        #expect(FactHints.hints(ended, on: Day("2026-06-30")).isEmpty)
    }

    @Test func aJobOfTwentyHoursWithNoEarnedIncomeIsSaid() {
        #expect(FactHints.hints(Self.person(share: 0, hours: 38.5), on: Self.day)
                == ["Am 22.11.2026 ist eine Beschäftigung mit 39 Wochenstunden erfasst, aber der Anteil des Erwerbseinkommens am Lebensunterhalt ist mit 0 % angegeben."])
        #expect(FactHints.hints(Self.person(share: 0, hours: 10), on: Self.day).isEmpty)   // a mini job may earn little
        #expect(FactHints.hints(Self.person(share: nil, hours: 38.5), on: Self.day).isEmpty)   // the share not given: nothing to compare
    }
}
