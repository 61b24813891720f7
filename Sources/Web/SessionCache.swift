import Foundation
import Storage

/// Keeps recently seen sessions in memory for a few seconds, so that a burst of requests does not read the
/// session from the database every time. Logout and deactivation on this instance drop the entry at once; on
/// other instances (several behind one PostgreSQL) a change takes effect within `ttl` seconds.
final class SessionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (record: SessionRecord, account: Account, until: Date)] = [:]
    let ttl: TimeInterval

    init(ttl: TimeInterval = 5) { self.ttl = ttl }

    func get(_ token: String, now: Date) -> (SessionRecord, Account)? {
        lock.lock(); defer { lock.unlock() }
        guard let e = entries[token] else { return nil }
        if e.until < now { entries[token] = nil; return nil }
        return (e.record, e.account)
    }

    func put(_ token: String, _ record: SessionRecord, _ account: Account, now: Date) {
        lock.lock(); defer { lock.unlock() }
        if entries.count > 10_000 { entries = entries.filter { $0.value.until >= now } }
        entries[token] = (record, account, now.addingTimeInterval(ttl))
    }

    func drop(_ token: String) {
        lock.lock(); entries[token] = nil; lock.unlock()
    }

    func dropUser(_ userID: String) {
        lock.lock(); entries = entries.filter { $0.value.account.user.id != userID }; lock.unlock()
    }
}
