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
        return AccountStore.sha256("sender:" + Self.network(address))
    }

    /// The sender as counted: an IPv4 address as it is, an IPv6 address by its /64 network, which one subscriber
    /// holds whole (security review of 06.12.2026: each of its addresses counted as a sender of its own).
    static func network(_ address: String) -> String {
        let address = address.split(separator: "%").first.map(String.init) ?? address   // no zone id
        guard address.contains(":"), !address.contains(".") else { return address }
        let halves = address.lowercased().components(separatedBy: "::")
        guard halves.count <= 2 else { return address }
        let head = halves[0].split(separator: ":").map(String.init)
        let tail = halves.count == 2 ? halves[1].split(separator: ":").map(String.init) : []
        let groups = head + Array(repeating: "0", count: max(0, 8 - head.count - tail.count)) + tail
        guard groups.count == 8 else { return address }
        return groups.prefix(4).map { g in String(g.drop { $0 == "0" }).isEmpty ? "0" : String(g.drop { $0 == "0" }) }.joined(separator: ":") + "::/64"
    }
}
