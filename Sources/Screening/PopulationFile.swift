import Eligibility

/// A synthetic population file (`bleibe synth`), line by line: flat CSV (a header, then one person per row) or JSON
/// Lines (one household per line, exactly `count` persons in all).
public enum PopulationFile {
    public static func write(count: Int, seed: UInt64, on day: Day, format: ScreeningFormat, _ emit: (String) -> Void) {
        var gen = PopulationGenerator(seed: seed, on: day)
        if format == .csv { emit(FlatRecord.columns.joined(separator: ",")) }
        var n = 0, h = 0
        while n < count {
            var household = gen.nextHousehold()
            h += 1
            switch format {
            case .jsonl:
                // Exactly `count` persons: the last household keeps only as many members as are still wanted.
                if household.persons.count > count - n {
                    let kept = Set(household.persons.prefix(count - n).map(\.id))
                    household.persons = household.persons.filter { kept.contains($0.id) }
                    household.relations = household.relations.filter { $0.persons.allSatisfy(kept.contains) }
                    household.household = household.household?.intersection(kept)
                }
                emit(PopulationJSON.line(household, id: "h\(h)"))
                n += household.persons.count
            case .csv:
                for p in household.persons where n < count {
                    n += 1
                    // The person's own minor children (a grown-up child's younger siblings are not theirs: with their birth
                    // dates in the row, a sibling was refused as a child born before the person's 12th birthday).
                    let minors = household.persons.filter { c in
                        c.born.map { $0.age(on: day) < 18 } == true && household.relations.contains { $0.kind == .parent && $0.persons == [p.id, c.id] }
                    }
                    let kids = minors.count
                    let isChild = p.born.map { $0.age(on: day) < 18 } == true
                    // Children of school age only: a child under six not at school is no "no" (QA35 F2).
                    let school = household.persons.filter { $0.id.hasPrefix("c") && $0.born.map { $0.age(on: day) >= 6 } != false }
                        .allSatisfy { $0.education?.isEmpty == false }
                    emit(CSV.line(FlatRecord.row(id: "p\(n)", p, minorChildren: isChild ? 0 : kids, childrenAtSchool: kids > 0 ? school : nil,
                                                 childrenBorn: isChild ? [] : minors.compactMap(\.born), on: day),
                                  columns: FlatRecord.columns))
                }
            }
        }
    }

    /// Three synthetic adults for the upload page's template, as flat rows: one meeting a pathway, one reaching one
    /// later, one neither, so that the summary and the outreach list of a first try are not empty.
    public static func templateRows(on day: Day) -> [[String: String]] {
        var gen = PopulationGenerator(seed: 1, on: day)
        let screener = Screener(on: day)
        var picked: [Int: [String: String]] = [:]   // 0 met, 1 reachable, 2 neither
        var n = 0
        while picked.count < 3, n < 5000 {
            for p in gen.nextHousehold().persons where p.born.map({ $0.age(on: day) >= 18 }) == true {
                n += 1
                let row = FlatRecord.row(id: "p\(n)", p, minorChildren: 0, childrenAtSchool: nil, on: day)
                guard let (id, h) = try? FlatRecord.household(row, on: day), let r = screener.evaluate(h, id: id, line: 2, onlyFirst: true).first else { continue }
                let kind = r.answers.contains { $0.outcome == .met } ? 0 : r.answers.contains { $0.outcome == .reachable } ? 1 : 2
                if picked[kind] == nil { picked[kind] = row.merging(["id": "beispiel-\(kind + 1)"]) { $1 } }
            }
        }
        return picked.keys.sorted().compactMap { picked[$0] }
    }
}
