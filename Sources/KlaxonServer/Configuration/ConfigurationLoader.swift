import Configuration
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
        let reader = ConfigReader(providers: [
            InMemoryProvider(name: "arguments", values: arguments),
            EnvironmentVariablesProvider(
                environmentVariables: environment,
                secretsSpecifier: .dynamic { name, _ in name.contains("SECRET") || name.contains("TOKEN") || name.contains("PASSWORD") }
            ),
        ])
        let secret = try secretValue(reader, key: "klaxon.slack.signing.secret", variable: "KLAXON_SLACK_SIGNING_SECRET")
        let defaultHost = secret == nil ? "127.0.0.1" : "0.0.0.0"
        var configuration = KlaxonConfiguration(
            host: reader.string(forKey: "klaxon.host") ?? defaultHost,
            port: try port(reader),
            dataDirectory: reader.string(forKey: "klaxon.data.dir") ?? KlaxonConfiguration.defaultDataDirectory,
            policyPath: reader.string(forKey: "klaxon.policy"),
            templatesDirectory: reader.string(forKey: "klaxon.templates"),
            peoplePath: reader.string(forKey: "klaxon.people"),
            slackSigningSecret: secret
        )
        if configuration.isLocalMode, !["127.0.0.1", "localhost", "::1"].contains(configuration.host) {
            throw ConfigurationError(
                "local mode (no KLAXON_SLACK_SIGNING_SECRET) listens on 127.0.0.1 only, not \(configuration.host); set the signing secret to serve Slack"
            )
        }
        if configuration.host == "localhost" { configuration.host = "127.0.0.1" }
        return configuration
    }

    private func port(_ reader: ConfigReader) throws(ConfigurationError) -> Int {
        guard let text = reader.string(forKey: "klaxon.port") else { return KlaxonConfiguration.defaultPort }
        guard let port = Int(text), (1...65_535).contains(port) else {
            throw ConfigurationError("port must be a number from 1 to 65535, not '\(text)' (--port or KLAXON_PORT)")
        }
        return port
    }

    /// A secret from the environment, or from the file its `_FILE` variable names; never both.
    private func secretValue(_ reader: ConfigReader, key: ConfigKey, variable: String) throws(ConfigurationError) -> String? {
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
