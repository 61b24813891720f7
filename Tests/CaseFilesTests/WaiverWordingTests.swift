import Eligibility
import Screening
import Testing

/// A result that rests on the authority waiving a general requirement (SPEC.md § 6) says so wherever it is named
/// (QA of 06.12.2026: "erfüllt – Soll-Erteilung" above "Passpflicht … nicht erfüllt, die Behörde kann davon absehen").
@Suite("Results resting on a waiver")
struct WaiverWordingTests {
    static let on = Day("2026-11-22")
    /// A married father tolerated since 2018, working, B1, civic test: § 25b Abs. 1 is met on every special condition.
    static let row = ["id": "x", "born": "1990-03-01", "marital_status": "married", "entered": "2016-05-10", "stay_since": "2016-05-10",
                      "status": "duldung", "duldung_since": "2018-02-01", "status_since": "2018-02-01", "minor_children": "2",
                      "children_at_school": "true", "german_oral": "B1", "german_written": "B1", "civic_test_passed_on": "2026-11-22",
                      "fdgo_declaration_on": "2026-11-22", "employment_insured": "true", "employment_since": "2022-01-01", "employment_hours": "35",
                      "work_share": "0.75", "passport": "true", "identity_clarified_on": "2019-01-01", "obstruction": "none", "past_deception": "false", "false_identity": "false", "bars": "none",
                      "day_fines": "0", "prison_months": "0", "day_fines_foreigners_only": "0"]

    static func answer(_ changes: [String: String]) throws -> PersonAssessment {
        let h = try FlatRecord.household(row.merging(changes) { _, new in new }, on: on).household
        return try #require(Engine().assess(h, person: "p", on: on))
    }

    @Test func aMetResultNamesTheRequirementsItAsksToWaive() throws {
        let clean = try Self.answer([:]).assessment(.p25b)!
        #expect(clean.outcome == .met && clean.waivers.isEmpty && clean.resultGerman == "erfüllt")
        let noPassport = try Self.answer(["passport": "false"]).assessment(.p25b)!
        #expect(noPassport.outcome == .met && noPassport.waivers == ["gen_passport"])
        #expect(noPassport.resultGerman == "erfüllt, wenn die Behörde absieht von: Passpflicht (Ermessen, § 5 Abs. 3 S. 2 AufenthG)")
        // The command's report and the permit plan say it too.
        let person = try Self.answer(["passport": "false"])
        let household = HouseholdAssessment(on: Self.on, appliedOn: nil, persons: [person])
        #expect(GermanReport.render(household).contains("ERFÜLLT, wenn die Behörde absieht von: Passpflicht"))
        #expect(person.plan.steps.contains { $0.text.hasPrefix("§ 25b Abs. 1 AufenthG (Aufenthaltserlaubnis) jetzt – Soll-Erteilung („soll erteilt werden“), wenn die Behörde absieht von: Passpflicht") })
        // A passport not recorded is a fact to ask for, not a requirement known to fail: no waiver is named.
        let unknown = try Self.answer(["passport": ""]).assessment(.p25b)!
        #expect(unknown.waiverCondition == nil)
        // Not met for another reason: nothing to waive towards.
        let notMet = try Self.answer(["passport": "false", "fdgo_declaration_on": ""]).assessment(.p25b)!
        #expect(notMet.outcome != .met && notMet.waiverCondition == nil && !notMet.resultGerman.contains("absieht"))
    }
}
