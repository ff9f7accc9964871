import Configuration
import KlaxonEmail
import Foundation

/// Reads `KlaxonConfiguration`: command line first, then environment, then defaults.
public struct ConfigurationLoader: Sendable {
    /// Values given on the command line, by configuration key (`klaxon.port`…).
    public var arguments: [AbsoluteConfigKey: ConfigValue]
    public var environment: [String: String]

    public init(arguments: [AbsoluteConfigKey: ConfigValue] = [:], environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.arguments = arguments
        self.environment = environment
    }

    /// Builds and validates the configuration.
    public func load() throws(ConfigurationError) -> KlaxonConfiguration {
        let reader = makeReader()
        let secret = try secretValue(reader, key: "klaxon.slack.signing.secret", variable: "KLAXON_SLACK_SIGNING_SECRET")
        let inbound = try inbound(reader)
        let defaultHost = secret == nil && inbound.isEmpty ? "127.0.0.1" : "0.0.0.0"
        var configuration = KlaxonConfiguration(
            host: reader.string(forKey: "klaxon.host") ?? defaultHost,
            port: try port(reader),
            dataDirectory: reader.string(forKey: "klaxon.data.dir") ?? KlaxonConfiguration.defaultDataDirectory,
            policyPath: reader.string(forKey: "klaxon.policy"),
            templatesDirectory: reader.string(forKey: "klaxon.templates"),
            peoplePath: reader.string(forKey: "klaxon.people"),
            slackSigningSecret: secret
        )
        inbound.apply(to: &configuration)
        if configuration.isLocalMode, !["127.0.0.1", "localhost", "::1"].contains(configuration.host) {
            throw ConfigurationError(
                "local mode (no KLAXON_SLACK_SIGNING_SECRET) listens on 127.0.0.1 only, not \(configuration.host); set the signing secret to serve Slack"
            )
        }
        if configuration.host == "localhost" { configuration.host = "127.0.0.1" }
        configuration.delivery = try delivery(reader)
        configuration.connections = try connections(reader)
        configuration.postgres = try postgres(reader)
        configuration.reportsDirectory = reader.string(forKey: "klaxon.reports.dir")
        configuration.tickets = try tickets(reader)
        configuration.statuspage = try statuspage(reader)
        try observability(reader, into: &configuration)
        try api(reader, into: &configuration)
        return configuration
    }

    /// Bot tokens need their channel and the other way round; SMTP needs a valid URL and a sender.
    private func delivery(_ reader: ConfigReader) throws(ConfigurationError) -> DeliveryConfiguration {
        var delivery = DeliveryConfiguration()
        delivery.slack = try chat(
            reader, name: "Slack", prefix: "KLAXON_SLACK", key: ["klaxon", "slack"], defaultAPI: DeliveryConfiguration.defaultSlackAPI
        )
        delivery.discord = try chat(
            reader, name: "Discord", prefix: "KLAXON_DISCORD", key: ["klaxon", "discord"], defaultAPI: DeliveryConfiguration.defaultDiscordAPI
        )
        // Mattermost is self-hosted: there is no API address to assume, only its path on the server.
        delivery.mattermost = try chat(reader, name: "Mattermost", prefix: "KLAXON_MATTERMOST", key: ["klaxon", "mattermost"], defaultAPI: nil).map {
            var chat = $0
            chat.apiURL = DeliveryConfiguration.mattermostAPI(chat.apiURL)
            return chat
        }
        if let url = reader.string(forKey: "klaxon.smtp.url") {
            guard let from = reader.string(forKey: "klaxon.email.from") else {
                throw ConfigurationError("KLAXON_SMTP_URL is set, so KLAXON_EMAIL_FROM is needed too")
            }
            let user = reader.string(forKey: "klaxon.smtp.user")
            let password = try secretValue(reader, key: "klaxon.smtp.password", variable: "KLAXON_SMTP_PASSWORD")
            do throws(SMTPSettingsError) {
                delivery.smtp = try SMTPSettings(url: url, user: user, password: password, from: from)
            } catch {
                throw ConfigurationError(error.description)
            }
        }
        return delivery
    }

    private func chat(_ reader: ConfigReader, name: String, prefix: String, key: [String], defaultAPI: String?) throws(ConfigurationError) -> DeliveryConfiguration.Chat? {
        let token = try secretValue(reader, key: ConfigKey(key + ["bot", "token"]), variable: prefix + "_BOT_TOKEN")
        let channel = reader.string(forKey: ConfigKey(key + ["channel"]))
        switch (token, channel) {
        case (nil, nil):
            return nil
        case (nil, _):
            throw ConfigurationError("\(prefix)_CHANNEL is set but \(prefix)_BOT_TOKEN is not: \(name) delivery needs both")
        case (_, nil):
            throw ConfigurationError("\(prefix)_BOT_TOKEN is set but \(prefix)_CHANNEL (the incidents channel id) is not")
        case (let token?, let channel?):
            guard let api = reader.string(forKey: ConfigKey(key + ["api", "url"])) ?? defaultAPI else {
                throw ConfigurationError("\(prefix)_BOT_TOKEN is set but \(prefix)_API_URL (your server's API, https://…/api/v4) is not")
            }
            guard api.hasPrefix("https://") || api.hasPrefix("http://") else {
                throw ConfigurationError("\(prefix)_API_URL must be an http(s) URL")
            }
            return DeliveryConfiguration.Chat(token: token, channel: channel, apiURL: api)
        }
    }

    /// The command line, then the environment (names with SECRET, TOKEN, PASSWORD or API_KEY are secrets).
    func makeReader() -> ConfigReader {
        ConfigReader(providers: [
            InMemoryProvider(name: "arguments", values: arguments),
            EnvironmentVariablesProvider(
                environmentVariables: environment,
                secretsSpecifier: .dynamic { name, _ in
                    name.contains("SECRET") || name.contains("TOKEN") || name.contains("PASSWORD") || name.contains("API_KEY")
                }
            ),
        ])
    }

    private func port(_ reader: ConfigReader) throws(ConfigurationError) -> Int {
        try port(reader, key: "klaxon.port", names: "--port or KLAXON_PORT") ?? KlaxonConfiguration.defaultPort
    }

    func port(_ reader: ConfigReader, key: ConfigKey, names: String) throws(ConfigurationError) -> Int? {
        guard let text = reader.string(forKey: key) else { return nil }
        guard let port = Int(text), (1...65_535).contains(port) else {
            throw ConfigurationError("port must be a number from 1 to 65535, not '\(text)' (\(names))")
        }
        return port
    }

    /// A secret from the environment, or from the file its `_FILE` variable names; never both.
    func secretValue(_ reader: ConfigReader, key: ConfigKey, variable: String) throws(ConfigurationError) -> String? {
        let direct = reader.string(forKey: key, isSecret: true)
        let fileVariable = variable + "_FILE"
        guard let path = environment[fileVariable], !path.isEmpty else {
            if let direct, direct.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ConfigurationError("\(variable) is set but empty")
            }
            return direct
        }
        guard direct == nil else { throw ConfigurationError("set \(variable) or \(fileVariable), not both") }
        guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigurationError("cannot read \(fileVariable) file \(path)")
        }
        let secret = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw ConfigurationError("\(fileVariable) file \(path) is empty") }
        return secret
    }
}
