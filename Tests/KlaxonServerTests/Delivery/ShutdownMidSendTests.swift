import Foundation
import KlaxonCore
import KlaxonPolicy
@testable import KlaxonServer
import KlaxonStore
import Logging
import Synchronization
import Testing

@Suite struct ShutdownMidSendTests {
    @Test("A send cut short by shutdown after the platform took it is looked up by the next worker, not sent again")
    func aSendCutShortIsLookedUpBeforeItIsSentAgain() async throws {
        let desk = try await DeskHarness()
        try await desk.say("p3 Queue stuck")
        let waiting = try await desk.handle.store.pendingOutbox(limit: 100)
        try #require(!waiting.isEmpty)
        let platform = HangingPlatform()
        let policy = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil).policy
        func worker() -> OutboxWorker {
            OutboxWorker(
                store: desk.handle.store, policy: policy, transports: [platform], clock: desk.clock, logger: Logger(label: "test"), wake: WakeSignal()
            ) { _ in }
        }
        platform.hangs.withLock { $0 = true }
        let first = worker()
        let draining = Task { await first.drain() }
        for _ in 0..<1_000_000 where platform.taken.isEmpty { await Task.yield() }
        try #require(!platform.taken.isEmpty, "the platform has the first message")
        // SIGTERM: the worker is cancelled after the platform took the message, before its answer came back.
        draining.cancel()
        _ = await draining.value
        let cut = try #require(try await desk.handle.store.pendingOutbox(limit: 100).first { $0.id == platform.taken[0] })
        #expect(cut.inFlight && cut.attempts == 1, "still marked as tried, so the next worker asks first")
        platform.hangs.withLock { $0 = false }
        _ = await worker().drain()
        #expect(platform.lookups == [platform.taken[0]], "the next worker looked the cut-short message up")
        #expect(platform.taken.sorted() == waiting.map(\.id).sorted(), "each message reached the platform once")
        #expect(try await desk.handle.store.pendingOutbox(limit: 100).isEmpty)
        try await desk.close()
    }
}

/// A platform that takes each message at once and, while `hangs`, holds back its answer until the send is cancelled
/// (a slow response cut off by shutdown). A lookup finds what it took.
private final class HangingPlatform: MessageTransport {
    let name = TransportName.console
    var threads: Bool { false }
    let hangs = Mutex(false)
    private let log = Mutex<(taken: [Int], lookups: [Int])>(([], []))
    private let held = Mutex<CheckedContinuation<Void, Never>?>(nil)

    func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
        log.withLock { $0.taken.append(delivery.id) }
        if hangs.withLock({ $0 }) {
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    held.withLock { $0 = continuation }
                    if Task.isCancelled { held.withLock { $0.take() }?.resume() }
                }
            } onCancel: {
                held.withLock { $0.take() }?.resume()
            }
            throw .transient("the request was cut off")
        }
        return DeliveryReceipt(messageID: "console-\(delivery.id)")
    }

    func findDelivered(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt? {
        let found = log.withLock { log in
            log.lookups.append(delivery.id)
            return log.taken.contains(delivery.id)
        }
        return found ? DeliveryReceipt(messageID: "console-\(delivery.id)") : nil
    }

    var taken: [Int] { log.withLock { $0.taken } }
    var lookups: [Int] { log.withLock { $0.lookups } }
}
