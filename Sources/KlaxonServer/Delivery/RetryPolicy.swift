import Foundation

/// How long to wait before retrying a transient failure: exponential, capped low (during an outage the bot must
/// catch up soon after the platform is back), with jitter so replicas and lanes
/// don't retry in lockstep.
public struct RetryPolicy: Sendable {
    public var base: TimeInterval
    public var maximum: TimeInterval
    /// A factor in 0.5…1.0 applied to each delay; injectable so tests are exact.
    public var jitter: @Sendable () -> Double

    public init(base: TimeInterval = 1, maximum: TimeInterval = 30, jitter: @escaping @Sendable () -> Double = { Double.random(in: 0.5...1.0) }) {
        self.base = base
        self.maximum = maximum
        self.jitter = jitter
    }

    /// The delay after the `attempt`-th failed attempt (1-based).
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        let exponential = base * pow(2, Double(max(0, min(attempt - 1, 30))))
        return min(maximum, exponential) * jitter()
    }
}
