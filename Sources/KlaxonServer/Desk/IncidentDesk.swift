import Foundation
import KlaxonCore
import KlaxonStore
import Logging

/// Decides commands and timer firings and stores their events durably.
///
/// Commands on one incident take turns (`Turns`), each deciding on the incident's current stored version,
/// so two commands of this process never race each other; commands on different incidents run side by side, and
/// their commits share transactions (the store's group commit). The store's per-incident version check is only for
/// other processes. The desk's cache saves reading history again; correctness never depends on it.
public actor IncidentDesk {
    let store: any IncidentStore
    let policy: Policy
    let decider: IncidentDecider
    let announcer: Announcer
    let timekeeper: Timekeeper
    let clock: any WallClock
    let logger: Logger
    /// States read or written lately, checked against the store's version before use.
    var cache: [IncidentID: Incident] = [:]
    var recentDeclarations = RecentDeclarations()
    var declarationTurns = Turns<RecentDeclarations.Key>()
    var turns = Turns<IncidentID>()
    /// Notifications about one alert group take turns too, so a re-send racing the first cannot declare twice.
    var alertTurns = Turns<AlertGroupKey>()
    /// Per incident, the commit of the last command decided here that may not be on disk yet: the next command
    /// decides on its state (so commands on one incident share batches), and a refusal waits for it.
    var inFlight: [IncidentID: CommitTicket] = [:]
    /// Called after each commit with the incident and what it announced.
    let onCommitted: @Sendable (Incident, [Notice]) -> Void
    /// Which transports carry each notice; written to the outbox with the events.
    let router: DeliveryRouter
    /// The name of the file an incident's report is written to, when reports are written (`KLAXON_REPORTS_DIR`).
    let reportFile: (@Sendable (Incident) -> String?)?
    /// Wakes the outbox worker after a commit wrote messages.
    public nonisolated let outboxChanges = WakeSignal()
    /// Wakes the scheduler when a commit makes something due sooner than it planned to look.
    public nonisolated let changes = DueSignal()
    /// Counts commands, declarations, timers and commit durations.
    public nonisolated let metrics: KlaxonMetrics
    /// Long answers (reports, timelines) are rendered through it, in chat and in the API alike.
    public nonisolated let renders = RenderGate()

    /// How many times work is decided again after another process wrote to the incident first.
    static let conflictRetries = 8

    /// A random pause before deciding again after a conflict, up to 2^attempt ms (128 ms at most). Two replicas each
    /// given a burst of notes on one incident lose to each other in lock step without it: the loser's retry reads
    /// the incident while the winner's next note is already on its way, every time, until the retries run out. The
    /// pauses let one side's burst pass; the real time they take is not the injected clock's, which is for timers.
    static func backOff(_ attempt: Int) async {
        try? await Task.sleep(for: .milliseconds(Int.random(in: 0...(1 << min(attempt, 7)))))
    }
    /// Half the cache goes when it grows past this many incidents (it refills from the store as needed): enough for
    /// every incident a team has open, small enough that 10,000 open incidents stay within 64 MB.
    static let cacheLimit = 1_024

    public init(
        store: any IncidentStore, policy: Policy, clock: any WallClock, logger: Logger, router: DeliveryRouter = .console,
        metrics: KlaxonMetrics = KlaxonMetrics(), onCommitted: @escaping @Sendable (Incident, [Notice]) -> Void = { _, _ in },
        reportFile: (@Sendable (Incident) -> String?)? = nil
    ) {
        self.reportFile = reportFile
        self.router = router
        self.metrics = metrics
        self.store = store
        self.policy = policy
        self.decider = IncidentDecider(policy: policy)
        self.announcer = Announcer(policy: policy)
        self.timekeeper = Timekeeper(policy: policy)
        self.clock = clock
        self.logger = logger
        self.onCommitted = onCommitted
    }

    /// The open incidents, as stored now.
    public func openIncidents() async throws -> [Incident] {
        try await incidents(IncidentQuery(.open))
    }

    /// Handles a command. `render` turns an outcome into the reply; a recorded one is kept for retries of the request.
    public func handle(_ envelope: CommandEnvelope, render: @escaping @Sendable (CommandOutcome) -> String) async throws -> String {
        let platform = envelope.channel.platform
        let command = envelope.command.name
        do {
            let (body, outcome) = try await answer(envelope, render: render)
            metrics.command(platform: platform, command: command, outcome: outcome)
            return body
        } catch {
            metrics.command(platform: platform, command: command, outcome: .failed)
            throw error
        }
    }

    /// The answer to a command, and how it ended for `klaxon_commands_total`.
    private func answer(
        _ envelope: CommandEnvelope, render: @escaping @Sendable (CommandOutcome) -> String
    ) async throws -> (String, CommandOutcomeLabel) {
        do {
            switch envelope.command {
            case .declare:
                return try await declare(envelope, render: render)
            case .accept(let id):
                return try await accept(id, envelope, render: render)
            case .list:
                return (render(try await openList()), .answered)
            case .runbook, .help:
                guard let fixed = try FixedAnswer(envelope.command, policy: policy) else {
                    preconditionFailure("help and runbook are always answered from the policy")
                }
                return (render(fixed.outcome), .answered)
            case .show, .timeline, .update, .status, .commander, .severity, .scope, .check, .uncheck, .note, .resolve, .reopen, .withdraw, .scheduleReview,
                .closeReview, .impact, .cause, .gap, .addAction, .closeAction, .milestone, .actions, .report, .publicUpdate, .publicStatus,
                .makePublic, .makePrivate, .eta, .affects, .notifyCustomers:
                let id = try await locate(envelope)
                for attempt in 0..<Self.conflictRetries {
                    if attempt > 0 { await Self.backOff(attempt) }
                    // Decided in the incident's turn; the turn ends once the commit has its place in the write
                    // order, and the answer waits for the disk outside it.
                    switch try await inTurn(id, { try await self.decide(envelope, on: id, render: render) }) {
                    case .query(let outcome):
                        return (await Self.rendered(outcome, gate: renders, render), .answered)
                    case .committing(let pending):
                        do {
                            return try await finish(pending)
                        } catch StoreError.conflict {
                            // Another process wrote first (or a command before this one failed): decide again.
                            logger.debug("The incident moved on before this command was stored; deciding again", metadata: ["incident.id": "\(id.rawValue)"])
                        }
                    }
                }
                throw StoreError.conflict(id)
            }
        } catch let rejection as CommandRejection {
            return try await refuse(rejection, envelope, render: render)
        }
    }

    /// A refusal, unless the request was already handled: a retried delivery gets the first answer, even where
    /// deciding again now refuses ("already commander" after the first delivery made them commander). The refusal
    /// is kept too, so a replay of a refused request (a captured `update`) cannot record once the state allows it.
    private func refuse(
        _ rejection: CommandRejection, _ envelope: CommandEnvelope, render: @Sendable (CommandOutcome) -> String
    ) async throws -> (String, CommandOutcomeLabel) {
        guard let key = envelope.requestKey else { return (render(.rejected(rejection)), .rejected) }
        if let stored = try await store.reply(forRequest: key) { return (stored.body, .duplicate) }
        let body = render(.rejected(rejection))
        try await store.remember(StoredReply(key: key, body: body), at: clock.now)
        return (body, .rejected)
    }

    /// A declaration: the incident's number comes from the committed row, so a duplicate burns none.
    private func declare(
        _ envelope: CommandEnvelope, render: @escaping @Sendable (CommandOutcome) -> String
    ) async throws -> (String, CommandOutcomeLabel) {
        let events = try decider.decide(envelope.command, on: nil, by: envelope.actor, in: envelope.channel, at: clock.now)
        return try await onceRecently(envelope) {
            try await declare(events, requestKey: envelope.requestKey, source: envelope.channel.platform, render: render)
        }
    }

    /// Stores a declaration's events as a new incident; `source` labels it in the metrics.
    func declare(
        _ events: [IncidentEvent], requestKey: String?, source: Platform, render: @escaping @Sendable (CommandOutcome) -> String
    ) async throws -> (String, CommandOutcomeLabel) {
        guard let provisional = Incident(id: IncidentID(0), events: events) else { throw StoreError.corrupt("declare produced no incident") }
        let announcer = self.announcer
        let router = self.router
        let declaration = Commit(
            target: .new, events: events, requestKey: requestKey, index: index(of: provisional)
        ) { id in
            let incident = Incident(id: id, events: events) ?? provisional
            let notices = Self.notices(events, from: 0, incident: incident, announcer: announcer)
            return CommitEffects(outbox: notices.flatMap(router.entries(for:)), reply: render(.recorded(incident, events: events, notices: notices)))
        }
        var outcome: CommitResult?
        for _ in 0..<Self.conflictRetries where outcome == nil {
            do {
                outcome = try await timedCommit { try await store.commit(declaration) }
            } catch StoreError.conflict {
                // Another process stored the same request a moment earlier: its answer is the answer. Otherwise
                // another replica took the same incident number first: try the next one.
                if let key = requestKey, let stored = try await store.reply(forRequest: key) { return (stored.body, .duplicate) }
            }
        }
        guard let result = outcome else { throw StoreError.conflict(IncidentID(0)) }
        switch result {
        case .duplicate(let stored):
            return (stored.body, .duplicate)
        case .recorded(let id, let reply):
            let incident = Incident(id: id, events: events) ?? provisional
            metrics.declared(severity: incident.severity, source: source)
            let notices = Self.notices(events, from: 0, incident: incident, announcer: announcer)
            // The index was worked out before the number was known; when it is due does not depend on the number.
            committed(incident, notices: notices, events: events, nextDue: declaration.index.nextDueAt)
            // The API's too: one typed in chat after a pipeline declared it is told of it (the API's repeats carry keys).
            recentDeclarations.note(incident)
            return (reply ?? "", .recorded)
        }
    }

    /// What deciding came to: an answer to render (off the desk), or a commit on its way to disk.
    enum Decision: Sendable {
        case query(CommandOutcome)
        case committing(PendingCommand)
    }

    /// A recorded command waiting for its commit.
    struct PendingCommand: Sendable {
        let ticket: CommitTicket
        let after: Incident
        let events: [IncidentEvent]
        let notices: [Notice]
        let reply: String
        /// When the incident is next due, as its commit's index says (worked out once).
        let nextDue: Date?
    }

    /// Decides a command on the incident's current version, in the incident's turn.
    ///
    /// A decision to record is made on the cached state, which may include commands of this process still on their
    /// way to disk: the commit checks the version, so a stale cache costs only a conflict and a second decision.
    /// A refusal or a query is only given once everything before it is on disk and the state confirmed current.
    private func decide(_ envelope: CommandEnvelope, on id: IncidentID, render: @escaping @Sendable (CommandOutcome) -> String) async throws -> Decision {
        var incident: Incident
        var confirmed = false
        if let cached = cache[id] {
            incident = cached
        } else {
            incident = try await current(id)
            confirmed = true
        }
        while true {
            let events: [IncidentEvent]
            do {
                switch envelope.command {
                case .show, .timeline, .actions, .report: throw Query()
                case .notifyCustomers(_, preview: true, _):
                    _ = try decider.customerRole(for: incident)
                    throw Query()
                case .notifyCustomers:
                    try requireEmail(for: incident)
                    events = try decider.decide(envelope.command, on: incident, by: envelope.actor, in: envelope.channel, at: clock.now)
                case .reopen:
                    try await requireNoNewerAlertIncident(than: incident)
                    events = try decider.decide(envelope.command, on: incident, by: envelope.actor, in: envelope.channel, at: clock.now)
                default: events = try decider.decide(envelope.command, on: incident, by: envelope.actor, in: envelope.channel, at: clock.now)
                }
            } catch {
                if !confirmed || inFlight[id] != nil {
                    await settle(id)
                    incident = try await current(id)
                    confirmed = true
                    continue
                }
                switch envelope.command {
                case .show: return .query(.detail(incident))
                case .timeline: return .query(.timeline(incident))
                case .actions: return .query(.actions(incident))
                case .report: return .query(.report(incident, file: reportFile?(incident)))
                case .notifyCustomers(_, preview: true, _) where error is Query: return .query(.customerEmailPreview(incident))
                default: throw error
                }
            }
            let after = events.reduce(incident) { $0.evolved(by: $1) }
            let notices = notices(events, from: incident.version, incident: after)
            let reply = render(.recorded(after, events: events, notices: notices))
            let bundle = commit(after, from: incident.version, events: events, notices: notices, request: envelope.requestKey, reply: reply)
            let ticket = store.submit(bundle)
            cache[id] = after
            inFlight[id] = ticket
            return .committing(PendingCommand(ticket: ticket, after: after, events: events, notices: notices, reply: reply, nextDue: bundle.index.nextDueAt))
        }
    }

    /// Waits for a command's commit; on success tells who must know, on anything else forgets the state it assumed.
    private func finish(_ pending: PendingCommand) async throws -> (String, CommandOutcomeLabel) {
        let id = pending.after.id
        let result: CommitResult
        do {
            result = try await timedCommit { try await pending.ticket.result() }
        } catch {
            forget(pending)
            throw error
        }
        switch result {
        case .duplicate(let stored):
            // Handled before: nothing of this decision was stored, so the state assumed for it is not the stored one.
            forget(pending)
            return (stored.body, .duplicate)
        case .recorded:
            if inFlight[id] === pending.ticket { inFlight[id] = nil }
            committed(pending.after, notices: pending.notices, events: pending.events, nextDue: pending.nextDue)
            return (pending.reply, .recorded)
        }
    }

    private func forget(_ pending: PendingCommand) {
        let id = pending.after.id
        if inFlight[id] === pending.ticket { inFlight[id] = nil }
        // The cached state assumed this commit (and maybe others decided on it); read the stored one next time.
        if let cached = cache[id], cached.version >= pending.after.version { cache[id] = nil }
    }

    /// Refuses a customer email that could reach no one, before anything is recorded: the timeline must not say
    /// customers were told when nothing can carry the email. Local mode prints it instead, like every message.
    private func requireEmail(for incident: Incident) throws(CommandRejection) {
        let role = try decider.customerRole(for: incident)
        guard !router.printsMessages else { return }
        guard router.email else { throw .emailNotConfigured }
        guard router.canEmail(role) else { throw .cannotEmail(role: role) }
    }

    /// Marks a read-only command in `decide`: answered from a confirmed state.
    private struct Query: Error {}

    /// Stores the bot's own events (timers, delivery problems) decided on `version` of an incident and waits for the
    /// disk; the caller holds the incident's turn.
    func record(_ after: Incident, from version: Int, events: [IncidentEvent], notices: [Notice]) async throws {
        let bundle = commit(after, from: version, events: events, notices: notices, request: nil, reply: nil)
        let result = try await timedCommit { try await store.commit(bundle) }
        if case .recorded = result { committed(after, notices: notices, events: events, nextDue: bundle.index.nextDueAt) }
    }

    /// The commit of events decided on `version` of an incident, with the messages they send and the reply kept.
    private func commit(
        _ after: Incident, from version: Int, events: [IncidentEvent], notices: [Notice], request: String?, reply: String?
    ) -> Commit {
        let outbox = notices.flatMap(router.entries(for:))
        // Built on a commit of ours still on its way to disk: if that one records nothing, this one must not either.
        let follows = inFlight[after.id]?.link
        return Commit(
            target: .existing(after.id, version: version), events: events, requestKey: request, index: index(of: after), follows: follows
        ) { _ in
            CommitEffects(outbox: outbox, reply: reply)
        }
    }

    private func committed(_ incident: Incident, notices: [Notice], events: [IncidentEvent], nextDue: Date?) {
        // A later command may already have moved the cached state on; keep the newest.
        if (cache[incident.id]?.version ?? 0) <= incident.version { remember(incident) }
        logger.debug("Recorded", metadata: [
            "incident.id": "\(incident.id.rawValue)", "incident.event": "\(events.map(\.change.name).joined(separator: ","))",
        ])
        onCommitted(incident, notices)
        if let nextDue { changes.signal(due: nextDue) }
        if !notices.isEmpty { outboxChanges.signal() }
    }

    /// The index fields stored with an incident: what the scheduler and the locator look up.
    func index(of incident: Incident) -> IncidentIndex {
        IncidentIndex(
            isOpen: incident.isOpen, awaitsReview: timekeeper.reviewPending(incident),
            nextDueAt: timekeeper.nextDue(incident), channel: incident.channel, publicView: Self.publicView(of: incident, policy: policy),
            severity: incident.severity
        )
    }

    /// Runs `body` in the incident's turn: after every earlier command on it in this process, before every later one.
    func inTurn<T: Sendable>(_ id: IncidentID, _ body: () async throws -> T) async throws -> T {
        if !turns.take(id) {
            await withCheckedContinuation { turns.enqueue(id, $0) }
        }
        defer { turns.release(id) }
        return try await body()
    }

    /// Runs `body` in the alert group's turn.
    func inAlertTurn<T: Sendable>(_ key: AlertGroupKey, _ body: () async throws -> T) async throws -> T {
        if !alertTurns.take(key) {
            await withCheckedContinuation { alertTurns.enqueue(key, $0) }
        }
        defer { alertTurns.release(key) }
        return try await body()
    }

    /// The status page's row for an incident: shown while public, removed once taken off, untouched if never public.
    static func publicView(of incident: Incident, policy: Policy) -> PublicViewChange {
        if let view = PublicIncident(incident, components: policy.statusPageSettings.components) { return .show(view) }
        return incident.publicChangedAt == nil ? .unchanged : .hidden
    }

    func notices(_ events: [IncidentEvent], from version: Int, incident: Incident) -> [Notice] {
        Self.notices(events, from: version, incident: incident, announcer: announcer)
    }

    static func notices(_ events: [IncidentEvent], from version: Int, incident: Incident, announcer: Announcer) -> [Notice] {
        announcer.notices(for: events, from: version, incident: incident)
    }
}
