import Eligibility

extension ClientRelation {
    /// A marriage or registered partnership: one at a time, and only for someone not recorded as unmarried.
    public var isPartnership: Bool { kind == .spouse || kind == .registeredPartner }
}

/// What a new family link must not contradict: the engine's family routes (§ 25a Abs. 2, § 25b Abs. 4) read these
/// links, so a duplicate, a second marriage or a child older than its parent would change a person's answer.
public enum RelationRules {
    /// Why a link is refused: in German for the pages, in English for the API (whose messages are English).
    public struct Problem: Sendable, Equatable {
        public let german: String, english: String
    }

    /// A recorded marital status that rules out a spouse or registered partner today, in German; nil for the others.
    public static func unmarried(_ m: MaritalStatus?) -> String? {
        switch m {
        case .single?: "ledig"
        case .divorced?: "geschieden"
        case .widowed?: "verwitwet"
        default: nil
        }
    }

    /// Why `new` cannot be added next to `existing` (the relations of both persons), or nil. `born` gives the
    /// birth dates known of the two persons, `marital` their recorded marital status.
    /// `today`: for the age at a marriage (nil: not checked).
    public static func problem(adding new: ClientRelation, to existing: [ClientRelation], born: [String: Day], marital: [String: MaritalStatus] = [:],
                               today: Day? = nil) -> Problem? {
        let pair: Set = [new.from, new.to]
        if existing.contains(where: { Set([$0.from, $0.to]) == pair }) {
            return Problem(german: "Die beiden Personen sind bereits miteinander verknüpft. Bitte die bestehende Verknüpfung zuerst entfernen.",
                           english: "the two clients are already related; remove that relation first")
        }
        switch new.kind {
        case .spouse, .registeredPartner:
            if let today, let young = [new.from, new.to].first(where: { born[$0].map { $0.age(on: today) < 16 } ?? false }) {
                return Problem(german: "\(young == new.from ? "Diese Person" : "Die andere Person") ist jünger als 16 Jahre; eine solche Ehe ist nach deutschem Recht unwirksam (§ 1303 S. 2 BGB).",
                               english: "\(young == new.from ? "this client" : "the other client") is younger than 16; such a marriage is void under German law (§ 1303 S. 2 BGB)")
            }
            // The facts say "ledig" and the link "Ehegatte": the family routes would read one, other rules the other
            // (QA38 F2: accepted without a word).
            for person in [new.from, new.to] {
                guard let word = unmarried(marital[person]) else { continue }
                return Problem(german: "Für \(person == new.from ? "diese Person" : "die andere Person") ist der Familienstand „\(word)“ erfasst. Bitte zuerst den Familienstand in den Angaben ändern.",
                               english: "\(person == new.from ? "this client" : "the other client") is recorded as \(marital[person]!.rawValue); change the marital status in the facts first")
            }
            for person in [new.from, new.to] where existing.contains(where: { $0.isPartnership && [$0.from, $0.to].contains(person) }) {
                return Problem(german: "Für \(person == new.from ? "diese Person" : "die andere Person") ist bereits eine Ehe oder Lebenspartnerschaft erfasst.",
                               english: "\(person == new.from ? "this client" : "the other client") already has a spouse or registered partner")
            }
        case .parent:
            if let p = born[new.from], let c = born[new.to], p.adding(years: 12) > c {
                return Problem(german: "Ein Elternteil muss mindestens 12 Jahre älter sein als das Kind (geboren \(p.german) und \(c.german)).",
                               english: "a parent must be at least 12 years older than the child (born \(p) and \(c))")
            }
            // Also with the child's birth date unknown: a child born by today makes the parent at least 12 (QA of
            // 06.12.2026: a 7-year-old was made a parent).
            if let today, let p = born[new.from], p.age(on: today) < 12 {
                return Problem(german: "Ein Elternteil muss mindestens 12 Jahre älter sein als das Kind; diese Person ist erst \(p.age(on: today)) Jahre alt (geboren \(p.german)).",
                               english: "a parent must be at least 12 years older than the child; the parent is \(p.age(on: today)) (born \(p))")
            }
            if existing.filter({ $0.kind == .parent && $0.to == new.to }).count >= 2 {
                return Problem(german: "Für das Kind sind bereits zwei Elternteile erfasst.", english: "the child already has two parents")
            }
        case .cohabiting: break
        }
        return nil
    }

    /// Why `person` cannot be recorded with `marital` while a spouse or registered partner is linked (German), or nil.
    public static func problem(person: String, marital: MaritalStatus?, relations: [ClientRelation]) -> String? {
        guard let word = unmarried(marital),
              relations.contains(where: { $0.isPartnership && ($0.from == person || $0.to == person) }) else { return nil }
        return "Mit der Person ist eine Ehe oder Lebenspartnerschaft verknüpft; „\(word)“ widerspricht ihr. Bitte zuerst die Verknüpfung lösen."
    }

    /// Why `person` cannot have been born on `born` given their parent links (`born` of the others by id), or nil:
    /// a changed birth date must not contradict the links that were checked when they were made.
    public static func problem(person: String, born: Day, relations: [ClientRelation], others: [String: Day], today: Day? = nil) -> String? {
        if let today, born.age(on: today) < 16,
           relations.contains(where: { $0.isPartnership && ($0.from == person || $0.to == person) }) {
            return "Mit diesem Geburtsdatum wäre die Person jünger als 16 Jahre und verheiratet; eine solche Ehe ist nach deutschem Recht unwirksam (§ 1303 S. 2 BGB). Bitte das Datum oder die Verknüpfung prüfen."
        }
        for r in relations where r.kind == .parent && (r.from == person || r.to == person) {
            let parentBorn = r.from == person ? born : others[r.from], childBorn = r.to == person ? born : others[r.to]
            if let p = parentBorn, let c = childBorn, p.adding(years: 12) > c {
                return "Mit diesem Geburtsdatum wäre ein Elternteil nicht mindestens 12 Jahre älter als das Kind (geboren \(p.german) und \(c.german)). Bitte das Datum oder die Verknüpfung prüfen."
            }
        }
        return nil
    }
}
