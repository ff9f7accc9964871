import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import KlaxonStore
import Logging
import Synchronization
import Testing

/// An unpaced lane's fresh messages go out as a run: one claim and one record of delivery for all of them, so a
/// backlog costs two writes a run instead of two a message.
@Suite("Outbox runs")
struct OutboxRunTests {
    @Test("A lane's waiting messages go out in order under one claim and are recorded delivered in one write")
    func aLaneGoesOutAsOneRun() async throws {
        let rig = try await Rig.start(incidents: 3)
        let waiting = try await rig.store.pendingOutbox(limit: 100)
        try #require(waiting.count >= 3)
        await rig.worker.drain()
        #expect(rig.transport.sent == waiting.map(\.id), "every message, in the order recorded")
        let lanes = Dictionary(grouping: waiting, by: \.lane).mapValues { $0.map(\.id) }
        let writes = rig.writes
        #expect(writes.filter { $0.kind == .claim }.map(\.ids).sorted { $0[0] < $1[0] } == lanes.values.sorted { $0[0] < $1[0] })
        #expect(writes.filter { $0.kind == .delivered }.map(\.ids).sorted { $0[0] < $1[0] } == lanes.values.sorted { $0[0] < $1[0] })
        #expect(writes.count == 2 * lanes.count)
        #expect(try await rig.store.pendingOutbox(limit: 100).isEmpty)
        try await rig.close()
    }

    @Test("A send that fails ends the run: what went before is recorded delivered, the failed one waits its retry, the rest is let go untried")
    func aFailureEndsTheRun() async throws {
        let rig = try await Rig.start(incidents: 3, failing: IncidentID(2))
        let channel = try await rig.store.pendingOutbox(limit: 100).filter { $0.lane == Lane(.console, "channel") }
        try #require(channel.map(\.notice.incident.rawValue).count == 3, "one channel message for each incident")
        let next = await rig.worker.drain()
        #expect(rig.transport.tried == channel.prefix(2).map(\.id), "nothing after the failed one was tried")
        let left = try await rig.store.pendingOutbox(limit: 100).filter { $0.lane == Lane(.console, "channel") }
        #expect(left.map(\.id) == channel.suffix(2).map(\.id), "the first went out")
        #expect(left.map(\.attempts) == [1, 0], "letting go of the untried one is not an attempt")
        #expect(left.map(\.inFlight) == [false, false])
        #expect(left[0].nextAttemptAt > rig.clock.now && next == left[0].nextAttemptAt, "the lane waits for the retry")
        #expect(rig.writes.contains { $0.kind == .release && $0.ids == [channel[2].id] })
        try await rig.close()
    }

    @Test("A message whose incident cannot be read ends the run unsent: it and the rest are let go as they were, no attempt counted")
    func aReadFailureLetsTheRunGo() async throws {
        let rig = try await Rig.start(incidents: 3, unreadable: IncidentID(2))
        let channel = try await rig.store.pendingOutbox(limit: 100).filter { $0.lane == Lane(.console, "channel") }
        try #require(channel.count == 3)
        let next = await rig.worker.drain()
        #expect(rig.transport.tried == [channel[0].id])
        let left = try await rig.store.pendingOutbox(limit: 100).filter { $0.lane == Lane(.console, "channel") }
        #expect(left.map(\.id) == [channel[1].id, channel[2].id])
        #expect(left.map(\.attempts) == [0, 0])
        #expect(left.map(\.inFlight) == [false, false])
        #expect(next == rig.clock.now.addingTimeInterval(2), "the lane tries again after the retry policy's base delay")
        try await rig.close()
    }

    @Test("A send that outlasts a third of the claim renews the claims of the whole run, and the rest goes in a run of its own")
    func aSlowSendRenewsTheRunsClaims() async throws {
        let rig = try await Rig.start(incidents: 3, slowSend: 30)
        let channel = try await rig.store.pendingOutbox(limit: 100).filter { $0.lane == Lane(.console, "channel") }
        try #require(channel.count == 3)
        let next = await rig.worker.drain()
        let renewed = rig.writes.filter { $0.kind == .renew }.flatMap(\.ids)
        #expect(Set(renewed) == Set(channel.map(\.id)), "every claim of the run, not only the message being sent")
        // Past the cut-off after the first send: the other two are let go untried, for a run of their own.
        #expect(rig.writes.filter { $0.kind == .release }.flatMap(\.ids) == [channel[1].id, channel[2].id])
        #expect(next == rig.clock.now, "the lane goes on at once")
        _ = await rig.worker.drain()
        #expect(rig.transport.sent == channel.map(\.id))
        try await rig.close()
    }

    @Test("More than a page waiting in a lane: the worker comes back for the rest at once, not at the next commit")
    func aFullPageIsFollowedAtOnce() async throws {
        let rig = try await Rig.start(incidents: 3, page: 2)
        let channel = try await rig.store.pendingOutbox(limit: 100).filter { $0.lane == Lane(.console, "channel") }
        try #require(channel.count == 3)
        let next = await rig.worker.drain()
        #expect(next == rig.clock.now)
        #expect(try await rig.store.pendingOutbox(limit: 100).filter { $0.lane == Lane(.console, "channel") }.map(\.id) == [channel[2].id])
        _ = await rig.worker.drain()
        #expect(try await rig.store.pendingOutbox(limit: 100).isEmpty)
        try await rig.close()
    }

    @Test("A read older than the worker's last write, showing a message it already sent as held, is looked at again in a second, not when that claim would lapse")
    func aStaleReadOfAClaimIsLookedAtAgainSoon() async throws {
        let rig = try await Rig.start(incidents: 2)
        let channel = try await rig.store.pendingOutbox(limit: 100).filter { $0.lane == Lane(.console, "channel") }
        try #require(channel.count == 2)
        _ = await rig.worker.drain()
        let sent = rig.transport.sent
        try #require(sent.count >= 2)
        // Another statement on SQLite's reader connection kept the snapshot from between this worker's claim and its
        // record of delivery: the read shows the channel's messages in flight, claimed for the next minute.
        let now = rig.clock.now
        rig.reads.stale.withLock { stale in
            stale = channel.map { message in
                OutboxMessage(
                    id: message.id, notice: message.notice, transport: message.transport, lane: message.lane, key: message.key, attempts: 1,
                    nextAttemptAt: message.nextAttemptAt, inFlight: true, claimedUntil: now.addingTimeInterval(60)
                )
            }
        }
        let next = await rig.worker.drain()
        #expect(next == now.addingTimeInterval(1), "not at \(now.addingTimeInterval(60))")
        #expect(rig.transport.sent == sent, "nothing is sent again")
        try await rig.close()
    }

    @Test("A wake whose read finds nothing to send is followed by one more read a second later, in case the read predates the commit")
    func aWakeThatFindsNothingLooksOnceMore() async throws {
        let rig = try await Rig.start(incidents: 1)
        let waiting = try await rig.store.pendingOutbox(limit: 100)
        try #require(!waiting.isEmpty)
        // The reads show an empty outbox, as one on a snapshot from before the declaration's commit would.
        rig.reads.stale.withLock { $0 = [] }
        let running = Task { try await rig.worker.run() }
        defer { running.cancel() }
        await rig.clock.sleeperArrival()
        let start = rig.clock.now
        #expect(rig.clock.deadlines == [start.addingTimeInterval(3600)], "idle until the hourly pruning")
        rig.wake.signal()
        for _ in 0..<100_000 where rig.clock.deadlines != [start.addingTimeInterval(1)] { await Task.yield() }
        #expect(rig.clock.deadlines == [start.addingTimeInterval(1)], "the worker reads once more a second on")
        rig.reads.stale.withLock { $0 = nil }
        rig.clock.advance(to: start.addingTimeInterval(1))
        for _ in 0..<100_000 where rig.transport.sent.count < waiting.count { await Task.yield() }
        #expect(rig.transport.sent == waiting.map(\.id))
        running.cancel()
        _ = try? await running.value
        try await rig.close()
    }

    @Test("Sent messages whose record of delivery failed are recorded by the worker's next pass, not left to hold up their lane until the claim lapses")
    func aFailedRecordIsWrittenAgainByTheNextPass() async throws {
        let rig = try await Rig.start(incidents: 2, failedRecords: 1)
        let waiting = try await rig.store.pendingOutbox(limit: 100)
        let next = await rig.worker.drain()
        #expect(rig.transport.sent.sorted() == waiting.map(\.id).sorted(), "the platform took every message")
        #expect(next == rig.clock.now.addingTimeInterval(2), "the lane whose record failed tries again after the base delay")
        let unrecorded = try await rig.store.pendingOutbox(limit: 100)
        try #require(!unrecorded.isEmpty && unrecorded.allSatisfy(\.inFlight), "the store was down: still claimed")
        // The store is back a moment later, and the incident moves on: its next message waits behind the unrecorded ones.
        rig.clock.advance(to: rig.clock.now.addingTimeInterval(2))
        try await rig.desk.say("note #1 the queue drains again")
        let behind = try await rig.store.pendingOutbox(limit: 100).filter { !$0.inFlight }
        _ = await rig.worker.drain()
        #expect(try await rig.store.pendingOutbox(limit: 100).isEmpty, "recorded and sent without waiting for the claim to lapse")
        #expect(rig.transport.sent.sorted() == (waiting + behind).map(\.id).sorted(), "nothing was sent twice")
        try await rig.close()
    }

    @Test("A sent message whose thread could not be stored is finished by the worker's next pass: thread and delivery, without sending it again")
    func aFailedThreadWriteIsFinishedByTheNextPass() async throws {
        let rig = try await Rig.start(incidents: 1, failedThreads: 1)
        let waiting = try await rig.store.pendingOutbox(limit: 100)
        try #require(!waiting.isEmpty)
        let next = await rig.worker.drain()
        #expect(next == rig.clock.now.addingTimeInterval(2))
        try #require(try await rig.store.pendingOutbox(limit: 100).contains(where: \.inFlight), "still claimed: the store could not record it")
        rig.clock.advance(to: rig.clock.now.addingTimeInterval(2))
        _ = await rig.worker.drain()
        #expect(try await rig.store.pendingOutbox(limit: 100).isEmpty, "recorded without waiting for the claim to lapse")
        #expect(try await rig.store.thread(of: IncidentID(1), on: .console) == "thread-\(waiting[0].id)")
        #expect(rig.transport.sent.sorted() == waiting.map(\.id).sorted(), "nothing was sent twice")
        try await rig.close()
    }

    /// A desk with `incidents` P3s declared (one channel message each), and a worker on its store that counts the outbox's writes.
    private struct Rig {
        let desk: DeskHarness
        let store: InterposedStore
        let transport: ScriptedConsole
        let worker: OutboxWorker
        let log: WriteLog
        let reads: OutboxReads
        let wake: WakeSignal
        var writes: [(kind: InterposedStore.OutboxWriteKind, ids: [Int])] { log.writes.withLock { $0 } }
        var clock: ManualWallClock { desk.clock }

        static func start(
            incidents: Int, failing: IncidentID? = nil, unreadable: IncidentID? = nil, page: Int = 1000, slowSend: TimeInterval? = nil,
            failedRecords: Int = 0, failedThreads: Int = 0
        ) async throws -> Rig {
            let desk = try await DeskHarness()
            for number in 1...incidents { try await desk.say("p3 Queue \(number) stuck") }
            let log = WriteLog()
            let failures = Mutex(failedRecords)
            var store = InterposedStore(base: desk.handle.store) { _ in } outboxWrite: { kind, ids in
                log.writes.withLock { $0.append((kind, ids)) }
                // The store goes down for the first `failedRecords` records of delivery.
                let fails = kind == .delivered && failures.withLock { left in
                    defer { left = max(0, left - 1) }
                    return left > 0
                }
                if fails { throw DiskGone() }
            }
            store.beforeReadingEvents = { id in if id == unreadable { throw DiskGone() } }
            let threadFailures = Mutex(failedThreads)
            store.beforeSettingThread = { _ in
                let fails = threadFailures.withLock { left in
                    defer { left = max(0, left - 1) }
                    return left > 0
                }
                if fails { throw DiskGone() }
            }
            let reads = OutboxReads()
            store.rewriteOutbox = { pending in reads.stale.withLock { $0 } ?? pending }
            let transport = ScriptedConsole(failing: failing, threads: failedThreads > 0)
            if let slowSend {
                // The first send takes `slowSend` seconds, and ends only once the worker has renewed what it holds.
                let clock = desk.clock
                transport.beforeFirstSend = {
                    clock.advance(to: clock.now.addingTimeInterval(slowSend))
                    for _ in 0..<100_000 where !log.writes.withLock({ $0.contains { $0.kind == .renew } }) { await Task.yield() }
                }
            }
            let policy = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil).policy
            let wake = WakeSignal()
            let worker = OutboxWorker(
                store: store, policy: policy, transports: [transport], clock: desk.clock, logger: Logger(label: "test"), wake: wake,
                retry: RetryPolicy(base: 2, maximum: 60, jitter: { 1.0 }), page: page
            ) { _ in }
            return Rig(desk: desk, store: store, transport: transport, worker: worker, log: log, reads: reads, wake: wake)
        }

        func close() async throws { try await desk.close() }
    }

    private struct DiskGone: Error {}

    /// The rows the worker's next outbox reads return instead of the store's, when set.
    private final class OutboxReads: Sendable {
        let stale = Mutex<[OutboxMessage]?>(nil)
    }

    private final class WriteLog: Sendable {
        let writes = Mutex<[(kind: InterposedStore.OutboxWriteKind, ids: [Int])]>([])
    }

    /// The console, refusing (for now) every message of one incident.
    private final class ScriptedConsole: MessageTransport {
        let name = TransportName.console
        var threads: Bool { false }
        let failing: IncidentID?
        private let log = Mutex<(tried: [Int], sent: [Int])>(([], []))
        /// Runs before the first send, once.
        nonisolated(unsafe) var beforeFirstSend: (@Sendable () async -> Void)?

        /// Whether each send opens a thread (`thread-<outbox id>`), as an incident's first Slack message does.
        let opensThreads: Bool

        init(failing: IncidentID?, threads: Bool = false) {
            self.failing = failing
            self.opensThreads = threads
        }

        func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
            let first = log.withLock { log in
                defer { log.tried.append(delivery.id) }
                return log.tried.isEmpty
            }
            if first, let beforeFirstSend { await beforeFirstSend() }
            if delivery.incident.id == failing { throw .transient("the platform is down") }
            log.withLock { $0.sent.append(delivery.id) }
            return DeliveryReceipt(messageID: "console-\(delivery.id)", thread: opensThreads ? "thread-\(delivery.id)" : nil)
        }

        var tried: [Int] { log.withLock { $0.tried } }
        var sent: [Int] { log.withLock { $0.sent } }
    }
}
