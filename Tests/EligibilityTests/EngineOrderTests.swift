import Eligibility
import Testing

@Suite("Engine: order of pathways and persons")
struct EngineOrderTests {
    /// Pathways sort in the order of SPEC.md's list (`allCases`), whatever order they are asked in.
    @Test func pathwaysSortInTheSpecsOrder() {
        #expect(PathwayKey.allCases.reversed().sorted() == PathwayKey.allCases)
        #expect(PathwayKey.allCases.shuffled().sorted() == PathwayKey.allCases)
        #expect(PathwayKey.p25a < .p25_5 && !(PathwayKey.p60d < .p60c))
    }

    /// Every person is answered, in the household's order, each for the pathways asked in the order asked.
    @Test func personsAreAnsweredInTheHouseholdsOrder() {
        var mother = Person(id: "mother"), child = Person(id: "child"), father = Person(id: "father")
        mother.born = Day("1990-01-01"); father.born = Day("1988-05-05"); child.born = Day("2015-03-03")
        let household = Household(persons: [mother, child, father],
                                  relations: [Relation(kind: .spouse, persons: ["mother", "father"]),
                                              Relation(kind: .parent, persons: ["mother", "child"])],
                                  household: ["mother", "child", "father"])
        let asked: [PathwayKey] = [.p25_5, .p25a, .p25b4]
        let r = Engine().assess(household, on: Day("2026-12-05"), pathways: asked, explains: false)
        #expect(r.persons.map(\.personID) == ["mother", "child", "father"])
        for p in r.persons { #expect(p.assessments.map(\.pathway) == asked) }
        #expect(Engine().assess(household, person: "father", on: Day("2026-12-05"))?.personID == "father")
        #expect(Engine().assess(household, person: "nobody", on: Day("2026-12-05")) == nil)
    }
}
