import Foundation
import KlaxonServer
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@Suite struct BackgroundWorkTests {
    @Test func aGracefulShutdownWaitsForWorkAlreadyStarted() async throws {
        let work = BackgroundWork()
        let gate = TestGate()
        let finished = Flag()
        let ended = Flag()
        let group = ServiceGroup(services: [work], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                try await group.run()
                ended.set()
            }
            #expect(work.submit {
                await gate.wait()
                finished.set()
            })
            try await eventually("the job to start") { gate.arrived == 1 }
            await group.triggerGracefulShutdown()
            // Shutting down: no new work is taken, and the group has not ended while the job still runs.
            try await eventually("new work to be refused") { work.submit {} == false }
            for _ in 0..<200 { await Task.yield() }
            #expect(ended.isSet == false)
            #expect(finished.isSet == false)
            gate.open()
            try await tasks.next()
            #expect(ended.isSet)
            #expect(finished.isSet)
        }
    }
}

/// A flag set once from any task.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
