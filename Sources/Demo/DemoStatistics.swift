import Eligibility
import Reports

/// The Elbstadt authority's quarterly statistics since 2024, in the order of magnitude of a large Saxon city
/// (Saxony: 10,567 tolerated persons at the end of 2023, about 45 % of them for more than five years).
enum DemoStatistics {
    static func make(seed: UInt64, today: Day) -> QuarterlyStatistics {
        var rng = DemoRandom(seed: seed ^ 0x57A7_1571_C500_2024)
        var out = QuarterlyStatistics()
        var q = Quarter(year: 2024, number: 1)!
        var tolerated = 2_140
        // Typical quarterly applications per regulation (Bleiberecht pathways and the Duldungen for work and training).
        let base: [(String, Int)] = [("25a", 9), ("25b", 22), ("104c", 30), ("60c", 6), ("60d", 8), ("16g", 2), ("19d-1a", 2), ("25-5", 12)]
        // The stock carries over: pending at the end = pending before + applications − grants − refusals − other
        // closures (withdrawn, or changed to another pathway), so the quarters add up.
        var pending = Dictionary(uniqueKeysWithValues: base)
        while q.lastDay < today {
            tolerated += rng.int(-70...25)
            let over3 = tolerated * rng.int(58...63) / 100, over5 = tolerated * rng.int(43...47) / 100
            out.populations.append(.init(quarter: q, tolerated: tolerated, toleratedOver3Years: over3, toleratedOver5Years: over5))
            for (reg, n) in base {
                // § 104c: new permits only until 31.12.2025.
                let ended = reg == "104c" && q.year >= 2026
                let apps = ended ? 0 : max(0, n + rng.int(-n / 2...n / 2))
                let open = pending[reg]! + apps
                // After the end of new § 104c grants the demo decides nothing on the pending ones (U2 is open); they
                // are withdrawn or changed to § 25b over time.
                let grants = ended ? 0 : open * rng.int(25...45) / 100
                let refusals = ended ? 0 : (open - grants) * rng.int(5...15) / 100
                let other = (open - grants - refusals) * (ended ? rng.int(20...35) : rng.int(0...8)) / 100
                pending[reg] = open - grants - refusals - other
                out.procedures.append(.init(quarter: q, regulation: reg, applications: apps, grants: grants, refusals: refusals, pendingAtEnd: pending[reg]!))
            }
            q = q.number == 4 ? Quarter(year: q.year + 1, number: 1)! : Quarter(year: q.year, number: q.number + 1)!
        }
        return out
    }
}
