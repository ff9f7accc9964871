import Foundation
import KlaxonCore
import KlaxonServer
import Logging
import Testing

@Suite struct IncidentSchedulerTests {
    @Test func theServiceSleepsUntilTheNextDueTimeAndFiresIt() async throws {
        let h = try await DeskHarness()
        let scheduler = IncidentScheduler(desk: h.desk, clock: h.clock, logger: Logger(label: "test"), pollEvery: 24 * 3600)
        let task = Task { try await scheduler.run() }
        // Declared while the scheduler sleeps: the commit wakes it to look at the new incident's timers.
        try await h.say("p1 Payments failing", at: 0)
        try await eventually { h.clock.sleeperCount == 1 }
        h.clock.advance(minutes: 29)
        try await eventually { h.clock.sleeperCount == 1 }
        #expect(h.messages().filter { $0.kind == .nudgeUpdateDue }.isEmpty)
        h.clock.advance(minutes: 1)
        try await eventually { h.messages().contains { $0.kind == .nudgeUpdateDue } }
        #expect(h.messages().filter { $0.kind == .nudgeUpdateDue }.map(\.minute) == [30])
        task.cancel()
        _ = await task.result
        try await h.close()
    }

    @Test func overdueTimersFireOnceWhenTheServiceStarts() async throws {
        let h = try await DeskHarness()
        try await h.say("p1 Payments failing", at: 0)
        h.clock.advance(minutes: 95)
        let scheduler = IncidentScheduler(desk: h.desk, clock: h.clock, logger: Logger(label: "test"), pollEvery: 24 * 3600)
        let task = Task { try await scheduler.run() }
        try await eventually { h.messages().contains { $0.kind == .nudgeUpdateDue } }
        try await eventually { h.clock.sleeperCount == 1 }
        // Three intervals were missed: one catch-up message, not three.
        #expect(h.messages().filter { $0.kind == .nudgeUpdateDue }.map(\.minute) == [95])
        task.cancel()
        _ = await task.result
        try await h.close()
    }

    @Test func withNothingDueTheServiceWaitsInsteadOfSpinning() async throws {
        let h = try await DeskHarness()
        try await h.say("p1 Payments failing", at: 0)
        try await h.say("update Investigating", at: 1)
        let scheduler = IncidentScheduler(desk: h.desk, clock: h.clock, logger: Logger(label: "test"), pollEvery: 24 * 3600)
        let task = Task { try await scheduler.run() }
        // Commands sent before it started leave one pending wake-up; let it settle first.
        try await settle(h)
        let calls = h.clock.sleepCalls
        for _ in 0..<2_000 { await Task.yield() }
        #expect(h.clock.sleepCalls == calls)
        // A command wakes it to look again, then it sleeps once more and stays asleep.
        try await h.say("note Still fine", at: 2)
        try await eventually { h.clock.sleepCalls > calls && h.clock.sleeperCount == 1 }
        let after = h.clock.sleepCalls
        for _ in 0..<2_000 { await Task.yield() }
        #expect(h.clock.sleepCalls == after)
        #expect(after - calls <= 2)
        task.cancel()
        _ = await task.result
        try await h.close()
    }

    /// Waits until the scheduler sleeps and has stopped calling `sleep`.
    private func settle(_ h: DeskHarness) async throws {
        var last = -1
        while last != h.clock.sleepCalls {
            last = h.clock.sleepCalls
            try await eventually { h.clock.sleeperCount == 1 }
            for _ in 0..<500 { await Task.yield() }
        }
    }
}
