// The facts of a person and a household, as the case-file format (../shared/law/CASES.md) describes them.
// An omitted fact is `nil` (unknown) and is never read as false, zero or "none".

/// A date fact that may also be known not to have happened (`null` in a case file).
public enum EventDate: Hashable, Sendable {
    case unknown
    case never
    case on(Day)

    /// Whether the event happened on or before `day`; nil if unknown.
    public func happened(by day: Day) -> Bool? {
        switch self {
        case .unknown: return nil
        case .never: return false
        case .on(let d): return d <= day
        }
    }

    public var day: Day? { if case .on(let d) = self { return d } else { return nil } }
    public var isKnown: Bool { if case .unknown = self { return false } else { return true } }
}

public enum StatusKind: String, Sendable, CaseIterable {
    case gestattung, duldung
    case duldung60b = "duldung_60b", duldung60c = "duldung_60c", duldung60d = "duldung_60d"
    case aufenthaltserlaubnis, fiktion, visa, none, abroad

    /// Any kind of Duldung (§ 60a, § 60b, § 60c, § 60d).
    public var isDuldung: Bool { self == .duldung || self == .duldung60b || self == .duldung60c || self == .duldung60d }
}

public enum FiktionKind: String, Sendable, CaseIterable { case lawfulStay = "81-3-1", duldungsfiktion = "81-3-2", continuation = "81-4" }
public enum DuldungHolder: String, Sendable, CaseIterable { case main, spouse, child }

/// One period of the status history; `to` nil = continues on the evaluation date and after it.
public struct StatusPeriod: Sendable, Hashable {
    public var kind: StatusKind
    public var from: Day
    public var to: Day?
    public var basis: String?
    public var validUntil: Day?
    public var issued: Bool
    public var holder: DuldungHolder
    public var fiktion: FiktionKind?
    public var continues: String?

    public init(kind: StatusKind, from: Day, to: Day? = nil, basis: String? = nil, validUntil: Day? = nil,
                issued: Bool = true, holder: DuldungHolder = .main, fiktion: FiktionKind? = nil, continues: String? = nil) {
        self.kind = kind; self.from = from; self.to = to; self.basis = basis; self.validUntil = validUntil
        self.issued = issued; self.holder = holder; self.fiktion = fiktion; self.continues = continues
    }

    public func covers(_ day: Day) -> Bool { from <= day && (to.map { day <= $0 } ?? true) }

    /// A basis code as a citation: "25-5" → "§ 25 Abs. 5 AufenthG", "19d-1a" → "§ 19d Abs. 1a AufenthG".
    public static func citation(ofBasis basis: String) -> String {
        let parts = basis.split(separator: "-")
        return "§ \(parts.first ?? "")" + (parts.count > 1 ? " Abs. \(parts[1])" : "") + (parts.count > 2 ? " Nr. \(parts[2])" : "") + " AufenthG"
    }

    /// The short form the engine compares, from what a person or an export wrote: "§ 25 Abs. 5" → "25-5",
    /// "§ 104C AufenthG" → "104c", "19d Abs. 1a" → "19d-1a".
    public static func shortBasis(_ text: String) -> String {
        // Already short ("25-5", "104c"): returned as it is; Foundation's replacing costs a screening 5 % of its time.
        let u = text.utf8
        if u.isEmpty { return text }
        if let last = u.last, last != 45, u.allSatisfy({ (48...57).contains($0) || (97...122).contains($0) || $0 == 45 }),
           !text.contains("abs"), !text.contains("aufenthg") { return text }
        var t = text.lowercased().replacingOccurrences(of: "§", with: "").replacingOccurrences(of: "aufenthg", with: "")
        t = t.replacingOccurrences(of: "abs.", with: "-").replacingOccurrences(of: "abs", with: "-")
        t = String(t.filter { !$0.isWhitespace })
        while t.hasSuffix("-") { t.removeLast() }
        return t
    }

    /// The basis of the residence title this period represents: the AE's basis, or the title a § 81 Abs. 4
    /// Fiktion continues.
    public var titleBasis: String? {
        if kind == .aufenthaltserlaubnis { return basis }
        if kind == .fiktion, fiktion == .continuation { return continues }
        return nil
    }

    /// The first day a period of this kind can begin: the day its provision came into force (a § 60b or § 60d Duldung,
    /// a permit under a pathway of the engine). Before it the period is a typing error, which the engine would count
    /// (QA25 S3: a § 60d Duldung from 2019 made § 25b Abs. 6 "met" in 2021). Nil: no bound known here.
    /// The day each permit's provision came into force – not the first version the engine models (QA27 R1: a § 25a
    /// permit of 2012 was refused because the engine's § 25a begins with its version of 2015); spec/12-timeline.md.
    static let provisionSince: [PathwayKey: Day] = [
        .p25a: Day("2011-07-01"), .p25a2: Day("2011-07-01"), .p25b: Day("2015-08-01"), .p25b4: Day("2015-08-01"), .p25b6: Day("2020-01-01"),
        .p104c: Day("2022-12-31"), .p16g: Day("2024-03-01"), .p19d1: Day("2020-03-01"), .p19d1a: Day("2020-03-01"), .p25_5: Day("2005-01-01"),
    ]

    public var firstPossibleDay: (day: Day, provision: String)? {
        switch kind {
        case .duldung60b: return (Day("2019-08-01"), "§ 60b AufenthG")
        case .duldung60d: return (Day("2020-01-01"), "§ 60d AufenthG")
        case .aufenthaltserlaubnis, .fiktion:
            guard let key = titleBasis.flatMap(PathwayKey.init(rawValue:)), let day = Self.provisionSince[key] else { return nil }
            return (day, key.title)
        default: return nil
        }
    }
}

public enum AsylumDecision: String, Sendable, CaseIterable { case pending, rejected, withdrawn, granted }
public enum RejectionKind: String, Sendable, CaseIterable {
    case unbegruendet, offensichtlichUnbegruendet = "offensichtlich_unbegruendet", unzulaessig
}

public struct Asylum: Sendable, Hashable {
    /// The written forms of an "offensichtlich unbegründet" basis (CASES.md), besides "other".
    public static let ouBases: Set<String> = Set((1...7).map { "30-3-\($0)" } + (1...7).map { "30-1-\($0)" }
        + "abcdefghij".map { "art42-1-\($0)" } + ["art42-3-a", "art42-3-b"])

    public var appliedOn: EventDate = .unknown
    public var decision: AsylumDecision?
    public var decidedOn: Day?
    public var finalOn: Day?
    public var rejectedAs: RejectionKind?
    public var ouBasis: String?
    public var withdrawnAfter12bAdvice: Bool?
    public var unaccompaniedMinorWelfare: Bool?
    public init() {}
}

public struct Identity: Sendable, Hashable {
    public var clarifiedOn: EventDate = .unknown
    public var allStepsTakenOn: EventDate = .unknown
    public init(clarifiedOn: EventDate = .unknown, allStepsTakenOn: EventDate = .unknown) {
        self.clarifiedOn = clarifiedOn; self.allStepsTakenOn = allStepsTakenOn
    }
}

public enum LanguageLevel: Int, Sendable, Comparable, CaseIterable {
    case a1 = 1, a2, b1, b2, c1, c2
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public init?(code: String) {
        switch code {
        case "A1": self = .a1; case "A2": self = .a2; case "B1": self = .b1
        case "B2": self = .b2; case "C1": self = .c1; case "C2": self = .c2
        default: return nil
        }
    }
    public var code: String { ["", "A1", "A2", "B1", "B2", "C1", "C2"][rawValue] }
}

public enum LanguageScope: String, Sendable, CaseIterable { case oral, written, full }

public struct GermanCertificate: Sendable, Hashable {
    public var level: LanguageLevel
    public var scope: LanguageScope
    public var date: Day
    public init(level: LanguageLevel, scope: LanguageScope, date: Day) { self.level = level; self.scope = scope; self.date = date }
}

public struct IntegrationCourse: Sendable, Hashable {
    public var possible: Bool?
    public var obliged: Bool?
    public var completedOn: EventDate = .unknown
    public var dropoutNotAtFault: Bool?
    public init() {}
}

public struct LivelihoodPeriod: Sendable, Hashable {
    public var from: Day
    public var to: Day?
    public var workShare: Double?
    public var ownWorkShare: Double?
    public var publicFunds: Bool?
    public var wohngeld: Bool?
    public var benefitsTemporary: Bool?
    public var bafoegNeedCovered: Bool?
    public var publicFundsHousingOnly: Bool?
    public init(from: Day, to: Day? = nil) { self.from = from; self.to = to }
    public func covers(_ day: Day) -> Bool { from <= day && (to.map { day <= $0 } ?? true) }
}

public struct EmploymentPeriod: Sendable, Hashable {
    public var from: Day
    public var to: Day?
    public var hours: Double?
    public var insured: Bool?
    public var qualified: Bool?
    public var matchesQualification: Bool?
    public init(from: Day, to: Day? = nil) { self.from = from; self.to = to }
    public func covers(_ day: Day) -> Bool { from <= day && (to.map { day <= $0 } ?? true) }
}

public enum EducationKind: String, Sendable, CaseIterable { case school, university, vocationalPreparation = "vocational_preparation" }

public struct EducationPeriod: Sendable, Hashable {
    public var kind: EducationKind
    public var from: Day
    public var to: Day?
    public var successful: Bool?
    public init(kind: EducationKind, from: Day, to: Day? = nil, successful: Bool? = nil) {
        self.kind = kind; self.from = from; self.to = to; self.successful = successful
    }
    public func covers(_ day: Day) -> Bool { from <= day && (to.map { day <= $0 } ?? true) }
}

public enum DegreeKind: String, Sendable, CaseIterable { case school, vocational, careAssistant = "care_assistant", university }

public struct Degree: Sendable, Hashable {
    public var kind: DegreeKind
    public var on: Day
    public var country: String?
    public var recognised: Bool?
    public init(kind: DegreeKind, on: Day, country: String?, recognised: Bool? = nil) {
        self.kind = kind; self.on = on; self.country = country; self.recognised = recognised
    }
}

public enum TrainingKind: String, Sendable, CaseIterable { case qualified, helper }

public struct Training: Sendable, Hashable {
    public var kind: TrainingKind
    public var occupation: String?
    public var from: Day
    public var plannedEnd: Day?
    public var registeredOn: EventDate = .unknown
    public var followOnPlaceConfirmed: Bool?
    public var passedOn: EventDate = .unknown
    public var endedEarlyOn: EventDate = .unknown
    public init(kind: TrainingKind, from: Day) { self.kind = kind; self.from = from }

    /// Ongoing on `day`: started, and not yet ended by exam, break-off or planned end.
    public func isOngoing(on day: Day) -> Bool {
        guard from <= day else { return false }
        if let p = passedOn.day, p <= day { return false }
        if let e = endedEarlyOn.day, e <= day { return false }
        if let end = plannedEnd, end < day { return false }
        return true
    }
}

public struct Conviction: Sendable, Hashable {
    public var date: Day?
    public var offence: String?
    public var intentional: Bool?
    public var inGermany: Bool?
    public var stillRegistered: Bool?
    public var foreignersOnly: Bool?
    public var dayFines: Int?
    public var prisonMonths: Int?
    public var juvenileMonths: Int?
    public var suspended: Bool?
    public var juvenileLaw: Bool = false
    public var jugendstrafe: Bool = false
    public var s54Group: String?
    public var btmg2911: Bool = false
    /// The entry sums one or more convictions of its kind (a flat screening row has totals, not single judgments): a
    /// rule that looks at each conviction (the § 54 thresholds, § 60d's one fine) cannot tell from it (QA35 L3).
    public var aggregate: Bool = false
    public init() {}

    /// Whether the conviction counts: intentional, committed in Germany, still registered. Nil if unknown.
    public var counts: Bool? {
        guard let i = intentional, let g = inGermany, let r = stillRegistered else { return nil }
        return i && g && r
    }
    public var isCustodial: Bool { prisonMonths != nil || juvenileMonths != nil }
}

public enum Obstruction: String, Sendable, CaseIterable { case deception, falseStatements = "false_statements", nonCooperation = "non_cooperation" }

public struct Conduct: Sendable, Hashable {
    public var currentObstruction: [Obstruction]?
    public var pastDeception: Bool?
    public var pastObstruction: Bool?
    public var deceptionRepeated: Bool?
    public var integrationRestsOnFalseIdentity: Bool?
    public init() {}
    /// `conduct: none`.
    public static let noneStated: Conduct = {
        var c = Conduct()
        c.currentObstruction = []; c.pastDeception = false; c.pastObstruction = false
        c.deceptionRepeated = false; c.integrationRestsOnFalseIdentity = false
        return c
    }()
}

public struct Bars: Sendable, Hashable {
    public var entryBan: Bool?
    public var abs4Ground: Bool?
    public var s54Abs1Other: Bool?
    public var otherExpulsionInterest: Bool?
    public var expulsionOrder: Bool?
    public var extremism: Bool?
    public init() {}
    /// `bars: none`.
    public static let noneStated: Bars = {
        var b = Bars()
        b.entryBan = false; b.abs4Ground = false; b.s54Abs1Other = false
        b.otherExpulsionInterest = false; b.expulsionOrder = false; b.extremism = false
        return b
    }()
}

public struct Inability: Sendable, Hashable {
    public var school: Bool?
    public var livelihood: Bool?
    public var german: Bool?
    public var reason: String?
    public init() {}
    public static let noneStated: Inability = {
        var i = Inability(); i.school = false; i.livelihood = false; i.german = false; return i
    }()
}

public struct Departure: Sendable, Hashable {
    public var impossibleSince: EventDate = .unknown
    public var endForeseeable: Bool?
    public var ownFault: Bool?
    public init() {}
}

public enum MaritalStatus: String, Sendable, CaseIterable { case single, married, registeredPartnership = "registered_partnership", divorced, widowed }
public enum IntegrationPrognosis: String, Sendable, CaseIterable { case positive, negative }
public enum RemovalMeasure: String, Sendable, CaseIterable {
    case medicalExam = "medical_exam", voluntaryReturn = "voluntary_return", transportBooking = "transport_booking"
    case comparable, transferProcedure = "transfer_procedure"
}

/// Everything the engine may know about one person. `nil` means the fact is not given.
public struct Person: Sendable, Hashable {
    public var id: String
    public var label: String?
    public var born: Day?
    public var nationality: String?
    public var safeCountryOfOrigin: Bool?
    public var maritalStatus: MaritalStatus?
    public var entered: Day?
    public var enteredWithVisa: Bool?
    public var enteredForBenefits: Bool?
    public var status: [StatusPeriod]?
    public var asylum: Asylum?
    public var identity: Identity?
    public var passport: Bool?
    public var german: [GermanCertificate]?
    public var civicTestPassedOn: EventDate = .unknown
    public var fdgoDeclarationOn: EventDate = .unknown
    public var fdgoDoubts: Bool?
    public var integrationPrognosis: IntegrationPrognosis?
    public var integrationCourse: IntegrationCourse?
    public var livelihood: [LivelihoodPeriod]?
    public var luPrognosisFull: Bool?
    public var singleParentWorkUnreasonable: Bool?
    public var caringForRelative: Bool?
    public var housingSufficient: Bool?
    public var matchingJobOffer: Bool?
    public var employment: [EmploymentPeriod]?
    public var education: [EducationPeriod]?
    public var degrees: [Degree]?
    public var training: [Training]?
    public var convictions: [Conviction]?
    public var conduct: Conduct?
    public var bars: Bars?
    public var inability: Inability?
    public var departure: Departure?
    public var removalMeasures: [RemovalMeasure]?
    public var informedPer104cAbs4: Bool?

    public init(id: String) { self.id = id }
}

public enum RelationKind: String, Sendable, CaseIterable { case spouse, registeredPartner = "registered_partner", cohabiting, parent }

public struct Relation: Sendable, Hashable {
    public var kind: RelationKind
    /// For couples: the two persons. For `parent`: `[parent, child]`.
    public var persons: [String]
    public var custody: Bool?
    public init(kind: RelationKind, persons: [String], custody: Bool? = nil) {
        self.kind = kind; self.persons = persons; self.custody = custody
    }
}

/// A person or a household to be assessed: the facts of a case file without its expectations.
public struct Household: Sendable, Hashable {
    public var persons: [Person]
    public var relations: [Relation]
    /// Persons living together in family community; nil = unknown.
    public var household: Set<String>?
    /// True when the case was given as a single `person:` (no spouse, partner or minor child in Germany).
    public var isSinglePerson: Bool
    /// False when the case does not say how its persons are related (`relations` omitted: unknown, CASES.md § 1 and
    /// § 6); `[]` given, or a single person, says there are none.
    public var relationsKnown: Bool
    /// False when minor children of the persons may live with them without being in the case (a flat screening row
    /// whose `minor_children` is empty): whether one lives in the household is then unknown, and so is their school
    /// attendance (CASES.md § 1; QA35 L2: an empty cell was read as "no children").
    public var childrenListed = true

    public init(persons: [Person], relations: [Relation] = [], household: Set<String>? = nil, isSinglePerson: Bool = false,
                relationsKnown: Bool = true, childrenListed: Bool = true) {
        self.persons = persons; self.relations = relations; self.household = household; self.isSinglePerson = isSinglePerson
        self.relationsKnown = relationsKnown; self.childrenListed = childrenListed
    }

    /// A single person (`person:` in a case file).
    public init(single person: Person) {
        self.init(persons: [person], relations: [], household: [person.id], isSinglePerson: true)
    }

    public func person(_ id: String) -> Person? { persons.first { $0.id == id } }
}

/// Bounds every reader of facts (case files, the facts form, the flat screening format) applies to numbers.
public enum FactBounds {
    /// The largest number a fact may hold (hours, day fines, months, days …). No real fact comes near it; the bound
    /// keeps sums over several entries from overflowing.
    public static let largestNumber = 1_000_000
    /// The dates a fact or a decision may carry. Nothing in this law is older, and arithmetic from any of them
    /// (30 years of search, a 27th birthday) stays far inside the calendar.
    public static let days = Day(year: 1900, month: 1, day: 1)!...Day(year: 2199, month: 12, day: 31)!
}
