import Counseling
import Eligibility

/// Date, name and fact helpers shared by the profiles.
extension DemoClientGenerator {
    enum Sex { case male, female }

    /// A day in `a...b` (`a` if the range is empty).
    mutating func day(between a: Day, and b: Day) -> Day {
        guard b > a else { return a }
        return a.adding(days: rng.int(0...a.days(to: b)))
    }

    /// The day `years` (a random value in the range) before today.
    mutating func yearsAgo(_ years: ClosedRange<Double>) -> Day {
        let lo = Int(years.lowerBound * 365.25), hi = Int(years.upperBound * 365.25)
        return today.adding(days: -rng.int(lo...max(lo, hi)))
    }

    /// A given name and a family name of the country, never one of `DemoNameGuard.avoided`.
    mutating func name(_ country: DemoCountry, _ sex: Sex) -> (first: String, last: String) {
        let region = rng.pick(country.regions)
        let last = rng.pick(region.pool.family)
        return (givenName(region, sex, familyName: last), last)
    }

    /// A given name of the region that does not make `familyName` the name of a well-known person.
    mutating func givenName(_ region: NameRegion, _ sex: Sex, familyName: String) -> String {
        let pool = sex == .male ? region.pool.male : region.pool.female
        var first = rng.pick(pool)
        while DemoNameGuard.isAvoided(first: first, last: familyName) { first = rng.pick(pool) }
        return first
    }

    /// A person with the facts every profile shares: nationality, birth, entry, no bars, no obstruction, no
    /// convictions, departure possible, nothing removing them.
    mutating func baseAdult(_ country: DemoCountry, born: Day, entered: Day, marital: MaritalStatus) -> Person {
        var p = Person(id: "")
        p.born = born
        p.nationality = country.code
        p.safeCountryOfOrigin = DemoCountries.safeCountryOfOrigin(country.code)
        p.maritalStatus = marital
        p.entered = entered
        p.enteredWithVisa = false
        p.enteredForBenefits = false
        p.convictions = rng.chance(0.1) ? [smallFine(after: entered)] : []
        p.conduct = Conduct.noneStated
        p.bars = Bars.noneStated
        p.removalMeasures = []
        if born.age(on: today) < 27 {
            // Read only by § 25a (under 27): the counselor's view of the young person's integration.
            p.fdgoDoubts = false
            p.integrationPrognosis = rng.chance(0.9) ? .positive : .negative
        }
        p.housingSufficient = rng.chance(0.75)
        p.education = []
        p.degrees = rng.chance(0.12) ? [Degree(kind: .vocational, on: entered.adding(days: -rng.int(400...3000)),
                                              country: country.code, recognised: false)] : []
        p.training = []
        var course = IntegrationCourse()
        course.possible = rng.chance(0.6)
        course.obliged = false
        p.integrationCourse = course
        var departure = Departure()
        departure.impossibleSince = .never
        p.departure = departure
        return p
    }

    /// A small fine: fare dodging, shoplifting or an offence under the Residence Act, 10–40 day fines.
    mutating func smallFine(after entered: Day) -> Conviction {
        var c = Conviction()
        let offence = rng.weighted([("§ 265a StGB", 4), ("§ 242 StGB", 3), ("§ 95 AufenthG", 3)])
        c.offence = offence
        c.date = day(between: min(entered.adding(days: 365), today.adding(days: -60)), and: today.adding(days: -60))
        c.intentional = true
        c.inGermany = true
        c.stillRegistered = true
        c.foreignersOnly = offence.hasSuffix("AufenthG")
        c.dayFines = rng.int(2...8) * 5
        return c
    }

    /// Arrival days without status (0–3), then the asylum procedure: Gestattung until the rejection became final
    /// (`gestattungDays` later, at the latest `latestEnd`). Sets `status`-building state and `asylum`.
    mutating func arriveAndApply(_ p: inout Person, gestattungDays: ClosedRange<Int>, latestEnd: Day) -> HistoryBuilder {
        let entered = p.entered!
        var h = HistoryBuilder(start: entered, today: today)
        let applied = entered.adding(days: rng.weighted([(0, 3), (1, 2), (2, 2), (3, 1)]))
        if applied > entered { h.close(.none, through: applied.adding(days: -1)) }
        let end = max(applied.adding(days: 60), min(applied.adding(days: rng.int(gestattungDays)), latestEnd))
        h.close(.gestattung, through: end)
        var a = Asylum()
        a.appliedOn = .on(applied)
        a.decision = .rejected
        a.rejectedAs = rng.weighted([(RejectionKind.unbegruendet, 85), (.unzulaessig, 8), (.offensichtlichUnbegruendet, 7)])
        if a.rejectedAs == .offensichtlichUnbegruendet {
            a.decidedOn = max(applied, end.adding(days: -40))
            a.ouBasis = "other"
        } else if a.rejectedAs == .unzulaessig {
            a.decidedOn = max(applied, end.adding(days: -30))
        }
        a.finalOn = end
        p.asylum = a
        return h
    }

    /// Identity clarified (with a passport) with probability `clarified`, otherwise documented steps (or none).
    mutating func identity(_ p: inout Person, clarified: Double, latest: Day? = nil, stepsTaken: Double = 0.8) {
        let entered = p.entered!
        let last = min(latest ?? today, today)
        if rng.chance(clarified) {
            let on = day(between: entered.adding(days: 60), and: min(last, entered.adding(days: 1500)))
            p.identity = Identity(clarifiedOn: .on(on), allStepsTakenOn: .on(on.adding(days: -rng.int(0...200))))
            if let steps = p.identity?.allStepsTakenOn.day, steps < entered { p.identity?.allStepsTakenOn = .on(entered) }
            p.passport = rng.chance(0.9)
        } else {
            let steps: EventDate = rng.chance(stepsTaken)
                ? .on(day(between: entered.adding(days: 200), and: today.adding(days: -30))) : .never
            p.identity = Identity(clarifiedOn: .never, allStepsTakenOn: steps)
            p.passport = false
        }
    }

    /// A German certificate obtained between `earliest` (at the soonest 200 days after entry) and two weeks ago.
    mutating func certificate(_ p: inout Person, _ level: LanguageLevel, _ scope: LanguageScope = .full,
                              earliest: Day? = nil) {
        let from = max(earliest ?? p.entered!, p.entered!.adding(days: 200))
        let on = day(between: min(from, today.adding(days: -14)), and: today.adding(days: -14))
        p.german = (p.german ?? []) + [GermanCertificate(level: level, scope: scope, date: on)]
    }

    /// The civic test ("Leben in Deutschland") and the declaration of commitment, each with its probability.
    mutating func civicAndDeclaration(_ p: inout Person, civic: Double, declaration: Double) {
        let entered = p.entered!
        p.civicTestPassedOn = rng.chance(civic)
            ? .on(day(between: min(entered.adding(days: 500), today.adding(days: -20)), and: today.adding(days: -20))) : .never
        p.fdgoDeclarationOn = rng.chance(declaration)
            ? .on(day(between: min(entered.adding(days: 700), today.adding(days: -10)), and: today.adding(days: -10))) : .never
    }

    /// Benefits from entry; from `job` on an insured employment of `hours` hours covering `share` of the household's
    /// need (and all of the person's own need if `ownCovered`).
    mutating func work(_ p: inout Person, from job: Day, hours: Int, share: Double, ownCovered: Bool = true,
                       insured: Bool = true) {
        let entered = p.entered!
        var e = EmploymentPeriod(from: job)
        e.hours = Double(hours); e.insured = insured
        e.qualified = false; e.matchesQualification = false
        p.employment = [e]
        var periods: [LivelihoodPeriod] = []
        if job > entered {
            var before = LivelihoodPeriod(from: entered, to: job.adding(days: -1))
            before.workShare = 0; before.ownWorkShare = 0; before.publicFunds = true; before.wohngeld = false
            before.benefitsTemporary = false
            periods.append(before)
        }
        var now = LivelihoodPeriod(from: max(job, entered))
        now.workShare = share
        now.ownWorkShare = ownCovered ? 1.0 : min(1.0, share)
        if share >= 1 {
            now.publicFunds = false; now.wohngeld = false
        } else if share >= 0.85 && rng.chance(0.5) {
            now.publicFunds = false; now.wohngeld = true   // Wohngeld only: harmless for § 25b
        } else {
            now.publicFunds = true; now.wohngeld = false
        }
        now.benefitsTemporary = share < 1 ? rng.chance(0.6) : false
        periods.append(now)
        p.livelihood = periods
        if share <= 0.5 { p.luPrognosisFull = false }
    }

    /// No work: benefits since entry (a small job with `share` at most).
    mutating func benefits(_ p: inout Person, share: Double = 0, temporary: Bool = false) {
        var l = LivelihoodPeriod(from: p.entered!)
        l.workShare = share; l.ownWorkShare = share; l.publicFunds = true; l.wohngeld = false
        l.benefitsTemporary = temporary
        p.livelihood = [l]
        p.luPrognosisFull = false
        if share > 0 {
            var e = EmploymentPeriod(from: day(between: p.entered!.adding(days: 200), and: today.adding(days: -60)))
            e.hours = Double(rng.int(6...15)); e.insured = false
            p.employment = [e]
            p.livelihood![0].from = p.entered!
        } else {
            p.employment = []
        }
    }

    /// A weekly-hours value for a full or part-time job.
    mutating func hours() -> Int { rng.weighted([(40, 5), (39, 3), (38, 3), (35, 3), (30, 3), (25, 2), (20, 1)]) }

    /// A share of the household's need covered by work, more than half.
    mutating func goodShare(family: Bool) -> Double {
        family ? rng.pick([0.55, 0.6, 0.7, 0.75, 0.8, 0.9, 1.0, 1.0])
               : rng.pick([0.7, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0])
    }
}

/// Full names that are never generated: well-known people whose names the pools could otherwise combine.
enum DemoNameGuard {
    static let avoided: Set<String> = Set([
        "Muhammad Ali", "Mohammed Ali", "Mohamed Ali", "Mohamed Salah", "Mohamed Farah", "Abdullahi Yusuf",
        "Gurpreet Sandhu", "Manpreet Singh", "Sandeep Sharma", "Luan Krasniqi", "Hassan Mohamud",
        "Omar Abdullah", "Mohamed Ramadan", "Yusuf Islam",
    ].map(key))

    static func key(_ s: String) -> String { NameMatching.key(s) }

    static func isAvoided(first: String, last: String) -> Bool { avoided.contains(key(first + " " + last)) }
}
