import KlaxonCore
import KlaxonPolicy

/// HTML email: text escaped for HTML, mentions as bold names.
public struct HTMLDialect: ChatDialect {
    public init() {}

    public var contentTypeName: String { "HTML" }

    /// Also `*` and `` ` ``: the template's own marks become bold and code (`EmailMarkup`), a value's never
    /// (a public update saying "ports 80*, 443*" stays as written).
    public func escape(_ text: String) -> String {
        ChatMarkup.readable(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "*", with: "&#42;").replacingOccurrences(of: "`", with: "&#96;")
    }

    public func mention(_ person: Participant) -> String { "<b>@\(escape(DisplayName.afterAt(person.name ?? person.id)))</b>" }

    public var channelMention: String { "<b>@channel</b>" }

    public func mention(role: String, description: String) -> String { "<b>\(escape(description))</b>" }
}
