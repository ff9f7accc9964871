import Foundation
import KlaxonCore

/// The commands Klaxon registers with Discord: one `/incident` with a subcommand per catalogue entry, grouped ones
/// (`CommandSpec.group`) in a subcommand group.
public enum DiscordCommandRegistration {
    /// The bulk-overwrite body, generated from the catalogue.
    public static func commands(_ catalogue: [CommandSpec] = CommandCatalogue.all) -> [DiscordApplicationCommand] {
        func subcommand(_ spec: CommandSpec) -> DiscordApplicationCommand.Option {
            DiscordApplicationCommand.Option(
                type: 1, name: spec.name, description: spec.brief, options: spec.options.isEmpty ? nil : spec.options.map(option)
            )
        }
        // Grouped commands become one subcommand group where the first of them stands.
        var subcommands: [DiscordApplicationCommand.Option] = []
        for spec in catalogue {
            guard let group = spec.group else {
                subcommands.append(subcommand(spec))
                continue
            }
            guard !subcommands.contains(where: { $0.type == 2 && $0.name == group.name }) else { continue }
            let members = catalogue.filter { $0.group == group }.map(subcommand)
            subcommands.append(DiscordApplicationCommand.Option(type: 2, name: group.name, description: group.description, options: members))
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
