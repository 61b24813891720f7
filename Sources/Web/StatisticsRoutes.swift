import Counseling
import Foundation
import Screening
import Hummingbird
import Reports
import Storage
import Views

/// The authority's quarterly statistics: the authority enters or uploads them; the cooperating service reads them.
struct StatisticsRoutes {
    let services: AppServices

    var endpoints: [Endpoint] {
        [
            (.get, "/statistics", page),
            (.post, "/statistics", upload),
        ]
    }

    /// The authority whose statistics the actor sees: its own, or the cooperating one of a service.
    func authority(_ a: Actor) async throws -> Organisation {
        let partners = try await services.partners(of: a.organisationID)
        let orgs = try await services.accounts.organisations()
        guard let org = orgs.first(where: { o in o.kind == .authority && Policy.allows(a, .readCooperationReports(organisation: a.organisationID))
                                            && (o.id == a.organisationID || partners.contains(o.id)) }) else { throw AppError.forbidden }
        return org
    }

    func render(_ context: BleibeContext, errors: [QuarterlyStatistics.RowError] = [], csv: String = "", overwrites: [String] = [],
                saved: Int? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let a = try context.requireActor()
        let org = try await authority(a)
        let stats = try await services.statistics.load(authority: org.id)
        return Reply.html(StatisticsPages.page(frame: context.frame("Verfahrensstatistik", current: "statistics"), authorityName: org.name, stats: stats,
                                               editable: Policy.allows(a, .maintainAuthorityRecords(authority: org.id)), errors: errors, csv: csv,
                                               overwrites: overwrites, confirmation: Self.digest(overwrites), saved: saved), status: status)
    }

    /// `?gespeichert=N`: N quarters were just saved, said on the page (QA33 F6: an upload ended without a word).
    @Sendable func page(_ request: Request, context: BleibeContext) async throws -> Response {
        try await render(context, saved: request.uri.queryParameters["gespeichert"].flatMap { Int($0) }.map { min(max($0, 1), 400) })
    }

    static func digest(_ overwrites: [String]) -> String { AccountStore.sha256(overwrites.joined(separator: "\n")) }

    @Sendable func upload(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .maintainAuthorityRecords(authority: a.organisationID)) else { throw AppError.forbidden }
        let form = try await MultipartForm.checked(request, limit: 2 * 1024 * 1024, context: context)
        // A file input left empty still sends a part without bytes: then the text counts (QA of 05.12.2026: the text
        // was dropped and the box emptied). Both at once are refused rather than one silently preferred.
        // Excel in a German Windows saves CSV as Windows-1252 (QA of 06.12.2026: "1 234" with its no-break space was refused as "1\u{FFFD}234").
        let file = form.files["file"].flatMap { $0.bytes.isEmpty ? nil : LineReader.text($0.bytes[...]) }
        let typed = form.fields["csv"] ?? ""
        if file != nil, !typed.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return try await render(context, errors: [.init(line: 0, message: "Bitte entweder eine Datei wählen oder den Text einfügen, nicht beides.")], csv: typed, status: .unprocessableContent)
        }
        let text = file ?? typed
        switch QuarterlyStatistics.parse(text, today: services.today) {
        case .failure(let rejected): return try await render(context, errors: rejected.errors, csv: text, status: .unprocessableContent)
        case .success(let stats):
            // Figures already recorded are replaced only once confirmed (QA of 05.12.2026: a second upload silently
            // overwrote a quarter): the page lists old → new and keeps the text for the confirming submit.
            // The confirmation names exactly the replacements it showed (a digest of them): a text changed before
            // confirming, or a file chosen instead, is asked about again (QA of 05.12.2026).
            let overwrites = stats.overwrites(in: try await services.statistics.load(authority: a.organisationID))
            if !overwrites.isEmpty, form.fields["replace"] != Self.digest(overwrites) {
                return try await render(context, csv: text, overwrites: overwrites, status: .conflict)
            }
            try await services.statistics.save(stats, authority: a.organisationID, audit: services.audit(a))
            return Reply.redirect("/statistics?gespeichert=\(stats.quarters.count)")
        }
    }
}
