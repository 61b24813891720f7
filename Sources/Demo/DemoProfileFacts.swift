import Eligibility

/// The facts of an adult in each `DemoProfile` (see there for what the engine should answer).
extension DemoClientGenerator {
    /// A person alone: an adult of the profile with a name of the country.
    mutating func single(profile: DemoProfile, country: DemoCountry) -> DemoMember {
        let sex: Sex = rng.chance(0.72) ? .male : .female
        let marital = rng.weighted([(MaritalStatus.single, 82), (.divorced, 8), (.married, 6), (.widowed, 4)])
        let person = adult(profile: profile, country: country, marital: marital, withChildren: false)
        let n = name(country, sex)
        return DemoMember(firstName: n.first, lastName: n.last, person: person)
    }

    /// An adult of the profile. `withChildren`: minor children live with them, so § 25b needs four years, not six.
    mutating func adult(profile: DemoProfile, country: DemoCountry, marital: MaritalStatus, withChildren: Bool) -> Person {
        let years = withChildren ? 4 : 6
        switch profile {
        case .established:
            let entered = yearsAgo(Double(years) + 0.4 ... 12)
            var p = adultAt(country, entered: entered, marital: marital)
            var h = arriveAndApply(&p, gestattungDays: 365...1100, latestEnd: today.adding(days: -200))
            if !withChildren && rng.chance(0.06) { trip(&h) }
            h.open(.duldung)
            p.status = h.periods
            integrated(&p, level: rng.chance(0.35) ? .b1 : .a2, family: withChildren)
            identity(&p, clarified: 0.7)
            return p

        case .nearlyEstablished:
            // The 4 or 6 years of § 25b Abs. 1 S. 2 Nr. 1 are complete 3 weeks to 10 months from today.
            let applied = today.adding(days: rng.int(20...300)).adding(years: -years)
            let entered = applied.adding(days: -rng.int(0...2))
            var p = adultAt(country, entered: entered, marital: marital)
            var h = arriveAndApply(&p, gestattungDays: 300...900, latestEnd: today.adding(days: -200))
            h.open(.duldung)
            p.status = h.periods
            integrated(&p, level: rng.chance(0.3) ? .b1 : .a2, family: withChildren)
            identity(&p, clarified: 0.7)
            return p

        case .languageGap:
            var p = adultAt(country, entered: yearsAgo(2 ... 8), marital: marital)
            var h = arriveAndApply(&p, gestattungDays: 365...1100, latestEnd: today.adding(days: -200))
            h.open(.duldung)
            p.status = h.periods
            integrated(&p, level: .a2, family: withChildren)
            switch rng.int(0...2) {
            case 0: p.german = []
            case 1: p.german = []; certificate(&p, .a1)
            default: p.german = []; certificate(&p, .a2, .written)   // written only: no oral A2
            }
            if rng.chance(0.4) { p.civicTestPassedOn = .never }
            identity(&p, clarified: 0.6)
            return p

        case .incomeGap:
            var p = adultAt(country, entered: yearsAgo(2 ... 9), marital: marital)
            var h = arriveAndApply(&p, gestattungDays: 365...1100, latestEnd: today.adding(days: -200))
            if !withChildren && rng.chance(0.08) { trip(&h) }
            h.open(.duldung)
            p.status = h.periods
            certificate(&p, rng.chance(0.7) ? .a2 : .b1)
            civicAndDeclaration(&p, civic: 0.8, declaration: 0.8)
            benefits(&p, share: rng.chance(0.4) ? rng.pick([0.2, 0.3, 0.4]) : 0, temporary: rng.chance(0.3))
            if rng.chance(0.15) { p.caringForRelative = true; p.livelihood![0].benefitsTemporary = true }
            identity(&p, clarified: 0.6)
            return p

        case .employed60d:
            let latest = min(Day("2022-12-31"), today.adding(years: -2))
            let entered = day(between: max(today.adding(years: -7), Day("2016-01-01")), and: latest)
            var p = adultAt(country, entered: entered, marital: marital)
            var h = arriveAndApply(&p, gestattungDays: 300...900, latestEnd: today.adding(days: -400))
            h.open(.duldung)
            p.status = h.periods
            let job = day(between: max(h.periods.last!.from, today.adding(days: -900)), and: today.adding(days: -380))
            work(&p, from: job, hours: max(20, hours()), share: withChildren ? goodShare(family: true) : 1.0)
            certificate(&p, rng.chance(0.7) ? .a2 : .b1, rng.chance(0.7) ? .full : .oral)
            civicAndDeclaration(&p, civic: 0.5, declaration: 0.6)
            p.integrationCourse?.obliged = false
            identity(&p, clarified: 0.85, latest: Day("2024-12-31"), stepsTaken: 0.5)
            if let c = p.identity?.clarifiedOn.day, c > Day("2024-12-31") { p.identity?.clarifiedOn = .on(Day("2024-12-31")) }
            return p

        case .holds60d:
            let latest = min(Day("2022-12-31"), today.adding(years: -3))
            let entered = day(between: max(today.adding(years: -8), Day("2016-06-01")), and: latest)
            var p = adultAt(country, entered: entered, marital: marital)
            var h = arriveAndApply(&p, gestattungDays: 300...800, latestEnd: today.adding(days: -900))
            let since = day(between: max(h.next.adding(days: 400), today.adding(days: -28 * 30)), and: today.adding(days: -120))
            h.close(.duldung, through: since.adding(days: -1))
            h.open(.duldung60d)
            p.status = h.periods
            let job = day(between: entered.adding(days: 200), and: since.adding(days: -370))
            work(&p, from: min(job, since.adding(days: -370)), hours: max(20, hours()), share: withChildren ? goodShare(family: true) : 1.0)
            certificate(&p, rng.chance(0.6) ? .a2 : .b1, .full)
            civicAndDeclaration(&p, civic: 0.85, declaration: 0.9)
            p.integrationCourse?.possible = true
            p.integrationCourse?.obliged = false
            identity(&p, clarified: 1.0, latest: Day("2024-06-30"))
            return p

        case .training60c:
            return trainee(country)

        case .holder104c:
            guard today >= Day("2023-03-01") else {
                return adult(profile: .established, country: country, marital: marital, withChildren: withChildren)
            }
            return holder104c(country, marital: marital, withChildren: withChildren)

        case .unclearIdentity60b:
            return unclear60b(country, marital: marital, withChildren: withChildren)

        case .recentArrival:
            var p = adultAt(country, entered: yearsAgo(1.3 ... 3.6), marital: marital)
            var h = arriveAndApply(&p, gestattungDays: 150...700, latestEnd: today.adding(days: -60))
            h.open(.duldung)
            p.status = h.periods
            p.german = []
            switch rng.int(0...4) {
            case 0, 1: certificate(&p, .a1)
            case 2: certificate(&p, .a2)
            default: break
            }
            civicAndDeclaration(&p, civic: 0.1, declaration: 0.3)
            if rng.chance(0.45) {
                work(&p, from: day(between: p.entered!.adding(days: 120), and: today.adding(days: -30)), hours: hours(),
                     share: withChildren ? rng.pick([0.4, 0.6, 0.8]) : rng.pick([0.6, 0.8, 1.0]))
            } else {
                benefits(&p)
            }
            identity(&p, clarified: 0.5)
            return p

        case .obstruction:
            var p = adultAt(country, entered: yearsAgo(3 ... 12), marital: marital)
            var h = arriveAndApply(&p, gestattungDays: 365...1100, latestEnd: today.adding(days: -900))
            let since = max(Day("2019-08-01"), day(between: today.adding(days: -1000), and: today.adding(days: -200)))
            h.close(.duldung, through: since.adding(days: -1))
            h.open(.duldung60b)
            p.status = h.periods
            if rng.chance(0.5) { certificate(&p, .a2) } else { p.german = [] }
            civicAndDeclaration(&p, civic: 0.3, declaration: 0.4)
            if rng.chance(0.4) { work(&p, from: day(between: h.periods[0].from.adding(days: 400), and: today.adding(days: -100)), hours: hours(), share: 1.0) } else { benefits(&p) }
            p.identity = Identity(clarifiedOn: .never, allStepsTakenOn: .never)
            p.passport = false
            var c = Conduct.noneStated
            c.currentObstruction = [.nonCooperation]
            p.conduct = c
            return p

        case .departureImpossible:
            return departureImpossible(country, marital: marital)

        case .missingFacts:
            var p = adult(profile: .established, country: country, marital: marital, withChildren: withChildren)
            // The counselor has not asked yet: one or two facts § 25b needs are missing.
            let gaps = rng.shuffled(["german", "civic", "declaration", "livelihood", "convictions", "conduct"])
            for gap in gaps.prefix(rng.chance(0.7) ? 1 : 2) {
                switch gap {
                case "german": p.german = nil
                case "civic": p.civicTestPassedOn = .unknown
                case "declaration": p.fdgoDeclarationOn = .unknown
                case "livelihood": p.livelihood = nil
                case "convictions": p.convictions = nil
                default: p.conduct = nil
                }
            }
            return p

        case .youngAdult25a:
            return youngAdult(country)
        }
    }

    /// An adult aged 18–45 on arrival (most 20–35).
    mutating func adultAt(_ country: DemoCountry, entered: Day, marital: MaritalStatus) -> Person {
        let age = rng.weighted([(18...21, 3), (22...29, 5), (30...37, 4), (38...45, 2)])
        let born = entered.adding(years: -rng.int(age)).adding(days: -rng.int(0...364))
        return baseAdult(country, born: born, entered: entered, marital: marital)
    }

    /// A short stay abroad (a failed onward journey) between two Duldung periods, before the last Duldung.
    mutating func trip(_ h: inout HistoryBuilder) {
        let leave = day(between: h.next.adding(days: 100), and: today.adding(days: -200))
        guard leave > h.next.adding(days: 30) else { return }
        h.close(.duldung, through: leave.adding(days: -1))
        h.close(.abroad, through: leave.adding(days: rng.int(10...60)))
    }

    /// A2 or better, civic test, declaration, and work covering more than half of the household's need.
    mutating func integrated(_ p: inout Person, level: LanguageLevel, family: Bool) {
        let entered = p.entered!
        certificate(&p, level, rng.chance(0.85) ? .full : .oral, earliest: entered.adding(days: 500))
        civicAndDeclaration(&p, civic: 1, declaration: 1)
        let job = day(between: entered.adding(days: 200), and: max(entered.adding(days: 200), today.adding(days: -120)))
        work(&p, from: job, hours: hours(), share: goodShare(family: family))
        if rng.chance(0.4) { p.integrationCourse?.possible = true; p.integrationCourse?.completedOn = p.civicTestPassedOn }
    }
}
