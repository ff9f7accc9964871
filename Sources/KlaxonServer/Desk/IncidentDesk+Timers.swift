import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonStore
import Logging

extension IncidentDesk {
    /// How many due incidents one pass fires; the rest follow in the next pass.
    static let firingBatch = 500
    /// How long a timer that could not be recorded waits before it is tried again.
    static let retryFailedTimerAfter: TimeInterval = 30

    /// The earliest time anything is due over all incidents (any replica's), from the store's index.
    public func nextDue() async -> Date? {
        do {
            return try await store.nextDueAt()
        } catch {
            if !Task.isCancelled { logger.error("Cannot read what is due next", metadata: ["error": "\(describeStoreFailure(error))"]) }
            return clock.now.addingTimeInterval(Self.retryFailedTimerAfter)
        }
    }

    /// Fires everything due now, each incident in its turn and its own commit with the messages it causes.
    /// Returns how many incidents had timers fired.
    @discardableResult
    public func fireDue() async -> Int {
        let now = clock.now
        let due: [IncidentHead]
        do {
            due = try await store.due(until: now, limit: Self.firingBatch)
        } catch {
            if !Task.isCancelled { logger.error("Cannot read what is due", metadata: ["error": "\(describeStoreFailure(error))"]) }
            return 0
        }
        var fired = 0
        for head in due {
            if Task.isCancelled { break }
            do {
                if try await inTurn(head.id, { try await self.fire(head.id, at: now) }) { fired += 1 }
            } catch {
                if Task.isCancelled { break }
                // Losing every retry to other writers is busy, not broken: it is tried again all the same.
                var level = Logger.Level.error
                if case .conflict? = error as? StoreError { level = .notice }
                logger.log(level: level, "Could not record a timer; trying again in 30 s", metadata: ["incident.id": "\(head.id.rawValue)", "error": "\(describeStoreFailure(error))"])
                // Without moving the due time the scheduler would find it due again at once and spin.
                try? await store.postpone(head.id, until: now.addingTimeInterval(Self.retryFailedTimerAfter))
            }
        }
        return fired
    }

    /// Records the timers due for one incident. Another process that fired them first makes the commit conflict;
    /// deciding again on its events finds nothing due.
    private func fire(_ id: IncidentID, at now: Date) async throws -> Bool {
        await settle(id)
        for _ in 0..<Self.conflictRetries {
            let incident: Incident
            do {
                incident = try await current(id)
            } catch is CommandRejection {
                return false
            }
            let timers = timekeeper.due(incident, at: now)
            guard !timers.isEmpty else {
                // The stored due time was stale (another policy, another replica): correct it so it is not due again.
                try await store.reindex(id, version: incident.version, index(of: incident))
                return false
            }
            let events = decider.fire(timers, at: now)
            let after = events.reduce(incident) { $0.evolved(by: $1) }
            let dueSince = timekeeper.pending(incident).filter { $0.at <= now }
            do {
                try await record(after, from: incident.version, events: events, notices: notices(events, from: incident.version, incident: after))
                for pending in dueSince { metrics.timerFired(kind: pending.timer.metricKind, lateness: now.timeIntervalSince(pending.at)) }
                return true
            } catch StoreError.conflict {
                continue
            }
        }
        throw StoreError.conflict(id)
    }
}

extension IncidentDesk {
    /// Records the address of a ticket a tracker filed, once (a redelivery after a crash finds it recorded).
    public func recordTicket(_ ticket: FiledTicket, of id: IncidentID) async {
        await recordFact(of: id, what: "a filed ticket") { incident in
            let known = ticket.action.map { incident.review.action($0)?.ticketURL } ?? incident.review.ticketURL
            return known == nil ? .ticketFiled(action: ticket.action, url: ticket.url) : nil
        }
    }

    /// Records a fact a delivery learnt (a ticket's address, a Statuspage id) as the bot's event, when `change`
    /// finds it new on the current incident; a conflicting writer makes it look again.
    func recordFact(of id: IncidentID, what: String, _ change: @escaping @Sendable (Incident) -> IncidentChange?) async {
        do {
            try await inTurn(id) {
                await self.settle(id)
                for _ in 0..<Self.conflictRetries {
                    let incident = try await self.current(id)
                    guard let change = change(incident) else { return }
                    let event = IncidentEvent(at: self.clock.now, actor: nil, change: change)
                    do {
                        try await self.record(incident.evolved(by: event), from: incident.version, events: [event], notices: [])
                        return
                    } catch StoreError.conflict {
                        continue
                    }
                }
            }
        } catch {
            logger.error("Could not record \(what)", metadata: ["incident.id": "\(id.rawValue)", "error": "\(describeStoreFailure(error))"])
        }
    }

    /// Records that a platform failed for an incident, which announces it elsewhere: once per incident, platform and
    /// reason (a token revoked after a channel was fixed is news; the same outage reported again is not).
    public func recordDeliveryProblem(_ problem: OutboxWorker.Problem) async {
        do {
            try await inTurn(problem.incident) {
                await self.settle(problem.incident)
                for _ in 0..<Self.conflictRetries {
                    let incident = try await self.current(problem.incident)
                    // "failing for 125 s" from one replica and "130 s" from another are the same news.
                    let known = incident.deliveryProblems[problem.transport].map { $0.filter { !$0.isNumber } }
                    let lost = problem.customerEmail && Self.isLatestCustomerEmail(problem.sequence, of: incident)
                    guard known != problem.reason.filter({ !$0.isNumber }) || lost else { return }
                    let event = IncidentEvent(
                        at: self.clock.now, actor: nil,
                        change: .deliveryFailed(
                            transport: problem.transport, reason: problem.reason, permanent: problem.permanent, partly: problem.partly ? true : nil,
                            customerEmail: lost ? true : nil
                        )
                    )
                    let after = incident.evolved(by: event)
                    do {
                        try await self.record(after, from: incident.version, events: [event], notices: self.notices([event], from: incident.version, incident: after))
                        return
                    } catch StoreError.conflict {
                        continue
                    }
                }
            }
        } catch {
            logger.error("Could not record a delivery problem", metadata: ["incident.id": "\(problem.incident.rawValue)", "error": "\(describeStoreFailure(error))"])
        }
    }
}

extension IncidentDesk {
    /// Whether the event numbered `sequence` is the incident's latest `notify customers`: the email it sent, lost,
    /// may be sent again without `--again`. Not a withdrawal's email to customers, nor an earlier one given up late.
    static func isLatestCustomerEmail(_ sequence: Int?, of incident: Incident) -> Bool {
        guard let sequence, case .customersNotified? = incident.event(sequence)?.change else { return false }
        return !incident.latestEvents(incident.version - sequence).contains { if case .customersNotified = $0.change { true } else { false } }
    }

    /// Prepares the store's index for this policy at start-up: after a migration or a policy change, every watched
    /// incident's due time and flags are computed again from its events (unreadable ones are quarantined).
    public func prepare() async throws {
        let policyFingerprint = PolicyFingerprint.of(policy)
        if try await store.setting(PolicyFingerprint.setting) != policyFingerprint {
            try await store.requestReindex()
        }
        var reindexed = 0
        var seen: Set<IncidentID> = []
        while true {
            // An incident that could not be reindexed stays marked; `seen` keeps it from being tried forever.
            let ids = try await store.needingReindex(limit: 500 + seen.count).filter { !seen.contains($0) }
            guard !ids.isEmpty else { break }
            for id in ids {
                seen.insert(id)
                do {
                    let incident = try await current(id)
                    try await store.reindex(id, version: incident.version, index(of: incident))
                    reindexed += 1
                } catch is CommandRejection {
                    // Quarantined (or gone): left out of the index, reported by `klaxon doctor`.
                    continue
                }
            }
        }
        try await store.setSetting(PolicyFingerprint.setting, to: policyFingerprint)
        cache.removeAll()
        // The last few minutes' declarations, as the previous run remembered them: a restart in the middle of an
        // incident (a deploy, a crash) made the next declaration of its title page everyone a second time.
        let since = clock.now.addingTimeInterval(-RecentDeclarations.window)
        for (id, declared) in try await store.openDeclarations(since: since, limit: RecentDeclarations.limit) {
            recentDeclarations.note(id, declared: declared)
        }
        if reindexed > 0 { logger.info("Computed due times again", metadata: ["incident.count": "\(reindexed)"]) }
        let quarantined = try await store.quarantined()
        if !quarantined.isEmpty {
            logger.error("Some incidents cannot be read and are left out; run `klaxon doctor` for details", metadata: [
                "incident.ids": "\(quarantined.map { String($0.0.rawValue) }.joined(separator: ","))",
            ])
        }
    }
}
