import Foundation
import KlaxonCore
import KlaxonStore
import Testing

@Suite struct SQLiteIncidentStoreTests {
    typealias F = StoreFixtures

    @Test func committedEventsComeBackAsTheSameIncident() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: F.logger)
        let store = handle.store
        let id = try await store.nextIncidentID()
        let events = [F.declared(), F.event(.commanderAssigned(F.ann), minutes: 2), F.event(.updatePosted(text: "Rolling back"), minutes: 5)]
        try await store.commit(F.commit(id, after: 0, events))
        let loaded = try #require(try await store.incident(id))
        #expect(loaded.timeline == events)
        #expect(loaded.commander == F.ann)
        #expect(loaded.lastUpdateText == "Rolling back")
        #expect(try await store.trackedIncidents().map(\.id) == [id])
        try await handle.close()
    }

    @Test func incidentNumbersAreNeverReused() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: F.logger)
        let first = try await handle.store.nextIncidentID()
        let second = try await handle.store.nextIncidentID()
        #expect(first != second)
        #expect(second.rawValue > first.rawValue)
        try await handle.close()
    }

    @Test func aStaleVersionConflictsAndWritesNothing() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: F.logger)
        let store = handle.store
        let id = try await store.nextIncidentID()
        try await store.commit(F.commit(id, after: 0, [F.declared()]))
        try await store.commit(F.commit(id, after: 1, [F.event(.notePosted(text: "first writer"), minutes: 1)]))
        await #expect(throws: StoreError.conflict(id)) {
            try await store.commit(F.commit(id, after: 1, [F.event(.notePosted(text: "second writer"), minutes: 1)], request: "late"))
        }
        let loaded = try #require(try await store.incident(id))
        #expect(loaded.timeline.count == 2)
        #expect(try await store.reply(forRequest: "late") == nil)
        #expect(try await store.pendingOutbox(limit: 10).count == 2)
        try await handle.close()
    }

    @Test func outboxRowsAreWrittenWithTheirEvents() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: F.logger)
        let store = handle.store
        let id = try await store.nextIncidentID()
        try await store.commit(F.commit(id, after: 0, [F.declared()]))
        try await store.commit(F.commit(id, after: 1, [F.event(.updatePosted(text: "x"), minutes: 3)]))
        let outbox = try await store.pendingOutbox(limit: 10)
        #expect(outbox.map(\.notice.sequence) == [1, 2])
        #expect(outbox.allSatisfy { $0.notice.incident == id && $0.attempts == 0 })
        #expect(outbox[0].id < outbox[1].id)
        try await handle.close()
    }

    @Test func aRequestsReplyIsKeptWithItsCommit() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: F.logger)
        let store = handle.store
        let id = try await store.nextIncidentID()
        try await store.commit(F.commit(id, after: 0, [F.declared()], request: "slack:trigger-1"))
        #expect(try await store.reply(forRequest: "slack:trigger-1") == StoredReply(key: "slack:trigger-1", body: "reply to slack:trigger-1"))
        #expect(try await store.reply(forRequest: "slack:trigger-2") == nil)
        try await handle.close()
    }

    @Test func resolvedIncidentsLeaveTheOpenListButCanStillBeRead() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: F.logger)
        let store = handle.store
        let id = try await store.nextIncidentID()
        try await store.commit(F.commit(id, after: 0, [F.declared()]))
        try await store.commit(F.commit(id, after: 1, [F.event(.resolved(summary: "fixed", forcedReason: "late"), minutes: 30)], open: false))
        #expect(try await store.trackedIncidents().isEmpty)
        let loaded = try #require(try await store.incident(id))
        #expect(loaded.isOpen == false)
        #expect(loaded.resolution == "fixed")
        try await handle.close()
    }

    @Test func everythingSurvivesClosingAndReopeningTheFile() async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        let id = try await first.store.nextIncidentID()
        let events = [F.declared(), F.event(.commanderAssigned(F.ann), minutes: 1)]
        try await first.store.commit(F.commit(id, after: 0, events, request: "r1"))
        try await first.close()

        let second = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        #expect(try await second.store.trackedIncidents().map(\.timeline) == [events])
        #expect(try await second.store.reply(forRequest: "r1") != nil)
        #expect(try await second.store.pendingOutbox(limit: 10).count == 2)
        let next = try await second.store.nextIncidentID()
        #expect(next.rawValue > id.rawValue)
        try await second.close()
    }

    @Test func twoConnectionsToOneFileCannotBothAppendTheSameSequence() async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let a = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        let b = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        let id = try await a.store.nextIncidentID()
        try await a.store.commit(F.commit(id, after: 0, [F.declared()]))
        // Both replicas decided on version 1; only one may win.
        try await a.store.commit(F.commit(id, after: 1, [F.event(.notePosted(text: "from a"), minutes: 1)]))
        await #expect(throws: StoreError.conflict(id)) {
            try await b.store.commit(F.commit(id, after: 1, [F.event(.notePosted(text: "from b"), minutes: 1)]))
        }
        let seen = try #require(try await b.store.incident(id))
        #expect(seen.timeline.map(\.change).last == .notePosted(text: "from a"))
        try await a.close()
        try await b.close()
    }

    @Test func onlyMessagesDeliveredBeforeTheCutOffArePruned() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: F.logger)
        let store = handle.store
        let id = try await store.nextIncidentID()
        try await store.commit(F.commit(id, after: 0, [F.declared(), F.event(.notePosted(text: "a"), minutes: 1), F.event(.notePosted(text: "b"), minutes: 2)]))
        let rows = try await store.pendingOutbox(limit: 10)
        try await store.markDelivered(rows[0].id, at: F.start, receipt: "1")
        try await store.markDelivered(rows[1].id, at: F.start.addingTimeInterval(3600), receipt: "2")
        #expect(try await store.pruneDelivered(before: F.start.addingTimeInterval(60)) == 1)
        // The undelivered one stays, and so does the recent delivery (pruning again finds nothing older).
        #expect(try await store.pendingOutbox(limit: 10).map(\.id) == [rows[2].id])
        #expect(try await store.pruneDelivered(before: F.start.addingTimeInterval(60)) == 0)
        try await handle.close()
    }

    @Test func aHandleDroppedWithoutClosingStillClosesItsFile() async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let dropped = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
            _ = try await dropped.store.nextIncidentID()
        }
        // Had the connection not been closed, SQLiteNIO would have stopped the process; the file opens again.
        let again = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        #expect(try await again.store.nextIncidentID() == IncidentID(2))
        try await again.close()
    }
}
