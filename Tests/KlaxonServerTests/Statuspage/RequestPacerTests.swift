import Foundation
import KlaxonServer
import Synchronization
import Testing

/// One request a second per key, on a manual clock.
@Suite("Request pacer")
struct RequestPacerTests {
    @Test("Requests asked for at once get turns a second apart, in the order they asked")
    func requestsAskedForAtOnceGetTurnsASecondApart() async throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let clock = ManualWallClock(start)
        let pacer = RequestPacer(interval: 1, clock: clock)
        let turns = Turns()
        try await pacer.turn()
        turns.taken(at: clock.now)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await pacer.turn()
                turns.taken(at: clock.now)
                try await pacer.turn()
                turns.taken(at: clock.now)
            }
            // The second turn waits for the clock: nothing but the clock lets it go.
            try await eventually("the pacer waits") { clock.sleeperCount == 1 }
            #expect(turns.times.count == 1)
            clock.advance(to: start.addingTimeInterval(0.5))
            #expect(turns.times.count == 1)
            clock.advance(to: start.addingTimeInterval(1))
            try await eventually("the third turn waits") { turns.times.count == 2 && clock.sleeperCount == 1 }
            clock.advance(to: start.addingTimeInterval(2))
            try await group.waitForAll()
        }
        #expect(turns.times == [start, start.addingTimeInterval(1), start.addingTimeInterval(2)])
    }

    @Test("After a quiet second the next request goes at once")
    func afterAQuietSecondTheNextRequestGoesAtOnce() async throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let clock = ManualWallClock(start)
        let pacer = RequestPacer(interval: 1, clock: clock)
        try await pacer.turn()
        clock.advance(to: start.addingTimeInterval(5))
        try await pacer.turn()
        #expect(clock.sleepCalls == 0)
    }

    @Test("A rate limit holds back the next turn until its Retry-After is over, and never brings a later one forward")
    func aRateLimitHoldsBackTheNextTurn() async throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let clock = ManualWallClock(start)
        let pacer = RequestPacer(interval: 1, clock: clock)
        try await pacer.turn()
        await pacer.hold(for: 30)
        // A shorter limit afterwards does not shorten the wait.
        await pacer.hold(for: 5)
        let turns = Turns()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await pacer.turn()
                turns.taken(at: clock.now)
            }
            try await eventually("the pacer waits") { clock.sleeperCount == 1 }
            clock.advance(to: start.addingTimeInterval(29))
            #expect(turns.times.isEmpty)
            clock.advance(to: start.addingTimeInterval(30))
            try await group.waitForAll()
        }
        #expect(turns.times == [start.addingTimeInterval(30)])
    }

    @Test("A turn given up while waiting for it goes to the next caller")
    func aCancelledTurnGoesToTheNextCaller() async throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let clock = ManualWallClock(start)
        let pacer = RequestPacer(interval: 1, clock: clock)
        try await pacer.turn()
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await pacer.turn() }
            try? await eventually("the second caller waits") { clock.sleeperCount == 1 }
            group.cancelAll()
            await #expect(throws: CancellationError.self) { try await group.next() }
        }
        let turns = Turns()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await pacer.turn()
                turns.taken(at: clock.now)
            }
            try await eventually("the next caller waits") { clock.sleeperCount == 1 }
            clock.advance(to: start.addingTimeInterval(1))
            try await eventually("the freed turn is taken") { turns.times.count == 1 }
            // Lets a caller that was given a later turn finish, so a failure ends instead of hanging.
            clock.advance(to: start.addingTimeInterval(2))
            try await group.waitForAll()
        }
        #expect(turns.times == [start.addingTimeInterval(1)])
    }

    /// When each turn came.
    final class Turns: Sendable {
        private let state = Mutex<[Date]>([])
        func taken(at time: Date) { state.withLock { $0.append(time) } }
        var times: [Date] { state.withLock { $0 } }
    }
}
