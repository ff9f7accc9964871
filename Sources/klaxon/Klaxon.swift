import ArgumentParser
import KlaxonServer

/// The `klaxon` command: an incident-response bot for Slack, Discord and Mattermost.
@main
struct Klaxon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Incident-response chat-ops bot: declare, run and review incidents from Slack, Discord or Mattermost.",
        version: KlaxonVersion.current,
        subcommands: [Serve.self, Say.self, PolicyCommand.self, CommandsCommand.self, Doctor.self, Report.self, Stats.self, Migrate.self, Export.self, Import.self, Bench.self, Token.self],
        defaultSubcommand: Serve.self
    )
}
