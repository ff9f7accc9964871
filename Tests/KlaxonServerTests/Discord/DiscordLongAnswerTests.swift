import Foundation
import HummingbirdTesting
import KlaxonServer
import KlaxonStore
import Logging
import Testing

/// Without a bot, the answer to an interaction is all the channel sees of an announcement: too long for one message,
/// it is posted whole, in parts.
@Suite("A long answer on Discord without a bot")
struct DiscordLongAnswerTests {
    @Test("An update too long for one message reaches the channel whole: the answer holds its first part, the rest follow through the webhook in order, tried again while Discord refuses them")
    func aLongUpdateFollowsInParts() async throws {
        let fake = try await FakeDiscordChannelAPI.start()
        let followUps = "followup:1150000000000000001/t"
        // Discord takes a follow-up only once it has read the answer it follows.
        fake.script([.refused(status: 404, code: 10015)], in: followUps)
        let signer = DiscordSigner()
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let clock = ManualWallClock(TestHarness.start)
        var configuration = KlaxonConfiguration(host: "127.0.0.1", port: 0)
        configuration.discordPublicKey = signer.publicKeyHex
        configuration.discordAPIURL = fake.baseURL
        let app = try await KlaxonApplication.build(KlaxonApplication.Dependencies(
            configuration: configuration, bundle: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil), store: handle.store,
            clock: clock, logger: Logger(label: "test"), slackSigningSecret: nil, runsScheduler: false
        ))
        let text = (1...300).map { "step\($0)" }.joined(separator: " ") + " end-of-update"
        try await app.test(.router) { client in
            let declared = try await client.interact(
                Interaction.command("declare", ["severity": .text("p1"), "title": .text("Login broken")], id: "700000000000000001"), signer: signer
            )
            #expect(declared.type == 4)
            let reply = try await client.interact(
                Interaction.command("update", ["text": .text(text)], id: "700000000000000002"), signer: signer
            )
            #expect(reply.type == 4)
            #expect(!reply.isEphemeral)
            #expect(reply.content.hasPrefix("**Update on #1 Login broken**"))
            #expect(reply.content.utf16.count <= 2000)
            // The rest waits half a second for the answer to reach Discord; the first try is refused all the same, and
            // the next waits half a second more.
            for sleeps in 1...2 {
                let due = clock.now.addingTimeInterval(0.5)
                try await eventually("wait \(sleeps)") { clock.deadlines.contains(due) }
                clock.advance(to: clock.now.addingTimeInterval(0.5))
            }
            try await eventually("the rest of the update") { fake.messages.filter { $0.channel == followUps }.count == 2 }
            // Delivered again (a retry of the same interaction): answered from the stored reply, the rest not posted twice.
            let again = try await client.interact(
                Interaction.command("update", ["text": .text(text)], id: "700000000000000002"), signer: signer
            )
            #expect(again.content == reply.content)
        }
        let posted = fake.messages.filter { $0.channel == followUps }
        #expect(posted.count == 2)
        #expect(posted.allSatisfy { $0.authorization == nil && !$0.isEphemeral && $0.content.utf16.count <= 2000 })
        #expect(posted.last?.content.contains("step300 end-of-update") == true)
        let words = posted.map(\.content).joined(separator: " ").split(whereSeparator: { " \n>".contains($0) })
        #expect(words.filter { $0.hasPrefix("step") }.count == 300, "every step of the update, once, in the follow-ups")
        #expect(words.first == "step1")
        try await handle.close()
        await fake.stop()
    }
}
