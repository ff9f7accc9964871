import Foundation
import KlaxonCore
@testable import KlaxonServer
import KlaxonStore
import Testing

@Suite struct DeskCacheTests {
    @Test func walkingMoreOpenIncidentsThanTheCacheHoldsKeepsHalfOfThemCached() async throws {
        let directory = NSTemporaryDirectory() + "klaxon-cache-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let open = IncidentDesk.cacheLimit + 40
        let first = try await DeskHarness(directory: directory)
        for number in 1...open {
            try await first.say("p3 Shard \(number) slow", in: ChannelRef(platform: .slack, id: "C\(number)", name: "shard-\(number)"))
        }
        try await first.close()
        let (h, reads) = try await DeskHarness.restarted(in: directory)
        #expect(try await h.desk.incidents(matching: IncidentQuery(.open)).count == open)
        #expect(reads.total == open, "a restarted server reads each once")
        reads.reset()
        #expect(try await h.desk.incidents(matching: IncidentQuery(.open)).count == open)
        // Dropping the whole cache when it was full made the second walk read nearly all of them again.
        let again = reads.total
        #expect(again < open * 2 / 3, "read \(again) of \(open) again")
        try await h.close()
    }
}
