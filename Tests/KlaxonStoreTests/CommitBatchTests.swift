import Foundation
import KlaxonCore
import KlaxonStore
import Testing

/// A group commit writes its commits' rows together (one INSERT per table, one version check per incident): each
/// commit must still come out as it would written alone. Commits submitted before the first is awaited share
/// one batch (`GroupCommitter`).
@Suite struct CommitBatchTests {
    typealias F = StoreFixtures

    @Test(arguments: StoreEngine.all) func commitsOnOneIncidentInOneBatchAreAllStoredInOrder(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store)
        var commits: [Commit] = []
        for n in 1...20 {
            commits.append(F.commit(id, after: n, [F.event(.notePosted(text: "note \(n)"), minutes: Double(n))], request: "note-\(n)", follows: commits.last?.link))
        }
        let tickets = commits.map(store.submit)
        for (n, ticket) in zip(1..., tickets) {
            #expect(try await ticket.result() == .recorded(id, reply: "reply to note-\(n)"))
        }
        let stored = try #require(try await store.incident(id))
        #expect(stored.version == 21)
        #expect(stored.timeline.dropFirst().map(\.change) == (1...20).map { .notePosted(text: "note \($0)") })
        #expect(try await store.reply(forRequest: "note-20") == StoredReply(key: "note-20", body: "reply to note-20"))
        #expect(try await store.pendingOutbox(limit: 100).filter { $0.notice.incident == id }.map(\.notice.sequence) == Array(1...21))
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func aRequestDeliveredTwiceInOneBatchIsRecordedOnce(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store)
        // Both deliveries were decided on version 1, as two copies of one request arriving together are.
        let first = store.submit(F.commit(id, after: 1, [F.event(.notePosted(text: "once"), minutes: 1)], request: "twice"))
        let second = store.submit(F.commit(id, after: 1, [F.event(.notePosted(text: "once"), minutes: 1)], request: "twice"))
        #expect(try await first.result() == .recorded(id, reply: "reply to twice"))
        #expect(try await second.result() == .duplicate(StoredReply(key: "twice", body: "reply to twice")))
        #expect(try await store.head(id)?.version == 2)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func declarationsInOneBatchTakeConsecutiveNumbersAndARetryTakesNone(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let first = try await F.declare(store, request: "declare-0")
        let retry = store.submit(F.declaration(request: "declare-0"))
        let tickets = (1...5).map { store.submit(F.declaration(request: "declare-\($0)")) }
        #expect(try await retry.result() == .duplicate(StoredReply(key: "declare-0", body: "declared \(first) for declare-0")))
        for (n, ticket) in zip(1..., tickets) {
            let id = IncidentID(first.rawValue + n)
            #expect(try await ticket.result() == .recorded(id, reply: "declared \(id) for declare-\(n)"))
            #expect(try await store.incident(id)?.version == 1)
        }
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func aCommitOnAVersionTheBatchDoesNotReachIsRefusedAlone(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store)
        let other = try await F.declare(store)
        let good = store.submit(F.commit(id, after: 1, [F.event(.notePosted(text: "good"), minutes: 1)]))
        // Decided on version 1 as well, without knowing of the first: stale once the first is written.
        let stale = store.submit(F.commit(id, after: 1, [F.event(.notePosted(text: "stale"), minutes: 2)]))
        let elsewhere = store.submit(F.commit(other, after: 1, [F.event(.notePosted(text: "elsewhere"), minutes: 3)]))
        #expect(try await good.result() == .recorded(id, reply: nil))
        await #expect(throws: StoreError.conflict(id)) { try await stale.result() }
        #expect(try await elsewhere.result() == .recorded(other, reply: nil))
        #expect(try await store.incident(id)?.timeline.last?.change == .notePosted(text: "good"))
        #expect(try await store.head(other)?.version == 2)
        try await handle.close()
    }
}
