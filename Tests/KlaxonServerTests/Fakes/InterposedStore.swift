import Foundation
import KlaxonCore
import KlaxonStore
import Synchronization

/// A real store with a hook before each commit: to make commits slow on purpose, or fail.
struct InterposedStore: IncidentStore {
    let base: any IncidentStore
    let beforeCommit: @Sendable (Commit) async throws -> Void
    /// Runs between a worker's reading of the outbox and what it does next: where another replica acts in a race.
    var afterReadingOutbox: @Sendable ([OutboxMessage]) async throws -> Void = { _ in }
    /// What the outbox read returns instead of the store's rows (a stale read, say).
    var rewriteOutbox: @Sendable ([OutboxMessage]) -> [OutboxMessage] = { $0 }
    /// Runs before each read of an incident's events: to make it fail.
    var beforeReadingEvents: @Sendable (IncidentID) throws -> Void = { _ in }
    /// Told of each incident read whole from its events.
    var wholeRead: @Sendable (IncidentID) -> Void = { _ in }
    /// Runs before each read of an incident's thread.
    var beforeReadingThread: @Sendable (IncidentID) -> Void = { _ in }
    /// Runs before each write of an incident's thread; throwing fails the write.
    var beforeSettingThread: @Sendable (IncidentID) throws -> Void = { _ in }
    /// Run before and after each read of a group's open proposal: where another replica acts in a race.
    var beforeReadingProposal: @Sendable (ChannelRef) async throws -> Void = { _ in }
    var afterReadingProposal: @Sendable (ChannelRef) async throws -> Void = { _ in }
    /// Told of each read of incident heads, with the query and the rows it returned.
    var headsRead: @Sendable (IncidentQuery, [IncidentHead]) -> Void = { _, _ in }
    /// Told of each write of outbox bookkeeping, by kind, with the rows it names; throwing fails the write.
    var outboxWrite: @Sendable (OutboxWriteKind, [Int]) throws -> Void = { _, _ in }

    enum OutboxWriteKind: Equatable { case claim, delivered, release, renew }
    /// Says other processes write to it too, as PostgreSQL does, whatever the base store's engine.
    var sharedByReplicas: Bool?

    var isSharedByReplicas: Bool { sharedByReplicas ?? base.isSharedByReplicas }

    func submit(_ commit: Commit) -> CommitTicket {
        // The hook runs before the commit takes its place, as a slow or failing disk would delay or fail it.
        let base = self.base
        let hook = beforeCommit
        return CommitTicket(link: commit.link) {
            try await hook(commit)
            return try await base.commit(commit)
        }
    }

    func head(_ id: IncidentID) async throws -> IncidentHead? { try await base.head(id) }
    func heads(_ query: IncidentQuery) async throws -> [IncidentHead] {
        let heads = try await base.heads(query)
        headsRead(query, heads)
        return heads
    }
    func openIncidentCounts() async throws -> [Severity: Int]? { try await base.openIncidentCounts() }
    func openDeclarations(since: Date, limit: Int) async throws -> [(IncidentID, IncidentEvent)] {
        try await base.openDeclarations(since: since, limit: limit)
    }
    func incident(_ id: IncidentID) async throws -> Incident? {
        wholeRead(id)
        return try await base.incident(id)
    }
    func events(of id: IncidentID, after version: Int, through last: Int) async throws -> [IncidentEvent] {
        try beforeReadingEvents(id)
        return try await base.events(of: id, after: version, through: last)
    }
    func due(until time: Date, limit: Int) async throws -> [IncidentHead] { try await base.due(until: time, limit: limit) }
    func nextDueAt() async throws -> Date? { try await base.nextDueAt() }
    func reindex(_ id: IncidentID, version: Int, _ index: IncidentIndex) async throws { try await base.reindex(id, version: version, index) }
    func postpone(_ id: IncidentID, until time: Date) async throws { try await base.postpone(id, until: time) }
    func quarantine(_ id: IncidentID, reason: String) async throws { try await base.quarantine(id, reason: reason) }
    func quarantined() async throws -> [(IncidentID, String)] { try await base.quarantined() }
    func quarantinedOpen(inChannel channel: String) async throws -> [IncidentID] { try await base.quarantinedOpen(inChannel: channel) }
    func needingReindex(limit: Int) async throws -> [IncidentID] { try await base.needingReindex(limit: limit) }
    func requestReindex() async throws { try await base.requestReindex() }
    func setting(_ name: String) async throws -> String? { try await base.setting(name) }
    func setSetting(_ name: String, to value: String) async throws { try await base.setSetting(name, to: value) }
    func publicIncidents(resolvedSince since: Date) async throws -> [PublicIncident] { try await base.publicIncidents(resolvedSince: since) }
    func publicIncident(_ id: IncidentID) async throws -> PublicIncident? { try await base.publicIncident(id) }
    func publicViewVersion() async throws -> Int { try await base.publicViewVersion() }
    func publicHistory(since: Date, offset: Int, limit: Int) async throws -> (incidents: [PublicIncident], total: Int) {
        try await base.publicHistory(since: since, offset: offset, limit: limit)
    }
    func reply(forRequest key: String) async throws -> StoredReply? { try await base.reply(forRequest: key) }
    func remember(_ reply: StoredReply, at time: Date) async throws { try await base.remember(reply, at: time) }
    func pruneHandledRequests(before time: Date) async throws -> Int { try await base.pruneHandledRequests(before: time) }
    func pendingOutbox(limit: Int) async throws -> [OutboxMessage] {
        let pending = try await base.pendingOutbox(limit: limit)
        try await afterReadingOutbox(pending)
        return rewriteOutbox(pending)
    }
    func outboxBacklog() async throws -> [OutboxBacklog] { try await base.outboxBacklog() }
    func openProposal(home: ChannelRef) async throws -> AlertProposal? {
        try await beforeReadingProposal(home)
        let proposal = try await base.openProposal(home: home)
        try await afterReadingProposal(home)
        return proposal
    }
    func proposal(_ id: AlertProposalID) async throws -> AlertProposal? { try await base.proposal(id) }
    func propose(_ declaration: Declaration, at time: Date, outbox: @escaping @Sendable (AlertProposalID) -> [OutboxEntry]) async throws -> ProposalResult {
        try await base.propose(declaration, at: time, outbox: outbox)
    }
    func update(_ proposal: AlertProposal, from version: Int, at time: Date, outbox: [OutboxEntry]) async throws -> Bool {
        try await base.update(proposal, from: version, at: time, outbox: outbox)
    }
    func claimDeliveries(_ ids: [Int], owner: String, now: Date, until: Date) async throws -> Set<Int> {
        try outboxWrite(.claim, ids)
        return try await base.claimDeliveries(ids, owner: owner, now: now, until: until)
    }
    func releaseClaim(_ id: Int, owner: String) async throws -> Bool {
        try outboxWrite(.release, [id])
        return try await base.releaseClaim(id, owner: owner)
    }
    func renewClaim(_ id: Int, owner: String, until: Date) async throws -> Bool {
        let renewed = try await base.renewClaim(id, owner: owner, until: until)
        try outboxWrite(.renew, [id])
        return renewed
    }
    func markDelivered(_ sent: [SentMessage], owner: String, at time: Date) async throws -> Set<Int> {
        try outboxWrite(.delivered, sent.map(\.id))
        return try await base.markDelivered(sent, owner: owner, at: time)
    }
    func deferDelivery(_ id: Int, owner: String, until time: Date, error: String) async throws -> Bool {
        try await base.deferDelivery(id, owner: owner, until: time, error: error)
    }
    func markFailed(_ id: Int, owner: String?, at time: Date, error: String) async throws -> Bool {
        try await base.markFailed(id, owner: owner, at: time, error: error)
    }
    func pruneDelivered(before time: Date) async throws -> Int { try await base.pruneDelivered(before: time) }
    func endClaims(at now: Date) async throws -> Int { try await base.endClaims(at: now) }
    func thread(of incident: IncidentID, on transport: TransportName) async throws -> String? {
        beforeReadingThread(incident)
        return try await base.thread(of: incident, on: transport)
    }
    func incident(inThread ref: String, on transport: TransportName) async throws -> IncidentID? {
        try await base.incident(inThread: ref, on: transport)
    }
    func setThread(of incident: IncidentID, on transport: TransportName, to ref: String) async throws {
        try beforeSettingThread(incident)
        try await base.setThread(of: incident, on: transport, to: ref)
    }
}

/// A gate a test opens when it chooses; everything waiting at it goes through then.
final class TestGate: Sendable {
    private let state = Mutex<(open: Bool, arrived: Int, waiters: [CheckedContinuation<Void, Never>])>((false, 0, []))

    /// How many have reached the gate so far.
    var arrived: Int { state.withLock { $0.arrived } }

    func wait() async {
        await withCheckedContinuation { continuation in
            let passes = state.withLock { state -> Bool in
                state.arrived += 1
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if passes { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
