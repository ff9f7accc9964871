import KlaxonCore
import KlaxonPolicy

/// Discord's Markdown: user text backslash-escaped; `**bold**`; mentions as `<@id>`, roles as `<@&id>`, `@everyone`.
public struct DiscordDialect: ChatDialect {
    /// Role name → Discord user ids, or `role:<id>` for a Discord role, from the people file.
    public let roleIDs: [String: [String]]

    private static let escaper = MarkdownEscaper(always: ["\\", "*", "_", "~", "`", "|", "<", ">"])

    public init(roleIDs: [String: [String]] = [:]) {
        self.roleIDs = roleIDs
    }

    public var contentTypeName: String { "DISCORD" }

    public func escape(_ text: String) -> String {
        Self.escaper.escape(ChatMarkup.fromSlack(text))
    }

    public func escapeKeepingCode(_ text: String) -> String {
        Self.escaper.escapeOutsideCode(text)
    }

    /// Inside a code span Discord shows every character as it is: a backslash would be copied with the command.
    public func escapeInCode(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "'")
    }

    public func mention(_ person: Participant) -> String {
        if person.platform == DiscordInteraction.platform, Self.isSnowflake(person.id) { return "<@\(person.id)>" }
        // Someone from another platform (an incident declared in Slack): their name, which Discord cannot link.
        return "@" + escape(DisplayName.afterAt(person.name ?? person.id))
    }

    public var channelMention: String { "@everyone" }

    public func mention(role: String, description: String) -> String {
        let mentions = (roleIDs[role] ?? []).compactMap { id -> String? in
            if id.hasPrefix("role:"), Self.isSnowflake(String(id.dropFirst(5))) { return "<@&\(id.dropFirst(5))>" }
            return Self.isSnowflake(id) ? "<@\(id)>" : nil
        }
        guard !mentions.isEmpty else { return "*\(escape(description))*" }
        return mentions.joined(separator: " ")
    }

    /// Discord's bold is doubled; and the commands a text suggests (written in the text grammar, for every
    /// platform) are rewritten as Discord's subcommands and options, so they can be typed here. Done on the whole
    /// rendered text, before any fitting to Discord's length, which then counts what is shown.
    public func markup(_ rendered: String) -> String {
        DiscordCommandSyntax.translatingCommands(in: DoubledEmphasis.apply(rendered))
    }

    /// Discord ids are decimal numbers.
    static func isSnowflake(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 20 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
