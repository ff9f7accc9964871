import Foundation
import KlaxonCore
import KlaxonStore
import Logging

/// Reading incidents: the cache brought up to date from the store, quarantine, and finding a command's incident.
extension IncidentDesk {
    /// The incident at its stored version: the cached state if it is current, else brought up to date from the
    /// events it is missing (or read whole). An unreadable incident is quarantined, not a reason to fail everything.
    ///
    /// Never a state only this process has: with commits of ours still on their way to disk (the cache ahead of the
    /// store), it waits for them, as a command that reads (a list, the API, a refusal) must not show what may never
    /// be stored. Under a steady stream of commands it waits a few rounds, then reads the stored state past the cache.
    func current(_ id: IncidentID, head known: IncidentHead? = nil) async throws -> Incident {
        var head = try await stored(known, of: id)
        for _ in 0..<Self.settleRounds {
            guard let cached = cache[id], cached.version > head.version, inFlight[id] != nil else { break }
            await settle(id)
            head = try await stored(nil, of: id)
        }
        if let cached = cache[id], cached.version == head.version { return cached }
        do {
            var incident: Incident
            if let cached = cache[id], cached.version < head.version {
                incident = try await store.events(of: id, after: cached.version, through: head.version).reduce(cached) { $0.evolved(by: $1) }
            } else {
                guard let whole = try await store.incident(id) else { throw CommandRejection.incidentNotFound(id) }
                incident = whole
            }
            // The cache keeps a newer state that commits on their way were decided on: the next command builds on it.
            if let cached = cache[id], cached.version > incident.version, inFlight[id] != nil { return incident }
            remember(incident)
            return incident
        } catch StoreError.corrupt(let reason) {
            await quarantine(id, reason: reason)
            throw CommandRejection.incidentUnreadable(id)
        }
    }

    /// Rounds of waiting for this process's commits before a read goes past the cache to the stored state.
    static let settleRounds = 3

    /// The incident's stored head (the one given, else read), or the refusal that it does not exist or is unreadable.
    private func stored(_ known: IncidentHead?, of id: IncidentID) async throws -> IncidentHead {
        var head = known
        if head == nil { head = try await store.head(id) }
        guard let head, head.version > 0 else { throw CommandRejection.incidentNotFound(id) }
        if head.quarantine != nil { throw CommandRejection.incidentUnreadable(id) }
        return head
    }

    /// Waits until every command of this process on the incident is on disk (or failed).
    ///
    /// A commit that stored nothing takes the cached state with it: that state assumed the commit, and a read that
    /// came between its failure and its command's own clean-up must not take it for the stored one when another
    /// replica's commit has brought the store to the same version.
    func settle(_ id: IncidentID) async {
        while let ticket = inFlight[id] {
            let recorded: Bool
            do {
                if case .recorded = try await ticket.result() { recorded = true } else { recorded = false }
            } catch {
                recorded = false
            }
            if inFlight[id] === ticket { inFlight[id] = nil }
            if !recorded { cache[id] = nil }
        }
    }

    func quarantine(_ id: IncidentID, reason: String) async {
        cache[id] = nil
        logger.error("An incident's stored events cannot be read; it is quarantined until repaired (see `klaxon doctor`)", metadata: [
            "incident.id": "\(id.rawValue)", "reason": "\(reason)",
        ])
        do { try await store.quarantine(id, reason: reason) } catch {
            logger.error("Could not quarantine the incident", metadata: ["incident.id": "\(id.rawValue)", "error": "\(describeStoreFailure(error))"])
        }
    }

    func remember(_ incident: Incident) {
        if cache.count >= Self.cacheLimit, cache[incident.id] == nil {
            // Half of it goes, in the dictionary's (arbitrary) order: dropping all of it made every walk over more
            // incidents than it holds read each of them from the store. The states that commits still on their way
            // were decided on stay.
            var excess = cache.count - Self.cacheLimit / 2
            for id in cache.keys where excess > 0 && inFlight[id] == nil {
                cache[id] = nil
                excess -= 1
            }
        }
        cache[incident.id] = incident
    }

    /// Incidents in a state, current.
    func incidents(_ query: IncidentQuery) async throws -> [Incident] {
        var found: [Incident] = []
        for head in try await store.heads(query) {
            do { found.append(try await current(head.id, head: head)) } catch is CommandRejection { continue }
        }
        return found
    }

    /// How many of a channel's latest declared incidents, resolved, `reopen` without `#id` looks at besides those
    /// awaiting their review (a long-running one resolved today is among these, whenever it was declared).
    static let reopenCandidates = 20

    /// What `reopen` without `#id` may mean here: incidents resolved in the channel within the window, their review
    /// not closed (a P3, which has none, too).
    func reopenable(in channel: String) async throws -> [Incident] {
        let now = clock.now
        let recent = try await store.heads(IncidentQuery(.resolved, channel: channel, newest: Self.reopenCandidates))
        let pending = try await store.heads(IncidentQuery(.awaitingReview, channel: channel))
        var seen: Set<IncidentID> = []
        var found: [Incident] = []
        for head in (pending + recent).sorted(by: { $0.id < $1.id }) where seen.insert(head.id).inserted {
            let incident: Incident
            do { incident = try await current(head.id, head: head) } catch is CommandRejection { continue }
            if IncidentDecider.reopens(incident, at: now) { found.append(incident) }
        }
        return found
    }

    func locate(_ envelope: CommandEnvelope) async throws -> IncidentID {
        let target = envelope.command.target ?? .current
        if case .incident(let id) = target { return id }
        if let thread = envelope.thread, let id = try await store.incident(inThread: thread, on: TransportName(chat: envelope.channel.platform)) {
            // `resolve 11 queue drained` in #12's thread: refused as anywhere else, not applied to #12.
            try await refuseNumberBeforeText(envelope.command, here: id)
            return id
        }
        let channel = envelope.channel.description
        let candidates: [Incident]
        switch envelope.command {
        case .scheduleReview, .closeReview:
            // A review is for an incident resolved here; with none, the open one, so the answer says to resolve it
            // first rather than that nothing is open. Scheduling looks first at reviews not scheduled yet, so one
            // booked earlier does not make the newly resolved incident's ambiguous.
            let resolved = try await incidents(IncidentQuery(.awaitingReview, channel: channel))
            let unscheduled = resolved.filter(timekeeper.awaitsReview)
            if case .scheduleReview = envelope.command, !unscheduled.isEmpty {
                candidates = unscheduled
            } else {
                let open = resolved.isEmpty ? try await incidents(IncidentQuery(.open, channel: channel)) : []
                // With neither, the one resolved last: its review closed, `review done` again says so, not that
                // nothing is open.
                candidates = !resolved.isEmpty ? resolved : !open.isEmpty ? open : try await lastResolved(in: channel)
            }
            if case .closeReview = envelope.command, !resolved.isEmpty { try await refuseRepeatedReviewClose(in: channel, instead: resolved) }
        case .impact, .cause, .gap, .addAction, .closeAction, .milestone:
            // Facts for a review go to an incident that will have one: an open incident whose severity asks for a
            // review, else one resolved here whose review is not closed. An open P3 (no review) gets them only when
            // no review is pending: a cause typed after `review schedule` must not land on an unrelated P3.
            let open = try await incidents(IncidentQuery(.open, channel: channel))
            let reviewed = open.filter { policy[$0.severity].review.requirement != .none }
            if !reviewed.isEmpty {
                candidates = reviewed
            } else {
                let pending = try await incidents(IncidentQuery(.awaitingReview, channel: channel))
                // With neither, the one resolved last, whose closed review then says why its facts are final.
                candidates = !pending.isEmpty ? pending : !open.isEmpty ? open : try await lastResolved(in: channel)
            }
        case .reopen(_, let reason):
            candidates = try await reopenable(in: channel)
            // `reopen 21 …` where #21 is an incident to reopen: meant as its number, read as the reason it would
            // reopen another. "500 errors are back" is a reason.
            if let first = reason.split(separator: " ").first, first.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(first) {
                let named: Incident?
                do { named = try await current(IncidentID(number)) } catch is CommandRejection { named = nil }
                if let named, IncidentDecider.reopens(named, at: clock.now) { throw CommandRejection.bareIncidentNumber(String(first), command: "reopen") }
            }
            try await refuseRepeatedReopen(in: channel, instead: candidates)
            if candidates.isEmpty, let last = try await lastResolved(in: channel).first {
                // The channel's incident stays resolved: why (its review closed, withdrawn, too long ago), as asked by
                // its number, rather than a bare "nothing to reopen" that sent people to name it and be refused.
                _ = try decider.decide(.reopen(.incident(last.id), reason: reason), on: last, by: envelope.actor, in: envelope.channel, at: clock.now)
            }
            guard !candidates.isEmpty else { throw CommandRejection.nothingToReopen }
        case .show, .timeline, .actions, .report, .note, .notifyCustomers:
            // Reading, noting on (the help says notes work on resolved incidents), or telling customers about one just
            // resolved (the email "with the fix") needs no id if nothing is open; its review closed, the last one
            // resolved here is still the one meant (the closing message itself says `/incident report`).
            let open = try await incidents(IncidentQuery(.open, channel: channel))
            let pending = open.isEmpty ? try await incidents(IncidentQuery(.awaitingReview, channel: channel)) : []
            candidates = !open.isEmpty ? open : !pending.isEmpty ? pending : try await lastResolved(in: channel)
        default:
            candidates = try await incidents(IncidentQuery(.open, channel: channel))
        }
        if !candidates.contains(where: { $0.channel == envelope.channel }) {
            // `update 14 …` where nothing is open here, and #14 is open elsewhere: the number was meant as the incident.
            try await refuseNumberBeforeText(envelope.command, here: nil)
            try await refuseNothingOpen(envelope.command, in: channel)
        }
        let located = try IncidentLocator.locate(target, in: envelope.channel, open: candidates, command: envelope.command.name)
        try await refuseNumberBeforeText(envelope.command, here: located)
        return located
    }

    /// Nothing open here to act on: the channel's incident cannot be read (damaged), or it was resolved. Either is the
    /// answer, rather than "no open incident, declare one", which invited a duplicate of an incident that exists.
    private func refuseNothingOpen(_ command: IncidentCommand, in channel: String) async throws {
        if let damaged = try await store.quarantinedOpen(inChannel: channel).last { throw CommandRejection.incidentUnreadable(damaged) }
        // Commands that act on resolved incidents found theirs above; for the rest, the one just resolved says how.
        // Within the week it may be reopened in; one resolved long ago is no longer "the channel's incident".
        guard case .current? = command.target, let resolved = try await lastResolved(in: channel).first,
              let resolvedAt = resolved.resolvedAt, clock.now.timeIntervalSince(resolvedAt) <= IncidentDecider.reopenWindow else { return }
        if resolved.withdrawal != nil { throw CommandRejection.incidentWithdrawn(resolved.id) }
        throw CommandRejection.incidentResolved(resolved.id, reviewClosed: resolved.review.isClosed)
    }

    /// The incident resolved last in the channel, if any: by when it was resolved, among the channel's newest
    /// resolved ones (#22 resolved before #21 leaves #21 the one just dealt with).
    private func lastResolved(in channel: String) async throws -> [Incident] {
        var last: Incident?
        for head in try await store.heads(IncidentQuery(.resolved, channel: channel, newest: Self.reopenCandidates)) {
            let incident: Incident
            do { incident = try await current(head.id, head: head) } catch is CommandRejection { continue }
            if let resolvedAt = incident.resolvedAt, resolvedAt >= last?.resolvedAt ?? .distantPast { last = incident }
        }
        return last.map { [$0] } ?? []
    }

    /// `resolve 11 …` where #11 is open (or awaits its review) and the channel's incident is another, or there is none
    /// (`here` is nil): refused rather than resolve the wrong one. A number of an incident long closed
    /// (`update 10 minutes until rollback`) is text.
    private func refuseNumberBeforeText(_ command: IncidentCommand, here: IncidentID?) async throws {
        guard let number = command.leadingNumber, number != here?.rawValue, let head = try await store.head(IncidentID(number)), head.version > 0,
              head.isOpen || head.awaitsReview else { return }
        guard let here else { throw CommandRejection.bareIncidentNumber(String(number), command: command.name) }
        throw CommandRejection.numberBeforeText(number, command: command.name, here: here)
    }
}
