import Eligibility

/// A case file of ../shared/law/CASES.md: a person or household on an evaluation date, with the expected answers.
public struct CaseFile: Sendable {
    public var id: String
    public var title: String
    public var source: String
    public var on: Day
    public var appliedOn: Day?
    public var household: Household
    public var expectations: [Expectation]
    public var notes: String?
    /// The file it was read from.
    public var path: String
}

/// What the engine must answer for one person and one pathway (CASES.md §6).
public struct Expectation: Sendable, Hashable {
    public var person: String
    public var pathway: PathwayKey
    public var result: Outcome
    public var from: Day?
    public var consequence: Consequence?
    public var failing: [String]
    public var open: [String]
    public var waivers: [String]
}

/// One mismatch between an expectation and the engine's answer.
public struct Mismatch: Sendable, Hashable, CustomStringConvertible {
    public var caseID: String
    public var person: String
    public var pathway: PathwayKey
    public var field: String
    public var expected: String
    public var actual: String

    public var description: String {
        "\(caseID) \(person) \(pathway.rawValue): \(field) expected \(expected), got \(actual)"
    }
}

extension CaseFile {
    /// Runs the engine on the case and compares every expectation as CASES.md §6.1 prescribes.
    public func check(with engine: Engine = Engine()) -> (mismatches: [Mismatch], assessment: HouseholdAssessment) {
        let keys = Array(Set(expectations.map(\.pathway))).sorted()
        let result = engine.assess(household, on: on, appliedOn: appliedOn, pathways: keys)
        var out: [Mismatch] = []
        for e in expectations {
            guard let a = result.person(e.person)?.assessment(e.pathway) else { continue }
            func miss(_ field: String, _ exp: String, _ act: String) {
                out.append(Mismatch(caseID: id, person: e.person, pathway: e.pathway, field: field, expected: exp, actual: act))
            }
            let summary = describe(a)
            if a.outcome != e.result { miss("result", e.result.rawValue, summary); continue }
            if e.result == .reachable, a.from != e.from { miss("from", e.from?.iso ?? "-", a.from?.iso ?? "-") }
            if let c = e.consequence, a.consequence != c { miss("consequence", c.rawValue, a.consequence?.rawValue ?? "-") }
            let failing = a.failing
            for f in e.failing where !failing.contains(f) { miss("failing", f, "[\(failing.joined(separator: ", "))]") }
            let open = a.open
            for o in e.open where !Self.openMatches(o, open) { miss("open", o, "[\(open.joined(separator: ", "))]") }
            let waivers = a.waivers
            for w in e.waivers where !waivers.contains(w) { miss("waivers", w, "[\(waivers.joined(separator: ", "))]") }
        }
        return (out, result)
    }

    func describe(_ a: Assessment) -> String {
        var s = a.outcome.rawValue
        if let f = a.from { s += " from \(f.iso)" }
        if !a.failing.isEmpty { s += " failing [\(a.failing.joined(separator: ", "))]" }
        if !a.open.isEmpty { s += " open [\(a.open.joined(separator: ", "))]" }
        return s
    }

    /// A U-point matches exactly; a fact name matches an entry equal to it or starting with it and `.` or `[`.
    static func openMatches(_ expected: String, _ actual: [String]) -> Bool {
        actual.contains { $0 == expected || $0.hasPrefix(expected + ".") || $0.hasPrefix(expected + "[") }
    }
}
