import Foundation
import KlaxonCore
import Logging
import ServiceLifecycle

/// Keeps the playbook's clock: sleeps until the earliest due time in the store's index, fires what is due, and
/// wakes early when a command of this process sets something due sooner. Firings are events, so nothing is kept only in
/// memory, and the work grows with what is due, not with what is stored.
public struct IncidentScheduler: Service {
    let desk: IncidentDesk
    let clock: any WallClock
    let logger: Logger
    /// How often to look at the index even without a local change: other replicas' commits move due times too.
    let pollEvery: TimeInterval

    public init(desk: IncidentDesk, clock: any WallClock, logger: Logger, pollEvery: TimeInterval = 5) {
        self.desk = desk
        self.clock = clock
        self.logger = logger
        self.pollEvery = pollEvery
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await loop()
        }
    }

    private func loop() async {
        while !Task.isCancelled {
            // Anything overdue at start-up fires here once: a catch-up, not one message per missed interval.
            let firedAt = clock.now
            let fired = await desk.fireDue()
            // A full batch may have left more due: go again at once.
            if fired >= IncidentDesk.firingBatch { continue }
            let poll = clock.now.addingTimeInterval(pollEvery)
            let next = min(await desk.nextDue() ?? poll, poll)
            if next <= firedAt, fired == 0 {
                // It was due when we fired and nothing fired (a store that fails even to postpone): back off, don't spin.
                await waitUntil(clock.now.addingTimeInterval(1))
            } else {
                await waitUntil(next)
            }
        }
    }

    /// Sleeps until `deadline`, or until a commit of this process sets something due before it.
    private func waitUntil(_ deadline: Date) async {
        let clock = self.clock
        let changes = desk.changes
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(until: deadline) }
            group.addTask { await changes.wait(before: deadline) }
            await group.next()
            group.cancelAll()
        }
    }
}
