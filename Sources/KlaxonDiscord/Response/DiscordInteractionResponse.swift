import KlaxonPolicy

/// The JSON answer to an interaction: PONG, a message, autocomplete choices or a form.
public struct DiscordInteractionResponse: Encodable, Sendable, Equatable {
    /// Discord's interaction callback types that Klaxon uses.
    public enum Kind: Int, Encodable, Sendable {
        case pong = 1
        case message = 4
        /// "Thinking…": the answer follows through the interaction's webhook.
        case deferred = 5
        case choices = 8
        case modal = 9
    }

    /// What goes in `data`.
    public enum Payload: Encodable, Sendable, Equatable {
        case message(DiscordMessage)
        case choices([DiscordChoice])
        case modal(DiscordModal)
        /// Only flags (a deferred answer that will be private).
        case flags(Int)

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .message(let message): try message.encode(to: encoder)
            case .choices(let choices):
                var container = encoder.container(keyedBy: ChoicesKey.self)
                try container.encode(choices, forKey: .choices)
            case .modal(let modal): try modal.encode(to: encoder)
            case .flags(let flags):
                var container = encoder.container(keyedBy: FlagsKey.self)
                try container.encode(flags, forKey: .flags)
            }
        }

        private enum ChoicesKey: String, CodingKey { case choices }
        private enum FlagsKey: String, CodingKey { case flags }
    }

    public let type: Kind
    public let data: Payload?
    /// The rest of a message too long for one, posted after it through the interaction's webhook (not part of the
    /// response itself).
    public let followUps: [DiscordMessage]

    enum CodingKeys: String, CodingKey {
        case type, data
    }

    public init(_ type: Kind, _ data: Payload? = nil, followUps: [DiscordMessage] = []) {
        self.type = type
        self.data = data
        self.followUps = followUps
    }

    /// The answer to a PING.
    public static let pong = DiscordInteractionResponse(.pong)

    /// "Klaxon is thinking…", seen by the sender only when `ephemeral`; the answer follows through the webhook.
    public static func deferred(ephemeral: Bool) -> DiscordInteractionResponse {
        DiscordInteractionResponse(.deferred, ephemeral ? .flags(DiscordMessage.ephemeralFlag) : nil)
    }

    /// A message in the channel (or, `ephemeral`, to the sender only).
    public static func message(_ message: DiscordMessage) -> DiscordInteractionResponse {
        DiscordInteractionResponse(.message, .message(message))
    }
}

/// A message Klaxon posts in answer to an interaction.
public struct DiscordMessage: Encodable, Sendable, Equatable {
    /// Discord's limit on a message's content.
    public static let maxLength = 2000
    /// The flag that makes a message visible to the sender only.
    public static let ephemeralFlag = 64

    public let content: String
    public let flags: Int?
    public let allowedMentions: DiscordAllowedMentions
    public let components: [DiscordComponent]?

    enum CodingKeys: String, CodingKey {
        case content, flags, components
        case allowedMentions = "allowed_mentions"
    }

    /// A message; content past Discord's limit is cut at a line break and marked.
    public init(content: String, ephemeral: Bool, allowedMentions: DiscordAllowedMentions, components: [DiscordComponent]? = nil) {
        self.content = Self.fitted(content)
        self.flags = ephemeral ? Self.ephemeralFlag : nil
        self.allowedMentions = allowedMentions
        self.components = components
    }

    public var isEphemeral: Bool { flags == Self.ephemeralFlag }

    /// The content cut to Discord's limit if longer, which Discord counts in UTF-16 units (an emoji is two, a family
    /// of four eleven): at a line break if that keeps at least half of it, else between words, and marked. A long
    /// update is one line; cut at the last line break before it, all of it went.
    static func fitted(_ content: String) -> String {
        guard content.utf16.count > maxLength else { return content }
        let marker = "\n… (cut to fit Discord)"
        let kept = UTF16Cut.prefix(content, units: maxLength - marker.utf16.count - 1)
        if let line = UTF16Cut.lastBreak(in: kept, where: { $0 == "\n" }) { return kept[..<line] + marker }
        if let space = UTF16Cut.lastBreak(in: kept, where: { $0 == " " }) { return kept[..<space] + " …" + marker }
        return kept + marker
    }
}

/// One autocomplete suggestion.
public struct DiscordChoice: Encodable, Sendable, Equatable {
    public let name: String
    public let value: String

    public init(name: String, value: String) {
        // Discord allows 1–100 characters for both, counted as JavaScript does (UTF-16): an emoji family is 11 of them,
        // and a choice over the limit fails the whole list.
        self.name = String(UTF16Cut.prefix(name, units: 100))
        self.value = String(UTF16Cut.prefix(value, units: 100))
    }
}

/// A pop-up form.
public struct DiscordModal: Encodable, Sendable, Equatable {
    public let customID: String
    public let title: String
    public let components: [DiscordComponent]

    enum CodingKeys: String, CodingKey {
        case title, components
        case customID = "custom_id"
    }
}
