/// The review of the audit trail (Art. 32 DSGVO: access to the files is checked regularly): per user of the
/// organisation, how many events and files in a period, and how many files are flagged – at a counseling service
/// (its coordination) files the user holds no case or appointment in, usual for the coordination and a question to
/// ask of a counselor; at an authority (its lead, QA43 A6) shared cases a clerk asked for beyond every consent.
public enum AccessReview {
    /// Whose staff is reviewed: what a list row is and what is flagged differ.
    public enum Scope: Sendable {
        case service, authority

        /// The entity of the events a list writes, one per row shown: counted apart, not as accesses to files.
        var listEntity: String { self == .service ? "client_list" : "shared_list" }

        /// The SQL condition of a flagged event `e`.
        var flag: String { self == .service ? withoutOwnWork : "e.client_id IS NOT NULL AND e.action = 'refuse' AND e.entity = 'disclosure'" }
    }

    public struct Summary: Sendable, Equatable {
        public var userID: String
        /// Events other than rows of the client list (opening, changing, exporting, searching).
        public var events: Int
        /// Files in those events.
        public var clients: Int
        /// Rows of the client list paged through (one event per row shown): counted apart, so that browsing the list
        /// does not look like opening fifty files (QA42 coordination #5).
        public var listRows: Int
        /// Flagged files (see `Scope.flag`): at a service those touched in which the user leads no case and has no
        /// appointment; at an authority the shared cases with a disclosure refused.
        public var flagged: Int
    }

    public struct Access: Sendable, Equatable {
        public var at: String
        public var clientID: String?
        public var action: String
        public var entity: String
        public var flagged: Bool
    }

    /// "Own work": a case the user leads for the client of the event or a member of their household (counseled in
    /// it), or an appointment with them. Paging through the client list is not opening a file (QA38 F6: every list
    /// page and every household member counted, 171 files after one working day).
    static let withoutOwnWork = """
        e.client_id IS NOT NULL AND e.entity <> 'client_list'
        AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.client_id = e.client_id AND c.counselor_id = e.user_id)
        AND NOT EXISTS (SELECT 1 FROM clients m JOIN clients h ON h.household_id = m.household_id JOIN cases c ON c.client_id = h.id
                        WHERE m.id = e.client_id AND c.counselor_id = e.user_id)
        AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.client_id = e.client_id AND a.counselor_id = e.user_id)
        """

    /// Per user of `organisation`, the events from the moment `from` up to (not including) `until` (ISO timestamps).
    public static func summaries(_ db: any SQLDatabase, scope: Scope = .service, organisation: String, from: String, until: String) async throws -> [Summary] {
        let list = scope.listEntity
        return try await db.read { ex in
            try await ex.query(SQL("""
                SELECT e.user_id AS user_id, SUM(CASE WHEN e.entity <> '\(list)' THEN 1 ELSE 0 END) AS events,
                       COUNT(DISTINCT CASE WHEN e.entity <> '\(list)' THEN e.client_id END) AS clients,
                       SUM(CASE WHEN e.entity = '\(list)' THEN 1 ELSE 0 END) AS list_rows,
                       COUNT(DISTINCT CASE WHEN \(scope.flag) THEN e.client_id END) AS foreign_clients
                FROM audit_events e WHERE e.organisation_id = ? AND e.at >= ? AND e.at < ? GROUP BY e.user_id
                """, [organisation, from, until])).map {
                Summary(userID: try $0.string("user_id"), events: $0.int("events") ?? 0, clients: $0.int("clients") ?? 0,
                        listRows: $0.int("list_rows") ?? 0, flagged: $0.int("foreign_clients") ?? 0)
            }
        }
    }

    /// One user's events in the period, newest first, at most `limit`; the list's rows only with `listRows`.
    public static func accesses(_ db: any SQLDatabase, scope: Scope = .service, organisation: String, user: String, from: String, until: String, limit: Int,
                                listRows: Bool = false) async throws -> [Access] {
        try await db.read { ex in
            try await ex.query(SQL("""
                SELECT e.at AS at, e.client_id AS client_id, e.action AS action, e.entity AS entity,
                       CASE WHEN \(scope.flag) THEN 1 ELSE 0 END AS foreign_client
                FROM audit_events e WHERE e.organisation_id = ? AND e.user_id = ? AND e.at >= ? AND e.at < ?\(listRows ? "" : " AND e.entity <> '\(scope.listEntity)'")
                ORDER BY e.seq DESC LIMIT ?
                """, [organisation, user, from, until, limit])).map {
                Access(at: try $0.string("at"), clientID: $0.text("client_id"), action: try $0.string("action"), entity: try $0.string("entity"),
                       flagged: ($0.int("foreign_client") ?? 0) == 1)
            }
        }
    }
}
