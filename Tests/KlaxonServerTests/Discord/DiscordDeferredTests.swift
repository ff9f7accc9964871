import Foundation
import HummingbirdTesting
import KlaxonServer
import KlaxonStore
import Logging
import Testing

/// When a command takes longer than Discord's deadline allows, the answer is deferred and edited in afterwards.
@Suite struct DiscordDeferredTests {
    @Test func aSlowCommandIsAnsweredThinkingAndItsAnswerFollowsThroughTheWebhook() async throws {
        let fake = try await FakeDiscordChannelAPI.start()
        let signer = DiscordSigner()
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        var configuration = KlaxonConfiguration(host: "127.0.0.1", port: 0)
        configuration.discordPublicKey = signer.publicKeyHex
        configuration.delivery.discord = .init(token: "bot-token", channel: "900000000000000001", apiURL: fake.baseURL)
        var deps = KlaxonApplication.Dependencies(
            configuration: configuration, bundle: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil), store: handle.store,
            clock: ManualWallClock(TestHarness.start), logger: Logger(label: "test"), slackSigningSecret: nil, runsScheduler: false
        )
        // Defer at once, as if the desk had missed the deadline.
        deps.discordDeferAfter = 0
        let app = try await KlaxonApplication.build(deps)
        try await app.test(.router) { client in
            let reply = try await client.interact(
                Interaction.command("declare", ["severity": .text("p0"), "title": .text("Database down")], id: "700000000000000001"), signer: signer
            )
            #expect(reply.type == 5)
            #expect(reply.isEphemeral)
            try await eventually("the follow-up") { !fake.messages.isEmpty }
            let followUp = try #require(fake.messages.first)
            #expect(followUp.channel == "webhook:1150000000000000001/t")
            #expect(followUp.authorization == nil)
            #expect(followUp.content.hasPrefix("**[P0 INCIDENT] Service is down - Database down**"))
        }
        #expect(try await handle.store.trackedIncidents().count == 1)
        try await handle.close()
        await fake.stop()
    }
}
