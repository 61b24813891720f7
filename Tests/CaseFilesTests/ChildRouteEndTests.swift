import CaseFiles
import Counseling
import Eligibility
import Foundation
import Testing

/// A route a minor has as a child (§ 25b Abs. 4) ends with the 18th birthday: the plan says until when, and a
/// reminder falls due (QA of 06.12.2026: "§ 25b Abs. 4 jetzt" with no end, excluded a day after the birthday).
@Suite("A child's route ends at 18")
struct ChildRouteEndTests {
    /// Case 265 with the father's FDGO declaration given: he meets § 25b Abs. 1, his son (18 on 25.11.2026) § 25b Abs. 4.
    static func household() throws -> CaseFile {
        let text = try String(contentsOfFile: Paths.projectCases + "/265-25b4-child-route-through-other-parent.yaml", encoding: .utf8)
        return try CaseFileDecoder.decode(text.replacingOccurrences(of: "fdgo_declaration_on: null", with: "fdgo_declaration_on: 2020-01-01"),
                                          file: "265.yaml", requireExpectations: false)
    }

    @Test func thePlanAndTheRemindersSayUntilWhen() throws {
        let c = try Self.household()
        let son = try #require(Engine().assess(c.household, on: c.on).person("s"))
        #expect(son.assessment(.p25b4)?.outcome == .met)
        // Met, the answer still says through whom (the father; the mother's route is closed).
        #expect(son.assessment(.p25b4)?.anchorDetail == "Kind von f")
        let step = try #require(son.plan.steps.first { $0.pathway == .p25b4 })
        #expect(step.text.contains("als Kind nur bis 24.11.2026"))
        // He meets § 25a Abs. 1 on his own as well: nothing is lost with the birthday, so no reminder urges the
        // application (the reminder itself: routesThroughAMinorHolderEndWithHisMajority).
        #expect(son.assessment(.p25a)?.outcome == .met)
        #expect(!DeadlineRules.derive(person: son, land: "DE-SN", today: c.on).contains { $0.kind == .childRouteEnds })
        // The father's § 25a Abs. 2 route rests on his son and ends with it, but he meets § 25b himself: no reminder. The
        // son after his birthday has no route left to remind of.
        let fathers = try #require(Engine().assess(c.household, on: c.on).person("f"))
        #expect(fathers.assessment(.p25a2).flatMap { Plan.childRouteEnds($0, on: c.on) } == Day("2026-11-24") && fathers.assessment(.p25b)?.outcome == .met)
        let father = try #require(Engine().assess(c.household, on: c.on).person("f"))
        #expect(!DeadlineRules.derive(person: father, land: "DE-SN", today: c.on).contains { $0.kind == .childRouteEnds })
        let later = try #require(Engine().assess(c.household, on: Day("2026-11-25")).person("s"))
        #expect(later.assessment(.p25b4)?.outcome == .excluded)
        #expect(!DeadlineRules.derive(person: later, land: "DE-SN", today: Day("2026-11-25")).contains { $0.kind == .childRouteEnds })
    }

    /// A married minor's route as a spouse has no end at 18 (review of 06.12.2026: the plan gave her one).
    @Test func aSpouseRouteHasNoEndAtMajority() throws {
        let c = try CaseFileDecoder.load(path: Paths.projectCases + "/328-25b4-married-minor-spouse-route.yaml")
        let wife = try #require(Engine().assess(c.household, on: c.on).person("w"))
        let a = try #require(wife.assessment(.p25b4))
        #expect(a.outcome == .met && a.anchorDetail?.hasPrefix("Ehegatte/Lebenspartner von") == true)
        #expect(Plan.childRouteEnds(a, on: c.on) == nil && !wife.plan.steps.contains { $0.text.contains("als Kind") })
        #expect(!DeadlineRules.derive(person: wife, land: "DE-SN", today: c.on).contains { $0.kind == .childRouteEnds })
    }

    /// § 25a Abs. 2: the parents' route (a) and the sister's route (b) rest on the 17-year-old holder and close with his
    /// 18th birthday (QA15 A3: the parents had no end, the sister her own birthday seven years later).
    @Test func routesThroughAMinorHolderEndWithHisMajority() throws {
        let text = try String(contentsOfFile: Paths.projectCases + "/132-25a-2-minor-holder-parents-siblings.yaml", encoding: .utf8)
        let c = try CaseFileDecoder.decode(text.replacingOccurrences(of: "born: 2010-02-11", with: "born: 2009-01-10"), file: "132.yaml", requireExpectations: false)
        let answers = Engine().assess(c.household, on: c.on)
        for id in ["f", "m", "s"] {
            let p = try #require(answers.person(id))
            let a = try #require(p.assessment(.p25a2))
            #expect(a.outcome == .met && Plan.childRouteEnds(a, on: c.on) == Day("2027-01-09"), "\(id)")
            let step = try #require(p.plan.steps.first { $0.pathway == .p25a2 })
            #expect(step.text.contains("nur bis 09.01.2027: dann wird das Kind volljährig") && !step.text.contains("als Kind"), "\(step.text)")
            let reminder = try #require(DeadlineRules.derive(person: p, land: "DE-SN", today: c.on).first { $0.kind == .childRouteEnds })
            #expect(reminder.date == Day("2027-01-09") && reminder.title.contains("nach § 25a volljährig"))
        }
        // The unchanged case: the holder is 16, the sister (11) would come of age first? No: he turns 18 on 11.02.2028.
        let original = try CaseFileDecoder.load(path: Paths.projectCases + "/132-25a-2-minor-holder-parents-siblings.yaml")
        let sister = try #require(Engine().assess(original.household, on: original.on).person("s")?.assessment(.p25a2))
        #expect(Plan.childRouteEnds(sister, on: original.on) == Day("2028-02-10"))
    }

    /// A holder of § 25b is not advised to apply for § 25b Abs. 4 as well; the plan names the renewal.
    @Test func aHolderIsNotAdvisedAnotherTitleOfTheSameBasis() throws {
        var c = try Self.household()
        let i = try #require(c.household.persons.firstIndex { $0.id == "f" })
        c.household.persons[i].status![1].to = Day("2026-10-31")
        c.household.persons[i].status!.append(StatusPeriod(kind: .aufenthaltserlaubnis, from: Day("2026-11-01"), basis: "25b", validUntil: Day("2028-10-31")))
        let mother = try #require(Engine().assess(c.household, on: c.on).person("m"))
        let father = try #require(Engine().assess(c.household, on: c.on).person("f"))
        #expect(mother.plan.steps.contains { $0.pathway == .p25b4 })
        #expect(!father.plan.steps.contains { $0.pathway == .p25b4 || $0.pathway == .p25b })
        #expect(father.plan.steps.contains { $0.text.contains("Verlängerung vor Ablauf am 31.10.2028 beantragen") })
    }

    /// Permits exclude one another: after the first permit open to the person, the other pathways are alternatives if
    /// it is not granted; a Duldung before that day is the bridge to it (QA19 F3); § 16g leads on to § 16g Abs. 8, not
    /// § 19d Abs. 1a (F4).
    @Test func thePlanMarksAlternativesToTheFirstPermit() throws {
        let c = try CaseFileDecoder.load(path: Paths.sharedCases + "/01-single-25b-standard.yaml")
        let steps = Engine().assess(c.household, on: c.on).persons[0].plan.steps
        #expect(steps.first { $0.pathway == .p25b }?.text.hasPrefix("§ 25b Abs. 1 AufenthG (Aufenthaltserlaubnis) jetzt") == true)
        for key in [PathwayKey.p60d, .p25b6] {
            #expect(steps.first { $0.pathway == key }?.text.hasPrefix("Alternativ, falls die Aufenthaltserlaubnis nach § 25b Abs. 1 AufenthG nicht erteilt wird: ") == true, "\(key)")
        }
        // Six years complete only in 2028: the § 60d Duldung now bridges to § 25b, it is no alternative.
        var later = c
        later.household.persons[0].status![1].from = Day("2022-09-12")
        later.household.persons[0].entered = Day("2022-09-10"); later.household.persons[0].status![0] = StatusPeriod(kind: .none, from: Day("2022-09-10"), to: Day("2022-09-11"))
        later.household.persons[0].asylum?.appliedOn = .on(Day("2022-09-12"))
        let bridge = Engine().assess(later.household, on: c.on).persons[0]
        #expect(bridge.assessment(.p25b)?.outcome == .reachable)
        let duldung = bridge.plan.steps.first { $0.pathway == .p60d }
        #expect(duldung.map { !$0.text.hasPrefix("Alternativ") && $0.from < bridge.assessment(.p25b)!.from! } == true, "\(bridge.plan.steps.map(\.text))")
    }

    /// §§ 60c, 16g: the application may be made 7 months before the training starts, a month before the grant
    /// (QA19 F20; case 336).
    @Test func theEarliestTrainingApplicationIsNamed() throws {
        let c = try CaseFileDecoder.load(path: Paths.projectCases + "/336-60c-application-a-month-before-the-grant.yaml")
        let steps = Engine().assess(c.household, on: c.on).persons[0].plan.steps
        let step = try #require(steps.first { $0.pathway == .p60c })
        #expect(step.text.contains("ab 01.01.2027") && step.text.contains("Antrag schon ab 01.12.2026 möglich (7 Monate vor Ausbildungsbeginn, § 60c Abs. 3 AufenthG)"), "\(step.text)")
    }

    /// A Duldung (§ 60c) keeps nothing of a permit route: the child's reminder stays (QA21 H1; case 337).
    @Test func aDuldungDoesNotSilenceTheChildsReminder() throws {
        let c = try CaseFileDecoder.load(path: Paths.projectCases + "/337-25b4-child-route-ends-beside-60c.yaml")
        let child = try #require(Engine().assess(c.household, on: c.on).person("c1"))
        #expect(child.assessment(.p60c)?.outcome == .met)
        #expect(DeadlineRules.derive(person: child, land: "DE-SN", today: c.on).contains { $0.kind == .childRouteEnds && $0.date == Day("2027-01-19") })
    }

    /// Route (a) through two minor § 25a holders ends with the younger one's majority (QA21 H2; case 338).
    @Test func aParentOfTwoMinorHoldersKeepsTheRouteUntilTheYoungerComesOfAge() throws {
        let c = try CaseFileDecoder.load(path: Paths.projectCases + "/338-25a2-parent-of-two-minor-holders.yaml")
        let father = try #require(Engine().assess(c.household, on: c.on).person("f")?.assessment(.p25a2))
        #expect(father.outcome == .met && father.routeEnds == Day("2029-05-31"))
    }

    /// On one day the plan is the title without an end and with the stronger consequence, listed first (QA21 M1;
    /// case 339).
    @Test func thePlanPrefersTheTitleThatLasts() throws {
        let c = try CaseFileDecoder.load(path: Paths.projectCases + "/339-25a2-parent-meets-25b-himself.yaml")
        let answers = Engine().assess(c.household, on: c.on)
        let father = try #require(answers.persons.first { $0.assessment(.p25b)?.outcome == .met && $0.assessment(.p25a2)?.outcome == .met })
        #expect(father.plan.steps.first?.pathway == .p25b && !father.plan.steps[0].text.hasPrefix("Alternativ"))
        #expect(father.plan.steps.first { $0.pathway == .p25a2 }?.text.hasPrefix("Alternativ, falls die Aufenthaltserlaubnis nach § 25b Abs. 1 AufenthG nicht erteilt wird") == true)
        // The son meets § 25a on his own (no end) and § 25b Abs. 4 as a child (ends at 18): § 25a is the plan.
        let son = try #require(answers.person("h"))
        #expect(son.plan.steps.first?.pathway == .p25a && son.plan.steps.first { $0.pathway == .p25b4 }?.text.hasPrefix("Alternativ") == true)
    }
}
