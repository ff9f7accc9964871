import Foundation
import Synchronization

/// When the mail server first deferred a recipient of each message still being tried: the grace it has before the
/// others get the message without that recipient counts from then, not from the event (a message late because the
/// server was down gets the whole grace once it answers). Kept in memory: after a restart, or on another replica,
/// the grace starts again, which only waits longer.
final class EmailDeferrals: Sendable {
    private let firstDeferred = Mutex<[String: Date]>([:])
    /// Messages remembered at most (each until it is sent or given up for good).
    static let limit = 1000

    /// When the message was first deferred, if it was.
    func since(_ key: String) -> Date? {
        firstDeferred.withLock { $0[key] }
    }

    /// Notes a deferral of the message at `time`, unless one was noted before.
    func note(_ key: String, at time: Date) {
        firstDeferred.withLock { deferred in
            if deferred[key] == nil, deferred.count >= Self.limit { deferred.removeAll() }
            if deferred[key] == nil { deferred[key] = time }
        }
    }

    func forget(_ key: String) {
        _ = firstDeferred.withLock { $0.removeValue(forKey: key) }
    }
}
