import Foundation
import KlaxonCore
import KlaxonStore
import Testing

/// The answers kept for retried requests are kept for a while, not for ever: the table took a row for every command.
@Suite struct HandledRequestTests {
    typealias F = StoreFixtures

    @Test(arguments: StoreEngine.all) func onlyRequestsHandledBeforeTheCutOffAreForgotten(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        // Declared at the start, refused a minute later, noted two hours later: each request handled at its event's time.
        let id = try await F.declare(store, request: "declared")
        try await store.remember(StoredReply(key: "refused", body: "no such incident"), at: F.start.addingTimeInterval(60))
        _ = try await store.commit(F.commit(id, after: 1, [F.event(.notePosted(text: "later"), minutes: 120)], request: "noted"))
        #expect(try await store.pruneHandledRequests(before: F.start.addingTimeInterval(3600)) == 2)
        #expect(try await store.reply(forRequest: "declared") == nil)
        #expect(try await store.reply(forRequest: "refused") == nil)
        #expect(try await store.reply(forRequest: "noted") == StoredReply(key: "noted", body: "reply to noted"))
        // Pruning again finds nothing older; the incident itself is untouched.
        #expect(try await store.pruneHandledRequests(before: F.start.addingTimeInterval(3600)) == 0)
        #expect(try await store.head(id)?.version == 2)
        try await handle.close()
    }
}
