import KlaxonCore
import KlaxonPolicy

/// Slack's mrkdwn: `&`, `<`, `>` escaped (in updates, except the people and channels their author picked, as Slack
/// sends them: `<@U…|name>`, `<#C…|name>`); mentions as `<@U…>`, `<!channel>`, `<!subteam^S…>`.
public struct SlackDialect: ChatDialect {
    /// Role name → Slack user ids (`U…`), user-group ids (`S…`) or `!channel` / `!here`, from the people file.
    public let roleIDs: [String: [String]]

    public init(roleIDs: [String: [String]] = [:]) {
        self.roleIDs = roleIDs
    }

    public var contentTypeName: String { "SLACK" }

    /// A template's own `<` and `>` in its code spans (`/incident update {{id}} <what we know>`) escaped once, when
    /// it is compiled: Slack reads them as markup in code too, and showed the placeholder as a broken link. Done on
    /// the template, not on the message: a backtick in a title must not turn the `<!channel>` after it into text.
    public func templateSource(_ source: String) -> String {
        TemplateCodeSpans.escapingAngles(in: source)
    }

    public func escape(_ text: String) -> String {
        escape(text, keepingMentions: false)
    }

    public func escapeKeepingMentions(_ text: String) -> String {
        escape(text, keepingMentions: true)
    }

    /// `readingMarkup`: Slack's markup in typed text is read (links kept, other mentions shown as names); off for a
    /// name, which is only ever text.
    private func escape(_ text: String, keepingMentions: Bool, readingMarkup: Bool = true) -> String {
        // Most values need nothing escaped: hand them back as they are. Otherwise one pass over the UTF-8 (the
        // three characters are ASCII, so never part of a longer sequence) rather than over grapheme clusters.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) else {
            return text
        }
        let bytes = Array(text.utf8)
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + 16)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if keepingMentions, byte == UInt8(ascii: "<"), let (mention, length) = Self.linkedMention(in: bytes, at: index) {
                escaped += mention.utf8
                index += length
                continue
            }
            if readingMarkup, byte == UInt8(ascii: "<"), let (shown, length) = Self.markup(in: bytes, at: index) {
                escaped += shown.utf8
                index += length
                continue
            }
            switch byte {
            case UInt8(ascii: "&"): escaped += "&amp;".utf8
            case UInt8(ascii: "<"): escaped += "&lt;".utf8
            case UInt8(ascii: ">"): escaped += "&gt;".utf8
            default: escaped.append(byte)
            }
            index += 1
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// A person or channel picked from Slack's autocomplete, as Slack sends it in a command's text (`<@U0BOB|bob>`,
    /// `<#C0DB|db-team>`): the mention to post for it (`<@U0BOB>`) and how many bytes it took. Escaped like the rest,
    /// "handing over to @bob" read as markup in the channel and notified no one. Broadcasts (`<!channel>`,
    /// `<!subteam^…>`) are never among these: they stay escaped.
    static func linkedMention(in bytes: [UInt8], at start: Int) -> (String, Int)? {
        guard start + 3 < bytes.count else { return nil }
        let sigil = bytes[start + 1]
        let kinds: [UInt8] = sigil == UInt8(ascii: "@") ? Array("UW".utf8) : sigil == UInt8(ascii: "#") ? Array("CG".utf8) : []
        guard kinds.contains(bytes[start + 2]) else { return nil }
        var end = start + 2
        while end < bytes.count, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[end]) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) {
            end += 1
        }
        let id = bytes[(start + 2)..<end]
        guard (2...32).contains(id.count), end < bytes.count else { return nil }
        if bytes[end] == UInt8(ascii: "|") {
            // The label Slack adds (the name when the mention was made) is not needed: Slack shows the current one.
            end += 1
            while end < bytes.count, bytes[end] != UInt8(ascii: ">"), bytes[end] != UInt8(ascii: "<") { end += 1 }
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ">") else { return nil }
        return ("<" + String(decoding: [sigil] + id, as: UTF8.self) + ">", end + 1 - start)
    }

    /// Other markup Slack sends in a command's text (`should_escape`), as it is to be shown: a link (`<https://x|x>`,
    /// `<mailto:…>`) as Slack sent it, so it still works; a mention that is not to notify anyone (in a title, a
    /// broadcast such as `<!here>`) as the name Slack shows for it (`@frank`, `#ops`, `@here`), plain text. Escaped,
    /// either read as `<@U0FRANK|frank>` in the channel, and a pasted link was broken.
    static func markup(in bytes: [UInt8], at start: Int) -> (String, Int)? {
        guard let close = bytes[(start + 1)...].prefix(2048).firstIndex(where: { $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "<") }),
              bytes[close] == UInt8(ascii: ">"), close > start + 1 else { return nil }
        let token = String(decoding: bytes[start...close], as: UTF8.self)
        let inner = token.dropFirst().dropLast()
        if ["https://", "http://", "mailto:"].contains(where: { inner.hasPrefix($0) }), !inner.contains(where: \.isWhitespace) {
            return (token, close + 1 - start)
        }
        let readable = ChatMarkup.readable(token)
        guard readable != token else { return nil }
        // `@here` in plain text must not notify either: a zero-width space goes before a broadcast's name.
        let shown = readable.hasPrefix("@") ? "@" + DisplayName.afterAt(readable.dropFirst()) : readable
        return (Self().escape(shown, keepingMentions: false, readingMarkup: false), close + 1 - start)
    }

    public func mention(_ person: Participant) -> String {
        // A bare `@name`, or someone from another platform, has no id Slack could link: show the name.
        if person.id.hasPrefix("@") { return escape(person.id, keepingMentions: false, readingMarkup: false) }
        if person.platform != .slack { return "@" + escape(DisplayName.afterAt(person.name ?? person.id), keepingMentions: false, readingMarkup: false) }
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
