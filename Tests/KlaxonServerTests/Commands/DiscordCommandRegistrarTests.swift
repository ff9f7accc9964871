import Foundation
import HummingbirdTesting
import KlaxonDiscord
import KlaxonServer
import Testing

@Suite struct DiscordCommandRegistrarTests {
    static let application = "1150000000000000001"
    static let globalPath = "/api/v10/applications/\(application)/commands"

    /// Runs `body` with a registrar pointed at a fake Discord on loopback.
    private func withFakeDiscord(token: String = "bot-token", sending sent: String = "bot-token", _ body: @escaping @Sendable (FakeDiscordAPI, DiscordCommandRegistrar) async throws -> Void) async throws {
        let fake = FakeDiscordAPI(token: token)
        try await fake.application().test(.live) { client in
            let port = try #require(client.port)
            let settings = try ConfigurationLoader(environment: [
                "KLAXON_DISCORD_APPLICATION_ID": Self.application, "KLAXON_DISCORD_BOT_TOKEN": sent,
                "KLAXON_DISCORD_API_URL": "http://127.0.0.1:\(port)/api/v10",
            ]).discordRegistration()
            try await body(fake, DiscordCommandRegistrar(settings: settings))
        }
    }

    @Test func theFirstRegistrationAddsIncidentThenNothingChanges() async throws {
        try await withFakeDiscord { fake, registrar in
            let first = try await registrar.register()
            #expect(first == DiscordCommandChanges(added: ["/incident"]))
            let stored = try #require(fake.registered(at: Self.globalPath))
            #expect(try JSONDecoder().decode([DiscordApplicationCommand].self, from: stored) == DiscordCommandRegistration.commands())

            let second = try await registrar.register()
            #expect(second.isEmpty)
            #expect(second.unchanged.count == DiscordCommandRegistration.commands()[0].options?.count)
            #expect(fake.calls.map(\.method) == ["GET", "PUT", "GET", "PUT"])
            #expect(fake.calls.allSatisfy { $0.authorization == "Bot bot-token" && $0.path == Self.globalPath })
        }
    }

    @Test func aGuildRegistrationGoesToTheGuildOnly() async throws {
        try await withFakeDiscord { fake, registrar in
            _ = try await registrar.register(guild: "41771983423143936")
            let guildPath = "/api/v10/applications/\(Self.application)/guilds/41771983423143936/commands"
            #expect(fake.calls.map(\.path) == [guildPath, guildPath])
            #expect(fake.registered(at: guildPath) != nil)
            #expect(fake.registered(at: Self.globalPath) == nil)
        }
    }

    @Test func changedAndRemovedSubcommandsAreReported() async throws {
        try await withFakeDiscord { fake, registrar in
            var old = DiscordCommandRegistration.commands()
            old[0].options?.removeAll { $0.name == "review" }
            old[0].options?[0].description = "An older description"
            old[0].options?.append(.init(type: 1, name: "pager", description: "Page someone"))
            fake.seed(DiscordCommandRegistration.json(old), at: Self.globalPath)
            let changes = try await registrar.register()
            #expect(changes.added == ["/incident review"])
            #expect(changes.changed == ["/incident declare"])
            #expect(changes.removed == ["/incident pager"])
        }
    }

    @Test func aWrongTokenIsRefusedWithDiscordsMessageAndNothingIsWritten() async throws {
        try await withFakeDiscord(token: "right-token", sending: "wrong-token-value") { fake, registrar in
            await #expect {
                try await registrar.register()
            } throws: { error in
                guard let error = error as? DiscordAPIError else { return false }
                return error.status == 401 && error.description.contains("401: Unauthorized") && !error.description.contains("wrong-token-value")
            }
            #expect(fake.calls.map(\.method) == ["GET"])
        }
    }

    @Test(arguments: [
        ([String: String](), "KLAXON_DISCORD_APPLICATION_ID"),
        (["KLAXON_DISCORD_APPLICATION_ID": "1"], "KLAXON_DISCORD_BOT_TOKEN"),
        (["KLAXON_DISCORD_APPLICATION_ID": "1", "KLAXON_DISCORD_BOT_TOKEN": "t", "KLAXON_DISCORD_API_URL": "discord.com"], "KLAXON_DISCORD_API_URL"),
    ])
    func missingSettingsAreNamed(environment: [String: String], variable: String) {
        #expect {
            try ConfigurationLoader(environment: environment).discordRegistration()
        } throws: { error in
            (error as? ConfigurationError)?.message.contains(variable) == true
        }
    }
}
