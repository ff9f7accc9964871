import Foundation
import KlaxonCore

/// The commands Klaxon registers with Discord: one `/incident` with a subcommand per catalogue entry.
public enum DiscordCommandRegistration {
    /// The bulk-overwrite body, generated from the catalogue.
    public static func commands(_ catalogue: [CommandSpec] = CommandCatalogue.all) -> [DiscordApplicationCommand] {
        let subcommands = catalogue.map { spec in
            DiscordApplicationCommand.Option(
                type: 1, name: spec.name, description: spec.brief, options: spec.options.isEmpty ? nil : spec.options.map(option)
            )
        }
        return [DiscordApplicationCommand(name: DiscordInteraction.commandName, description: CommandCatalogue.description, options: subcommands)]
    }

    /// The body as committed in `commands/discord-commands.json`: pretty, keys sorted, ending in a newline.
    public static func json(_ commands: [DiscordApplicationCommand] = commands()) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain value types cannot fail.
        let data = (try? encoder.encode(commands)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func option(_ option: CommandOption) -> DiscordApplicationCommand.Option {
        let type = switch option.kind {
        case .text: 3
        case .flag: 5
        case .person: 6
        }
        return DiscordApplicationCommand.Option(
            type: type, name: option.name, description: option.description, required: option.required ? true : nil,
            choices: option.choices.isEmpty ? nil : option.choices.map { DiscordApplicationCommand.Choice(name: $0.label, value: $0.value) },
            autocomplete: option.suggestions == nil ? nil : true
        )
    }
}
