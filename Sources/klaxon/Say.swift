import ArgumentParser
import Foundation
import KlaxonServer

/// `klaxon say`: plays a slash command against a local bot, signed as Slack would sign it.
struct Say: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send a slash command to the running local bot and print its reply.",
        discussion: "Example: klaxon say '/incident p0 Database down'"
    )

    @Argument(help: "The command as typed in Slack, e.g. '/incident p0 Database down'.") var line: [String]
    @Option(help: "Where the bot listens (KLAXON_PORT).") var port: Int?
    @Option(help: "The bot's host.") var host = "127.0.0.1"
    @Option(name: .customLong("data-dir"), help: "The bot's data directory, for its local secret (KLAXON_DATA_DIR).") var dataDir: String?
    @Option(help: "Slack user id to send as.") var user = "U0LOCAL"
    @Option(name: .customLong("user-name"), help: "User name to send as.") var userName = ProcessInfo.processInfo.environment["USER"] ?? "you"
    @Option(help: "Slack channel id to send from.") var channel = Self.defaultChannel
    @Option(name: .customLong("channel-name"), help: "The channel's name, as Slack sends it beside the id (default: incidents for the default channel, the id otherwise).")
    var channelName: String?

    static let defaultChannel = "C0INCIDENTS"

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let directory = dataDir ?? environment["KLAXON_DATA_DIR"] ?? "./data"
        let port = port ?? environment["KLAXON_PORT"].flatMap(Int.init) ?? 8080
        do {
            let secret = try environment["KLAXON_SLACK_SIGNING_SECRET"] ?? LocalSecret.read(in: directory)
            let client = SlackSayClient(
                baseURL: "http://\(host):\(port)", signingSecret: secret, userID: user, userName: userName,
                channelID: channel, channelName: channelName ?? (channel == Self.defaultChannel ? "incidents" : channel)
            )
            print(try await client.say(line.joined(separator: " ")))
        } catch let error as ConfigurationError {
            throw fail(error.message)
        } catch let error as SayError {
            throw fail(error.description)
        }
    }
}
