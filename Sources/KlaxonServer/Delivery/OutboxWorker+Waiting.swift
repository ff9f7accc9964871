import Foundation

/// When the worker reads the outbox next, and how it waits until then.
extension OutboxWorker {
    /// How soon a lane is read again after one of its messages was seen held or could not be claimed.
    static let recheck: TimeInterval = 1

    /// When to read a lane again after one of its messages was seen held, or could not be claimed: soon, not when the
    /// claim the read showed would lapse. The read may be older than this worker's last write (a statement still
    /// running on SQLite's reader connection keeps the snapshot it began with), so the claim it shows, up to a whole
    /// claim away, may be one this worker has already settled; waiting for it stalled a backlog for a minute. Another
    /// replica really holding the message costs a read a second until it lets go.
    static func lookAgain(_ now: Date) -> Date {
        now.addingTimeInterval(recheck)
    }

    /// Sleeps until `deadline` or a wake; true when a wake ended it.
    func waitUntil(_ deadline: Date?) async -> Bool {
        let clock = self.clock
        let wake = self.wake
        return await withTaskGroup(of: Bool.self) { group in
            if let deadline { group.addTask { try? await clock.sleep(until: deadline); return false } }
            group.addTask { await wake.wait(); return true }
            let woken = await group.next() ?? false
            group.cancelAll()
            return woken
        }
    }
}
