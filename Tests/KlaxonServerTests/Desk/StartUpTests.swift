import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Testing

@Suite struct StartUpTests {
    /// The database an earlier Klaxon wrote (see Tests/KlaxonStoreTests/Fixtures/README.md).
    static var schemaOne: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("KlaxonStoreTests/Fixtures/schema-1.sqlite").path
    }

    @Test func aDatabaseFromBeforeDueTimesGetsThemAtStartUpAndCarriesOn() async throws {
        let directory = NSTemporaryDirectory() + "klaxon-upgrade-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: Self.schemaOne, toPath: directory + "/" + SQLiteIncidentStore.fileName)
        // Days after it was written: everything watched is overdue.
        let h = try await DeskHarness(directory: directory, clock: ManualWallClock(Date().addingTimeInterval(3 * 86_400)))
        let store = h.handle.store
        #expect(try await store.needingReindex(limit: 10).isEmpty)
        #expect(try await store.openIncidentCounts() == [.p0: 1, .p2: 1], "the open P0 and P2, counted from the index")
        let due = try await store.due(until: h.clock.now, limit: 10).map(\.id)
        // The open P0 and P2 are due their updates; the resolved P1 its review reminder; the P3 nothing.
        #expect(due.sorted() == [IncidentID(1), IncidentID(2), IncidentID(4)])
        #expect(await h.desk.fireDue() == 3)
        #expect(try await h.desk.openIncidents().map(\.id) == [IncidentID(1), IncidentID(4)])
        try await h.say("update #1 Deploy rolled back, uploads recovering")
        try await h.close()
    }
}
