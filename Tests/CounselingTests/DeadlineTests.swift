import Counseling
import Eligibility
import Testing

@Suite("Deadlines and holidays")
struct DeadlineTests {
    @Test func easterAndTheSaxonHolidays() {
        #expect(Holidays.easter(2026) == Day("2026-04-05"))
        #expect(Holidays.easter(2027) == Day("2027-03-28"))
        #expect(Holidays.easter(2024) == Day("2024-03-31"))
        let sn = Holidays.of(land: "DE-SN", year: 2026).map(\.0)
        #expect(sn.contains(Day("2026-10-31")))             // Reformationstag
        #expect(sn.contains(Day("2026-11-18")))             // Buß- und Bettag 2026
        #expect(Holidays.of(land: "DE-SN", year: 2027).map(\.0).contains(Day("2027-11-17")))
        #expect(!Holidays.of(land: "DE-BY", year: 2026).map(\.0).contains(Day("2026-11-18")))
        #expect(Holidays.weekday(Day("2026-11-22")) == 7)    // a Sunday
        #expect(Holidays.landName("DE-SN") == "Sachsen" && Holidays.landName("DE-TH") == "Thüringen" && Holidays.landName("XX") == "XX")
    }

    @Test func deadlineOnAWeekendOrHolidayMovesToTheNextWorkingDay() {
        // Saturday 31.10.2026 is also Reformationstag in Saxony → Monday 2.11.2026.
        #expect(Holidays.nextWorkingDay(from: Day("2026-10-31"), land: "DE-SN") == Day("2026-11-02"))
        // Buß- und Bettag (Wednesday 18.11.2026) → Thursday in Saxony, unchanged in Bavaria.
        #expect(Holidays.nextWorkingDay(from: Day("2026-11-18"), land: "DE-SN") == Day("2026-11-19"))
        #expect(Holidays.nextWorkingDay(from: Day("2026-11-18"), land: "DE-BY") == Day("2026-11-18"))
        // A hard limit moves earlier instead.
        #expect(DeadlineRules.previousWorkingDay(Day("2026-11-18"), land: "DE-SN") == Day("2026-11-17"))
    }

    func person(_ build: (inout Person) -> Void, on: Day) -> PersonAssessment {
        var p = Person(id: "p")
        build(&p)
        return Engine().assess(Household(single: p), on: on).persons[0]
    }

    @Test func derivesStatusEndBirthdayReachableAnd104cDeadlines() {
        let on = Day("2026-11-16")
        let young = person({ p in
            p.born = Day("1999-12-05")   // 27th birthday 05.12.2026 → last day Friday 04.12.2026
            p.status = [StatusPeriod(kind: .duldung, from: Day("2022-01-01"))]
            p.status![0].validUntil = Day("2027-01-15")
        }, on: on)
        let d = DeadlineRules.derive(person: young, land: "DE-SN", today: on)
        let last = d.first { $0.kind == .lastDay25a }
        #expect(last?.date == Day("2026-12-04") && last?.due == Day("2026-10-09"))   // eight weeks ahead, for the papers
        // Once the § 25a permit is granted, the last filing day is no reminder any more (QA of 06.12.2026).
        let holder = person({ p in
            p.born = Day("1999-12-05")
            p.status = [StatusPeriod(kind: .duldung, from: Day("2022-01-01"), to: Day("2026-10-31")),
                        StatusPeriod(kind: .aufenthaltserlaubnis, from: Day("2026-11-01"), basis: "25a", validUntil: Day("2029-10-31"))]
        }, on: on)
        #expect(!DeadlineRules.derive(person: holder, land: "DE-SN", today: on).contains { $0.kind == .lastDay25a })
        let ends = d.first { $0.kind == .statusEnds }
        #expect(ends?.date == Day("2027-01-15") && ends?.due == Day("2026-12-18"))   // 4 weeks ahead, a Friday
        // A Duldung is renewed by the authority, not extended by an application (no § 81 Abs. 4 Fiktion).
        #expect(ends?.citation == "§ 60a Abs. 4 AufenthG" && ends?.title.hasPrefix("Duldungsbescheinigung gültig bis 15.01.2027") == true)

        let car = person({ p in
            p.born = Day("1980-01-01")
            p.status = [StatusPeriod(kind: .duldung, from: Day("2015-01-01"), to: Day("2025-06-30")),
                        StatusPeriod(kind: .aufenthaltserlaubnis, from: Day("2025-07-01"), basis: "104c", validUntil: Day("2026-12-31"))]
        }, on: on)
        let c = DeadlineRules.derive(person: car, land: "DE-SN", today: on)
        #expect(c.contains { $0.kind == .car104cPrivilegesEnd && $0.due == Day("2027-06-02") })
        #expect(c.contains { $0.kind == .statusEnds && $0.due == Day("2026-12-03") && $0.citation.contains("§ 81 Abs. 4") })
        #expect(!c.contains { $0.kind == .lastDay25a })
    }

    @Test func reachablePathwayGivesADeadlineOnItsDate() throws {
        // Case 37 of the public corpus: § 25b reachable on 17.11.2026 (a Tuesday).
        let on = Day("2026-11-16")
        let p = person({ p in
            p.born = Day("1990-05-05"); p.maritalStatus = .single; p.entered = Day("2020-11-15")
            p.status = [StatusPeriod(kind: .none, from: Day("2020-11-15"), to: Day("2020-11-16")),
                        StatusPeriod(kind: .gestattung, from: Day("2020-11-17"), to: Day("2023-06-30")),
                        StatusPeriod(kind: .duldung, from: Day("2023-07-01"))]
            p.german = [GermanCertificate(level: .a2, scope: .full, date: Day("2024-05-02"))]
            p.civicTestPassedOn = .on(Day("2024-06-15")); p.fdgoDeclarationOn = .on(Day("2025-01-20"))
            var lu = LivelihoodPeriod(from: Day("2025-11-16")); lu.workShare = 1; lu.publicFunds = false; lu.wohngeld = false
            p.livelihood = [lu]; p.convictions = []; p.conduct = Conduct.noneStated; p.bars = Bars.noneStated
        }, on: on)
        let d = DeadlineRules.derive(person: p, land: "DE-SN", today: on)
        let r = try #require(d.first { $0.kind == .pathwayReachable && $0.pathway == .p25b })
        #expect(r.due == Day("2026-11-17"))
        // The same date falling on Buß- und Bettag would move to the next day.
        #expect(Holidays.nextWorkingDay(from: Day("2026-11-18"), land: "DE-SN") == Day("2026-11-19"))
    }

    @Test func aStatusThatHasRunOutIsDueAtOnce() throws {
        let on = Day("2026-11-16")
        // A Duldung whose certificate ran out in 2022 and was never renewed in the record.
        let lapsed = person({ p in
            p.status = [StatusPeriod(kind: .duldung, from: Day("2020-01-01"))]
            p.status![0].validUntil = Day("2022-03-01")
        }, on: on)
        let d = try #require(DeadlineRules.derive(person: lapsed, land: "DE-SN", today: on).first { $0.kind == .statusEnds })
        #expect(d.date == Day("2022-03-01") && d.due <= on && d.title.contains("abgelaufen"))
        // A history that ends last week with nothing after it.
        let ended = person({ p in p.status = [StatusPeriod(kind: .gestattung, from: Day("2020-01-01"), to: Day("2026-11-09"))] }, on: on)
        let e = try #require(DeadlineRules.derive(person: ended, land: "DE-SN", today: on).first { $0.kind == .statusEnds })
        #expect(e.date == Day("2026-11-09") && e.due <= on && e.title.contains("heutigen Aufenthaltsstatus"))
        // A current one is still reminded four weeks ahead, not at once.
        let current = person({ p in
            p.status = [StatusPeriod(kind: .duldung, from: Day("2020-01-01"))]
            p.status![0].validUntil = Day("2027-03-01")
        }, on: on)
        #expect(DeadlineRules.derive(person: current, land: "DE-SN", today: on).first { $0.kind == .statusEnds }?.due == Day("2027-02-01"))
    }
}
