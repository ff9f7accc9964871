/// One command of `/incident`: the single definition that help text (and later the platform manifests) come from.
public struct CommandSpec: Sendable, Equatable {
    public let name: String
    public let aliases: [String]
    public let usage: String
    public let summary: String
    public let example: String

    public init(name: String, aliases: [String] = [], usage: String, summary: String, example: String) {
        self.name = name
        self.aliases = aliases
        self.usage = usage
        self.summary = summary
        self.example = example
    }
}

/// The catalogue of `/incident` commands.
public enum CommandCatalogue {
    public static let all: [CommandSpec] = [
        CommandSpec(
            name: "declare", aliases: ["p0", "p1", "p2", "p3"],
            usage: "/incident p0|p1|p2|p3 <title> [kind:security|billing|data-breach] [public]",
            summary: "Declare an incident (also `/incident declare p1 <title>`).",
            example: "/incident p0 Uploads failing for everyone public"
        ),
        CommandSpec(name: "update", usage: "/incident update [#id] <text>", summary: "Post a status update; restarts the update clock.", example: "/incident update Rolled back the deploy, watching error rates"),
        CommandSpec(name: "status", usage: "/incident status [#id] investigating|identified|monitoring|resolved [note]", summary: "Move the incident along the status-page lifecycle.", example: "/incident status identified Connection pool exhausted"),
        CommandSpec(name: "commander", aliases: ["ic"], usage: "/incident commander [#id] @user|me", summary: "Assign the incident commander.", example: "/incident commander me"),
        CommandSpec(name: "severity", aliases: ["sev"], usage: "/incident severity [#id] p0|p1|p2|p3 [reason]", summary: "Escalate or downgrade (a downgrade needs a reason).", example: "/incident severity p1 Only EU customers affected"),
        CommandSpec(name: "scope", usage: "/incident scope [#id] <text>", summary: "Record who and what is affected.", example: "/incident scope All uploads, all regions"),
        CommandSpec(name: "check", usage: "/incident check [#id] <item>", summary: "Tick a checklist item (`/incident show` lists them).", example: "/incident check smoke-tests"),
        CommandSpec(name: "note", usage: "/incident note [#id] <text>", summary: "Add a note to the timeline without announcing it.", example: "/incident note Pool size raised from 20 to 50"),
        CommandSpec(name: "resolve", usage: "/incident resolve [#id] <summary> [--force <reason>]", summary: "Resolve; needs the resolution checklist or `--force` with a reason.", example: "/incident resolve Deploy rolled back, uploads working"),
        CommandSpec(name: "review", usage: "/incident review [#id] schedule <when>", summary: "Schedule the post-incident review; stops the reminders.", example: "/incident review #3 schedule tomorrow 10:00 in Room 2"),
        CommandSpec(name: "list", usage: "/incident list", summary: "List open incidents.", example: "/incident list"),
        CommandSpec(name: "show", usage: "/incident show [#id]", summary: "Show an incident, its checklists and what is due.", example: "/incident show #3"),
        CommandSpec(name: "timeline", usage: "/incident timeline [#id]", summary: "Show the incident's timeline.", example: "/incident timeline #3"),
        CommandSpec(name: "runbook", usage: "/incident runbook [name]", summary: "Show a scenario runbook, or list them.", example: "/incident runbook disk-full"),
        CommandSpec(name: "help", usage: "/incident help [command]", summary: "Show this help, or one command's.", example: "/incident help resolve"),
    ]

    /// Finds a command by its name or an alias.
    public static func spec(named name: String) -> CommandSpec? {
        let lowered = name.lowercased()
        return all.first { $0.name == lowered || $0.aliases.contains(lowered) }
    }

    /// The spec of a command that is certainly in the catalogue.
    static func spec(_ name: String) -> CommandSpec {
        guard let spec = spec(named: name) else { preconditionFailure("\(name) is not in the catalogue") }
        return spec
    }
}
