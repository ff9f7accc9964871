import Foundation
import KlaxonCore
@testable import KlaxonStore
import Testing

/// Notices and events the outbox worker reads back right after they were committed come from memory; these hold it to
/// what the rows say.
@Suite struct WrittenRowsTests {
    typealias F = StoreFixtures

    /// Two notices with every field a notice can carry, for a new incident `id`.
    static func notices(_ id: IncidentID) -> [OutboxEntry] {
        let escalation = Notice(
            kind: .escalation, incident: id, sequence: 1, destination: .role("engineering-lead"),
            audience: [.role("engineering-lead"), .person(F.ann), .channel], prompts: ["Page the database on-call", "Ünïcode ✓"],
            rule: "p0-lead", offer: .updatePosted, avoiding: .email
        )
        return [
            OutboxEntry(notice: F.notice(id, sequence: 1), transport: .slack, lane: Lane(.slack, "channel")),
            OutboxEntry(notice: escalation, transport: .slack, lane: Lane(.slack, "role")),
        ]
    }

    @Test(arguments: StoreEngine.all) func aNoticeReadBackIsTheOneCommittedWhetherFromMemoryOrFromItsRow(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let commit = Commit(target: .new, events: [F.declared()], requestKey: nil, index: F.index()) { id in
            CommitEffects(outbox: Self.notices(id), reply: nil)
        }
        guard case .recorded(let id, _) = try await store.commit(commit) else { throw StoreError.corrupt("not recorded") }
        let expected = Self.notices(id)
        #expect(try await store.pendingOutbox(limit: 10).map(\.notice) == expected.map(\.notice), "from memory")
        #expect(try await store.pendingOutbox(limit: 10).map(\.notice) == expected.map(\.notice), "decoded from the rows")
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func theWorkersFirstReadOfANoticeJustCommittedDoesNotDecodeItsRow(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store)
        // The row no longer holds JSON: only a read that skips decoding it can succeed.
        try await store.write { db in try await db.raw("UPDATE outbox SET notice = 'not JSON'").run() }
        let first = try await store.pendingOutbox(limit: 10)
        #expect(first.map(\.notice) == [F.notice(id, sequence: 1)])
        // Handed out once: the next read decodes the row.
        await #expect(throws: StoreError.self) { try await store.pendingOutbox(limit: 10) }
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func aBatchThatWasNotCommittedLeavesNothingInMemory(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store)
        _ = try await store.pendingOutbox(limit: 10)
        // Decided on version 0 of an incident at version 1: refused, so its notice and event were never stored.
        let stale = F.commit(id, after: 0, [F.event(.notePosted(text: "late"), minutes: 1)])
        await #expect(throws: StoreError.self) { try await store.commit(stale) }
        let key = OutboxEntry(notice: F.notice(id, sequence: 1, kind: .updatePosted), transport: .slack, lane: Lane(.slack, "channel")).key
        #expect(store.writtenNotices.take(key) == nil)
        // The refused commit's event would have been number 1 too: the one in memory is the declaration stored.
        #expect(store.writtenEvents.take(EventKey(incident: id.rawValue, sequence: 1)) == F.declared())
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func theWorkersFirstReadOfEventsJustCommittedDoesNotDecodeTheirRows(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let events = [F.declared(), F.event(.notePosted(text: "first look"), minutes: 1), F.event(.updatePosted(text: "rolling back"), minutes: 2)]
        let id = try await F.declare(store, events)
        try await store.write { db in try await db.raw("UPDATE incident_events SET event = 'not JSON'").run() }
        // Only a read that skips decoding the rows can succeed: the first, of events in memory.
        #expect(try await store.events(of: id, after: 0, through: 2) == Array(events.prefix(2)))
        // Handed out once; and a range not all in memory (the second event again) is read from the rows.
        await #expect(throws: StoreError.self) { try await store.events(of: id, after: 0, through: 1) }
        await #expect(throws: StoreError.self) { try await store.events(of: id, after: 1, through: 3) }
        // What a failed read asked for stays: the third is still there.
        #expect(try await store.events(of: id, after: 2, through: 3) == [events[2]])
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func eventsReadBackAreTheOnesCommittedWhetherFromMemoryOrFromTheirRows(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store)
        let later = [F.event(.notePosted(text: "Ünïcode ✓ \"quoted\""), minutes: 1), F.event(.scopeSet(text: "EU only"), minutes: 2)]
        _ = try await store.commit(F.commit(id, after: 1, later))
        let all = [F.declared()] + later
        #expect(try await store.events(of: id, after: 1, through: 3) == later, "from memory")
        #expect(try await store.events(of: id, after: 0, through: 3) == all, "from the rows")
        #expect(try await store.events(of: id, after: 0, through: Int.max) == all)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func eventsOfACommitThatSendsNothingAreNotKept(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store)
        let quiet = Commit(target: .existing(id, version: 1), events: [F.event(.notePosted(text: "quiet"), minutes: 1)], requestKey: nil, index: F.index()) { _ in
            CommitEffects(outbox: [], reply: nil)
        }
        _ = try await store.commit(quiet)
        #expect(store.writtenEvents.take(EventKey(incident: id.rawValue, sequence: 2)) == nil)
        #expect(store.writtenEvents.take(EventKey(incident: id.rawValue, sequence: 1)) == F.declared(), "the declaration sent its alert")
        try await handle.close()
    }

    @Test func aNoticeIsHandedOutOnce() {
        let memo = WrittenRows<String, Notice>()
        memo.remember([(key: "k1", value: F.notice(IncidentID(1), sequence: 1))])
        #expect(memo.take("k1") == F.notice(IncidentID(1), sequence: 1))
        #expect(memo.take("k1") == nil)
        #expect(memo.take("k2") == nil)
    }

    @Test func aFullMemoBeingReadKeepsTheOldestForTheBacklog() {
        let memo = WrittenRows<String, Notice>()
        let notices = Self.filling()
        memo.remember(notices)
        #expect(memo.take("k1") == notices[0].value)
        // Full again (one taken, two come): the worker is reading, so the memo keeps what it reads next.
        memo.remember([(key: "new1", value: notices[0].value), (key: "new2", value: notices[1].value)])
        #expect(memo.take("new1") == nil)
        #expect(memo.take("k2") == notices[1].value)
        #expect(memo.take("k\(WrittenRows<String, Notice>.limit)") == notices.last?.value)
    }

    @Test func aFullMemoNobodyReadsStartsOver() {
        let memo = WrittenRows<String, Notice>()
        let notices = Self.filling()
        memo.remember(notices)
        // Nothing taken (another replica sent these): the newcomers replace them.
        memo.remember([(key: "new", value: notices[0].value)])
        #expect(memo.take("k1") == nil)
        #expect(memo.take("new") == notices[0].value)
        // A memo full once more after a take in between is being read: it keeps what it has.
        memo.remember(Array(notices.dropFirst()))
        #expect(memo.take("k2") == notices[1].value)
        memo.remember((1...3).map { (key: "late\($0)", value: notices[0].value) })
        #expect(memo.take("late1") == nil)
        #expect(memo.take("k3") == notices[2].value)
    }

    /// As many notices as the memo holds, keyed `k1`… in order.
    static func filling() -> [(key: String, value: Notice)] {
        (1...WrittenRows<String, Notice>.limit).map { (key: "k\($0)", value: F.notice(IncidentID($0), sequence: 1)) }
    }
}
