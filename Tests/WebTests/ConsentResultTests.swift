import Counseling
@testable import Eligibility
import Testing

@Suite("Results under a consent")
struct ConsentResultTests {
    /// A result carried by a health exception that holds is withheld without the health topic (QA of 05.12.2026:
    /// § 25b "met" through the illness exception, "not met" without it); a conviction condition that is simply met
    /// (no conviction) withholds nothing.
    @Test func aResultCarriedByAHealthExceptionIsWithheldWithoutTheHealthTopic() {
        let day = Day("2026-11-22")
        let healthMet = Assessment(pathway: .p25b, outcome: .met, from: nil, consequence: .soll,
                                   conditions: [ConditionResult("b_illness_age_exception", .met), ConditionResult("b_lu_mostly_by_work", .met)],
                                   notes: [], on: day, lawVersions: [])
        #expect(!Consent.mayShowResult(healthMet, topics: [.assessment]))
        #expect(Consent.mayShowResult(healthMet, topics: [.assessment, .health]))
        let noConviction = Assessment(pathway: .p25b, outcome: .met, from: nil, consequence: .soll,
                                      conditions: [ConditionResult("b_excl_crime", .met)], notes: [], on: day, lawVersions: [])
        #expect(Consent.mayShowResult(noConviction, topics: [.assessment]))
        var barred = noConviction
        barred.outcome = .excluded
        barred.conditions = [ConditionResult("b_excl_crime", .failing(.permanent))]
        #expect(!Consent.mayShowResult(barred, topics: [.assessment]) && Consent.mayShowResult(barred, topics: [.assessment, .convictions]))
    }
}
