import Eligibility

/// A case (Akte) of a client: why and since when the service works with the person, and how it ended.
public struct CounselingCase: Sendable, Hashable {
    public enum ReferralSource: String, Sendable, CaseIterable { case own = "self", authority, otherService = "other_service", volunteer }
    public enum State: String, Sendable, CaseIterable { case open, waitingForDocuments = "waiting_for_documents", applicationFiled = "application_filed", decided, closed }

    public var id: String
    public var organisationID: String
    public var clientID: String
    public var openedOn: Day
    public var referralSource: ReferralSource
    public var pathway: PathwayKey?
    public var state: State
    public var counselorID: String?
    public var closedOn: Day?
    public var outcome: String?

    public init(id: String, organisationID: String, clientID: String, openedOn: Day, referralSource: ReferralSource,
                pathway: PathwayKey?, state: State = .open, counselorID: String?, closedOn: Day? = nil, outcome: String? = nil) {
        self.id = id; self.organisationID = organisationID; self.clientID = clientID; self.openedOn = openedOn
        self.referralSource = referralSource; self.pathway = pathway; self.state = state; self.counselorID = counselorID
        self.closedOn = closedOn; self.outcome = outcome
    }
}

/// One counseling session of a case.
public struct CounselingSession: Sendable, Hashable {
    public enum Channel: String, Sendable, CaseIterable { case inPerson = "in_person", phone, email, video }
    public enum Kind: String, Sendable { case first = "erstberatung", followUp = "folgeberatung" }

    public var id: String
    public var caseID: String
    public var clientID: String
    public var on: Day
    public var durationMinutes: Int
    public var channel: Channel
    public var language: String
    public var interpreter: Bool
    public var pathways: [PathwayKey]
    public var record: String
    /// Visible only to the counseling service's own staff, never disclosed.
    public var confidentialNote: String
    public var counselorID: String
    public var createdAt: String
    /// Family members took part (a family counseled together).
    public var withFamily: Bool

    public init(id: String, caseID: String, clientID: String, on: Day, durationMinutes: Int, channel: Channel, language: String,
                interpreter: Bool, pathways: [PathwayKey], record: String, confidentialNote: String, counselorID: String, createdAt: String,
                withFamily: Bool = false) {
        self.withFamily = withFamily
        self.id = id; self.caseID = caseID; self.clientID = clientID; self.on = on; self.durationMinutes = durationMinutes
        self.channel = channel; self.language = language; self.interpreter = interpreter; self.pathways = pathways
        self.record = record; self.confidentialNote = confidentialNote; self.counselorID = counselorID; self.createdAt = createdAt
    }

    /// The first session of a case (by date, then by the order it was recorded) is the Erstberatung; every other
    /// one a Folgeberatung. Derived, never stored, so a session recorded late with an earlier date relabels the rest.
    public static func kinds(_ sessions: [CounselingSession]) -> [String: Kind] {
        let ordered = sessions.sorted { ($0.on, $0.createdAt, $0.id) < ($1.on, $1.createdAt, $1.id) }
        var out: [String: Kind] = [:]
        for (i, s) in ordered.enumerated() { out[s.id] = i == 0 ? .first : .followUp }
        return out
    }
}

/// A reminder (Wiedervorlage) a counselor set by hand on a case.
public struct ManualReminder: Sendable, Hashable {
    public var id: String
    public var caseID: String
    public var clientID: String
    /// The day entered; the reminder is due on the next working day of the Land if that is a weekend or holiday.
    public var on: Day
    public var title: String
    public var doneOn: Day?
    /// For an automatic reminder acknowledged by hand: its `Deadline.key`. It stays hidden while that key is derived.
    public var derivedFrom: String?

    public init(id: String, caseID: String, clientID: String, on: Day, title: String, doneOn: Day? = nil, derivedFrom: String? = nil) {
        self.id = id; self.caseID = caseID; self.clientID = clientID; self.on = on; self.title = title; self.doneOn = doneOn
        self.derivedFrom = derivedFrom
    }

    public func deadline(land: String) -> Deadline {
        Deadline(kind: .manual, due: Holidays.nextWorkingDay(from: on, land: land), date: on, title: title, citation: "Wiedervorlage", pathway: nil)
    }
}

extension CounselingSession {
    /// A short mark of everything a correction may change: the correction form carries it, and a session saved in the
    /// meantime has another (optimistic locking without a column; QA of 06.12.2026: a stale form overwrote a
    /// colleague's correction). FNV-1a over the fields, separated by a byte no field holds.
    public var fingerprint: String {
        let fields = [on.iso, String(durationMinutes), channel.rawValue, language, String(interpreter), String(withFamily),
                      pathways.map(\.rawValue).joined(separator: ","), record, confidentialNote]
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in fields.joined(separator: "\u{1}").utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return String(h, radix: 16)
    }
}
