import KlaxonCore

/// How one chat platform writes mentions and escapes text. Adapters implement it; templates stay platform-neutral.
public protocol ChatDialect: Sendable {
    /// The Mustache content type name whose escaping `escape` does (registered by the renderer).
    var contentTypeName: String { get }
    /// Escapes user text for the platform's markup.
    func escape(_ text: String) -> String
    /// Escapes the text of an update, status note or resolution, keeping the people and channels its author picked
    /// as the platform sent them (a handover names who takes over); titles and everything else use `escape`, or a
    /// title naming someone would notify them on every nudge for the incident's life.
    func escapeKeepingMentions(_ text: String) -> String
    /// A mention of one person.
    func mention(_ person: Participant) -> String
    /// A mention of everyone in the channel.
    var channelMention: String { get }
    /// A mention of a role; `description` is the policy's name for it, used when no one is configured.
    func mention(role: String, description: String) -> String
    /// Turns the templates' markup (Slack's: `*bold*`) into the platform's, after rendering.
    func markup(_ rendered: String) -> String
    /// A template's source as this platform compiles it (a chance to escape what its own text means as markup).
    func templateSource(_ source: String) -> String
    /// Escapes Klaxon's own text that shows commands as `code` (a refusal), keeping the code spans as code.
    func escapeKeepingCode(_ text: String) -> String
    /// Text to stand inside a code span (a suggested command quoting a title).
    func escapeInCode(_ text: String) -> String
}

extension ChatDialect {
    /// Most platforms read the templates' markup as it is.
    public func markup(_ rendered: String) -> String { rendered }

    /// Most platforms read a template's text as it is.
    public func templateSource(_ source: String) -> String { source }

    /// Most platforms' mentions carry no markup to keep.
    public func escapeKeepingMentions(_ text: String) -> String { escape(text) }

    /// Where escaping leaves backticks alone (Slack's `&<>`, plain text), escaping everything keeps the code spans.
    public func escapeKeepingCode(_ text: String) -> String { escape(text) }

    /// Escaped as anywhere (Slack reads `&<>` as markup in code too), without the backticks that would end the span.
    /// (Foundation's `replacingOccurrences` cost 37,000 instructions a declaration, for titles with no backtick.)
    public func escapeInCode(_ text: String) -> String {
        escape(text.utf8.contains(UInt8(ascii: "`")) ? text.replacing("`", with: "'") : text)
    }
}
