import Eligibility

/// A request for expert advice (Fachberatung) from a volunteer or another service: recorded without a client file.
public struct ExpertRequest: Sendable, Hashable {
    public var id: String, requester: String
    /// A pathway code (e.g. "25b") or "other".
    public var legalArea: String
    public var question: String, answer: String, minutesSpent: Int, askedOn: Day
    /// The volunteer who asked in the application (nil: recorded by the service after a call or mail).
    public var askedBy: String?
    /// When the service answered a volunteer's request.
    public var answeredOn: Day?
    /// The staff member who gave the advice (nil: a request still open, or answered before this was kept).
    public var answeredBy: String?
    public init(id: String, requester: String, legalArea: String, question: String, answer: String, minutesSpent: Int, askedOn: Day,
                askedBy: String? = nil, answeredOn: Day? = nil, answeredBy: String? = nil) {
        self.id = id; self.requester = requester; self.legalArea = legalArea; self.question = question; self.answer = answer
        self.minutesSpent = minutesSpent; self.askedOn = askedOn; self.askedBy = askedBy; self.answeredOn = answeredOn
        self.answeredBy = answeredBy
    }

    /// A volunteer's request the service has not answered yet (it is not yet advice given).
    public var isOpen: Bool { askedBy != nil && answeredOn == nil }

    public static func areaTitle(_ code: String) -> String { PathwayKey(rawValue: code)?.title ?? "sonstiges Aufenthaltsrecht" }
}

/// An article of the service's knowledge base about a pathway, readable by the partners of its city.
public struct Article: Sendable, Hashable {
    public var id: String, organisationID: String, pathway: String, title: String, body: String, updatedAt: String
    public init(id: String, organisationID: String, pathway: String, title: String, body: String, updatedAt: String) {
        self.id = id; self.organisationID = organisationID; self.pathway = pathway; self.title = title; self.body = body; self.updatedAt = updatedAt
    }
}
