import Counseling
import Eligibility
import Testing

@Suite("Family links that contradict each other")
struct RelationRulesTests {
    let born = ["mother": Day(iso: "1985-04-01")!, "son": Day(iso: "2010-06-01")!, "aunt": Day(iso: "2000-01-01")!]

    @Test func aSecondMarriageATooYoungParentAndAThirdParentAreRefused() {
        let married = [ClientRelation(kind: .spouse, from: "mother", to: "father")]
        #expect(RelationRules.problem(adding: ClientRelation(kind: .spouse, from: "mother", to: "other"), to: married, born: born) != nil)
        #expect(RelationRules.problem(adding: ClientRelation(kind: .registeredPartner, from: "other", to: "father"), to: married, born: born) != nil)
        #expect(RelationRules.problem(adding: ClientRelation(kind: .cohabiting, from: "mother", to: "other"), to: married, born: born) == nil)
        #expect(RelationRules.problem(adding: ClientRelation(kind: .parent, from: "mother", to: "son"), to: married, born: born) == nil)
        #expect(RelationRules.problem(adding: ClientRelation(kind: .parent, from: "son", to: "mother"), to: [], born: born) != nil)
        #expect(RelationRules.problem(adding: ClientRelation(kind: .parent, from: "aunt", to: "son"), to: [], born: born) != nil)   // 10 years older
        #expect(RelationRules.problem(adding: ClientRelation(kind: .parent, from: "x", to: "son"), to: [], born: born) == nil)      // birth date unknown
        let two = [ClientRelation(kind: .parent, from: "mother", to: "son"), ClientRelation(kind: .parent, from: "father", to: "son")]
        #expect(RelationRules.problem(adding: ClientRelation(kind: .parent, from: "x", to: "son"), to: two, born: born) != nil)
        #expect(RelationRules.problem(adding: ClientRelation(kind: .spouse, from: "son", to: "mother"), to: two, born: born) != nil)  // already linked
        // A parent under 12 today, the child's birth date unknown (QA of 06.12.2026: a 7-year-old was made a parent).
        let young = ["kid": Day(iso: "2019-01-01")!]
        let today = Day("2026-12-06")
        #expect(RelationRules.problem(adding: ClientRelation(kind: .parent, from: "kid", to: "x"), to: [], born: young, today: today)?.german.contains("erst 7 Jahre alt") == true)
        #expect(RelationRules.problem(adding: ClientRelation(kind: .parent, from: "mother", to: "x"), to: [], born: born, today: today) == nil)
    }
}
