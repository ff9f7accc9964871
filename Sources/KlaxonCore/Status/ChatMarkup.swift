/// What chat puts into typed text that the status page must not show: mentions of people, groups and channels, and
/// Slack's link markup.
///
/// Slack sends every mention as markup (`<@U0ALICE|alice>`, `<#C0OPS|ops>`, `<!here>`: the manifest asks it to
/// escape them), Discord as `<@123>` and `<#123>`, Mattermost as typed (`@alice`, `~ops`). Customers must see none of
/// them: a public text that mentions someone is refused, naming what it mentions, rather than cleaned silently.
public enum ChatMarkup {
    /// The mentions in `text` as typed on `platform`, each as a person would read it (`@alice`, `#ops`, `@here`);
    /// empty when there are none.
    public static func mentions(in text: String, typedOn platform: Platform) -> [String] {
        var found: [String] = []
        var markup: [Range<String.Index>] = []
        for token in angleTokens(in: text) {
            if let mention = mention(in: text[token]) {
                found.append(mention)
                markup.append(token)
            } else if link(text[token]) != nil {
                markup.append(token)
            }
        }
        // Typed mentions outside the tokens that are markup (a mention, a link), wherever a word starts with a sigil:
        // after a space or markup (`(@alice)`, `*@here*`, `` `@here` ``, `<b>@here</b>`), not inside a word or an
        // address (`support@example.com`, `https://medium.com/@acme`). A `<` and `>` that are only text
        // (`p99 < 200ms for @here > 50%`) hide nothing.
        let typed = typedMentions(in: text, outside: markup)
        switch platform {
        case .mattermost: found += typed.filter { $0.first == "@" ? true : $0.dropFirst().first?.isLetter == true }
        // A group's name as typed, which Discord (`@everyone`, `@here`) pings with; on Slack, a plain `@here` was not
        // sent as one (typed in local mode, or pasted), but it is never words for customers either.
        default: found += typed.filter { broadcasts.contains($0.lowercased()) }.filter { !found.contains($0) }
        }
        return found
    }

    static let broadcasts: Set<String> = ["@here", "@channel", "@everyone", "@all"]

    /// Each `@name` and `~name` that starts a word, as typed, without punctuation after it (`@bob,` is `@bob`).
    private static func typedMentions(in text: String, outside tokens: [Range<String.Index>]) -> [String] {
        var found: [String] = []
        var previous: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            defer { previous = character }
            let next = text.index(after: index)
            // `_` too starts one: `_@bob_` is emphasis around a mention. What continues an address does not.
            let startsWord = previous.map { !($0.isLetter || $0.isNumber || "/:.=-+&?#%".contains($0)) } ?? true
            guard character == "@" || character == "~", startsWord, !tokens.contains(where: { $0.contains(index) }) else {
                index = next
                continue
            }
            var name = text[next...].prefix { $0.isLetter || $0.isNumber || ".-_".contains($0) }
            while let last = name.last, ".-_".contains(last) { name = name.dropLast() }
            if let first = name.first, first.isLetter || first.isNumber { found.append(String(character) + name) }
            index = next
        }
        return found
    }

    /// `text` with Slack's links written out for a page: `<https://x|label>` becomes `label (https://x)` and
    /// `<https://x>` becomes `https://x`. Anything else between angle brackets is left as it is.
    public static func plainLinks(_ text: String) -> String {
        replacingTokens(in: text, with: link)
    }

    /// `text` as a person reads it off the platform (in an email, on a console): Slack's links written out as
    /// `plainLinks` does, and its mention markup as the names it shows (`<@U0BOB|bob>` is `@bob`, `<#C0OPS|ops>` is
    /// `#ops`, `<!here>` is `@here`). Anything else between angle brackets is left as it is.
    public static func readable(_ text: String) -> String {
        replacingTokens(in: text) { link($0) ?? mention(in: $0) }
    }

    /// Text typed on Slack as another platform must show it: Slack's links and mentions written out as `readable`
    /// does (a title with `<@U0BOB|bob>` read that way on Discord and Mattermost), Discord's own mentions (`<@123>`,
    /// `<#123>`) left for Discord.
    public static func fromSlack(_ text: String) -> String {
        replacingTokens(in: text) { token in
            if let link = link(token) { return link }
            let digits = token.dropFirst().drop { $0 == "!" || $0 == "&" }
            return !digits.isEmpty && digits.allSatisfy(\.isNumber) ? nil : mention(in: token)
        }
    }

    /// `text` with each angle-bracket token that `shown` turns into text replaced, brackets and all.
    private static func replacingTokens(in text: String, with shown: (Substring) -> String?) -> String {
        guard text.contains("<") else { return text }
        var result = ""
        var written = text.startIndex
        for token in angleTokens(in: text) {
            guard let replacement = shown(text[token]) else { continue }
            // The token's brackets are the characters around it.
            result += text[written..<text.index(before: token.lowerBound)] + replacement
            written = text.index(after: token.upperBound)
        }
        return result + text[written...]
    }

    /// Where the text between each `<` and the next `>` is, with no `<` inside: a `<` standing alone (`1 < 2`) is
    /// text, not the start of a token.
    private static func angleTokens(in text: String) -> [Range<String.Index>] {
        var tokens: [Range<String.Index>] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let inner = rest.index(after: open)..<close
            if let nested = rest[inner].lastIndex(of: "<") {
                rest = rest[nested...]
                continue
            }
            tokens.append(inner)
            rest = rest[rest.index(after: close)...]
        }
        return tokens
    }

    /// A Slack or Discord mention as a person reads it: `@U0ALICE|alice` is `@alice`, `#C0OPS|ops` is `#ops`,
    /// `!here` is `@here`, `@!123` and `@&123` (Discord's nickname and role forms) are `@123`.
    private static func mention(in token: Substring) -> String? {
        guard let sigil = token.first, "@#!".contains(sigil) else { return nil }
        var body = token.dropFirst()
        guard !body.isEmpty, !body.contains(where: \.isWhitespace) else { return nil }
        if let bar = body.firstIndex(of: "|") {
            body = body[body.index(after: bar)...].drop { $0 == "@" || $0 == "#" }
        } else {
            body = body.drop { $0 == "!" || $0 == "&" }
            if let caret = body.firstIndex(of: "^") { body = body[body.index(after: caret)...] }
        }
        return (sigil == "#" ? "#" : "@") + body
    }

    /// Slack's `https://x|label` or `https://x` (also `mailto:`), written out.
    private static func link(_ inner: Substring) -> String? {
        let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        let target = parts[0]
        guard ["http://", "https://", "mailto:"].contains(where: { target.lowercased().hasPrefix($0) }) else { return nil }
        guard parts.count == 2, !parts[1].isEmpty, parts[1] != target else { return String(target) }
        return "\(parts[1]) (\(target))"
    }
}
