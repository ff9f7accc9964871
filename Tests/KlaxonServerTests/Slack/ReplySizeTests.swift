import Foundation
import HummingbirdTesting
import KlaxonServer
import KlaxonStore
import Logging
import Testing

/// Titles and texts are bounded by the policy, and list-like answers are cut to each platform's limit with a count
/// of what was left out, never to nothing.
@Suite struct ReplySizeTests {
    @Test(arguments: [
        ("p1 " + String(repeating: "t", count: 301), "a title can be at most 300"),
        ("p1 " + String(repeating: "t", count: 10_000), "a title can be at most 300"),
        // One visible character carrying thousands of combining marks is still long.
        ("p1 e" + String(repeating: "\u{301}", count: 400), "a title can be at most 300"),
        ("update " + String(repeating: "u", count: 3001), "the limit is 3000"),
        ("note " + String(repeating: "n", count: 3001), "the limit is 3000"),
        ("resolve fixed --force " + String(repeating: "r", count: 3001), "the limit is 3000"),
    ])
    func aTitleOrTextOverThePolicysLimitIsRefusedHelpfullyAndRecordsNothing(_ text: String, expected: String) async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        try await harness.application().test(.router) { client in
            _ = try await client.slash("p2 Search is slow", clock: harness.clock)
            let reply = try await client.slash(text, clock: harness.clock)
            #expect(reply.response_type == "ephemeral")
            #expect(reply.text.contains(expected))
        }
        let incidents = try await handle.store.trackedIncidents()
        #expect(incidents.count == 1)
        #expect(incidents.first?.timeline.count == 1)
        try await handle.close()
    }

    @Test func aTitleAtTheLimitIsAccepted() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        try await harness.application().test(.router) { client in
            let reply = try await client.slash("p2 " + String(repeating: "t", count: 300), clock: harness.clock)
            #expect(reply.response_type == "in_channel")
        }
        #expect(try await handle.store.trackedIncidents().count == 1)
        try await handle.close()
    }

    /// The answer fits `limit`, shows some of the `total` items, and ends by counting the rest (the earlier ones,
    /// for a timeline, which keeps its newest).
    private func expectCut(
        _ text: String, to limit: Int, of total: Int, newest: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(text.utf16.count <= limit, sourceLocation: sourceLocation)
        let shown = text.components(separatedBy: "\n").filter { $0.hasPrefix("• ") }.count
        #expect(shown > 0, sourceLocation: sourceLocation)
        #expect(text.hasSuffix(newest ? "… and \(total - shown) earlier, left out here" : "… and \(total - shown) more"), sourceLocation: sourceLocation)
    }

    /// Forty open incidents with long (allowed) titles: about 13,000 characters listed in full.
    private func declareForty(_ client: some TestClientProtocol, clock: ManualWallClock) async throws {
        for index in 1...40 {
            _ = try await client.slash("p2 Incident \(index) " + String(repeating: "x", count: 280), clock: clock)
        }
    }

    @Test func aLongListOnSlackIsCutToSlacksLimitWithTheNumberLeftOut() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        try await harness.application().test(.router) { client in
            try await declareForty(client, clock: harness.clock)
            expectCut(try await client.slash("list", clock: harness.clock).text, to: 4000, of: 40)
        }
        try await handle.close()
    }

    @Test func aLongListOnDiscordIsCutToDiscordsLimitWithTheNumberLeftOutNotToNothing() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        let signer = DiscordSigner(clock: harness.clock)
        try await harness.application(discordKey: signer.publicKeyHex).test(.router) { client in
            try await declareForty(client, clock: harness.clock)
            expectCut(try await client.interact(Interaction.command("list", id: "9001"), signer: signer).content, to: 2000, of: 40)
        }
        try await handle.close()
    }

    @Test("A timeline with one long entry shows it shortened, and the entries before it, instead of it alone or nothing")
    func aTimelineWithOneLongEntryShowsItShortenedOnDiscord() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        let signer = DiscordSigner(clock: harness.clock)
        try await harness.application(discordKey: signer.publicKeyHex).test(.router) { client in
            _ = try await client.slash("p2 Search is slow", clock: harness.clock)
            _ = try await client.slash("note Short one", clock: harness.clock)
            _ = try await client.slash("note Long: " + String(repeating: "word ", count: 560), clock: harness.clock)
            let text = try await client.interact(Interaction.command("timeline", ["incident": .text("#1")], id: "9002"), signer: signer).content
            #expect(text.utf16.count <= 2000)
            #expect(text.contains("declared P2"), "\(text)")
            #expect(text.contains("noted: Short one"))
            #expect(text.contains("noted: Long: word word"))
            #expect(text.contains("word …"))
            #expect(!text.contains("left out"))
        }
        try await handle.close()
    }

    /// In the middle of an incident the latest entries are what matter: they stay, and the earliest are counted.
    @Test func aLongTimelineKeepsItsNewestEntriesAndCountsTheEarlierOnes() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        try await harness.application().test(.router) { client in
            _ = try await client.slash("p2 Search is slow", clock: harness.clock)
            for index in 1...30 {
                _ = try await client.slash("note Finding \(index): " + String(repeating: "n", count: 200), clock: harness.clock)
            }
            let text = try await client.slash("timeline", clock: harness.clock).text
            expectCut(text, to: 4000, of: 31, newest: true)
            #expect(text.contains("Finding 30:"))
            #expect(!text.contains("declared"), "the first entry is among those left out")
        }
        try await handle.close()
    }
}
