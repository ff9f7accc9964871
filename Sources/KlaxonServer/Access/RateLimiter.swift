import Foundation
import Synchronization

/// How many requests each API token may make: a bucket of `burst` requests per token that refills at `perMinute`.
/// A token over its limit is told when to come back (429 with `Retry-After`); other tokens are not slowed.
public final class RateLimiter: Sendable {
    /// The limit every token gets.
    public struct Limit: Sendable, Equatable {
        public var perMinute: Int
        public var burst: Int

        public init(perMinute: Int, burst: Int) {
            self.perMinute = perMinute
            self.burst = burst
        }

        /// One request a second on average, bursts of 30: plenty for scripts, a brake on a runaway loop.
        public static let standard = Limit(perMinute: 60, burst: 30)
    }

    /// The answer for one request.
    public enum Decision: Equatable, Sendable {
        /// Let in; this many requests remain in the bucket.
        case allowed(remaining: Int)
        /// Refused; whole seconds until one request is allowed again.
        case limited(retryAfter: Int)
    }

    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    public let limit: Limit
    private let clock: any WallClock
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(limit: Limit, clock: any WallClock) {
        self.limit = limit
        self.clock = clock
    }

    /// Takes one request from `token`'s bucket, if it has one.
    public func take(for token: String) -> Decision {
        let now = clock.now
        let rate = Double(limit.perMinute) / 60
        let capacity = Double(limit.burst)
        return buckets.withLock { buckets in
            var bucket = buckets[token] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * rate)
            bucket.updated = now
            defer { buckets[token] = bucket }
            guard bucket.tokens >= 1 else {
                return .limited(retryAfter: max(1, Int(((1 - bucket.tokens) / rate).rounded(.up))))
            }
            bucket.tokens -= 1
            return .allowed(remaining: Int(bucket.tokens))
        }
    }
}
