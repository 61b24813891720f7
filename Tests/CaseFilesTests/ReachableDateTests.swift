import CaseFiles
import Counseling
import Eligibility
import Screening
import Testing

/// SPEC.md, "How the engine must answer" § 5: `from` is the first day on which the pathway is met if nothing but time
/// changes. So, asked again on that day, the engine must answer `met`; asked the day before, not yet. Checked over a
/// generated population (single persons and families, every pathway), which reaches corners no case file names.
@Suite("The earliest date of a reachable pathway")
struct ReachableDateTests {
    /// Decision dates before law changes: the Chancen-Aufenthaltsrecht (31.12.2022), the open entry into force of
    /// § 60d's new version (27.02./01.03.2024), the end of the § 104c bridges (01.07.2027).
    @Test(arguments: ["2026-11-22", "2022-11-15", "2024-02-20"])
    func aReachablePathwayIsMetOnItsDateAndNotOnTheDayBefore(_ day: String) {
        let on = Day(iso: day)!
        var generator = PopulationGenerator(seed: 11, on: on)
        var checked = 0, failures: [String] = []
        for n in 0..<1200 {
            check(generator.nextHousehold(), on: on, name: "household \(n)", checked: &checked, failures: &failures)
        }
        #expect(checked > 100, "too few reachable answers to say anything: \(checked)")
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) of \(checked):\n" + failures.prefix(15).joined(separator: "\n")))
    }

    /// The same over every case file without a pending application (a pending one is weighed beside a new one).
    @Test func theCaseFilesAgree() throws {
        var checked = 0, failures: [String] = []
        for path in Paths.yamlFiles(in: Paths.sharedCases) + Paths.yamlFiles(in: Paths.projectCases) {
            let file = try CaseFileDecoder.load(path: path)
            guard file.appliedOn == nil else { continue }
            check(file.household, on: file.on, name: file.id, checked: &checked, failures: &failures)
        }
        #expect(checked > 20, "too few reachable answers to say anything: \(checked)")
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) of \(checked):\n" + failures.prefix(15).joined(separator: "\n")))
    }

    /// An answer open only by a legal question names the first day every answer to it meets the pathway (QA43 C2): asked
    /// on that day the engine answers `met`, the day before not. Case 09: § 25b under U3 is met from 01.03.2029 under
    /// reading A, today under reading B – so from 01.03.2029 whatever U3's answer; the plan names it. A pathway open by a
    /// missing fact gets no such day.
    @Test func anAnswerOpenByALegalQuestionNamesTheDayItIsMetUnderEveryReading() throws {
        let file = try CaseFileDecoder.load(path: Paths.sharedCases + "/09-60b-period-in-chain.yaml")
        let person = try #require(Engine().assess(file.household, on: file.on).persons.first)
        let b = try #require(person.assessment(.p25b))
        #expect(b.outcome == .unclear && b.open == ["U3"] && b.metUnderEveryReadingFrom == Day("2029-03-01"))
        #expect(b.resultGerman == "unklar; unter jeder Lesart erfüllt ab 01.03.2029")
        #expect(person.plan.steps.contains { $0.pathway == .p25b && $0.from == Day("2029-03-01") && $0.text.contains("spätestens ab 01.03.2029 (je nach Antwort auf die offene Rechtsfrage U3 schon früher)") })
        var checked = 0, failures: [String] = []
        for path in Paths.yamlFiles(in: Paths.sharedCases) + Paths.yamlFiles(in: Paths.projectCases) {
            let file = try CaseFileDecoder.load(path: path)
            guard file.appliedOn == nil else { continue }
            for person in Engine().assess(file.household, on: file.on).persons {
                for a in person.assessments where a.outcome == .unclear {
                    let what = "\(file.id) \(person.personID) \(a.pathway.rawValue)"
                    guard let day = a.metUnderEveryReadingFrom else { continue }
                    checked += 1
                    if !a.open.allSatisfy(ConditionCatalog.isOpenQuestion) { failures.append("\(what): a day though a fact is missing \(a.open)") }
                    let then = Engine().assess(file.household, person: person.personID, pathway: a.pathway, on: day)
                    if then.outcome != .met { failures.append("\(what): met under every reading from \(day.iso), on that day \(then.outcome.rawValue) \(then.failing + then.open)") }
                    let before = day.adding(days: -1)
                    if before > file.on, Engine().assess(file.household, person: person.personID, pathway: a.pathway, on: before).outcome == .met {
                        failures.append("\(what): met under every reading from \(day.iso), but met the day before")
                    }
                }
            }
        }
        #expect(checked >= 3, "too few answers to say anything: \(checked)")
        #expect(failures.isEmpty, Comment(rawValue: failures.joined(separator: "\n")))
    }

    func check(_ household: Household, on: Day, name: String, checked: inout Int, failures: inout [String]) {
        let engine = Engine()
        for person in engine.assess(household, on: on, explains: false).persons {
            for a in person.assessments where a.outcome == .reachable {
                let what = "\(name) \(person.personID) \(a.pathway.rawValue)"
                guard let from = a.from, from > on else { failures.append("\(what): reachable without a later date"); continue }
                checked += 1
                let onTheDay: Assessment = engine.assess(household, person: person.personID, pathway: a.pathway, on: from)
                if onTheDay.outcome != .met {
                    failures.append("\(what): reachable from \(from.iso), on that day \(onTheDay.outcome.rawValue) \(onTheDay.failing + onTheDay.open)")
                }
                let before = from.adding(days: -1)
                guard before > on else { continue }
                let dayBefore: Assessment = engine.assess(household, person: person.personID, pathway: a.pathway, on: before)
                if dayBefore.outcome == .met || (dayBefore.outcome == .reachable && dayBefore.from != from) {
                    failures.append("\(what): reachable from \(from.iso), the day before \(dayBefore.outcome.rawValue) \(dayBefore.from?.iso ?? "")")
                }
            }
        }
    }
}

/// SPEC.md, "How the engine must answer" §§ 2–4: each result says why, in its conditions. Checked over a generated
/// population with texts, as the assessment page shows it.
@Suite("Every result carries its reason")
struct ResultReasonTests {
    /// 28.02.2024 lies in the days whose § 60d version is open (U4).
    @Test(arguments: ["2026-11-22", "2022-11-15", "2024-02-28"])
    func eachResultHasTheConditionsThatMakeIt(_ day: String) {
        let on = Day(iso: day)!
        var generator = PopulationGenerator(seed: 5, on: on)
        var failures: [String] = [], seen: [Outcome: Int] = [:]
        for n in 0..<600 {
            for person in Engine().assess(generator.nextHousehold(), on: on).persons {
                for a in person.assessments {
                    seen[a.outcome, default: 0] += 1
                    let states = a.conditions.map(\.state)
                    let permanent = states.contains(.failing(.permanent)), remediable = states.contains(.failing(.remediable))
                    let problem: String? = switch a.outcome {
                    case .met: remediable || permanent || states.contains(.unknown) || a.consequence == nil ? "met with a failing or open condition, or without consequence" : nil
                    case .reachable: a.from == nil || a.consequence == nil || remediable || permanent ? "reachable without date or consequence, or with a failing condition" : nil
                    case .notMet: !remediable || permanent ? "not met without a remediable failure" : nil
                    case .excluded: !permanent && !a.notes.contains { $0.citation.hasSuffix("§ 4") } ? "excluded without a permanent failure" : nil
                    case .unclear: a.open.isEmpty ? "unclear without naming the open fact or question" : nil
                    }
                    if let problem { failures.append("household \(n) \(person.personID) \(a.pathway.rawValue): \(problem) \(a.failing) \(a.open)") }
                }
            }
        }
        #expect(Outcome.allCases.allSatisfy { (seen[$0] ?? 0) > 0 }, "every result occurs: \(seen)")
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count):\n" + failures.prefix(15).joined(separator: "\n")))
    }

    /// A condition is listed once in an answer, a reader would otherwise count two requirements (QA of 06.12.2026:
    /// § 60d Abs. 4's fallback for both spouses). `reachable_date` names each open fact of the date search apart.
    @Test func eachConditionIsListedOnce() throws {
        var failures: [String] = []
        func check(_ household: Household, on: Day, name: String) {
            for person in Engine().assess(household, on: on).persons {
                for a in person.assessments {
                    let ids = a.conditions.map(\.id).filter { $0 != "reachable_date" }
                    if Set(ids).count != ids.count { failures.append("\(name) \(person.personID) \(a.pathway.rawValue): \(ids)") }
                }
            }
        }
        for path in Paths.yamlFiles(in: Paths.sharedCases) + Paths.yamlFiles(in: Paths.projectCases) {
            let file = try CaseFileDecoder.load(path: path)
            check(file.household, on: file.on, name: file.id)
            // Public case 17 a year later: both spouses rest on the fallback.
            if file.id.hasPrefix("17-") { check(file.household, on: Day(iso: "2023-01-01")!, name: file.id + " 2023") }
        }
        for day in ["2026-11-22", "2023-01-01"] {
            var generator = PopulationGenerator(seed: 7, on: Day(iso: day)!)
            for n in 0..<400 { check(generator.nextHousehold(), on: Day(iso: day)!, name: "household \(n) on \(day)") }
        }
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count):\n" + failures.prefix(15).joined(separator: "\n")))
    }

    /// Excluded only because a later application comes after the 27th birthday: the answer says that an application
    /// filed today keeps its date, and from when the pathway is then reached; the plan makes it the first step
    /// (QA19 F2; case 131). The same file with that application pending is reachable on exactly that day.
    @Test func anApplicationFiledTodayIsAdvisedWhereOnlyItsDateHelps() throws {
        let file = try CaseFileDecoder.load(path: Paths.projectCases + "/131-25a-no-application-birthday-intervenes.yaml")
        let person = try #require(Engine().assess(file.household, on: file.on).persons.first)
        let a = try #require(person.assessment(.p25a))
        #expect(a.outcome == .excluded && a.reachableIfFiledOn == Day("2026-12-10"))
        #expect(a.notes.contains { $0.text.contains("Wird der Antrag jetzt gestellt (am 16.11.2026)") && $0.text.contains("erreichbar ab 10.12.2026") })
        #expect(person.plan.steps.first { $0.pathway == .p25a }?.text.contains("Antrag jetzt stellen") == true)
        let pending = Engine().assess(file.household, on: file.on, appliedOn: file.on).persons[0].assessment(.p25a)
        #expect(pending?.outcome == .reachable && pending?.from == a.reachableIfFiledOn)
        // The last filing day is reminded (QA21 M3): the 27th birthday's eve, 30.11.2026.
        #expect(DeadlineRules.derive(person: person, land: "DE-SN", today: file.on).contains { $0.kind == .lastDay25a && $0.date == Day("2026-11-30") })
        // Filed already: the plan does not advise filing again.
        let filed = Engine().assess(file.household, on: file.on, appliedOn: file.on).persons[0]
        #expect(!filed.plan.steps.contains { $0.text.contains("Antrag jetzt stellen") })
    }

    /// A date reached through a change in the law says so, naming the version (QA19 F9; case 335).
    @Test func aDateReachedByAChangeInTheLawIsExplained() throws {
        let file = try CaseFileDecoder.load(path: Paths.projectCases + "/335-25b-reached-by-the-2022-reform.yaml")
        let a = try #require(Engine().assess(file.household, on: file.on).person("p")?.assessment(.p25b))
        #expect(a.outcome == .reachable && a.from == Day("2022-12-31"))
        #expect(a.notes.contains { $0.text.hasPrefix("Erreichbar ab 31.12.2022 durch die Rechtsänderung") && $0.text.contains("ChAufenthG") && $0.text.contains("erst ab 01.06.2023") })
        #expect(a.lawVersions.contains { $0.description.contains("ab 31.12.2022") })
    }

    /// A date that rests on a later version cites it, and filing today is advised where it gives an earlier date
    /// (QA25 L2, L4; cases 347, 348).
    @Test func aDateSetByALaterVersionCitesItAndFilingNowIsAdvisedWhereItHelps() throws {
        let early = try CaseFileDecoder.load(path: Paths.projectCases + "/347-25a-reached-only-under-the-reform-file-now.yaml")
        let a = try #require(Engine().assess(early.household, on: early.on).persons.first?.assessment(.p25a))
        #expect(a.outcome == .reachable && a.from == Day("2022-12-31") && a.reachableIfFiledOn == Day("2022-09-01"))
        #expect(a.lawVersions.contains { $0.description.contains("ab 31.12.2022") })
        #expect(a.notes.contains { $0.text.contains("Wird der Antrag jetzt gestellt (am 01.01.2022)") && $0.text.contains("schon ab 01.09.2022") })
        // The plan says it too (QA27 R2).
        let plan = try #require(Engine().assess(early.household, on: early.on).persons.first).plan
        #expect(plan.steps.contains { $0.text.contains("Antrag jetzt stellen – das Antragsdatum zählt, dann erreichbar ab 01.09.2022 statt ab 31.12.2022") })
        let later = try CaseFileDecoder.load(path: Paths.projectCases + "/348-25a-date-set-by-the-reform-twelve-months-duldung.yaml")
        let b = try #require(Engine().assess(later.household, on: later.on).persons.first?.assessment(.p25a))
        #expect(b.outcome == .reachable && b.from == Day("2023-10-01") && b.reachableIfFiledOn == nil)
        #expect(b.notes.contains { $0.text.hasPrefix("Das Datum 01.10.2023 ergibt sich aus der dann geltenden Fassung (§ 25a AufenthG i. d. F. ab 31.12.2022") })
        // A date after the unknown law of July 2026 carries its caveat (QA25 S5; case 349); one before it does not.
        let u1 = try CaseFileDecoder.load(path: Paths.projectCases + "/349-u1-caveat-for-a-date-after-july-2026.yaml")
        let c = try #require(Engine().assess(u1.household, on: u1.on).persons.first?.assessment(.p25b))
        #expect(c.from == Day("2026-09-01") && c.notes.contains { $0.text.hasPrefix("Vorbehalt U1: Das Datum liegt nach") })
        #expect(!b.notes.contains { $0.text.hasPrefix("Vorbehalt U1") })
    }

    /// Excluded or not met under today's version, met under the next one of its own provision with the same facts: the
    /// answer says so (QA25 S1: § 60d "nicht mehr erreichbar" six weeks before; L1: § 25b Abs. 6 asking for 35 hours).
    @Test func anAnswerTheNextVersionWouldMeetSaysSo() throws {
        for (file, key, outcome, versions) in [("344-60d-entry-cutoff-six-weeks-before-it-falls", PathwayKey.p60d, Outcome.excluded, ["§ 60d AufenthG i. d. F. ab 01.03.2024"]),
                                               ("345-25b6-hours-of-the-old-60d-version", .p25b6, .notMet, ["§ 60d AufenthG i. d. F. ab 01.03.2024", "§ 25b Abs. 6"])] {
            let f = try CaseFileDecoder.load(path: Paths.projectCases + "/\(file).yaml")
            let a = try #require(Engine().assess(f.household, on: f.on).persons.first?.assessment(key))
            #expect(a.outcome == outcome, "\(file)")
            let note = a.notes.first { $0.text.hasPrefix("Nach der ab 01.03.2024 geltenden Fassung") }
            #expect(note != nil && versions.allSatisfy { note?.text.contains($0) == true }, "\(file): \(a.notes.map(\.text))")
        }
        // The re-check of § 25b Abs. 6 cites the § 60d version it applied on the day (01.10.2023: the earlier one).
        let f = try CaseFileDecoder.load(path: Paths.projectCases + "/345-25b6-hours-of-the-old-60d-version.yaml")
        #expect(Engine().assess(f.household, on: f.on).persons.first?.assessment(.p25b6)?.lawVersions.contains { $0.description.hasPrefix("§ 60d AufenthG i. d. F. ab 01.01.2020") } == true)
    }

    /// The same when the date comes after the change: the shorter time of the new version completes later (QA21 M5;
    /// case 341). A date that is earlier for another reason than the law (none here) gets no such note.
    @Test func aDateReachedUnderALaterVersionAfterItsDayIsExplained() throws {
        let file = try CaseFileDecoder.load(path: Paths.projectCases + "/341-25b-reached-under-the-2022-reform-after-its-day.yaml")
        let a = try #require(Engine().assess(file.household, on: file.on).person("p")?.assessment(.p25b))
        #expect(a.outcome == .reachable && a.from == Day("2023-03-01"))
        #expect(a.notes.contains { $0.text.hasPrefix("Erreichbar ab 01.03.2023 nach der dann geltenden Fassung (") && $0.text.contains("ab 31.12.2022") && $0.text.contains("erst ab 01.03.2025") })
        #expect(a.lawVersions.contains { $0.description.contains("ab 31.12.2022") })
    }
}
