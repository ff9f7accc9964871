import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import KlaxonStore
import Logging
import Synchronization
import Testing

/// The claim a worker holds on a message it sends again after a crash covers the look for the earlier attempt too:
/// a look slower than the claim must not end in a send that another worker, which took the lapsed claim over, makes
/// as well.
@Suite("Outbox claims across a slow look")
struct ClaimRenewalTests {
    @Test("A look for an earlier attempt that outlasts the claim, while another worker takes the message over, ends without a send")
    func aSlowLookThatLostTheClaimSendsNothing() async throws {
        let desk = try await DeskHarness()
        try await desk.say("p3 OCR stuck", at: 0)
        let store = desk.handle.store
        let message = try #require(try await store.pendingOutbox(limit: 10).first)
        // A worker that died mid-send: its claim lapses, so the message is sent again, after a look for it.
        #expect(try await store.claimDelivery(message.id, owner: "the worker that died", now: desk.clock.now, until: desk.clock.now.addingTimeInterval(1)))
        desk.clock.advance(minutes: 1)
        let transport = SlowLookConsole(store: store, clock: desk.clock, messageID: message.id)
        let worker = OutboxWorker(
            store: store, policy: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil).policy, transports: [transport], clock: desk.clock,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), wake: desk.desk.outboxChanges, retry: RetryPolicy(jitter: { 1.0 })
        ) { _ in }
        await worker.drain()
        #expect(transport.looked == [message.id])
        #expect(transport.sent.isEmpty, "the other worker sends it: one page, not two")
        let waiting = try #require(try await store.pendingOutbox(limit: 10).first { $0.id == message.id })
        #expect(waiting.inFlight, "still the other worker's")
        try await desk.close()
    }

    /// The console, whose look for an earlier attempt takes longer than a claim, during which another worker
    /// takes the message over.
    private final class SlowLookConsole: MessageTransport {
        let name = TransportName.console
        var threads: Bool { false }
        let store: any IncidentStore
        let clock: ManualWallClock
        let messageID: Int
        private let log = Mutex<(looked: [Int], sent: [Int])>(([], []))

        init(store: any IncidentStore, clock: ManualWallClock, messageID: Int) {
            self.store = store
            self.clock = clock
            self.messageID = messageID
        }

        var looked: [Int] { log.withLock { $0.looked } }
        var sent: [Int] { log.withLock { $0.sent } }

        func findDelivered(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt? {
            log.withLock { $0.looked.append(delivery.id) }
            clock.advance(to: clock.now.addingTimeInterval(25))
            _ = try? await store.claimDelivery(messageID, owner: "another replica", now: clock.now, until: clock.now.addingTimeInterval(20))
            return nil
        }

        func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
            log.withLock { $0.sent.append(delivery.id) }
            return DeliveryReceipt(messageID: "console-\(delivery.id)")
        }
    }
}
