import Configuration
import Foundation
import KlaxonServer
import Testing

@Suite struct ConfigurationLoaderTests {
    @Test func withNothingSetItIsLocalModeOnLoopbackWithDefaults() throws {
        let configuration = try ConfigurationLoader(environment: [:]).load()
        #expect(configuration == KlaxonConfiguration(host: "127.0.0.1", port: 8080, dataDirectory: "./data"))
        #expect(configuration.isLocalMode)
    }

    @Test("Local mode links to the loopback address it serves on; an IPv6 one in brackets", arguments: [
        ("127.0.0.1", "http://127.0.0.1:8080"), ("::1", "http://[::1]:8080"), ("localhost", "http://localhost:8080"),
    ])
    func localModeLinksToItsLoopbackAddress(host: String, expected: String) {
        #expect(KlaxonConfiguration(host: host, port: 8080, dataDirectory: "./data").statusPageURL == expected)
    }

    @Test func environmentIsReadAndTheCommandLineWins() throws {
        let environment = [
            "KLAXON_HOST": "0.0.0.0", "KLAXON_PORT": "9000", "KLAXON_DATA_DIR": "/var/lib/klaxon",
            "KLAXON_POLICY": "/etc/klaxon/policy.yml", "KLAXON_TEMPLATES": "/etc/klaxon/templates",
            "KLAXON_SLACK_SIGNING_SECRET": "s3cret",
        ]
        let fromEnvironment = try ConfigurationLoader(environment: environment).load()
        #expect(fromEnvironment == KlaxonConfiguration(
            host: "0.0.0.0", port: 9000, dataDirectory: "/var/lib/klaxon", policyPath: "/etc/klaxon/policy.yml",
            templatesDirectory: "/etc/klaxon/templates", slackSigningSecret: "s3cret"
        ))
        let arguments: [AbsoluteConfigKey: ConfigValue] = [
            "klaxon.port": .init(.string("9100"), isSecret: false),
            "klaxon.data.dir": .init(.string("/tmp/k"), isSecret: false),
        ]
        let fromArguments = try ConfigurationLoader(arguments: arguments, environment: environment).load()
        #expect(fromArguments.port == 9100)
        #expect(fromArguments.dataDirectory == "/tmp/k")
        #expect(fromArguments.host == "0.0.0.0")
    }

    @Test func aConfiguredSecretListensOnAllInterfacesByDefault() throws {
        let configuration = try ConfigurationLoader(environment: ["KLAXON_SLACK_SIGNING_SECRET": "s3cret"]).load()
        #expect(configuration.host == "0.0.0.0")
        #expect(!configuration.isLocalMode)
    }

    @Test func theSecretCanComeFromAFile() throws {
        let path = NSTemporaryDirectory() + "klaxon-secret-\(UUID().uuidString)"
        try "from-a-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try ConfigurationLoader(environment: ["KLAXON_SLACK_SIGNING_SECRET_FILE": path]).load()
        #expect(configuration.slackSigningSecret == "from-a-file")
    }

    @Test(arguments: [
        (["KLAXON_PORT": "eighty"], "port must be a number"),
        (["KLAXON_PORT": "70000"], "port must be a number"),
        (["KLAXON_HOST": "0.0.0.0"], "local mode"),
        (["KLAXON_SLACK_SIGNING_SECRET": "a", "KLAXON_SLACK_SIGNING_SECRET_FILE": "/x"], "not both"),
        (["KLAXON_SLACK_SIGNING_SECRET_FILE": "/nonexistent/klaxon-secret"], "cannot read"),
        (["KLAXON_SLACK_SIGNING_SECRET": "  "], "empty"),
        (["KLAXON_SLACK_BOT_TOKEN": "xoxb-s3cret"], "KLAXON_SLACK_CHANNEL"),
        (["KLAXON_SLACK_CHANNEL": "C1"], "KLAXON_SLACK_BOT_TOKEN is not"),
        (["KLAXON_DISCORD_BOT_TOKEN": "s3cret"], "KLAXON_DISCORD_CHANNEL"),
        (["KLAXON_MATTERMOST_BOT_TOKEN": "s3cret", "KLAXON_MATTERMOST_CHANNEL": "ch1"], "KLAXON_MATTERMOST_API_URL (your server's API"),
        (["KLAXON_MATTERMOST_CHANNEL": "ch1"], "KLAXON_MATTERMOST_BOT_TOKEN is not"),
        (["KLAXON_SLACK_BOT_TOKEN": "xoxb-s3cret", "KLAXON_SLACK_CHANNEL": "C1", "KLAXON_SLACK_API_URL": "slack.com"], "http(s) URL"),
        (["KLAXON_SMTP_URL": "smtp://mail.example.com:587"], "KLAXON_EMAIL_FROM"),
        (["KLAXON_SMTP_URL": "mail.example.com", "KLAXON_EMAIL_FROM": "k@example.com"], "smtp://host"),
        (["KLAXON_SMTP_URL": "smtp://mail.example.com", "KLAXON_EMAIL_FROM": "k@example.com", "KLAXON_SMTP_USER": "k"], "both"),
    ])
    func badConfigurationIsAClearErrorThatNeverShowsTheSecret(environment: [String: String], expected: String) {
        do {
            _ = try ConfigurationLoader(environment: environment).load()
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(!error.message.contains("s3cret"))
        }
    }

    @Test func deliveryIsConfiguredFromTheEnvironmentWithSecretFiles() throws {
        let path = NSTemporaryDirectory() + "klaxon-token-\(UUID().uuidString)"
        try "xoxb-from-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try ConfigurationLoader(environment: [
            "KLAXON_SLACK_SIGNING_SECRET": "s", "KLAXON_SLACK_BOT_TOKEN_FILE": path, "KLAXON_SLACK_CHANNEL": "C0INC",
            "KLAXON_DISCORD_BOT_TOKEN": "d", "KLAXON_DISCORD_CHANNEL": "123", "KLAXON_DISCORD_API_URL": "http://127.0.0.1:9/api",
            "KLAXON_MATTERMOST_BOT_TOKEN": "m", "KLAXON_MATTERMOST_CHANNEL": "mm1", "KLAXON_MATTERMOST_API_URL": "https://chat.example.com/api/v4",
            "KLAXON_SMTP_URL": "smtps://mail.example.com:465", "KLAXON_SMTP_USER": "k", "KLAXON_SMTP_PASSWORD": "p",
            "KLAXON_EMAIL_FROM": "klaxon@example.com",
        ]).load()
        let delivery = configuration.delivery
        #expect(delivery.slack == .init(token: "xoxb-from-file", channel: "C0INC", apiURL: "https://slack.com/api"))
        #expect(delivery.discord == .init(token: "d", channel: "123", apiURL: "http://127.0.0.1:9/api"))
        #expect(delivery.smtp?.url == "smtps://mail.example.com:465")
        #expect(delivery.smtp?.user == "k")
        #expect(delivery.mattermost == .init(token: "m", channel: "mm1", apiURL: "https://chat.example.com/api/v4"))
        // The server's address as people copy it gets the API's path.
        #expect(["https://chat.example.com", "https://chat.example.com/", "https://chat.example.com/api/v4/"].map(DeliveryConfiguration.mattermostAPI)
            == Array(repeating: "https://chat.example.com/api/v4", count: 3))
        #expect(delivery.chatTransports == [.slack, .discord, .mattermost])
    }
}
