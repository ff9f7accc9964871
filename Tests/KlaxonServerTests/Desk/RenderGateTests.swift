import Foundation
import KlaxonServer
import Synchronization
import Testing

@Suite struct RenderGateTests {
    /// How many renders were inside at once, at most.
    final class Overlap: Sendable {
        private let counts = Mutex((inside: 0, most: 0, done: 0))
        func enter() { counts.withLock { $0.inside += 1; $0.most = max($0.most, $0.inside) } }
        func leave() { counts.withLock { $0.inside -= 1; $0.done += 1 } }
        var most: Int { counts.withLock { $0.most } }
        var done: Int { counts.withLock { $0.done } }
    }

    /// Work long enough for two threads' renders to overlap if nothing keeps them apart.
    static func busy(_ overlap: Overlap) -> Int {
        overlap.enter()
        defer { overlap.leave() }
        var sum = 0
        for value in 0..<200_000 { sum &+= value &* 31 }
        return sum
    }

    @Test("No more renders than the gate's limit run at once, and every one of a burst runs", arguments: [1, 2])
    func noMoreRendersThanTheLimitRunAtOnce(limit: Int) async {
        let gate = RenderGate(limit: limit)
        let overlap = Overlap()
        await withTaskGroup(of: Int.self) { group in
            for _ in 0..<64 {
                group.addTask { await gate.run { Self.busy(overlap) } }
            }
            for await _ in group {}
        }
        #expect(overlap.done == 64)
        #expect(overlap.most <= limit)
        #expect(overlap.most >= 1)
    }

    @Test func theDefaultLeavesACoreForEverythingElse() {
        #expect(RenderGate().limit == max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
    }
}
