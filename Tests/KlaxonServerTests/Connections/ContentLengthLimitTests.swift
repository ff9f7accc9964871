import Testing

@testable import KlaxonServer

@Suite struct ContentLengthLimitTests {
    @Test("An announced length is over the limit only when it is a number past it", arguments: [
        ("65536", false),
        ("65537", true),
        ("0000000000000000000000065536", false),
        ("000000000000000000000000070000", true),
        ("1000000000000000000000000", true),
        ("0", false),
        ("", false),
        // Not a number: the HTTP parser's to refuse, not this limit's.
        ("+70000", false),
        ("7e5", false),
        ("٧٠٠٠٠", false),
        ("70000 ", false),
    ] as [(String, Bool)])
    func anAnnouncedLengthIsOverTheLimitOnlyWhenItIsANumberPastIt(announced: String, exceeds: Bool) {
        #expect(ContentLengthLimit.exceeds(announced, limit: 65536) == exceeds)
    }
}
