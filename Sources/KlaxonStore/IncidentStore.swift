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
    /// Outbox messages not yet delivered, oldest first.
    func pendingOutbox(limit: Int) async throws -> [OutboxMessage]
}

/// Everything one command records, written together or not at all.
public struct Commit: Sendable {
    public let incident: IncidentID
    /// The incident's version (event count) the events were decided on.
    public let expectedVersion: Int
    public let events: [IncidentEvent]
    public let notices: [Notice]
    /// The request this answers and the reply to give again if it is retried.
    public let request: StoredReply?
    /// Whether the incident still needs watching after these events (open, or its review not yet scheduled).
    public let isTracked: Bool
    public let channel: ChannelRef

    public init(incident: IncidentID, expectedVersion: Int, events: [IncidentEvent], notices: [Notice], request: StoredReply?, isTracked: Bool, channel: ChannelRef) {
        self.incident = incident
        self.expectedVersion = expectedVersion
        self.events = events
        self.notices = notices
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

/// A message waiting in the outbox.
public struct OutboxMessage: Sendable, Equatable {
    public let id: Int
    public let notice: Notice
    public let attempts: Int

    public init(id: Int, notice: Notice, attempts: Int) {
        self.id = id
        self.notice = notice
        self.attempts = attempts
    }
}

/// Storage failures the callers act on.
public enum StoreError: Error, Equatable {
    /// Another writer appended to the incident first; reload and decide again.
    case conflict(IncidentID)
    /// Stored data could not be read back.
    case corrupt(String)
}
