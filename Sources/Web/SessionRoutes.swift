import Foundation
import Hummingbird
import Storage

/// How long a session has left and when it ends: for the warning before a logout by inactivity (WCAG 2.2.1 "Timing
/// Adjustable": warned, and extended with one action). The page carries the seconds; the script asks again before it
/// warns (another tab may have kept the session alive) and extends the session when asked.
public struct SessionEnd: Sendable, Equatable {
    /// Seconds until the session ends, by inactivity or by its age, whichever comes first.
    public var seconds: Int
    /// It ends by its age (`sessionLifetime`): extending cannot help, only saving.
    public var final: Bool

    init(lastSeen: Date, created: Date, now: Date, config: AppConfig) {
        let idle = config.idleTimeout - now.timeIntervalSince(lastSeen), life = config.sessionLifetime - now.timeIntervalSince(created)
        seconds = max(0, Int(min(idle, life).rounded(.down)))
        final = life <= idle
    }

    var json: String { "{\"final\":\(final),\"seconds\":\(seconds)}" }

    /// The answer once the session has ended (or without one).
    static let endedJSON = "{\"final\":true,\"seconds\":0}"
}

struct SessionRoutes {
    let services: AppServices

    /// Read without refreshing the idle clock (`AuthenticationMiddleware`): asking is not activity.
    static let statusPath = "/session/status"

    var endpoints: [Endpoint] {
        [(.get, Self.statusPath, status), (.post, "/session/extend", extend)]
    }

    /// `{"seconds": 0}` once the session has ended (also without one): the script then says so on the page, which keeps
    /// what was typed, instead of following a redirect to the login.
    @Sendable func status(_ request: Request, context: BleibeContext) async throws -> Response {
        Reply.json(context.account == nil ? SessionEnd.endedJSON : (context.sessionEnds?.json ?? SessionEnd.endedJSON))
    }

    /// "Angemeldet bleiben": the idle clock starts again now (with the session's CSRF token, as every change).
    @Sendable func extend(_ request: Request, context: BleibeContext) async throws -> Response {
        _ = try await Form.checked(request, context: context)
        guard context.account != nil, let (token, record) = context.session else { return Reply.json(SessionEnd.endedJSON) }
        let now = services.now()
        try await services.accounts.touchSession(token: token, now: services.timestamp(now))
        services.sessions.drop(token)
        return Reply.json(SessionEnd(lastSeen: now, created: Timestamp.date(record.createdAt) ?? now, now: now, config: services.config).json)
    }
}
