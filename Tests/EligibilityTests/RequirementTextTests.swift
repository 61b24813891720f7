@testable import Eligibility
import Testing

/// The requirement texts state the thresholds of the law applied on the decision date (QA of 05.12.2026: under the
/// law of 2015 the texts said "27. Lebensjahr" and "6 Jahre" beside dates computed with 21 and 8).
@Suite("Requirement texts by the law in force")
struct RequirementTextTests {
    /// An open fact within a group has its own name, not the group's (QA36 F6: the unaccompanied minors' exception of
    /// § 60a Abs. 6 S. 1 Nr. 3 was called "Asylverfahren").
    @Test func openSubfactsHaveTheirOwnNames() {
        #expect(ConditionCatalog.describeOpen("asylum.unaccompanied_minor_welfare").contains("unbegleitete Minderjährige"))
        #expect(ConditionCatalog.describeOpen("departure.impossible_since") != ConditionCatalog.describeOpen("departure"))
        #expect(ConditionCatalog.describeOpen("departure.end_foreseeable") != ConditionCatalog.describeOpen("departure"))
    }

    /// Hours are not whole numbers only (CASES.md § 3.6; QA41 L9: 19.5 hours read "19 Std./Woche").
    @Test func fractionalHoursKeepTheirFraction() {
        #expect(ConditionCatalog.germanHours(19.5) == "19,5" && ConditionCatalog.germanHours(20) == "20")
    }

    @Test func oldLawStatesItsOwnThresholdsAndTodayKeepsTheRegistryText() {
        let before = Day("2022-06-01"), now = Day("2026-11-22"), earlier60d = Day("2023-06-01")
        #expect(ConditionCatalog.requirement("a_application_before_27", on: before) == "Antrag vor Vollendung des 21. Lebensjahres")
        #expect(ConditionCatalog.requirement("a_residence_years_min", on: before).hasPrefix("Seit 4 Jahren"))
        #expect(ConditionCatalog.requirement("a_status_entry", on: before) == "Geduldet")
        #expect(ConditionCatalog.requirement("b_residence_years_min", on: before).hasPrefix("Seit 8 Jahren"))
        #expect(ConditionCatalog.requirement("b_residence_years_min_with_minor_child", on: before).hasPrefix("Seit 6 Jahren"))
        #expect(ConditionCatalog.requirement("60d_employment_months_min", on: earlier60d) == "Seit mindestens 18 Monaten sozialversicherungspflichtig beschäftigt (mind. 35 Std./Woche, Alleinerziehende 20)")
        #expect(ConditionCatalog.requirement("60d_entry_cutoff", on: earlier60d).contains("01.08.2018"))
        #expect(ConditionCatalog.requirement("60d_no_conviction", on: earlier60d).contains("50 Tagessätze"))
        // Today, and without a date, the registry's own text: nothing changes for current answers.
        for id in ["a_application_before_27", "a_residence_years_min", "a_status_entry", "a_school_years_min", "b_residence_years_min",
                   "b_residence_years_min_with_minor_child", "60d_entry_cutoff", "60d_employment_months_min", "60d_weekly_hours_min", "60d_no_conviction"] {
            #expect(ConditionCatalog.requirement(id, on: now) == ConditionCatalog.entry(id).requirement, "\(id)")
            #expect(ConditionCatalog.requirement(id, on: nil) == ConditionCatalog.entry(id).requirement, "\(id)")
        }
        // The sentence of a condition carries the text of its decision date.
        #expect(ConditionResult("a_application_before_27", .failing(.permanent)).sentence(on: before).hasPrefix("Antrag vor Vollendung des 21."))
    }

    /// Before § 60d existed, the engine judges by its first version (2020): texts and actions say so (QA19 F1: "mindestens
    /// 20 Stunden – nicht erfüllt; 30 Std./Woche" and "Arbeitszeit auf mindestens 20 Stunden erhöhen" on 01.10.2019).
    @Test func beforeAProvisionExistedItsFirstVersionIsStated() {
        let before = Day("2019-10-01")
        #expect(ConditionCatalog.requirement("60d_weekly_hours_min", on: before) == "Regelmäßige Arbeitszeit mindestens 35 Stunden pro Woche (Alleinerziehende 20)")
        #expect(ConditionCatalog.requirement("60d_entry_cutoff", on: before).contains("01.08.2018"))
        #expect(ConditionCatalog.action("60d_weekly_hours_min", on: before) == "Arbeitszeit auf mindestens 35 Stunden pro Woche erhöhen (Alleinerziehende 20)")
        #expect(ConditionCatalog.action("60d_employment_months_min", on: Day("2026-11-22")) == "Sozialversicherungspflichtige Beschäftigung mit mindestens 20 Std./Woche aufnehmen oder aufstocken")
        #expect(ConditionCatalog.action("b_fdgo_declaration", on: before) == ConditionCatalog.entry("b_fdgo_declaration").action)
    }

    /// An excluded answer asks for nothing: no step changes it (QA19 F12: "atypischen Fall darlegen" against a mandatory
    /// bar); a not-met answer keeps its actions.
    @Test func anExcludedAnswerListsNoActions() {
        let bar = ConditionResult("b_excl_crime", .failing(.permanent)), hours = ConditionResult("60d_weekly_hours_min", .failing(.remediable))
        let excluded = Assessment(pathway: .p25b, outcome: .excluded, from: nil, consequence: nil, conditions: [bar, hours], notes: [], on: Day("2026-11-22"), lawVersions: [])
        #expect(excluded.actions.isEmpty)
        var notMet = excluded
        notMet.outcome = .notMet; notMet.conditions = [hours]
        #expect(notMet.actions == ["Arbeitszeit auf mindestens 20 Stunden pro Woche erhöhen"])
    }

    /// A status condition asks for what the status held allows: no "Duldung beantragen" during an asylum procedure, no
    /// extension of a § 104c permit, the renewal of another permit (QA19 F5, F6).
    @Test func statusActionsFollowTheStatusHeld() {
        var a = Assessment(pathway: .p25b, outcome: .notMet, from: nil, consequence: nil, conditions: [ConditionResult("b_status", .failing(.remediable))],
                           notes: [], on: Day("2026-11-22"), lawVersions: [])
        #expect(a.actions == ["Duldungsstatus klären (bei einer bestehenden Aufenthaltserlaubnis: diese rechtzeitig verlängern)"])
        a.statusKind = .gestattung
        #expect(a.actions.first?.hasPrefix("Asylverfahren läuft (Aufenthaltsgestattung)") == true)
        a.statusKind = .aufenthaltserlaubnis; a.statusBasis = "104c"
        #expect(a.actions.first?.hasPrefix("Aufenthaltserlaubnis nach § 104c: bis 30.06.2027 Antrag nach § 25a oder § 25b stellen") == true)
        var later = a; later.on = Day("2027-07-15")
        #expect(later.actions.first?.hasPrefix("Aufenthaltserlaubnis nach § 104c ist nicht verlängerbar") == true)
        // Under a Fiktion the application is made: not asked for again (QA43 L1).
        a.statusKind = .fiktion
        #expect(a.actions.first?.hasPrefix("Aufenthaltserlaubnis nach § 104c gilt nach dem Antrag nach § 25a oder § 25b fort (Fiktion") == true)
        later.statusKind = .fiktion
        #expect(later.actions.first?.hasPrefix("Aufenthaltserlaubnis nach § 104c ist nicht verlängerbar") == true)
        a.statusKind = .aufenthaltserlaubnis; a.statusBasis = "25a"
        #expect(a.actions.first?.hasPrefix("Bestehende Aufenthaltserlaubnis nach § 25a") == true)
        a.statusKind = .fiktion
        #expect(a.actions.first?.hasPrefix("Verlängerung der Aufenthaltserlaubnis nach § 25a AufenthG ist beantragt") == true)
        // Set by the engine from the status on the decision date.
        var p = Person(id: "p")
        p.born = Day("2000-02-02"); p.entered = Day("2019-04-01")
        p.status = [StatusPeriod(kind: .gestattung, from: Day("2019-04-01"))]
        let answer = Engine().assess(Household(single: p), on: Day("2026-11-22")).person("p")!.assessment(.p25b)!
        #expect(answer.statusKind == .gestattung && answer.actions.contains { $0.hasPrefix("Asylverfahren läuft") } && !answer.actions.contains { $0.contains("Duldungsstatus klären") })
    }

    /// Citations and texts name only provisions in force on the date: § 25a Abs. 5 and the § 104c alternatives from
    /// 31.12.2022 to 30.06.2027; § 104c is the "a. F." only after 30.12.2025 (QA19 F7).
    @Test func citationsNameTheProvisionsInForce() {
        let before = Day("2019-06-01"), branch = Day("2023-06-01"), after = Day("2027-08-02")
        #expect(ConditionCatalog.citation("a_residence_years_min", on: branch) == "§ 25a Abs. 1 S. 1 Nr. 1, Abs. 5 AufenthG")
        #expect(ConditionCatalog.citation("a_residence_years_min", on: after) == "§ 25a Abs. 1 S. 1 Nr. 1 AufenthG")
        #expect(ConditionCatalog.citation("a_residence_years_min", on: before) == "§ 25a Abs. 1 S. 1 Nr. 1 AufenthG")
        #expect(ConditionCatalog.citation("c_geduldet", on: branch) == "§ 104c Abs. 1 S. 1 AufenthG")
        #expect(ConditionCatalog.citation("c_geduldet", on: Day("2026-11-22")) == "§ 104c Abs. 1 S. 1 AufenthG a. F.")
        for day in [before, after] {
            #expect(ConditionCatalog.requirement("a_holds_other_AE", on: day) == "Kein Besitz einer anderen Aufenthaltserlaubnis")
            #expect(ConditionCatalog.requirement("b_status", on: day) == "Geduldet")
        }
        #expect(ConditionCatalog.requirement("b_status", on: branch) == "Geduldet (oder Inhaber einer AE nach § 104c)")
        #expect(ConditionResult("a_residence_years_min", .met).sentence(on: after).hasSuffix("(§ 25a Abs. 1 S. 1 Nr. 1 AufenthG)."))
        // A waivable requirement names the waiver's provision with its own, in one pair of parentheses (QA29 F8).
        let waived = ConditionResult("gen_passport", .waiver).sentence(on: after)
        #expect(waived.hasSuffix("nicht erfüllt, die Behörde kann davon absehen (\(ConditionCatalog.citation("gen_passport", on: after)); § 5 Abs. 3 S. 2 AufenthG).") && waived.components(separatedBy: "(").count == 2, "\(waived)")
    }

    /// A requirement met by the waiver of § 25b Abs. 3 says so, not "erfüllt" (QA19 F10: "A2 – erfüllt" for a person
    /// with no German at all).
    @Test func aRequirementMetByTheIllnessWaiverSaysSo() {
        var p = Person(id: "p")
        p.born = Day("1970-01-01"); p.entered = Day("2015-01-01"); p.german = []
        p.status = [StatusPeriod(kind: .duldung, from: Day("2015-01-01"))]
        var inability = Inability(); inability.german = true
        p.inability = inability
        let a = Engine().assess(Household(single: p), on: Day("2026-11-22")).person("p")!.assessment(.p25b)!
        let c = a.conditions.first { $0.id == "b_german_level_min" }!
        #expect(c.state == .met && c.waivedDetail != nil)
        #expect(c.sentence(on: a.on).hasPrefix("Hinreichende mündliche Deutschkenntnisse (A2) – entfällt wegen Krankheit, Behinderung oder Alter (§ 25b Abs. 3 AufenthG)"))
        #expect(!c.sentence(on: a.on).contains("erfüllt"))
    }
}
