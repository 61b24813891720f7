import Eligibility

/// A written release from confidentiality (Schweigepflichtentbindung): the only door through which personal data
/// of a client may pass from the counseling service to another organisation.
public struct Consent: Sendable, Hashable {
    /// What a consent may cover.
    public enum Topic: String, Sendable, CaseIterable, Hashable {
        case identity, statusHistory = "status_history", assessment, missingDocuments = "missing_documents"
        case applications, sessions, health, convictions
    }

    /// The version of the printed form's text (`ConsentFormPage`): raised with every change of the text that is signed,
    /// so that the record says which text a person signed (Art. 7 Abs. 1 DSGVO). SE-2026-1: rights in the first person,
    /// the language line (QA26 C2, QA27 R3).
    public static let currentFormVersion = "SE-2026-1"
    /// The version before it, signed in the cooperation's first years (the demo's consents of 2024 and 2025).
    public static let firstFormVersion = "SE-2024-1"

    public var id: String
    public var clientID: String
    /// The organisation the data may go to (e.g. the city's immigration authority).
    public var recipientOrganisationID: String
    public var purpose: String
    public var topics: Set<Topic>
    public var validFrom: Day
    public var validUntil: Day?
    public var revokedOn: Day?
    /// Language of the form or interpreter used, and the version of the form text signed.
    public var language: String
    public var formVersion: String
    /// The day the person signed the form; nil while it is a draft, recorded to print the form to sign (QA41 C3: a record
    /// made to print the form released data before anyone had signed). A draft releases nothing.
    public var signedOn: Day?

    public init(id: String, clientID: String, recipientOrganisationID: String, purpose: String, topics: Set<Topic>,
                validFrom: Day, validUntil: Day?, revokedOn: Day? = nil, language: String, formVersion: String, signedOn: Day?) {
        self.id = id; self.clientID = clientID; self.recipientOrganisationID = recipientOrganisationID; self.purpose = purpose
        self.topics = topics; self.validFrom = validFrom; self.validUntil = validUntil; self.revokedOn = revokedOn
        self.language = language; self.formVersion = formVersion; self.signedOn = signedOn
    }

    /// Why a consent starting on `validFrom` cannot have been signed on the form text `version`, or nil. Only versions
    /// named as the printed form names them (SE-year-number) are checked: such a text did not exist before its year, and
    /// none exists after the current one (a record must say which text was signed, Art. 7 Abs. 1 DSGVO). Other names
    /// (an organisation's own forms) are taken as written.
    public static func formVersionProblem(_ version: String, validFrom: Day) -> String? {
        guard let (year, number) = serial(version), let current = serial(currentFormVersion) else { return nil }
        if year > current.year || year == current.year && number > current.number {
            return "Eine Fassung „\(version)“ gibt es nicht; die aktuelle Fassung des Formulars ist \(currentFormVersion)."
        }
        if year > validFrom.year {
            return "Die Fassung „\(version)“ gibt es erst seit \(year); eine Einwilligung ab dem \(validFrom.german) wurde auf einer früheren Fassung unterschrieben. Bitte die Fassung des unterschriebenen Formulars angeben."
        }
        return nil
    }

    /// "SE-2026-1" → (2026, 1); nil for any other form of name.
    static func serial(_ version: String) -> (year: Int, number: Int)? {
        let parts = version.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "SE", parts[1].count == 4, let year = Int(parts[1]), let number = Int(parts[2]),
              parts[2].allSatisfy(\.isASCII), number > 0 else { return nil }
        return (year, number)
    }

    /// Whether the consent is in force on `day`: started, not expired, not revoked on or before that day.
    public func isValid(on day: Day) -> Bool {
        guard let signed = signedOn, signed <= day else { return false }
        if day < validFrom { return false }
        if let until = validUntil, day > until { return false }
        if let revoked = revokedOn, revoked <= day { return false }
        return true
    }
}

/// The decision on one disclosure: allowed under a named consent, or refused with the reason.
public enum DisclosureDecision: Sendable, Hashable {
    case allowed(consentID: String)
    case refused(reason: String)

    public var isAllowed: Bool { if case .allowed = self { return true } else { return false } }
}

public enum DisclosureRules {
    /// Checks, at the moment of disclosure, whether any consent of the client covers the recipient and every topic.
    /// Topics must all be covered by one single consent: permissions are not assembled from several papers.
    public static func decide(clientID: String, recipient: String, topics: Set<Consent.Topic>, on day: Day, consents: [Consent]) -> DisclosureDecision {
        let mine = consents.filter { $0.clientID == clientID }
        guard !mine.isEmpty else { return .refused(reason: "Keine Schweigepflichtentbindung vorhanden.") }
        let forRecipient = mine.filter { $0.recipientOrganisationID == recipient }
        guard !forRecipient.isEmpty else { return .refused(reason: "Die Schweigepflichtentbindung gilt nicht für diese Stelle.") }
        let valid = forRecipient.filter { $0.isValid(on: day) }
        guard !valid.isEmpty else {
            if forRecipient.allSatisfy({ $0.signedOn == nil && $0.revokedOn == nil }) {
                return .refused(reason: "Die Schweigepflichtentbindung ist noch nicht unterschrieben.")
            }
            if let next = forRecipient.filter({ $0.validFrom > day && $0.revokedOn == nil }).map(\.validFrom).min() {
                return .refused(reason: "Die Schweigepflichtentbindung gilt erst ab \(next.german).")
            }
            if forRecipient.contains(where: { $0.revokedOn.map { $0 <= day } ?? false }) { return .refused(reason: "Die Schweigepflichtentbindung wurde widerrufen.") }
            return .refused(reason: "Die Schweigepflichtentbindung ist nicht (mehr) gültig.")
        }
        guard let c = valid.first(where: { topics.isSubset(of: $0.topics) }) else {
            return .refused(reason: "Die Schweigepflichtentbindung umfasst nicht alle angefragten Themen.")
        }
        return .allowed(consentID: c.id)
    }
}

extension Consent {
    /// Conditions that rest on special categories of data (Art. 9, 10 DSGVO): their steps may only be disclosed when the
    /// consent names that topic. A step such as "Tilgung abwarten" would otherwise tell the authority that a
    /// conviction is on record although the client released nothing about convictions.
    static let specialConditions: [String: Topic] = [
        "gen_no_expulsion_interest": .convictions, "gen_abs4_bar": .convictions, "a_crime": .convictions,
        "a3_crime_50_90": .convictions, "b_excl_crime": .convictions, "c_crime_threshold": .convictions,
        "60c_no_19d_6_7": .convictions, "60d_no_conviction": .convictions, "60d_no_expulsion_order": .convictions,
        "60d_children_ok": .convictions, "16g_no_19d_6_7": .convictions, "19d_crime_50_90": .convictions,
        "60d_no_extremism": .convictions, "19d_no_extremism": .convictions,
        // Deception and obstruction belong with them (QA of 06.12.2026: under a consent without the topic, the results
        // still told the authority that the client had admitted a past deception). An entry ban is the authority's own
        // measure (in its register) and stays.
        "a_excl_own_deception": .convictions, "b_excl_obstruction": .convictions, "b_sustainable_integration": .convictions,
        "c_excl_repeated_deception": .convictions, "19d_no_deception_of_authority": .convictions, "19d_no_obstruction": .convictions,
        "25_5_not_at_fault": .convictions, "a2_no_obstruction": .convictions,
        "60d_no_60a6": .convictions, "60c_no_60a6": .convictions, "16g_no_60a6": .convictions,
        "a_school_illness_exception": .health, "b_illness_age_exception": .health,
    ]

    public static var specialConditionIDs: [String] { specialConditions.keys.sorted() }

    /// Whether a pathway's result may be shown under `topics`. Not when a condition resting on a special category the
    /// consent does not name decides it – when the conditions without it would rank otherwise (SPEC.md § 4 order:
    /// permanent, remediable, unknown, time, met). "Ausgeschlossen" for someone whose only bar is a conviction would
    /// otherwise tell the authority of the conviction (QA of 05.12.2026). A result the withheld conditions do not
    /// change is shown as it is.
    public static func mayShowResult(_ a: Assessment, topics: Set<Topic>) -> Bool {
        func rank(_ conditions: some Sequence<ConditionResult>) -> Int {
            var r = 0
            for c in conditions {
                switch c.state {
                case .failing(.permanent): return 4
                case .failing(.remediable): r = max(r, 3)
                case .unknown: r = max(r, 2)
                case .failing(.time): r = max(r, 1)
                default: break
                }
            }
            return r
        }
        let withheld: (ConditionResult) -> Bool = { c in specialTopic(ofCondition: c.id).map { !topics.contains($0) } ?? false }
        guard a.conditions.contains(where: withheld) else { return true }
        // A health exception that holds is what carries the result (QA of 05.12.2026: § 25b "met" through the
        // illness exception, "not met" without it).
        if a.conditions.contains(where: { withheld($0) && specialTopic(ofCondition: $0.id) == .health && $0.state == .met }) { return false }
        return rank(a.conditions) == rank(a.conditions.lazy.filter { !withheld($0) })
    }

    /// The facts as far as `topics` release them: convictions and health (the illness exceptions) are left out – unknown
    /// – unless named. What is disclosed is assessed from these only, so that no result, marker or step depends on data
    /// the client did not release (QA of 05.12.2026: "withheld" appeared exactly when a conviction was on record).
    public static func released(_ p: Person, topics: Set<Topic>) -> Person {
        var p = p
        if !topics.contains(.convictions) {
            p.convictions = nil
            // The bars the conviction conditions read (`specialConditions`): expulsion interests and an expulsion order
            // (QA of 05.12.2026: an expulsion order still turned § 25b Abs. 6 from unclear to not met).
            // Extremism (§ 54 Abs. 1 Nr. 2 AufenthG) is such an interest too (QA of 05.12.2026: it turned § 60d from withheld to not met).
            if var b = p.bars { b.abs4Ground = nil; b.s54Abs1Other = nil; b.otherExpulsionInterest = nil; b.expulsionOrder = nil; b.extremism = nil; p.bars = b }
            // Deception and obstruction: what the client told the service of them (a possible offence, § 95 AufenthG).
            p.conduct = nil
        }
        if !topics.contains(.health) { p.inability = nil }
        return p
    }

    /// The special category a condition rests on, if any.
    public static func specialTopic(ofCondition id: String) -> Topic? { specialConditions[id] }

    /// The assessments whose missing steps concern the authority: those of the pathways the open cases aim at, or,
    /// without one, of every pathway still open – never one that is met (nothing missing) or excluded (nothing to do).
    public static func relevantForSteps(_ all: [Assessment], goals: [PathwayKey]) -> [Assessment] {
        all.filter { goals.isEmpty ? ($0.outcome != .excluded && $0.outcome != .met) : goals.contains($0.pathway) }
    }

    /// The missing documents and steps that may be disclosed under `topics`: every action of a pathway that is not
    /// excluded, except those of conditions resting on a special category the consent does not name. Sorted, each once.
    /// A relative is not named: the consent is the client's, not theirs.
    public static func disclosableActions(_ assessments: [Assessment], topics: Set<Topic>) -> [String] {
        // A relative's fact, the relations or the household are not the client's to release: asking for them would
        // tell that a family member exists and invite a request for their data (QA of 06.12.2026: "Verurteilungen von
        // einer/einem Familienangehörigen ergänzen").
        func ofFamily(_ c: ConditionResult) -> Bool { !c.open.isEmpty && c.open.allSatisfy(ConditionCatalog.isFamilyFact) }
        let actions = assessments.filter { $0.outcome != .excluded }.flatMap { a in
            var unnamed = a
            unnamed.names = a.names.mapValues { _ in "einer/einem Familienangehörigen" }
            return unnamed.actions(limit: .max) { c in (specialTopic(ofCondition: c.id).map(topics.contains) ?? true) && !(c.state == .unknown && ofFamily(c)) }
        }
        return Array(Set(actions)).sorted()
    }
}
