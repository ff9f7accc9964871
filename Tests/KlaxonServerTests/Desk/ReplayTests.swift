import Foundation
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import Testing

/// A request is answered once: a replay gets the first answer, whether that recorded something or refused.
@Suite struct ReplayTests {
    @Test func aReplayedRefusalStaysARefusalAfterTheStateWouldAllowIt() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        try await harness.application().test(.router) { client in
            let refused = try await client.slash("update Rolled back", clock: harness.clock, trigger: "captured-update")
            #expect(refused.text.contains("no open incident") || refused.text.contains("No open incident"))
            _ = try await client.slash("p1 Payments failing", clock: harness.clock)
            let replayed = try await client.slash("update Rolled back", clock: harness.clock, trigger: "captured-update")
            #expect(replayed.text == refused.text)
        }
        let incident = try #require(try await handle.store.incident(IncidentID(1)))
        #expect(incident.lastUpdateText == nil)
        #expect(incident.version == 1)
        try await handle.close()
    }

    @Test func twentyCopiesOfOneDeclarationStoreOneIncidentAndBurnNoNumbers() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        try await harness.application().test(.router) { client in
            for _ in 0..<20 {
                _ = try await client.slash("p2 OCR slow", clock: harness.clock, trigger: "one-declaration")
            }
            _ = try await client.slash("p2 Custom domains failing", clock: harness.clock)
        }
        #expect(try await handle.store.heads(IncidentQuery(.open)).map(\.id) == [IncidentID(1), IncidentID(2)])
        try await handle.close()
    }
}
