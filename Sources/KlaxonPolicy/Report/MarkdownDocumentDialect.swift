import KlaxonCore

/// Markdown for documents (the incident report): people as `@name`, typed text escaped so it shows as typed,
/// also inside tables.
public struct MarkdownDocumentDialect: ChatDialect {
    private static let escaper = MarkdownEscaper(always: ["\\", "*", "_", "`", "|", "<", "~"])

    public init() {}

    public var contentTypeName: String { "MARKDOWN_DOCUMENT" }

    public func escape(_ text: String) -> String { Self.escaper.escape(text) }

    public func mention(_ person: Participant) -> String {
        "@" + escape(DisplayName.afterAt(person.name ?? person.id))
    }

    public var channelMention: String { "@channel" }

    public func mention(role: String, description: String) -> String { description }
}
