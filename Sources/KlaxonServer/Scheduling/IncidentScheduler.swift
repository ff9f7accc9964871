import Foundation
import KlaxonCore
import Logging
import ServiceLifecycle

/// Keeps the playbook's clock: sleeps until the earliest due time over all watched incidents, fires what is due,
/// and wakes early when a command changes the answer. Firings are events, so nothing is kept only in memory.
public struct IncidentScheduler: Service {
    let desk: IncidentDesk
    let clock: any WallClock
    let logger: Logger
    /// How often to reload watched incidents from the store, to see incidents other replicas declared.
    let refreshEvery: TimeInterval

    public init(desk: IncidentDesk, clock: any WallClock, logger: Logger, refreshEvery: TimeInterval = 30) {
        self.desk = desk
        self.clock = clock
        self.logger = logger
        self.refreshEvery = refreshEvery
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await loop()
        }
    }

    private func loop() async throws {
        var nextRefresh = clock.now.addingTimeInterval(refreshEvery)
        while !Task.isCancelled {
            // Anything overdue at start-up fires here once: a catch-up, not one message per missed interval.
            await desk.fireDue()
            if clock.now >= nextRefresh {
                do { try await desk.load() } catch { logger.error("Could not reload incidents", metadata: ["error": "\(error)"]) }
                nextRefresh = clock.now.addingTimeInterval(refreshEvery)
                continue
            }
            let next = min(await desk.nextDue() ?? nextRefresh, nextRefresh)
            await waitUntil(next)
        }
    }

    /// Sleeps until `deadline` or until a commit may have changed what is due, whichever is first.
    private func waitUntil(_ deadline: Date) async {
        let clock = self.clock
        let changes = desk.changes
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(until: deadline) }
            group.addTask { await changes.wait() }
            await group.next()
            group.cancelAll()
        }
    }
}
