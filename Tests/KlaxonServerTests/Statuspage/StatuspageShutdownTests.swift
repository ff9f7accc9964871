import Foundation
import KlaxonServer
import Testing

/// Shutting down while a Statuspage send waits for its pacer turn.
@Suite("Statuspage sync at shutdown")
struct StatuspageShutdownTests {
    @Test("A send cut short by shutdown while it waits for its turn is neither counted as an attempt nor announced")
    func shutdownWhileWaitingForATurnIsNotAFailure() async throws {
        let rig = try await StatuspageRig.start()
        // Another lane just took the key's turn: this incident's first request must wait for the next one.
        try await rig.pacer.turn()
        try await rig.say("p0 Uploads failing --public", at: 0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await rig.h.drain() }
            try await eventually("the send waits for its turn") { rig.pacing.sleeperCount == 1 }
            group.cancelAll()
            try await group.waitForAll()
        }
        #expect(rig.api.received.isEmpty)
        let row = try #require(try await rig.h.desk.handle.store.pendingOutbox(limit: 100).first { $0.transport == .statuspage })
        #expect(row.attempts == 0)
        #expect(!row.inFlight)
        #expect(try await rig.incident()?.deliveryProblems[.statuspage] == nil)
        try await rig.stop()
    }
}
