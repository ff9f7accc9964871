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
    ])
    func aLongLineIsCutBetweenWords(text: String, limit: Int, parts: [String]) {
        let split = MessageSplitter.split(text, limit: limit)
        #expect(split == parts)
        #expect(split.allSatisfy { $0.count <= limit })
    }
}
