import ArgumentParser
import Foundation
import KlaxonServer
import KlaxonSlack

/// `klaxon commands …`: what the command catalogue generates, and registering it with Discord.
struct CommandsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commands",
        abstract: "The /incident command on each platform: Slack's manifest, Discord's registration, the generated files.",
        subcommands: [Manifest.self, Register.self, Generate.self]
    )

    /// `klaxon commands manifest slack --url https://…`.
    struct Manifest: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the Slack app manifest with your address in it.")

        enum Platform: String, ExpressibleByArgument { case slack }

        @Argument(help: "The platform: slack.") var platform: Platform
        @Option(help: "Where Klaxon is reachable over HTTPS: https://host, or the full /slack/commands URL.") var url: String

        func run() throws {
            let address: String
            do throws(SlackAppManifest.AddressError) {
                address = try SlackAppManifest.commandURL(from: url)
            } catch {
                throw ValidationError(error.description)
            }
            print(SlackAppManifest.yaml(url: address), terminator: "")
        }
    }

    /// `klaxon commands register discord [--guild ID]`.
    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register /incident with Discord (bulk overwrite) and print what changed.",
            discussion: "Reads KLAXON_DISCORD_APPLICATION_ID, KLAXON_DISCORD_BOT_TOKEN (or _FILE) and KLAXON_DISCORD_API_URL."
        )

        enum Platform: String, ExpressibleByArgument { case discord }

        @Argument(help: "The platform: discord.") var platform: Platform
        @Option(help: "A guild (server) id: register there only, which takes effect at once.") var guild: String?

        func run() async throws {
            do {
                let registrar = DiscordCommandRegistrar(settings: try ConfigurationLoader().discordRegistration())
                let changes = try await registrar.register(guild: guild)
                print(guild.map { "Registered /incident in guild \($0):" } ?? "Registered /incident globally (Discord may take a while to show it):")
                print(changes.summary)
            } catch let error as ConfigurationError {
                throw ValidationError(error.message)
            }
        }
    }

    /// `klaxon commands generate`: rewrites `commands/` and the README's table from the catalogue.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Regenerate commands/ and the README's command table from the catalogue.")

        @Option(help: "The repository's root.") var root = "."

        func run() throws {
            let changed = try CommandDocuments.write(to: URL(fileURLWithPath: root))
            print(changed.isEmpty ? "Everything is up to date." : "Wrote " + changed.joined(separator: ", "))
        }
    }
}
