/// Escapes user text for Markdown chat platforms (Discord, Mattermost) with backslashes, so it shows as typed.
///
/// Characters that only mean something at the start of a line (headings, lists, quotes) are escaped only there, and
/// `]` only before `(` (a masked link): so ids like `#3` stay readable inside the templates' code spans.
public struct MarkdownEscaper: Sendable {
    /// Characters escaped wherever they are.
    public let always: Set<Character>
    /// Whether `@` and `<` get a zero-width space after them, so neither `@channel` nor Slack-style `<!channel>` (which
    /// Mattermost converts) in user text can notify anyone.
    public let breaksMentions: Bool

    static let atLineStart: Set<Character> = ["#", "-", ">", "+"]

    public init(always: Set<Character>, breaksMentions: Bool = false) {
        self.always = always
        self.breaksMentions = breaksMentions
    }

    /// The escaped text.
    public func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count + 8)
        // After a line break and the spaces indenting the line (a list item's continuation is indented).
        var lineStart = false
        var iterator = text.makeIterator()
        var current = iterator.next()
        while let character = current {
            let next = iterator.next()
            if always.contains(character) || (lineStart && Self.atLineStart.contains(character)) || (character == "]" && next == "(") {
                escaped.append("\\")
                escaped.append(character)
            } else if breaksMentions && (character == "@" || character == "<") {
                escaped.append(character)
                escaped.append("\u{200B}")
            } else {
                escaped.append(character)
            }
            lineStart = character == "\n" || (lineStart && (character == " " || character == "\t"))
            current = next
        }
        return escaped
    }

    /// Whether text after a `<` reads as Slack's markup: a broadcast, a mention, a channel or a link.
    static func startsSlackMarkup(_ text: Substring) -> Bool {
        let start = text.prefix(7).lowercased()
        return ["!", "@", "#", "http:", "https:", "mailto:"].contains { start.hasPrefix($0) }
    }

    /// Klaxon's own text with `code spans` in it (a refusal's usage): what is outside the spans escaped, the spans
    /// kept as code, which Markdown shows as typed. Mentions stay broken inside them too where they are broken at all
    /// (Mattermost converts Slack's `<!channel>` before it reads Markdown). Unbalanced backticks (a typed word with
    /// one in it) leave no way to tell the spans: then everything is escaped.
    public func escapeOutsideCode(_ text: String) -> String {
        let pieces = text.split(separator: "`", omittingEmptySubsequences: false)
        guard pieces.count % 2 == 1 else { return escape(text) }
        return pieces.enumerated().map { index, piece in
            if index % 2 == 0 { return escape(String(piece)) }
            guard breaksMentions else { return String(piece) }
            // A `<` is broken only where it starts Slack's markup, which Mattermost converts (`<!channel>`, `<@U…>`,
            // `<https://…|text>`): in a usage's `<summary>` the invisible character was copied with the command.
            var code = ""
            var rest = piece[...]
            while let character = rest.first {
                rest = rest.dropFirst()
                code.append(character)
                if character == "@" || (character == "<" && Self.startsSlackMarkup(rest)) { code.append("\u{200B}") }
            }
            return code
        }.joined(separator: "`")
    }
}
