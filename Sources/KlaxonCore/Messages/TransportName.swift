/// A transport's name: the outbox column that says who delivers a message, the metrics' label, the key of its
/// pacing, and the first part of its lanes. Stored as the name (`"slack"`), as when it was a string, so stored
/// messages and events read back unchanged; a name this build does not know is kept as it is.
public struct TransportName: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let slack = TransportName(rawValue: "slack")
    public static let discord = TransportName(rawValue: "discord")
    public static let mattermost = TransportName(rawValue: "mattermost")
    public static let email = TransportName(rawValue: "email")
    /// What local mode prints, and what catches a message no configured transport carries.
    public static let console = TransportName(rawValue: "console")
    /// Tickets filed as GitHub issues.
    public static let github = TransportName(rawValue: "github")
    /// Tickets sent to a webhook.
    public static let webhook = TransportName(rawValue: "webhook")
    /// Atlassian Statuspage.
    public static let statuspage = TransportName(rawValue: "statuspage")

    /// The transport that posts in a chat platform's channels, named as the platform is.
    public init(chat platform: Platform) {
        self.init(rawValue: platform.rawValue)
    }

    /// The name for people: capitalised (`Slack`).
    public var displayName: String {
        rawValue.prefix(1).uppercased() + rawValue.dropFirst()
    }

    public var description: String { rawValue }
}
