import KlaxonCore

/// A decoded command with who sent it, from where, and the key that identifies the request for retries.
public struct CommandEnvelope: Sendable {
    public let command: IncidentCommand
    public let actor: Participant
    public let channel: ChannelRef
    /// Identifies the request so a retried delivery is answered again without recording twice.
    public let requestKey: String?
    /// The platform thread it was typed in, if any: a command without `#id` in an incident's thread is about that
    /// incident, however many others are open in the channel.
    public let thread: String?

    public init(command: IncidentCommand, actor: Participant, channel: ChannelRef, requestKey: String?, thread: String? = nil) {
        self.thread = thread
        self.command = command
        self.actor = actor
        self.channel = channel
        self.requestKey = requestKey
    }
}
