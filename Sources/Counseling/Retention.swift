import Eligibility

/// Storage limitation (Art. 5 Abs. 1 lit. e DSGVO): once its counseling has ended, a client's file is kept for a
/// retention period after the last thing that happened in it, and is then due for erasure. The coordination decides
/// (Art. 17 Abs. 3 DSGVO: a statutory duty or a funder's may require keeping it longer), so the application lists the
/// files that are due; it never erases one by itself.
public enum Retention {
    /// Years after the last activity; `BLEIBE_RETENTION_YEARS` changes it (the regular limitation period, § 195 BGB).
    public static let defaultYears = 3

    /// The day a file becomes due: `years` after its last activity (a 29 February falls back to the 28th).
    public static func dueOn(lastActivity: Day, years: Int) -> Day { lastActivity.adding(years: years) }

    /// The last day anything happened in a file: created or changed, a case opened or closed, a session, an appointment.
    public static func lastActivity(_ days: [Day?]) -> Day? { days.compactMap { $0 }.max() }
}

/// A file whose retention period has run out.
public struct RetentionDue: Sendable, Equatable {
    public var clientID: String, fileNumber: String, name: String
    public var lastActivity: Day, dueOn: Day
    public init(clientID: String, fileNumber: String, name: String, lastActivity: Day, dueOn: Day) {
        self.clientID = clientID; self.fileNumber = fileNumber; self.name = name; self.lastActivity = lastActivity; self.dueOn = dueOn
    }
}
