import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonStore
import Logging
import ServiceLifecycle

/// Drains the outbox: per lane (destination channel) in order, lanes in parallel. A message leaves the outbox only
/// after its platform accepted it; rate limits and outages delay it, never drop it.
public actor OutboxWorker: Service {
    let store: any IncidentStore
    let policy: Policy
    let transports: [TransportName: any MessageTransport]
    let clock: any WallClock
    let logger: Logger
    let wake: WakeSignal
    let retry: RetryPolicy
    /// The least time between two messages in one lane, per transport (Slack: about one a second per channel).
    let pacing: [TransportName: TimeInterval]
    let report: @Sendable (Problem) async -> Void
    let metrics: KlaxonMetrics
    /// How many attempts a message may use up looking for an earlier one before it is sent without looking.
    static let attemptsBeforeSendingUnchecked = 4
    /// How long a worker owns a message it is sending; a long send renews it every third of that. Short, because a
    /// message whose worker died (a crash mid-send) waits this long for another pass: 20 s, not a minute, before a
    /// restarted server sends a P0's announcement again. A renewal still has two thirds of it to get through a busy store.
    static let claim: TimeInterval = 20
    /// Identifies this worker's claims: every later update of a row checks it, so a worker whose claim lapsed
    /// (and was taken over by another replica) cannot overwrite the new owner's bookkeeping.
    /// Told of each ticket a tracker filed, so its address goes in the incident's timeline.
    let filed: @Sendable (IncidentID, FiledTicket) async -> Void
    /// Told when a send created (or found) the incident's copy on Statuspage, or deleted it, for the timeline.
    let linked: @Sendable (IncidentID, StatuspageLinkChange) async -> Void
    let owner = UUID().uuidString
    /// How many waiting messages of each lane one pass reads.
    let page: Int
    /// Each lane's view of each incident, as of the last notice it rendered: lanes deliver in order, so a
    /// lane's next notice only needs the events after it, not the whole history again.
    var views: [LaneIncident: Incident] = [:]
    /// Enough for the incidents being talked about at once. Drained at thousands a second, a backlog of new incidents
    /// filled a limit of 10,000 views and held 30 MB more.
    static let viewLimit = 512
    /// Threads read from the store, by transport and incident (at most `viewLimit`).
    var threads: [TransportIncident: String] = [:]
    private(set) var lastSent: [Lane: Date] = [:]
    /// Messages the platforms took whose bookkeeping is not written yet (see `took`), by outbox id.
    var unrecorded: [Int: Unrecorded] = [:]
    var failingSince: [TransportName: Date] = [:]
    var reported: Set<TransportIncident> = []

    public init(
        store: any IncidentStore, policy: Policy, transports: [any MessageTransport], clock: any WallClock, logger: Logger,
        wake: WakeSignal, retry: RetryPolicy = RetryPolicy(), pacing: [TransportName: TimeInterval] = [:], page: Int = 1000, metrics: KlaxonMetrics = KlaxonMetrics(),
        report: @escaping @Sendable (Problem) async -> Void,
        filed: @escaping @Sendable (IncidentID, FiledTicket) async -> Void = { _, _ in },
        linked: @escaping @Sendable (IncidentID, StatuspageLinkChange) async -> Void = { _, _ in }
    ) {
        self.metrics = metrics
        self.filed = filed
        self.linked = linked
        self.store = store
        self.policy = policy
        self.transports = Dictionary(uniqueKeysWithValues: transports.map { ($0.name, $0) })
        self.clock = clock
        self.logger = logger
        self.wake = wake
        self.retry = retry
        self.pacing = pacing
        self.page = page
        self.report = report
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var nextPrune = self.clock.now
            var woken = false
            while !Task.isCancelled {
                if self.clock.now >= nextPrune {
                    await self.prune()
                    nextPrune = self.clock.now.addingTimeInterval(3600)
                }
                var next = await self.drain()
                // The read after a commit's wake may predate that commit (see `lookAgain`): one more look, a second on.
                if woken, next == nil { next = Self.lookAgain(self.clock.now) }
                woken = await self.waitUntil(min(next ?? nextPrune, nextPrune))
            }
        }
    }

    /// How long delivered messages stay in the outbox (for looking into what was sent) before they are deleted.
    static let keepDelivered: TimeInterval = 7 * 86_400
    /// How long the answer to a request is kept for a retry of it: Slack retries within a minute, an API client with
    /// an `Idempotency-Key` within hours; a week covers both with room to spare.
    static let keepHandledRequests: TimeInterval = 7 * 86_400

    /// Deletes what is kept only for a while (delivered messages, answers to old requests), so neither table grows
    /// with every command for ever.
    private func prune() async {
        do {
            let removed = try await store.pruneDelivered(before: clock.now.addingTimeInterval(-Self.keepDelivered))
            if removed > 0 { logger.info("Pruned delivered messages", metadata: ["outbox.pruned": "\(removed)"]) }
            let forgotten = try await store.pruneHandledRequests(before: clock.now.addingTimeInterval(-Self.keepHandledRequests))
            if forgotten > 0 { logger.info("Pruned answers to old requests", metadata: ["requests.pruned": "\(forgotten)"]) }
        } catch {
            logger.warning("Could not prune the outbox", metadata: ["error": "\(describeStoreFailure(error))"])
        }
    }

    /// Sends everything that may go now. Returns when something held back may go next (`nil`: nothing waits).
    @discardableResult
    public func drain() async -> Date? {
        let pending: [OutboxMessage]
        do {
            pending = try await store.pendingOutbox(limit: page)
        } catch {
            // Shutting down is not an error worth a log line.
            if Task.isCancelled { return nil }
            logger.error("Cannot read the outbox", metadata: ["error": "\(describeStoreFailure(error))"])
            return clock.now.addingTimeInterval(retry.base)
        }
        forgetUnrecorded(except: pending)
        var lanes: [Lane: [OutboxMessage]] = [:]
        for message in pending { lanes[message.lane, default: []].append(message) }
        return await withTaskGroup(of: Date?.self) { group in
            for (_, messages) in lanes {
                group.addTask {
                    let held = await self.drain(lane: messages)
                    // A whole page went out: more may wait behind it, and no commit will wake the worker for them.
                    return held == nil && messages.count == self.page ? self.clock.now : held
                }
            }
            var next: Date?
            for await held in group {
                if let held { next = min(next ?? held, held) }
            }
            return next
        }
    }

    /// Delivers a lane's messages in order, stopping at the first that must wait.
    private func drain(lane messages: [OutboxMessage]) async -> Date? {
        var rest = messages[...]
        if let retryAt = await recordUnrecorded(at: &rest) { return retryAt }
        if rest.count > 1, let newest = rest.last, transports[newest.transport]?.coalesces == true {
            return await drain(coalescing: Array(rest))
        }
        rest = Self.prioritized(rest, now: clock.now)
        while let message = rest.first {
            let now = clock.now
            let paced = lastSent[message.lane].map { $0.addingTimeInterval(pacing[message.transport] ?? 0) } ?? now
            let notBefore = max(message.nextAttemptAt, paced)
            if notBefore > now { return notBefore }
            // Held (by another replica, or by this worker on a stale read): no rendering and no claim to be refused.
            if message.inFlight, message.claimedUntil > now { return Self.lookAgain(now) }
            let run = run(at: rest, now: now)
            let step = run.count > 1 ? await deliver(run: run) : await deliver(message)
            switch step {
            case .retry(let at): return at
            case .interrupted: return nil
            case .delivered, .sent, .gaveUp: rest = rest.dropFirst(run.count)
            }
        }
        return nil
    }

    /// What became of one message.
    enum Step: Equatable {
        case delivered(receipt: String?)
        /// The platform took it; the worker records it with the rest of its run (see `deliver(run:)`).
        case sent(DeliveryReceipt)
        case gaveUp(reason: String)
        case retry(at: Date)
        /// Shutdown cut the send short: its claim was let go, not counted as an attempt.
        case interrupted
    }

    /// Sends one message. For a coalescing lane the worker already holds (`claimed`) every row it stands for, from
    /// the event `since` on, and `retrying` says whether any of them was tried before.
    /// In a run (`run: true`) a successful send is left for the caller to record (`.sent`), and the caller renews
    /// the claim.
    func deliver(_ message: OutboxMessage, since: Int? = nil, claimed: Bool = false, retrying: Bool = false, run: Bool = false) async -> Step {
        let now = clock.now
        // Giving up before the send: a claim this worker holds must name it, an unclaimed row needs no owner.
        let holder = claimed ? owner : nil
        var sending = false
        do {
            guard let transport = transports[message.transport] else {
                let reason = "no \(message.transport) transport is configured"
                try await fail(message, reason, permanent: true, owner: holder)
                return .gaveUp(reason: reason)
            }
            let found: Delivery?
            do {
                found = try await delivery(for: message, on: transport, now: now, since: since, retrying: retrying)
            } catch StoreError.corrupt(let reason) {
                // Its incident cannot be read (quarantined): give this message up rather than hold up the lane.
                try await store.markFailed(message.id, owner: holder, at: now, error: "its incident cannot be read: \(reason)")
                return .gaveUp(reason: "its incident cannot be read")
            }
            guard let delivery = found else {
                try await store.markFailed(message.id, owner: holder, at: now, error: "incident \(message.notice.incident) not found")
                return .gaveUp(reason: "incident \(message.notice.incident) not found")
            }
            // Another worker (a replica) is sending it right now, or it must wait: leave the lane until then.
            if !claimed, try await !store.claimDelivery(message.id, owner: owner, now: now, until: now.addingTimeInterval(Self.claim)) {
                return .retry(at: Self.lookAgain(now))
            }
            // An earlier attempt may have gone through: its worker died mid-send, or the platform timed out after
            // taking it. If the platform has it, record it instead of sending it twice; if the platform could not be
            // asked, ask again later (a P0's alert posted twice pages everyone twice).
            if message.inFlight || message.attempts > 0 {
                switch await Self.lookUp(delivery, on: transport) {
                case .success(let receipt?):
                    try await took(message, receipt: receipt)
                    guard !run else { return .sent(receipt) }
                    try await recordDelivered([(message, receipt)], now: now)
                    return .delivered(receipt: receipt.messageID)
                case .success(nil), .failure(.permanent):
                    // Not there, or the platform will never say (no permission to read the history): send it, as a
                    // duplicate is better than a lost message.
                    break
                case .failure where Task.isCancelled:
                    _ = try await store.releaseClaim(message.id, owner: owner)
                    return .interrupted
                case .failure(let failure) where message.attempts < Self.attemptsBeforeSendingUnchecked:
                    return try await failed(message, failure, incident: delivery.incident).map { .retry(at: $0) } ?? .gaveUp(reason: failure.reason)
                case .failure:
                    // Looks that keep failing (a history too long to read, an answer never understood) must not hold
                    // the lane for ever: after a few, send, as a duplicate is better than a lost message.
                    break
                }
                // A slow look (a DM channel per person, each call up to 10 s) can outlast the claim, which only the
                // send renews: renewed now, or, taken over meanwhile by another worker, left to it.
                if !run, try await !store.renewClaim(message.id, owner: owner, until: clock.now.addingTimeInterval(Self.claim)) {
                    return .retry(at: Self.lookAgain(clock.now))
                }
            }
            let started = ContinuousClock.now
            sending = true
            let outcome = run ? await Self.send(delivery, on: transport) : await sendHoldingClaim(delivery, on: transport, id: message.id)
            metrics.delivery(transport: message.transport, result: DeliveryResultLabel(outcome), duration: ContinuousClock.now - started)
            switch outcome {
            case .failure(.notSent) where Task.isCancelled:
                // Stopped by shutdown before the request went out (waiting for its turn): not an attempt, so the row
                // goes back as it was for whichever worker runs next.
                _ = try await store.releaseClaim(message.id, owner: owner)
                return .interrupted
            case .failure where Task.isCancelled:
                // Stopped mid-send by shutdown: not a failure of the platform, but the platform may have taken it
                // before the answer was cut off. The row stays in flight with its attempt counted and its claim
                // lapsed, so whichever worker runs next looks it up before sending it again.
                _ = try await store.renewClaim(message.id, owner: owner, until: clock.now.addingTimeInterval(-1))
                return .interrupted
            case .success(let receipt):
                try await took(message, receipt: receipt)
                guard !run else { return .sent(receipt) }
                try await recordDelivered([(message, receipt)], now: clock.now)
                return .delivered(receipt: receipt.messageID)
            case .failure(let failure):
                return try await failed(message, failure, incident: delivery.incident).map { .retry(at: $0) } ?? .gaveUp(reason: failure.reason)
            }
        } catch {
            if Task.isCancelled { return .retry(at: now) }
            logger.error("Outbox bookkeeping failed", metadata: ["outbox.id": "\(message.id)", "error": "\(describeStoreFailure(error))"])
            // Held but not sent (the incident could not be read): let it go as it was, not counted as an attempt.
            if claimed, !sending { _ = try? await store.releaseClaim(message.id, owner: owner) }
            return .retry(at: now.addingTimeInterval(retry.base))
        }
    }

    /// Sends while renewing the claim, so a send slower than the claim (a slow platform) is not taken over midway.
    private func sendHoldingClaim(_ delivery: Delivery, on transport: any MessageTransport, id: Int) async -> Result<DeliveryReceipt, DeliveryFailure> {
        let store = self.store
        let owner = self.owner
        let clock = self.clock
        return await withTaskGroup(of: Result<DeliveryReceipt, DeliveryFailure>?.self) { group in
            group.addTask { await Self.send(delivery, on: transport) }
            group.addTask {
                while !Task.isCancelled {
                    try? await clock.sleep(until: clock.now.addingTimeInterval(Self.claim / 3))
                    if Task.isCancelled { break }
                    _ = try? await store.renewClaim(id, owner: owner, until: clock.now.addingTimeInterval(Self.claim))
                }
                return nil
            }
            var outcome: Result<DeliveryReceipt, DeliveryFailure> = .failure(.transient("the send did not finish"))
            for await result in group {
                if let result {
                    outcome = result
                    group.cancelAll()
                }
            }
            return outcome
        }
    }

    /// Marks sent messages delivered, all in one write. When the write fails they stay claimed and this worker's next
    /// pass records them again (`unrecorded`); should it stop first, once the claim lapses a worker looks each up on
    /// its platform before sending it again.
    func recordDelivered(_ sent: [(message: OutboxMessage, receipt: DeliveryReceipt)], now: Date) async throws {
        let marked = try await store.markDelivered(sent.map { SentMessage(id: $0.message.id, receipt: $0.receipt.messageID) }, owner: owner, at: now)
        for (message, receipt) in sent {
            unrecorded[message.id] = nil
            guard marked.contains(message.id) else {
                logger.warning("Another worker took over a message this one delivered", metadata: ["outbox.id": "\(message.id)"])
                continue
            }
            lastSent[message.lane] = now
            if let ticket = receipt.ticket { await filed(message.notice.incident, ticket) }
        }
    }

    private func failed(_ message: OutboxMessage, _ failure: DeliveryFailure, incident: Incident) async throws -> Date? {
        let now = clock.now
        // A message given up is lost unless someone acts (a token to replace, the bot to add to a channel).
        logger.log(level: failure.isPermanent ? .error : .warning, failure.isPermanent ? "Delivery failed for good" : "Delivery failed", metadata: [
            "delivery.transport": "\(message.transport)", "outbox.id": "\(message.id)",
            "delivery.attempt": "\(message.attempts + 1)", "error": "\(failure.reason)",
        ])
        let retryAt: Date
        switch failure {
        case .permanent(let reason):
            try await fail(message, reason, permanent: true, owner: owner)
            return nil
        case .rateLimited(let seconds):
            retryAt = now.addingTimeInterval(seconds)
        case .transient, .notSent:
            retryAt = now.addingTimeInterval(retry.delay(afterAttempt: message.attempts + 1))
        }
        try await store.deferDelivery(message.id, owner: owner, until: retryAt, error: failure.reason)
        // Being rate limited is the platform working: only errors count towards falling back to the others.
        guard case .transient = failure else { return retryAt }
        let since = failingSince[message.transport] ?? now
        failingSince[message.transport] = since
        if let limit = policy[incident.severity].fallbackAfter, now.timeIntervalSince(since) >= TimeInterval(limit.seconds) {
            await reportOnce(Problem(incident: incident.id, transport: message.transport, reason: "failing for \(Int(now.timeIntervalSince(since))) s: \(failure.reason)", permanent: false))
        }
        return retryAt
    }

    private func fail(_ message: OutboxMessage, _ reason: String, permanent: Bool, owner: String?) async throws {
        try await store.markFailed(message.id, owner: owner, at: clock.now, error: reason)
        // A failure report that can't be delivered either is not reported again, or it would loop.
        guard message.notice.kind != .deliveryProblem else { return }
        var problem = Problem(incident: message.notice.incident, transport: message.transport, reason: reason, permanent: permanent)
        // Customers who never had their email are news even after the transport's failure was reported: the
        // commander is told, and may send it again without `--again`.
        problem.customerEmail = permanent && message.notice.kind == .customerEmail
        problem.sequence = message.notice.sequence
        if problem.customerEmail, problem.incident.rawValue > 0 { await report(problem) } else { await reportOnce(problem) }
    }

    private func reportOnce(_ problem: Problem) async {
        // A proposal's message has no incident to record the failure on; the log says it.
        guard problem.incident.rawValue > 0 else { return }
        guard reported.insert(TransportIncident(transport: problem.transport, incident: problem.incident)).inserted else { return }
        await report(problem)
    }
}

extension DeliveryResultLabel {
    init(_ outcome: Result<DeliveryReceipt, DeliveryFailure>) {
        switch outcome {
        case .success: self = .delivered
        case .failure(.rateLimited): self = .rateLimited
        case .failure(.transient), .failure(.notSent): self = .transient
        case .failure(.permanent): self = .permanent
        }
    }
}

/// A key of the worker's memory of one incident in one lane (its view).
struct LaneIncident: Hashable {
    let lane: Lane
    let incident: IncidentID
}

/// A key of the worker's memory of one incident on one transport (its thread, a problem reported).
struct TransportIncident: Hashable {
    let transport: TransportName
    let incident: IncidentID
}
