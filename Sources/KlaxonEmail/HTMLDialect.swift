import KlaxonCore
import KlaxonPolicy

/// HTML email: text escaped for HTML, mentions as bold names.
public struct HTMLDialect: ChatDialect {
    public init() {}

    public var contentTypeName: String { "HTML" }

    public func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    public func mention(_ person: Participant) -> String { "<b>@\(escape(person.name ?? person.id))</b>" }

    public var channelMention: String { "<b>@channel</b>" }

    public func mention(role: String, description: String) -> String { "<b>\(escape(description))</b>" }
}
