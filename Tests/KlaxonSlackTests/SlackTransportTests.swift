import Foundation
import KlaxonPolicy
@testable import KlaxonSlack
import Testing

@Suite struct SlackMessageLimitsTests {
    @Test func longTextIsSplitIntoSectionsOfAtMostThreeThousandCharactersAtLineBreaks() {
        let line = String(repeating: "a", count: 1000)
        let text = Array(repeating: line, count: 7).joined(separator: "\n")
        let chunks = MessageSplitter.split(text, limit: 3000)
        #expect(chunks.map(\.count) == [2001, 2001, 2001, 1000])
        #expect(chunks.joined(separator: "\n") == text)
    }

    @Test func aSingleOverlongLineIsCutHard() {
        let chunks = MessageSplitter.split(String(repeating: "b", count: 7000), limit: 3000)
        #expect(chunks.map(\.count) == [3000, 3000, 1000])
    }

    @Test func aMessageCarriesAFallbackTextAtMostFiftyBlocksAndItsKey() {
        let text = Array(repeating: String(repeating: "c", count: 2999), count: 60).joined(separator: "\n")
        let body = SlackTransport.message(text, key: "slack/channel:incident-1/1/initial_alert/channel:slack:C1")
        let blocks = body["blocks"] as? [[String: Any]]
        #expect(blocks?.count == 50)
        let last = (blocks?.last?["text"] as? [String: Any])?["text"] as? String
        #expect(last?.contains("more characters not shown") == true)
        #expect((body["text"] as? String)?.count == 4000)
        let metadata = body["metadata"] as? [String: Any]
        #expect(metadata?["event_type"] as? String == "klaxon_message")
        #expect((metadata?["event_payload"] as? [String: Any])?["key"] as? String == "slack/channel:incident-1/1/initial_alert/channel:slack:C1")
    }
}
