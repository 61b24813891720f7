import Counseling
import Eligibility
import Testing

@Suite("Status history rules")
struct StatusHistoryRulesTests {
    @Test func theLegalBasisIsReadAsTheShortFormTheEngineCompares() {
        for (typed, short) in [("104C", "104c"), ("§ 104c", "104c"), ("§104c AufenthG", "104c"), ("§ 25 Abs. 5", "25-5"), ("19d Abs. 1a", "19d-1a"), ("25b", "25b"), ("25-5", "25-5"), ("25abs5", "25-5"), ("25-5-", "25-5"), ("104caufenthg", "104c")] {
            #expect(StatusPeriod.shortBasis(typed) == short, "\(typed)")
            #expect(StatusHistoryRules.isBasis(short), "\(short)")
        }
        for wrong in ["xyz", "25 b", "25B", "0", "1234", "25-", "abc-1", "", "999", "60a", "25c"] { #expect(!StatusHistoryRules.isBasis(wrong), "\(wrong)") }
    }

    @Test func aPermitWithAnUnreadableBasisIsRefusedAtItsRow() {
        var permit = StatusPeriod(kind: .aufenthaltserlaubnis, from: Day("2024-01-01"))
        permit.basis = "irgendwas"
        let problems = StatusHistoryRules.problems([StatusPeriod(kind: .duldung, from: Day("2020-01-01"), to: Day("2023-12-31")), permit],
                                                   entered: nil, today: Day("2026-11-22"))
        #expect(problems["p1_basis"]?.contains("„irgendwas“ ist keine Rechtsgrundlage") == true)
        // Each problem at the field it is about (QA29 F2): an open period before the last at "bis", a missing Fiktion kind
        // at its choice.
        var fiktion = StatusPeriod(kind: .fiktion, from: Day("2024-01-01"))
        let open = StatusHistoryRules.problems([StatusPeriod(kind: .duldung, from: Day("2020-01-01")), fiktion], entered: nil, today: Day("2026-11-22"))
        #expect(open.keys.sorted() == ["p0_to", "p1_fiktion"] && StatusHistoryRules.apiPath("p1_fiktion") == "[1].fiktion", "\(open)")
        fiktion.fiktion = .continuation
        #expect(StatusHistoryRules.problems([fiktion], entered: nil, today: Day("2026-11-22")).keys.sorted() == ["p0_continues"])
        // An end before the start is an error of the end's field, named so in the API too.
        let backwards = StatusHistoryRules.problems([StatusPeriod(kind: .duldung, from: Day("2020-05-01"), to: Day("2020-04-30"))], entered: nil, today: Day("2026-11-22"))
        #expect(backwards.keys.sorted() == ["p0_to"] && StatusHistoryRules.apiPath("p0_to") == "[0].to" && StatusHistoryRules.apiPath("p12") == "[12]")
        permit.basis = "25b"
        #expect(StatusHistoryRules.problems([permit], entered: nil, today: Day("2026-11-22")).isEmpty)
        // Not before its provision came into force (QA25 S3).
        let early = StatusHistoryRules.problems([StatusPeriod(kind: .duldung60d, from: Day("2019-06-01"))], entered: nil, today: Day("2026-11-22"))
        #expect(early["p0"] == "Zeile 1: § 60d AufenthG gilt erst seit dem 01.01.2020; ein solcher Zeitraum kann nicht früher beginnen.")
    }
}
