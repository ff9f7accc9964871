import Foundation
import KlaxonCore
import KlaxonStore
import Testing

/// A commit decided on another commit of the same process that had not reached the disk yet must not be stored
/// when that one was not: its version may by then be another replica's, and the check would pass on the wrong state.
@Suite struct CommitChainTests {
    typealias F = StoreFixtures

    @Test(arguments: StoreEngine.shared) func aCommitBuiltOnOneThatLostToAnotherReplicaIsNotStored(engine: StoreEngine) async throws {
        let database = engine.make()
        defer { database.remove() }
        let ours = try await database.open()
        let theirs = try await database.open()
        let id = try await F.declare(ours.store)
        // The other replica writes version 2 first; ours had decided a note on version 1 and a second one on top.
        _ = try await theirs.store.commit(F.commit(id, after: 1, [F.event(.notePosted(text: "theirs"), minutes: 1)]))
        let first = F.commit(id, after: 1, [F.event(.notePosted(text: "ours 1"), minutes: 2)], request: "ours-1")
        let second = F.commit(id, after: 2, [F.event(.notePosted(text: "ours 2"), minutes: 3)], request: "ours-2", follows: first.link)
        // Apart, so that the second is not merely failed with the first's batch.
        await #expect(throws: StoreError.conflict(id)) { try await ours.store.commit(first) }
        await #expect(throws: StoreError.conflict(id)) { try await ours.store.commit(second) }
        let stored = try #require(try await theirs.store.incident(id))
        #expect(stored.timeline.map(\.change) == [F.declared().change, .notePosted(text: "theirs")])
        #expect(try await ours.store.reply(forRequest: "ours-2") == nil)
        try await ours.close()
        try await theirs.close()
    }

    @Test(arguments: StoreEngine.all) func aCommitBuiltOnADuplicateIsNotStoredEvenWhenItsVersionMatches(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store)
        _ = try await store.commit(F.commit(id, after: 1, [F.event(.notePosted(text: "first"), minutes: 1)], request: "retried"))
        // The retry is taken for a duplicate and records nothing; the commit built on it expects version 2, which
        // the store is at, but by the first attempt's event, not by the retry's.
        let retry = F.commit(id, after: 1, [F.event(.notePosted(text: "first"), minutes: 1)], request: "retried")
        let onTop = F.commit(id, after: 2, [F.event(.notePosted(text: "on top"), minutes: 2)], follows: retry.link)
        let retried = store.submit(retry)
        let built = store.submit(onTop)
        #expect(try await retried.result() == .duplicate(StoredReply(key: "retried", body: "reply to retried")))
        await #expect(throws: StoreError.conflict(id)) { try await built.result() }
        #expect(try await store.head(id)?.version == 2)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func aCommitBuiltOnAStoredOneIsStored(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store)
        let first = F.commit(id, after: 1, [F.event(.notePosted(text: "one"), minutes: 1)])
        let second = F.commit(id, after: 2, [F.event(.notePosted(text: "two"), minutes: 2)], follows: first.link)
        let tickets = [store.submit(first), store.submit(second)]
        for ticket in tickets { _ = try await ticket.result() }
        #expect(first.link.recorded == true)
        #expect(try await store.head(id)?.version == 3)
        try await handle.close()
    }
}
