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
}
