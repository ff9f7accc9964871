/// The chat markup that templates write literally (`*bold*`, `` `code` ``, `< 1 h`), turned into HTML for an email's
/// HTML part: values are escaped by the dialect as they are filled in, but a template's own text is not.
enum EmailMarkup {
    static func html(_ rendered: String) -> String {
        rendered.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            // A template's quote (`> {{{quoted}}}`): a value's own `>` is escaped already, so only the template's is
            // left at the start of a line. Shown as a quote, not as a literal "> ".
            if line.hasPrefix("> ") {
                return Self.quote + paired(paired(lessThan(line.dropFirst(2)), "`", "code"), "*", "b") + "</blockquote>"
            }
            return paired(paired(lessThan(Substring(line)), "`", "code"), "*", "b")
        }.joined(separator: "\n")
    }

    /// The plain-text part, from the same rendering as the HTML part so the two say the same: the template's marks
    /// go (the HTML part shows them as bold and code; in text they were noise), a value's own `*` and backticks
    /// (escaped as entities by `HTMLDialect`) stay as written, and so do a quote's `> `.
    static func text(fromHTML rendered: String) -> String {
        rendered.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var text = paired(paired(String(line), "`", nil), "*", nil)
            // Only the dialect's mention tags are raw; a value's own `<b>` is `&lt;b&gt;` here.
            text = text.replacingOccurrences(of: "<b>", with: "").replacingOccurrences(of: "</b>", with: "")
            for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#42;", "*"), ("&#96;", "`"), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: entity, with: character)
            }
            return text
        }.joined(separator: "\n")
    }

    static let quote = #"<blockquote style="margin: 0 0 0 0.5em; padding-left: 0.5em; border-left: 3px solid #ccc">"#

    /// Every `<` as `&lt;` but the dialect's own bold tags: a template's `< 1 h`, and its `<when>` placeholder,
    /// which a mail client would take for a tag and hide.
    private static func lessThan(_ line: Substring) -> String {
        var result = ""
        var rest = line
        while let open = rest.firstIndex(of: "<") {
            result += rest[..<open]
            let tail = rest[open...]
            if let tag = ["<b>", "</b>"].first(where: { tail.hasPrefix($0) }) {
                result += tag
                rest = tail.dropFirst(tag.count)
            } else {
                result += "&lt;"
                rest = tail.dropFirst()
            }
        }
        return result + rest
    }

    /// Text between two `mark`s on one line, inside `tag` (or none): `*Update on #1*` → `<b>Update on #1</b>`. A mark
    /// without its pair, or around nothing or spaces (`a * b`), stays as it is.
    private static func paired(_ line: String, _ mark: Character, _ tag: String?) -> String {
        var result = ""
        var rest = Substring(line)
        while let open = rest.firstIndex(of: mark) {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: mark) else { break }
            let inner = after[..<close]
            if inner.isEmpty || inner.first == " " || inner.last == " " {
                result += rest[...open]
                rest = after
                continue
            }
            result += rest[..<open] + (tag.map { "<\($0)>" } ?? "") + inner + (tag.map { "</\($0)>" } ?? "")
            rest = after[after.index(after: close)...]
        }
        return result + rest
    }
}
