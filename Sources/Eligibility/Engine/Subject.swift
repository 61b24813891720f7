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
        // The school record unknown: a recorded "no training" does not say the child is not at school (QA of
        // 05.12.2026; CASES.md § 4 names the children's `education`).
        guard let e = person.education else { return nil }
        return e.contains { $0.kind == .school && $0.covers(day) }
    }

    /// The convictions final by `day`: `date` is the day a conviction became final (CASES.md § 3.8), and only final ones
    /// count (spec/01-common.md 1.6). One final later did not exist on an earlier decision date (QA of 06.12.2026: a
    /// conviction final after `on` excluded § 25b). An entry without a date counts.
    func convictions(by day: Day) -> [Conviction]? {
        guard let all = person.convictions else { return nil }
        guard all.contains(where: { ($0.date ?? day) > day }) else { return all }
        return all.filter { ($0.date ?? day) <= day }
    }

    /// The current livelihood period on `day` (the last period covering it).
    func livelihood(on day: Day) -> LivelihoodPeriod? { person.livelihood?.last { $0.covers(day) } }
}

/// The family relations of a household, resolved once.
final class HouseholdView: @unchecked Sendable {
    let data: Household
    /// The persons in the household's order. A household has a handful of persons: finding one by scanning beats
    /// hashing its id (building a dictionary per household was 2 % of a screening).
    private(set) var subjects: [Subject] = []

    init(_ household: Household) {
        self.data = household
        subjects.reserveCapacity(household.persons.count)
        for p in household.persons where subject(p.id) == nil {
            subjects.append(Subject(p, index: subjects.count, household: self))
        }
    }

    func subject(_ id: String) -> Subject? { subjects.first { $0.id == id } }

    /// Whether both persons live in the household; nil if `household` is not given.
    func liveTogether(_ a: String, _ b: String) -> Bool? {
        guard let h = data.household else { return nil }
        return h.contains(a) && h.contains(b)
    }

    func inHousehold(_ a: String) -> Bool? { data.household.map { $0.contains(a) } }

    /// Spouses and registered partners of `id` (cohabiting partners have no effect).
    func partners(of id: String) -> [Subject] { relatives(of: id)?.partners ?? [] }

    /// Children of `id` (by `parent` relations).
    func children(of id: String) -> [Subject] { relatives(of: id)?.children ?? [] }

    /// Parents of `id`, with the custody flag of the relation.
    func parents(of id: String) -> [(Subject, Bool?)] { relatives(of: id)?.parents ?? [] }

    struct Relatives {
        var partners: [Subject] = []
        var children: [Subject] = []
        var parents: [(Subject, Bool?)] = []
    }

    private func relatives(of id: String) -> Relatives? {
        guard !data.relations.isEmpty, let s = subject(id) else { return nil }
        return relatives[s.index]
    }

    /// The relations resolved once per household (they are asked for in every pathway), by subject index.
    private lazy var relatives: [Relatives] = {
        var out = [Relatives](repeating: Relatives(), count: subjects.count)
        for r in data.relations {
            guard r.persons.count == 2, let a = subject(r.persons[0]), let b = subject(r.persons[1]) else { continue }
            switch r.kind {
            case .spouse, .registeredPartner:
                out[a.index].partners.append(b)
                out[b.index].partners.append(a)
            case .parent:
                out[a.index].children.append(b)
                out[b.index].parents.append((a, r.custody))
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
