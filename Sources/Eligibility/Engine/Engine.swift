/// The rules engine: for each person of a household and each pathway, the answer on a decision date
/// (../shared/law/SPEC.md, "How the engine must answer"). Pure: it reads no clock, no environment, no database.
public struct Engine: Sendable {
    public init() {}

    /// Assesses every person of `household` for `pathways` on the decision date `on`.
    /// - Parameter appliedOn: the date of a pending application (K10: one for the whole case); nil = filed on `on`.
    /// - Parameter explains: with `false` the answers carry results, dates, consequences, conditions and missing
    ///   facts but no details, notes or law versions, and an excluded answer may stop at the condition that excludes it
    ///   (`Sheet.settled`). Screening keeps nothing else; writing texts it threw away was much of its time.
    public func assess(_ household: Household, on: Day, appliedOn: Day? = nil,
                       pathways: [PathwayKey] = PathwayKey.allCases, explains: Bool = true) -> HouseholdAssessment {
        let evaluation = Evaluation(household, asOf: on, explains: explains)
        // Every answer first (a person's may rest on a relative's), then moved out of the finished evaluation.
        let indices = evaluation.view.subjects.map {
            evaluation.answerIndices($0, on: on, pending: appliedOn, pathways: pathways)
        }
        let persons = zip(evaluation.view.subjects, indices).map { evaluation.take($0, $1, on: on) }
        return HouseholdAssessment(on: on, appliedOn: appliedOn, persons: persons)
    }

    /// All `pathways` for one person of the household only (the others are evaluated only as far as the person's
    /// family routes need them: screening a flat row reports its person, not the children it implies).
    public func assess(_ household: Household, person id: String, on: Day, appliedOn: Day? = nil, pathways: [PathwayKey] = PathwayKey.allCases,
                       explains: Bool = true) -> PersonAssessment? {
        let evaluation = Evaluation(household, asOf: on, explains: explains)
        guard let subject = evaluation.view.subject(id) else { return nil }
        return evaluation.take(subject, evaluation.answerIndices(subject, on: on, pending: appliedOn, pathways: pathways), on: on)
    }

    /// The answer for one person and one pathway.
    public func assess(_ household: Household, person id: String, pathway: PathwayKey, on: Day, appliedOn: Day? = nil) -> Assessment {
        let evaluation = Evaluation(household, asOf: on, explains: true)
        guard let subject = evaluation.view.subject(id) else { preconditionFailure("unknown person \(id)") }
        return evaluation.answer(pathway, subject, on: on, pending: appliedOn, variant: .full)
    }
}

/// The answers for every person of a household.
public struct HouseholdAssessment: Sendable {
    public var on: Day
    public var appliedOn: Day?
    public var persons: [PersonAssessment]

    public init(on: Day, appliedOn: Day?, persons: [PersonAssessment]) {
        self.on = on; self.appliedOn = appliedOn; self.persons = persons
    }

    public func person(_ id: String) -> PersonAssessment? { persons.first { $0.personID == id } }
}

public struct PersonAssessment: Sendable {
    public var person: Person
    public var assessments: [Assessment]
    public var on: Day
    /// Applications already filed and not yet decided (the engine does not know them; the case file does).
    public var filed: [FiledApplication] = []

    public var personID: String { person.id }
    public var label: String? { person.label }
    /// The permit plan, built when asked for (it is text; screening does not need it).
    public var plan: Plan { Plan.make(for: person, answers: assessments, on: on, filed: filed) }

    public func assessment(_ key: PathwayKey) -> Assessment? { assessments.first { $0.pathway == key } }
}

/// One run of the engine over one household: anchors and answers are cached, timelines built once.
final class Evaluation: @unchecked Sendable {
    let view: HouseholdView
    /// The day of the assessment (`on`): the facts are as known on it. A date search looks at later days with the same
    /// facts (SPEC.md § 5), so what had not happened by `asOf` does not happen on them either.
    let asOf: Day
    let explains: Bool
    /// Answers already given, by packed key: a household asks a few dozen times, so a scan of two-word keys is
    /// cheaper than hashing (hashing was 3 % of a screening).
    private var cacheKeys: [Key] = []
    private var cacheValues: [Assessment] = []
    private lazy var switchDays: [Day] = computeSwitchDays()
    /// Days on which a condition can switch that only an evaluation shows (a period complete under one reading of an
    /// open question): candidates of every later date search in the household (SPEC.md § 5).
    private(set) var discovered: [Day] = []

    func discover(_ day: Day) { if !discovered.contains(day) { discovered.append(day) } }
    /// The persons with a label, by id: texts name relatives by it (`Assessment.names`).
    private lazy var names: [String: String] = view.subjects.reduce(into: [:]) { out, s in
        if let label = s.person.label { out[s.id] = label }
    }

    /// The pathway, person, decision and application dates and variant of an answer, in two words.
    struct Key: Equatable {
        let days: Int, who: Int
        init(pathway: PathwayKey, person: Int, on: Day, pending: Day?, variant: Variant) {
            let variantCode: Int = switch variant {
            case .full: 0
            case .parentRouteOnly(let child): 1 | (child + 1) << 2
            case .ownRouteOnly: 2
            }
            days = Int(on.ordinal) << 32 | Int(pending?.ordinal ?? Int32.min) & 0xFFFF_FFFF
            who = person << 32 | variantCode << 4 | pathway.order
        }
    }

    init(_ household: Household, asOf: Day, explains: Bool) {
        self.view = HouseholdView(household)
        self.asOf = asOf
        self.explains = explains
        cacheKeys.reserveCapacity(16); cacheValues.reserveCapacity(16)
    }

    /// The conditions of one pathway for one person on one decision and application date.
    func sheet(_ key: PathwayKey, _ subject: Subject, decision: Day, application: Day, variant: Variant, explains: Bool) -> Sheet {
        let ctx = Context(subject: subject, decision: decision, application: application, evaluation: self, explains: explains)
        switch key {
        case .p25a: return ctx.evaluate25a()
        case .p25a2: return ctx.evaluate25a2(variant: variant)
        case .p25b: return ctx.evaluate25b()
        case .p25b4: return ctx.evaluate25b4()
        case .p25b6: return ctx.evaluate25b6()
        case .p104c: return ctx.evaluate104c(variant: variant)
        case .p60c: return ctx.evaluate60c()
        case .p60d: return ctx.evaluate60d()
        case .p16g: return ctx.evaluate16g()
        case .p19d1: return ctx.evaluate19d1()
        case .p19d1a: return ctx.evaluate19d1a()
        case .p25_5: return ctx.evaluate25_5()
        }
    }

    /// Every pathway of `pathways` for one person: the positions of the answers in the cache.
    func answerIndices(_ subject: Subject, on: Day, pending: Day?, pathways: [PathwayKey]) -> [Int] {
        pathways.map { answerIndex($0, subject, on: on, pending: pending, variant: .full) }
    }

    /// The person's answers at `indices`, moved out of the cache: only once the evaluation asks nothing more (a copy
    /// retains and later releases every list of an answer; for a screening that was a tenth of its reference counting).
    func take(_ subject: Subject, _ indices: [Int], on: Day) -> PersonAssessment {
        var out: [Assessment] = []
        out.reserveCapacity(indices.count)
        for (n, i) in indices.enumerated() {
            // A pathway asked twice gets the answer taken already.
            if let earlier = indices[..<n].firstIndex(of: i) { out.append(out[earlier]); continue }
            var a = Assessment(pathway: cacheValues[i].pathway, outcome: .unclear, from: nil, consequence: nil, conditions: [], notes: [],
                               on: cacheValues[i].on, lawVersions: [])
            swap(&a, &cacheValues[i])
            out.append(a)
        }
        return PersonAssessment(person: subject.person, assessments: out, on: on)
    }

    /// The full answer, with the search for `from` (SPEC.md "How the engine must answer" §§ 4–5).
    func answer(_ key: PathwayKey, _ subject: Subject, on: Day, pending: Day?, variant: Variant) -> Assessment {
        cacheValues[answerIndex(key, subject, on: on, pending: pending, variant: variant)]
    }

    /// What an anchor needs of an answer, read without copying it (a copy retains all its lists).
    struct Summary {
        let outcome: Outcome, from: Day?
        /// The open facts and questions, listed only for an unclear answer.
        let open: [String]
        let routeEnds: Day?
    }

    func summary(_ key: PathwayKey, _ subject: Subject, on: Day, pending: Day?, variant: Variant) -> Summary {
        let i = answerIndex(key, subject, on: on, pending: pending, variant: variant)
        let outcome = cacheValues[i].outcome
        return Summary(outcome: outcome, from: cacheValues[i].from, open: outcome == .unclear ? cacheValues[i].open : [],
                       routeEnds: cacheValues[i].routeEnds)
    }

    /// The position of the answer in the cache, evaluated first if it is not there.
    func answerIndex(_ key: PathwayKey, _ subject: Subject, on: Day, pending: Day?, variant: Variant) -> Int {
        let cacheKey = Key(pathway: key, person: subject.index, on: on, pending: pending, variant: variant)
        if let i = cacheKeys.firstIndex(of: cacheKey) { return i }
        let s = sheet(key, subject, decision: on, application: pending ?? on, variant: variant, explains: explains)
        var a = Assessment(pathway: key, outcome: .met, from: nil, consequence: nil, conditions: s.conditions,
                           notes: s.notes, on: on, lawVersions: s.versions)
        if explains {
            a.names = names
            let st = subject.status(on: on).period
            a.statusKind = st?.kind; a.statusBasis = st?.titleBasis
        }
        a.routeEnds = s.routeEnds
        switch Self.precedence(s) {
        case .decided(let outcome):
            a.outcome = outcome
            if outcome == .met { a.consequence = Self.consequence(s) }
            // Open only by legal questions, not by missing facts (which the counselor can fill; the search would find
            // nothing for them): the day from which every answer to them meets the pathway, if one comes (QA43 C2).
            if outcome == .unclear, explains, !a.open.isEmpty, a.open.allSatisfy(ConditionCatalog.isOpenQuestion) {
                let seeds = s.conditions.compactMap { $0.state == .failing(.time) ? $0.metFrom : nil }
                switch search(key, subject, after: on, pending: pending, variant: variant, seeds: seeds) {
                case .reachable(let day, _, _), .unclear(_, metFrom: let day?): a.metUnderEveryReadingFrom = day
                default: break
                }
            }
            // Not met under today's version but met under the next one, with nothing else changed: said, so that the
            // counselor does not work on a requirement the law drops in days (QA21 L8: § 60d on 15.02.2024, 25 hours).
            // Only the days the pathway's own provision changes, within a year (a page asks this of every pathway).
            // An excluded one too: "nicht mehr erreichbar" six weeks before a version without that bar (QA25 S1).
            if outcome == .notMet || outcome == .excluded, explains {
                // Only a version already enacted on `on` (QA41 L7: an answer of 01.06.2023 advised on the § 60d of 2024).
                for next in Law.changeDays(of: key).sorted() where next > on && next <= on.adding(years: 1) && Law.enacted(changeOn: next).map({ $0 <= on }) ?? true {
                    let later = sheet(key, subject, decision: next, application: pending ?? next, variant: variant, explains: true)
                    guard case .decided(.met) = Self.precedence(later) else { continue }
                    a.notes.append(Note("Nach der ab \(next.german) geltenden Fassung (\(later.versions.map(\.description).joined(separator: "; "))) wären die Voraussetzungen mit den heutigen Angaben erfüllt: Antrag gegebenenfalls dann stellen.",
                                        citation: "SPEC.md, How the engine must answer § 1; spec/12-timeline.md"))
                    break
                }
            }
        case .search(let firstDays):
            let found = search(key, subject, after: on, pending: pending, variant: variant, seeds: firstDays)
            switch found {
            case .reachable(let day, let consequence, let anew):
                a.outcome = .reachable; a.from = day; a.consequence = consequence
                // The pending application cannot be granted on that day, a new one can (QA39 F4: a § 60c application filed
                // a day too early read as if waiting sufficed). Said, with what the pending one lacks.
                if anew, explains, let pending {
                    let lacking = sheet(key, subject, decision: day, application: pending, variant: variant, explains: false).conditions
                        .filter { if case .failing = $0.state { return true } else { return false } }
                        .map { "„\(ConditionCatalog.requirement($0.id, on: day))“" }
                    a.notes.append(Note("Mit dem gestellten Antrag vom \(pending.german) sind die Voraussetzungen nicht erfüllbar\(lacking.isEmpty ? "" : " (es fehlt dann: " + lacking.joined(separator: "; ") + ")"); ein neuer Antrag, am \(day.german) gestellt, erfüllt sie: erreichbar ab diesem Tag.",
                                        citation: "SPEC.md, How the engine must answer § 5; spec/01-common.md 1.8"))
                }
                // Reached under a later version of the law before the time conditions of today's version would be met:
                // said, with the version that then applies (QA19 F9: "erfüllt ab 01.06.2023" beside a date of
                // 31.12.2022), also on a day after the change (QA21 M5: the shorter time of the new version completes).
                let latest = s.conditions.compactMap { $0.state == .failing(.time) ? $0.metFrom : nil }.max()
                if explains {
                    // Versions differ only across a change day: the later sheet is evaluated only then.
                    let changes = Law.changeDays.contains { $0 > on && $0 <= day }
                    let versions = !changes ? [] : sheet(key, subject, decision: day, application: pending ?? day, variant: variant, explains: true)
                        .versions.filter { !a.lawVersions.contains($0) }
                    let onChange = Law.changeDays.contains(day)
                    let named = versions.isEmpty ? "" : " (" + versions.map(\.description).joined(separator: "; ") + ")"
                    if let latest, day < latest, onChange || !versions.isEmpty {
                        a.lawVersions += versions
                        let how = onChange ? "durch die Rechtsänderung an diesem Tag" : "nach der dann geltenden Fassung"
                        a.notes.append(Note("Erreichbar ab \(day.german) \(how)\(named); nach der heute geltenden Fassung wären die zeitabhängigen Voraussetzungen erst ab \(latest.german) erfüllt.",
                                            citation: "SPEC.md, How the engine must answer §§ 1, 5; spec/12-timeline.md"))
                    } else if let latest, latest < day,
                              case let blocked = sheet(key, subject, decision: latest, application: pending ?? latest, variant: variant, explains: true).conditions
                                .filter({ $0.state == .failing(.remediable) || $0.state == .failing(.permanent) }), !blocked.isEmpty {
                        // Time is complete before the date found, but then another condition fails that only later falls away
                        // (QA31 L2: a child of school age not attending school put § 25b at its 18th birthday, twelve years on,
                        // and the note named the law's version as the cause). Said, with what would make the earlier day.
                        a.lawVersions += versions
                        let names = blocked.map { "„\(ConditionCatalog.requirement($0.id, on: latest))“ (\(ConditionCatalog.citation($0.id, on: latest)))" }
                        a.notes.append(Note("Die zeitabhängigen Voraussetzungen sind ab \(latest.german) erfüllt; an diesem Tag fehlt aber noch: \(names.joined(separator: "; ")). Wird das erfüllt, ist der Weg schon dann erreichbar; sonst erst ab \(day.german)\(versions.isEmpty ? "" : " (dann gilt " + versions.map(\.description).joined(separator: "; ") + ")").",
                                            citation: "SPEC.md, How the engine must answer §§ 2, 5, 9"))
                    } else if !versions.isEmpty {
                        // The date rests on a later version, which asks more or otherwise (QA25 L4: the 12 months of Duldung
                        // of § 25a from 31.12.2022; L2: the old version never completes): cited, and the conditions above,
                        // read under today's version, are said to be those.
                        a.lawVersions += versions
                        // Where today's time conditions complete on that very day, the later version only applies then: said
                        // without making it the cause (QA31 L2).
                        let cause = latest == day ? "An diesem Tag (\(day.german)) gilt eine neuere Fassung\(named)"
                            : "Das Datum \(day.german) ergibt sich aus der dann geltenden Fassung\(named)"
                        a.notes.append(Note("\(cause). Die Voraussetzungen oben sind nach der heute geltenden Fassung geprüft\(latest.map { " (zeitabhängige erfüllt ab \($0.german))" } ?? "").",
                                            citation: "SPEC.md, How the engine must answer §§ 1, 5, 9; spec/12-timeline.md"))
                    }
                    // A date on or after the unknown law of July 2026 rests on it as a decision on that day would (QA25 S5).
                    if on < Law.u1From, day >= Law.u1From {
                        a.notes.append(Note("Vorbehalt U1: Das Datum liegt nach dem Inkrafttreten des Gesetzes vom 22.07.2026 (BGBl. 2026 I Nr. 222), dessen Änderungen nicht berücksichtigt sind – vor der Antragstellung prüfen.", citation: "spec/13-open-questions.md U1"))
                    }
                    // An application filed today keeps its date (spec/01-common.md 1.8): said where it gives an earlier date
                    // than a later application (QA25 L2: filed at 20, § 25a from 01.09.2022 instead of 31.12.2022).
                    if pending == nil, case .reachable(let sooner, _, _) = search(key, subject, after: on, pending: on, variant: variant, seeds: firstDays), sooner < day {
                        a.reachableIfFiledOn = sooner
                        a.notes.append(Note("Wird der Antrag jetzt gestellt (am \(on.german)), zählt dieser Tag als Antragsdatum: dann erreichbar schon ab \(sooner.german).",
                                            citation: "SPEC.md, How the engine must answer §§ 4, 5; spec/01-common.md 1.8"))
                    }
                }
            case .unclear(let open, let metFrom):
                a.outcome = .unclear
                if explains { a.metUnderEveryReadingFrom = metFrom }
                if explains { a.notes.append(Note("Frühestes Datum nicht bestimmbar: " + open.map { ConditionCatalog.describeOpen($0, names: names) }.joined(separator: "; "), citation: "SPEC.md, How the engine must answer § 5")) }
                for o in open where !a.open.contains(o) {
                    a.conditions.append(ConditionResult("reachable_date", .unknown, open: [o]))
                }
            case .never(let closing):
                a.outcome = .excluded
                guard explains else { break }
                if let closing, !closing.ids.isEmpty {
                    let names = closing.ids.map { "„\(ConditionCatalog.requirement($0, on: closing.day))“ (\(ConditionCatalog.citation($0, on: closing.day)))" }
                    a.notes.append(Note("Bevor die zeitabhängigen Voraussetzungen erfüllt sind, steht ab \(closing.day.german) dauerhaft entgegen: \(names.joined(separator: "; ")).",
                                        citation: "SPEC.md, How the engine must answer § 4"))
                }
                // The letter of § 5 looks only at new applications on later days. An application filed today keeps its
                // date (spec/01-common.md 1.8: the age limit of § 25a is tied to it), which may be the one step that
                // helps: said, with the date it would give (QA19 F2; case 131 asks for the advice).
                if pending == nil, case .reachable(let day, _, _) = search(key, subject, after: on, pending: on, variant: variant, seeds: firstDays) {
                    a.reachableIfFiledOn = day
                    a.notes.append(Note("Die zeitabhängigen Voraussetzungen sind bei einem späteren Antrag nie gleichzeitig erfüllt. Wird der Antrag jetzt gestellt (am \(on.german)), zählt dieser Tag als Antragsdatum: dann erreichbar ab \(day.german).", citation: "SPEC.md, How the engine must answer §§ 4, 5; spec/01-common.md 1.8"))
                } else {
                    a.notes.append(Note("Die zeitabhängigen Voraussetzungen können nie gleichzeitig erfüllt sein.", citation: "SPEC.md, How the engine must answer § 4"))
                }
            }
        }
        cacheKeys.append(cacheKey); cacheValues.append(a)
        return cacheValues.count - 1
    }

    enum Precedence { case decided(Outcome), search([Day]) }

    /// SPEC.md § 4: permanent → excluded; remediable → not met; unknown → unclear; time → search; else met. A sheet
    /// whose law in force is open and whose versions decide differently (U4) is unclear before all of these: the
    /// failures it shows are those of one version only (spec/07-60d.md 7.5; QA of 05.12.2026).
    static func precedence(_ s: Sheet) -> Precedence {
        if s.forceUnclear { return .decided(.unclear) }
        var remediable = false, unknown = false, time: [Day] = []
        // By index: reading a state in place copies no condition (a copy retains its strings).
        for i in s.conditions.indices {
            switch s.conditions[i].state {
            case .failing(.permanent): return .decided(.excluded)
            case .failing(.remediable): remediable = true
            case .failing(.time): time.append(s.conditions[i].metFrom ?? .distantFuture)
            case .unknown: unknown = true
            default: break
            }
        }
        if remediable { return .decided(.notMet) }
        if unknown { return .decided(.unclear) }
        if !time.isEmpty { return .search(time) }
        return .decided(.met)
    }

    static func consequence(_ s: Sheet) -> Consequence {
        s.has(.discretion) ? .kann : s.consequence
    }

    /// `never`: with the first day on which a condition failed for good, and those conditions, if the search met one.
    /// `reachable`: `anew` when a pending application cannot give the day, an application made on it can.
    /// `unclear`: with the first day met whatever the open questions' answers, if the search came to one.
    enum SearchResult { case reachable(Day, Consequence, anew: Bool), unclear([String], metFrom: Day?), never(closing: (day: Day, ids: [String])?) }

    /// Checks candidate days in order: the days time conditions become met, and the days on which a condition
    /// can switch (birthdays, law changes, ends of periods). Considers a pending and a new application.
    private func search(_ key: PathwayKey, _ subject: Subject, after on: Day, pending: Day?, variant: Variant,
                        seeds: [Day]) -> SearchResult {
        // Time conditions become met on their day and not earlier, so under the same law no day before the
        // latest of them can do; a change in the law may relax a requirement earlier, so its days are checked too.
        let earliest = max(on.adding(days: 1), seeds.filter { $0 < .distantFuture }.max() ?? on.adding(days: 1))
        let horizon = on.adding(years: 30)
        // Candidates in ascending order, each once; later days found on the way are inserted in place.
        var candidates = [earliest]
        for d in Law.changeDays where d > on && d < earliest { candidates.append(d) }
        for d in switchDays where d > earliest { candidates.append(d) }
        // A day found by an evaluation may make another route (another anchor) met before the latest time condition.
        for d in discovered where d > on && !candidates.contains(d) { candidates.append(d) }
        candidates.sort()
        var seen = discovered.count
        var open: [String] = []
        var closing: (day: Day, ids: [String])? = nil
        var next = 0
        while next < candidates.count, next < 400 {
            let day = candidates[next]
            next += 1
            if day > horizon { break }
            let applications = pending.map { [$0, day] } ?? [day]
            for app in applications {
                // Only the states matter here: the answer's texts come from the sheet on the decision date.
                let s = sheet(key, subject, decision: day, application: app, variant: variant, explains: false)
                if discovered.count > seen {
                    for d in discovered[seen...] where d > day { insert(d, into: &candidates, after: next) }
                    seen = discovered.count
                }
                switch Self.precedence(s) {
                // An earlier day left open (an open question or a missing fact) may be the first: the date is
                // then not known (SPEC § 8, "for time, the same date"; QA of 06.12.2026: U4 before 1.3.2024).
                case .decided(.met): return open.isEmpty ? .reachable(day, Self.consequence(s), anew: pending.map { $0 != app } ?? false) : .unclear(open, metFrom: day)
                case .decided(.unclear):
                    // A day on which a time condition still fails is not met whatever the open question's answer: the
                    // search goes on to the day that condition names, where the question is asked if it is still open;
                    // so is a day on which no reading of the open law (U4) is met (SPEC.md §§ 2, 5, 8; QA25 L3).
                    var timeDue = false
                    for i in s.conditions.indices where s.conditions[i].state == .failing(.time) {
                        timeDue = true
                        let d = s.conditions[i].metFrom ?? .distantFuture
                        if d < .distantFuture && d >= day { insert(d == day ? day.adding(days: 1) : d, into: &candidates, after: next) }
                    }
                    if timeDue || s.failsUnderEveryReading { break }
                    for i in s.conditions.indices where s.conditions[i].state == .unknown { for o in s.conditions[i].open where !open.contains(o) { open.append(o) } }
                // A time condition still failing on the very day it named is looked at again the next day: a date
                // computed a day short must not send the search on to a later switch day (legal review of 06.12.2026:
                // § 60d from a run starting on 29.02. was put ten months late, or excluded). A date already past (a
                // condition tied to a pending application) is not: it would step day by day to the search's limit.
                case .search(let more):
                    for d in more where d < .distantFuture && d >= day { insert(d == day ? day.adding(days: 1) : d, into: &candidates, after: next) }
                // The first day a condition fails for good is what closes the route: kept to be named (QA39 F3: an
                // excluded § 60c named only a time condition, not the work ban from the 18th birthday). Only for an
                // answer that explains: screening reads no notes.
                case .decided(.excluded):
                    if explains, closing == nil { closing = (day, s.conditions.filter { $0.state == .failing(.permanent) }.map(\.id)) }
                default: break
                }
            }
        }
        return open.isEmpty ? .never(closing: closing) : .unclear(open, metFrom: nil)
    }

    /// Inserts `day` into the sorted tail `candidates[from...]` unless it is there already.
    private func insert(_ day: Day, into candidates: inout [Day], after from: Int) {
        var lo = from, hi = candidates.count
        while lo < hi { let mid = (lo + hi) / 2; if candidates[mid] < day { lo = mid + 1 } else { hi = mid } }
        if lo < candidates.count, candidates[lo] == day { return }
        candidates.insert(day, at: lo)
    }

    private func computeSwitchDays() -> [Day] {
        var days = Set(Law.changeDays)
        for s in view.subjects {
            let p = s.person
            if let b = p.born { for age in [6, 14, 18, 21, 27] { days.insert(b.birthday(age)) } }
            for period in p.status ?? [] { if let t = period.to { days.insert(t.adding(days: 1)) } }
            for e in p.employment ?? [] { if let t = e.to { days.insert(t.adding(days: 1)) } }
            for l in p.livelihood ?? [] { if let t = l.to { days.insert(t.adding(days: 1)) }; days.insert(l.from) }
            for t in p.training ?? [] { days.insert(t.from.adding(months: -7)); days.insert(t.from.adding(months: -6)); days.insert(t.from) }
        }
        days.insert(Law.lastFiling104c.adding(days: 1))
        return days.sorted()
    }
}
