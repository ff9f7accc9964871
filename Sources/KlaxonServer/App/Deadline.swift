import Foundation

/// Chat platforms want an answer within 3 seconds. A command's work runs as a task; if it finishes within `seconds`
/// its answer goes back at once, otherwise the caller acknowledges now and delivers the answer later.
enum Deadline {
    /// The task's result if it is ready in time, `nil` to defer (always `nil` for 0 seconds).
    static func answer<T: Sendable>(_ work: Task<T, any Error>, within seconds: TimeInterval, clock: any WallClock) async throws -> T? {
        guard seconds > 0 else { return nil }
        let deadline = clock.now.addingTimeInterval(seconds)
        let result = await withTaskGroup(of: Result<T, any Error>?.self) { group in
            group.addTask { await work.result }
            group.addTask {
                try? await clock.sleep(until: deadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        return try result?.get()
    }
}
