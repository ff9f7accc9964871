import Foundation
import KlaxonCore
import KlaxonStore
import Logging

/// Reading incidents: the cache brought up to date from the store, quarantine, and finding a command's incident.
extension IncidentDesk {
    /// The incident at its stored version: the cached state if it is current, else brought up to date from the
    /// events it is missing (or read whole). An unreadable incident is quarantined, not a reason to fail everything.
    func current(_ id: IncidentID, head known: IncidentHead? = nil) async throws -> Incident {
        var head = known
        if head == nil { head = try await store.head(id) }
        guard let head, head.version > 0 else { throw CommandRejection.incidentNotFound(id) }
        if head.quarantine != nil { throw CommandRejection.incidentUnreadable(id) }
        if let cached = cache[id], cached.version == head.version { return cached }
        // Ahead of the store with commits of ours still on their way: the cached state is the one to build on.
        if let cached = cache[id], cached.version > head.version, inFlight[id] != nil { return cached }
        do {
            var incident: Incident
            if let cached = cache[id], cached.version < head.version {
                incident = try await store.events(of: id, after: cached.version, through: head.version).reduce(cached) { $0.evolved(by: $1) }
            } else {
                guard let whole = try await store.incident(id) else { throw CommandRejection.incidentNotFound(id) }
                incident = whole
            }
            remember(incident)
            return incident
        } catch StoreError.corrupt(let reason) {
            await quarantine(id, reason: reason)
            throw CommandRejection.incidentUnreadable(id)
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
            // Keep the states that commits still on their way were decided on.
            cache = cache.filter { inFlight[$0.key] != nil }
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

    /// How many of a channel's latest resolved incidents `reopen` without `#id` looks at.
    static let reopenCandidates = 20

    func locate(_ envelope: CommandEnvelope) async throws -> IncidentID {
        let target = envelope.command.target ?? .current
        if case .incident(let id) = target { return id }
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
                candidates = resolved.isEmpty ? try await incidents(IncidentQuery(.open, channel: channel)) : resolved
            }
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
                candidates = pending.isEmpty ? open : pending
            }
        case .reopen:
            // What can be reopened: an incident resolved here within the window, its review not closed (a P3, which
            // has none, too). The latest few resolved are enough: an older one is past the window or named by `#id`.
            let now = clock.now
            var reopenable: [Incident] = []
            for head in try await store.heads(IncidentQuery(.any, channel: channel)).filter({ !$0.isOpen }).suffix(Self.reopenCandidates) {
                guard let incident = try? await current(head.id, head: head), IncidentDecider.reopens(incident, at: now) else { continue }
                reopenable.append(incident)
            }
            guard !reopenable.isEmpty else { throw CommandRejection.nothingToReopen }
            candidates = reopenable
        case .show, .timeline, .actions, .report, .note, .notifyCustomers:
            // Reading, noting on (the help says notes work on resolved incidents), or telling customers about one just
            // resolved (the email "with the fix") needs no id if nothing is open.
            let open = try await incidents(IncidentQuery(.open, channel: channel))
            candidates = open.isEmpty ? try await incidents(IncidentQuery(.awaitingReview, channel: channel)) : open
        default:
            candidates = try await incidents(IncidentQuery(.open, channel: channel))
        }
        return try IncidentLocator.locate(target, in: envelope.channel, open: candidates, command: envelope.command.name)
    }
}
