/// Decides which notices an event causes under a policy. Pure.
public struct Announcer: Sendable {
    public let policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// The notices caused by the event with this sequence number, given the incident after it.
    public func notices(for event: IncidentEvent, sequence: Int, incident: Incident) -> [Notice] {
        let home = Destination.incidentChannel(incident.channel)
        func notice(_ kind: MessageKind, audience: [Audience] = []) -> Notice {
            Notice(kind: kind, incident: incident.id, sequence: sequence, destination: home, audience: audience)
        }
        switch event.change {
        case .declared:
            let ping: [Audience] = policy[incident.severity].pingChannel ? [.channel] : []
            return [notice(.initialAlert, audience: ping)] + immediateEscalations(incident, sequence: sequence)
        case .commanderAssigned(let person):
            return [notice(.commanderAssigned, audience: [.person(person)])]
        case .updatePosted:
            return [notice(.updatePosted)]
        case .statusChanged:
            return [notice(.statusChanged)]
        case .severityChanged:
            return [notice(.severityChanged)]
        case .scopeSet:
            return [notice(.scopeSet)]
        case .checklistItemChecked:
            return [notice(.checklistChecked)]
        case .notePosted:
            return []
        case .resolved:
            return [notice(.resolution)]
        }
    }

    /// Escalation rules that fire the moment an incident is declared.
    private func immediateEscalations(_ incident: Incident, sequence: Int) -> [Notice] {
        policy.escalations
            .filter { $0.isImmediate && $0.when.matches(severity: incident.severity, kind: incident.kind, publicFacing: incident.publicFacing) }
            .flatMap { rule -> [Notice] in
                let roles = rule.notify.map(Audience.role)
                switch rule.via {
                case .chat:
                    return [Notice(
                        kind: .escalation, incident: incident.id, sequence: sequence,
                        destination: .incidentChannel(incident.channel), audience: roles, prompts: rule.prompts, rule: rule.id
                    )]
                case .email:
                    return rule.notify.map { role in
                        Notice(kind: .escalation, incident: incident.id, sequence: sequence, destination: .email(role), prompts: rule.prompts, rule: rule.id)
                    }
                }
            }
    }
}
