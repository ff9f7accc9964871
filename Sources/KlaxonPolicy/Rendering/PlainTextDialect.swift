import KlaxonCore

/// Plain text with `@name` mentions: for the console, the policy simulator and email bodies.
public struct PlainTextDialect: ChatDialect {
    public init() {}

    public var contentTypeName: String { "TEXT" }

    /// Nothing to escape; Slack's mention and link markup in typed text is shown as Slack shows it (`@bob`, not
    /// `<@U0BOB|bob>`).
    public func escape(_ text: String) -> String { ChatMarkup.readable(text) }

    public func mention(_ person: Participant) -> String {
        "@" + DisplayName.afterAt(person.name ?? person.id)
    }

    public var channelMention: String { "@channel" }

    public func mention(role: String, description: String) -> String { "@" + role }
}
