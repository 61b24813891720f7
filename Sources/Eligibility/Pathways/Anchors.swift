// Family pathways that depend on another person's pathway (spec/01-common.md §1.9).

/// The state of one family route, ranked so that the best route can be chosen.
enum RouteState {
    case met
    case time(Day)
    case unknown([String])
    case remediable
    case permanent

    var rank: (Int, Day) {
        switch self {
        case .met: return (0, .distantPast)
        case .time(let d): return (1, d)
        case .unknown: return (2, .distantPast)
        case .remediable: return (3, .distantPast)
        case .permanent: return (4, .distantPast)
        }
    }

    static func better(_ a: RouteState, _ b: RouteState) -> Bool { a.rank < b.rank }

    /// `detail` is built only when the sheet explains (the anchors of a screening name nobody).
    func record(_ s: inout Sheet, _ id: String, _ detail: @autoclosure () -> String? = nil) {
        switch self {
        case .met: s.met(id, detail())
        case .time(let d): s.fail(id, .time, metFrom: d, detail())
        case .unknown(let o): s.unknown(id, o, detail())
        case .remediable: s.fail(id, .remediable, detail())
        case .permanent: s.fail(id, .permanent, detail())
        }
    }
}

extension Context {
    /// A missing fact of `other`'s answer as this person's answer names it (CASES.md § 6: `<person-id>/<field>`): a
    /// U-point as it is; a fact of a third person already named by its id stays so, except one of this person, which
    /// is their own again (QA of 05.12.2026: two anchors away it read `m/s/integration_prognosis`).
    /// The case's own facts (`household`, `relations`) belong to no person and keep their names (CASES.md § 6; QA31 L7).
    func fact(_ fact: String, of other: Subject) -> String {
        if other === subject || fact.hasPrefix("U") && Int(fact.dropFirst()) != nil || fact == "household" || fact == "relations" { return fact }
        // Searched as bytes: a search by Character breaks graphemes (it was 2 % of a screening).
        if let slash = fact.firstIndex(ofASCII: UInt8(ascii: "/")) {
            return fact[..<slash] == subject.id ? String(fact[fact.utf8.index(after: slash)...]) : fact
        }
        return "\(other.id)/\(fact)"
    }

    /// The anchor condition from another person's answer (§1.9): a holder of the title counts without evaluation.
    func anchorState(_ other: Subject, pathways: [PathwayKey], holdsBasis: String, variant: Variant = .full) -> RouteState {
        if case .known(let p) = other.status(on: decision), p.titleBasis == holdsBasis { return .met }
        var best: RouteState = .permanent
        for key in pathways {
            let a = anchorSummary(key, of: other, variant: variant)
            let state: RouteState
            switch a.outcome {
            case .met: state = .met
            case .reachable: state = .time(a.from!)
            case .unclear: state = .unknown(a.open.map { fact($0, of: other) })
            case .notMet: state = .remediable
            case .excluded: state = .permanent
            }
            if RouteState.better(state, best) { best = state }
        }
        return best
    }

    /// Records the anchor of a route as a minor child. An anchor met only from the person's 18th birthday on is never
    /// met while the route is open: it closes for good then (spec/03-25b.md 3.9; QA of 05.12.2026: "erfüllt ab" a day
    /// the person would be 20, and the route ranked above a remediable one).
    /// `minor`: whose majority closes the route – the person (routes as a child), or the holder a parent's route rests on
    /// (§ 25a Abs. 2 route (a): spec/02-25a.md 2.9 counts it permanent; legal review of 06.12.2026).
    func recordAsMinorChild(_ st: RouteState, in s: inout Sheet, _ id: String, minor: Subject? = nil, _ detail: @autoclosure () -> String) {
        let minor = minor ?? subject
        if case .time(let d) = st, let adult = minor.person.born?.birthday(18), d >= adult {
            let closes = minor === subject ? "der Weg als Kind endet mit dem 18. Geburtstag" : "\(minor.name) wird volljährig"
            s.fail(id, .permanent, "\(detail()): erst ab \(d.german) erfüllbar, \(closes) am \(adult.german)")
        } else {
            st.record(&s, id, detail())
            // The route is open only while the minor is (QA15 A3: a parent's route (a) had no end).
            if let adult = minor.person.born?.birthday(18) { s.closes(after: adult.adding(days: -1)) }
        }
    }

    /// Provisional outcome of a sheet without the `from` search: used to choose between family routes.
    func provisional(_ s: Sheet) -> RouteState {
        if s.forceUnclear { return .unknown(s.conditions.filter { $0.state == .unknown }.flatMap(\.open)) }
        var worst: RouteState = .met
        var open: [String] = []
        var due = Day.distantPast
        // By index: reading a state in place copies no condition (a copy retains its strings).
        for i in s.conditions.indices {
            switch s.conditions[i].state {
            case .failing(.permanent): return .permanent
            case .failing(.remediable): worst = .remediable
            case .unknown: open += s.conditions[i].open
            case .failing(.time): due = max(due, s.conditions[i].metFrom ?? due)
            default: break
            }
        }
        if case .remediable = worst { return .remediable }
        if !open.isEmpty { return .unknown(open) }
        return due > .distantPast ? .time(due) : .met
    }

    /// Chooses the best of several route sheets (on equal standing, the stronger consequence: Soll before Kann);
    /// with no route at all, `none` is used.
    func bestRoute(_ routes: [Sheet], none: () -> Sheet) -> Sheet {
        guard var best = routes.first else { return none() }
        var bestState = provisional(best)
        for r in routes.dropFirst() {
            let st = provisional(r)
            let tie = st.rank == bestState.rank
            // Of equal routes the one whose anchor stands best (spec/01-common.md 1.9: the best route counts by the anchor's
            // result; QA31 L1: a parent's route through a § 25a holder met today lost to one through a child of 12, both
            // failing on livelihood, and the anchor was said to be met only in 2028); then the stronger consequence, then
            // the one open longest: a parent of two minor § 25a holders keeps route (a) until the younger one's majority
            // (QA21 H2: the elder's birthday was named as the end).
            if RouteState.better(st, bestState) { best = r; bestState = st; continue }
            guard tie else { continue }
            let (mine, theirs) = (anchorRank(r), anchorRank(best))
            let longer = (r.routeEnds ?? .distantFuture) > (best.routeEnds ?? .distantFuture)
            if mine < theirs || mine == theirs && (strength(r) > strength(best) || strength(r) == strength(best) && longer) {
                best = r; bestState = st
            }
        }
        return best
    }

    /// The state of a route's anchor condition (`a2_anchor`, `b4_anchor`: compared whole, as small strings are) as a rank: met, then by time (earlier first),
    /// unknown, remediable, permanent; a route without one ranks last.
    private func anchorRank(_ s: Sheet) -> (Int, Day) {
        guard let i = s.conditions.firstIndex(where: { $0.id == "a2_anchor" || $0.id == "b4_anchor" }) else { return (5, .distantPast) }
        switch s.conditions[i].state {
        case .met: return (0, .distantPast)
        case .failing(.time): return (1, s.conditions[i].metFrom ?? .distantFuture)
        case .unknown: return (2, .distantPast)
        case .failing(.remediable): return (3, .distantPast)
        case .failing(.permanent): return (4, .distantPast)
        default: return (0, .distantPast)
        }
    }

    private func strength(_ s: Sheet) -> Int {
        if s.has(.discretion) { return 0 }
        return s.consequence == .kann ? 0 : 1
    }
}
