import Counseling
import Eligibility

/// One generated person before it becomes a client: name and facts.
struct DemoMember {
    var firstName: String
    var lastName: String
    var person: Person
}

/// A generated unit: a person alone, or a family with its relations (indices into `members`).
struct DemoUnit {
    var members: [DemoMember]
    /// `(kind, from, to, custody)` with member indices.
    var relations: [(RelationKind, Int, Int, Bool?)] = []
}

/// Generates the clients of one counseling service, deterministically for a seed.
struct DemoClientGenerator {
    let today: Day
    var rng: DemoRandom
    /// A separate stream for client and household ids, so they do not shift when the facts change.
    var ids: DemoRandom

    init(seed: UInt64, today: Day) {
        self.today = today
        self.rng = DemoRandom(seed: seed)
        self.ids = DemoRandom(seed: seed ^ 0x0B1E_1BE0_0000_0002)
    }

    /// About `count` clients (exactly `count` unless the families alone are more), `families` of them with a
    /// spouse and children, file numbers `PREFIX-YYYY-NNNN` in order.
    mutating func clients(organisationID: String, fileNumberPrefix: String, count: Int,
                          families: Int) -> (clients: [Client], relations: [ClientRelation]) {
        // Families first: their size decides how many people remain for the units of one person.
        let weighted = DemoCountries.all.map { ($0.code, $0.weight) }
        var units: [DemoUnit] = []
        for profile in DemoProfile.quota(total: families, weight: \.familyWeight) {
            let country = DemoCountries.country(rng.weighted(weighted))
            units.append(family(profile: profile, shape: FamilyShape.draw(&rng), country: country))
        }
        let people = units.reduce(0) { $0 + $1.members.count }
        let singles = rng.shuffled(DemoProfile.quota(total: max(0, count - people), weight: \.singleWeight))
        let nationalities = drawNationalities(count: singles.count, present: Set(units.compactMap { $0.members.first?.person.nationality }))
        for (i, profile) in singles.enumerated() {
            let code = profile == .departureImpossible ? rng.pick(DemoCountries.departureObstacles) : nationalities[i]
            units.append(DemoUnit(members: [single(profile: profile, country: DemoCountries.country(code))]))
        }
        units = rng.shuffled(units)
        return assemble(units, organisationID: organisationID, prefix: fileNumberPrefix)
    }

    /// Every country not yet `present` once where there is room (so all 29 appear in a large site), the rest by
    /// weight; shuffled.
    private mutating func drawNationalities(count: Int, present: Set<String>) -> [String] {
        let missing = DemoCountries.all.map(\.code).filter { !present.contains($0) }
        var codes: [String] = count >= missing.count ? missing : []
        let weighted = DemoCountries.all.map { ($0.code, $0.weight) }
        while codes.count < count { codes.append(rng.weighted(weighted)) }
        return rng.shuffled(codes)
    }

    /// Turns the units into clients with ids, household ids and file numbers.
    private mutating func assemble(_ units: [DemoUnit], organisationID: String,
                                   prefix: String) -> (clients: [Client], relations: [ClientRelation]) {
        let total = units.reduce(0) { $0 + $1.members.count }
        let firstYear = 2024
        let years = max(1, today.year - firstYear + 1)
        var perYear: [Int: Int] = [:]
        var clients: [Client] = []
        var relations: [ClientRelation] = []
        for unit in units {
            let householdID: String? = unit.members.count > 1 ? ids.uuid() : nil
            var unitIDs: [String] = []
            for member in unit.members {
                let year = firstYear + min(years - 1, clients.count * years / max(total, 1))
                perYear[year, default: 0] += 1
                let number = String(perYear[year]!)
                let fileNumber = "\(prefix)-\(year)-" + String(repeating: "0", count: max(0, 4 - number.count)) + number
                let id = ids.uuid()
                unitIDs.append(id)
                clients.append(Client(id: id, organisationID: organisationID, fileNumber: fileNumber,
                                      firstName: member.firstName, lastName: member.lastName,
                                      householdID: householdID, facts: member.person))
            }
            for (kind, from, to, custody) in unit.relations {
                relations.append(ClientRelation(kind: kind, from: unitIDs[from], to: unitIDs[to], custody: custody))
            }
        }
        return (clients, relations)
    }
}

extension DemoClientGenerator {
    /// File numbers by the year the file was opened: with the household's first case, and never before the person's
    /// birth (QA of 06.12.2026: a child born in 2025 had a file of 2024); a household without a case keeps the year
    /// it was drawn. Numbered in the order the files were opened.
    static func renumbered(_ clients: [Client], prefix: String, caseOpened: [String: Day]) -> [Client] {
        var firstCase: [String: Day] = [:]
        for c in clients {
            guard let opened = caseOpened[c.id] else { continue }
            let key = c.householdID ?? c.id
            firstCase[key] = min(firstCase[key] ?? opened, opened)
        }
        let fileDays = clients.map { c -> Day in
            let drawn = Int(c.fileNumber.split(separator: "-").dropFirst().first ?? "").flatMap { Day(year: $0, month: 1, day: 1) }
            let opened = firstCase[c.householdID ?? c.id] ?? drawn ?? Day("2024-01-01")
            return max(opened, c.facts.born ?? opened)
        }
        var perYear: [Int: Int] = [:]
        var out = clients
        for i in clients.indices.sorted(by: { (fileDays[$0], $0) < (fileDays[$1], $1) }) {
            let year = fileDays[i].year
            perYear[year, default: 0] += 1
            let number = String(perYear[year]!)
            out[i].fileNumber = "\(prefix)-\(year)-" + String(repeating: "0", count: max(0, 4 - number.count)) + number
        }
        return out.sorted { $0.fileNumber < $1.fileNumber }
    }
}

/// The composition of a family: both parents or one, the number of minor children, and whether a grown-up
/// child (18–26) lives with them.
struct FamilyShape {
    var singleParent: Bool
    var minorChildren: Int
    var adultChild: Bool

    var size: Int { (singleParent ? 1 : 2) + minorChildren + (adultChild ? 1 : 0) }

    static func draw(_ rng: inout DemoRandom) -> FamilyShape {
        FamilyShape(singleParent: rng.chance(0.15),
                    minorChildren: rng.weighted([(1, 30), (2, 35), (3, 25), (4, 10)]),
                    adultChild: rng.chance(0.2))
    }
}
