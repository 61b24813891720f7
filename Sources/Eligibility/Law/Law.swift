/// The dated rule versions and fixed dates of the law (../shared/law/spec/, version tables and 12-timeline.md).
public enum Law {
    // MARK: § 25a (spec/02-25a.md 2.7)

    public struct Rules25a: Sendable {
        public let residenceYears: Int
        public let schoolYears: Int
        /// The application must be filed before this birthday.
        public let ageLimit: Int
        /// Months of Duldung holding required; nil = geduldet on `R_dec` suffices (version of 2015).
        public let duldungMonths: Int?
        /// § 104c holders may apply (Abs. 1 S. 1, Abs. 5, Abs. 6) – until 30.6.2027.
        public let car104cBranch: Bool
        /// Illness or disability exception for school (Abs. 1 S. 1 Nr. 2 S. 2).
        public let illnessException: Bool
    }

    public static let p25a = DatedRules<Rules25a>("§ 25a AufenthG", [
        (Day("2015-08-01"), "G v. 27.07.2015", Rules25a(residenceYears: 4, schoolYears: 4, ageLimit: 21, duldungMonths: nil, car104cBranch: false, illnessException: false)),
        (Day("2022-12-31"), "ChAufenthG v. 21.12.2022", Rules25a(residenceYears: 3, schoolYears: 3, ageLimit: 27, duldungMonths: 12, car104cBranch: true, illnessException: true)),
        (Day("2027-07-01"), "Art. 5 Nr. 2 ChAufenthG", Rules25a(residenceYears: 3, schoolYears: 3, ageLimit: 27, duldungMonths: 12, car104cBranch: false, illnessException: true)),
    ])

    // MARK: § 25b (spec/03-25b.md 3.7)

    public struct Rules25b: Sendable {
        public let years: Int
        public let yearsWithMinorChild: Int
        /// Abs. 6 (after 30 months of § 60d Duldung) exists.
        public let abs6: Bool
        /// § 104c holders included (Abs. 1 S. 1, Abs. 7, Abs. 8) – until 30.6.2027.
        public let car104cBranch: Bool
    }

    public static let p25b = DatedRules<Rules25b>("§ 25b AufenthG", [
        (Day("2015-08-01"), "G v. 27.07.2015", Rules25b(years: 8, yearsWithMinorChild: 6, abs6: false, car104cBranch: false)),
        (Day("2020-01-01"), "G über Duldung bei Ausbildung und Beschäftigung", Rules25b(years: 8, yearsWithMinorChild: 6, abs6: true, car104cBranch: false)),
        (Day("2022-12-31"), "ChAufenthG v. 21.12.2022", Rules25b(years: 6, yearsWithMinorChild: 4, abs6: true, car104cBranch: true)),
        (Day("2027-07-01"), "Art. 5 Nr. 3 ChAufenthG", Rules25b(years: 6, yearsWithMinorChild: 4, abs6: true, car104cBranch: false)),
    ])

    /// § 25b Abs. 6 as a provision of its own (for `from` searches and labels).
    public static let p25b6 = DatedRules<Bool>("§ 25b Abs. 6 AufenthG", [
        (Day("2020-01-01"), "G über Duldung bei Ausbildung und Beschäftigung", true),
    ])

    // MARK: § 104c (spec/04-104c.md)

    public struct Rules104c: Sendable {
        /// New permits can be granted (version of 31.12.2022); false = transitional rule only.
        public let newGrants: Bool
    }

    public static let p104c = DatedRules<Rules104c>("§ 104c AufenthG", [
        (Day("2022-12-31"), "ChAufenthG v. 21.12.2022", Rules104c(newGrants: true)),
        (Day("2025-12-31"), "Übergangsregelung, Art. 5 Nr. 1, 4 ChAufenthG", Rules104c(newGrants: false)),
    ])
    /// The fixed reference date of the 5-year period.
    public static let cutoff104c = Day("2022-10-31")
    /// The last day on which a § 104c application could be filed.
    public static let lastFiling104c = Day("2025-12-30")

    // MARK: § 60d (spec/07-60d.md)

    public enum IdentityDeadlines60d: Sendable { case version2021, version2024 }
    public enum CrimeRule: Sendable { case fiftyNinety, bzrgForeignersOnly }

    public struct Rules60d: Sendable {
        public let entryCutoff: Day
        public let employmentMonths: Int
        public let weeklyHours: Double
        /// Reduced weekly hours for single parents (earlier version only).
        public let singleParentHours: Double?
        public let identity: IdentityDeadlines60d
        public let crime: CrimeRule
    }

    static let rules60dEarlier = Rules60d(entryCutoff: Day("2018-08-01"), employmentMonths: 18, weeklyHours: 35, singleParentHours: 20, identity: .version2021, crime: .fiftyNinety)
    static let rules60dCurrent = Rules60d(entryCutoff: Day("2022-12-31"), employmentMonths: 12, weeklyHours: 20, singleParentHours: nil, identity: .version2024, crime: .bzrgForeignersOnly)

    /// Several rule sets for one day mean the version in force is open (U4): both are evaluated.
    public static let p60d = DatedRules<[Rules60d]>("§ 60d AufenthG", [
        // The identity deadlines applied are those of Art. 3 G v. 9.7.2021 (spec/07-60d.md 7.3, 7.6): named (QA39 F6).
        (Day("2020-01-01"), "G über Duldung bei Ausbildung und Beschäftigung; Identitätsfristen i. d. F. des G v. 09.07.2021", [rules60dEarlier]),
        // Made permanent (no end of 2023), conditions unchanged (spec/12-timeline.md; QA25 L5: the label named 2020).
        (Day("2023-12-23"), "G zur Änderung des BVFG v. 20.12.2023", [rules60dEarlier]),
        (Day("2024-02-27"), "Inkrafttreten der Neufassung offen (U4)", [rules60dEarlier, rules60dCurrent]),
        (Day("2024-03-01"), "FEG Art. 2 i. d. F. des RückfVG", [rules60dCurrent]),
    ])

    // MARK: § 60c, § 16g, § 19d, § 25 Abs. 5

    // The GEAS adaptation changes the Dublin reference of Abs. 2 Nr. 5 lit. e only (spec/06-60c.md 6.4, 08-16g.md
    // 8.3): the same rules, named by the version in force (QA25 L5).
    public static let p60c = DatedRules<Bool>("§ 60c AufenthG", [
        (Day("2020-01-01"), "G über Duldung bei Ausbildung und Beschäftigung", true),
        (Day("2024-03-01"), "FEG v. 16.08.2023", true),
        (tenThreeGeasFrom, "GEAS-Anpassungsgesetz", true),
    ])
    public static let p16g = DatedRules<Bool>("§ 16g AufenthG", [
        (Day("2024-03-01"), "FEG v. 16.08.2023", true),
        (tenThreeGeasFrom, "GEAS-Anpassungsgesetz", true),
    ])
    public static let p19d = DatedRules<Bool>("§ 19d AufenthG", [
        (Day("2020-03-01"), "Fachkräfteeinwanderungsgesetz", true),
    ])
    public static let p25_5 = DatedRules<Bool>("§ 25 Abs. 5 AufenthG", [
        (residenceActInForce, "Zuwanderungsgesetz", true),
    ])
    /// The Aufenthaltsgesetz (every pathway assessed here is in it) in force since 01.01.2005 (Zuwanderungsgesetz).
    public static let residenceActInForce = Day("2005-01-01")

    // MARK: Fixed dates

    /// From this decision date on, every answer carries the caveat U1 (G v. 22.7.2026 not reflected).
    public static let u1From = Day("2026-07-29")
    /// Designations of safe countries by Rechtsverordnung under § 29b AsylG (fr-hessen; M).
    public static let safeCountryDecrees = Day("2026-02-01")
    /// § 60a Abs. 6 Nr. 3: asylum applications after this day.
    public static let workBanAsylumAfter = Day("2015-08-31")
    /// § 104 Abs. 18: Georgia and Moldova exception.
    public static let georgiaMoldovaUntil = Day("2023-08-30")
    /// § 10 Abs. 3 S. 2: the old list applies to rejections up to this day (§ 104 Abs. 19).
    public static let tenThreeOldListUntil = Day("2024-02-27")
    /// § 10 Abs. 3 S. 2: the GEAS wording (start 12 or 13 June 2026; the 12th itself is open, U5).
    public static let tenThreeGeasFrom = Day("2026-06-12")

    /// Safe countries of origin as commonly listed (spec/05-60a-60b.md 5.1; M): EU states and Anlage II AsylG.
    public static let safeCountries: Set<String> = [
        "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA",
        "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
        "ALB", "BIH", "GEO", "GHA", "XKX", "MDA", "MNE", "MKD", "SEN", "SRB",
    ]

    /// The day the law behind a change was enacted (its date "v. …" in spec/12-timeline.md), by the day the change
    /// comes into force; nil where the timeline gives no day. Before it the change was not yet law, let alone
    /// scheduled (SPEC.md § 1): an answer of that time does not advise on it (QA41 L7).
    public static func enacted(changeOn day: Day) -> Day? {
        switch day {
        case Day("2015-08-01"): return Day("2015-07-27")
        case Day("2022-12-31"), Day("2025-12-31"), Day("2027-07-01"): return Day("2022-12-21")  // ChAufenthG
        case Day("2023-12-23"): return Day("2023-12-20")  // BVFG-ÄndG
        case Day("2024-02-27"): return Day("2024-02-21")  // RückfVG
        case Day("2024-03-01"): return Day("2023-08-16")  // FEG
        default: return nil
        }
    }

    /// The first day the provision behind `key` was in force (an application under it before that cannot be).
    public static func firstInForce(_ key: PathwayKey) -> Day? {
        func first<R>(_ r: DatedRules<R>) -> Day? { r.versions.first { $0.rules != nil }?.since }
        switch key {
        case .p25a, .p25a2: return first(p25a)
        case .p25b, .p25b4: return first(p25b)
        case .p25b6: return first(p25b6)
        case .p104c: return first(p104c)
        case .p60c: return first(p60c)
        case .p60d: return first(p60d)
        case .p16g: return first(p16g)
        case .p19d1, .p19d1a: return first(p19d)
        case .p25_5: return first(p25_5)
        }
    }

    /// The days on which the provision of `key` itself changes.
    public static func changeDays(of key: PathwayKey) -> [Day] {
        switch key {
        case .p25a, .p25a2: return p25a.changeDays
        case .p25b, .p25b4: return p25b.changeDays
        // § 25b Abs. 6 re-checks the conditions of § 60d in its version of the day (spec/03-25b.md 3.10; QA25 L1).
        case .p25b6: return p25b6.changeDays + p25b.changeDays + p60d.changeDays
        case .p104c: return p104c.changeDays
        case .p60d: return p60d.changeDays
        case .p60c: return p60c.changeDays
        case .p16g: return p16g.changeDays
        case .p19d1, .p19d1a: return p19d.changeDays
        case .p25_5: return p25_5.changeDays
        }
    }

    /// Every day on which a rule version changes: candidate days for the `from` search.
    public static let changeDays: [Day] = {
        var days = Set<Day>()
        for d in p25a.changeDays + p25b.changeDays + p104c.changeDays + p60d.changeDays + p60c.changeDays
            + p16g.changeDays + p19d.changeDays + p25b6.changeDays { days.insert(d) }
        return days.sorted()
    }()
}
