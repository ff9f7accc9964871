import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Synchronization
import Testing

/// Commands without an id in a channel with nothing open look back at what was resolved there. They read the newest
/// few of the channel's incidents, not all it ever had: a channel's history only grows.
@Suite struct ChannelHistoryReadTests {
    static let resolvedHere = 25

    static let cases: [(String, String, Int)] = [
        ("a note goes to the last incident resolved here", "note The retry storm left a backlog", 1),
        ("show finds the last incident resolved here", "show", 1),
        ("reopen looks at the newest incidents resolved here", "reopen The typo is back", 20),
    ]

    @Test(arguments: cases)
    func aCommandWithoutAnIdReadsOnlyTheNewestOfTheChannelsHistory(name: String, command: String, mostRows: Int) async throws {
        let historyRows = Mutex<[Int]>([])
        let h = try await DeskHarness { store in
            var interposed = InterposedStore(base: store) { _ in }
            interposed.headsRead = { query, heads in
                // Queries of open incidents or reviews still to hold are bounded by what is live; these are not.
                if query.state == .any || query.state == .resolved { historyRows.withLock { $0.append(heads.count) } }
            }
            return interposed
        }
        for number in 1...Self.resolvedHere {
            try await h.say("p3 Typo number \(number) on the pricing page", at: Double(number))
            try await h.say("resolve Fixed typo number \(number)", at: Double(number) + 0.5)
        }
        historyRows.withLock { $0.removeAll() }
        _ = try await h.reply(command, at: 30)
        let read = historyRows.withLock { $0 }
        #expect(!read.isEmpty, "\(name): the command never looked at the channel's history")
        #expect(read.allSatisfy { $0 <= mostRows }, "\(name): read \(read) rows")
        if command.hasPrefix("note") {
            let last = try #require(try await h.handle.store.incident(IncidentID(Self.resolvedHere)))
            #expect(last.timeline.last?.change == .notePosted(text: "The retry storm left a backlog"))
        }
        try await h.close()
    }
}
