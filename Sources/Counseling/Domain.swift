import Eligibility

// The product's domain values (../shared/design/PRODUCT.md). Plain values: storage and web map to and from them.

/// The kind of an organisation (a tenant).
public enum OrganisationKind: String, Sendable, CaseIterable {
    case counselingService = "counseling_service"
    case authority
    case partner
    /// A state-wide coordination (Landesebene): aggregated figures across the Land's cities, never personal data.
    case landCoordination = "land_coordination"

    public var german: String {
        switch self {
        case .counselingService: return "Beratungsstelle"
        case .authority: return "Ausländerbehörde"
        case .partner: return "Partner / Ehrenamt"
        case .landCoordination: return "Landeskoordination"
        }
    }
}

public struct Organisation: Sendable, Hashable {
    public var id: String
    public var name: String
    public var kind: OrganisationKind
    public var city: String
    /// The Land, as ISO 3166-2 subdivision code (e.g. "DE-SN"); it decides public holidays.
    public var land: String
    /// The postal address for letters, one line per line (street, postcode and city); empty until entered.
    public var postalAddress: String

    public init(id: String, name: String, kind: OrganisationKind, city: String, land: String, postalAddress: String = "") {
        self.id = id; self.name = name; self.kind = kind; self.city = city; self.land = land; self.postalAddress = postalAddress
    }

    /// The address's lines, without blank ones.
    public var addressLines: [String] {
        postalAddress.split(whereSeparator: \.isNewline).map { line in
            String(line.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        }.filter { !$0.isEmpty }
    }

    /// Why a typed postal address cannot be kept (nil when it can): at most five lines of 100 characters, no control characters.
    public static func addressProblem(_ text: String) -> String? {
        let lines = text.split(whereSeparator: \.isNewline)
        if lines.count > 5 || lines.contains(where: { $0.count > 100 }) { return "Bitte höchstens fünf Zeilen mit je höchstens 100 Zeichen." }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\r" && $0 != "\t" }) {
            return "Die Anschrift enthält Steuerzeichen."
        }
        return nil
    }
}

/// A cooperation links a counseling service and an authority in one city.
public struct Cooperation: Sendable, Hashable {
    public var id: String
    public var serviceID: String
    public var authorityID: String
    public var from: Day
    public var until: Day?
    public init(id: String, serviceID: String, authorityID: String, from: Day, until: Day?) {
        self.id = id; self.serviceID = serviceID; self.authorityID = authorityID; self.from = from; self.until = until
    }
}

/// What an API token may do (security review QA42 F6): only read, or also change. Never more than its user's role.
public enum TokenScope: String, Sendable, CaseIterable {
    case read, write

    public var german: String { self == .read ? "nur lesen" : "lesen und ändern" }
    /// Whether a request of this HTTP method is within the scope: a read-only token sends GET and HEAD only.
    public func permits(method: String) -> Bool { self == .write || method == "GET" || method == "HEAD" }
}

public enum Role: String, Sendable, CaseIterable {
    case counselor
    case coordinator
    case authorityClerk = "authority_clerk"
    case authorityLead = "authority_lead"
    case volunteer
    case landCoordinator = "land_coordinator"

    public var german: String {
        switch self {
        case .counselor: return "Berater:in"
        case .coordinator: return "Projektkoordination"
        case .authorityClerk: return "Sachbearbeitung ABH"
        case .authorityLead: return "Leitung ABH"
        case .volunteer: return "Ehrenamt / Partner"
        case .landCoordinator: return "Landeskoordination"
        }
    }

    /// The organisation kind a role belongs to.
    public var organisationKind: OrganisationKind {
        switch self {
        case .counselor, .coordinator: return .counselingService
        case .authorityClerk, .authorityLead: return .authority
        case .volunteer: return .partner
        case .landCoordinator: return .landCoordination
        }
    }

    /// Staff roles must use a second factor (TOTP).
    public var isStaff: Bool { self != .volunteer }
    /// Roles that may hold cases and appointments as their counselor.
    public var holdsCases: Bool { self == .counselor || self == .coordinator }
}

public struct User: Sendable, Hashable {
    public var id: String
    public var organisationID: String
    /// The login name (an e-mail address).
    public var email: String
    public var displayName: String
    public var role: Role
    public var active: Bool

    public init(id: String, organisationID: String, email: String, displayName: String, role: Role, active: Bool = true) {
        self.id = id; self.organisationID = organisationID; self.email = email; self.displayName = displayName
        self.role = role; self.active = active
    }
}

/// Who acts: the signed-in user with the facts every policy needs.
public struct Actor: Sendable, Hashable {
    public var userID: String
    public var organisationID: String
    public var organisationKind: OrganisationKind
    public var role: Role

    public init(userID: String, organisationID: String, organisationKind: OrganisationKind, role: Role) {
        self.userID = userID; self.organisationID = organisationID; self.organisationKind = organisationKind; self.role = role
    }
}

/// An Aktenzeichen as typed by a service: at most 40 characters, Latin letters without accents, digits, spaces and
/// - / . _ : # ( ). Compared regardless of case, and SQLite folds the case of ASCII letters only: an "Ä" would be
/// one file number in PostgreSQL and two in SQLite.
public enum FileNumber {
    public static let maxLength = 40

    public static func isValid(_ s: String) -> Bool {
        s.utf8.count <= maxLength && s.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || " -/._:#()".utf8.contains(b)
        }
    }

    /// A year written in the number (four digits standing alone, 2000–2199) that has not begun by `today`: a typo
    /// such as PB-2099-0001 (QA42: it was taken and a file opened under it).
    public static func futureYear(_ s: String, today: Day) -> Int? {
        s.split { !$0.isASCII || !$0.isNumber }.compactMap { g in g.count == 4 ? Int(g) : nil }
            .first { (2000...2199).contains($0) && $0 > today.components.year }
    }
}

/// A client of a counseling service: the person's record and the facts the engine reads.
public struct Client: Sendable, Hashable {
    public var id: String
    public var organisationID: String
    /// Aktenzeichen of the service.
    public var fileNumber: String
    public var firstName: String
    public var lastName: String
    /// Groups clients living together (a family); nil for a person alone.
    public var householdID: String?
    /// The engine's facts (born, nationality, status history, …). `facts.id` is the client id.
    public var facts: Person
    /// Counts the changes of facts and status history: a form carries the revision it was built from, and a save
    /// from an older one is refused rather than silently undoing a colleague's change (optimistic locking).
    public var revision: Int = 0

    public init(id: String, organisationID: String, fileNumber: String, firstName: String, lastName: String,
                householdID: String? = nil, facts: Person) {
        self.id = id; self.organisationID = organisationID; self.fileNumber = fileNumber
        self.firstName = firstName; self.lastName = lastName; self.householdID = householdID
        var f = facts
        f.id = id
        self.facts = f
    }

    public var fullName: String { "\(lastName), \(firstName)" }
}

/// A family relation between two clients of the same organisation.
public struct ClientRelation: Sendable, Hashable {
    /// The stored relation's id (nil before it is stored).
    public var id: String?
    public var kind: RelationKind
    /// For `parent`: the parent; otherwise one partner.
    public var from: String
    /// For `parent`: the child; otherwise the other partner.
    public var to: String
    public var custody: Bool?

    public init(kind: RelationKind, from: String, to: String, custody: Bool? = nil, id: String? = nil) {
        self.kind = kind; self.from = from; self.to = to; self.custody = custody; self.id = id
    }
}



/// A saved assessment: the date, the law versions it used and the answer as a JSON document.
public struct AssessmentSnapshot: Sendable, Hashable {
    public var id: String
    public var clientID: String
    public var on: Day
    public var createdBy: String
    public var createdAt: String
    public var lawVersions: [String]
    public var documentJSON: String

    public init(id: String, clientID: String, on: Day, createdBy: String, createdAt: String, lawVersions: [String], documentJSON: String) {
        self.id = id; self.clientID = clientID; self.on = on; self.createdBy = createdBy; self.createdAt = createdAt
        self.lawVersions = lawVersions; self.documentJSON = documentJSON
    }
}
