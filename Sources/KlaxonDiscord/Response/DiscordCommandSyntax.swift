import KlaxonCore

/// How `/incident` commands are typed in Discord, generated from the catalogue's options.
public enum DiscordCommandSyntax {
    /// `/incident update text (optional: incident)`.
    public static func usage(_ spec: CommandSpec) -> String {
        let required = spec.options.filter(\.required).map(\.name)
        let optional = spec.options.filter { !$0.required }.map(\.name)
        var usage = (path(spec) + required).joined(separator: " ")
        if !optional.isEmpty { usage += " (optional: \(optional.joined(separator: ", ")))" }
        return usage
    }

    /// `/incident update text:Rolled back the deploy`, from the options' example values.
    public static func example(_ spec: CommandSpec) -> String {
        let values = spec.options.compactMap { option in option.example.map { "\(option.name):\($0)" } }
        return (path(spec) + values).joined(separator: " ")
    }

    /// `/incident update`, or `/incident page eta` for a grouped command.
    static func path(_ spec: CommandSpec) -> [String] {
        ["/\(DiscordInteraction.commandName)"] + (spec.group.map { [$0.name] } ?? []) + [spec.name]
    }

    /// Facts for the help template, in Discord's syntax. The whole list must fit one message of 2,000 characters:
    /// each command's brief line, and a group's commands as one line (`help command:eta` explains each).
    static func helpFacts(_ spec: CommandSpec?) -> [String: Any] {
        func facts(_ spec: CommandSpec) -> [String: Any] {
            ["name": spec.name, "usage": usage(spec), "summary": spec.brief, "example": example(spec)]
        }
        if let spec { return ["command": facts(spec)] }
        var listed: [[String: Any]] = []
        var groups: Set<String> = []
        for spec in CommandCatalogue.all {
            guard let group = spec.group else {
                listed.append(["name": spec.name, "usage": path(spec).joined(separator: " "), "summary": spec.brief])
                continue
            }
            guard groups.insert(group.name).inserted else { continue }
            // Named in the summary: in the usage's code span a `|` would be escaped, and show its backslash.
            let members = CommandCatalogue.all.filter { $0.group == group }.map(\.name).joined(separator: ", ")
            listed.append(["name": group.name, "usage": "/\(DiscordInteraction.commandName) \(group.name) …", "summary": "\(members): \(group.description)"])
        }
        return ["commands": listed]
    }

    /// Help for a group's commands, each with its whole path and options, under the group's description.
    static func helpFacts(_ group: CommandGroup) -> [String: Any] {
        ["group": group.description, "commands": group.members.map { ["name": $0.name, "usage": usage($0), "summary": $0.brief] }]
    }
}
