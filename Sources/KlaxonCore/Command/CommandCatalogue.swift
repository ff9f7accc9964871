/// One command of `/incident`: the single definition that help text, the platform manifests and the README come from.
public struct CommandSpec: Sendable, Equatable {
    public let name: String
    public let aliases: [String]
    /// The Slack/Mattermost text grammar.
    public let usage: String
    public let summary: String
    /// An example in the text grammar.
    public let example: String
    /// Typed options, for platforms that have them (Discord); required ones first.
    public let options: [CommandOption]
    /// A plain one-line description (at most 100 characters) for command pickers; defaults to the summary.
    public let brief: String
    /// The group platforms with a limit on subcommands (Discord: 25) list it under, if any.
    public let group: CommandGroup?

    public init(
        name: String, aliases: [String] = [], usage: String, summary: String, example: String, options: [CommandOption] = [],
        brief: String? = nil, group: CommandGroup? = nil
    ) {
        self.group = group
        self.name = name
        self.aliases = aliases
        self.usage = usage
        self.summary = summary
        self.example = example
        self.options = options
        self.brief = brief ?? summary
    }

    /// The aliases worth telling a user: a declaration's `p0`…`p3` are in its usage already.
    public var listedAliases: [String] {
        aliases.filter { Severity(text: $0) == nil }
    }

    /// The option with this name, if the command has it.
    public func option(named name: String) -> CommandOption? {
        options.first { $0.name == name }
    }
}

/// A group of commands that Discord shows as `/incident <group> <command>` (it allows 25 subcommands a command).
public struct CommandGroup: Sendable, Equatable {
    public let name: String
    public let description: String

    /// The public status page's commands: `/incident page public|private|eta|affects` on Discord.
    public static let page = CommandGroup(name: "page", description: "What the public status page shows")
    /// When impact began and ended, for the review: `/incident milestone started|mitigated` on Discord.
    public static let milestone = CommandGroup(name: "milestone", description: "When impact began and ended, for the review")
    /// Ticking checklist items and taking a tick back: `/incident checklist check|uncheck` on Discord.
    public static let checklist = CommandGroup(name: "checklist", description: "Tick a checklist item, or take a tick back")
    /// What the review found: `/incident findings impact|cause|gap` on Discord (which allows 25 commands side by side).
    public static let findings = CommandGroup(name: "findings", description: "What the review found: impact, root cause, monitoring gaps")

    /// Every group, in the catalogue's order.
    public static let all: [CommandGroup] = [.page, .checklist, .findings, .milestone]

    /// The group with this name, as Discord shows it (`help page`, `help /incident page`).
    public static func named(_ name: String) -> CommandGroup? {
        let words = CommandCatalogue.typedWords(name)
        guard words.count == 1 else { return nil }
        return all.first { $0.name == words[0] }
    }

    /// Its commands, in the catalogue's order.
    public var members: [CommandSpec] {
        CommandCatalogue.all.filter { $0.group == self }
    }
}

/// The catalogue of `/incident` commands.
public enum CommandCatalogue {
    /// What the whole command does, for manifests.
    public static let description = "Declare and run an incident"

    /// Commands that act on a resolved incident too (its review, its timeline, reopening it): where an incident is
    /// suggested as it is typed, resolved ones are offered for these as well as open ones.
    public static let actOnResolved: Set<String> = [
        "note", "reopen", "withdraw", "review", "impact", "cause", "gap", "action", "actions", "started", "mitigated", "report", "show",
        "timeline", "private",
    ]

    public static let all: [CommandSpec] = commands + [help]

    private static let commands: [CommandSpec] = [
        CommandSpec(
            name: "declare", aliases: ["p0", "p1", "p2", "p3"],
            usage: "/incident p0|p1|p2|p3 <title> [kind:security|billing|data-breach] [--public]",
            summary: "Declare an incident (also `/incident declare p1 <title>`); `--public` at the end puts it on the public status page (a title's own words, even `public`, never do; a mistyped `--pubic` is refused).",
            example: "/incident p0 Uploads failing for everyone --public",
            options: [
                .severity("How bad it is", example: "p0"),
                .text("title", "What is broken, in a few words", example: "Uploads failing for everyone"),
                CommandOption(
                    "kind", choices: [IncidentKind.security, .billing, .dataBreach].map { CommandChoice($0.rawValue, label: $0.rawValue) },
                    description: "Security, billing or data-breach incidents bring their own escalations"
                ),
                CommandOption("public", .flag, description: "Customers are affected (public-facing)", example: "true"),
            ],
            brief: "Declare an incident"
        ),
        CommandSpec(
            name: "accept", usage: "/incident accept <alert-id>",
            summary: "Declare the incident an alert group proposed (the proposal in the incidents channel gives its id, like `a7`); you are its declarer.",
            example: "/incident accept a7",
            options: [.text("alert", "The proposal's alert id, e.g. a7", example: "a7")],
            brief: "Declare an incident that alerts proposed"
        ),
        CommandSpec(
            name: "update", usage: "/incident update [#id] [--public] <text>",
            summary: "Post a status update; restarts the update clock. With `--public` (before the text or at its end) it is also shown on the public status page, so write it for customers.",
            example: "/incident update Rolled back the deploy, watching error rates",
            options: [
                .text("text", "What we know, what we're doing", example: "Rolled back the deploy, watching error rates"),
                CommandOption("public", .flag, description: "Also show it on the public status page"), .incident,
            ],
            brief: "Post a status update (public: also on the status page)"
        ),
        CommandSpec(
            name: "status", usage: "/incident status [#id] investigating|identified|monitoring|resolved [--public] [note]",
            summary: "Move the incident along the status-page lifecycle; `--public <note>` (or `--public` at the end) puts the note on the status page.",
            example: "/incident status identified Connection pool exhausted",
            options: [
                CommandOption(
                    "status", required: true, choices: StatusPhase.allCases.map { CommandChoice($0.rawValue, label: $0.title) },
                    description: "The new status-page status", example: "identified"
                ),
                CommandOption("note", description: "What changed", example: "Connection pool exhausted"),
                CommandOption("public", .flag, description: "Show the note on the public status page"),
                CommandOption("force", description: "With resolved and public: resolve without the full checklist, and why"),
                .incident,
            ],
            brief: "Move the incident along the status-page lifecycle"
        ),
        // The public status page: what customers see.
        CommandSpec(
            name: "public", usage: "/incident public [#id] [public title]",
            summary: "Show the incident on the public status page, under a title written for customers if given.",
            example: "/incident public Uploads are failing",
            options: [CommandOption("title", description: "The title customers see (default: the incident's)", example: "Uploads are failing"), .incident],
            brief: "Show the incident on the public status page", group: .page
        ),
        CommandSpec(
            name: "private", usage: "/incident private [#id]", summary: "Take the incident off the public status page.",
            example: "/incident private #3", options: [.incident], group: .page
        ),
        CommandSpec(
            name: "eta", usage: "/incident eta [#id] 30m|14:30|clear",
            summary: "Set when a fix is expected (in 30 minutes, at 14:30 UTC, at a UTC date and time like 2026-11-30 10:00, or at your time with its offset: 16:30 +02:00; a time already past today is tomorrow's only within 12 hours), shown on the status page; `clear` removes it. Five minutes after it passes, whoever runs the incident is asked for a new one.",
            example: "/incident eta 30m",
            options: [.text("when", "30m, 14:30 UTC, 2026-11-30 10:00, 16:30 +02:00, or clear", example: "30m"), .incident],
            brief: "Set or clear the ETA shown on the status page", group: .page
        ),
        CommandSpec(
            name: "affects", usage: "/incident affects [#id] <component,...> [degraded|partial|major|operational]",
            summary: "Mark components affected on the status page; without a level the severity decides (P0 major, P1 partial, P2 degraded). `operational`: recovered.",
            example: "/incident affects uploads,auth partial",
            options: [
                .text("components", "Components, comma-separated, e.g. uploads,auth", example: "uploads,auth"),
                CommandOption(
                    "impact", choices: [ComponentImpact.degraded, .partial, .major, .operational].map { CommandChoice(String($0.rawValue.prefix { $0 != "_" }), label: $0.label) },
                    description: "How bad (default: from the severity)", example: "partial"
                ),
                .incident,
            ],
            brief: "Mark components affected on the status page", group: .page
        ),
        CommandSpec(
            name: "notify", usage: "/incident notify customers [#id] [--preview] [--again]",
            summary: "Email affected users (the policy's `customers` role) what the status page says, with its link; `--preview` shows the email without sending it, `--again` sends it a second time.",
            example: "/incident notify customers --preview",
            options: [
                CommandOption("audience", required: true, choices: [CommandChoice("customers", label: "Customers (affected users)")], description: "Who to email", example: "customers"),
                CommandOption("preview", .flag, description: "Show the email without sending it", example: "true"),
                CommandOption("again", .flag, description: "Send it even though customers were emailed before"),
                .incident,
            ],
            brief: "Email affected users what the status page says", group: .page
        ),
        CommandSpec(
            name: "commander", aliases: ["ic"], usage: "/incident commander [#id] @user|me", summary: "Assign the incident commander.",
            example: "/incident commander me",
            options: [CommandOption("user", .person, description: "Who takes command (default: you)"), .incident]
        ),
        CommandSpec(
            name: "severity", aliases: ["sev"], usage: "/incident severity [#id] p0|p1|p2|p3 [reason]",
            summary: "Escalate or downgrade (a downgrade needs a reason).", example: "/incident severity p1 Only EU customers affected",
            options: [
                .severity("The new severity", example: "p1"),
                CommandOption("reason", description: "Why (needed to downgrade)", example: "Only EU customers affected"),
                .incident,
            ]
        ),
        CommandSpec(
            name: "scope", usage: "/incident scope [#id] <text>", summary: "Record who and what is affected.",
            example: "/incident scope All uploads, all regions",
            options: [.text("text", "Who and what is affected", example: "All uploads, all regions"), .incident]
        ),
        CommandSpec(
            name: "check", usage: "/incident check [#id] <item>", summary: "Tick a checklist item done by hand (`/incident show` lists them); items done by an event (a commander, an update) tick themselves.",
            example: "/incident check smoke-tests",
            options: [.text("item", "The checklist item, e.g. smoke-tests", example: "smoke-tests"), .incident],
            brief: "Tick a checklist item", group: .checklist
        ),
        CommandSpec(
            name: "uncheck", usage: "/incident uncheck [#id] <item>", summary: "Take back a tick made by hand by mistake: the item is open again.",
            example: "/incident uncheck smoke-tests",
            options: [.text("item", "The checklist item, e.g. smoke-tests", example: "smoke-tests"), .incident],
            brief: "Take back a checklist tick", group: .checklist
        ),
        CommandSpec(
            name: "note", usage: "/incident note [#id] <text>", summary: "Add to the timeline without announcing it; works on resolved incidents too.",
            example: "/incident note Pool size raised from 20 to 50",
            options: [.text("text", "The note", example: "Pool size raised from 20 to 50"), .incident]
        ),
        CommandSpec(
            name: "resolve", usage: "/incident resolve [#id] [--public] <summary> [--force <reason>]",
            summary: "Resolve; needs the resolution checklist, or `--force` with a reason that is recorded. `--public` (first or at the end): the summary is also what customers read.",
            example: "/incident resolve Deploy rolled back, uploads working",
            options: [
                .text("summary", "What fixed it", example: "Deploy rolled back, uploads working"),
                CommandOption("force", description: "Resolve without the full checklist: why (recorded)"),
                CommandOption("public", .flag, description: "The summary is also what customers read on the status page"),
                .incident,
            ],
            brief: "Resolve the incident (needs the resolution checklist, or force with a reason)"
        ),
        CommandSpec(
            name: "reopen", usage: "/incident reopen [#id] <what came back>",
            summary: "Open a resolved incident again when the problem comes back (within a week, until its review is closed): investigating, updates due again, back on the status page if public.",
            example: "/incident reopen #3 Uploads failing again after the rollback",
            options: [.text("reason", "What came back", example: "Uploads failing again after the rollback"), .incident],
            brief: "Open a resolved incident again"
        ),
        CommandSpec(
            name: "withdraw", usage: "/incident withdraw [#id] <why it was a mistake>",
            summary: "Close an incident declared by mistake (a false alarm, a duplicate; a resolved one with `#id`, until its review is closed): everyone paged is told to stand down, the status page (and customers emailed) told it was opened in error; it needs no review and is left out of the statistics.",
            example: "/incident withdraw #3 False alarm: the monitor's own probe was down",
            options: [.text("reason", "Why it was declared by mistake", example: "False alarm: the monitor's own probe was down"), .incident],
            brief: "Close an incident declared by mistake"
        ),
        CommandSpec(
            name: "review", usage: "/incident review [#id] schedule <when> | done [--force <reason>]",
            summary: "Schedule the post-incident review (posts its agenda, stops the reminders), or close it with `done` (a P0's needs a cause and an action item, a P1's a cause, or `--force <reason>`).",
            example: "/incident review #3 schedule tomorrow 10:00 in Room 2",
            options: [
                CommandOption("when", description: "When and where the review is (to schedule it)", example: "tomorrow 10:00 in Room 2"),
                CommandOption("done", .flag, description: "Close the review"),
                CommandOption("force", description: "Close it without what the policy asks for: why (recorded)"),
                .incident,
            ],
            brief: "Schedule the post-incident review, or close it (done)"
        ),
        CommandSpec(
            name: "impact", usage: "/incident impact [#id] <text>", summary: "Record who and what was affected, for how long (the report's Impact); works until the review is closed.",
            example: "/incident impact All uploads failed for 42 minutes, about 1,200 users",
            options: [.text("text", "Who and what was affected, for how long", example: "All uploads failed for 42 minutes"), .incident],
            brief: "Record the impact, for the report", group: .findings
        ),
        CommandSpec(
            name: "cause", usage: "/incident cause [#id] <text>", summary: "Record the root cause; the last one given stands, all stay in the timeline.",
            example: "/incident cause Connection pool too small for the new batch job",
            options: [.text("text", "The root cause", example: "Connection pool too small for the new batch job"), .incident],
            brief: "Record the root cause", group: .findings
        ),
        CommandSpec(
            name: "gap", usage: "/incident gap [#id] <text>", summary: "Record why we didn't catch it sooner (a monitoring gap).",
            example: "/incident gap No alert on pool saturation",
            options: [.text("text", "Why it wasn't caught sooner", example: "No alert on pool saturation"), .incident], group: .findings
        ),
        CommandSpec(
            name: "action", usage: "/incident action [#id] @owner <text> [team:<team>] [due:YYYY-MM-DD] | done <n>",
            summary: "Add an action item with its owner (and team, due date), or close item `n` with `done <n>`.",
            example: "/incident action @alice Alert when the pool is over 80% team:platform due:2026-12-05",
            options: [
                CommandOption("text", description: "What is to be done (to add an item)", example: "Alert when the pool is over 80%"),
                CommandOption("owner", .person, description: "Who owns it (default: you)"),
                CommandOption("team", description: "The team that owns the fix", example: "platform"),
                CommandOption("due", description: "Due date, YYYY-MM-DD", example: "2026-12-05"),
                // No example: the generated example adds an item, and `done` closes one instead (refused together).
                CommandOption("done", description: "Close the action item with this number instead"),
                .incident,
            ],
            brief: "Add an action item, or close one (done)"
        ),
        CommandSpec(
            name: "actions", usage: "/incident actions [#id]", summary: "List the incident's action items.", example: "/incident actions #3",
            options: [.incident]
        ),
        CommandSpec(
            name: "started", usage: "/incident started [#id] <time>",
            summary: "Record when impact began (UTC `14:05`, `2026-11-28 14:05`, `16:05 +02:00` or `-20m`), for time to declare.",
            example: "/incident started -20m",
            options: [.text("time", "When impact began: 14:05 UTC, 2026-11-28 14:05, 16:05 +02:00 or -20m", example: "-20m"), .incident],
            brief: "Record when impact began", group: .milestone
        ),
        CommandSpec(
            name: "mitigated", usage: "/incident mitigated [#id] [time]",
            summary: "Record when users stopped being affected (default: now), for time to mitigate.",
            example: "/incident mitigated 14:40",
            options: [CommandOption("time", description: "When: 14:05 UTC, 2026-11-28 14:05, 16:05 +02:00 or -20m (default now)", example: "14:40"), .incident],
            brief: "Record when users stopped being affected", group: .milestone
        ),
        CommandSpec(
            name: "report", usage: "/incident report [#id]", summary: "Summarise the incident report (the full Markdown: `klaxon report <id>`).",
            example: "/incident report #3", options: [.incident]
        ),
        CommandSpec(name: "list", usage: "/incident list", summary: "List open incidents (visible to you only, like show, timeline, runbook and help).", example: "/incident list"),
        CommandSpec(
            name: "show", usage: "/incident show [#id]", summary: "Show an incident, its checklists and what is due.", example: "/incident show #3",
            options: [.incident]
        ),
        CommandSpec(
            name: "timeline", usage: "/incident timeline [#id]", summary: "Show the incident's timeline.", example: "/incident timeline #3",
            options: [.incident]
        ),
        CommandSpec(
            name: "runbook", usage: "/incident runbook [name]", summary: "Show a scenario runbook, or list them.", example: "/incident runbook disk-full",
            options: [CommandOption("name", description: "The runbook (default: list them)", suggestions: .runbooks, example: "disk-full")]
        ),
    ]

    private static let help = CommandSpec(
        name: "help", usage: "/incident help [command]", summary: "Show this help, one command's, or a group's (`help page`).", example: "/incident help resolve",
        options: [
            // Suggested as typed rather than offered as choices: Discord takes 25 choices at most, and grouped commands
            // (`eta`, `cause`, `check`) need their help too.
            CommandOption("command", description: "One command to explain", suggestions: .commands, example: "resolve"),
        ]
    )

    /// A command's name as typed after `help`, in words, lowercased, without a leading `/incident`.
    static func typedWords(_ name: String) -> [Substring] {
        var words = name.lowercased().split(whereSeparator: \.isWhitespace)
        if words.first == "/incident" { words.removeFirst() }
        return words
    }

    /// Finds a command by its name or an alias; `help notify customers` and `help /incident resolve` name a command
    /// by its first word as typed.
    public static func spec(named name: String) -> CommandSpec? {
        let words = typedWords(name)
        guard let first = words.first.map(String.init) else { return nil }
        // Discord's path to a grouped command: `page public`, `checklist check`.
        if let group = CommandGroup.named(first), words.count > 1 {
            let member = String(words[1])
            return group.members.first { $0.name == member || $0.aliases.contains(member) }
        }
        return all.first { $0.name == first || $0.aliases.contains(first) }
    }

    /// The spec of a command that is certainly in the catalogue.
    static func spec(_ name: String) -> CommandSpec {
        guard let spec = spec(named: name) else { preconditionFailure("\(name) is not in the catalogue") }
        return spec
    }
}
