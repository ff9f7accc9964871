import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonCore
import KlaxonEmail
import KlaxonServer
import KlaxonStore
import Logging
import Testing

/// The whole bot with tokens configured: signed slash commands in, the scheduler and outbox worker running,
/// fake Slack and a real SMTP server out, on a manual clock.
@Suite struct EndToEndDeliveryTests {
    @Test func aP0DeclaredInSlackReachesItsThreadTheCTOAndTheTeamsInboxOnTime() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let slack = try await FakeSlackAPI.start()
        let peoplePath = NSTemporaryDirectory() + "klaxon-people-\(UUID().uuidString).yml"
        try "cto:\n  slack: U0CTO\nteam-email:\n  email: team@example.com\n".write(toFile: peoplePath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: peoplePath) }
        var configuration = KlaxonConfiguration(host: "127.0.0.1", port: 0, peoplePath: peoplePath, slackSigningSecret: TestHarness.secret)
        configuration.delivery = DeliveryConfiguration(
            slack: .init(token: "xoxb-e2e", channel: "C0INCIDENTS", apiURL: slack.baseURL),
            smtp: try SMTPSettings(url: "smtp://127.0.0.1:\(sink.port)", user: nil, password: nil, from: "klaxon@example.com")
        )
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil, peoplePath: peoplePath)
        let quiet = Logger(label: "e2e", factory: { _ in SwiftLogNoOpLogHandler() })
        let (transports, router) = try DeliverySetup.make(configuration, bundle: bundle, logger: quiet)
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: quiet)
        let clock = ManualWallClock(TestHarness.start)
        let app = try await KlaxonApplication.build(.init(
            configuration: configuration, bundle: bundle, store: handle.store, clock: clock, logger: quiet,
            slackSigningSecret: TestHarness.secret, transports: transports, router: router, pacing: [:]
        ))
        try await app.test(.router) { client in
            let reply = try await client.slash("p0 Uploads failing for everyone --public", clock: clock)
            // With a bot token the channel sees the thread; the slash reply is for its author only.
            #expect(reply.response_type == "ephemeral")
            try await eventually("alert and escalation posted") { slack.posts.count >= 3 }
            let alert = try #require(slack.posts.first { $0.channel == "C0INCIDENTS" })
            #expect(alert.text?.contains("<!channel>") == true)
            #expect(alert.threadTS == nil)
            #expect(slack.posts.contains { $0.channel == "U0CTO" })

            clock.advance(minutes: 15)
            try await eventually("the 15-minute nudge") { slack.posts.contains { $0.text?.contains("an update on #1") == true } }
            let nudge = try #require(slack.posts.first { $0.text?.contains("an update on #1") == true })
            #expect(nudge.threadTS == "1700000000.000001")

            clock.advance(minutes: 15)
            try await eventually("the internal email at 30 minutes") { !sink.received.isEmpty }
            #expect(sink.received.first?.to == ["team@example.com"])
        }
        let channelPosts = slack.posts.filter { $0.channel == "C0INCIDENTS" }
        #expect(Set(channelPosts.compactMap(\.key)).count == channelPosts.count)
        try await handle.close()
        await slack.stop()
    }
}
