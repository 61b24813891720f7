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
                    let kids = household.persons.filter { $0.born.map { $0.age(on: day) < 18 } == true && $0.id != p.id }.count
                    let isChild = p.born.map { $0.age(on: day) < 18 } == true
                    let school = household.persons.filter { $0.id.hasPrefix("c") }.allSatisfy { $0.education?.isEmpty == false }
                    emit(CSV.line(FlatRecord.row(id: "p\(n)", p, minorChildren: isChild ? 0 : kids, childrenAtSchool: kids > 0 ? school : nil, on: day),
                                  columns: FlatRecord.columns))
                }
            }
        }
    }
}
