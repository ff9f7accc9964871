import KlaxonCore
import KlaxonPolicy

/// Mattermost's Markdown: user text backslash-escaped, `**bold**`, mentions by `@username`, `@channel`.
public struct MattermostDialect: ChatDialect {
    /// Each role's Mattermost usernames (or group names), from the people file.
    let roleUsernames: [String: [String]]
    /// Mattermost notifies `@channel`, `@all`, `@here` and `@name` written anywhere, and converts Slack's `<!channel>`,
    /// so `@` and `<` in user text are broken with a zero-width space.
    private static let escaper = MarkdownEscaper(always: ["\\", "*", "_", "~", "`"], breaksMentions: true)

    public init(roleUsernames: [String: [String]] = [:]) {
        self.roleUsernames = roleUsernames
    }

    public var contentTypeName: String { "MATTERMOST" }

    public func escape(_ text: String) -> String {
        Self.escaper.escape(ChatMarkup.fromSlack(text))
    }

    public func escapeKeepingCode(_ text: String) -> String {
        Self.escaper.escapeOutsideCode(text)
    }

    /// Inside a code span Mattermost shows every character as it is: a backslash would be copied with the command.
    public func escapeInCode(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "'")
    }

    public func mention(_ person: Participant) -> String {
        // Mattermost links usernames, not ids; the slash command sends both.
        let name = (person.name ?? person.id).trimmingPrefix("@")
        if person.platform == .mattermost, DisplayName.isUsername(name) { return "@" + name }
        // Anything else (someone from Discord or Slack, whose name may be a Mattermost user's or group's, a forged
        // user_name) is shown, not linked: the escaper breaks each `@` inside it, and the zero-width space the one in
        // front.
        return "@\u{200B}" + escape(DisplayName.oneLine(name))
    }

    public var channelMention: String { "@channel" }

    public func mention(role: String, description: String) -> String {
        // Only well-formed names become mentions: a people file's `ann @channel` must not ping the channel; the
        // whole channel is `!channel` (or `!here`), as for Slack.
        let mentions = (roleUsernames[role] ?? []).compactMap { name in Self.broadcasts[name] ?? Self.username(name).map { "@" + $0 } }
        return mentions.isEmpty ? "*\(escape(description))*" : mentions.joined(separator: " ")
    }

    /// What a people file may name instead of people: the whole channel, or who is active in it.
    static let broadcasts = ["!channel": "@channel", "!here": "@here"]

    /// A people file's name for someone (`ann` or `@ann`), if it is a username Mattermost would link.
    public static func username(_ name: String) -> String? {
        let bare = String(name.trimmingPrefix("@"))
        return DisplayName.isUsername(bare) ? bare : nil
    }

    public func markup(_ rendered: String) -> String {
        DoubledEmphasis.apply(rendered)
    }
}
