import Foundation
import KlaxonServer
import KlaxonCore
import KlaxonPolicy
import KlaxonSlack
import KlaxonStore
import Logging

/// `klaxon bench delivery`: messages per second from the outbox through the worker and the real Slack transport
/// to a loopback API that accepts at once — one channel (kept in order) and many channels in parallel.
public struct DeliveryBenchmark: Sendable {
    let messages: Int
    let lanes: Int

    public init(messages: Int = 2000, lanes: Int = 16) {
        self.messages = messages
        self.lanes = lanes
    }

    public func run(bundle: PolicyBundle, directory: String) async throws -> String {
        let one = try await measure(lanes: 1, bundle: bundle, directory: directory + "-one")
        let many = try await measure(lanes: lanes, bundle: bundle, directory: directory + "-many")
        return """
        one channel (in order): \(messages) messages in \(String(format: "%.2f", one)) s = \(Int(Double(messages) / one)) messages/s
        \(lanes) channels in parallel: \(messages) messages in \(String(format: "%.2f", many)) s = \(Int(Double(messages) / many)) messages/s
        (pacing off: in production Slack is paced to about one message a second per channel)
        """
    }

    private func measure(lanes: Int, bundle: PolicyBundle, directory: String) async throws -> Double {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let clock = SystemWallClock()
        let api = try await BenchSlackAPI.start(clock: clock)
        let handle = try await SQLiteIncidentStore.open(directory: directory, logger: quiet)
        try await seed(handle.store, lanes: lanes)
        let roles = Dictionary(uniqueKeysWithValues: (0..<lanes).map { ("role\($0)", ["U\($0)"]) })
        let slack = try SlackTransport(
            api: SlackWebAPI(baseURL: api.baseURL, token: "xoxb-bench"), channel: "CBENCH", roleIDs: roles,
            policy: bundle.policy, templates: bundle.templates
        )
        let worker = OutboxWorker(
            store: handle.store, policy: bundle.policy, transports: [slack], clock: clock, logger: quiet, wake: WakeSignal()
        ) { _ in }
        let start = Date()
        while !(try await handle.store.pendingOutbox(limit: 1).isEmpty) {
            await worker.drain()
        }
        let seconds = Date().timeIntervalSince(start)
        try await handle.close()
        await api.stop()
        guard api.requests.count >= messages else { throw BenchmarkError("only \(api.requests.count) of \(messages) arrived") }
        return seconds
    }

    /// Incidents, each with one message waiting; lane `dm:roleN` spreads them over `lanes` destinations.
    private func seed(_ store: any IncidentStore, lanes: Int) async throws {
        let channel = ChannelRef(platform: .slack, id: "CBENCH", name: "bench")
        let person = Participant(platform: .slack, id: "UBENCH")
        for index in 0..<messages {
            let declared = IncidentEvent(at: Date(), actor: person, change: .declared(Declaration(severity: .p2, title: "Bench \(index)", channel: channel)))
            let target: DeliveryTarget = lanes == 1 ? .channel : .direct(role: "role\(index % lanes)")
            let index = IncidentIndex(isOpen: false, awaitsReview: false, nextDueAt: nil, channel: channel)
            _ = try await store.commit(Commit(target: .new, events: [declared], index: index) { id in
                let notice = Notice(kind: .initialAlert, incident: id, sequence: 1, destination: .incidentChannel(channel))
                return CommitEffects(outbox: [OutboxEntry(notice: notice, transport: .slack, lane: target.lane(transport: .slack))], reply: nil)
            })
        }
    }
}
