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
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
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
