import Counseling
import Eligibility
import Testing

@Suite("Applications and grants")
struct ApplicationRulesTests {
    /// A grant continues the history; it does not leave days the status editor would then refuse as an unexplained gap.
    @Test func aGrantAfterTheRecordedHistoryEndsIsRefusedNotLeftWithAGap() throws {
        let history = [StatusPeriod(kind: .gestattung, from: Day("2022-06-01"), to: Day("2023-06-30")),
                       StatusPeriod(kind: .duldung, from: Day("2023-07-01"), to: Day("2026-11-30"))]
        switch ApplicationRules.history(afterGranting: .p25b, on: Day("2026-12-04"), until: Day("2028-12-03"), to: history) {
        case .failure(.gapBeforeGrant(let m)): #expect(m.contains("endet am 30.11.2026") && m.contains("Erteilung ist am 04.12.2026"))
        default: Issue.record("a gap of three days was accepted")
        }
        // The day after the end, or a period still running: the permit follows without a gap.
        let next = try ApplicationRules.history(afterGranting: .p25b, on: Day("2026-12-01"), until: nil, to: history).get()
        #expect(next.last?.from == Day("2026-12-01") && next.dropLast().last?.to == Day("2026-11-30"))
        var open = history
        open[1].to = nil
        let cut = try ApplicationRules.history(afterGranting: .p25b, on: Day("2026-12-04"), until: nil, to: open).get()
        #expect(cut.dropLast().last?.to == Day("2026-12-03"))
    }
}
