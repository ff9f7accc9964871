import KlaxonCore
import KlaxonPolicy

/// Mattermost's Markdown: user text backslash-escaped, `**bold**`, mentions by `@username`, `@channel`.
public struct MattermostDialect: ChatDialect {
    /// Mattermost notifies `@channel`, `@all`, `@here` and `@name` written anywhere, and converts Slack's `<!channel>`,
    /// so `@` and `<` in user text are broken with a zero-width space.
    private static let escaper = MarkdownEscaper(always: ["\\", "*", "_", "~", "`"], breaksMentions: true)

    public init() {}

    public var contentTypeName: String { "MATTERMOST" }

    public func escape(_ text: String) -> String {
        Self.escaper.escape(text)
    }

    public func mention(_ person: Participant) -> String {
        // Mattermost links usernames, not ids; the slash command sends both.
        let name = (person.name ?? person.id).trimmingPrefix("@")
        if DisplayName.isUsername(name) { return "@" + name }
        // Anything else (a display name from Discord, a forged user_name) is shown, not linked: the escaper breaks each
        // `@` inside it, and the zero-width space the one in front.
        return "@\u{200B}" + escape(DisplayName.oneLine(name))
    }

    public var channelMention: String { "@channel" }

    public func mention(role: String, description: String) -> String {
        "*\(escape(description))*"
    }

    public func markup(_ rendered: String) -> String {
        DoubledEmphasis.apply(rendered)
    }
}
