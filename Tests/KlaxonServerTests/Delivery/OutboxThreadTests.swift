import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import KlaxonStore
import Logging
import Synchronization
import Testing

/// The worker keeps each incident's thread once read, and looks threads up only for transports that thread.
@Suite("Outbox threads")
struct OutboxThreadTests {
    @Test("Each incident's later messages go in the thread its own first message opened", arguments: [true, false])
    func eachIncidentKeepsItsOwnThread(threads: Bool) async throws {
        let desk = try await DeskHarness()
        try await desk.say("p2 Queue one stuck")
        try await desk.say("p2 Queue two stuck")
        try await desk.say("update #1 Restarting the consumer")
        try await desk.say("update #2 Draining the backlog")
        try await desk.say("update #1 Consumer is back")
        let transport = ThreadingConsole(threads: threads)
        let worker = OutboxWorker(
            store: desk.handle.store, policy: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil).policy, transports: [transport],
            clock: desk.clock, logger: Logger(label: "test"), wake: WakeSignal(), retry: RetryPolicy(base: 2, maximum: 60, jitter: { 1.0 })
        ) { _ in }
        await worker.drain()
        let channel = transport.given.filter { $0.lane == .channel }
        #expect(channel.map(\.incident) == [1, 2, 1, 2, 1])
        if threads {
            #expect(channel.map(\.thread) == [nil, nil, "T1", "T2", "T1"])
        } else {
            // Not asked for: a transport that does not thread gets none, though its receipts named one.
            #expect(channel.allSatisfy { $0.thread == nil })
        }
        try await desk.close()
    }

    /// The console, saying it threads (or not): the first message of an incident opens thread `T<number>`.
    private final class ThreadingConsole: MessageTransport {
        let name = "console"
        let threads: Bool
        private let log = Mutex<[(incident: Int, lane: DeliveryTarget, thread: String?)]>([])

        init(threads: Bool) {
            self.threads = threads
        }

        func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
            log.withLock { $0.append((delivery.incident.id.rawValue, delivery.target, delivery.thread)) }
            return DeliveryReceipt(messageID: "console-\(delivery.id)", thread: "T\(delivery.incident.id.rawValue)")
        }

        var given: [(incident: Int, lane: DeliveryTarget, thread: String?)] { log.withLock { $0 } }
    }
}
