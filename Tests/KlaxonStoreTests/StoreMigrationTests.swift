import Foundation
import KlaxonCore
import KlaxonStore
import SQLiteKit
import Testing

@Suite struct StoreMigrationTests {
    typealias F = StoreFixtures

    /// A database written by Klaxon before schema versions were recorded (schema 1), with incidents in every state:
    /// #1 an open P0 with a commander and an update, #2 a resolved P1 awaiting its review, #3 a resolved P3,
    /// #4 an open P2 with a note; its messages delivered, its requests handled (see Fixtures/README.md).
    static var schemaOne: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/schema-1.sqlite").path
    }

    static func copyOfSchemaOne() throws -> String {
        let directory = F.temporaryDirectory()
        try FileManager.default.copyItem(atPath: schemaOne, toPath: directory + "/" + SQLiteIncidentStore.fileName)
        return directory
    }

    @Test func aSchemaOneDatabaseIsMigratedWithEveryIncidentKept() async throws {
        let directory = try Self.copyOfSchemaOne()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let handle = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        let store = handle.store
        let states = try await [1, 2, 3, 4].asyncMap { try await store.incident(IncidentID($0)) }
        #expect(states.map { $0?.severity } == [.p0, .p1, .p3, .p2])
        #expect(states.map { $0?.isOpen } == [true, false, false, true])
        // Versions are the event counts; nothing is due until Klaxon computes it from the policy.
        for state in states.compactMap({ $0 }) {
            #expect(try await store.head(state.id)?.version == state.version)
        }
        #expect(try await store.needingReindex(limit: 10).count == 4)
        #expect(try await store.heads(IncidentQuery(.open)).map(\.id) == [IncidentID(1), IncidentID(4)])
        // Their severities are not indexed yet (the reindex at start-up writes them): counting must not guess.
        #expect(try await store.openIncidentCounts() == nil)
        #expect(try await store.reply(forRequest: "slack:1A000F58-C7E0-49E4-B28C-F22154B3045A") != nil)
        // Requests handled before schema 5 have no time: pruning keeps them rather than guess their age.
        #expect(try await store.pruneHandledRequests(before: F.start.addingTimeInterval(86_400 * 3650)) == 0)
        #expect(try await store.reply(forRequest: "slack:1A000F58-C7E0-49E4-B28C-F22154B3045A") != nil)
        #expect(try await store.incident(IncidentID(1))?.lastUpdateText == "Rolling back the deploy")
        // New incidents continue the numbering.
        #expect(try await F.declare(store) == IncidentID(5))
        try await handle.close()
    }

    @Test func aDatabaseFromAnyEarlierSchemaGetsTheReadIndexesWithoutANewSchemaNumber() async throws {
        let directory = try Self.copyOfSchemaOne()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await SQLiteIncidentStore.open(directory: directory, logger: F.logger).close()
        let connection = try await SQLiteConnection.open(storage: .file(path: directory + "/" + SQLiteIncidentStore.fileName))
        let indexes = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'incident_threads_ref'")
        let versions = try await connection.query("SELECT MAX(version) AS v FROM klaxon_migrations")
        try await connection.close()
        #expect(indexes.count == 1)
        // An older Klaxon of the same schema still opens the database.
        #expect(versions.first?.column("v")?.integer == SQLIncidentStore.latestSchema)
    }

    @Test func migrationsAreRecordedAndNotAppliedTwice() async throws {
        let directory = try Self.copyOfSchemaOne()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await SQLiteIncidentStore.open(directory: directory, logger: F.logger).close()
        let again = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        #expect(try await again.store.schemaVersion() == SQLIncidentStore.latestSchema)
        #expect(try await again.store.heads(IncidentQuery(.open)).count == 2)
        try await again.close()
    }

    /// Schema 7 changed no table: the rule for `awaits_review` changed (a closed review awaits nothing), and rows
    /// written under the old one are indexed again at start-up.
    @Test func migrationSevenMarksTheIncidentsIndexedAsAwaitingReviewForAReindex() async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let handle = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        let closed = try await F.declare(handle.store, [
            F.declared(), F.event(.resolved(summary: "Fixed", forcedReason: nil), minutes: 1), F.event(.reviewClosed(forcedReason: "Met"), minutes: 2),
        ])
        try await handle.close()
        let path = directory + "/" + SQLiteIncidentStore.fileName
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        // As schema 6 left it: indexed as awaiting its review, and migration 7 not applied.
        _ = try await connection.query("UPDATE incidents SET awaits_review = 1, tracked = 1, needs_reindex = 0 WHERE id = \(closed.rawValue)")
        _ = try await connection.query("DELETE FROM klaxon_migrations WHERE version >= 7")
        try await connection.close()
        let again = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        #expect(try await again.store.needingReindex(limit: 10) == [closed])
        try await again.close()
    }

    /// Schema 8 changed no table either: `awaits_review` now holds until the review is closed, scheduled or not, so
    /// resolved rows indexed under the old rule are indexed again at start-up.
    @Test func migrationEightMarksResolvedIncidentsNotAwaitingReviewForAReindex() async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let handle = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        let scheduled = try await F.declare(handle.store, [
            F.declared(), F.event(.resolved(summary: "Fixed", forcedReason: nil), minutes: 1), F.event(.reviewScheduled(when: "Friday"), minutes: 2),
        ])
        let open = try await F.declare(handle.store, [F.declared()])
        try await handle.close()
        let path = directory + "/" + SQLiteIncidentStore.fileName
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        // As schema 7 left them: the scheduled review no longer awaiting, and migration 8 not applied.
        _ = try await connection.query("UPDATE incidents SET is_open = 0, awaits_review = 0, tracked = 0, needs_reindex = 0 WHERE id = \(scheduled.rawValue)")
        _ = try await connection.query("UPDATE incidents SET needs_reindex = 0 WHERE id = \(open.rawValue)")
        _ = try await connection.query("DELETE FROM klaxon_migrations WHERE version >= 8")
        try await connection.close()
        let again = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        // The resolved one by migration 8; the open one by migration 10, which indexes every open incident again.
        #expect(try await again.store.needingReindex(limit: 10).sorted() == [scheduled, open].sorted())
        try await again.close()
    }

    /// Schema 10: a passed ETA is on an open incident's clock now, and escalations count earlier time at a severity,
    /// so open incidents are indexed again at start-up; resolved ones are not.
    @Test func migrationTenMarksOpenIncidentsForAReindex() async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let handle = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        let resolved = try await F.declare(handle.store, [F.declared(), F.event(.resolved(summary: "Fixed", forcedReason: nil), minutes: 1)])
        let open = try await F.declare(handle.store, [F.declared(), F.event(.etaSet(at: F.start.addingTimeInterval(3600)), minutes: 1)])
        try await handle.close()
        let connection = try await SQLiteConnection.open(storage: .file(path: directory + "/" + SQLiteIncidentStore.fileName))
        // As schema 9 left them: indexed, the resolved one closed.
        _ = try await connection.query("UPDATE incidents SET needs_reindex = 0")
        _ = try await connection.query("UPDATE incidents SET is_open = 0 WHERE id = \(resolved.rawValue)")
        _ = try await connection.query("DELETE FROM klaxon_migrations WHERE version >= 10")
        try await connection.close()
        let again = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        #expect(try await again.store.needingReindex(limit: 10) == [open])
        try await again.close()
    }

    @Test func aDatabaseFromANewerKlaxonIsRefused() async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await SQLiteIncidentStore.open(directory: directory, logger: F.logger).close()
        let connection = try await SQLiteConnection.open(storage: .file(path: directory + "/" + SQLiteIncidentStore.fileName))
        _ = try await connection.query("INSERT INTO klaxon_migrations (version, applied_at) VALUES (99, 0)")
        try await connection.close()
        await #expect(throws: StoreError.schemaTooNew(found: 99, known: SQLIncidentStore.latestSchema)) {
            try await SQLiteIncidentStore.open(directory: directory, logger: F.logger).close()
        }
    }

    @Test(arguments: [
        ("UPDATE incident_events SET event = '{\"not\": \"an event\"}' WHERE seq = 2", "cannot read"),
        ("UPDATE incident_events SET payload_version = 7 WHERE seq = 2", "payload version 7"),
    ])
    func anUnreadableEventIsReportedAsCorruptNotAsACrash(damage: String, reason: String) async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let handle = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        let id = try await F.declare(handle.store, [F.declared(), F.event(.notePosted(text: "x"), minutes: 1)])
        let connection = try await SQLiteConnection.open(storage: .file(path: directory + "/" + SQLiteIncidentStore.fileName))
        _ = try await connection.query(damage)
        try await connection.close()
        do {
            _ = try await handle.store.incident(id)
            Issue.record("a damaged event was read")
        } catch StoreError.corrupt(let message) {
            #expect(message.contains(reason))
        }
        // Found by reading every history (`klaxon doctor`) before anything has quarantined it, and nothing is marked.
        let sound = try await F.declare(handle.store, [F.declared()])
        let found = try await handle.store.unreadableHistories(besides: [])
        #expect(found.map(\.0) == [id])
        #expect(found.first?.1.contains(reason) == true)
        #expect(!found.map(\.0).contains(sound))
        #expect(try await handle.store.quarantined().isEmpty)
        try await handle.store.quarantine(id, reason: "damaged")
        #expect(try await handle.store.quarantined().map(\.0) == [id])
        #expect(try await handle.store.unreadableHistories(besides: [id]).isEmpty)
        #expect(try await handle.store.heads(IncidentQuery(.open)).map(\.id) == [sound])
        try await handle.close()
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
