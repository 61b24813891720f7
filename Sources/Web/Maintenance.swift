import Foundation
import Storage

/// Deletions the application promises whether or not anyone opens a page: screening lists and results after their
/// retention time, online appointment requests after 90 days, the person's data in declined referrals after their
/// retention time and in referrals whose file was erased. Also resumes screening jobs left by a stopped instance.
public enum Maintenance {
    /// One pass; errors are left for the next (a database that is briefly away must not end the loop).
    public static func run(_ services: AppServices) async {
        try? await ScreeningRunner.purge(services)
        try? await services.appointments.purgeRequests(before: services.timestamp(services.now().addingTimeInterval(-90 * 86_400)))
        try? await services.cooperation.blankFinishedReferrals(declinedBefore: services.today.adding(days: -services.config.declinedReferralRetentionDays))
        // The audit trail's head outside the database (`AuditAnchors`): what was deleted after it shows.
        if let path = services.config.erasureJournal { _ = try? await AuditAnchors.write(services.db, journal: ErasureJournal(path: path), at: services.timestamp()) }
        services.screeningRunner.kick(services)
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
