import Configuration
import Foundation
import KlaxonDiscord

extension ConfigurationLoader {
    /// The Discord and Mattermost endpoints' settings; each endpoint is mounted only when configured.
    struct Inbound {
        var discordPublicKey: String?
        var discordApplicationID: String?
        var mattermostToken: String?
        var discordAPIURL: String?

        var isEmpty: Bool { discordPublicKey == nil && mattermostToken == nil }

        func apply(to configuration: inout KlaxonConfiguration) {
            configuration.discordPublicKey = discordPublicKey
            configuration.discordApplicationID = discordApplicationID
            configuration.mattermostToken = mattermostToken
            configuration.discordAPIURL = discordAPIURL
        }
    }

    /// Reads `KLAXON_DISCORD_PUBLIC_KEY` (checked to be a valid key), `KLAXON_DISCORD_APPLICATION_ID` and
    /// `KLAXON_MATTERMOST_TOKEN` (or its `_FILE`).
    func inbound(_ reader: ConfigReader) throws(ConfigurationError) -> Inbound {
        let key = reader.string(forKey: "klaxon.discord.public.key")?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let key {
            do throws(DiscordSignatureVerifier.KeyError) {
                _ = try DiscordSignatureVerifier(publicKeyHex: key)
            } catch {
                throw ConfigurationError("KLAXON_DISCORD_PUBLIC_KEY: \(error.description)")
            }
        }
        let application = reader.string(forKey: "klaxon.discord.application.id")
        if let application, !application.allSatisfy({ $0.isASCII && $0.isNumber }) || application.isEmpty {
            throw ConfigurationError("KLAXON_DISCORD_APPLICATION_ID must be the application's numeric id (General Information → Application ID)")
        }
        let token = try secretValue(reader, key: "klaxon.mattermost.token", variable: "KLAXON_MATTERMOST_TOKEN")
        let api = reader.string(forKey: "klaxon.discord.api.url")
        if let api, !(api.hasPrefix("https://") || api.hasPrefix("http://")) {
            throw ConfigurationError("KLAXON_DISCORD_API_URL must be an http(s) URL")
        }
        return Inbound(discordPublicKey: key, discordApplicationID: application, mattermostToken: token, discordAPIURL: api)
    }
}
