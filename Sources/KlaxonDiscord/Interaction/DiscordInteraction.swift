import KlaxonCore

/// What a Discord interaction asks of Klaxon, decoded from its JSON.
public enum DiscordInteraction: Sendable, Equatable {
    /// Discord checking the endpoint: answer PONG.
    case ping
    /// A command for the desk, from a slash command, a button, the status menu or the update form.
    case command(DiscordCommand)
    /// Someone is typing an option that has suggestions.
    case autocomplete(DiscordAutocompleteQuery)
    /// "Post update" was pressed, or "Resolved" chosen in the status menu: open this form.
    case openForm(DiscordModal)
    /// A well-formed interaction whose command was refused (a bad option value): answer the sender only.
    case refused(CommandRejection)
}

/// A command with who sent it, from where, and the interaction's id (the request key for retries).
public struct DiscordCommand: Sendable, Equatable {
    public let interactionID: String
    public let command: IncidentCommand
    public let actor: Participant
    public let channel: ChannelRef
    /// The interaction's token and application, for a follow-up when the answer is deferred.
    public let token: String?
    public let applicationID: String?
    /// The thread it was typed in (`channel` is then the thread's channel): an incident's thread names its incident.
    public let thread: String?

    public init(
        interactionID: String, command: IncidentCommand, actor: Participant, channel: ChannelRef, token: String? = nil, applicationID: String? = nil,
        thread: String? = nil
    ) {
        self.thread = thread
        self.interactionID = interactionID
        self.command = command
        self.actor = actor
        self.channel = channel
        self.token = token
        self.applicationID = applicationID
    }
}

/// The option being typed in an autocomplete interaction.
public struct DiscordAutocompleteQuery: Sendable, Equatable {
    /// The subcommand (`update`, `runbook`…).
    public let command: String
    /// The focused option's name.
    public let option: String
    /// What has been typed so far.
    public let typed: String

    public init(command: String, option: String, typed: String) {
        self.command = command
        self.option = option
        self.typed = typed
    }

    /// Where the catalogue says suggestions for this option come from.
    public var suggestions: CommandOption.Suggestions? {
        CommandCatalogue.spec(named: command)?.option(named: option)?.suggestions
    }
}

/// Why an interaction body could not be decoded (a 400). Never echoes the body.
public struct DiscordDecodingError: Error, Equatable, Sendable {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }
}
