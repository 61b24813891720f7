import Foundation
import Hummingbird
import Storage

/// Limits what one sender may do in a window, in memory: the public form must not let one sender shut it for
/// everyone (a limit per service alone would). Senders are kept as hashes of their address, and only for the window.
final class SenderLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [String: [Date]] = [:]

    /// Whether `key` may act again at `now` (at most `limit` times within `window` seconds); counts the act if so.
    func allow(_ key: String, limit: Int, window: TimeInterval, now: Date) -> Bool {
        lock.withLock {
            let start = now.addingTimeInterval(-window)
            if seen.count > 10_000 { seen = seen.filter { $0.value.contains { $0 > start } } }   // forget old senders
            var times = (seen[key] ?? []).filter { $0 > start }
            guard times.count < limit else { seen[key] = times; return false }
            times.append(now)
            seen[key] = times
            return true
        }
    }
}

extension BleibeContext {
    /// The sender's address as a hash (never stored or logged as it is): the peer of the connection, or behind a
    /// trusted reverse proxy (`BLEIBE_TRUSTED_PROXY=1`) the address it forwarded (the last of X-Forwarded-For).
    func senderKey(_ request: Request, trustProxy: Bool) -> String {
        var address = peer ?? "unknown"
        if trustProxy, let forwarded = request.headers[.init("X-Forwarded-For")!]?.split(separator: ",").last {
            address = forwarded.trimmingCharacters(in: .whitespaces)
        }
        return AccountStore.sha256("sender:" + address)
    }
}
