import Foundation
@testable import KlaxonCore
import Testing

/// Commands are trimmed in Swift for speed; Foundation's `.whitespacesAndNewlines` is the independent judge.
@Suite struct WhitespaceTrimmingTests {
    /// Every scalar Foundation counts as white space or a newline, and some that look like it but are not.
    static let edges: [String] = [
        "\t", "\n", "\u{0B}", "\u{0C}", "\r", " ", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2005}", "\u{200A}",
        "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{200B}", "\u{FEFF}", "\u{180E}", "",
    ]

    @Test func trimmingMatchesFoundationsWhitespacesAndNewlines() {
        for left in Self.edges {
            for right in Self.edges {
                for middle in ["", "note", "a b", "é\u{301}", "🚨 p0", "x\(left)y"] {
                    let text = left + middle + right
                    #expect(String(text[...].trimmedOfWhitespace) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(text.unicodeScalars))")
                }
            }
        }
    }
}
