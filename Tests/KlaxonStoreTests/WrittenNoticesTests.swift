import Foundation
import KlaxonCore
@testable import KlaxonStore
import Testing

/// Notices the outbox reads back right after committing them come from memory; these hold it to what the rows say.
@Suite struct WrittenNoticesTests {
    typealias F = StoreFixtures

    /// Two notices with every field a notice can carry, for a new incident `id`.
    static func notices(_ id: IncidentID) -> [OutboxEntry] {
        let escalation = Notice(
            kind: .escalation, incident: id, sequence: 1, destination: .role("engineering-lead"),
            audience: [.role("engineering-lead"), .person(F.ann), .channel], prompts: ["Page the database on-call", "Ünïcode ✓"],
            rule: "p0-lead", offer: .updatePosted, avoiding: "email"
        )
        return [
            OutboxEntry(notice: F.notice(id, sequence: 1), transport: "slack", lane: "slack/channel"),
            OutboxEntry(notice: escalation, transport: "slack", lane: "slack/role"),
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
        // Decided on version 0 of an incident at version 1: refused, so its notice was never stored.
        let stale = F.commit(id, after: 0, [F.event(.notePosted(text: "late"), minutes: 1)])
        await #expect(throws: StoreError.self) { try await store.commit(stale) }
        let key = OutboxEntry(notice: F.notice(id, sequence: 1, kind: .updatePosted), transport: "slack", lane: "slack/channel").key
        #expect(store.written.take(key) == nil)
        try await handle.close()
    }

    @Test func aNoticeIsHandedOutOnce() {
        let memo = WrittenNotices()
        memo.remember([(key: "k1", notice: F.notice(IncidentID(1), sequence: 1))])
        #expect(memo.take("k1") == F.notice(IncidentID(1), sequence: 1))
        #expect(memo.take("k1") == nil)
        #expect(memo.take("k2") == nil)
    }

    @Test func aFullMemoBeingReadKeepsTheOldestForTheBacklog() {
        let memo = WrittenNotices()
        let notices = Self.filling()
        memo.remember(notices)
        #expect(memo.take("k1") == notices[0].notice)
        // Full again (one taken, two come): the worker is reading, so the memo keeps what it reads next.
        memo.remember([(key: "new1", notice: notices[0].notice), (key: "new2", notice: notices[1].notice)])
        #expect(memo.take("new1") == nil)
        #expect(memo.take("k2") == notices[1].notice)
        #expect(memo.take("k\(WrittenNotices.limit)") == notices.last?.notice)
    }

    @Test func aFullMemoNobodyReadsStartsOver() {
        let memo = WrittenNotices()
        let notices = Self.filling()
        memo.remember(notices)
        // Nothing taken (another replica sent these): the newcomers replace them.
        memo.remember([(key: "new", notice: notices[0].notice)])
        #expect(memo.take("k1") == nil)
        #expect(memo.take("new") == notices[0].notice)
        // A memo full once more after a take in between is being read: it keeps what it has.
        memo.remember(Array(notices.dropFirst()))
        #expect(memo.take("k2") == notices[1].notice)
        memo.remember((1...3).map { (key: "late\($0)", notice: notices[0].notice) })
        #expect(memo.take("late1") == nil)
        #expect(memo.take("k3") == notices[2].notice)
    }

    /// As many notices as the memo holds, keyed `k1`… in order.
    static func filling() -> [(key: String, notice: Notice)] {
        (1...WrittenNotices.limit).map { (key: "k\($0)", notice: F.notice(IncidentID($0), sequence: 1)) }
    }
}
