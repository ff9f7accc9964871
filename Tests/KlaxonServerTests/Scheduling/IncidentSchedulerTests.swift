import Foundation
import KlaxonCore
import KlaxonServer
import Logging
import Testing

@Suite struct IncidentSchedulerTests {
    @Test func theServiceSleepsUntilTheNextDueTimeAndFiresIt() async throws {
        try await withScheduler { h in
            // Declared while the scheduler sleeps: the commit wakes it to look at the new incident's timers.
            try await h.say("p1 Payments failing", at: 0)
            try await eventually { h.clock.sleeperCount == 1 }
            h.clock.advance(minutes: 29)
            try await eventually { h.clock.sleeperCount == 1 }
            #expect(h.messages().filter { $0.kind == .nudgeUpdateDue }.isEmpty)
            h.clock.advance(minutes: 1)
            try await eventually { h.messages().contains { $0.kind == .nudgeUpdateDue } }
            #expect(h.messages().filter { $0.kind == .nudgeUpdateDue }.map(\.minute) == [30])
        }
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
        // It reads the store once when it starts; let it settle into its sleep first.
        try await settle(h)
        let calls = h.clock.sleepCalls
        for _ in 0..<2_000 { await Task.yield() }
        #expect(h.clock.sleepCalls == calls)
        task.cancel()
        _ = await task.result
        try await h.close()
    }

    @Test func aCommandThatMovesNoTimerForwardLeavesTheServiceAsleep() async throws {
        try await withScheduler { h in
            try await h.say("p1 Payments failing", at: 0)
            try await h.say("update Investigating", at: 1)
            try await settle(h)
            let calls = h.clock.sleepCalls
            let deadlines = h.clock.deadlines
            // A note sets nothing due sooner: the scheduler has no reason to read the store again.
            try await h.say("note Still fine", at: 2)
            try await h.say("note Pool size raised", at: 3)
            for _ in 0..<2_000 { await Task.yield() }
            #expect(h.clock.sleepCalls == calls)
            #expect(h.clock.deadlines == deadlines)
        }
    }

    @Test func aCommandThatMovesATimerForwardWakesTheServiceToSleepLess() async throws {
        try await withScheduler { h in
            try await h.say("p2 Search is slow", at: 0)
            try await settle(h)
            let before = try #require(h.clock.deadlines.first)
            // A P0's timers are minutes apart, a P2's hours: raising the severity brings one forward.
            try await h.say("severity p0", at: 1)
            let due = try #require(await h.desk.nextDue())
            #expect(due < before)
            try await eventually { h.clock.deadlines == [due] }
            let sent = h.messages().count
            h.clock.advance(to: due)
            try await eventually { h.messages().count > sent }
            #expect(h.messages().dropFirst(sent).allSatisfy { $0.minute == Int(due.timeIntervalSince(DeskHarness.start)) / 60 })
        }
    }

    /// Runs `body` on a desk whose scheduler runs from the start (polling only once a day, so only commits wake it).
    private func withScheduler(_ body: (DeskHarness) async throws -> Void) async throws {
        let h = try await DeskHarness()
        let scheduler = IncidentScheduler(desk: h.desk, clock: h.clock, logger: Logger(label: "test"), pollEvery: 24 * 3600)
        let task = Task { try await scheduler.run() }
        var failure: (any Error)?
        do { try await body(h) } catch { failure = error }
        task.cancel()
        _ = await task.result
        try await h.close()
        if let failure { throw failure }
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
