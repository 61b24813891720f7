import Eligibility

/// The profiles with their own life course: trainees, § 104c holders, a § 60b period, departure impossible,
/// young adults who came as minors.
extension DemoClientGenerator {
    static let occupations = ["Pflegefachmann/Pflegefachfrau", "Elektroniker/in für Energie- und Gebäudetechnik",
                              "Koch/Köchin", "Fachkraft für Lagerlogistik", "Anlagenmechaniker/in SHK",
                              "Friseur/in", "Kfz-Mechatroniker/in", "Maurer/in", "Bäcker/in", "Verkäufer/in",
                              "Medizinische/r Fachangestellte/r", "Berufskraftfahrer/in"]

    /// Young adult (19–26) in a qualified training with a § 60c Duldung since its start.
    mutating func trainee(_ country: DemoCountry) -> Person {
        let born = today.adding(years: -rng.int(19...26)).adding(days: -rng.int(0...364))
        let entered = day(between: max(born.adding(years: 15), today.adding(years: -7)),
                          and: min(born.adding(years: 22), today.adding(days: -1000)))
        var p = baseAdult(country, born: born, entered: entered, marital: .single)
        var h = arriveAndApply(&p, gestattungDays: 300...900, latestEnd: today.adding(days: -200))
        let start = day(between: max(h.next.adding(days: 90), today.adding(days: -30 * 30)), and: today.adding(days: -60))
        h.close(.duldung, through: start.adding(days: -1))
        h.open(.duldung60c)
        p.status = h.periods
        if born.age(on: entered) <= 18 {
            let from = entered.adding(days: rng.int(30...120))
            let end = min(from.adding(days: rng.int(730...1100)), start.adding(days: -30))
            if end > from {
                p.education = [EducationPeriod(kind: .school, from: from, to: end, successful: true)]
                if rng.chance(0.7) { p.degrees = [Degree(kind: .school, on: end, country: "DEU")] }
            }
        }
        var t = Training(kind: .qualified, from: start)
        t.occupation = rng.pick(Self.occupations)
        t.plannedEnd = start.adding(months: rng.pick([36, 36, 42, 24])).adding(days: -1)
        t.registeredOn = .on(start.adding(days: -rng.int(20...90)))
        t.passedOn = .never
        t.endedEarlyOn = .never
        p.training = [t]
        var l = LivelihoodPeriod(from: entered)
        l.workShare = 0; l.ownWorkShare = 0; l.publicFunds = true; l.wohngeld = false; l.benefitsTemporary = false
        var wage = LivelihoodPeriod(from: start)
        wage.workShare = rng.pick([0.6, 0.7, 0.8]); wage.ownWorkShare = wage.workShare
        wage.publicFunds = rng.chance(0.5); wage.wohngeld = !(wage.publicFunds ?? true); wage.benefitsTemporary = true
        wage.bafoegNeedCovered = true
        l.to = start.adding(days: -1)
        p.livelihood = [l, wage]
        p.employment = []
        certificate(&p, rng.chance(0.6) ? .b1 : .a2, .full)
        civicAndDeclaration(&p, civic: 0.4, declaration: 0.5)
        identity(&p, clarified: 0.85)
        return p
    }

    /// Holder of the Chancen-Aufenthaltsrecht: entered by autumn 2017, § 104c permit for 18 months from 2023–2025,
    /// followed by a § 81 Abs. 4 Fiktion if it has run out (a § 25b/§ 25a application is pending).
    mutating func holder104c(_ country: DemoCountry, marital: MaritalStatus, withChildren: Bool) -> Person {
        let entered = day(between: Day("2012-01-01"), and: Day("2017-09-30"))
        var p = adultAt(country, entered: entered, marital: marital)
        var h = arriveAndApply(&p, gestattungDays: 300...1100, latestEnd: Day("2019-06-30"))
        let lastStart = min(Day("2025-12-30"), today.adding(days: -1))
        let granted = rng.chance(0.55)
            ? day(between: max(Day("2023-03-01"), today.adding(months: -18).adding(days: 30)), and: lastStart)
            : day(between: Day("2023-01-15"), and: lastStart)
        if rng.chance(0.4) {
            let from = day(between: max(h.next.adding(days: 60), Day("2019-08-01")), and: Day("2021-06-30"))
            h.close(.duldung, through: from.adding(days: -1))
            h.close(.duldung60b, through: min(from.adding(days: rng.int(300...900)), granted.adding(days: -100)))
        }
        h.close(.duldung, through: granted.adding(days: -1))
        let validUntil = granted.adding(months: 18).adding(days: -1)
        if validUntil < today {
            h.close(.aufenthaltserlaubnis, through: validUntil, basis: "104c", validUntil: validUntil)
            h.open(.fiktion, fiktion: .continuation, continues: "104c")
        } else {
            h.open(.aufenthaltserlaubnis, basis: "104c", validUntil: validUntil)
        }
        p.status = h.periods
        p.fdgoDeclarationOn = .on(max(entered, granted.adding(days: -rng.int(10...90))))
        p.civicTestPassedOn = rng.chance(0.65) ? .on(day(between: granted, and: today.adding(days: -20))) : .never
        p.german = []
        switch rng.int(0...19) {
        case 0...11: certificate(&p, rng.chance(0.7) ? .a2 : .b1, .full, earliest: granted.adding(days: -400))
        case 12...16: certificate(&p, .a1)
        default: break
        }
        if rng.chance(0.7) {
            work(&p, from: day(between: entered.adding(days: 400), and: today.adding(days: -120)), hours: hours(),
                 share: goodShare(family: withChildren))
        } else {
            benefits(&p, temporary: true)
        }
        switch rng.int(0...9) {
        case 0...3:
            let on = day(between: entered.adding(days: 300), and: today.adding(days: -30))
            p.identity = Identity(clarifiedOn: .on(on), allStepsTakenOn: .on(on)); p.passport = true
        case 4...7:
            p.identity = Identity(clarifiedOn: .never, allStepsTakenOn: .on(day(between: granted, and: today.adding(days: -30))))
            p.passport = false
        default:
            p.identity = Identity(clarifiedOn: .never, allStepsTakenOn: .never); p.passport = false
        }
        p.informedPer104cAbs4 = true
        return p
    }

    /// Long stay with a § 60b Duldung (identity unclear) that ended when the passport came: counted with the § 60b
    /// days skipped, the 6 (4) years are complete; counted as an interruption, they are not (U3).
    mutating func unclear60b(_ country: DemoCountry, marital: MaritalStatus, withChildren: Bool) -> Person {
        let years = withChildren ? 4 : 6
        let entered = yearsAgo(Double(years) + 2.8 ... Double(years) + 5)
        var p = adultAt(country, entered: entered, marital: marital)
        var h = arriveAndApply(&p, gestattungDays: 365...900, latestEnd: Day("2019-06-30"))
        let end = day(between: today.adding(years: -years).adding(days: 60), and: today.adding(days: -200))
        let start = max(max(h.next.adding(days: 30), Day("2019-08-01")), end.adding(days: -rng.int(365...900)))
        h.close(.duldung, through: start.adding(days: -1))
        h.close(.duldung60b, through: end)
        h.open(.duldung)
        p.status = h.periods
        integrated(&p, level: rng.chance(0.3) ? .b1 : .a2, family: withChildren)
        p.identity = Identity(clarifiedOn: .on(end), allStepsTakenOn: .on(end.adding(days: -rng.int(30...200))))
        p.passport = true
        return p
    }

    /// Stateless, or papers cannot be obtained: departure impossible since the Duldung began, not the person's fault.
    mutating func departureImpossible(_ country: DemoCountry, marital: MaritalStatus) -> Person {
        var p = adultAt(country, entered: yearsAgo(2.2 ... 9), marital: marital)
        var h = arriveAndApply(&p, gestattungDays: 300...1000, latestEnd: today.adding(days: -120))
        h.open(.duldung)
        p.status = h.periods
        let since = h.periods.last!.from
        var d = Departure()
        d.impossibleSince = .on(min(today, since.adding(days: rng.chance(0.7) ? 0 : rng.int(30...200))))
        d.endForeseeable = false
        d.ownFault = false
        p.departure = d
        p.identity = Identity(clarifiedOn: .never,
                              allStepsTakenOn: .on(day(between: since.adding(days: 60), and: max(since.adding(days: 60), today.adding(days: -30)))))
        p.passport = false
        p.german = []
        certificate(&p, rng.chance(0.5) ? .a1 : .a2)
        civicAndDeclaration(&p, civic: 0.3, declaration: 0.4)
        if rng.chance(0.4) {
            work(&p, from: day(between: since, and: today.adding(days: -60)), hours: hours(), share: rng.pick([0.5, 0.7, 1.0]))
        } else {
            benefits(&p, share: rng.chance(0.3) ? 0.3 : 0)
        }
        return p
    }

    /// Came at 12–17, went to school in Germany; now 18–25, in training, working or looking for work.
    mutating func youngAdult(_ country: DemoCountry) -> Person {
        let born = today.adding(years: -rng.int(18...25)).adding(days: -rng.int(0...364))
        var entered = born.adding(years: rng.int(12...17)).adding(days: rng.int(0...300))
        if entered > today.adding(days: -1250) { entered = today.adding(days: -1250 - rng.int(0...300)) }
        var p = baseAdult(country, born: born, entered: entered, marital: .single)
        var h = arriveAndApply(&p, gestattungDays: 200...900, latestEnd: today.adding(days: -500))
        h.open(.duldung)
        p.status = h.periods
        schoolAndAfter(&p, born: born, entered: entered)
        civicAndDeclaration(&p, civic: 0.4, declaration: 0.5)
        identity(&p, clarified: 0.6)
        return p
    }

    /// School in Germany from arrival (at least three years, to about 18), with a school-leaving certificate,
    /// then a qualified training, a job or neither. B1 from school.
    mutating func schoolAndAfter(_ p: inout Person, born: Day, entered: Day) {
        let from = entered.adding(days: rng.int(30...120))
        let end = max(from.adding(days: 3 * 365 + rng.int(0...300)), born.adding(years: 18).adding(days: -rng.int(0...60)))
        if end >= today.adding(days: -30) {
            p.education = [EducationPeriod(kind: .school, from: from, successful: true)]
            p.degrees = []
            benefits(&p)
        } else {
            p.education = [EducationPeriod(kind: .school, from: from, to: end, successful: true)]
            p.degrees = [Degree(kind: .school, on: end, country: "DEU")]
            switch rng.int(0...9) {
            case 0...4:
                let start = day(between: end.adding(days: 30), and: min(end.adding(days: 200), today))
                var t = Training(kind: .qualified, from: start)
                t.occupation = rng.pick(Self.occupations)
                t.plannedEnd = start.adding(years: 3).adding(days: -1)
                t.registeredOn = .on(start.adding(days: -30))
                t.passedOn = t.plannedEnd! < today ? .on(t.plannedEnd!) : .never
                t.endedEarlyOn = .never
                p.training = [t]
                benefits(&p, temporary: true)
            case 5...7:
                work(&p, from: day(between: end.adding(days: 30), and: max(end.adding(days: 30), today.adding(days: -30))),
                     hours: hours(), share: 1.0)
            default:
                benefits(&p)
            }
        }
        p.german = []
        certificate(&p, .b1, .full, earliest: from.adding(days: 600))
    }
}
