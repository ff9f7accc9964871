import Foundation
import KlaxonCore
import Synchronization

/// Durable storage for incidents: their events, the outbox messages they cause and the replies to requests.
///
/// Each incident row keeps its `version` (event count), which a commit checks and advances (compare-and-set), and
/// the index fields the scheduler and the locator need (`next_due_at`, open, awaiting review, channel), kept by the
/// same commit. Nothing here replays whole histories on the request path.
public protocol IncidentStore: Sendable {
    /// Whether other processes (replicas) may write to this store too: PostgreSQL. What one process keeps in memory
    /// (its recent declarations, say) is then not the whole story.
    var isSharedByReplicas: Bool { get }

    /// Takes a commit's place in the write order; its ticket tells when it is durable. Commits submitted one after
    /// another are written in that order, and concurrent ones share one transaction and one sync to disk (group
    /// commit). The ticket must be awaited.
    func submit(_ commit: Commit) -> CommitTicket
    /// The incident's index row, without its events.
    func head(_ id: IncidentID) async throws -> IncidentHead?
    /// Index rows of incidents that are open (or awaiting review, or any), in one channel or everywhere; never the
    /// quarantined ones.
    func heads(_ query: IncidentQuery) async throws -> [IncidentHead]
    /// Open incidents by severity, from the index alone; `nil` while an open incident's severity is not indexed
    /// (written by an older Klaxon, before its reindex).
    func openIncidentCounts() async throws -> [Severity: Int]?
    /// The declarations (first events) of open incidents declared at or after `since`, newest last, at most `limit`:
    /// what a restarted server remembers of recent declarations without reading whole histories. Unreadable ones are
    /// left out.
    func openDeclarations(since: Date, limit: Int) async throws -> [(IncidentID, IncidentEvent)]
    /// One incident rebuilt from its events. - Throws: `StoreError.corrupt` when an event cannot be read.
    func incident(_ id: IncidentID) async throws -> Incident?
    /// The events numbered `version + 1` through `last`, oldest first: what a cached state is missing.
    func events(of id: IncidentID, after version: Int, through last: Int) async throws -> [IncidentEvent]
    /// Incidents with something due at or before `time`, earliest first.
    func due(until time: Date, limit: Int) async throws -> [IncidentHead]
    /// The earliest due time over all incidents.
    func nextDueAt() async throws -> Date?
    /// Rewrites an incident's index fields if it is still at `version` (after a policy change or a migration).
    func reindex(_ id: IncidentID, version: Int, _ index: IncidentIndex) async throws
    /// Moves a due time later without a version check: a timer that could not be recorded is tried again then.
    func postpone(_ id: IncidentID, until time: Date) async throws
    /// Marks an incident unreadable; it is left out of every query until an operator repairs it.
    func quarantine(_ id: IncidentID, reason: String) async throws
    /// Incidents quarantined, with why.
    func quarantined() async throws -> [(IncidentID, String)]
    /// Quarantined incidents of this channel that were open when last written: a command there without `#id` is
    /// told its incident cannot be read, not that there is none.
    func quarantinedOpen(inChannel channel: String) async throws -> [IncidentID]
    /// Incidents whose index must be recomputed from their events (after a migration or a policy change).
    func needingReindex(limit: Int) async throws -> [IncidentID]
    /// Marks every open or awaiting-review incident for reindexing (the policy changed).
    func requestReindex() async throws
    /// A stored setting (the policy fingerprint the index was computed with).
    func setting(_ name: String) async throws -> String?
    func setSetting(_ name: String, to value: String) async throws

    /// Public incidents that are open or were resolved at or after `since`, newest first: the status page.
    func publicIncidents(resolvedSince since: Date) async throws -> [PublicIncident]
    /// A number that every change to the public view advances (on any replica): what readers key their caches on.
    func publicViewVersion() async throws -> Int
    /// One public incident; `nil` when there is none or it is not public.
    func publicIncident(_ id: IncidentID) async throws -> PublicIncident?
    /// Public incidents resolved at or after `since`, latest resolution first, `limit` of them from `offset`,
    /// with how many there are in all.
    func publicHistory(since: Date, offset: Int, limit: Int) async throws -> (incidents: [PublicIncident], total: Int)

    /// The reply stored for a request that was already handled.
    func reply(forRequest key: String) async throws -> StoredReply?
    /// Keeps the answer to a request that recorded nothing (a refusal), so a replay of it is answered the same and
    /// can never record later; the first answer kept wins. `time` is when it was answered (see `pruneHandledRequests`).
    func remember(_ reply: StoredReply, at time: Date) async throws
    /// Forgets the answers to requests handled before `time`; returns how many. Platforms retry within minutes and
    /// API clients within hours: kept for ever, the table grew by a row for every command.
    func pruneHandledRequests(before time: Date) async throws -> Int
    /// Outbox messages neither delivered nor given up on, oldest first: up to `limit` of each lane.
    func pendingOutbox(limit: Int) async throws -> [OutboxMessage]
    /// Undelivered messages by transport, with the oldest one's age: what metrics and readiness watch.
    func outboxBacklog() async throws -> [OutboxBacklog]
    /// Takes messages to send them now, until `until`, for `owner`, in one write; returns the ids taken. A message
    /// is not taken when another worker holds it or it may not go yet (`next_attempt_at` is later). A message still
    /// in flight when its claim lapsed was being sent when a worker died.
    func claimDeliveries(_ ids: [Int], owner: String, now: Date, until: Date) async throws -> Set<Int>
    /// Lets go of a claim taken but not used (nothing was sent), so the message is due again as it was, without
    /// counting an attempt; false when `owner` no longer holds it.
    @discardableResult
    func releaseClaim(_ id: Int, owner: String) async throws -> Bool
    /// Ends every claim at `now`, for a server that knows no other process uses the store (the embedded database,
    /// locked to one server): what a previous run was sending when it died is taken again at once, looked up first,
    /// instead of after its lease. Returns how many.
    func endClaims(at now: Date) async throws -> Int
    /// Extends a claim during a long send; false when the claim was lost.
    func renewClaim(_ id: Int, owner: String, until: Date) async throws -> Bool
    /// Marks messages delivered in one write, each with the platform's id for it; returns the ids marked, leaving
    /// out any `owner` no longer holds.
    @discardableResult
    func markDelivered(_ sent: [SentMessage], owner: String, at time: Date) async throws -> Set<Int>
    /// Puts a message back for a later attempt; false when `owner` no longer holds it.
    @discardableResult
    func deferDelivery(_ id: Int, owner: String, until time: Date, error: String) async throws -> Bool
    /// Gives up on a message for good (a permanent error); it stays in the table with the reason.
    @discardableResult
    func markFailed(_ id: Int, owner: String?, at time: Date, error: String) async throws -> Bool
    /// Deletes messages delivered before `time`; returns how many. Events keep the history; the outbox need not.
    func pruneDelivered(before time: Date) async throws -> Int
    /// The platform thread an incident's messages go to, once its first message is out.
    func thread(of incident: IncidentID, on transport: TransportName) async throws -> String?
    /// The incident whose platform thread this is (a command typed in it is about that incident).
    func incident(inThread ref: String, on transport: TransportName) async throws -> IncidentID?
    /// Records the platform thread of an incident; the first one recorded wins.
    func setThread(of incident: IncidentID, on transport: TransportName, to ref: String) async throws

    /// The open proposal of an alert group (named by its home channel, `AlertDecider.home(of:)`), if it has one.
    func openProposal(home: ChannelRef) async throws -> AlertProposal?
    /// A proposal by its id, in whatever state.
    func proposal(_ id: AlertProposalID) async throws -> AlertProposal?
    /// Stores a new open proposal with the outbox messages that post it, written together. A group that has an open
    /// proposal keeps it: nothing is written and that one comes back (a retry, or another replica's copy).
    func propose(_ declaration: Declaration, at time: Date, outbox: @escaping @Sendable (AlertProposalID) -> [OutboxEntry]) async throws -> ProposalResult
    /// Writes a proposal's new state and declaration with its outbox messages if it is still at `version`
    /// (compare-and-set); false, writing nothing, when another writer changed it first.
    func update(_ proposal: AlertProposal, from version: Int, at time: Date, outbox: [OutboxEntry]) async throws -> Bool
}

/// What proposing did.
public enum ProposalResult: Sendable, Equatable {
    case created(AlertProposal)
    /// The group already had this open proposal; nothing was written.
    case existing(AlertProposal)

    public var proposal: AlertProposal {
        switch self {
        case .created(let proposal), .existing(let proposal): proposal
        }
    }
}

/// The index fields of an incident row, derived from its state and the policy on every commit.
public struct IncidentIndex: Sendable, Equatable {
    public var isOpen: Bool
    /// Resolved, and the review the policy asks for is not closed yet (scheduled or not): what the review's commands
    /// look for without an id.
    public var awaitsReview: Bool
    /// When the timekeeper must next look at it; `nil` when nothing will ever be due.
    public var nextDueAt: Date?
    public var channel: ChannelRef
    /// What the public status page shows of it, kept beside the index so the page never replays events.
    public var publicView: PublicViewChange
    /// Kept so open incidents can be counted by severity (metrics) without reading their events.
    public var severity: Severity?

    public init(
        isOpen: Bool, awaitsReview: Bool, nextDueAt: Date?, channel: ChannelRef, publicView: PublicViewChange = .unchanged, severity: Severity? = nil
    ) {
        self.isOpen = isOpen
        self.awaitsReview = awaitsReview
        self.nextDueAt = nextDueAt
        self.channel = channel
        self.publicView = publicView
        self.severity = severity
    }
}

/// How a commit changes an incident's row in the public view.
public enum PublicViewChange: Sendable, Equatable {
    /// Never public: nothing to write.
    case unchanged
    case show(PublicIncident)
    /// Was public, is not any more.
    case hidden
}

/// An incident row without its events.
public struct IncidentHead: Sendable, Equatable {
    public let id: IncidentID
    public let version: Int
    public let isOpen: Bool
    public let awaitsReview: Bool
    public let nextDueAt: Date?
    /// Why its events cannot be read, if they cannot.
    public let quarantine: String?
    /// The severity as indexed; `nil` for a row an older Klaxon wrote, before its reindex.
    public let severity: Severity?

    public init(
        id: IncidentID, version: Int, isOpen: Bool, awaitsReview: Bool, nextDueAt: Date?, quarantine: String? = nil, severity: Severity? = nil
    ) {
        self.id = id
        self.severity = severity
        self.version = version
        self.isOpen = isOpen
        self.awaitsReview = awaitsReview
        self.nextDueAt = nextDueAt
        self.quarantine = quarantine
    }
}

/// Everything one command (or timer) records, written together or not at all.
public struct Commit: Sendable {
    /// A new incident (its number comes from the committed row), or the next events of one at a known version.
    public enum Target: Sendable, Equatable {
        case new
        case existing(IncidentID, version: Int)
    }

    public let target: Target
    public let events: [IncidentEvent]
    /// The request this answers: a second commit with the same key records nothing and gets the first one's reply.
    public let requestKey: String?
    public let index: IncidentIndex
    /// What is written beside the events once the incident's number is known (inside the transaction for a new one).
    public let effects: @Sendable (IncidentID) -> CommitEffects
    /// This commit's own mark, which a later commit decided on its outcome names in `follows`.
    public let link = CommitLink()
    /// The earlier commit, not yet on disk when this one was decided, whose state this one builds on. If that one
    /// recorded nothing, neither may this one, even when the version matches: another replica may have written
    /// that version meanwhile.
    public let follows: CommitLink?

    public init(
        target: Target, events: [IncidentEvent], requestKey: String? = nil, index: IncidentIndex, follows: CommitLink? = nil,
        effects: @escaping @Sendable (IncidentID) -> CommitEffects
    ) {
        self.target = target
        self.events = events
        self.requestKey = requestKey
        self.index = index
        self.follows = follows
        self.effects = effects
    }
}

/// Whether a commit recorded its events, once that is settled; what a commit that follows it checks.
public final class CommitLink: Sendable {
    private let outcome = Mutex<Bool?>(nil)

    public init() {}

    /// `true` once stored, `false` once refused, conflicted or taken for a duplicate; `nil` before it is written.
    public var recorded: Bool? { outcome.withLock { $0 } }

    func settle(recorded: Bool) {
        outcome.withLock { $0 = recorded }
    }
}

/// The outbox messages a commit sends and the reply kept for its request.
public struct CommitEffects: Sendable {
    public let outbox: [OutboxEntry]
    public let reply: String?

    public init(outbox: [OutboxEntry], reply: String?) {
        self.outbox = outbox
        self.reply = reply
    }
}

/// What a commit did.
public enum CommitResult: Sendable, Equatable {
    /// Stored, as this incident; with the reply kept for the request.
    case recorded(IncidentID, reply: String?)
    /// The request was handled before: nothing was written; this was the answer then.
    case duplicate(StoredReply)
}

/// A reply kept so that a retried request gets the same answer without recording twice.
public struct StoredReply: Sendable, Equatable, Codable {
    public let key: String
    /// The reply as the adapter serialised it.
    public let body: String

    public init(key: String, body: String) {
        self.key = key
        self.body = body
    }
}

/// A notice bound for one transport, as written with its events.
public struct OutboxEntry: Sendable, Equatable {
    public let notice: Notice
    /// Which transport delivers it.
    public let transport: TransportName
    /// Messages in one lane are delivered in order; lanes run in parallel (one per destination channel).
    public let lane: Lane

    public init(notice: Notice, transport: TransportName, lane: Lane) {
        self.notice = notice
        self.transport = transport
        self.lane = lane
    }

    /// The key that identifies this delivery, for idempotency.
    public var key: String { "\(lane.rawValue):\(notice.idempotencyKey)" }
}

/// A message waiting in the outbox.
public struct OutboxMessage: Sendable, Equatable {
    public let id: Int
    public let notice: Notice
    public let transport: TransportName
    public let lane: Lane
    public let key: String
    public let attempts: Int
    public let nextAttemptAt: Date
    /// A send was started and not finished: the platform may already have it.
    public let inFlight: Bool
    /// Until when the worker that started that send owns the message.
    public let claimedUntil: Date

    public init(
        id: Int, notice: Notice, transport: TransportName, lane: Lane, key: String, attempts: Int, nextAttemptAt: Date, inFlight: Bool,
        claimedUntil: Date = .distantPast
    ) {
        self.id = id
        self.notice = notice
        self.transport = transport
        self.lane = lane
        self.key = key
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.inFlight = inFlight
        self.claimedUntil = claimedUntil
    }
}

/// Storage failures the callers act on.
public enum StoreError: Error, Equatable {
    /// Another writer appended to the incident first; reload and decide again.
    case conflict(IncidentID)
    /// Stored data could not be read back.
    case corrupt(String)
    /// The database was written by a newer Klaxon, whose schema this one does not know.
    case schemaTooNew(found: Int, known: Int)
    /// The database server could not be reached (or refused the login) within the start-up wait; says why,
    /// never with the password.
    case unreachable(String)
    /// The database URL is not one Klaxon can use; says why, never with the password.
    case badDatabaseURL(String)
}

/// A submitted commit, to be awaited.
public final class CommitTicket: Sendable {
    private let outcome: @Sendable () async throws -> CommitResult
    /// The commit's link, for the commits decided on its outcome before it is known.
    public let link: CommitLink

    public init(link: CommitLink, _ outcome: @escaping @Sendable () async throws -> CommitResult) {
        self.link = link
        self.outcome = outcome
    }

    /// Waits until the commit is on disk (or failed). - Throws: `StoreError.conflict` when another writer
    /// advanced the incident first (or a commit before this one on the same incident failed).
    public func result() async throws -> CommitResult {
        try await outcome()
    }
}

extension IncidentStore {
    /// Takes one message to send it now (see `claimDeliveries`); false when it was not taken.
    public func claimDelivery(_ id: Int, owner: String, now: Date, until: Date) async throws -> Bool {
        try await claimDeliveries([id], owner: owner, now: now, until: until).contains(id)
    }

    /// Marks one message delivered, with the platform's id for it; false when `owner` no longer holds it.
    @discardableResult
    public func markDelivered(_ id: Int, owner: String, at time: Date, receipt: String?) async throws -> Bool {
        try await markDelivered([SentMessage(id: id, receipt: receipt)], owner: owner, at: time).contains(id)
    }

    /// Writes a commit atomically and waits until it is on disk.
    public func commit(_ commit: Commit) async throws -> CommitResult {
        try await submit(commit).result()
    }

    /// Every incident whose events cannot be read, with why, except those in `known` (already quarantined): reads
    /// every history, marking nothing. For `klaxon doctor`, not the request path.
    public func unreadableHistories(besides known: Set<IncidentID>) async throws -> [(IncidentID, String)] {
        var found: [(IncidentID, String)] = []
        for head in try await heads(IncidentQuery(.any)) where !known.contains(head.id) {
            do {
                _ = try await incident(head.id)
            } catch StoreError.corrupt(let reason) {
                found.append((head.id, reason))
            }
        }
        return found
    }

    /// Every incident still watched (open, or awaiting its review), rebuilt from its events: for tools and tests,
    /// not the request path.
    public func trackedIncidents() async throws -> [Incident] {
        var incidents: [Incident] = []
        for head in try await heads(IncidentQuery(.open)) + heads(IncidentQuery(.awaitingReview)) {
            if let incident = try await incident(head.id) { incidents.append(incident) }
        }
        return incidents.sorted { $0.id < $1.id }
    }
}
