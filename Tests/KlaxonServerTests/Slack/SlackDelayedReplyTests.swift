import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

/// When a command takes longer than Slack's 3 seconds, Slack gets "working on it" and the answer goes to response_url.
@Suite struct SlackDelayedReplyTests {
    /// Klaxon with a Slack bot token pointing at the fake, deferring answers slower than `deferAfter`.
    static func app(
        _ slack: FakeSlackAPI, store: any IncidentStore, clock: ManualWallClock, deferAfter: TimeInterval = 0, logger: Logger = Logger(label: "test")
    ) async throws -> some ApplicationProtocol {
        var configuration = KlaxonConfiguration(host: "127.0.0.1", port: 0, slackSigningSecret: TestHarness.secret)
        configuration.delivery.slack = .init(token: "xoxb-x", channel: "C0INCIDENTS", apiURL: slack.baseURL)
        var deps = KlaxonApplication.Dependencies(
            configuration: configuration, bundle: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil), store: store,
            clock: clock, logger: logger, slackSigningSecret: TestHarness.secret, runsScheduler: false
        )
        deps.slackDeferAfter = deferAfter
        return try await KlaxonApplication.build(deps)
    }

    @Test func aSlowCommandIsAcknowledgedAndAnsweredThroughResponseURL() async throws {
        let slack = try await FakeSlackAPI.start()
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let clock = ManualWallClock(TestHarness.start)
        let body = TestHarness.form("p1 Payments failing") + "&response_url=" + (slack.baseURL + "/response_url").addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try await Self.app(slack, store: handle.store, clock: clock).test(.router) { client in
            try await client.execute(
                uri: "/slack/commands", method: .post, headers: TestHarness.signedHeaders(body, at: clock.now), body: ByteBuffer(string: body)
            ) { response in
                let reply = try JSONDecoder().decode(ReplyBody.self, from: Data(buffer: response.body))
                #expect(reply.response_type == "ephemeral")
                #expect(reply.text == "Working on it…")
            }
            try await eventually("the delayed answer") { slack.calls.contains { $0.method == "response_url" } }
            let delayed = try #require(slack.calls.first { $0.method == "response_url" })
            #expect((delayed.json["text"] as? String)?.hasPrefix("*[P1 INCIDENT]") == true)
            #expect(delayed.authorization == nil)
        }
        #expect(try await handle.store.trackedIncidents().count == 1)
        try await handle.close()
        await slack.stop()
    }

    @Test func aResponseURLOutsideSlackIsNeverPostedTo() async throws {
        let slack = try await FakeSlackAPI.start()
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let clock = ManualWallClock(TestHarness.start)
        let body = TestHarness.form("p1 Payments failing") + "&response_url=https%3A%2F%2Fevil.example.com%2Fhook"
        try await Self.app(slack, store: handle.store, clock: clock).test(.router) { client in
            let reply = try await client.execute(
                uri: "/slack/commands", method: .post, headers: TestHarness.signedHeaders(body, at: clock.now), body: ByteBuffer(string: body)
            ) { try JSONDecoder().decode(ReplyBody.self, from: Data(buffer: $0.body)) }
            // Answered in the response itself, however long it took.
            #expect(reply.text.hasPrefix("*[P1 INCIDENT]"))
        }
        try await handle.close()
        await slack.stop()
    }
}
