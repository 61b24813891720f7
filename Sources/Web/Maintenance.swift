import Foundation
import Logging
import Storage

/// Deletions the application promises whether or not anyone opens a page: screening lists and results after their
/// retention time, online appointment requests after 90 days, the person's data in declined referrals after their
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
            try await services.cooperation.blankFinishedReferrals(declinedBefore: services.today.adding(days: -services.config.declinedReferralRetentionDays))
        }
        await attempt("orphaned upload removal") { try await DocumentFiles.removeOrphans(services: services) }
        // The audit trail's head outside the database (`AuditAnchors`): what was deleted after it shows.
        if let path = services.config.erasureJournal {
            await attempt("audit anchor") { _ = try await AuditAnchors.write(services.db, journal: ErasureJournal(path: path), at: services.timestamp()) }
        }
        services.screeningRunner.kick(services)
    }

    /// Runs one task of the pass; a failure is logged with its task and cause (no personal data: `ErrorCause`).
    static func attempt(_ task: String, _ body: () async throws -> Void) async {
        do { try await body() } catch { logger.error("maintenance task failed", metadata: .failure(error, ["task": .string(task)])) }
    }

    /// Runs a pass now and then every `interval` seconds until the task is cancelled.
    public static func start(_ services: AppServices, every interval: TimeInterval = 600) -> Task<Void, Never> {
        Task.detached {
            while !Task.isCancelled {
                await run(services)
                try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
            }
        }
    }
}
