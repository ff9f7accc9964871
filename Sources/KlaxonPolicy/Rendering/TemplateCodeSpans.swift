import Foundation

/// The code spans a template writes itself (a pair of backticks on one line), for a dialect that must escape what
/// they hold. Mustache tags inside them (`{{id}}`, `{{{titleInCode}}}`) are left alone: their values are escaped as
/// they are filled in.
public enum TemplateCodeSpans {
    /// `source` with every `<` and `>` of its own text inside a code span written as `&lt;` and `&gt;`.
    public static func escapingAngles(in source: String) -> String {
        guard source.contains("`"), source.contains(where: { $0 == "<" || $0 == ">" }) else { return source }
        return source.split(separator: "\n", omittingEmptySubsequences: false).map(line).joined(separator: "\n")
    }

    private static func line(_ line: Substring) -> String {
        let pieces = line.split(separator: "`", omittingEmptySubsequences: false)
        // An odd backtick out (no closing one on the line) opens no span: the line stays as written after it.
        let closed = pieces.count % 2 == 1 ? pieces.count : pieces.count - 1
        return pieces.enumerated().map { index, piece in
            index % 2 == 1 && index < closed ? outsideTags(piece) : String(piece)
        }.joined(separator: "`")
    }

    /// The span's text escaped, its Mustache tags kept (a partial's `{{> name}}` among them).
    private static func outsideTags(_ span: Substring) -> String {
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
}
