import Foundation

/// Where the server gets the time from, and how it waits for a time; tests and the policy simulator use a manual one.
public protocol WallClock: Sendable {
    var now: Date { get }
    /// Suspends until `deadline` (or throws `CancellationError` when the task is cancelled).
    func sleep(until deadline: Date) async throws
}

/// The system's clock.
public struct SystemWallClock: WallClock {
    public init() {}

    public var now: Date { Date() }

    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        guard seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))), tolerance: .milliseconds(5))
    }
}
