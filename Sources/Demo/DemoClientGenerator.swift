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
        // Plan the units: families first (their size decides how many people remain for single units).
        var plans: [(DemoProfile, FamilyShape?)] = []
        let familyProfiles = DemoProfile.quota(total: families, weight: \.familyWeight)
        var people = 0
        for profile in familyProfiles {
            let shape = FamilyShape.draw(&rng)
            plans.append((profile, shape))
            people += shape.size
        }
        for profile in DemoProfile.quota(total: max(0, count - people), weight: \.singleWeight) {
            plans.append((profile, nil))
        }
        plans = rng.shuffled(plans)
        let nationalities = drawNationalities(count: plans.count)

        var units: [DemoUnit] = []
        for (i, plan) in plans.enumerated() {
            var code = nationalities[i]
            if plan.0 == .departureImpossible { code = rng.pick(DemoCountries.departureObstacles) }
            let country = DemoCountries.country(code)
            if let shape = plan.1 {
                units.append(family(profile: plan.0, shape: shape, country: country))
            } else {
                units.append(DemoUnit(members: [single(profile: plan.0, country: country)]))
            }
        }
        return assemble(units, organisationID: organisationID, prefix: fileNumberPrefix)
    }

    /// Every country once where there is room (so all 29 appear in a large site), the rest by weight; shuffled.
    private mutating func drawNationalities(count: Int) -> [String] {
        var codes: [String] = count >= DemoCountries.all.count ? DemoCountries.all.map(\.code) : []
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
