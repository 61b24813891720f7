import CaseFiles
import Eligibility
import Testing

/// What an answer asks a counselor to do is doable for the person (legal review QA19 of 06.12.2026).
@Suite("Actions a counselor can take")
struct ActionWordingTests {
    /// Under a permanent work ban, § 25b Nr. 3 is not met by "taking up work": the answer names the prognosis (F14).
    @Test func aWorkBanLeavesOnlyThePrognosisForTheLivelihood() throws {
        let c = try CaseFileDecoder.load(path: Paths.projectCases + "/334-25b-work-ban-safe-country-prognosis-only.yaml")
        let a = try #require(Engine().assess(c.household, on: c.on).persons[0].assessment(.p25b))
        #expect(a.outcome == .notMet && a.notes.contains { $0.text.contains("nur über die Prognose erreichbar") && $0.citation.contains("§ 60a Abs. 6") })
        #expect(a.actions.contains { $0.hasPrefix("Prognose belegen") } && !a.actions.contains { $0.contains("Erwerbstätigkeit aufnehmen") }, "\(a.actions)")
        // Without the ban (not a safe country), no such note.
        var free = c
        free.household.persons[0].safeCountryOfOrigin = false
        let b = try #require(Engine().assess(free.household, on: c.on).persons[0].assessment(.p25b))
        #expect(!b.notes.contains { $0.text.contains("nur über die Prognose erreichbar") })
    }

    /// The bar of § 10 Abs. 3 S. 2 names the ground and the wording it applied, so that the list can be checked (QA25 L6),
    /// and the versions of § 60c and § 16g are named by the law in force (L5).
    @Test func theTitleBarNamesTheWordingItApplied() throws {
        let c = try CaseFileDecoder.load(path: Paths.projectCases + "/143-25-5-ou-old-list-decided-27-02-2024.yaml")
        let a = try #require(Engine().assess(c.household, on: c.on).persons[0].assessment(.p25_5))
        let bar = try #require(a.conditions.first { $0.id == "gen_no_10_3_s2_bar" })
        #expect(bar.detail?.contains("(Ablehnungsgrund 30-3-4)") == true && bar.detail?.contains("§ 10 Abs. 3 S. 2 a. F. i. V. m. § 104 Abs. 19 AufenthG") == true)
        #expect(Law.p60c.reference(on: Day("2026-11-22")).description.contains("GEAS") && Law.p60d.reference(on: Day("2024-01-15")).description.contains("ab 23.12.2023"))
    }

    /// A pathway that rests on a Duldung of § 60d or § 60c asks for it first, not to "restore" one never held (F15, F16).
    @Test func followUpPathwaysAskForTheDuldungTheyRestOn() throws {
        let c = try CaseFileDecoder.load(path: Paths.sharedCases + "/01-single-25b-standard.yaml")
        let p = Engine().assess(c.household, on: c.on).persons[0]
        #expect(p.assessment(.p25b6)?.actions.contains { $0.hasPrefix("Beschäftigungsduldung nach § 60d erlangen") } == true)
        #expect(p.assessment(.p19d1a)?.actions.contains { $0.hasPrefix("Qualifizierte Ausbildung mit Ausbildungsduldung (§ 60c)") } == true)
    }

    /// Legal review QA39: an excluded answer names the condition that closes the route (F3); a pending application that
    /// cannot succeed is said to need a new one (F4); a missing bar is asked for by its own field (F1); the earlier § 60d
    /// names the identity deadlines it applies (F6).
    @Test func closedRoutesTooEarlyApplicationsAndMissingBarsAreNamed() throws {
        let closed = try CaseFileDecoder.load(path: Paths.projectCases + "/359-60c-work-ban-from-the-18th-birthday-closes-the-route.yaml")
        let a = try #require(Engine().assess(closed.household, on: closed.on).persons[0].assessment(.p60c))
        #expect(a.outcome == .excluded && a.notes.contains { $0.text.contains("ab 01.03.2026 dauerhaft entgegen: „Kein Beschäftigungsverbot nach § 60a Abs. 6“") }, "\(a.notes)")
        let early = try CaseFileDecoder.load(path: Paths.projectCases + "/360-60c-pending-application-a-day-too-early.yaml")
        for key in [PathwayKey.p60c, .p16g] {
            let b = try #require(Engine().assess(early.household, on: early.on, appliedOn: early.appliedOn).persons[0].assessment(key))
            #expect(b.outcome == .reachable && b.notes.contains { $0.text.hasPrefix("Mit dem gestellten Antrag vom 30.01.2028 sind die Voraussetzungen nicht erfüllbar") && $0.text.contains("am 29.02.2028 gestellt") }, "\(b.notes)")
        }
        // Filed on the decision day (no pending application before it): no such note.
        let filedNow = try #require(Engine().assess(early.household, on: early.on).persons[0].assessment(.p60c))
        #expect(!filedNow.notes.contains { $0.text.hasPrefix("Mit dem gestellten Antrag") })
        let bars = try CaseFileDecoder.load(path: Paths.projectCases + "/357-16g-s54-abs1-other-missing-is-named.yaml")
        let c = try #require(Engine().assess(bars.household, on: bars.on).persons[0].assessment(.p16g))
        #expect(c.open == ["bars.s54_abs1_other"], "\(c.open)")
        #expect(Law.p60d.reference(on: Day("2021-03-01")).description.contains("Identitätsfristen i. d. F. des G v. 09.07.2021"))
    }

    /// Not met under today's version, met under the next one with the same facts: a note says so (QA21 L8; case 340).
    @Test func aVersionDaysAheadThatWouldBeMetIsNamed() throws {
        let c = try CaseFileDecoder.load(path: Paths.projectCases + "/340-60d-not-met-now-met-under-the-next-version.yaml")
        let a = try #require(Engine().assess(c.household, on: c.on).persons[0].assessment(.p60d))
        #expect(a.outcome == .notMet && a.notes.contains { $0.text.hasPrefix("Nach der ab 01.03.2024 geltenden Fassung") })
    }
}
