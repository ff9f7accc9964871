/// The JSON answer to a slash command.
public struct SlackReply: Codable, Sendable, Equatable {
    /// Who sees the reply.
    public enum Visibility: String, Codable, Sendable {
        /// Everyone in the channel: announcements.
        case inChannel = "in_channel"
        /// Only the person who typed the command: errors, help and lists.
        case ephemeral
    }

    public let responseType: Visibility
    public let text: String

    enum CodingKeys: String, CodingKey {
        case responseType = "response_type"
        case text
    }

    public init(_ visibility: Visibility, text: String) {
        self.responseType = visibility
        self.text = text
    }
}
