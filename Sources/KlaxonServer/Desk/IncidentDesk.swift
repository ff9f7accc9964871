import Foundation
import KlaxonCore
import KlaxonStore
import Logging

/// Serialises commands and timer firings for incidents in this process and stores their events durably.
/// Across processes the store's per-incident version check makes a stale writer reload and decide again.
public actor IncidentDesk {
    let store: any IncidentStore
    let policy: Policy
    let decider: IncidentDecider
    let announcer: Announcer
    let timekeeper: Timekeeper
    let clock: any WallClock
    let logger: Logger
    /// Incidents the timekeeper watches: open ones, and resolved ones still awaiting their review.
    var tracked: [IncidentID: Incident] = [:]
    /// Each watched incident's next due time, kept beside it so the scheduler need not recompute it for every incident.
    var dueAt: [IncidentID: Date] = [:]
    /// Called after each commit with the incident and what it announced.
    let onCommitted: @Sendable (Incident, [Notice]) -> Void
    /// Which transports carry each notice; written to the outbox with the events.
    let router: DeliveryRouter
    /// Wakes the outbox worker after a commit wrote messages.
    public nonisolated let outboxChanges = WakeSignal()
    /// Wakes the scheduler when a commit may have changed what is due next.
    public nonisolated let changes = WakeSignal()

    /// How many times work is decided again after losing a race with another writer.
    static let conflictRetries = 5

    public init(
        store: any IncidentStore, policy: Policy, clock: any WallClock, logger: Logger, router: DeliveryRouter = .console,
        onCommitted: @escaping @Sendable (Incident, [Notice]) -> Void = { _, _ in }
    ) {
        self.router = router
        self.store = store
        self.policy = policy
        self.decider = IncidentDecider(policy: policy)
        self.announcer = Announcer(policy: policy)
        self.timekeeper = Timekeeper(policy: policy)
        self.clock = clock
        self.logger = logger
        self.onCommitted = onCommitted
    }

    /// Rebuilds the watched incidents from the store: at start, and now and then to see other replicas' incidents.
    public func load() async throws {
        // Read first, then swap in one step: commands handled during the read still see the old state.
        let loaded = try await store.trackedIncidents()
        var fresh: [IncidentID: Incident] = [:]
        for incident in loaded {
            // Keep what this desk already knows if it is newer than the snapshot (a commit during the read).
            let known = tracked[incident.id]
            fresh[incident.id] = known.map { $0.version > incident.version ? $0 : incident } ?? incident
        }
        tracked = [:]
        dueAt = [:]
        for incident in fresh.values { watch(incident) }
        logger.debug("Loaded incidents", metadata: ["incident.count": "\(tracked.count)"])
    }

    /// The open incidents as this desk knows them.
    public var openIncidents: [Incident] { tracked.values.filter(\.isOpen).sorted { $0.id < $1.id } }

    /// Handles a command. `render` turns an outcome into the reply; a recorded one is kept for retries of the request.
    public func handle(_ envelope: CommandEnvelope, render: @Sendable (CommandOutcome) -> String) async throws -> String {
        if let key = envelope.requestKey, let stored = try await store.reply(forRequest: key) {
            return stored.body
        }
        for _ in 0..<Self.conflictRetries {
            do {
                return try await attempt(envelope, render: render)
            } catch StoreError.conflict(let id) {
                logger.notice("Lost a race to another writer; reloading", metadata: ["incident.id": "\(id.rawValue)"])
                await reload(id)
                if let key = envelope.requestKey, let stored = try await store.reply(forRequest: key) {
                    return stored.body
                }
            }
        }
        throw StoreError.conflict(envelope.command.target.flatMap { if case .incident(let id) = $0 { id } else { nil } } ?? IncidentID(0))
    }

    private func attempt(_ envelope: CommandEnvelope, render: @Sendable (CommandOutcome) -> String) async throws -> String {
        let now = clock.now
        let outcome: CommandOutcome
        do {
            outcome = try await decide(envelope, now: now)
        } catch let rejection as CommandRejection {
            return render(.rejected(rejection))
        }
        guard case .recorded(let incident, let events, let notices) = outcome else { return render(outcome) }
        let reply = render(outcome)
        try await commit(incident, events: events, notices: notices, request: envelope.requestKey.map { StoredReply(key: $0, body: reply) })
        return reply
    }

    /// Writes events and their notices, then updates what this desk watches.
    func commit(_ incident: Incident, events: [IncidentEvent], notices: [Notice], request: StoredReply?) async throws {
        try await store.commit(Commit(
            incident: incident.id, expectedVersion: incident.version - events.count, events: events,
            outbox: notices.flatMap(router.entries(for:)),
            request: request, isTracked: timekeeper.isTracked(incident), channel: incident.channel
        ))
        watch(incident)
        logger.info("Recorded", metadata: [
            "incident.id": "\(incident.id.rawValue)", "incident.event": "\(events.map(\.change.name).joined(separator: ","))",
        ])
        onCommitted(incident, notices)
        changes.signal()
        if !notices.isEmpty { outboxChanges.signal() }
    }

    private func decide(_ envelope: CommandEnvelope, now: Date) async throws -> CommandOutcome {
        switch envelope.command {
        case .declare:
            let events = try decider.decide(envelope.command, on: nil, by: envelope.actor, in: envelope.channel, at: now)
            let id = try await store.nextIncidentID()
            guard let incident = Incident(id: id, events: events) else { throw StoreError.corrupt("declare produced no incident") }
            return .recorded(incident, events: events, notices: notices(events, from: 0, incident: incident))
        case .list:
            return .list(openIncidents)
        case .runbook(nil):
            return .runbooks
        case .runbook(let name?):
            guard let runbook = policy.runbook(named: name) else {
                throw CommandRejection.unknownRunbook(name, available: policy.runbooks.map(\.id))
            }
            return .runbook(runbook)
        case .help(nil):
            return .help(nil)
        case .help(let name?):
            guard let spec = CommandCatalogue.spec(named: name) else { throw CommandRejection.unknownCommand(name) }
            return .help(spec)
        case .show, .timeline, .update, .status, .commander, .severity, .scope, .check, .note, .resolve, .scheduleReview:
            return try await decideOnIncident(envelope, now: now)
        }
    }

    private func decideOnIncident(_ envelope: CommandEnvelope, now: Date) async throws -> CommandOutcome {
        let incident = try await locate(envelope)
        switch envelope.command {
        case .show: return .detail(incident)
        case .timeline: return .timeline(incident)
        default: break
        }
        let events = try decider.decide(envelope.command, on: incident, by: envelope.actor, in: envelope.channel, at: now)
        let after = events.reduce(incident) { $0.evolved(by: $1) }
        return .recorded(after, events: events, notices: notices(events, from: incident.version, incident: after))
    }

    private func locate(_ envelope: CommandEnvelope) async throws -> Incident {
        let target = envelope.command.target ?? .current
        var candidates = candidates(for: envelope.command)
        if case .current = target, !candidates.contains(where: { $0.channel == envelope.channel }) {
            // Another replica may have declared it since this desk last looked.
            try await load()
            candidates = self.candidates(for: envelope.command)
        }
        let id = try IncidentLocator.locate(target, in: envelope.channel, open: candidates, command: envelope.command.name)
        if let incident = tracked[id] { return incident }
        guard let incident = try await store.incident(id) else { throw CommandRejection.incidentNotFound(id) }
        return incident
    }

    /// The incidents a command without `#id` may mean: open ones; for scheduling a review, resolved ones awaiting it.
    private func candidates(for command: IncidentCommand) -> [Incident] {
        let resolved = tracked.values.filter { !$0.isOpen }.sorted { $0.id < $1.id }
        switch command {
        case .scheduleReview:
            return resolved
        case .show, .timeline:
            // Reading one just resolved (still awaiting its review) needs no id either, if nothing is open.
            return openIncidents.isEmpty ? resolved : openIncidents
        default:
            return openIncidents
        }
    }

    func notices(_ events: [IncidentEvent], from version: Int, incident: Incident) -> [Notice] {
        events.enumerated().flatMap { offset, event in
            announcer.notices(for: event, sequence: version + offset + 1, incident: incident)
        }
    }

    func reload(_ id: IncidentID) async {
        guard let fresh = try? await store.incident(id) else { return }
        watch(fresh)
    }

    /// Keeps (or drops) an incident in the watched set, with its next due time.
    func watch(_ incident: Incident) {
        guard timekeeper.isTracked(incident) else {
            tracked[incident.id] = nil
            dueAt[incident.id] = nil
            return
        }
        tracked[incident.id] = incident
        dueAt[incident.id] = timekeeper.nextDue(incident)
    }
}
