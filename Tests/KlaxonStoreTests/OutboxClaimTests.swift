import Foundation
import KlaxonCore
@testable import KlaxonStore
import SQLKit
import Testing

/// Part of the store contract: run on every engine.
@Suite struct OutboxClaimTests {
    typealias F = StoreFixtures

    @Test(arguments: StoreEngine.all) func onlyTheWorkerHoldingAClaimCanSettleTheMessage(engine: StoreEngine) async throws {
        let (database, handle, row) = try await Self.messageClaimedByA(engine)
        defer { database.remove() }
        let store = handle.store
        // A second worker cannot take it while the claim holds.
        #expect(try await store.claimDelivery(row.id, owner: "b", now: F.start.addingTimeInterval(30), until: F.start.addingTimeInterval(90)) == false)
        // The claim lapses (worker a stalled); b takes over, and a's late bookkeeping changes nothing.
        #expect(try await store.claimDelivery(row.id, owner: "b", now: F.start.addingTimeInterval(61), until: F.start.addingTimeInterval(121)))
        #expect(try await store.markDelivered(row.id, owner: "a", at: F.start.addingTimeInterval(62), receipt: "a's") == false)
        #expect(try await store.deferDelivery(row.id, owner: "a", until: F.start.addingTimeInterval(900), error: "x") == false)
        #expect(try await store.markFailed(row.id, owner: "a", at: F.start, error: "x") == false)
        #expect(try await store.renewClaim(row.id, owner: "a", until: F.start.addingTimeInterval(999)) == false)
        #expect(try await store.renewClaim(row.id, owner: "b", until: F.start.addingTimeInterval(180)))
        #expect(try await store.markDelivered(row.id, owner: "b", at: F.start.addingTimeInterval(62), receipt: "b's"))
        #expect(try await store.pendingOutbox(limit: 10).isEmpty)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func aClaimWaitsForTheMessagesNextAttempt(engine: StoreEngine) async throws {
        let (database, handle, row) = try await Self.messageClaimedByA(engine)
        defer { database.remove() }
        let store = handle.store
        // Rate limited: Retry-After 120 s. No worker may send it before then.
        #expect(try await store.deferDelivery(row.id, owner: "a", until: F.start.addingTimeInterval(120), error: "429"))
        #expect(try await store.claimDelivery(row.id, owner: "b", now: F.start.addingTimeInterval(119), until: F.start.addingTimeInterval(179)) == false)
        #expect(try await store.claimDelivery(row.id, owner: "b", now: F.start.addingTimeInterval(120), until: F.start.addingTimeInterval(180)))
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func aRunOfMessagesIsClaimedInOneWriteLeavingThoseHeldOrNotDue(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        for _ in 0..<3 { _ = try await F.declare(store) }
        let ids = try await store.pendingOutbox(limit: 10).map(\.id)
        try #require(ids.count == 3)
        // Worker b is sending the second; the third waits out a rate limit (Retry-After 120 s).
        #expect(try await store.claimDelivery(ids[1], owner: "b", now: F.start, until: F.start.addingTimeInterval(60)))
        #expect(try await store.claimDelivery(ids[2], owner: "c", now: F.start, until: F.start.addingTimeInterval(60)))
        #expect(try await store.deferDelivery(ids[2], owner: "c", until: F.start.addingTimeInterval(120), error: "429"))
        let first = try await store.claimDeliveries(ids, owner: "a", now: F.start.addingTimeInterval(1), until: F.start.addingTimeInterval(61))
        #expect(first == [ids[0]])
        // Only a may settle what it took.
        #expect(try await store.markDelivered(ids[1], owner: "a", at: F.start.addingTimeInterval(2), receipt: nil) == false)
        #expect(try await store.markDelivered(ids[0], owner: "a", at: F.start.addingTimeInterval(2), receipt: nil))
        // After b's claim lapsed and the rate limit is over, a takes the other two (the delivered one stays out).
        let rest = try await store.claimDeliveries(ids, owner: "a", now: F.start.addingTimeInterval(121), until: F.start.addingTimeInterval(181))
        #expect(rest == [ids[1], ids[2]])
        #expect(try await store.claimDeliveries([], owner: "a", now: F.start, until: F.start).isEmpty)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func aRunIsMarkedDeliveredInOneWriteEachRowWithItsOwnReceipt(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        for _ in 0..<4 { _ = try await F.declare(store) }
        let ids = try await store.pendingOutbox(limit: 10).map(\.id)
        try #require(ids.count == 4)
        #expect(try await store.claimDeliveries(Array(ids.prefix(3)), owner: "a", now: F.start, until: F.start.addingTimeInterval(60)) == Set(ids.prefix(3)))
        #expect(try await store.claimDelivery(ids[3], owner: "b", now: F.start, until: F.start.addingTimeInterval(60)))
        // The run names b's message too: only a's own three are marked, each with its own receipt (or none).
        let sent = [SentMessage(id: ids[0], receipt: "1700000000.000100"), SentMessage(id: ids[1], receipt: nil),
                    SentMessage(id: ids[2], receipt: "1700000000.000300"), SentMessage(id: ids[3], receipt: "a's")]
        #expect(try await store.markDelivered(sent, owner: "a", at: F.start.addingTimeInterval(5)) == Set(ids.prefix(3)))
        let rows = try await store.read { db in
            try await db.raw("SELECT id, receipt, sent_at, in_flight FROM outbox ORDER BY id").all().map { row in
                (try row.decode(column: "id", as: Int.self), try row.decode(column: "receipt", as: String?.self),
                 try row.decode(column: "sent_at", as: Double?.self), try row.decode(column: "in_flight", as: Int.self))
            }
        }
        let sentAt = F.start.addingTimeInterval(5).timeIntervalSince1970
        #expect(rows.map(\.0) == ids)
        #expect(rows.map(\.1) == ["1700000000.000100", nil, "1700000000.000300", nil])
        #expect(rows.map(\.2) == [sentAt, sentAt, sentAt, nil])
        #expect(rows.map(\.3) == [0, 0, 0, 1])
        #expect(try await store.pendingOutbox(limit: 10).map(\.id) == [ids[3]])
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func endingClaimsFreesWhatADeadRunWasSendingStillMarkedInFlight(engine: StoreEngine) async throws {
        let (database, handle, row) = try await Self.messageClaimedByA(engine)
        defer { database.remove() }
        let store = handle.store
        let restart = F.start.addingTimeInterval(5)
        #expect(try await store.endClaims(at: restart) == 1)
        #expect(try await store.endClaims(at: restart) == 0)
        let freed = try #require(try await store.pendingOutbox(limit: 10).first { $0.id == row.id })
        // Still in flight: the next worker looks it up on its platform before sending it again.
        #expect(freed.inFlight)
        #expect(try await store.claimDelivery(row.id, owner: "b", now: restart, until: restart.addingTimeInterval(20)))
        // Nothing was taken from the new run's own claims: a's late bookkeeping changes nothing.
        #expect(try await store.markDelivered(row.id, owner: "a", at: restart, receipt: "a's") == false)
        try await handle.close()
    }

    /// A store with one waiting message, claimed by worker "a" at the start for 60 s.
    static func messageClaimedByA(_ engine: StoreEngine) async throws -> (TestDatabase, StoreHandle, OutboxMessage) {
        let (database, handle) = try await engine.open()
        _ = try await F.declare(handle.store)
        let row = try #require(try await handle.store.pendingOutbox(limit: 10).first)
        #expect(try await handle.store.claimDelivery(row.id, owner: "a", now: F.start, until: F.start.addingTimeInterval(60)))
        return (database, handle, row)
    }
}
