import Foundation

extension IncidentCommand {
    /// Builds a command from a catalogue name and typed options: the same commands, and the same refusals, as the text grammar.
    public init(named name: String, arguments: CommandArguments) throws(CommandRejection) {
        guard let spec = CommandCatalogue.spec(named: name) else { throw .unknownCommand(name) }
        // An option the command does not have (a client other than Discord's, a registration older than this
        // catalogue) would be dropped without a word: refused instead.
        if let unknown = arguments.values.keys.sorted().first(where: { spec.option(named: $0) == nil }) {
            throw .invalidValue(command: spec.name, value: unknown, expected: "an option of `\(spec.name)` (\(spec.options.map(\.name).joined(separator: ", ")))")
        }
        let reader = ArgumentReader(command: spec.name, arguments: arguments)
        switch spec.name {
        case "declare":
            self = .declare(
                severity: try reader.severity(), title: try reader.required("title", what: "a title"), kind: try reader.kind(),
                publicFacing: arguments.flag("public")
            )
        case "accept":
            let text = try reader.required("alert", what: "the alert id of a proposal (like `a7`)")
            guard let id = AlertProposalID(text: text) else {
                throw .invalidValue(command: "accept", value: text, expected: "an alert id (like `a7`, from the proposal)")
            }
            self = .accept(id)
        case "update":
            let target = try reader.target()
            let text = try reader.required("text", what: "the update text")
            self = arguments.flag("public") ? .publicUpdate(target, text: text) : .update(target, text: text)
        case "status":
            if arguments.flag("public") {
                let phase = try reader.phase()
                self = .publicStatus(
                    try reader.target(), phase: phase, note: try reader.required("note", what: "a note for the status page"),
                    forceReason: phase == .resolved ? arguments.text("force") : nil
                )
            } else {
                let target = try reader.target()
                let phase = try reader.phase()
                // Resolving from the status option is a resolution: its note is the summary, and `force` counts.
                if phase == .resolved {
                    let summary = try reader.required("note", what: "a note saying what fixed it (the resolution's summary)")
                    self = .resolve(target, summary: summary, forceReason: arguments.text("force"))
                } else {
                    // `force` skips the resolution checklist: with another status it would be dropped without a word.
                    if arguments.text("force") != nil { throw .conflictingOptions(command: "status", with: phase.rawValue, others: ["force"]) }
                    self = .status(target, phase: phase, note: arguments.text("note"))
                }
            }
        case "public": self = .makePublic(try reader.target(), title: arguments.text("title"))
        case "private": self = .makePrivate(try reader.target())
        case "eta": self = .eta(try reader.target(), try CommandParser.estimatedTime(try reader.required("when", what: "when a fix is expected")))
        case "affects":
            let target = try reader.target()
            let components = try reader.required("components", what: "the components affected").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            self = .affects(target, components: components, impact: try CommandParser.impact(arguments.text("impact")))
        case "notify":
            let audience = try reader.required("audience", what: "who to notify (`customers`)")
            guard audience.lowercased() == "customers" else {
                throw .invalidValue(command: "notify", value: audience, expected: "`customers`")
            }
            self = .notifyCustomers(try reader.target(), preview: arguments.flag("preview"), again: arguments.flag("again"))
        case "commander": self = .commander(try reader.target(), arguments.person("user").map(PersonMention.person) ?? .me)
        case "severity": self = .severity(try reader.target(), try reader.severity(), reason: arguments.text("reason"))
        case "scope": self = .scope(try reader.target(), text: try reader.required("text", what: "a description of the scope"))
        case "check": self = .check(try reader.target(), item: try reader.required("item", what: "a checklist item"))
        case "uncheck": self = .uncheck(try reader.target(), item: try reader.required("item", what: "a checklist item ticked by hand"))
        case "reopen": self = .reopen(try reader.target(), reason: try reader.required("reason", what: "what came back"))
        case "withdraw": self = .withdraw(try reader.target(), reason: try reader.required("reason", what: "why it was declared by mistake"))
        case "note": self = .note(try reader.target(), text: try reader.required("text", what: "the note's text"))
        case "resolve":
            let (target, summary) = (try reader.target(), try reader.required("summary", what: "a summary of the fix"))
            self = arguments.flag("public")
                ? .publicStatus(target, phase: .resolved, note: summary, forceReason: arguments.text("force"))
                : .resolve(target, summary: summary, forceReason: arguments.text("force"))
        case "review":
            if arguments.flag("done") {
                if arguments.text("when") != nil { throw .conflictingOptions(command: "review", with: "done", others: ["when"]) }
                self = .closeReview(try reader.target(), forceReason: arguments.text("force"))
            } else {
                if arguments.text("force") != nil { throw .conflictingOptions(command: "review", with: "when", others: ["force"]) }
                self = .scheduleReview(try reader.target(), when: try reader.required("when", what: "when the review is"))
            }
        case "impact": self = .impact(try reader.target(), text: try reader.required("text", what: "who and what was affected, for how long"))
        case "cause": self = .cause(try reader.target(), text: try reader.required("text", what: "the root cause"))
        case "gap": self = .gap(try reader.target(), text: try reader.required("text", what: "why it wasn't caught sooner"))
        case "action": self = try reader.action()
        case "actions": self = .actions(try reader.target())
        case "started":
            self = .milestone(try reader.target(), .impactStarted, try CommandParser.time(try reader.required("time", what: "when impact began"), command: "started"))
        case "mitigated":
            self = .milestone(try reader.target(), .mitigated, try arguments.text("time").map { text throws(CommandRejection) in try CommandParser.time(text, command: "mitigated") })
        case "report": self = .report(try reader.target())
        case "list": self = .list
        case "show": self = .show(try reader.target())
        case "timeline": self = .timeline(try reader.target())
        case "runbook": self = .runbook(arguments.text("name"))
        case "help": self = .help(arguments.text("command"))
        default: throw .unknownCommand(name)
        }
    }
}

/// Reads and checks typed options for one command, refusing bad values as the text grammar does.
private struct ArgumentReader {
    let command: String
    let arguments: CommandArguments

    func required(_ name: String, what: String) throws(CommandRejection) -> String {
        guard let text = arguments.text(name) else { throw .missingArgument(command: command, what: what) }
        return text
    }

    /// `incident`: `#3` or `3`; absent means the only open incident in the channel.
    func target() throws(CommandRejection) -> IncidentTarget {
        guard let text = arguments.text("incident") else { return .current }
        guard let id = IncidentID(text: text) else {
            throw .notAnIncidentID(text, command: command)
        }
        return .incident(id)
    }

    func severity() throws(CommandRejection) -> Severity {
        let text = try required("severity", what: "a severity")
        guard let severity = Severity(text: text) else {
            throw .invalidValue(command: command, value: text, expected: "a severity (p0, p1, p2 or p3)")
        }
        return severity
    }

    func phase() throws(CommandRejection) -> StatusPhase {
        let text = try required("status", what: "a status")
        guard let phase = StatusPhase(rawValue: text.lowercased()) else {
            throw .invalidValue(command: command, value: text, expected: "a status (investigating, identified, monitoring or resolved)")
        }
        return phase
    }

    /// `action`: a new item from `text`, `owner`, `team`, `due`; or `done` with an item's number.
    func action() throws(CommandRejection) -> IncidentCommand {
        if let number = arguments.text("done") {
            // Closing one item while adding another in one command: which was meant is anyone's guess.
            let adding = ["text", "owner", "team", "due"].filter { arguments.values[$0] != nil }
            if !adding.isEmpty { throw .conflictingOptions(command: "action", with: "done", others: adding) }
            return .closeAction(try target(), number: try CommandParser.actionNumber(number))
        }
        let due = try arguments.text("due").map { text throws(CommandRejection) -> CalendarDay in
            guard let day = CalendarDay(text: text) else { throw .invalidValue(command: command, value: text, expected: "a due date like 2026-12-05") }
            return day
        }
        return .addAction(
            try target(), owner: arguments.person("owner").map(PersonMention.person) ?? .me,
            text: try required("text", what: "what is to be done"), team: arguments.text("team"), due: due
        )
    }

    func kind() throws(CommandRejection) -> IncidentKind {
        guard let text = arguments.text("kind") else { return .general }
        guard let kind = IncidentKind(rawValue: text.lowercased()) else {
            throw .invalidValue(command: command, value: text, expected: "a kind (security, billing or data-breach)")
        }
        return kind
    }
}
