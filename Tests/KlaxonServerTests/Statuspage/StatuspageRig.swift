import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import KlaxonStore
import Logging

/// A desk whose public incidents are synced to a fake Statuspage by the real worker and transport. The pacer has a
/// manual clock of its own, moved on whenever it waits, so paced requests go at once and their times can be read.
struct StatuspageRig {
    let h: DeliveryHarness
    let api: FakeStatuspageAPI
    let pacing: ManualWallClock
    /// The key's pacer, shared by every lane.
    let pacer: RequestPacer
    /// What a second replica's worker is built from: the same API (and pacer) and policy.
    let transport: StatuspageTransport
    let policy: Policy

    static let key = "sp-test-key"

    static func start() async throws -> StatuspageRig {
        let pacing = ManualWallClock(DeskHarness.start)
        let api = try await FakeStatuspageAPI.start(clock: pacing)
        // The default policy with Statuspage ids for two of its components.
        let policy = DefaultPolicy.yaml.replacingOccurrences(
            of: "public_status:\n", with: "public_status:\n  statuspage_components: {uploads: spuploads, downloads: spdownloads}\n"
        )
        let policyPath = NSTemporaryDirectory() + "klaxon-policy-\(UUID().uuidString).yml"
        try policy.write(toFile: policyPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: policyPath) }
        let pacer = RequestPacer(interval: 1, clock: pacing)
        let client = StatuspageAPI(baseURL: api.baseURL, pageID: api.page, key: key, pacer: pacer)
        let h = try await DeliveryHarness.start(policyPath: policyPath, statuspage: client)
        let bundle = try PolicyBundle.load(policyPath: policyPath, templatesDirectory: nil)
        let transport = try StatuspageTransport(api: client, policy: bundle.policy, templates: bundle.templates)
        return StatuspageRig(h: h, api: api, pacing: pacing, pacer: pacer, transport: transport, policy: bundle.policy)
    }

    func say(_ text: String, at minute: Double? = nil) async throws {
        try await h.desk.say(text, at: minute)
    }

    /// Another replica's worker on the same database, reading it through `store` (an interposed one, to act in a race).
    func replica(store: any IncidentStore) -> OutboxWorker {
        OutboxWorker(
            store: store, policy: policy, transports: [transport], clock: h.desk.clock, logger: Logger(label: "test"), wake: WakeSignal()
        ) { _ in } linked: { [desk = h.desk.desk] incident, change in
            await desk.recordStatuspage(change, of: incident)
        }
    }

    /// Drains the outbox as the worker's loop would; returns when something held back may go next.
    @discardableResult
    func drain() async -> Date? {
        await drain { [h] in await h.drain() }
    }

    /// Runs one drain (of any worker) while whoever waits for a pacer turn gets it.
    @discardableResult
    func drain(_ work: @escaping @Sendable () async -> Date?) async -> Date? {
        let pacing = self.pacing
        return await withTaskGroup(of: Date??.self) { group in
            group.addTask { .some(await work()) }
            group.addTask {
                // Only the pacer sleeps on this clock: whenever it waits for a turn, the turn comes. Waiting for a
                // sleeper rather than polling keeps this task off the threads the other tests need.
                while !Task.isCancelled {
                    await pacing.sleeperArrival()
                    if pacing.sleeperCount > 0 { pacing.advance(to: pacing.now.addingTimeInterval(1)) }
                }
                return nil
            }
            var next: Date?
            for await result in group {
                if let drained = result {
                    next = drained
                    group.cancelAll()
                }
            }
            return next
        }
    }

    func incident() async throws -> Incident? {
        try await h.desk.handle.store.incident(IncidentID(1))
    }

    func stop() async throws {
        await api.stop()
        try await h.stop()
    }
}
