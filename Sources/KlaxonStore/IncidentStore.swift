import Foundation
import KlaxonCore

/// Durable storage for incidents: their events, the outbox messages they cause and the replies to requests.
/// Implementations must write each `Commit` atomically and reject a stale `expectedVersion`.
public protocol IncidentStore: Sendable {
    /// A fresh, never reused incident number.
    func nextIncidentID() async throws -> IncidentID
    /// Every incident the timekeeper still watches (open, or awaiting its review), rebuilt from its events.
    func trackedIncidents() async throws -> [Incident]
    /// One incident, open or resolved, rebuilt from its events.
    func incident(_ id: IncidentID) async throws -> Incident?
    /// Writes events, their outbox messages and the request's reply in one transaction.
    /// - Throws: `StoreError.conflict` when another writer got there first.
    func commit(_ commit: Commit) async throws
    /// The reply stored for a request that was already handled.
    func reply(forRequest key: String) async throws -> StoredReply?
    /// Outbox messages neither delivered nor given up on, oldest first: up to `limit` of each lane.
    func pendingOutbox(limit: Int) async throws -> [OutboxMessage]
    /// Takes a message to send it now, until `until`; false when another worker holds it.
    /// A message still marked in flight when its claim lapsed was being sent when a worker died.
    func claimDelivery(_ id: Int, now: Date, until: Date) async throws -> Bool
    /// Marks a message delivered, with the platform's id for it.
    func markDelivered(_ id: Int, at time: Date, receipt: String?) async throws
    /// Puts a message back for a later attempt.
    func deferDelivery(_ id: Int, until time: Date, error: String) async throws
    /// Gives up on a message for good (a permanent error); it stays in the table with the reason.
    func markFailed(_ id: Int, at time: Date, error: String) async throws
    /// Deletes messages delivered before `time`; returns how many. Events keep the history; the outbox need not.
    func pruneDelivered(before time: Date) async throws -> Int
    /// The platform thread an incident's messages go to, once its first message is out.
    func thread(of incident: IncidentID, on transport: String) async throws -> String?
    /// Records the platform thread of an incident; the first one recorded wins.
    func setThread(of incident: IncidentID, on transport: String, to ref: String) async throws
}

/// Everything one command records, written together or not at all.
public struct Commit: Sendable {
    public let incident: IncidentID
    /// The incident's version (event count) the events were decided on.
    public let expectedVersion: Int
    public let events: [IncidentEvent]
    public let outbox: [OutboxEntry]
    /// The request this answers and the reply to give again if it is retried.
    public let request: StoredReply?
    /// Whether the incident still needs watching after these events (open, or its review not yet scheduled).
    public let isTracked: Bool
    public let channel: ChannelRef

    public init(incident: IncidentID, expectedVersion: Int, events: [IncidentEvent], outbox: [OutboxEntry], request: StoredReply?, isTracked: Bool, channel: ChannelRef) {
        self.incident = incident
        self.expectedVersion = expectedVersion
        self.events = events
        self.outbox = outbox
        self.request = request
        self.isTracked = isTracked
        self.channel = channel
    }
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
    /// Which transport delivers it: "slack", "discord", "email", "console".
    public let transport: String
    /// Messages in one lane are delivered in order; lanes run in parallel (one per destination channel).
    public let lane: String

    public init(notice: Notice, transport: String, lane: String) {
        self.notice = notice
        self.transport = transport
        self.lane = lane
    }

    /// The key that identifies this delivery, for idempotency.
    public var key: String { "\(lane):\(notice.idempotencyKey)" }
}

/// A message waiting in the outbox.
public struct OutboxMessage: Sendable, Equatable {
    public let id: Int
    public let notice: Notice
    public let transport: String
    public let lane: String
    public let key: String
    public let attempts: Int
    public let nextAttemptAt: Date
    /// A send was started and not finished: the platform may already have it.
    public let inFlight: Bool
    /// Until when the worker that started that send owns the message.
    public let claimedUntil: Date

    public init(
        id: Int, notice: Notice, transport: String, lane: String, key: String, attempts: Int, nextAttemptAt: Date, inFlight: Bool,
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
}
