/// The situation a demo client (or the main adult of a family) is generated in. Each profile is built so that the
/// engine gives a known kind of answer on the site's day, so a counselor demo shows every pathway at work.
enum DemoProfile: String, Sendable, CaseIterable {
    /// Six (with minor children four) years of stay, A2, civic test, declaration, work: § 25b met.
    case established
    /// Like `established`, but the 6 (4) years are complete only within the next months: § 25b reachable.
    case nearlyEstablished
    /// Long stay and work, but no A2 certificate yet (or no civic test): § 25b not met.
    case languageGap
    /// Long stay and A2, but living on benefits: § 25b not met (unless the benefits are only temporary).
    case incomeGap
    /// Entered by 2022, tolerated and employed for a year with A2: § 60d (Beschäftigungsduldung) met.
    case employed60d
    /// Holds a § 60d Duldung: § 25b Abs. 6 reachable after 30 months.
    case holds60d
    /// Young adult in a qualified training with a § 60c Duldung.
    case training60c
    /// Holds the Chancen-Aufenthaltsrecht (§ 104c) or its § 81 Abs. 4 Fiktion: § 25b/§ 25a before the deadline.
    case holder104c
    /// A § 60b period in the chain: whether it interrupts is an open question (U3), § 25b unclear.
    case unclearIdentity60b
    /// Arrived one to three years ago.
    case recentArrival
    /// Currently not cooperating in obtaining a passport (§ 60b Duldung): excluded from most pathways for now.
    case obstruction
    /// Stateless or without obtainable papers: departure impossible, § 25 Abs. 5.
    case departureImpossible
    /// Like `established`, but a fact the counselor has not yet asked for is missing: results unclear.
    case missingFacts
    /// Came as a minor, went to school in Germany, now 18–26: § 25a met.
    case youngAdult25a

    /// Relative frequency for people without family in the case.
    var singleWeight: Int {
        switch self {
        case .established: return 16
        case .nearlyEstablished: return 9
        case .languageGap: return 14
        case .incomeGap: return 14
        case .employed60d: return 10
        case .holds60d: return 7
        case .training60c: return 7
        case .holder104c: return 9
        case .unclearIdentity60b: return 5
        case .recentArrival: return 52
        case .obstruction: return 6
        case .departureImpossible: return 6
        case .missingFacts: return 7
        case .youngAdult25a: return 11
        }
    }

    /// Relative frequency for the main adult of a family (0 = not used for families).
    var familyWeight: Int {
        switch self {
        case .established: return 5
        case .nearlyEstablished: return 3
        case .languageGap: return 2
        case .incomeGap: return 2
        case .holds60d: return 2
        case .holder104c: return 2
        case .recentArrival: return 2
        case .missingFacts: return 1
        case .unclearIdentity60b: return 1
        default: return 0
        }
    }

    /// Splits `total` among the profiles in proportion to their weights (largest remainder), so every profile
    /// with a weight appears in a site of a few hundred clients whatever the seed.
    static func quota(total: Int, weight: (DemoProfile) -> Int) -> [DemoProfile] {
        let weights = allCases.map { ($0, weight($0)) }.filter { $0.1 > 0 }
        let sum = weights.reduce(0) { $0 + $1.1 }
        guard sum > 0, total > 0 else { return [] }
        var counts = weights.map { (profile: $0.0, n: total * $0.1 / sum, rest: total * $0.1 % sum) }
        var missing = total - counts.reduce(0) { $0 + $1.n }
        for i in counts.indices.sorted(by: { counts[$0].rest > counts[$1].rest || (counts[$0].rest == counts[$1].rest && $0 < $1) }) where missing > 0 {
            counts[i].n += 1; missing -= 1
        }
        return counts.flatMap { Array(repeating: $0.profile, count: $0.n) }
    }
}
