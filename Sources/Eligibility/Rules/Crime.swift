/// Conviction rules: the § 54 thresholds (spec/01-common.md §1.5), the 50/90 rule (§1.6) and the § 60d rule
/// (spec/07-60d.md 7.6).
enum Crime {
    enum Outcome: Equatable {
        case met, fails
        case unknown([String])
    }

    struct Thresholds {
        /// A § 54 Abs. 1 Nr. 1–1d threshold is reached; nil if unknown.
        var abs1: Bool?
        /// A § 54 Abs. 2 Nr. 1 or Nr. 2 threshold is reached; nil if unknown.
        var abs2Nr1or2: Bool?
    }

    static func expulsionThresholds(_ convictions: [Conviction]?) -> Thresholds {
        guard let convictions else { return Thresholds(abs1: nil, abs2Nr1or2: nil) }
        var abs1: Bool? = false, abs2: Bool? = false
        for c in convictions where c.isCustodial {
            let prison = c.prisonMonths ?? 0, juvenile = c.juvenileMonths ?? 0
            let group = c.s54Group
            let reaches1 = prison >= 24 || juvenile >= 24
                || ((prison >= 12 || juvenile >= 12) && ["1a", "1b", "1c"].contains(group ?? ""))
                || (prison >= 6 && group == "1d")
            var reaches2: Bool? = prison >= 6 ? true : (juvenile >= 12 ? c.suspended.map { !$0 } : false)
            // A total may be one judgment reaching the threshold or several below it.
            let reaches1Known: Bool? = c.aggregate && reaches1 ? nil : reaches1
            if c.aggregate, reaches2 == true { reaches2 = nil }
            guard let counts = c.counts else {
                if reaches1 { abs1 = anyOf(abs1, nil) }
                if reaches2 != false { abs2 = anyOf(abs2, nil) }
                continue
            }
            guard counts else { continue }
            abs1 = anyOf(abs1, reaches1Known)
            abs2 = anyOf(abs2, reaches2)
        }
        return Thresholds(abs1: abs1, abs2Nr1or2: abs2)
    }

    /// The registered convictions that reach a § 54 Abs. 1 or Abs. 2 Nr. 1, 2 threshold (spec/01-common.md §1.5), in
    /// words with the ground: a mandatory refusal names what it rests on (QA41 L4).
    static func expulsionGrounds(_ convictions: [Conviction]?) -> [String] {
        var out: [String] = []
        for c in convictions ?? [] where c.counts == true && c.isCustodial {
            let prison = c.prisonMonths ?? 0, juvenile = c.juvenileMonths ?? 0, group = c.s54Group ?? ""
            let ground: String
            if prison >= 24 || juvenile >= 24 { ground = "§ 54 Abs. 1 Nr. 1" }
            else if (prison >= 12 || juvenile >= 12) && ["1a", "1b", "1c"].contains(group) { ground = "§ 54 Abs. 1 Nr. \(group)" }
            else if prison >= 6 && group == "1d" { ground = "§ 54 Abs. 1 Nr. 1d" }
            else if prison >= 6 { ground = "§ 54 Abs. 2 Nr. 1" }
            else if juvenile >= 12 && c.suspended == false { ground = "§ 54 Abs. 2 Nr. 2" }
            else { continue }
            let probation = c.suspended.map { $0 ? " auf Bewährung" : " ohne Bewährung" } ?? ""
            let sentence = prison > 0 ? "Freiheitsstrafe von \(prison) Monaten" : "Jugendstrafe von \(juvenile) Monaten"
            out.append("\(sentence)\(probation)\(c.aggregate ? " (Gesamtstrafe)" : "") (\(ground) AufenthG)")
        }
        return out
    }

    /// The 50/90 rule; `disregardJuvenileSanctions` for the old § 104c (juvenile-law sanctions other than
    /// Jugendstrafe are disregarded).
    static func fiftyNinety(_ convictions: [Conviction]?, disregardJuvenileSanctions: Bool = false) -> Outcome {
        guard let convictions else { return .unknown(["convictions"]) }
        var unknownEntry = false, juvenileSanction = false
        var ordinary = 0, foreign = 0
        for c in convictions {
            let isJuvenileSanction = c.juvenileLaw && !c.jugendstrafe && !c.isCustodial
            if isJuvenileSanction && disregardJuvenileSanctions { continue }
            guard let counts = c.counts else { unknownEntry = true; continue }
            guard counts else { continue }
            if c.isCustodial { return .fails }
            if isJuvenileSanction { juvenileSanction = true; continue }
            guard let fo = c.foreignersOnly else { unknownEntry = true; continue }
            if fo { foreign += c.dayFines ?? 0 } else { ordinary += c.dayFines ?? 0 }
        }
        if ordinary > 50 || foreign > 90 { return .fails }
        if unknownEntry { return .unknown(["convictions"]) }
        if juvenileSanction { return .unknown(["U6"]) }
        if foreign == 0 || ordinary == 0 || ordinary + foreign <= 50 { return .met }
        return .unknown(["U6"])
    }

    /// The current § 60d Abs. 1 Nr. 7 rule: none, or exactly one foreigners-only fine of at most 90 Tagessätze.
    static func sixtyDRule(_ convictions: [Conviction]?) -> Outcome {
        guard let convictions else { return .unknown(["convictions"]) }
        var counting: [Conviction] = [], sanctions = 0
        for c in convictions {
            guard let counts = c.counts else { return .unknown(["convictions"]) }
            guard counts else { continue }
            if c.juvenileLaw && !c.jugendstrafe && !c.isCustodial { sanctions += 1 } else { counting.append(c) }
        }
        func judge(_ n: Int, _ list: [Conviction]) -> Bool {
            if n == 0 { return true }
            guard n == 1, let only = list.first else { return false }
            return !only.isCustodial && only.foreignersOnly == true && (only.dayFines ?? 0) <= 90
        }
        let without = judge(counting.count, counting)
        // A total of foreigners-only fines within the limit: one fine (met) or several (fails), not known which.
        if without, sanctions == 0, counting.count == 1, counting[0].aggregate { return .unknown(["convictions"]) }
        if sanctions == 0 || !without { return without ? .met : .fails }
        // Juvenile-law sanctions other than Jugendstrafe: if they count as convictions the test fails, if not it
        // holds – the readings differ (U6).
        return .unknown(["U6"])
    }
}
