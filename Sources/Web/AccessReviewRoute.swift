import Counseling
import Eligibility
import Foundation
import Hummingbird
import Storage
import Views

/// The review of accesses by an organisation's own staff (`/access-review`): per user for a period (default the last
/// 30 days), and one user's accesses with the flagged ones marked – at a service the files the user holds no work in,
/// at an authority the shared cases a disclosure was refused for. Reading it is audited as a list.
extension AdminRoutes {
    static let reviewLimit = 2_000

    @Sendable func accessReview(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .reviewAccesses(organisation: a.organisationID)) else { throw AppError.forbidden }
        let scope: AccessReview.Scope = a.organisationKind == .authority ? .authority : .service
        let (from, to, alert) = reviewPeriod(request)
        let withList = request.uri.queryParameters["liste"] == "1"
        let start = GermanTime.start(of: from), end = GermanTime.start(of: to.adding(days: 1))

        let users = Dictionary(try await services.accounts.users(organisation: a.organisationID).map { ($0.id, $0) }) { x, _ in x }
        func name(_ id: String) -> String { users[id]?.displayName ?? AuditLog.actorName(id) ?? id }
        let rows = try await AccessReview.summaries(services.db, scope: scope, organisation: a.organisationID, from: start, until: end).map { s in
            AccessReviewPage.Row(userID: s.userID, name: name(s.userID), role: users[s.userID]?.role.german ?? "–",
                                 events: s.events, clients: s.clients, listRows: s.listRows, flagged: s.flagged)
        }.sorted { ($0.flagged, $0.events) > ($1.flagged, $1.events) }

        var detail: AccessReviewPage.Detail? = nil
        if let user = request.uri.queryParameters["user"].map(String.init), !user.isEmpty {
            // Only the organisation's own users: another organisation's id shows nothing (no oracle).
            guard users[user] != nil else { throw AppError.notFound }
            let list = try await AccessReview.accesses(services.db, scope: scope, organisation: a.organisationID, user: user, from: start, until: end, limit: Self.reviewLimit,
                                                      listRows: withList)
            let files = scope == .authority ? [:] : Dictionary(try await services.clients.clients(ids: Array(Set(list.compactMap(\.clientID))), organisation: a.organisationID)
                .map { ($0.id, $0.fileNumber) }, uniquingKeysWith: { x, _ in x })
            detail = .init(userID: user, withListRows: withList, name: name(user), accesses: list.map { e in
                let file = e.clientID.map { id in
                    // The authority's lead sees a case by an id only: its file number or name would be a disclosure the
                    // review does not need (the case may have no consent for the authority today); opening it is one,
                    // decided and logged as any. An erased file keeps its events; its number is gone with it.
                    scope == .authority ? (label: "Fall \(id.prefix(8))", href: "/shared/clients/\(id)")
                                        : (label: files[id] ?? "gelöschte Akte", href: "/clients/\(id)")
                }
                return (at: e.at, file: file, action: e.action, entity: e.entity, flagged: e.flagged)
            }, limited: list.count == Self.reviewLimit)
        }
        try await services.clients.recordList("access_review", audit: services.audit(a))
        // What was typed stays in the fields when it cannot be read (QA42 coordination #10).
        let typed = alert == nil ? nil : (request.uri.queryParameters["from"].map(String.init), request.uri.queryParameters["to"].map(String.init))
        return Reply.html(AccessReviewPage.render(frame: context.frame("Zugriffsauswertung", current: "users"), authority: scope == .authority, from: from, to: to, rows: rows, detail: detail, alert: alert,
                                                  typed: typed),
                          status: ReportRoutes.status(alert))
    }

    /// The period asked for, default the last 30 days; one that cannot be read shows the default with the reason at the
    /// top, as the reports do (QA of 06.12.2026: a bare error page).
    func reviewPeriod(_ request: Request) -> (Day, Day, String?) {
        let today = services.today
        do {
            let to = try request.queryDay("to") ?? today, from = try request.queryDay("from") ?? to.adding(days: -29)
            guard from <= to else { throw AppError.badRequest("Der Zeitraum endet vor seinem Beginn.") }
            return (from, to, nil)
        } catch AppError.badRequest(let message) {
            return (today.adding(days: -29), today, message + " Gezeigt werden die letzten 30 Tage.")
        } catch {
            return (today.adding(days: -29), today, "Der Zeitraum ist ungültig. Gezeigt werden die letzten 30 Tage.")
        }
    }
}
