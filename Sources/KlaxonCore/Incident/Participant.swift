/// A person on a chat platform, identified as `slack:U123` or `discord:8123…`.
public struct Participant: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Where the id comes from.
    public let platform: Platform
    /// The platform's own user id.
    public let id: String
    /// A display name when the platform sent one; ids are what count.
    public let name: String?

    public init(platform: Platform, id: String, name: String? = nil) {
        self.platform = platform
        self.id = id
        self.name = name
    }

    /// Stored as the channel column and in request keys: built from the raw names, whatever `Platform` prints.
    public var description: String { "\(platform.rawValue):\(id)" }

    /// Two references are the same person when platform and id agree, whatever the name.
    public static func == (lhs: Participant, rhs: Participant) -> Bool {
        lhs.platform == rhs.platform && lhs.id == rhs.id
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(platform)
        hasher.combine(id)
    }
}

/// A chat channel an incident lives in.
public struct ChannelRef: Hashable, Codable, Sendable, CustomStringConvertible {
    public let platform: Platform
    public let id: String
    public let name: String?

    public init(platform: Platform, id: String, name: String? = nil) {
        self.platform = platform
        self.id = id
        self.name = name
    }

    /// Stored as the channel column and in request keys: built from the raw names, whatever `Platform` prints.
    public var description: String { "\(platform.rawValue):\(id)" }

    public static func == (lhs: ChannelRef, rhs: ChannelRef) -> Bool {
        lhs.platform == rhs.platform && lhs.id == rhs.id
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(platform)
        hasher.combine(id)
    }
}
