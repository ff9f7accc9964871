import Foundation
import HummingbirdTesting
import KlaxonServer
import KlaxonStore
import Logging
import Testing

/// Discord keeps the visibility an answer was deferred with, so a deferred answer is private from the start:
/// refusals and queries stay private, and an announcement follows in the channel as a message of its own.
@Suite struct DiscordDeferredVisibilityTests {
    /// Discord's webhook as the fake records it for the test interactions.
    static let webhook = "1150000000000000001/t"

    /// With no bot token (the interaction's answer is the only way into the channel), every command deferred at once.
    private func withDeferringApp(_ body: @Sendable (any TestClientProtocol, DiscordSigner, FakeDiscordChannelAPI) async throws -> Void) async throws {
        let fake = try await FakeDiscordChannelAPI.start()
        let signer = DiscordSigner()
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        var configuration = KlaxonConfiguration(host: "127.0.0.1", port: 0)
        configuration.discordPublicKey = signer.publicKeyHex
        configuration.discordAPIURL = fake.baseURL
        var deps = KlaxonApplication.Dependencies(
            configuration: configuration, bundle: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil), store: handle.store,
            clock: ManualWallClock(TestHarness.start), logger: Logger(label: "test"), slackSigningSecret: nil, runsScheduler: false
        )
        deps.discordDeferAfter = 0
        try await KlaxonApplication.build(deps).test(.router) { client in
            try await body(client, signer, fake)
        }
        try await handle.close()
        await fake.stop()
    }

    @Test(arguments: [
        ("a refusal from the desk", Interaction.command("update", ["text": .text("Anything?")], id: "700000000000000002"), "no open incident"),
        ("a query", Interaction.command("list", id: "700000000000000003"), "No open incidents"),
    ])
    func aDeferredRefusalOrQueryIsPrivateFromTheStart(_ name: String, body: String, expected: String) async throws {
        try await withDeferringApp { client, signer, fake in
            let reply = try await client.interact(body, signer: signer)
            #expect(reply.type == 5)
            #expect(reply.isEphemeral, "\(name)")
            try await eventually("the follow-up") { !fake.messages.isEmpty }
            let edit = try #require(fake.messages.first)
            #expect(edit.channel == "webhook:\(Self.webhook)")
            #expect(edit.content.contains(expected))
            #expect(fake.messages.count == 1)
        }
    }

    @Test func aDeferredAnnouncementFollowsInTheChannelAfterAPrivateNote() async throws {
        try await withDeferringApp { client, signer, fake in
            let reply = try await client.interact(
                Interaction.command("declare", ["severity": .text("p1"), "title": .text("Database slow")], id: "700000000000000004"), signer: signer
            )
            #expect(reply.type == 5)
            #expect(reply.isEphemeral)
            try await eventually("the announcement") { fake.messages.count == 2 }
            let messages = fake.messages
            try #require(messages.count == 2)
            let (note, announcement) = (messages[0], messages[1])
            #expect(note.channel == "webhook:\(Self.webhook)")
            #expect(note.isEphemeral)
            #expect(announcement.channel == "followup:\(Self.webhook)")
            #expect(!announcement.isEphemeral)
            #expect(announcement.content.contains("Database slow"))
        }
    }

    @Test func aTextOverTheLimitIsRefusedAtOnceWithoutDeferring() async throws {
        try await withDeferringApp { client, signer, fake in
            let reply = try await client.interact(
                Interaction.command("declare", ["severity": .text("p1"), "title": .text(String(repeating: "t", count: 301))], id: "700000000000000005"),
                signer: signer
            )
            #expect(reply.type == 4)
            #expect(reply.isEphemeral)
            #expect(reply.content.contains("at most 300"))
            #expect(fake.messages.isEmpty)
        }
    }
}
