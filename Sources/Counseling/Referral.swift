import Eligibility

/// A referral (Vermittlung): the authority's clerk refers a person, who agreed to it, to the counseling service;
/// the service accepts (and links it to a client and a case) or declines with a reason. Both sides see the state.
public struct Referral: Sendable, Hashable {
    /// The referred person as the identifying-words checks read a person: names and birth date.
    public var person: Client {
        var facts = Person(id: id)
        facts.born = born
        return Client(id: id, organisationID: authorityID, fileNumber: "", firstName: firstName, lastName: lastName, facts: facts)
    }

    public enum State: String, Sendable, CaseIterable {
        case pending, accepted, declined
        /// Withdrawn by the authority before the service answered (sent in error); its personal data are erased.
        case withdrawn

        public var german: String {
            switch self {
            case .pending: return "offen"
            case .accepted: return "angenommen"
            case .declined: return "abgelehnt"
            case .withdrawn: return "zurückgezogen"
            }
        }
    }

    public var id: String
    public var authorityID: String
    public var serviceID: String
    public var createdBy: String
    public var createdOn: Day
    /// What the authority knows and passes on with the person's agreement.
    public var firstName: String
    public var lastName: String
    public var born: Day?
    public var nationality: String?
    public var reason: String
    public var state: State
    public var decidedOn: Day?
    public var declineReason: String?
    public var clientID: String?
    public var caseID: String?

    public init(id: String, authorityID: String, serviceID: String, createdBy: String, createdOn: Day, firstName: String, lastName: String,
                born: Day?, nationality: String?, reason: String, state: State = .pending, decidedOn: Day? = nil,
                declineReason: String? = nil, clientID: String? = nil, caseID: String? = nil) {
        self.id = id; self.authorityID = authorityID; self.serviceID = serviceID; self.createdBy = createdBy; self.createdOn = createdOn
        self.firstName = firstName; self.lastName = lastName; self.born = born; self.nationality = nationality; self.reason = reason
        self.state = state; self.decidedOn = decidedOn; self.declineReason = declineReason; self.clientID = clientID; self.caseID = caseID
    }
}

/// One entry of the authority's contact directory: maintained by the authority, read by the cooperating service.
public struct DirectoryContact: Sendable, Hashable {
    public var id: String
    public var authorityID: String
    public var name: String
    public var function: String
    public var phone: String
    public var email: String
    public var responsibility: String

    public init(id: String, authorityID: String, name: String, function: String, phone: String, email: String, responsibility: String) {
        self.id = id; self.authorityID = authorityID; self.name = name; self.function = function; self.phone = phone
        self.email = email; self.responsibility = responsibility
    }
}

/// One disclosure of personal data to another organisation under a consent (the log the client's Art. 15
/// information request lists).
public struct Disclosure: Sendable, Hashable {
    public var id: String
    public var at: String
    public var consentID: String
    public var clientID: String
    public var recipientID: String
    public var userID: String
    public var topics: [Consent.Topic]
    /// How the data left: the shared case view or the API.
    public var channel: String

    public init(id: String, at: String, consentID: String, clientID: String, recipientID: String, userID: String, topics: [Consent.Topic], channel: String) {
        self.id = id; self.at = at; self.consentID = consentID; self.clientID = clientID; self.recipientID = recipientID
        self.userID = userID; self.topics = topics; self.channel = channel
    }
}

extension Cooperation {
    /// Whether the cooperation is in force on `day`.
    public func isActive(on day: Day) -> Bool { from <= day && (until.map { day <= $0 } ?? true) }
}

extension Consent.Topic {
    public var german: String {
        switch self {
        case .identity: return "Identität (Name, Geburtsdatum, Staatsangehörigkeit)"
        case .statusHistory: return "Aufenthaltsverlauf"
        case .assessment: return "Einschätzung der Bleiberechtswege"
        case .missingDocuments: return "Fehlende Unterlagen und Schritte"
        case .applications: return "Anträge und Entscheidungen"
        case .sessions: return "Beratungstermine (ohne Inhalte)"
        case .health: return "Gesundheit"
        case .convictions: return "Strafrechtliches (auch Ausweisungsinteressen und Täuschung)"
        }
    }
}
