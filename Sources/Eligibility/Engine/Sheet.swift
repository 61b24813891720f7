/// The conditions and notes of one pathway evaluated on one decision date, collected by the pathway's rules.
struct Sheet {
    var conditions: [ConditionResult] = []
    var notes: [Note] = []
    var consequence: Consequence
    var versions: [LawVersionReference] = []
    /// Set when the law in force itself is open (U4): the result is `unclear` whatever else holds.
    var forceUnclear = false
    /// The pathway is not met on this day under any reading of the open question (U4): a date search passes the day
    /// instead of naming the question, since its answer cannot make the day the first (SPEC.md §§ 2, 8; QA25 L3).
    var failsUnderEveryReading = false
    /// When false, details, notes and law versions are not built (they are text for a reader; the result never
    /// depends on them).
    var explains = true
    /// The last day on which this route can still be granted: a route resting on a minor closes with that minor's 18th
    /// birthday (spec/02-25a.md 2.9, spec/03-25b.md 3.9). Nil: no such end.
    var routeEnds: Day? = nil

    /// The route closes after `day` (the earliest of several ends counts).
    mutating func closes(after day: Day) { routeEnds = min(routeEnds ?? day, day) }

    /// A sheet that explains nothing is settled by a permanent failure: the result is `excluded` whatever else holds
    /// (SPEC.md, How the engine must answer § 4), so a pathway may stop there. A sheet that explains goes on, to
    /// show every condition.
    var settled: Bool { !explains && has(.failing(.permanent)) }

    // Searches by index: a closure over the list (`contains(where:)`, `firstIndex(where:)`) gets a copy of each
    // condition, retaining and releasing its strings; a screening asks these after most gates of every sheet.

    /// Whether a condition is in `state`.
    func has(_ state: ConditionState) -> Bool {
        for i in conditions.indices where conditions[i].state == state { return true }
        return false
    }

    /// The position of the first condition `id`.
    func index(of id: String) -> Int? {
        for i in conditions.indices where conditions[i].id == id { return i }
        return nil
    }

    /// The position of the last condition `id`.
    func lastIndex(of id: String) -> Int? {
        for i in conditions.indices.reversed() where conditions[i].id == id { return i }
        return nil
    }

    init(_ consequence: Consequence) {
        self.consequence = consequence
        conditions.reserveCapacity(32)
    }

    mutating func add(_ r: ConditionResult) { conditions.append(r) }

    mutating func met(_ id: String, _ detail: @autoclosure () -> String? = nil) {
        add(ConditionResult(id, .met, detail: explains ? detail() : nil))
    }

    mutating func fail(_ id: String, _ c: FailureClass, metFrom: Day? = nil, _ detail: @autoclosure () -> String? = nil) {
        add(ConditionResult(id, .failing(c), metFrom: metFrom, detail: explains ? detail() : nil))
    }

    mutating func unknown(_ id: String, _ open: [String], _ detail: @autoclosure () -> String? = nil) {
        add(ConditionResult(id, .unknown, open: open, detail: explains ? detail() : nil))
    }

    mutating func notApplicable(_ id: String) { add(ConditionResult(id, .notApplicable)) }

    /// A condition decided by a fact: true → met, false → failing with `c`, nil → unknown naming `fact`.
    mutating func require(_ id: String, _ holds: Bool?, fact: String, _ c: FailureClass) {
        switch holds {
        case true?: met(id)
        case false?: fail(id, c)
        case nil: unknown(id, [fact])
        }
    }

    /// A condition decided by several facts: unknown names every one that is missing (SPEC.md § 8). The list is
    /// built only when a fact is missing (most conditions are decided; an array per condition was a tenth of a
    /// screening's allocations).
    mutating func require(_ id: String, _ holds: Bool?, facts: @autoclosure () -> [String], _ c: FailureClass) {
        switch holds {
        case true?: met(id)
        case false?: fail(id, c)
        case nil: unknown(id, facts())
        }
    }

    /// A waivable general requirement (SPEC.md § 6): never decides the result; a missing fact is only noted.
    mutating func waivable(_ id: String, _ holds: Bool?, facts: @autoclosure () -> [String]) {
        switch holds {
        case true?: met(id)
        case false?: add(ConditionResult(id, .waiver))
        case nil:
            // Not `unknown`: a waivable requirement never makes the result unclear; its missing fact is a note (SPEC.md § 6).
            let facts = facts()
            add(ConditionResult(id, .waiver, open: facts))
            note("Angabe fehlt: \(facts.map { ConditionCatalog.describeOpen($0) }.joined(separator: ", ")) – die Voraussetzung „\(ConditionCatalog.entry(id).requirement)“ entscheidet nicht, die Behörde kann von ihr absehen.", "§ 5 Abs. 3 S. 2 AufenthG; SPEC.md § 6")
        }
    }

    mutating func note(_ text: @autoclosure () -> String, _ citation: String) {
        guard explains else { return }
        let n = Note(text(), citation: citation)
        if !notes.contains(n) { notes.append(n) }
    }

    /// Applies a general requirement either as waivable or as deciding (class remediable).
    mutating func general(_ id: String, _ holds: Bool?, fact: String, waivable isWaivable: Bool) {
        general(id, holds, facts: [fact], waivable: isWaivable)
    }

    mutating func general(_ id: String, _ holds: Bool?, facts: @autoclosure () -> [String], waivable isWaivable: Bool) {
        if isWaivable { waivable(id, holds, facts: facts()) } else { require(id, holds, facts: facts(), .remediable) }
    }
}

/// Three-valued "and": false if any is false, else nil if any is unknown, else true.
func allOf(_ xs: Bool?...) -> Bool? {
    if xs.contains(false) { return false }
    return xs.contains(nil) ? nil : true
}

/// Three-valued "or": true if any is true, else nil if any is unknown, else false.
func anyOf(_ xs: Bool?...) -> Bool? {
    if xs.contains(true) { return true }
    return xs.contains(nil) ? nil : false
}
