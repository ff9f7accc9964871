import Foundation
import KlaxonCore
import KlaxonStore
import Testing

/// The status page's view, kept by commits, on every engine.
@Suite struct PublicViewContractTests {
    typealias F = StoreFixtures

    static func view(_ id: IncidentID, title: String, resolvedMinutes: Double? = nil) -> PublicIncident {
        let resolvedAt = resolvedMinutes.map { F.start.addingTimeInterval($0 * 60) }
        return PublicIncident(
            id: id, title: title, status: resolvedAt == nil ? .identified : .resolved, components: [AffectedComponent(id: "uploads", impact: .major)],
            updates: [PublicUpdate(sequence: 1, at: F.start, status: .investigating, text: "Looking")], eta: nil, declaredAt: F.start,
            resolvedAt: resolvedAt, changedAt: resolvedAt ?? F.start
        )
    }

    static func commit(_ id: IncidentID, after version: Int, _ change: PublicViewChange, open: Bool = true) -> Commit {
        let index = IncidentIndex(isOpen: open, awaitsReview: false, nextDueAt: nil, channel: F.channel, publicView: change)
        return Commit(target: .existing(id, version: version), events: [F.event(.notePosted(text: "n"), minutes: Double(version))], index: index) { _ in
            CommitEffects(outbox: [], reply: nil)
        }
    }

    @Test(arguments: StoreEngine.all) func aCommitWritesReplacesAndRemovesTheIncidentsPublicView(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store)
        #expect(try await store.publicIncident(id) == nil)
        let start = try await store.publicViewVersion()
        _ = try await store.commit(Self.commit(id, after: 1, .show(Self.view(id, title: "Uploads failing"))))
        #expect(try await store.publicIncident(id) == Self.view(id, title: "Uploads failing"))
        _ = try await store.commit(Self.commit(id, after: 2, .show(Self.view(id, title: "Uploads are slow"))))
        #expect(try await store.publicIncident(id)?.title == "Uploads are slow")
        #expect(try await store.publicViewVersion() == start + 2)
        _ = try await store.commit(Self.commit(id, after: 3, .unchanged))
        #expect(try await store.publicIncident(id)?.title == "Uploads are slow")
        #expect(try await store.publicViewVersion() == start + 2)
        #expect(try await store.setting(SQLIncidentStore.publicViewHiddenAt) == nil)
        _ = try await store.commit(Self.commit(id, after: 4, .hidden))
        #expect(try await store.publicIncident(id) == nil)
        #expect(try await store.publicViewVersion() == start + 3)
        #expect(try await store.publicIncidents(resolvedSince: .distantPast).isEmpty)
        // The page changed when it left, though no view says so; a change of earlier date does not take that back.
        let left = F.event(.notePosted(text: "n"), minutes: 4).at.timeIntervalSince1970
        #expect(try await store.setting(SQLIncidentStore.publicViewHiddenAt).flatMap(TimeInterval.init) == left)
        let other = try await F.declare(store)
        _ = try await store.commit(Self.commit(other, after: 1, .hidden))
        #expect(try await store.setting(SQLIncidentStore.publicViewHiddenAt).flatMap(TimeInterval.init) == left)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func aNewIncidentsViewIsStoredUnderTheNumberItGets(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        _ = try await F.declare(store)
        let index = IncidentIndex(isOpen: true, awaitsReview: false, nextDueAt: nil, channel: F.channel, publicView: .show(Self.view(IncidentID(0), title: "New")))
        let result = try await store.commit(Commit(target: .new, events: [F.declared("New")], index: index) { _ in CommitEffects(outbox: [], reply: nil) })
        guard case .recorded(let id, _) = result else { throw StoreError.corrupt("not recorded") }
        #expect(id == IncidentID(2))
        #expect(try await store.publicIncident(id)?.id == id)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func theFrontPageGetsOpenAndRecentIncidentsAndHistoryPagesTheResolvedOnes(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        var ids: [IncidentID] = []
        for (number, resolved) in [(1, nil), (2, 10.0), (3, 600.0), (4, 20.0), (5, nil)] as [(Int, Double?)] {
            let id = try await F.declare(store)
            ids.append(id)
            _ = try await store.commit(Self.commit(id, after: 1, .show(Self.view(id, title: "Incident \(number)", resolvedMinutes: resolved)), open: resolved == nil))
        }
        let since = F.start.addingTimeInterval(15 * 60)
        #expect(try await store.publicIncidents(resolvedSince: since).map(\.title) == ["Incident 5", "Incident 4", "Incident 3", "Incident 1"])
        let history = try await store.publicHistory(since: F.start, offset: 0, limit: 2)
        #expect(history.total == 3)
        #expect(history.incidents.map(\.title) == ["Incident 3", "Incident 4"])
        #expect(try await store.publicHistory(since: F.start, offset: 2, limit: 2).incidents.map(\.title) == ["Incident 2"])
        #expect(try await store.publicHistory(since: since, offset: 0, limit: 10).total == 2)
        try await handle.close()
    }
}
