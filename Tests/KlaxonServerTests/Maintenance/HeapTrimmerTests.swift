import Foundation
@testable import KlaxonServer
import Synchronization
import Testing

/// Freed heap goes back to the system once a burst of work is over, once, and never under load.
@Suite("Heap trimming")
struct HeapTrimmerTests {
    @Test("The heap is trimmed once when work ends, not while it lasts, however light its tail, nor while idle")
    func trimmedOncePerQuietSpell() async throws {
        let clock = ManualWallClock(TestHarness.start)
        // The process's CPU seconds at start and after each second: working, working (lightly: a burst's tail), quiet,
        // quiet, working, quiet, quiet.
        let cpu = Mutex<[TimeInterval]>([0, 0.5, 0.55, 0.555, 0.56, 1.06, 1.065, 1.07])
        let trims = Mutex(0)
        let trimmer = HeapTrimmer(
            clock: clock, cpuTime: { cpu.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] } }, trim: { trims.withLock { $0 += 1 } }
        )
        let running = Task { try await trimmer.run() }
        var seen: [Int] = []
        for tick in 1...7 {
            try await eventually("sleep \(tick)") { clock.sleepCalls == tick && clock.sleeperCount == 1 }
            clock.advance(to: clock.now.addingTimeInterval(1))
            try await eventually("tick \(tick) looked") { clock.sleepCalls == tick + 1 || cpu.withLock { $0.count } == 1 }
            seen.append(trims.withLock { $0 })
        }
        #expect(seen == [0, 0, 1, 1, 1, 2, 2])
        running.cancel()
    }
}
