/// A provision's versions, each keyed by the day it came into force (OpenFisca style): a change in the law is a
/// new entry here, not a condition in the code. A version whose `rules` is nil means the provision is not
/// (yet, or no longer) in force.
public struct DatedRules<Rules: Sendable>: Sendable {
    public struct Version: Sendable {
        public let since: Day
        public let label: String
        public let rules: Rules?
    }

    public let provision: String
    public let versions: [Version]

    init(_ provision: String, _ versions: [(Day, String, Rules?)]) {
        self.provision = provision
        self.versions = versions.map { Version(since: $0.0, label: $0.1, rules: $0.2) }.sorted { $0.since < $1.since }
    }

    /// The version in force on `day` (nil if the provision did not exist yet).
    public func version(on day: Day) -> Version? { versions.last { $0.since <= day } }

    /// The rules in force on `day`.
    public func rules(on day: Day) -> Rules? { version(on: day)?.rules }

    /// The rules the engine applies on `day`: those in force, or before the provision existed its first version (a
    /// reachable date lies in it: `Context.inForce`).
    public func applied(on day: Day) -> Rules? { rules(on: day) ?? nextInForce(after: day).flatMap { rules(on: $0) } }

    /// The first day after `day` on which a version with rules comes into force.
    public func nextInForce(after day: Day) -> Day? { versions.first { $0.since > day && $0.rules != nil }?.since }

    /// Every day on which the law changes.
    public var changeDays: [Day] { versions.map(\.since) }

    /// The version applied on `day`, as a reference the answer renders only when asked.
    public func reference(on day: Day) -> LawVersionReference {
        let v = version(on: day)
        return LawVersionReference(provision: provision, since: v?.since, label: v?.label)
    }
}

/// Which version of a provision an answer applied, e.g. "§ 25b AufenthG i. d. F. ab 31.12.2022".
public struct LawVersionReference: Sendable, Hashable, CustomStringConvertible {
    public let provision: String
    public let since: Day?
    public let label: String?

    public var description: String {
        guard let since, let label else { return "\(provision): noch nicht in Kraft" }
        return "\(provision) i. d. F. ab \(since.german) (\(label))"
    }
}
