import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonStore

extension OutboxWorker {
    /// What a message is sent as: its notice rendered against the incident as of the notice, in the incident's thread.
    func delivery(for message: OutboxMessage, on transport: any MessageTransport, now: Date, since: Int?, retrying: Bool) async throws -> Delivery? {
        if let id = message.notice.proposal {
            // A proposal's message: no incident yet, so it is rendered from what the proposal would declare, and
            // posted in the channel itself (no incident thread).
            guard let draft = try await store.proposal(id)?.draft(at: now), let target = DeliveryTarget(lane: message.lane) else { return nil }
            return Delivery(id: message.id, key: message.key, target: target, notice: message.notice, incident: draft, thread: nil, now: now)
        }
        guard let asOfNotice = try await view(of: message.notice.incident, lane: message.lane, asOf: message.notice.sequence),
              let target = DeliveryTarget(lane: message.lane) else { return nil }
        let thread = transport.threads ? try await thread(of: asOfNotice.id, on: message.transport) : nil
        // Read at the send, not as of the notice: a link recorded by the send before this one must be seen, and a
        // customer email sent late (the mail server was down) must not tell customers of a state the page has left.
        let current = transport.coalesces || message.notice.kind == .customerEmail ? try await store.incident(asOfNotice.id) : nil
        return Delivery(
            id: message.id, key: message.key, target: target, notice: message.notice, incident: asOfNotice, thread: thread, now: now, since: since,
            latest: current, retrying: retrying || message.inFlight || message.attempts > 0
        )
    }

    /// The incident as it was when the notice was recorded (its event number `sequence`), advanced from the lane's
    /// last view when there is one.
    private func view(of id: IncidentID, lane: Lane, asOf sequence: Int) async throws -> Incident? {
        let key = LaneIncident(lane: lane, incident: id)
        if views.count >= Self.viewLimit, views[key] == nil { views.removeAll() }
        let incident: Incident?
        if let known = views[key], known.version <= sequence {
            // The lane's next message of the same event (an announcement and its escalation) has nothing to read.
            let newer = known.version == sequence ? [] : try await store.events(of: id, after: known.version, through: sequence)
            incident = newer.reduce(known) { $0.evolved(by: $1) }
        } else {
            incident = Incident(id: id, events: try await store.events(of: id, after: 0, through: sequence))
        }
        views[key] = incident
        return incident
    }

    /// The incident's thread on a transport. Once stored a thread never changes (the first one recorded wins, also
    /// against a replica), so one read from the store is kept; a thread not yet stored is asked for again each time.
    private func thread(of id: IncidentID, on transport: TransportName) async throws -> String? {
        let key = TransportIncident(transport: transport, incident: id)
        if let known = threads[key] { return known }
        guard let stored = try await store.thread(of: id, on: transport) else { return nil }
        if threads.count >= Self.viewLimit { threads.removeAll() }
        threads[key] = stored
        return stored
    }
}
