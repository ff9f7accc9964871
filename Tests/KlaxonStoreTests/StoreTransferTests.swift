import Foundation
import KlaxonCore
import KlaxonStore
import Synchronization
import Testing

/// `klaxon export | klaxon import`: a team's whole history moves from the embedded file to any engine, unchanged.
@Suite struct StoreTransferTests {
    typealias F = StoreFixtures

    @Test(arguments: StoreEngine.all) func everyIncidentAndMessageArrivesAsItWas(target: StoreEngine) async throws {
        let (sourceDatabase, source) = try await StoreEngine.sqliteFile.open()
        defer { sourceDatabase.remove() }
        let expected = try await Self.fillWithEveryState(source.store)
        let exported = try await Self.export(source.store)

        let (targetDatabase, target) = try await target.open()
        defer { targetDatabase.remove() }
        let rows = try await target.store.importRows(exported)
        #expect(rows == exported.count - 2)
        // The target exports exactly what the source did: every row and column, ids included.
        #expect(try await Self.export(target.store) == exported)
        #expect(try await target.store.heads(IncidentQuery(.open)).map(\.id) == expected.open)
        #expect(try await target.store.openIncidentCounts() == [.p0: expected.open.count], "severities travel with the incidents")
        #expect(try await target.store.heads(IncidentQuery(.awaitingReview)).map(\.id) == expected.awaitingReview)
        #expect(try await target.store.reply(forRequest: "declare-1") != nil)
        #expect(try await target.store.proposal(AlertProposalID(2))?.state == .open)
        #expect(try await target.store.pendingOutbox(limit: 100).map(\.id) == expected.pending)
        // New incidents and messages continue after the imported ones.
        let next = try await F.declare(target.store)
        #expect(next.rawValue == expected.highestIncident + 1)
        #expect(try await target.store.pendingOutbox(limit: 100).map(\.id).max()! > expected.highestMessage)
        try await source.close()
        try await target.close()
    }

    @Test func anImportIntoAStoreWithIncidentsIsRefusedAndChangesNothing() async throws {
        let exported = try await Self.exportOfOneIncident()
        let (targetDatabase, target) = try await StoreEngine.sqliteMemory.open()
        _ = try await F.declare(target.store, [F.declared("Already here")])
        await #expect(throws: StoreTransfer.Refusal.self) { try await target.store.importRows(exported) }
        #expect(try await target.store.trackedIncidents().map(\.title) == ["Already here"])
        try await target.close()
        targetDatabase.remove()
    }

    @Test("A schema 7 export (same tables) imports, and its resolved incidents are indexed again as migration 8 does")
    func aSchemaSevenExportImports() async throws {
        let (database, source) = try await StoreEngine.sqliteMemory.open()
        let resolved = try await F.declare(source.store, [
            F.declared(), F.event(.resolved(summary: "Fixed", forcedReason: nil), minutes: 1), F.event(.reviewScheduled(when: "Friday"), minutes: 2),
        ])
        let lines = try await Self.export(source.store)
        try await source.close()
        database.remove()
        let older = [lines[0].replacingOccurrences(of: "\"schema\":\(SQLIncidentStore.latestSchema)", with: "\"schema\":7")] + lines.dropFirst()
        #expect(older[0].contains("\"schema\":7"))
        // As schema 7 indexed it: resolved, its review scheduled, so no longer awaiting.
        let asIndexed = older.map { $0.contains(#""table":"incidents""#) ? $0.replacingOccurrences(of: #""is_open":1"#, with: #""is_open":0"#) : $0 }
        let (targetDatabase, target) = try await StoreEngine.sqliteMemory.open()
        #expect(try await target.store.importRows(asIndexed) > 0)
        #expect(try await target.store.needingReindex(limit: 10).contains(resolved))
        try await target.close()
        targetDatabase.remove()
    }

    /// Ways an export reaches `import` damaged.
    enum Damage: String, CaseIterable, Sendable {
        case cutOff, notAnExport, anotherSchema, garbageInside

        func apply(_ lines: [String]) -> [String] {
            switch self {
            case .cutOff: Array(lines.dropLast(2))
            case .notAnExport: ["{\"hello\":1}"]
            case .anotherSchema: [lines[0].replacingOccurrences(of: "\"schema\":\(SQLIncidentStore.latestSchema)", with: "\"schema\":99")] + lines.dropFirst()
            case .garbageInside: [lines[0], "not json"] + lines.dropFirst()
            }
        }
    }

    @Test(arguments: Damage.allCases)
    func aDamagedExportIsRefusedWithNothingImported(_ damage: Damage) async throws {
        let exported = try await Self.exportOfOneIncident()
        let (targetDatabase, target) = try await StoreEngine.sqliteMemory.open()
        await #expect(throws: StoreTransfer.Refusal.self, "\(damage)") { try await target.store.importRows(damage.apply(exported)) }
        #expect(try await target.store.heads(IncidentQuery(.open)).isEmpty)
        try await target.close()
        targetDatabase.remove()
    }

    /// The export of a store holding one declared incident.
    static func exportOfOneIncident() async throws -> [String] {
        let (database, source) = try await StoreEngine.sqliteMemory.open()
        _ = try await F.declare(source.store)
        let exported = try await export(source.store)
        try await source.close()
        database.remove()
        return exported
    }

    struct Expected {
        var open: [IncidentID] = []
        var awaitingReview: [IncidentID] = []
        var pending: [Int] = []
        var highestIncident = 0
        var highestMessage = 0
    }

    /// Incidents open, resolved awaiting review, resolved and done, quarantined; messages waiting, in flight,
    /// delivered, failed; handled requests, threads and settings.
    static func fillWithEveryState(_ store: SQLIncidentStore) async throws -> Expected {
        var expected = Expected()
        let open = try await F.declare(store, request: "declare-1", due: F.start.addingTimeInterval(900))
        _ = try await store.commit(F.commit(open, after: 1, [F.event(.commanderAssigned(F.ann), minutes: 2)], request: "commander-1"))
        let reviewing = try await F.declare(store, [F.declared("Payments down")])
        _ = try await store.commit(Commit(
            target: .existing(reviewing, version: 1), events: [F.event(.resolved(summary: "fixed", forcedReason: nil), minutes: 40)],
            index: IncidentIndex(isOpen: false, awaitsReview: true, nextDueAt: F.start.addingTimeInterval(3600), channel: F.channel)
        ) { _ in CommitEffects(outbox: [], reply: nil) })
        let done = try await F.declare(store, [F.declared("Email slow")])
        _ = try await store.commit(F.commit(done, after: 1, [F.event(.resolved(summary: "ok", forcedReason: nil), minutes: 10)], open: false))
        let broken = try await F.declare(store, [F.declared("Unreadable")])
        try await store.quarantine(broken, reason: "event 1 cannot be read")
        try await store.remember(StoredReply(key: "refused-1", body: "no such incident"), at: F.start)
        try await store.setThread(of: open, on: .slack, to: "1700000000.000100")
        try await store.setSetting("policy.fingerprint", to: "abc123")
        // An accepted alert proposal and an open one of the same group.
        let proposed = Declaration(severity: .p2, title: "Disk filling", channel: ChannelRef(platform: Platform(.alertmanager), id: "{}:{alertname=\"DiskFilling\"}"))
        var accepted = try await store.propose(proposed, at: F.start) { _ in [] }.proposal
        accepted.state = .accepted(open)
        #expect(try await store.update(accepted, from: 1, at: F.start, outbox: []))
        _ = try await store.propose(proposed, at: F.start) { _ in [] }

        let messages = try await store.pendingOutbox(limit: 100)
        let later = F.start.addingTimeInterval(86_400)
        #expect(messages.count >= 5)
        #expect(try await store.claimDelivery(messages[0].id, owner: "w", now: later, until: later.addingTimeInterval(60)))
        #expect(try await store.markDelivered(messages[0].id, owner: "w", at: later, receipt: "ts-1"))
        #expect(try await store.claimDelivery(messages[1].id, owner: "w", now: later, until: later.addingTimeInterval(60)))
        #expect(try await store.markFailed(messages[1].id, owner: "w", at: later, error: "channel_not_found"))
        #expect(try await store.claimDelivery(messages[2].id, owner: "w", now: later, until: later.addingTimeInterval(60)))
        #expect(try await store.claimDelivery(messages[3].id, owner: "w", now: later, until: later.addingTimeInterval(60)))
        #expect(try await store.deferDelivery(messages[3].id, owner: "w", until: later.addingTimeInterval(120), error: "429"))

        expected.open = [open]
        expected.awaitingReview = [reviewing]
        expected.pending = messages.dropFirst(2).map(\.id)
        expected.highestIncident = broken.rawValue
        expected.highestMessage = messages.map(\.id).max() ?? 0
        return expected
    }

    static func export(_ store: SQLIncidentStore) async throws -> [String] {
        let collected = Mutex(Data())
        try await store.export { data in collected.withLock { $0.append(data) } }
        let text = String(decoding: collected.withLock { $0 }, as: UTF8.self)
        return text.split(separator: "\n").map(String.init)
    }
}
