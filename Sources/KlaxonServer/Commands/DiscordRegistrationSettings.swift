/// What `klaxon commands register discord` needs: the application, its bot token and Discord's API address.
public struct DiscordRegistrationSettings: Sendable, Equatable {
    public var applicationID: String
    public var botToken: String
    public var apiURL: String

    public init(applicationID: String, botToken: String, apiURL: String = DeliveryConfiguration.defaultDiscordAPI) {
        self.applicationID = applicationID
        self.botToken = botToken
        self.apiURL = apiURL
    }
}

extension ConfigurationLoader {
    /// Reads `KLAXON_DISCORD_APPLICATION_ID`, `KLAXON_DISCORD_BOT_TOKEN` (or its `_FILE`) and `KLAXON_DISCORD_API_URL`.
    public func discordRegistration() throws(ConfigurationError) -> DiscordRegistrationSettings {
        let reader = makeReader()
        let inbound = try inbound(reader)
        guard let application = inbound.discordApplicationID else {
            throw ConfigurationError("set KLAXON_DISCORD_APPLICATION_ID to the application's id (Discord developer portal → General Information)")
        }
        guard let token = try secretValue(reader, key: "klaxon.discord.bot.token", variable: "KLAXON_DISCORD_BOT_TOKEN") else {
            throw ConfigurationError("set KLAXON_DISCORD_BOT_TOKEN (or KLAXON_DISCORD_BOT_TOKEN_FILE) to the application's bot token")
        }
        let api = reader.string(forKey: "klaxon.discord.api.url") ?? DeliveryConfiguration.defaultDiscordAPI
        guard api.hasPrefix("https://") || api.hasPrefix("http://") else {
            throw ConfigurationError("KLAXON_DISCORD_API_URL must be an http(s) URL")
        }
        return DiscordRegistrationSettings(applicationID: application, botToken: token, apiURL: api)
    }
}
