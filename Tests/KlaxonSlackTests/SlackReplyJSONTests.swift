import Foundation
import KlaxonSlack
import Testing

/// The reply's JSON is written by hand for speed; Foundation's encoder and decoder are the independent judges.
@Suite struct SlackReplyJSONTests {
    static let texts = [
        "", "plain", "quote \" and backslash \\ and slash /", "line\nbreak\r\ttab", "\u{0}\u{1}\u{8}\u{c}\u{1f}\u{7f}",
        "emoji 🚨 and accents é, ü; Arabic-Indic ٣", "<!channel> &amp; <@U123|ann>", "\u{2028}\u{2029} separators",
        String(repeating: "x\"", count: 2000),
    ]

    @Test(arguments: texts, [SlackReply.Visibility.ephemeral, .inChannel])
    func theReplyIsWhatFoundationsEncoderWrites(text: String, visibility: SlackReply.Visibility) throws {
        for skip in [nil, true, false] as [Bool?] {
            let reply = SlackReply(visibility, text: text, skipSlackParsing: skip)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            #expect(reply.json == String(decoding: try encoder.encode(reply), as: UTF8.self))
            #expect(try JSONDecoder().decode(SlackReply.self, from: Data(reply.json.utf8)) == reply)
        }
    }
}
