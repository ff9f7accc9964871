import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Synchronization
import Testing

/// Two replicas on one database, each with an outbox worker: one incident's copy on Statuspage is still sent by one
/// worker at a time, in order, and created once.
@Suite("Statuspage sync across replicas")
struct StatuspageReplicaTests {
    /// Declares a public P0 and changes its components: two changes wait in the Statuspage lane; returns the first.
    private func firstOfTwoChanges(_ rig: StatuspageRig) async throws -> OutboxMessage {
        try await rig.say("p0 Uploads failing --public", at: 0)
        try await rig.say("affects uploads")
        return try #require(try await rig.h.desk.handle.store.pendingOutbox(limit: 100).first { $0.transport == .statuspage })
    }

    @Test("A replica that read a lane before another claimed its older change sends nothing beside it, so no older state follows a newer one")
    func aReplicaNeverSendsBesideAnother() async throws {
        let rig = try await StatuspageRig.start()
        let first = try await firstOfTwoChanges(rig)
        let store = rig.h.desk.handle.store
        let clock = rig.h.desk.clock
        // Replica A read only the first change and claims it just after replica B read both.
        let raced = Mutex(false)
        let interposed = InterposedStore(base: store) { _ in } afterReadingOutbox: { _ in
            guard raced.withLock({ done in defer { done = true }; return !done }) else { return }
            let claimed = try await store.claimDelivery(first.id, owner: "replica-a", now: clock.now, until: clock.now.addingTimeInterval(60))
            #expect(claimed)
        }
        let b = rig.replica(store: interposed)
        await rig.drain { await b.drain() }
        #expect(rig.api.received.isEmpty, "B sent while A holds an older change of the lane")
        let waiting = try await store.pendingOutbox(limit: 100).filter { $0.transport == .statuspage && $0.id != first.id }
        #expect(waiting.map(\.inFlight) == [false], "B let go of what it claimed")
        #expect(waiting.map(\.attempts) == [0], "letting go is not an attempt")
        // A lets go without sending; the lane then goes as one send of the newest state.
        #expect(try await store.releaseClaim(first.id, owner: "replica-a"))
        await rig.drain()
        #expect(rig.api.received.map(\.line) == ["GET", "POST"])
        #expect(rig.api.changes.last?.fields?.components == ["spuploads": "major_outage"])
        try await rig.stop()
    }

    @Test("A replica that finds another's claim on the lane reads it again in a second, not when that claim would lapse")
    func aHeldLaneIsReadAgainSoon() async throws {
        let rig = try await StatuspageRig.start()
        let first = try await firstOfTwoChanges(rig)
        let store = rig.h.desk.handle.store
        let clock = rig.h.desk.clock
        #expect(try await store.claimDelivery(first.id, owner: "replica-a", now: clock.now, until: clock.now.addingTimeInterval(60)))
        // B sees only the Statuspage lane, so its next look is that lane's.
        var interposed = InterposedStore(base: store) { _ in }
        interposed.rewriteOutbox = { pending in pending.filter { $0.transport == .statuspage } }
        let b = rig.replica(store: interposed)
        let next = await rig.drain { await b.drain() }
        #expect(next == clock.now.addingTimeInterval(1), "A's claim, which B's read may show after A let it go, lapses only in a minute")
        #expect(rig.api.received.isEmpty, "nothing sent beside A")
        try await rig.stop()
    }

    @Test("A change recorded while the create was on its way updates the new copy without looking for it again")
    func aChangeQueuedDuringTheCreateUsesTheRecordedLink() async throws {
        let rig = try await StatuspageRig.start()
        try await rig.say("p0 Uploads failing --public", at: 0)
        let store = rig.h.desk.handle.store
        let raced = Mutex(false)
        // The change is recorded after the worker read the outbox, so its notice is older than the link.
        let interposed = InterposedStore(base: store) { _ in } afterReadingOutbox: { [rig] _ in
            guard raced.withLock({ done in defer { done = true }; return !done }) else { return }
            try await rig.say("affects uploads")
        }
        let worker = rig.replica(store: interposed)
        await rig.drain { await worker.drain() }
        #expect(rig.api.received.map(\.line) == ["GET", "POST"])
        await rig.drain()
        #expect(rig.api.received.map(\.line) == ["GET", "POST", "PATCH sp1"])
        #expect(rig.api.incidents.count == 1)
        try await rig.stop()
    }
}
