import KlaxonCore

/// Plain text with `@name` mentions: for the console, the policy simulator and email bodies.
public struct PlainTextDialect: ChatDialect {
    public init() {}

    public var contentTypeName: String { "TEXT" }

    public func escape(_ text: String) -> String { text }

    public func mention(_ person: Participant) -> String {
        "@" + DisplayName.afterAt(person.name ?? person.id)
    }

    public var channelMention: String { "@channel" }

    public func mention(role: String, description: String) -> String { "@" + role }
}
