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
        ("a note goes to the last incident resolved here", "note The retry storm left a backlog", 20),
        ("show finds the last incident resolved here", "show", 20),
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

    @Test("Without an id, a note goes to the incident resolved last here, not to the highest number")
    func aNoteGoesToTheIncidentResolvedLast() async throws {
        let h = try await DeskHarness()
        try await h.say("p3 Tooltip typo", at: 0)
        try await h.say("p3 Wrong icon color", at: 1)
        try await h.say("resolve #2 Icon fixed", at: 2)
        try await h.say("resolve #1 Tooltip fixed", at: 3)
        try await h.say("note Tooltip fix deployed", at: 4)
        let tooltip = try #require(try await h.handle.store.incident(IncidentID(1)))
        #expect(tooltip.timeline.last?.change == .notePosted(text: "Tooltip fix deployed"))
        let icon = try #require(try await h.handle.store.incident(IncidentID(2)))
        #expect(icon.timeline.last?.change == .resolved(summary: "Icon fixed", forcedReason: nil))
        try await h.close()
    }
}
