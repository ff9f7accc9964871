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
            index % 2 == 1 && index < closed ? outsideTags(piece, escape: escape) : escapingLoneOpenings(piece)
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

    /// Text outside code with each `<` that starts no Slack markup escaped. Markup is `<@U1>`, `<#C1>`, `<!here>`, a
    /// link (`<https://…|x>`, `<mailto:…>`), or one a tag fills in (`<{{{dashboardURL}}}|Grafana>`); Mustache's own
    /// tags (`{{< parent}}`) are kept as written.
    private static func escapingLoneOpenings(_ text: Substring) -> String {
        guard text.contains("<") else { return String(text) }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let rest = text[index...]
            if rest.hasPrefix("{{"), let close = rest.range(of: "}}") {
                var end = close.upperBound
                if rest[end...].hasPrefix("}") { end = rest.index(after: end) }
                result += rest[..<end]
                index = end
                continue
            }
            let character = text[index]
            index = text.index(after: index)
            result += character == "<" && !opensMarkup(text[index...]) ? "&lt;" : String(character)
        }
        return result
    }

    /// Whether what follows a `<` makes it Slack markup.
    private static func opensMarkup(_ next: Substring) -> Bool {
        guard let first = next.first else { return false }
        if "@#!".contains(first) || next.hasPrefix("{{") { return true }
        // A URL scheme: a letter, then letters, digits, `+`, `-` or `.`, then `:`.
        guard first.isASCII, first.isLetter else { return false }
        let scheme = next.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
        return next.dropFirst(scheme.count).first == ":"
    }
}
