import Foundation
import KlaxonServer
import Testing

@Suite struct RateLimiterTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aTokenMayUseItsBurstThenWaitsForTheRefill() {
        let clock = ManualWallClock(Self.start)
        let limiter = RateLimiter(limit: RateLimiter.Limit(perMinute: 6, burst: 3), clock: clock)
        #expect((0..<3).map { _ in limiter.take(for: "ci") } == [.allowed(remaining: 2), .allowed(remaining: 1), .allowed(remaining: 0)])
        // Six a minute: one request every ten seconds.
        #expect(limiter.take(for: "ci") == .limited(retryAfter: 10))
        clock.advance(to: Self.start.addingTimeInterval(4))
        #expect(limiter.take(for: "ci") == .limited(retryAfter: 6))
        clock.advance(to: Self.start.addingTimeInterval(10))
        #expect(limiter.take(for: "ci") == .allowed(remaining: 0))
        #expect(limiter.take(for: "ci") == .limited(retryAfter: 10))
    }

    @Test func oneTokenOverItsLimitDoesNotSlowAnother() {
        let limiter = RateLimiter(limit: RateLimiter.Limit(perMinute: 60, burst: 1), clock: ManualWallClock(Self.start))
        #expect(limiter.take(for: "runaway") == .allowed(remaining: 0))
        #expect(limiter.take(for: "runaway") == .limited(retryAfter: 1))
        #expect(limiter.take(for: "ci") == .allowed(remaining: 0))
    }

    @Test func aBucketNeverFillsPastItsBurst() {
        let clock = ManualWallClock(Self.start)
        let limiter = RateLimiter(limit: RateLimiter.Limit(perMinute: 60, burst: 2), clock: clock)
        _ = limiter.take(for: "ci")
        clock.advance(to: Self.start.addingTimeInterval(3_600))
        #expect(limiter.take(for: "ci") == .allowed(remaining: 1))
        #expect(limiter.take(for: "ci") == .allowed(remaining: 0))
        #expect(limiter.take(for: "ci") == .limited(retryAfter: 1))
    }
}
