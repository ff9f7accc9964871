import Crypto
import Foundation
import KlaxonCore
import KlaxonStore

/// What a notification about an alert group did.
public enum AlertOutcome: Sendable, Equatable {
    /// A new incident for the group.
    case declared(IncidentID)
    /// Alerts joined or resolved on the group's open incident.
    case updated(IncidentID)
    /// A re-send that changed nothing, or alerts resolving with no incident open for them.
    case unchanged(IncidentID?)

    /// The incident concerned, if any.
    public var incident: IncidentID? {
        switch self {
        case .declared(let id), .updated(let id): id
        case .unchanged(let id): id
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
        // Twice at most: a declaration that another replica made a moment earlier is found on the second pass,
        // and this notification's alerts are recorded on it.
        for _ in 0..<2 {
            let filed = try await store.heads(IncidentQuery(.any, channel: home.description))
            for head in filed where head.isOpen {
                if let outcome = try await inTurn(head.id, { try await self.recordAlerts(group, on: head.id, by: actor, alerts: alerts) }) {
                    return outcome
                }
            }
            switch alerts.decide(group, open: nil, by: actor, at: clock.now) {
            case .nothing, .record:
                return .unchanged(nil)
            case .declare(let declaration):
                let events = [IncidentEvent(at: clock.now, actor: actor, change: .declared(declaration))]
                // The group's generation (its last incident, open or not) makes the key: every replica declaring
                // the group's next incident uses the same key whatever alerts its notification carries, so one wins.
                let generation = filed.map(\.id.rawValue).max() ?? 0
                let (body, label) = try await declare(events, requestKey: Self.declarationKey(group, generation: generation), source: group.source.rawValue) { outcome in
                    guard case .recorded(let incident, _, _) = outcome else { return "" }
                    return String(incident.id.rawValue)
                }
                guard let number = Int(body) else { throw StoreError.corrupt("an alert declaration's stored reply is not its incident number") }
                if label != .duplicate { return .declared(IncidentID(number)) }
            }
        }
        return .unchanged(nil)
    }

    /// Records a notification on the group's open incident, in the incident's turn; `nil` when it is no longer open.
    private func recordAlerts(_ group: AlertGroup, on id: IncidentID, by actor: Participant, alerts: AlertDecider) async throws -> AlertOutcome? {
        await settle(id)
        for _ in 0..<Self.conflictRetries {
            guard let incident = try await incident(id), incident.isOpen else { return nil }
            switch alerts.decide(group, open: incident, by: actor, at: clock.now) {
            case .nothing, .declare:
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
