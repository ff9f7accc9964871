import KlaxonCore

/// The JSON answer to a slash command.
public struct SlackReply: Codable, Sendable, Equatable {
    /// Who sees the reply.
    public enum Visibility: String, Codable, Sendable {
        /// Everyone in the channel: announcements.
        case inChannel = "in_channel"
        /// Only the person who typed the command: errors, help and lists.
        case ephemeral
    }

    /// The longest reply Slack shows whole (it advises 4,000 characters), and older Mattermost servers' post limit.
    public static let maxLength = 4000

    public let responseType: Visibility
    public let text: String
    /// `true` on Mattermost's replies: without it Mattermost reads `<!channel>`, `<!here>` and `<url|text>` in the text as
    /// Slack markup and turns them into pings and links. Absent on Slack's.
    public let skipSlackParsing: Bool?

    enum CodingKeys: String, CodingKey {
        case responseType = "response_type"
        case text
        case skipSlackParsing = "skip_slack_parsing"
    }

    public init(_ visibility: Visibility, text: String, skipSlackParsing: Bool? = nil) {
        self.responseType = visibility
        self.text = text
        self.skipSlackParsing = skipSlackParsing
    }
}

extension SlackReply {
    /// The reply as JSON, written directly: it is the answer to every slash command, and `JSONEncoder` took a tenth
    /// of a `help` request's time. Keys in sorted order, as `JSONEncoder` with `.sortedKeys` writes them.
    public var json: String {
        var out = #"{"response_type":""# + responseType.rawValue + #"""#
        if let skipSlackParsing { out += #","skip_slack_parsing":"# + (skipSlackParsing ? "true" : "false") }
        out += #","text":"#
        JSONString.append(text, to: &out)
        out += "}"
        return out
    }
}
