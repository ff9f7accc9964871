import Foundation
@testable import KlaxonCore
import Testing

/// `Words` splits with an ASCII fast path; Swift's `Character.isWhitespace`, after Foundation's trimming, is the
/// independent judge of where words end.
@Suite struct WordsTests {
    @Test func wordsEndWhereSwiftsCharactersSayWhiteSpace() {
        // With ASCII controls that are not white space (some languages count 0x1C–0x1F as space): they must not split.
        let separators = WhitespaceTrimmingTests.edges + ["\r\n", " \u{301}", "\u{301}", "  ", "\t\n", "\u{1C}", "\u{1F}", "\u{0}", "\u{7F}"]
        for separator in separators {
            for text in ["note #1 done", "p0\(separator)Uploads", "é\u{301}\(separator)x\(separator)\(separator)🚨", "\(separator)help\(separator)"] {
                var words = Words(text.replacingOccurrences(of: " ", with: separator))
                var split: [String] = []
                while let word = words.next() { split.append(word) }
                let judged = text.replacingOccurrences(of: " ", with: separator).trimmingCharacters(in: .whitespacesAndNewlines)
                    .split(whereSeparator: \.isWhitespace).map(String.init)
                #expect(split == judged, "\(Array(text.replacingOccurrences(of: " ", with: separator).unicodeScalars))")
            }
        }
    }
}
