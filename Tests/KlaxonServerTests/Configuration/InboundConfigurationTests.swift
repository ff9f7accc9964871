import Foundation
import KlaxonServer
import Testing

@Suite struct InboundConfigurationTests {
    static let key = "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"

    @Test func discordAloneLeavesLocalModeAndListensEverywhere() throws {
        let configuration = try ConfigurationLoader(environment: [
            "KLAXON_DISCORD_PUBLIC_KEY": Self.key, "KLAXON_DISCORD_APPLICATION_ID": "123456789012345678",
        ]).load()
        #expect(configuration.discordPublicKey == Self.key)
        #expect(configuration.discordApplicationID == "123456789012345678")
        #expect(!configuration.isLocalMode)
        #expect(configuration.host == "0.0.0.0")
    }

    @Test func theMattermostTokenCanComeFromAFile() throws {
        let path = NSTemporaryDirectory() + "klaxon-mm-\(UUID().uuidString)"
        try "from-file-token\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try ConfigurationLoader(environment: ["KLAXON_MATTERMOST_TOKEN_FILE": path]).load()
        #expect(configuration.mattermostToken == "from-file-token")
        #expect(!configuration.isLocalMode)
    }

    @Test(arguments: [
        (["KLAXON_DISCORD_PUBLIC_KEY": "abc123"], "KLAXON_DISCORD_PUBLIC_KEY"),
        (["KLAXON_DISCORD_PUBLIC_KEY": String(repeating: "g", count: 64)], "KLAXON_DISCORD_PUBLIC_KEY"),
        (["KLAXON_DISCORD_APPLICATION_ID": "my-app"], "KLAXON_DISCORD_APPLICATION_ID"),
        (["KLAXON_MATTERMOST_TOKEN": "  "], "KLAXON_MATTERMOST_TOKEN"),
    ])
    func badValuesStopStartUpNamingTheVariable(environment: [String: String], variable: String) {
        #expect {
            try ConfigurationLoader(environment: environment).load()
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.message.contains(variable) && !environment.values.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty && error.message.contains($0) }
        }
    }

    @Test func nothingConfiguredIsStillLocalMode() throws {
        let configuration = try ConfigurationLoader(environment: [:]).load()
        #expect(configuration.discordPublicKey == nil)
        #expect(configuration.mattermostToken == nil)
        #expect(configuration.isLocalMode)
    }
}
