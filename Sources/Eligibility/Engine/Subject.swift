/// A person of a household prepared for evaluation: the timeline is built once and reused for every pathway
/// and every candidate day.
final class Subject: @unchecked Sendable {
    let person: Person
    let timeline: Timeline
    /// The position in the household (the engine's cache keys on it instead of hashing the id).
    let index: Int
    /// Unowned: the view owns its subjects (a strong reference back would leak every household).
    unowned let household: HouseholdView

    init(_ person: Person, index: Int, household: HouseholdView) {
        self.person = person
        self.index = index
        self.household = household
        self.timeline = Timeline(status: person.status, entered: person.entered)
    }

    var id: String { person.id }
    /// How texts name the person: their label (a client's name in the web application), else the id.
    var name: String { person.label ?? person.id }

    func status(on day: Day) -> StatusOnDay { timeline.status(on: day) }

    /// Holds a § 104c AE (or its § 81 Abs. 4 continuation) on `day` (spec/01-common.md §1.7.1). Nil if unknown.
    func holds104c(on day: Day) -> Bool? {
        switch status(on: day) {
        case .known(let p): return p.titleBasis == "104c"
        case .unrecorded: return nil
        case .beforeHistory: return false
        }
    }

    /// Age on `day`; nil if the birth date is unknown.
    func age(on day: Day) -> Int? { person.born.map { $0.age(on: day) } }

    /// A minor (under 18) on `day`; nil if unknown.
    func isMinor(on day: Day) -> Bool? { age(on: day).map { $0 < 18 } }

    /// A minor unmarried child on `day` (spec/01-common.md §1.9); nil if unknown.
    func isMinorUnmarried(on day: Day) -> Bool? {
        guard let minor = isMinor(on: day) else { return nil }
        if !minor { return false }
        guard let m = person.maritalStatus else { return nil }
        return m == .single
    }

    /// Of compulsory school age on `day` (K7: from the 6th birthday to the day before the 18th); nil if unknown.
    func isOfSchoolAge(on day: Day) -> Bool? { age(on: day).map { $0 >= 6 && $0 < 18 } }

    /// Attends school (or a training) on `day`; nil if unknown.
    func attendsSchool(on day: Day) -> Bool? {
        if let t = person.training, t.contains(where: { $0.isOngoing(on: day) }) { return true }
        guard let e = person.education else { return person.training == nil ? nil : false }
        return e.contains { $0.kind == .school && $0.covers(day) }
    }

    /// The current livelihood period on `day` (the last period covering it).
    func livelihood(on day: Day) -> LivelihoodPeriod? { person.livelihood?.last { $0.covers(day) } }
}

/// The family relations of a household, resolved once.
final class HouseholdView: @unchecked Sendable {
    let data: Household
    private(set) var subjects: [String: Subject] = [:]
    private(set) var order: [String] = []

    init(_ household: Household) {
        self.data = household
        for p in household.persons {
            subjects[p.id] = Subject(p, index: order.count, household: self)
            order.append(p.id)
        }
    }

    func subject(_ id: String) -> Subject? { subjects[id] }

    /// Whether both persons live in the household; nil if `household` is not given.
    func liveTogether(_ a: String, _ b: String) -> Bool? {
        guard let h = data.household else { return nil }
        return h.contains(a) && h.contains(b)
    }

    func inHousehold(_ a: String) -> Bool? { data.household.map { $0.contains(a) } }

    /// Spouses and registered partners of `id` (cohabiting partners have no effect).
    func partners(of id: String) -> [Subject] { relatives[id]?.partners ?? [] }

    /// Children of `id` (by `parent` relations).
    func children(of id: String) -> [Subject] { relatives[id]?.children ?? [] }

    /// Parents of `id`, with the custody flag of the relation.
    func parents(of id: String) -> [(Subject, Bool?)] { relatives[id]?.parents ?? [] }

    struct Relatives {
        var partners: [Subject] = []
        var children: [Subject] = []
        var parents: [(Subject, Bool?)] = []
    }

    /// The relations resolved once per household (they are asked for in every pathway).
    private lazy var relatives: [String: Relatives] = {
        var out: [String: Relatives] = [:]
        for r in data.relations {
            switch r.kind {
            case .spouse, .registeredPartner:
                guard r.persons.count == 2, let a = subjects[r.persons[0]], let b = subjects[r.persons[1]] else { continue }
                out[a.id, default: Relatives()].partners.append(b)
                out[b.id, default: Relatives()].partners.append(a)
            case .parent:
                guard r.persons.count == 2, let p = subjects[r.persons[0]], let c = subjects[r.persons[1]] else { continue }
                out[p.id, default: Relatives()].children.append(c)
                out[c.id, default: Relatives()].parents.append((p, r.custody))
            case .cohabiting:
                continue
            }
        }
        return out
    }()

    /// Children of `id` or of a partner of `id` (spec/03-25b.md 3.8).
    func childrenIncludingPartners(of id: String) -> [Subject] {
        var out = children(of: id)
        for p in partners(of: id) { for c in children(of: p.id) where !out.contains(where: { $0 === c }) { out.append(c) } }
        return out
    }
}
