import Foundation
import KlaxonStore
import Logging
import Synchronization
import Testing

@testable import KlaxonServer

@Suite struct WALCheckpointerTests {
    /// A checkpoint that counts its calls and fails when told to.
    private final class Log: Sendable {
        let calls = Mutex(0)
        let failing = Mutex(false)

        func checkpoint() throws -> WALCheckpoint {
            calls.withLock { $0 += 1 }
            if failing.withLock({ $0 }) { throw StoreError.unreachable("the disk is gone") }
            return WALCheckpoint(framesInLog: 12, framesCopied: 12)
        }
    }

    /// Moves the clock one second `times` times, each time once the checkpointer sleeps, and returns when it sleeps
    /// again (its checkpoint done).
    private func advance(_ clock: ManualWallClock, seconds times: Int) async {
        for _ in 0..<times {
            await clock.sleeperArrival()
            clock.advance(to: clock.now.addingTimeInterval(1))
            await clock.sleeperArrival()
        }
    }

    // A service that stopped after a failure would leave `advance` waiting for it: the limit turns that into a failure.
    @Test(.timeLimit(.minutes(1))) func theLogIsCheckpointedOnceEveryIntervalAndAgainAfterAFailure() async throws {
        let clock = ManualWallClock(Date(timeIntervalSince1970: 1_800_000_000))
        let log = Log()
        let checkpointer = WALCheckpointer(
            checkpoint: { try log.checkpoint() }, clock: clock, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )
        let running = Task { try await checkpointer.run() }
        defer { running.cancel() }

        // Nothing before the first interval has passed.
        await clock.sleeperArrival()
        #expect(log.calls.withLock { $0 } == 0)
        await advance(clock, seconds: 3)
        #expect(log.calls.withLock { $0 } == 3)

        // A failing checkpoint does not stop the service: the next interval tries again.
        log.failing.withLock { $0 = true }
        await advance(clock, seconds: 2)
        log.failing.withLock { $0 = false }
        await advance(clock, seconds: 1)
        #expect(log.calls.withLock { $0 } == 6)
    }
}
