import ArgumentParser

/// The `klaxon` command: an incident-response bot for Slack.
@main
struct Klaxon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Incident-response chat-ops bot: declare, run and review incidents from Slack.",
        subcommands: [Serve.self, Say.self, PolicyCommand.self, Bench.self],
        defaultSubcommand: Serve.self
    )
}
