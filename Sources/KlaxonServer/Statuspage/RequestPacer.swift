import Foundation

/// Spaces the requests made with one API key at least `interval` apart, whichever incident (lane) they are for:
/// Statuspage allows one request a second per key. Turns are handed out in call order; the waiting is done on the
/// injected clock, so tests drive it with a manual one.
public actor RequestPacer {
    public let interval: TimeInterval
    private let clock: any WallClock
    private var nextTurn: Date?

    public init(interval: TimeInterval = 1, clock: any WallClock) {
        self.interval = interval
        self.clock = clock
    }

    /// Waits until the caller may send its request. Throws `CancellationError` when the task is cancelled.
    public func turn() async throws {
        let now = clock.now
        let before = nextTurn
        let slot = max(now, nextTurn ?? now)
        // Taken before waiting, so callers that arrive while this one waits queue up behind it (actors are re-entrant).
        nextTurn = slot.addingTimeInterval(interval)
        guard slot > now else { return }
        do {
            try await clock.sleep(until: slot)
        } catch {
            // Cancelled (shutdown): the turn goes back, unless a later caller or a rate limit has moved past it.
            if nextTurn == slot.addingTimeInterval(interval) { nextTurn = before }
            throw error
        }
    }

    /// Statuspage answered 420/429 with `Retry-After`: no turn comes before that, whichever lane asks, so the other
    /// incidents on the key wait too instead of collecting refusals of their own.
    public func hold(for retryAfter: TimeInterval) {
        let until = clock.now.addingTimeInterval(retryAfter)
        nextTurn = max(nextTurn ?? until, until)
    }
}
