import Foundation
import KlaxonCore
@testable import KlaxonStore
import SQLKit
import Testing

/// Part of the store contract: a commit writes an incident's index columns only when they change (see
/// `IndexColumns`), so each column is changed alone here, and not at all, and the row must say what the index says.
@Suite struct IncidentIndexWriteTests {
    typealias F = StoreFixtures

    struct Change: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let index: IncidentIndex
    }

    static let due = F.start.addingTimeInterval(900)
    static let declared = IncidentIndex(isOpen: true, awaitsReview: false, nextDueAt: due, channel: F.channel, severity: .p0)

    static let changes: [Change] = {
        func with(_ name: String, _ change: (inout IncidentIndex) -> Void) -> Change {
            var index = declared
            change(&index)
            return Change(testDescription: name, index: index)
        }
        return [
            with("nothing") { _ in },
            with("closed, awaiting review") { $0.isOpen = false; $0.awaitsReview = true },
            with("closed, reviewed") { $0.isOpen = false },
            with("due later") { $0.nextDueAt = due.addingTimeInterval(600) },
            with("never due") { $0.nextDueAt = nil },
            with("another channel") { $0.channel = ChannelRef(platform: .discord, id: "42", name: "ops") },
            with("another severity") { $0.severity = .p2 },
            with("no severity") { $0.severity = nil },
        ]
    }()

    @Test(arguments: StoreEngine.all, changes) func theRowSaysWhatTheIndexSaysAfterACommit(engine: StoreEngine, change: Change) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store, due: Self.due)
        let note = Commit(target: .existing(id, version: 1), events: [F.event(.notePosted(text: "checked"), minutes: 1)], requestKey: nil, index: change.index) { _ in
            CommitEffects(outbox: [], reply: nil)
        }
        guard case .recorded = try await store.commit(note) else { throw StoreError.corrupt("not recorded") }
        let (stored, version) = try await store.read { db in
            let row = try #require(try await db.raw("SELECT \(unsafeRaw: IndexColumns.names), version FROM incidents WHERE id = \(bind: id.rawValue)").first())
            return (try IndexColumns(row), try row.decode(column: "version", as: Int.self))
        }
        #expect(stored == IndexColumns(change.index))
        #expect(version == 2)
        // A commit decided on the version before is refused, whatever its index.
        await #expect(throws: StoreError.self) { try await store.commit(F.commit(id, after: 1, [F.event(.notePosted(text: "late"), minutes: 2)])) }
        try await handle.close()
    }

    /// SQLite's count of rows changed on the writer's connection, where commits run.
    static func changes(_ store: SQLIncidentStore) async throws -> Int {
        try await store.write { db in
            let row = try await db.raw("SELECT total_changes() AS n").first()
            return try row?.decode(column: "n", as: Int.self) ?? -1
        }
    }

    @Test(arguments: [StoreEngine.sqliteMemory, .sqliteFile]) func aCommitThatLeavesTheIndexAsItWasWritesTheIncidentsRowOnce(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store, due: Self.due)
        for (version, index, rows) in [(1, Self.declared, 2), (2, Self.changes[3].index, 3)] {
            let before = try await Self.changes(store)
            let note = Commit(target: .existing(id, version: version), events: [F.event(.notePosted(text: "checked"), minutes: 1)], requestKey: nil, index: index) { _ in
                CommitEffects(outbox: [], reply: nil)
            }
            _ = try await store.commit(note)
            // The event, the version, and the index only when it changed.
            #expect(try await Self.changes(store) - before == rows, "\(version)")
        }
        try await handle.close()
    }
}
