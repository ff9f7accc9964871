import Foundation
import KlaxonCore
import KlaxonStore
import Testing

/// `heads` narrowed by state, channel, severity, number and declaration time, and cut to the newest few: the
/// queries the request path and the API's pages make so that their cost follows what they show, not the history.
@Suite struct IncidentQueryContractTests {
    typealias F = StoreFixtures

    /// Incidents #1–#7, declared a minute apart from `F.start`: channel, severity in the index (`nil`: a row an older
    /// Klaxon wrote), and whether it is open.
    static let stored: [(channel: String, severity: Severity?, open: Bool)] = [
        ("C1", .p0, false), ("C2", .p1, false), ("C1", .p1, true), ("C1", .p0, false), ("C1", .p2, false), ("C2", .p0, true), ("C3", nil, false),
    ]

    static let cases: [(String, IncidentQuery, [Int])] = [
        ("the last resolved in a channel", IncidentQuery(.resolved, channel: "slack:C1", newest: 1), [5]),
        ("the last two resolved in a channel, oldest first", IncidentQuery(.resolved, channel: "slack:C1", newest: 2), [4, 5]),
        ("every resolved incident", IncidentQuery(.resolved), [1, 2, 4, 5, 7]),
        ("resolved P0s, and the row that has no severity", IncidentQuery(.resolved, severity: .p0), [1, 4, 7]),
        ("resolved P2s, with the row that has no severity", IncidentQuery(.resolved, severity: .p2), [5, 7]),
        ("open P0s", IncidentQuery(.open, severity: .p0), [6]),
        ("the page below #4", IncidentQuery(.any, before: IncidentID(4), newest: 2), [2, 3]),
        ("declared at or after the fourth minute", IncidentQuery(.any, declaredSince: F.start.addingTimeInterval(3 * 60)), [4, 5, 6, 7]),
        ("everything narrowed at once", IncidentQuery(.resolved, channel: "slack:C1", severity: .p0, before: IncidentID(5), newest: 5), [1, 4]),
        ("more asked for than there are", IncidentQuery(.open, newest: 50), [3, 6]),
    ]

    @Test(arguments: StoreEngine.all) func headsAreNarrowedByEveryPartOfTheQuery(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        for (minute, row) in Self.stored.enumerated() {
            let channel = ChannelRef(platform: .slack, id: row.channel, name: row.channel.lowercased())
            let index = IncidentIndex(isOpen: row.open, awaitsReview: false, nextDueAt: nil, channel: channel, severity: row.severity)
            let declared = IncidentEvent(
                at: F.start.addingTimeInterval(Double(minute) * 60), actor: F.ann,
                change: .declared(Declaration(severity: row.severity ?? .p2, title: "Incident \(minute + 1)", channel: channel))
            )
            let commit = Commit(target: .new, events: [declared], requestKey: nil, index: index) { _ in CommitEffects(outbox: [], reply: nil) }
            guard case .recorded(let id, _) = try await store.commit(commit) else { throw StoreError.corrupt("not recorded") }
            #expect(id.rawValue == minute + 1)
        }
        for (name, query, expected) in Self.cases {
            #expect(try await store.heads(query).map(\.id.rawValue) == expected, "\(name)")
        }
        // What a restarted server remembers: open ones declared at or after the second minute, their declarations.
        let declarations = try await store.openDeclarations(since: F.start.addingTimeInterval(60), limit: 10)
        #expect(declarations.map(\.0.rawValue) == [3, 6])
        #expect(declarations.map { if case .declared(let declaration) = $0.1.change { declaration.title } else { "" } } == ["Incident 3", "Incident 6"])
        #expect(try await store.openDeclarations(since: F.start.addingTimeInterval(60), limit: 1).map(\.0.rawValue) == [6], "the newest")
        try await handle.close()
    }
}
