import Crypto
import Foundation
import KlaxonCore
import KlaxonStore

/// What a notification about an alert group did.
public enum AlertOutcome: Sendable, Equatable {
    /// A new incident for the group.
    case declared(IncidentID)
    /// A new proposal for the group, posted in the incidents channel.
    case proposed(AlertProposalID)
    /// Alerts joined or resolved on the group's open proposal: it declares what fires now when accepted.
    case proposalRevised(AlertProposalID)
    /// A re-send for a proposed group.
    case proposalUnchanged(AlertProposalID)
    /// The whole proposed group resolved: the proposal is withdrawn, with a message.
    case withdrawn(AlertProposalID)
    /// Alerts joined or resolved on the group's open incident.
    case updated(IncidentID)
    /// A re-send that changed nothing, or alerts resolving with no incident open for them.
    case unchanged(IncidentID?)

    /// The incident concerned, if any.
    public var incident: IncidentID? {
        switch self {
        case .declared(let id), .updated(let id): id
        case .unchanged(let id): id
        case .proposed, .proposalRevised, .proposalUnchanged, .withdrawn: nil
        }
    }

    /// The proposal concerned, if any.
    public var proposal: AlertProposalID? {
        switch self {
        case .proposed(let id), .proposalRevised(let id), .proposalUnchanged(let id), .withdrawn(let id): id
        case .declared, .updated, .unchanged: nil
        }
    }
}

extension IncidentDesk {
    /// Handles one notification about an alert group: declares the group's incident, records what changed on it,
    /// or records nothing for a re-send. Notifications about one group take turns in this process; across replicas
    /// the declaration's request key and the incident's version check keep one incident and one record per change.
    public func receive(_ group: AlertGroup) async throws -> AlertOutcome {
        try await inAlertTurn(group.key) { try await self.receiveInTurn(group) }
    }

    private func receiveInTurn(_ group: AlertGroup) async throws -> AlertOutcome {
        let alerts = AlertDecider(policy: policy)
        let actor = AutomatedActor.alerts(group.source, receiver: group.receiver).participant
        let home = AlertDecider.home(of: group)
        // Again when another replica wrote first: a declaration it made is found on the next pass (and this
        // notification's alerts recorded on it), a proposal it changed is decided on anew.
        for _ in 0..<Self.conflictRetries {
            // The proposal first, then the group's last incident, then its open ones (a group that fired all year has
            // a long history). In this order, a declaration another replica makes in between is found open, not taken
            // for the generation; and a proposal accepted in between has its incident found open, where reading the
            // proposal last found it gone and declared a second P0 under the group's own key.
            let proposal = try await store.openProposal(home: home)
            let last = try await store.heads(IncidentQuery(.any, channel: home.description, newest: 1))
            let open = try await store.heads(IncidentQuery(.open, channel: home.description))
            // Newest first: an older incident of the group reopened by hand beside a newer one leaves the alerts with
            // the newer, which declared for them.
            for head in open.reversed() {
                if let outcome = try await inTurn(head.id, { try await self.recordAlerts(group, on: head.id, by: actor, alerts: alerts) }) {
                    return outcome
                }
            }
            // The group's generation (its last incident, open or not) makes its declaration's key.
            let generation = last.last?.id.rawValue ?? 0
            guard let outcome = try await decide(group, proposal: proposal, generation: generation, by: actor, alerts: alerts) else { continue }
            return outcome
        }
        throw StoreError.corrupt("an alert group's proposal kept changing under this notification")
    }

    /// Decides a notification for a group with no open incident; `nil` when another replica wrote first (a
    /// declaration, or a change to the proposal), to decide again.
    private func decide(
        _ group: AlertGroup, proposal: AlertProposal?, generation: Int, by actor: Participant, alerts: AlertDecider
    ) async throws -> AlertOutcome? {
        // Every incident filed for the group before is resolved here (an open one took the notification), so the
        // last of them is the one these alerts come back from.
        let previous = generation > 0 ? IncidentID(generation) : nil
        // Unreadable (quarantined), it is only named.
        let last = if let previous { try await incident(previous) } else { nil as Incident? }
        switch alerts.decide(group, open: nil, proposal: proposal, previous: previous, last: last, by: actor, at: clock.now) {
        case .nothing, .record:
            return proposal.map { .proposalUnchanged($0.id) } ?? .unchanged(nil)
        case .propose(let declaration):
            let proposed = try await propose(declaration)
            outboxChanges.signal()
            return .proposed(proposed.id)
        case .reviseProposal(let declaration):
            guard var revised = proposal else { return nil }
            revised.declaration = declaration
            return try await store.update(revised, from: revised.version, at: clock.now, outbox: []) ? .proposalRevised(revised.id) : nil
        case .withdrawProposal:
            guard var withdrawn = proposal else { return nil }
            withdrawn.state = .withdrawn
            let outbox = Self.proposalMessages(.proposalWithdrawn, withdrawn.id, version: withdrawn.version + 1, home: withdrawn.home, router: router)
            guard try await store.update(withdrawn, from: withdrawn.version, at: clock.now, outbox: outbox) else { return nil }
            outboxChanges.signal()
            return .withdrawn(withdrawn.id)
        case .declare(let declaration):
            // Every replica declaring the group's next incident uses the same key whatever alerts its notification
            // carries, so one wins; the others find its incident on the next pass.
            guard let incident = try await declare(declaration, for: group, key: Self.declarationKey(group, generation: generation), by: actor) else {
                return nil
            }
            // A proposal another replica made for the group meanwhile (from a warning read before this declaration)
            // is this incident's: accepting it names the incident rather than declaring another.
            try await takeUpProposal(of: group, by: incident)
            return .declared(incident)
        case .declareProposed(let declaration):
            // The key of the proposal's acceptance: someone accepting it on another replica at the same moment
            // declares the same incident, not a second P0.
            guard let proposal, let incident = try await declare(declaration, for: group, key: Self.acceptanceKey(proposal.id), by: actor) else {
                return nil
            }
            // The proposal is taken up by the incident: an `accept` of it now names the incident instead of declaring
            // another. Its message stays as it was; the declaration is announced on its own.
            try await takeUpProposal(of: group, by: incident)
            return .declared(incident)
        }
    }

    /// Marks the group's open proposal, if it has one, as accepted by `incident`.
    private func takeUpProposal(of group: AlertGroup, by incident: IncidentID) async throws {
        for _ in 0..<Self.conflictRetries {
            guard var current = try await store.openProposal(home: AlertDecider.home(of: group)) else { return }
            current.state = .accepted(incident)
            if try await store.update(current, from: current.version, at: clock.now, outbox: []) { return }
        }
    }

    /// Declares the group's next incident under `key`; `nil` when it was declared under that key first (by another
    /// replica, or by someone accepting the proposal), for the caller to decide again and find it open.
    private func declare(_ declaration: Declaration, for group: AlertGroup, key: String, by actor: Participant) async throws -> IncidentID? {
        let events = [IncidentEvent(at: clock.now, actor: actor, change: .declared(declaration))]
        let (body, label) = try await declare(events, requestKey: key, source: Platform(group.source)) { outcome in
            guard case .recorded(let incident, _, _) = outcome else { return "" }
            return String(incident.id.rawValue)
        }
        // A duplicate's stored reply is its first declarer's: an acceptance's is a chat reply, not a number.
        guard label != .duplicate else { return nil }
        guard let number = Int(body) else { throw StoreError.corrupt("an alert declaration's stored reply is not its incident number") }
        return IncidentID(number)
    }

    /// An incident opened by alerts, reopened while its group has a newer incident open, would leave the group two:
    /// the alerts go to the newer one, and the older one would never hear them resolve.
    func requireNoNewerAlertIncident(than incident: Incident) async throws {
        guard incident.alertOrigin != nil else { return }
        let open = try await store.heads(IncidentQuery(.open, channel: incident.channel.description))
        if let newer = open.map(\.id).filter({ $0 > incident.id }).max() {
            throw CommandRejection.alertsReopenedAs(incident.id, newer: newer)
        }
    }

    /// Records a notification on the group's open incident, in the incident's turn; `nil` when it is no longer open.
    private func recordAlerts(_ group: AlertGroup, on id: IncidentID, by actor: Participant, alerts: AlertDecider) async throws -> AlertOutcome? {
        await settle(id)
        for _ in 0..<Self.conflictRetries {
            guard let incident = try await incident(id), incident.isOpen else { return nil }
            switch alerts.decide(group, open: incident, by: actor, at: clock.now) {
            case .nothing, .declare, .propose, .reviseProposal, .declareProposed, .withdrawProposal:
                return .unchanged(id)
            case .record(let events):
                let after = events.reduce(incident) { $0.evolved(by: $1) }
                do {
                    try await record(after, from: incident.version, events: events, notices: notices(events, from: incident.version, incident: after))
                    return .updated(id)
                } catch StoreError.conflict {
                    // Another replica recorded first (the same notification, retried there): decide again on its events.
                    continue
                }
            }
        }
        throw StoreError.conflict(id)
    }

    /// The request key of a group's declaration: the group and its generation (the number of its last incident, 0
    /// for none). The same group declares once per generation, however often it is re-sent, with whatever alerts,
    /// on whichever replica; once its incident closes, the next firing declares again.
    static func declarationKey(_ group: AlertGroup, generation: Int) -> String {
        let digest = SHA256.hash(data: Data("\(group.key.rawValue)\n\(generation)".utf8))
        return "alerts:\(group.source.rawValue):" + digest.map { String(format: "%02x", $0) }.joined()
    }
}
