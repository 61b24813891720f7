import Eligibility

/// A small, fast, seedable random generator (SplitMix64): the same seed gives the same population everywhere.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &self) }
}

/// Generates fictional tolerated persons and households, calibrated on ../shared/data/published-figures.md:
/// about 45 % with more than five years of stay, 29 countries of origin, families with minor children.
/// Deterministic for a seed. No real person: ids only.
public struct PopulationGenerator: Sendable {
    public let on: Day
    private var rng: SeededRandom
    private var counter = 0   // households generated so far

    /// Nationalities of the counseled population (ISO alpha-3), most frequent first.
    public static let nationalities = ["AFG", "IRQ", "SYR", "IRN", "TUR", "GEO", "RUS", "NGA", "PAK", "SOM", "ERI", "GIN",
                                       "LBN", "XXA", "VNM", "IND", "AZE", "ARM", "DZA", "MAR", "TUN", "ETH", "GMB", "CMR",
                                       "SRB", "XKX", "ALB", "MKD", "LKA"]

    public init(seed: UInt64, on: Day) {
        self.on = on
        self.rng = SeededRandom(seed: seed)
    }

    /// The next household: a single person (about 70 %) or a family with a spouse and minor children.
    public mutating func nextHousehold() -> Household {
        counter += 1
        let entered = entryDate()
        var main = person(id: "a", entered: entered, adult: true)
        guard rng.chance(0.3) else {
            main.maritalStatus = .single
            return Household(single: main)
        }
        main.maritalStatus = .married
        var spouse = person(id: "b", entered: entered, adult: true)
        spouse.maritalStatus = .married
        // A family shares its nationality (it was drawn per person: a family of three countries).
        spouse.nationality = main.nationality
        spouse.employment = []
        spouse.livelihood = main.livelihood.map { $0.map { var l = $0; l.ownWorkShare = nil; return l } }
        var persons = [main, spouse]
        var relations = [Relation(kind: .spouse, persons: ["a", "b"])]
        // Children born when the younger parent was at least 16 (QA35 F3: parents one year older than their child).
        let youngerParent = max(main.born!, spouse.born!)
        let oldestChild = min(15, youngerParent.adding(years: 16).days(to: entered) / 365 - 1)
        for i in 0..<(oldestChild < 0 ? 0 : rng.int(1...3)) {
            let id = "c\(i)"
            var child = person(id: id, entered: entered, adult: false, maxAgeAtEntry: oldestChild)
            child.maritalStatus = .single
            child.nationality = main.nationality
            persons.append(child)
            relations.append(Relation(kind: .parent, persons: ["a", id]))
            relations.append(Relation(kind: .parent, persons: ["b", id]))
        }
        return Household(persons: persons, relations: relations, household: Set(persons.map(\.id)))
    }

    /// Entry dates: 55 % within the last five years, 45 % earlier (up to 14 years).
    private mutating func entryDate() -> Day {
        let days = rng.chance(0.45) ? rng.int(5 * 365...14 * 365) : rng.int(120...5 * 365)
        return on.adding(days: -days)
    }

    private mutating func person(id: String, entered: Day, adult: Bool, maxAgeAtEntry: Int = 15) -> Person {
        var p = Person(id: id)
        var trainings: [Training] = []
        let ageAtEntry = adult ? rng.int(16...50) : rng.int(0...maxAgeAtEntry)
        p.born = entered.adding(days: -(ageAtEntry * 365 + rng.int(0...364)))
        p.nationality = Self.nationalities[min(Int(Double(Self.nationalities.count) * pow2(Double.random(in: 0..<1, using: &rng))), Self.nationalities.count - 1)]
        p.entered = entered
        p.enteredForBenefits = false
        p.enteredWithVisa = false
        // Status: a few days without status, Gestattung for 1–3 years, then Duldung (sometimes § 60b, § 60d, gaps).
        // About one in ten never applied for asylum: a Duldung soon after entry (assumed share; no published figure).
        var status: [StatusPeriod] = []
        let asylumSeeker = rng.chance(0.9)
        let asylumFrom = entered.adding(days: asylumSeeker ? rng.int(0...3) : rng.int(5...60))
        if asylumFrom > entered { status.append(StatusPeriod(kind: .none, from: entered, to: asylumFrom.adding(days: -1))) }
        let gestattungEnd = asylumSeeker ? min(asylumFrom.adding(days: rng.int(200...1100)), on.adding(days: -1)) : asylumFrom.adding(days: -1)
        if asylumSeeker { status.append(StatusPeriod(kind: .gestattung, from: asylumFrom, to: gestattungEnd)) }
        var cursor = gestattungEnd.adding(days: 1)
        if cursor <= on.adding(days: -400), rng.chance(0.15) {
            let end = cursor.adding(days: rng.int(90...700))
            if end < on.adding(days: -30) {
                status.append(StatusPeriod(kind: .duldung, from: cursor, to: cursor.adding(days: 60)))
                let from60b = cursor.adding(days: 61)
                if from60b >= Day("2019-08-01") {
                    status.append(StatusPeriod(kind: .duldung60b, from: from60b, to: end))
                } else {
                    status.append(StatusPeriod(kind: .duldung, from: from60b, to: end))
                }
                cursor = end.adding(days: 1)
            }
        }
        if cursor <= on.adding(days: -200), rng.chance(0.08) {
            let gapEnd = cursor.adding(days: rng.int(3...120))
            status.append(StatusPeriod(kind: .duldung, from: cursor, to: cursor.adding(days: 30)))
            status.append(StatusPeriod(kind: .abroad, from: cursor.adding(days: 31), to: gapEnd.adding(days: 31)))
            cursor = gapEnd.adding(days: 32)
        }
        let employed = adult && rng.chance(0.55)
        // A Beschäftigungsduldung not before § 60d existed (01.01.2020; the decoder refuses it, QA25 S3).
        if adult && employed && rng.chance(0.2) && cursor < on.adding(days: -365) && cursor.adding(days: 365) >= Day("2020-01-01") {
            status.append(StatusPeriod(kind: .duldung, from: cursor, to: cursor.adding(days: 364)))
            status.append(StatusPeriod(kind: .duldung60d, from: cursor.adding(days: 365)))
        } else {
            status.append(StatusPeriod(kind: .duldung, from: cursor))
        }
        // Vocational training for some young adults (assumed 10 % of those up to 35; no published figure): ongoing, some
        // under an Ausbildungsduldung (§ 60c) from its start, or passed (the way to § 19d Abs. 1a).
        if adult, let born = p.born, born.age(on: on) <= 35, rng.chance(0.1) {
            // A passed one began a few months into the Duldung and took three years (when there were three years).
            let early = cursor.adding(days: rng.int(90...400))
            let passed = rng.chance(0.25) && early.adding(days: 1100) < on
            let from = passed ? early : max(entered.adding(days: 200), on.adding(days: -rng.int(30...1000)))
            if from < on {
                var t = Training(kind: rng.chance(0.85) ? .qualified : .helper, from: from)
                t.plannedEnd = from.adding(years: 3)
                t.registeredOn = .on(from.adding(days: -rng.int(10...60)))
                t.passedOn = passed ? .on(min(on.adding(days: -5), from.adding(days: 1095))) : .never
                t.endedEarlyOn = .never
                trainings = [t]
                // The Duldung it runs under becomes one for training, when it began at least three months after the Duldung;
                // after the exam a plain Duldung follows.
                if let last = status.last, last.kind == .duldung, last.to == nil, last.from.adding(days: 90) <= from, rng.chance(0.5) {
                    status[status.count - 1].to = from.adding(days: -1)
                    if case .on(let end) = t.passedOn {
                        status.append(StatusPeriod(kind: .duldung60c, from: from, to: end))
                        status.append(StatusPeriod(kind: .duldung, from: end.adding(days: 1)))
                    } else {
                        status.append(StatusPeriod(kind: .duldung60c, from: from))
                    }
                }
            }
        }
        p.status = status
        var asylum = Asylum()
        if asylumSeeker {
            asylum.appliedOn = .on(asylumFrom)
            asylum.decision = .rejected
            asylum.rejectedAs = rng.chance(0.1) ? .offensichtlichUnbegruendet : .unbegruendet
            if asylum.rejectedAs == .offensichtlichUnbegruendet {
                asylum.decidedOn = gestattungEnd.adding(days: -30)
                asylum.ouBasis = rng.chance(0.5) ? "30-3-2" : "other"
            }
            asylum.finalOn = gestattungEnd
        } else {
            asylum.appliedOn = .never
        }
        p.asylum = asylum
        let clarified = rng.chance(0.6)
        p.identity = Identity(clarifiedOn: clarified ? .on(entered.adding(days: rng.int(0...900))) : .never,
                              allStepsTakenOn: rng.chance(0.7) ? .on(entered.adding(days: rng.int(0...900))) : .never)
        if let c = p.identity?.clarifiedOn.day, c > on { p.identity?.clarifiedOn = .on(on) }
        if let c = p.identity?.allStepsTakenOn.day, c > on { p.identity?.allStepsTakenOn = .on(on) }
        p.passport = clarified && rng.chance(0.8)
        p.convictions = rng.chance(0.1) ? [conviction()] : []
        p.conduct = rng.chance(0.07) ? { var c = Conduct.noneStated; c.currentObstruction = [.nonCooperation]; return c }() : Conduct.noneStated
        // Rare bars (assumed shares): an entry ban, an interest in expulsion.
        p.bars = Bars.noneStated
        if rng.chance(0.02) { p.bars?.entryBan = true }
        if rng.chance(0.01) { p.bars?.otherExpulsionInterest = true }
        p.removalMeasures = []
        p.integrationPrognosis = rng.chance(0.85) ? .positive : .negative
        p.fdgoDoubts = false
        if adult {
            let start = max(cursor, on.adding(days: -rng.int(30...2000)))
            let hours = Double(rng.int(15...40))
            p.employment = employed ? [{ var e = EmploymentPeriod(from: start); e.hours = hours; e.insured = true; e.qualified = rng.chance(0.2); e.matchesQualification = e.qualified; return e }()] : []
            var lu = LivelihoodPeriod(from: employed ? start : entered)
            let share = employed ? Double(rng.int(30...100)) / 100 : 0
            lu.workShare = share; lu.ownWorkShare = employed ? min(1, share + 0.3) : 0
            lu.publicFunds = share < 1; lu.wohngeld = false; lu.benefitsTemporary = rng.chance(0.5)
            p.livelihood = [lu]
            // Some trainees live on their training pay (and BAB) without other public funds.
            if let t = trainings.first, t.passedOn.day == nil, rng.chance(0.4) {
                var pay = LivelihoodPeriod(from: t.from)
                pay.workShare = 1; pay.ownWorkShare = 1; pay.publicFunds = false; pay.wohngeld = false
                p.livelihood = [pay]
            }
            let level: LanguageLevel = [.a1, .a2, .a2, .b1, .b2][rng.int(0...4)]
            p.german = rng.chance(0.8) ? [GermanCertificate(level: level, scope: rng.chance(0.7) ? .full : .oral, date: entered.adding(days: rng.int(200...1500)))].filter { $0.date <= on } : []
            p.civicTestPassedOn = rng.chance(0.5) ? .on(min(on, entered.adding(days: rng.int(300...2000)))) : .never
            p.fdgoDeclarationOn = rng.chance(0.6) ? .on(min(on, entered.adding(days: rng.int(300...2000)))) : .never
            var ic = IntegrationCourse(); ic.possible = rng.chance(0.6); ic.obliged = false
            p.integrationCourse = ic
            p.housingSufficient = rng.chance(0.7)
            p.education = []
            p.degrees = rng.chance(0.15) ? [Degree(kind: .vocational, on: min(on, entered.adding(days: 1200)), country: "DEU")] : []
            // A qualified training passed: the degree, mostly a job in the trade and German at B1 from vocational school.
            if let t = trainings.first, t.kind == .qualified, case .on(let passed) = t.passedOn {
                p.degrees = [Degree(kind: .vocational, on: passed, country: "DEU")]
                if rng.chance(0.7), passed < on {
                    var job = EmploymentPeriod(from: min(on, passed.adding(days: rng.int(1...60))))
                    job.hours = 38; job.insured = true; job.qualified = true; job.matchesQualification = true
                    p.employment = [job]
                    var pay = LivelihoodPeriod(from: job.from)
                    pay.workShare = 1; pay.ownWorkShare = 1; pay.publicFunds = false; pay.wohngeld = false
                    p.livelihood = [pay]
                }
                if rng.chance(0.8) { p.german = [GermanCertificate(level: .b1, scope: .full, date: passed)] }
            }
            p.training = trainings
        } else {
            let schoolFrom = max(entered.adding(days: 30), p.born!.adding(years: 6))
            p.education = schoolFrom < on ? [EducationPeriod(kind: .school, from: schoolFrom, successful: true)] : []
            p.degrees = []
            p.training = []
        }
        // One in twenty cannot leave through no fault of their own and without a foreseeable end (§ 25 Abs. 5): an
        // assumption, no published figure (QA35 F6: one in five put § 25 Abs. 5 on 17 % and on most of the outreach list).
        p.departure = { var d = Departure(); d.impossibleSince = rng.chance(0.05) ? .on(cursor) : .never; d.endForeseeable = false; d.ownFault = false; return d }()
        return p
    }

    private mutating func conviction() -> Conviction {
        var c = Conviction()
        c.date = on.adding(days: -rng.int(100...2000))
        c.intentional = true; c.inGermany = true; c.stillRegistered = true
        c.foreignersOnly = rng.chance(0.4)
        if rng.chance(0.85) { c.dayFines = rng.int(10...120) } else { c.prisonMonths = rng.int(3...30); c.suspended = rng.chance(0.6) }
        return c
    }
}

/// Skews towards the first nationalities of the list.
private func pow2(_ x: Double) -> Double { x * x }
