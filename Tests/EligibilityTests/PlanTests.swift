import Testing
@testable import Eligibility

/// The permit plan names an application already filed instead of advising to file it again
/// (QA of 05.12.2026: "Antrag … stellen" while the § 25b application was pending).
@Suite("Permit plan with filed applications")
struct PlanTests {
    static let on = Day("2026-12-05")

    /// A § 104c holder (permit until 31.03.2027) after years of Duldung.
    static func holder104c() -> Person {
        var p = Person(id: "p")
        p.born = Day("1985-04-02"); p.entered = Day("2014-03-01")
        p.status = [StatusPeriod(kind: .gestattung, from: Day("2014-03-01"), to: Day("2016-05-31")),
                    StatusPeriod(kind: .duldung, from: Day("2016-06-01"), to: Day("2023-05-31")),
                    StatusPeriod(kind: .aufenthaltserlaubnis, from: Day("2023-06-01"), basis: "104c", validUntil: Day("2027-03-31"))]
        return p
    }

    static func plan(_ p: Person, filed: [FiledApplication]) -> [String] {
        var answer = Engine().assess(Household(single: p), on: on).person("p")!
        answer.filed = filed
        return answer.plan.steps.map(\.text)
    }

    @Test func a104cHolderIsToldToFileUntilAnApplicationIsFiled() {
        let open = Self.plan(Self.holder104c(), filed: [])
        #expect(open.contains { $0.contains("Antrag nach § 25a oder § 25b vor Ablauf am 31.03.2027 und spätestens bis 30.06.2027 stellen") })
        // The decision, not only the application, must come by then for the holders' relief (QA41 L2; spec/03-25b.md 3.6).
        #expect(open.contains { $0.contains("gelten nur, wenn bis 30.06.2027 entschieden ist") })
        let filed = Self.plan(Self.holder104c(), filed: [FiledApplication(pathway: .p25b, filedOn: Day("2026-11-02"))])
        #expect(!filed.contains { $0.contains("stellen") })
        #expect(filed.contains { $0.contains("Antrag nach § 25b Abs. 1 AufenthG am 02.11.2026 gestellt, noch nicht entschieden") && $0.contains("nur für eine Entscheidung bis 30.06.2027") })
        // An application of another kind keeps no § 104c permit in force: the advice stays.
        let other = Self.plan(Self.holder104c(), filed: [FiledApplication(pathway: .p19d1, filedOn: Day("2026-11-02"))])
        #expect(other.contains { $0.contains("spätestens bis 30.06.2027 stellen") })
    }

    /// The settlement perspective counts from the titles of Abschnitt 5 held without a break, a § 104c permit
    /// included (QA19 F18: counted from the decision date).
    @Test func theSettlementPerspectiveCountsTheTitlesHeld() {
        let steps = Self.plan(Self.holder104c(), filed: [])
        #expect(steps.contains { $0.hasPrefix("Perspektive: Niederlassungserlaubnis nach 5 Jahren Aufenthaltserlaubnis, frühestens 01.06.2028") }, "\(steps)")
    }

    /// A permit continued by a Fiktion: its extension is pending, and it is held since its first period (QA21 M8).
    @Test func aPermitContinuedByAFiktionIsNotToBeRenewedAgain() {
        var p = Self.holder104c()
        p.status![2] = StatusPeriod(kind: .aufenthaltserlaubnis, from: Day("2023-06-01"), to: Day("2026-09-30"), basis: "25-5", validUntil: Day("2026-09-30"))
        var f = StatusPeriod(kind: .fiktion, from: Day("2026-10-01"))
        f.fiktion = .continuation; f.continues = "25-5"
        p.status!.append(f)
        let steps = Self.plan(p, filed: [])
        #expect(steps.contains { $0.hasPrefix("Aufenthaltserlaubnis nach § 25 Abs. 5 AufenthG besteht seit 01.06.2023: gilt seit 01.10.2026 fort (§ 81 Abs. 4)") }, "\(steps)")
        #expect(!steps.contains { $0.contains("Verlängerung vor Ablauf") })
        #expect(steps.contains { $0.contains("frühestens 01.06.2028") })
    }

    @Test func aRenewalAlreadyAppliedForIsNamed() {
        var p = Self.holder104c()
        p.status![2] = StatusPeriod(kind: .aufenthaltserlaubnis, from: Day("2023-06-01"), basis: "25b", validUntil: Day("2027-01-31"))
        let open = Self.plan(p, filed: [])
        #expect(open.contains { $0.contains("Verlängerung vor Ablauf am 31.01.2027 beantragen") })
        let renewal = Self.plan(p, filed: [FiledApplication(pathway: .p25b, filedOn: Day("2026-12-01"))])
        #expect(renewal.contains { $0.contains("Verlängerung am 01.12.2026 beantragt, noch nicht entschieden") })
        #expect(!renewal.contains { $0.contains("beantragen") })
    }
}
