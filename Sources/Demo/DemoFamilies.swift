import Eligibility

/// Families: the main adult of a profile, the other parent, minor children (at school from six) and sometimes a
/// grown-up child who came as a minor. Everyone's status follows the main adult's.
extension DemoClientGenerator {
    mutating func family(profile: DemoProfile, shape: FamilyShape, country: DemoCountry) -> DemoUnit {
        let region = rng.pick(country.regions)
        let mainSex: Sex = shape.singleParent && rng.chance(0.8) ? .female : .male
        let marital: MaritalStatus = shape.singleParent ? rng.pick([.divorced, .widowed, .single]) : .married
        var main = adult(profile: profile, country: country, marital: marital, withChildren: true)
        let entered = main.entered!
        if shape.singleParent && profile == .incomeGap && rng.chance(0.5) {
            // A single parent of small children: work is not reasonable (§ 10 Abs. 1 Nr. 3 SGB II).
            main.singleParentWorkUnreasonable = true
            if var l = main.livelihood, !l.isEmpty { l[l.count - 1].benefitsTemporary = true; main.livelihood = l }
        }
        let mainLast = rng.pick(region.pool.family)
        let mainFirst = givenName(region, mainSex, familyName: mainLast)
        var members = [DemoMember(firstName: mainFirst, lastName: mainLast, person: main)]
        var relations: [(RelationKind, Int, Int, Bool?)] = []

        var mother = mainSex == .female ? main : nil
        var fatherFirst = mainSex == .male ? mainFirst : rng.pick(region.pool.male)
        var childLast = mainLast
        if !shape.singleParent {
            let spouse = self.spouse(of: main, male: mainSex == .female)
            let spouseLast = region.spousesKeepNames ? rng.pick(region.pool.family) : mainLast
            members.append(DemoMember(firstName: givenName(region, mainSex == .male ? .female : .male, familyName: spouseLast),
                                      lastName: spouseLast, person: spouse))
            relations.append((.spouse, 0, 1, nil))
            if mainSex == .male { mother = spouse } else { fatherFirst = members[1].firstName; childLast = members[1].lastName }
        }
        if region.patronymic { childLast = fatherFirst }
        let motherBorn = mother?.born ?? main.born!
        let parents = shape.singleParent ? [0] : [0, 1]

        var childBirths: [Day] = []
        if shape.adultChild {
            let ageOnEntry = rng.int(8...16)
            let born = entered.adding(years: -ageOnEntry).adding(days: -rng.int(0...364))
            let age = born.age(on: today)
            if (18...26).contains(age), born >= motherBorn.adding(years: 18) { childBirths.append(born) }
        }
        for _ in 0..<shape.minorChildren {
            let age = rng.weighted([(0...5, 3), (6...13, 5), (14...17, 4)])
            var born = today.adding(years: -rng.int(age)).adding(days: -rng.int(0...364))
            if born < motherBorn.adding(years: 18) { born = motherBorn.adding(years: 18).adding(days: rng.int(0...900)) }
            if born > today.adding(days: -30) { born = today.adding(days: -30 - rng.int(0...300)) }
            childBirths.append(born)
        }
        // Siblings at least ten months apart, or twins where no later day is left (QA of 06.12.2026: two children
        // born six days apart); and no two of them with one given name.
        var spaced: [Day] = []
        for born in childBirths.sorted() {
            guard let last = spaced.last, born < last.adding(days: 300) else { spaced.append(born); continue }
            let later = last.adding(days: 300 + rng.int(0...400))
            spaced.append(later <= today.adding(days: -30) ? later : last)
        }
        for born in spaced {
            let child = self.child(born: born, of: main)
            var first = givenName(region, rng.chance(0.5) ? .male : .female, familyName: childLast), tries = 0
            while members.contains(where: { $0.firstName == first }), tries < 20 {
                first = givenName(region, rng.chance(0.5) ? .male : .female, familyName: childLast); tries += 1
            }
            members.append(DemoMember(firstName: first, lastName: childLast, person: child))
            let index = members.count - 1
            let minor = born.age(on: today) < 18
            for parent in parents { relations.append((.parent, parent, index, minor ? true : nil)) }
        }
        return DemoUnit(members: members, relations: relations)
    }

    /// The other parent: entered with the main adult, the same status (their § 60d Duldung as spouse), less German
    /// and less often employed.
    mutating func spouse(of main: Person, male: Bool) -> Person {
        let entered = main.entered!
        let born = male ? main.born!.adding(years: -rng.int(0...6)).adding(days: -rng.int(0...364))
                        : main.born!.adding(years: rng.int(0...7)).adding(days: rng.int(0...364))
        var p = baseAdult(DemoCountries.country(main.nationality!), born: min(born, entered.adding(years: -17)),
                          entered: entered, marital: .married)
        p.convictions = []
        p.status = FamilyStatus.derive(from: main.status!, start: entered, holder: .spouse)
        p.asylum = main.asylum
        p.identity = main.identity
        p.passport = main.passport
        p.departure = main.departure
        p.german = []
        switch rng.int(0...9) {
        case 0...3: certificate(&p, .a2, rng.chance(0.5) ? .full : .oral)
        case 4...6: certificate(&p, .a1)
        case 7: certificate(&p, .b1)
        default: break
        }
        civicAndDeclaration(&p, civic: 0.45, declaration: 0.65)
        if main.fdgoDeclarationOn.isKnown == false { p.fdgoDeclarationOn = .unknown }
        p.integrationCourse?.possible = true
        p.livelihood = main.livelihood?.map { var l = $0; l.ownWorkShare = nil; return l }
        p.luPrognosisFull = main.luPrognosisFull
        if rng.chance(0.3), let start = main.livelihood?.last?.from {
            var e = EmploymentPeriod(from: day(between: start, and: today.adding(days: -30)))
            e.hours = Double(rng.int(8...25)); e.insured = rng.chance(0.6)
            p.employment = [e]
            p.livelihood = p.livelihood?.map { var l = $0; l.ownWorkShare = l.from >= e.from ? 0.4 : 0; return l }
        } else {
            p.employment = []
            p.livelihood = p.livelihood?.map { var l = $0; l.ownWorkShare = 0; return l }
        }
        return p
    }

    /// A child: arrived with the family, or born in Germany (then `entered` is the birth); at school from the
    /// sixth birthday; a grown-up child left school with a certificate.
    mutating func child(born: Day, of main: Person) -> Person {
        let entered = main.entered!
        let firstStatus = main.status!.first { $0.kind != .none }!.from
        var birth = born
        if birth > entered && birth < firstStatus { birth = firstStatus }
        let arrival = max(entered, birth)
        var p = Person(id: "")
        p.born = birth
        p.nationality = main.nationality
        p.safeCountryOfOrigin = main.safeCountryOfOrigin
        p.maritalStatus = .single
        p.entered = arrival
        p.enteredWithVisa = false
        p.enteredForBenefits = false
        let adult = birth.age(on: today) >= 18
        p.status = FamilyStatus.derive(from: main.status!, start: arrival, holder: adult ? .main : .child)
        if adult {
            p.status = p.status!.map { var s = $0; if s.kind == .duldung60d { s.kind = .duldung; s.holder = .main }; return s }
        }
        var asylum = main.asylum ?? Asylum()
        if birth > entered {
            asylum = Asylum()
            asylum.appliedOn = .on(arrival)
            asylum.decision = .rejected
            asylum.rejectedAs = .unbegruendet
            asylum.finalOn = max(main.asylum?.finalOn ?? arrival, arrival.adding(days: 90))
            if let f = asylum.finalOn, f >= today { asylum.finalOn = nil; asylum.decision = .pending }
        }
        p.asylum = asylum
        if let clarified = main.identity?.clarifiedOn.day {
            p.identity = Identity(clarifiedOn: .on(max(clarified, arrival)), allStepsTakenOn: .on(max(clarified, arrival)))
        } else {
            p.identity = main.identity
            if let steps = main.identity?.allStepsTakenOn.day { p.identity?.allStepsTakenOn = .on(max(steps, arrival)) }
        }
        p.passport = main.passport
        p.convictions = []
        p.conduct = Conduct.noneStated
        p.bars = Bars.noneStated
        p.removalMeasures = []
        p.departure = main.departure
        if let since = main.departure?.impossibleSince.day { p.departure?.impossibleSince = .on(max(since, arrival)) }
        p.luPrognosisFull = main.luPrognosisFull
        p.integrationPrognosis = rng.chance(0.93) ? .positive : .negative
        p.fdgoDoubts = false
        p.degrees = []
        p.training = []
        if adult {
            schoolAndAfter(&p, born: birth, entered: arrival)
            civicAndDeclaration(&p, civic: 0.3, declaration: 0.5)
            if p.employment?.isEmpty ?? true {
                p.livelihood = main.livelihood?.compactMap { l -> LivelihoodPeriod? in
                    if let to = l.to, to < arrival { return nil }
                    var c = l; c.ownWorkShare = nil; c.from = max(l.from, arrival); return c
                }
            }
        } else {
            if birth.age(on: today) >= 6 {
                let sixth = birth.adding(years: 6)
                let start = min(max(sixth, arrival.adding(days: rng.int(20...90))), today)
                p.education = [EducationPeriod(kind: .school, from: start, successful: rng.chance(0.92))]
            } else {
                p.education = []
            }
            // A minor: no certificates, no job, part of the parents' household budget.
            p.german = []
            p.employment = []
            p.civicTestPassedOn = .never
            p.fdgoDeclarationOn = .never
            var course = IntegrationCourse(); course.possible = false; course.obliged = false
            p.integrationCourse = course
            p.housingSufficient = main.housingSufficient
            p.livelihood = main.livelihood?.compactMap { l -> LivelihoodPeriod? in
                if let to = l.to, to < arrival { return nil }
                var c = l; c.ownWorkShare = nil; c.from = max(l.from, arrival); return c
            }
        }
        return p
    }
}
