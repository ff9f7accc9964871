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
        if person.platform != .slack { return "@" + escape(DisplayName.afterAt(person.name ?? person.id)) }
        return "<@\(person.id)>"
    }

    public var channelMention: String { "<!channel>" }

    public func mention(role: String, description: String) -> String {
        // Only well-formed ids become mentions: a people file's `U1><!channel` must not ping the channel.
        let mentions = (roleIDs[role] ?? []).compactMap { id -> String? in
            if Self.broadcasts.contains(id) { return "<\(id)>" }
            guard Self.isID(id) else { return nil }
            return id.hasPrefix("S") ? "<!subteam^\(id)>" : "<@\(id)>"
        }
        return mentions.isEmpty ? "*\(escape(description))*" : mentions.joined(separator: " ")
    }

    /// What a people file may name instead of ids: the whole channel, or who is active in it.
    static let broadcasts: Set<String> = ["!channel", "!here"]

    /// Slack's user (`U…`, `W…`) and user-group (`S…`) ids: capital letters and digits.
    static func isID(_ id: String) -> Bool {
        id.count >= 2 && id.count <= 32 && id.first.map { "USW".contains($0) } == true
            && id.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }
}
