import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import KlaxonStore
import Logging
import Synchronization
import Testing

/// What the worker reads before a send: each incident's thread once it is stored, and only for a transport that
/// threads; an incident's events only when the lane's view of it is behind the message.
@Suite("Outbox threads and views")
struct OutboxThreadTests {
    @Test("Each incident's later messages go in the thread its own first message opened, read from the store until it is there", arguments: [true, false])
    func eachIncidentKeepsItsOwnThread(threads: Bool) async throws {
        let rig = try await Rig.start(threads: threads)
        await rig.worker.drain()
        let channel = rig.transport.given.filter { $0.lane == .channel }
        // A P1's declaration announces it and escalates it in the channel: two messages of one event.
        #expect(channel.map(\.incident) == [1, 1, 2, 2, 1, 2, 1])
        if threads {
            #expect(channel.map(\.thread) == [nil, "T1", nil, "T2", "T1", "T2", "T1"])
            // Asked for the first message of each (not stored yet) and the second (stored by then): not after that.
            #expect(rig.reads.counts.withLock { $0.threads } == [1: 2, 2: 2])
        } else {
            // Not asked for: a transport that does not thread gets none, though its receipts named one.
            #expect(channel.allSatisfy { $0.thread == nil })
            #expect(rig.reads.counts.withLock { $0.threads }.isEmpty)
        }
        try await rig.close()
    }

    @Test("A lane reads an incident's events once for each event it has messages of, not once for each message")
    func aLaneReadsEachEventOnce() async throws {
        let rig = try await Rig.start(threads: false)
        await rig.worker.drain()
        let given = rig.transport.given
        let events = Set(given.map { "\($0.lane) \($0.incident) \($0.sequence)" })
        #expect(given.count > events.count, "some event has two messages in one lane")
        #expect(rig.reads.counts.withLock { $0.events } == events.count)
        try await rig.close()
    }

    /// Two P1s, two updates on the first and one on the second, and a worker on a store that counts its reads.
    private struct Rig {
        let desk: DeskHarness
        let transport: ThreadingConsole
        let worker: OutboxWorker
        let reads: Reads

        static func start(threads: Bool) async throws -> Rig {
            let desk = try await DeskHarness()
            try await desk.say("p1 Queue one stuck")
            try await desk.say("p1 Queue two stuck")
            try await desk.say("update #1 Restarting the consumer")
            try await desk.say("update #2 Draining the backlog")
            try await desk.say("update #1 Consumer is back")
            let reads = Reads()
            var store = InterposedStore(base: desk.handle.store) { _ in }
            store.beforeReadingThread = { id in reads.counts.withLock { $0.threads[id.rawValue, default: 0] += 1 } }
            store.beforeReadingEvents = { _ in reads.counts.withLock { $0.events += 1 } }
            let transport = ThreadingConsole(threads: threads)
            let worker = OutboxWorker(
                store: store, policy: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil).policy, transports: [transport],
                clock: desk.clock, logger: Logger(label: "test"), wake: WakeSignal(), retry: RetryPolicy(base: 2, maximum: 60, jitter: { 1.0 })
            ) { _ in }
            return Rig(desk: desk, transport: transport, worker: worker, reads: reads)
        }

        func close() async throws { try await desk.close() }
    }

    /// The store's reads of threads (by incident) and of events.
    private final class Reads: Sendable {
        let counts = Mutex<(threads: [Int: Int], events: Int)>(([:], 0))
    }

    /// The console, saying it threads (or not): every receipt names the incident's thread `T<number>`.
    private final class ThreadingConsole: MessageTransport {
        let name = TransportName.console
        let threads: Bool
        private let log = Mutex<[(incident: Int, lane: DeliveryTarget, sequence: Int, thread: String?)]>([])

        init(threads: Bool) {
            self.threads = threads
        }

        func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
            log.withLock { $0.append((delivery.incident.id.rawValue, delivery.target, delivery.notice.sequence, delivery.thread)) }
            return DeliveryReceipt(messageID: "console-\(delivery.id)", thread: "T\(delivery.incident.id.rawValue)")
        }

        var given: [(incident: Int, lane: DeliveryTarget, sequence: Int, thread: String?)] { log.withLock { $0 } }
    }
}
