import KlaxonCore
import KlaxonPolicy

/// An email's plain-text part: plain text as on the console, but a role is named as the HTML part names it (`The
/// whole team, by email`), not by its id (`@team-email`), so the two parts of one email say the same.
public struct EmailTextDialect: ChatDialect {
    private let plain = PlainTextDialect()

    public init() {}

    public var contentTypeName: String { "EMAILTEXT" }

    public func escape(_ text: String) -> String { plain.escape(text) }

    public func mention(_ person: Participant) -> String { plain.mention(person) }

    public var channelMention: String { plain.channelMention }

    public func mention(role: String, description: String) -> String { description }
}
