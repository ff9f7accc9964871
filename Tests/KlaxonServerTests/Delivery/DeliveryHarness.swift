import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import KlaxonSlack
import Logging

/// A desk whose outbox is drained to a fake Slack (and optionally other transports) by the real worker, on a manual clock.
struct DeliveryHarness {
    let desk: DeskHarness
    let slack: FakeSlackAPI
    let worker: OutboxWorker
    let others: [RecordingTransport]

    static let people = """
    cto:
      slack: U0CTO
    engineering-lead:
      slack: [U0LEAD1, U0LEAD2]
    engineers:
      slack: "!channel"
    """

    static func start(
        directory: String? = nil, others: [RecordingTransport] = [], clock: ManualWallClock = ManualWallClock(DeskHarness.start),
        slack: FakeSlackAPI? = nil, pacing: [TransportName: TimeInterval] = [:], github: FakeGitHubAPI? = nil, policyPath: String? = nil,
        statuspage: StatuspageAPI? = nil
    ) async throws -> DeliveryHarness {
        let peoplePath = NSTemporaryDirectory() + "klaxon-people-\(UUID().uuidString).yml"
        try people.write(toFile: peoplePath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: peoplePath) }
        let bundle = try PolicyBundle.load(policyPath: policyPath, templatesDirectory: nil, peoplePath: peoplePath)
        let slack = if let slack { slack } else { try await FakeSlackAPI.start() }
        let router = DeliveryRouter(chat: [.slack] + others.map(\.name), email: false, people: bundle.people, trackers: github == nil ? [] : [.github], statuspage: statuspage != nil)
        let desk = try await DeskHarness(directory: directory, clock: clock, router: router, bundle: bundle)
        let transport = try SlackTransport(
            api: SlackWebAPI(baseURL: slack.baseURL, token: "xoxb-test-token"), channel: "C0INCIDENTS",
            roleIDs: bundle.people.slackIDs, policy: bundle.policy, templates: bundle.templates
        )
        let console = try ConsoleTransport(bundle: bundle) { _, _ in }
        let tickets: [any MessageTransport] = try github.map { fake in
            [try GitHubIssuesTransport(
                api: GitHubIssuesAPI(baseURL: fake.baseURL, repository: "acme/ops", token: "ghp-test-token"), policy: bundle.policy, templates: bundle.templates
            )]
        } ?? []
        let synced: [any MessageTransport] = try statuspage.map { api in
            [try StatuspageTransport(api: api, policy: bundle.policy, templates: bundle.templates)]
        } ?? []
        let quiet = Logger(label: "test")
        let deskActor = desk.desk
        let worker = OutboxWorker(
            store: desk.handle.store, policy: bundle.policy, transports: [transport, console] + others + tickets + synced, clock: desk.clock, logger: quiet,
            wake: desk.desk.outboxChanges, retry: RetryPolicy(base: 2, maximum: 60, jitter: { 1.0 }), pacing: pacing
        ) { problem in
            await deskActor.recordDeliveryProblem(problem)
        } filed: { incident, ticket in
            await deskActor.recordTicket(ticket, of: incident)
        } linked: { incident, change in
            await deskActor.recordStatuspage(change, of: incident)
        }
        return DeliveryHarness(desk: desk, slack: slack, worker: worker, others: others)
    }

    /// Drains, then drains again while anything it wrote (a reported problem) is ready, as the worker's loop would.
    @discardableResult
    func drain() async -> Date? {
        var next = await worker.drain()
        for _ in 0..<5 {
            let pending = (try? await desk.handle.store.pendingOutbox(limit: 100)) ?? []
            guard pending.contains(where: { $0.nextAttemptAt <= desk.clock.now && !$0.inFlight }) else { break }
            next = await worker.drain()
        }
        return next
    }

    func stop() async throws {
        await slack.stop()
        try await desk.close()
    }
}
