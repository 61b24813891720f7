/// What erasing a client's file would remove (shown before the coordination confirms), and what still stops it.
public struct ErasureScope: Sendable, Equatable {
    public var cases = 0, sessions = 0, documents = 0, consents = 0, appointments = 0, relations = 0, snapshots = 0
    public var applications = 0, reminders = 0
    /// Work not finished: an erasure waits until these are 0.
    public var openCases = 0, upcomingAppointments = 0
    /// Open cases of relatives (same household, or linked): the person may be counseled in them, and counts in their
    /// assessment (children in the household, family routes) – QA18 M1: a son was erased from his father's open case.
    public var familyOpenCases = 0
    /// Applications filed and not yet decided: the procedure the service started still runs (QA18 L3).
    public var pendingApplications = 0
    public var blocked: Bool { openCases > 0 || upcomingAppointments > 0 || familyOpenCases > 0 || pendingApplications > 0 }
    public init() {}
}
