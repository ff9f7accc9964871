import KlaxonCore
import KlaxonPolicy

/// Slack's mrkdwn: `&`, `<`, `>` escaped; mentions as `<@U…>`, `<!channel>`, `<!subteam^S…>`.
public struct SlackDialect: ChatDialect {
    /// Role name → Slack user ids (`U…`), user-group ids (`S…`) or `!channel` / `!here`, from the people file.
    public let roleIDs: [String: [String]]

    public init(roleIDs: [String: [String]] = [:]) {
        self.roleIDs = roleIDs
    }

    public var contentTypeName: String { "SLACK" }

    public func escape(_ text: String) -> String {
        // Most values need nothing escaped: hand them back as they are. Otherwise one pass over the UTF-8 (the
        // three characters are ASCII, so never part of a longer sequence) rather than over grapheme clusters.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) else {
            return text
        }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): escaped += "&amp;".utf8
            case UInt8(ascii: "<"): escaped += "&lt;".utf8
            case UInt8(ascii: ">"): escaped += "&gt;".utf8
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    public func mention(_ person: Participant) -> String {
        // A bare `@name`, or someone from another platform, has no id Slack could link: show the name.
        if person.id.hasPrefix("@") { return escape(person.id) }
        if person.platform != "slack" { return "@" + escape(DisplayName.afterAt(person.name ?? person.id)) }
        return "<@\(person.id)>"
    }

    public var channelMention: String { "<!channel>" }

    public func mention(role: String, description: String) -> String {
        guard let ids = roleIDs[role], !ids.isEmpty else { return "*\(escape(description))*" }
        return ids.map { id in
            if id.hasPrefix("!") { return "<\(id)>" }
            return id.hasPrefix("S") ? "<!subteam^\(id)>" : "<@\(id)>"
        }.joined(separator: " ")
    }
}
