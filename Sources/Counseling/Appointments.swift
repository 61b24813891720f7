import Eligibility

/// An appointment: requested (by phone, mail, in person or online) and then confirmed, with counselor, place and
/// language. Times are local wall-clock times of the service (Europe/Berlin), kept apart from legal day arithmetic.
public struct Appointment: Sendable, Hashable {
    public enum State: String, Sendable, CaseIterable {
        case requested, confirmed, cancelled
        public var german: String {
            switch self { case .requested: "angefragt"; case .confirmed: "bestätigt"; case .cancelled: "abgesagt" }
        }
    }

    public enum Channel: String, Sendable, CaseIterable {
        case phone, mail, inPerson = "in_person", online
        public var german: String {
            switch self { case .phone: "Telefon"; case .mail: "Post/E-Mail"; case .inPerson: "persönlich"; case .online: "Online-Formular" }
        }
    }

    /// How the counseling takes place. Client pages say it in the client's language; a place typed as free text
    /// cannot be translated (QA40: "Telefon" as the place stood in German on an Arabic plan).
    public enum Mode: String, Sendable, CaseIterable {
        case inPerson = "in_person", phone, video
        public var german: String {
            switch self { case .inPerson: "vor Ort"; case .phone: "telefonisch"; case .video: "per Video" }
        }
    }

    public var id: String
    public var clientID: String
    public var counselorID: String
    public var day: Day
    /// Minutes after midnight, local time.
    public var startMinute: Int
    public var durationMinutes: Int
    /// Where (in person: required); by phone or video an optional note (a number, who calls whom).
    public var place: String
    public var mode: Mode = .inPerson
    public var language: String
    public var state: State
    public var requestedVia: Channel
    /// Raised on every change (moved, confirmed, cancelled): a subscribed calendar replaces the event it knows.
    public var sequence = 0
    /// When it last changed (a timestamp), nil when never.
    public var updatedAt: String?

    public init(id: String, clientID: String, counselorID: String, day: Day, startMinute: Int, durationMinutes: Int, place: String,
                mode: Mode = .inPerson, language: String, state: State = .requested, requestedVia: Channel) {
        self.id = id; self.clientID = clientID; self.counselorID = counselorID; self.day = day; self.startMinute = startMinute
        self.durationMinutes = durationMinutes; self.place = place; self.mode = mode; self.language = language; self.state = state; self.requestedVia = requestedVia
    }

    /// The place as staff pages name it: "Raum 2", "telefonisch", "telefonisch (ruft an: 0351 …)".
    public var placeGerman: String {
        mode == .inPerson ? place : place.isEmpty ? mode.german : "\(mode.german) (\(place))"
    }

    /// Minutes after midnight of the end.
    public var endMinute: Int { startMinute + durationMinutes }

    /// The first appointment in `others` that this one would overlap: same counselor and day, neither cancelled,
    /// times intersecting (one ending when the other begins is no clash). A counselor cannot be in two places.
    /// Requested → confirmed; requested or confirmed → cancelled. A cancelled appointment is not revived (a new one is
    /// entered instead, with the check that the counselor is free), and nothing moves to the state it is in.
    public func canMove(to new: State) -> Bool {
        switch (state, new) {
        case (.requested, .confirmed), (.requested, .cancelled), (.confirmed, .cancelled): return true
        default: return false
        }
    }

    public func clash(in others: [Appointment]) -> Appointment? {
        guard state != .cancelled else { return nil }
        return others.first { $0.counselorID == counselorID && overlaps($0) }
    }

    /// Another, not cancelled appointment on the same day whose time overlaps this one's.
    func overlaps(_ o: Appointment) -> Bool {
        o.id != id && o.day == day && o.state != .cancelled && o.startMinute < endMinute && startMinute < o.endMinute
    }

    /// Another appointment of the same client at an overlapping time, with whichever counselor (QA of 06.12.2026: a
    /// client was booked with two counselors at once).
    public func clientClash(in others: [Appointment]) -> Appointment? {
        guard state != .cancelled else { return nil }
        return others.first { $0.clientID == clientID && overlaps($0) }
    }

    /// "HH:MM" of the start.
    public var time: String { Self.clock(startMinute) }
    public static func clock(_ m: Int) -> String {
        let h = m / 60, mm = m % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (mm < 10 ? "0" : "") + String(mm)
    }

    /// Reads "HH:MM" (00:00–23:59); nil otherwise.
    public static func minute(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m), parts[1].count == 2 else { return nil }
        return h * 60 + m
    }
}

/// The week (Monday to Sunday) a day belongs to.
public enum CalendarWeek {
    public static func monday(of d: Day) -> Day { d.adding(days: -(Holidays.weekday(d) - 1)) }
}

/// A moment of the service's local wall clock (Europe/Berlin): the day and the minute after midnight.
public struct LocalMoment: Sendable, Hashable {
    public var day: Day
    public var minute: Int
    public init(day: Day, minute: Int) { self.day = day; self.minute = minute }
}

/// Handing a counselor's appointments to a colleague.
public enum Handover {
    /// Each appointment of `moving` that would overlap one `existing` appointment of `successor` once it is theirs,
    /// with the one it meets (a counselor cannot be in two places).
    public static func clashes(moving: [Appointment], to successor: String, existing: [Appointment]) -> [(Appointment, Appointment)] {
        moving.compactMap { a in
            var moved = a
            moved.counselorID = successor
            return moved.clash(in: existing).map { (a, $0) }
        }
    }
}
