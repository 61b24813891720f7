/// The cooperation's indicators for a completed calendar year (QA43 A4). Each quarter is published on its own, so a
/// year beside them could give a hidden quarter figure away by subtraction: the year shows every quarter's row exactly
/// as that quarter's report does and adds only the sums no hidden figure can be worked out from.
extension CooperationReport {
    /// - Parameters:
    ///   - quarters: the four quarters' reports, each as its own page computes it (with the services counted then).
    ///   - whole: the report of the whole year, for the authority's figures (a sum over quarters is shown there only
    ///     where each quarter's is) and the stocks at the quarters' ends.
    public static func year(_ year: Int, quarters: [CooperationReport], whole: CooperationReport) -> CooperationReport {
        var report = whole
        // A referral counts in its state at the end of its quarter, as in that quarter's report: its state at the
        // year's end would be a second, different figure for the same quarter.
        let titles = ["Erteilungen je Quartal und Vorschrift im Jahr \(year) (Aufenthaltserlaubnisse; nach §§ 60c, 60d Duldungen)",
                      "Vermittlungen der Ausländerbehörde je Quartal im Jahr \(year) (Stand jeweils am Ende des Quartals)"]
        for i in titles.indices {
            report.tables[i] = Suppression.stacking(quarters.map { ($0.tables[i], $0.unpublished[i]) }, title: titles[i])
        }
        report.unpublished = []
        let grants = report.tables[0]
        let regulations = Set(quarters.flatMap { $0.decisions.map(\.regulation) }).sorted()
        report.grantRates = regulations.map { reg in
            let perQuarter = quarters.map { q in (q, q.decisions.first { $0.regulation == reg }) }
            let granted = perQuarter.reduce(0) { $0 + ($1.1?.granted ?? 0) }, refused = perQuarter.reduce(0) { $0 + ($1.1?.refused ?? 0) }
            if granted + refused == 0 { return (reg, .noDecision) }
            // With the year's grants, the rate tells the year's refusals: shown only where the grants' sum is.
            guard let c = grants.columnLabels.firstIndex(of: reg), grants.columnTotals[c] != nil else { return (reg, .suppressed) }
            // A quarter's refusals are known to a reader where nothing was decided, or where its rate and its grants
            // are shown; the year's refusals must not give away those of a quarter that hides them.
            let known: [Int?] = perQuarter.map { q, d in
                switch q.grantRates.first(where: { $0.0 == reg })?.1 {
                case .noDecision?: return 0
                case .share(let x)? where x > 0 && q.shows(grantsOf: reg): return d?.refused ?? 0
                default: return nil
                }
            }
            guard !Suppression.isSensitive(granted), !Suppression.isSensitive(refused), !Suppression.isExposed(known + [refused]) else { return (reg, .suppressed) }
            return (reg, .share(Double(granted) / Double(granted + refused)))
        }
        return report
    }

    /// Whether a quarter's report shows its grants under a regulation.
    func shows(grantsOf regulation: String) -> Bool {
        guard let t = tables.first, let c = t.columnLabels.firstIndex(of: regulation) else { return false }
        return t.cells.allSatisfy { $0[c] != nil }
    }
}
