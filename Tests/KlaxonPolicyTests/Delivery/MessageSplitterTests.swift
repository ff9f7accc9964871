import KlaxonPolicy
import Testing

@Suite struct MessageSplitterTests {
    @Test("A long line is cut at its last space within the limit, never inside a word, unless it has no space late enough", arguments: [
        ("alpha beta gamma delta", 12, ["alpha beta", "gamma delta"]),
        ("alpha beta gamma delta", 11, ["alpha beta", "gamma delta"]),
        ("one two three", 13, ["one two three"]),
        ("a bcdefghijklmnop", 8, ["a bcdefg", "hijklmno", "p"]),
        ("https://example.com/a/very/long/path", 16, ["https://example.", "com/a/very/long/", "path"]),
        ("intro\nalpha beta gamma", 12, ["intro", "alpha beta", "gamma"]),
        // A quoted line (an update's text) stays quoted in every part it is cut into.
        ("> alpha beta gamma delta", 14, ["> alpha beta", "> gamma delta"]),
        ("head\n> one two three four five six", 14, ["head", "> one two", "> three four", "> five six"]),
        // A quote mark in the middle of a line is text, not a quote.
        ("note > alpha beta", 10, ["note >", "alpha beta"]),
    ])
    func aLongLineIsCutBetweenWords(text: String, limit: Int, parts: [String]) {
        let split = MessageSplitter.split(text, limit: limit)
        #expect(split == parts)
        #expect(split.allSatisfy { $0.count <= limit })
    }

    @Test("Lengths are counted in UTF-16 units, as Discord counts them: 1,500 emoji (3,000 units) go out in parts of at most 2,000", arguments: [
        "> " + String(repeating: "🔥", count: 1500),
        "> " + String(repeating: "🔥 ", count: 1000),
        String(repeating: "👨‍👩‍👧‍👦", count: 300),
    ])
    func lengthsAreCountedInUTF16(text: String) {
        let parts = MessageSplitter.split(text, limit: 2000)
        #expect(parts.count > 1)
        #expect(parts.allSatisfy { $0.utf16.count <= 2000 }, "\(parts.map(\.utf16.count))")
        #expect(parts.joined().filter { $0 == "🔥" || $0 == "👨‍👩‍👧‍👦" }.count == text.filter { $0 == "🔥" || $0 == "👨‍👩‍👧‍👦" }.count, "nothing lost")
    }
}
