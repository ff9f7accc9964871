/// Where a participant's or a channel's id comes from: a chat platform, the JSON API, a monitoring system, or the
/// policy simulator. Stored as its name (`"slack"`), as it was when it was a string, so every stored event reads back
/// unchanged; a name this build does not know (from a newer one) is kept as it is.
public struct Platform: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let slack = Platform(rawValue: "slack")
    public static let discord = Platform(rawValue: "discord")
    public static let mattermost = Platform(rawValue: "mattermost")
    /// JSON API clients, by their token's name.
    public static let api = Platform(rawValue: "api")
    /// The policy simulator's made-up people and channel.
    public static let simulation = Platform(rawValue: "sim")

    /// A monitoring system that sends alerts.
    public init(_ source: AlertSource) {
        self.init(rawValue: source.rawValue)
    }

    public var description: String { rawValue }
}

extension AlertSource {
    /// The monitoring system a platform stands for; `nil` for a chat platform, the API or the simulator.
    public init?(_ platform: Platform) {
        self.init(rawValue: platform.rawValue)
    }
}
