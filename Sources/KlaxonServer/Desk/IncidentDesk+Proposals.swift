import Foundation
import KlaxonCore
import KlaxonStore

extension IncidentDesk {
    /// Stores a group's proposal and its message in the incidents channel; the group's open one if it has one.
    func propose(_ declaration: Declaration) async throws -> AlertProposal {
        let router = self.router
        let result = try await store.propose(declaration, at: clock.now) { id in
            Self.proposalMessages(.alertProposed, id, version: 1, home: declaration.channel, router: router)
        }
        return result.proposal
    }

    /// The outbox entries of a proposal's message (its version numbers it): to the incidents channel of each chat,
    /// else the console, as an incident's first message goes.
    static func proposalMessages(_ kind: MessageKind, _ id: AlertProposalID, version: Int, home: ChannelRef, router: DeliveryRouter) -> [OutboxEntry] {
        let notice = Notice(kind: kind, incident: IncidentID(0), sequence: version, destination: .incidentChannel(home), proposal: id)
        return router.entries(for: notice)
    }

    /// The request key of a proposal's declaration, whoever makes it: one incident however many accept it at once.
    static func acceptanceKey(_ id: AlertProposalID) -> String {
        "accept:\(id)"
    }

    /// `/incident accept a7`: declares the proposed incident as the group would have (same title, severity and alert
    /// group, so its later notifications go to it), with the person accepting as its declarer. In the group's turn,
    /// so a notification withdrawing the proposal waits for it or comes first. The declaration's request key is the
    /// proposal's: two people accepting at once, on any replica, declare one incident.
    func accept(
        _ id: AlertProposalID, _ envelope: CommandEnvelope, render: @escaping @Sendable (CommandOutcome) -> String
    ) async throws -> (String, CommandOutcomeLabel) {
        guard let found = try await store.proposal(id) else { throw CommandRejection.unknownProposal(id) }
        guard let key = found.declaration.alerts?.key else { throw StoreError.corrupt("proposal \(id) has no alert group") }
        return try await inAlertTurn(key) {
            for attempt in 0..<Self.conflictRetries {
                guard let proposal = try await store.proposal(id) else { throw CommandRejection.unknownProposal(id) }
                switch proposal.state {
                case .accepted(let incident): throw CommandRejection.proposalAccepted(id, incident)
                case .withdrawn: throw CommandRejection.proposalWithdrawn(id)
                case .open: break
                }
                // The group has an incident already (a critical alert declared it on another replica before this
                // proposal was taken up): the proposal is that incident's, not a second P0. Only before this
                // acceptance declared: on a later pass the open incident is its own.
                if attempt == 0, let open = try await store.heads(IncidentQuery(.open, channel: proposal.home.description)).map(\.id).max() {
                    var taken = proposal
                    taken.state = .accepted(open)
                    guard try await store.update(taken, from: proposal.version, at: clock.now, outbox: []) else { continue }
                    throw CommandRejection.proposalAccepted(id, open)
                }
                let events = [IncidentEvent(at: clock.now, actor: envelope.actor, change: .declared(proposal.declaration))]
                let answer = try await declare(events, requestKey: Self.acceptanceKey(id), source: proposal.home.platform, render: render)
                // The group's open incident is the one just declared (or declared by a retry of this acceptance, or by
                // a critical alert joining the group on another replica, under the same key).
                guard let incident = try await store.heads(IncidentQuery(.open, channel: proposal.home.description)).map(\.id).max() else {
                    throw StoreError.corrupt("proposal \(id) was accepted but its incident is not open")
                }
                // Declared by the alerts first: their stored reply is no answer for a person.
                if answer.1 == .duplicate, Int(answer.0) != nil { throw CommandRejection.proposalAccepted(id, incident) }
                var accepted = proposal
                accepted.state = .accepted(incident)
                if try await store.update(accepted, from: proposal.version, at: clock.now, outbox: []) { return answer }
            }
            throw StoreError.corrupt("proposal \(id) kept changing while it was accepted")
        }
    }
}
