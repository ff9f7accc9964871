import Foundation
import KlaxonCore
import KlaxonStore
import Logging

/// Serialises commands for incidents in this process, stores their events durably, and answers.
/// Across processes the store's per-incident version check makes a stale writer reload and decide again.
public actor IncidentDesk {
    private let store: any IncidentStore
    private let policy: Policy
    private let decider: IncidentDecider
    private let announcer: Announcer
    private let clock: any WallClock
    private let logger: Logger
    private var open: [IncidentID: Incident] = [:]
    /// Called after each commit with what it announced (local mode prints these).
    private let onCommitted: @Sendable (Incident, [Notice]) -> Void

    /// How many times a command is decided again after losing a race with another writer.
    static let conflictRetries = 5

    public init(
        store: any IncidentStore, policy: Policy, clock: any WallClock, logger: Logger,
        onCommitted: @escaping @Sendable (Incident, [Notice]) -> Void = { _, _ in }
    ) {
        self.store = store
        self.policy = policy
        self.decider = IncidentDecider(policy: policy)
        self.announcer = Announcer(policy: policy)
        self.clock = clock
        self.logger = logger
        self.onCommitted = onCommitted
    }

    /// Rebuilds the open incidents from the store; call once before serving.
    public func load() async throws {
        open = Dictionary(uniqueKeysWithValues: try await store.openIncidents().map { ($0.id, $0) })
        logger.info("Loaded open incidents", metadata: ["incident.count": "\(open.count)"])
    }

    /// The open incidents as this desk knows them.
    public var openIncidents: [Incident] { open.values.sorted { $0.id < $1.id } }

    /// Handles a command. `render` turns a recorded outcome into the reply kept for retries of the same request.
    public func handle(_ envelope: CommandEnvelope, render: @Sendable (CommandOutcome) -> String) async throws -> String {
        if let key = envelope.requestKey, let stored = try await store.reply(forRequest: key) {
            return stored.body
        }
        for _ in 0..<Self.conflictRetries {
            do {
                let outcome = try await attempt(envelope, render: render)
                return outcome
            } catch StoreError.conflict(let id) {
                logger.notice("Lost a race to another writer; reloading", metadata: ["incident.id": "\(id.rawValue)"])
                await reload(id)
                if let key = envelope.requestKey, let stored = try await store.reply(forRequest: key) {
                    return stored.body
                }
            }
        }
        throw StoreError.conflict(IncidentID(0))
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
        try await store.commit(Commit(
            incident: incident.id, expectedVersion: incident.version - events.count, events: events, notices: notices,
            request: envelope.requestKey.map { StoredReply(key: $0, body: reply) }, isOpen: incident.isOpen, channel: incident.channel
        ))
        if incident.isOpen { open[incident.id] = incident } else { open[incident.id] = nil }
        logger.info("Recorded", metadata: [
            "incident.id": "\(incident.id.rawValue)", "incident.event": "\(events.map(\.change.name).joined(separator: ","))",
        ])
        onCommitted(incident, notices)
        return reply
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
        case .show, .timeline, .update, .status, .commander, .severity, .scope, .check, .note, .resolve:
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
        let id = try IncidentLocator.locate(envelope.command.target ?? .current, in: envelope.channel, open: openIncidents)
        if let incident = open[id] { return incident }
        guard let incident = try await store.incident(id) else { throw CommandRejection.incidentNotFound(id) }
        return incident
    }

    private func notices(_ events: [IncidentEvent], from version: Int, incident: Incident) -> [Notice] {
        events.enumerated().flatMap { offset, event in
            announcer.notices(for: event, sequence: version + offset + 1, incident: incident)
        }
    }

    private func reload(_ id: IncidentID) async {
        guard let fresh = try? await store.incident(id) else { return }
        if fresh.isOpen { open[id] = fresh } else { open[id] = nil }
    }
}
