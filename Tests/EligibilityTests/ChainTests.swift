@testable import Eligibility
import Testing

/// Status chains: uninterrupted periods, gaps, § 60b readings and unrecorded days (spec/01-common.md §1.7).
@Suite("Status chains")
struct ChainTests {
    func timeline(_ periods: [(StatusKind, String, String?)], entered: String? = nil) -> Timeline {
        Timeline(status: periods.map { StatusPeriod(kind: $0.0, from: Day(iso: $0.1)!, to: $0.2.flatMap { Day(iso: $0) }) },
                 entered: entered.flatMap { Day(iso: $0) })
    }

    @Test func chainIsMetOnTheAnniversaryAndNotTheDayBefore() {
        let t = timeline([(.gestattung, "2020-11-17", "2023-06-30"), (.duldung, "2023-07-01", nil)])
        let rule = StatusColumn.residence25b
        #expect(rule.verdict(t, reference: Day("2026-11-16"), length: .years(6)).state == .time(Day("2026-11-17")))
        #expect(rule.verdict(t, reference: Day("2026-11-17"), length: .years(6)).state == .met)
    }

    @Test func trivialGapOfSevenDaysIsBridgedButNotCounted() {
        let t = timeline([(.duldung, "2020-01-01", "2020-06-30"), (.none, "2020-07-01", "2020-07-07"), (.duldung, "2020-07-08", nil)])
        // K3: 7 gap days are not counted, so the year is complete 7 days later.
        let v = StatusColumn.duldung60c60d.verdict(t, reference: Day("2020-12-31"), length: .years(1))
        #expect(v.state == .time(Day("2021-01-08")))
    }

    @Test func eightDayGapBreaksAShortOnlyChain() {
        let t = timeline([(.duldung, "2020-01-01", "2020-06-30"), (.none, "2020-07-01", "2020-07-08"), (.duldung, "2020-07-09", nil)])
        let v = StatusColumn.duldung60c60d.verdict(t, reference: Day("2020-12-31"), length: .years(1))
        #expect(v.state == .time(Day("2021-07-09")))
    }

    @Test func firstGapOfUpToThreeMonthsIsHarmlessFor25bButASecondBreaks() {
        let oneGap = timeline([(.duldung, "2015-09-01", "2024-02-29"), (.abroad, "2024-03-01", "2024-05-31"), (.duldung, "2024-06-01", nil)])
        #expect(StatusColumn.residence25b.verdict(oneGap, reference: Day("2026-11-16"), length: .years(6)).state == .met)
        let longer = timeline([(.duldung, "2015-09-01", "2024-02-29"), (.abroad, "2024-03-01", "2024-06-01"), (.duldung, "2024-06-02", nil)])
        #expect(StatusColumn.residence25b.verdict(longer, reference: Day("2026-11-16"), length: .years(6)).state == .time(Day("2030-06-02")))
        let twoGaps = timeline([(.duldung, "2012-01-01", "2019-12-31"), (.abroad, "2020-01-01", "2020-01-31"),
                                (.duldung, "2020-02-01", "2023-12-31"), (.abroad, "2024-01-01", "2024-01-31"), (.duldung, "2024-02-01", nil)])
        // The later gap is the chain's single harmless interruption; the earlier one breaks it.
        let v = StatusColumn.residence25b.verdict(twoGaps, reference: Day("2026-11-16"), length: .years(6))
        // Chain from 1.2.2020, the 31 harmless days not counted: 3.3.2020 + 6 years = 3.3.2026.
        #expect(v.state == .met)
        let earlier = StatusColumn.residence25b.verdict(twoGaps, reference: Day("2025-06-01"), length: .years(6))
        #expect(earlier.state == .time(Day("2026-03-03")))
    }

    @Test func mediumGapIsOpenQuestionU12For25a() {
        let t = timeline([(.duldung, "2015-09-01", "2024-02-29"), (.abroad, "2024-03-01", "2024-05-31"), (.duldung, "2024-06-01", nil)])
        let v = StatusColumn.residence25a.verdict(t, reference: Day("2026-11-16"), length: .years(3))
        #expect(v.state == nil)
        #expect(v.open == ["U12"])
    }

    @Test func sixtyBPeriodDecidesOnlyWhenReadingsDiffer() {
        let t = timeline([(.gestattung, "2016-05-15", "2020-01-10"), (.duldung, "2020-01-11", "2021-02-28"),
                          (.duldung60b, "2021-03-01", "2023-02-28"), (.duldung, "2023-03-01", nil)])
        let sixYears = StatusColumn.residence25b.verdict(t, reference: Day("2026-11-16"), length: .years(6))
        #expect(sixYears.state == nil)
        #expect(sixYears.open == ["U3"])
        let twelveMonths = StatusColumn.duldung60c60d.verdict(t, reference: Day("2026-11-16"), length: .months(12))
        #expect(twelveMonths.state == .met)
    }

    @Test func sixtyBDaysCountFor104cHolders() {
        let t = timeline([(.duldung, "2016-07-01", "2019-08-31"), (.duldung60b, "2019-09-01", "2022-02-28"), (.duldung, "2022-03-01", nil)])
        #expect(StatusColumn.residence25bHolder.verdict(t, reference: Day("2026-11-16"), length: .years(6)).state == .met)
    }

    @Test func unrecordedDaysMatterOnlyWhenTheyDecide() {
        let t = timeline([(.gestattung, "2014-03-01", "2021-12-31"), (.gestattung, "2022-05-01", "2025-05-16"), (.duldung, "2025-05-17", nil)],
                         entered: "2014-03-01")
        let six = StatusColumn.residence25b.verdict(t, reference: Day("2026-11-16"), length: .years(6))
        #expect(six.open == ["status"])
        let three = StatusColumn.residence25a.verdict(t, reference: Day("2026-11-16"), length: .years(3))
        #expect(three.state == .met)
    }

    @Test func noneDaysBeforeTheFirstQualifyingDayAreNotAGap() {
        let t = timeline([(.none, "2020-11-15", "2020-11-16"), (.gestattung, "2020-11-17", nil)])
        #expect(StatusColumn.residence104c.verdict(t, reference: Day("2026-11-16"), length: .years(6)).state == .time(Day("2026-11-17")))
    }

    @Test func oldChancenAufenthaltsrechtKnowsNoTrivialGap() {
        let t = timeline([(.duldung, "2016-01-01", "2019-12-31"), (.abroad, "2020-01-01", "2020-01-02"), (.duldung, "2020-01-03", nil)])
        #expect(StatusColumn.residence104c.verdict(t, reference: Day("2022-10-31"), length: .years(5)).state == .time(Day("2025-01-03")))
        #expect(StatusColumn.residence25b.verdict(t, reference: Day("2020-12-31"), length: .years(5)).state == .time(Day("2021-01-03")))
    }

    @Test func referenceDayWithoutQualifyingStatusFails() {
        let t = timeline([(.duldung, "2016-01-01", "2023-08-31"), (.aufenthaltserlaubnis, "2023-09-01", nil)])
        #expect(StatusColumn.duldung25a.verdict(t, reference: Day("2024-06-01"), length: .months(12)).state == .fails)
    }

    /// No status history at all is a missing fact: the periods are open (naming `status`), and so is every pathway that
    /// needs them – never "not met" (QA of 05.12.2026: the self-check's "don't know" told people they did not qualify).
    @Test func withoutAnyStatusHistoryThePeriodsAndPathwaysAreUnclear() {
        let none = Timeline(status: nil, entered: nil)
        let v = StatusColumn.residence25b.verdict(none, reference: Day("2026-12-05"), length: .years(6))
        #expect(v.state == nil && v.open == ["status"])
        var p = Person(id: "p")
        p.born = Day("2006-01-01")
        let answers = Engine().assess(Household(single: p), on: Day("2026-12-05")).person("p")!
        for key in [PathwayKey.p25a, .p25b, .p25b6, .p60d] {
            let a = answers.assessment(key)!
            #expect(a.outcome == .unclear && a.open.contains("status"), "\(key.rawValue): \(a.outcome)")
        }
    }
}
