import Foundation
import KlaxonCore
import KlaxonStore
import Testing

/// The store's alert proposals, on every engine: one open proposal per group, numbered, updated by compare-and-set,
/// posted through the outbox in the same write.
@Suite struct AlertProposalStoreTests {
    typealias F = StoreFixtures

    static func declaration(_ group: String = "{}:{alertname=\"DiskFilling\"}", title: String = "Disk filling on db-2") -> Declaration {
        Declaration(severity: .p2, title: title, channel: ChannelRef(platform: Platform(.alertmanager), id: group, name: "klaxon"))
    }

    static func post(_ id: AlertProposalID, version: Int = 1, kind: MessageKind = .alertProposed) -> [OutboxEntry] {
        let notice = Notice(kind: kind, incident: IncidentID(0), sequence: version, destination: .incidentChannel(F.channel), proposal: id)
        return [OutboxEntry(notice: notice, transport: .slack, lane: Lane(.slack, "channel"))]
    }

    @Test(arguments: StoreEngine.all) func aProposalIsStoredNumberedAndPostedInOneWrite(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let first = try await store.propose(Self.declaration(), at: F.start) { Self.post($0) }
        let second = try await store.propose(Self.declaration("{}:{alertname=\"Other\"}"), at: F.start) { Self.post($0) }
        guard case .created(let proposal) = first, case .created(let other) = second else { Issue.record("expected two new proposals"); return }
        #expect(proposal == AlertProposal(id: AlertProposalID(1), declaration: Self.declaration(), state: .open, version: 1))
        #expect(other.id == AlertProposalID(2))
        #expect(try await store.proposal(proposal.id) == proposal)
        #expect(try await store.openProposal(home: Self.declaration().channel) == proposal)
        let pending = try await store.pendingOutbox(limit: 10)
        #expect(pending.map(\.notice.proposal) == [proposal.id, other.id])
        #expect(pending.map(\.notice.kind) == [.alertProposed, .alertProposed])
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func aGroupWithAnOpenProposalKeepsItAndNothingMoreIsWritten(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let first = try await store.propose(Self.declaration(), at: F.start) { Self.post($0) }.proposal
        let again = try await store.propose(Self.declaration(title: "Disk filling on db-2 and db-3"), at: F.start) { Self.post($0) }
        #expect(again == .existing(first))
        #expect(try await store.pendingOutbox(limit: 10).count == 1)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func anUpdateAtAStaleVersionWritesNothing(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let proposal = try await store.propose(Self.declaration(), at: F.start) { Self.post($0) }.proposal
        var accepted = proposal
        accepted.state = .accepted(IncidentID(4))
        #expect(try await store.update(accepted, from: 1, at: F.start, outbox: []))
        var withdrawn = proposal
        withdrawn.state = .withdrawn
        #expect(try await store.update(withdrawn, from: 1, at: F.start, outbox: Self.post(proposal.id, version: 2, kind: .proposalWithdrawn)) == false)
        let stored = try #require(try await store.proposal(proposal.id))
        #expect(stored.state == .accepted(IncidentID(4)))
        #expect(stored.version == 2)
        #expect(try await store.openProposal(home: proposal.home) == nil)
        #expect(try await store.pendingOutbox(limit: 10).count == 1)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func aGroupWhoseProposalClosedCanBeProposedAgain(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        var proposal = try await store.propose(Self.declaration(), at: F.start) { Self.post($0) }.proposal
        proposal.state = .withdrawn
        #expect(try await store.update(proposal, from: 1, at: F.start, outbox: Self.post(proposal.id, version: 2, kind: .proposalWithdrawn)))
        let anew = try await store.propose(Self.declaration(), at: F.start) { Self.post($0) }
        #expect(anew == .created(AlertProposal(id: AlertProposalID(2), declaration: Self.declaration(), state: .open, version: 1)))
        #expect(try await store.proposal(proposal.id)?.state == .withdrawn)
        #expect(try await store.pendingOutbox(limit: 10).map(\.notice.kind) == [.alertProposed, .proposalWithdrawn, .alertProposed])
        try await handle.close()
    }
}
