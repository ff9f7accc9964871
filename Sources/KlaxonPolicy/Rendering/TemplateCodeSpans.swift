import Foundation

/// The code spans a template writes itself (a pair of backticks on one line), for a dialect that must escape what
/// they hold. Mustache tags inside them (`{{id}}`, `{{{titleInCode}}}`) are left alone: their values are escaped as
/// they are filled in.
public enum TemplateCodeSpans {
    /// `source` with every `<` and `>` of its own text inside a code span written as `&lt;` and `&gt;`, and outside
    /// them every `<` that opens no markup (`Recovery target: < 1 hour`): Slack reads a `<` up to the next `>` as a
    /// link or mention, which would swallow a commander's mention later on the line.
    public static func escapingAngles(in source: String) -> String {
        guard source.contains("<") || (source.contains("`") && source.contains(">")) else { return source }
        return source.split(separator: "\n", omittingEmptySubsequences: false).map(line).joined(separator: "\n")
    }

    private static func line(_ line: Substring) -> String {
        let pieces = line.split(separator: "`", omittingEmptySubsequences: false)
        // An odd backtick out (no closing one on the line) opens no span: the line stays as written after it.
        let closed = pieces.count % 2 == 1 ? pieces.count : pieces.count - 1
        return pieces.enumerated().map { index, piece in
            index % 2 == 1 && index < closed ? outsideTags(piece, escape: escape) : outsideTags(piece, escape: escapeLoneOpenings)
        }.joined(separator: "`")
    }

    /// The text escaped, its Mustache tags kept (a partial's `{{> name}}` and a parent's `{{< name}}` among them).
    private static func outsideTags(_ span: Substring, escape: (Substring) -> String) -> String {
        var result = ""
        var rest = span
        while let open = rest.range(of: "{{") {
            result += escape(rest[..<open.lowerBound])
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                result += rest[open.lowerBound...]
                return result
            }
            var end = close.upperBound
            // A triple tag's third brace.
            if rest[end...].hasPrefix("}") { end = rest.index(after: end) }
            result += rest[open.lowerBound..<end]
            rest = rest[end...]
        }
        return result + escape(rest)
    }

    private static func escape(_ text: Substring) -> String {
        text.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A `<` followed by a space, a digit or nothing starts no Slack markup (`<@U1>`, `<!channel>`, `<https://…|x>`
    /// do), so it can only be meant as text.
    private static func escapeLoneOpenings(_ text: Substring) -> String {
        guard text.contains("<") else { return String(text) }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "<", next == text.endIndex || text[next].isWhitespace || text[next].isNumber || text[next] == "=" {
                result += "&lt;"
            } else {
                result.append(character)
            }
            index = next
        }
        return result
    }
}
