import Foundation
import Logging
import Storage

/// Deletions the application promises whether or not anyone opens a page: screening lists and results after their
/// retention time, online appointment requests after 90 days, the person's data in decided referrals after their
/// retention time and in referrals whose file was erased. Also resumes screening jobs left by a stopped instance.
public enum Maintenance {
    static let logger = Logger(label: "bleibe.maintenance")

    /// One pass; a task that fails is logged and left for the next pass (a database that is briefly away must not end
    /// the loop; QA32 F8: failures left no trace, so audit anchors could stop unnoticed).
    public static func run(_ services: AppServices) async {
        await attempt("screening purge") { try await ScreeningRunner.purge(services) }
        await attempt("appointment request purge") {
            try await services.appointments.purgeRequests(before: services.timestamp(services.now().addingTimeInterval(-90 * 86_400)))
        }
        await attempt("referral blanking") {
            try await services.cooperation.blankFinishedReferrals(decidedBefore: services.today.adding(days: -services.config.referralRetentionDays))
        }
        await attempt("orphaned upload removal") { try await DocumentFiles.removeOrphans(services: services) }
        await anchor(services)
        services.screeningRunner.kick(services)
    }

    /// The audit trail's head outside the database (`AuditAnchors`): a deleted tail shows. A line only when the head moved.
    static func anchor(_ services: AppServices) async {
        guard let path = services.config.erasureJournal else { return }
        await attempt("audit anchor") { _ = try await AuditAnchors.write(services.db, journal: ErasureJournal(path: path), at: services.timestamp()) }
    }

    /// Runs one task of the pass; a failure is logged with its task and cause (no personal data: `ErrorCause`).
    static func attempt(_ task: String, _ body: () async throws -> Void) async {
        do { try await body() } catch { logger.error("maintenance task failed", metadata: .failure(error, ["task": .string(task)])) }
    }

    /// Runs a pass now and then every `interval` seconds until the task is cancelled; anchors the audit trail every
    /// `anchorInterval` seconds in between (QA42 F1: ten minutes of events only the chain protected).
    public static func start(_ services: AppServices, every interval: TimeInterval = 600, anchorInterval: TimeInterval = 60) -> Task<Void, Never> {
        Task.detached {
            var lastPass = Date.distantPast
            while !Task.isCancelled {
                if Date().timeIntervalSince(lastPass) >= interval { lastPass = Date(); await run(services) } else { await anchor(services) }
                try? await Task.sleep(nanoseconds: UInt64(min(interval, anchorInterval) * 1_000_000_000))
            }
        }
    }
}
