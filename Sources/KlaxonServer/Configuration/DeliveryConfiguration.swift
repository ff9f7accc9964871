import KlaxonCore
import KlaxonEmail

/// Where Klaxon speaks on its own: Slack, Discord and Mattermost channels through their APIs, and email.
public struct DeliveryConfiguration: Sendable, Equatable {
    /// A chat platform's API access and the incidents channel on it.
    public struct Chat: Sendable, Equatable {
        public var token: String
        public var channel: String
        public var apiURL: String

        public init(token: String, channel: String, apiURL: String) {
            self.token = token
            self.channel = channel
            self.apiURL = apiURL
        }
    }

    public var slack: Chat?
    public var discord: Chat?
    public var mattermost: Chat?
    public var smtp: SMTPSettings?

    public init(slack: Chat? = nil, discord: Chat? = nil, mattermost: Chat? = nil, smtp: SMTPSettings? = nil) {
        self.slack = slack
        self.discord = discord
        self.mattermost = mattermost
        self.smtp = smtp
    }

    public static let defaultSlackAPI = "https://slack.com/api"
    public static let defaultDiscordAPI = "https://discord.com/api/v10"

    /// Mattermost's API is at `/api/v4` on its server: the server's address, as people copy it, gets that path added.
    public static func mattermostAPI(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url.hasSuffix("/api/v4") ? url : url + "/api/v4"
    }

    /// The chat transports that post to an incidents channel.
    public var chatTransports: [TransportName] {
        (slack == nil ? [] : [.slack]) + (discord == nil ? [] : [.discord]) + (mattermost == nil ? [] : [.mattermost])
    }
}
