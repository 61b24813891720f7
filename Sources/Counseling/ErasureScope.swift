/// What erasing a client's file would remove (shown before the coordination confirms), and what still stops it.
public struct ErasureScope: Sendable, Equatable {
    public var cases = 0, sessions = 0, documents = 0, consents = 0, appointments = 0, relations = 0, snapshots = 0
    public var applications = 0, reminders = 0
    /// Work not finished: an erasure waits until these are 0.
    public var openCases = 0, upcomingAppointments = 0
    public init() {}
}
