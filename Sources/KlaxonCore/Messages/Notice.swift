/// A message Klaxon owes someone because of an event: what to say, where and to whom.
/// Stored in the outbox in the same transaction as the event, rendered per platform on delivery.
public struct Notice: Codable, Sendable, Equatable {
    public var kind: MessageKind
    public var incident: IncidentID
    /// The event (its sequence number in the incident) that caused the notice.
    public var sequence: Int
    public var destination: Destination
    /// Who to mention in the message.
    public var audience: [Audience]
    /// Extra lines for the commander (escalation prompts, missing checklist items).
    public var prompts: [String]
    /// The escalation rule behind it, for escalations.
    public var rule: String?
    /// A playbook template offered with it (the 30- and 60-minute updates in a nudge).
    public var offer: MessageKind?
    /// A transport not to send it through (the one whose failure it reports).
    public var avoiding: TransportName?
    /// The alert proposal it is about, for a proposal's messages: they belong to no incident yet (`incident` is 0 and
    /// `sequence` the proposal's version), and are rendered from what the proposal would declare.
    public var proposal: AlertProposalID?
    /// The command that caused it also told customers (`--public`): the team's message says so. `nil` otherwise, so a
    /// notice stored before this was kept reads the same.
    public var toCustomers: Bool?

    public init(kind: MessageKind, incident: IncidentID, sequence: Int, destination: Destination, audience: [Audience] = [], prompts: [String] = [], rule: String? = nil, offer: MessageKind? = nil, avoiding: TransportName? = nil, proposal: AlertProposalID? = nil) {
        self.kind = kind
        self.incident = incident
        self.sequence = sequence
        self.destination = destination
        self.audience = audience
        self.prompts = prompts
        self.rule = rule
        self.offer = offer
        self.avoiding = avoiding
        self.proposal = proposal
    }

    /// A stable key that identifies this notice, so delivery can be made idempotent.
    public var idempotencyKey: String {
        if let proposal { return "proposal-\(proposal)/\(sequence)/\(kind.rawValue)/\(destination.key)" }
        return "incident-\(incident.rawValue)/\(sequence)/\(kind.rawValue)/\(rule.map { "\($0)/" } ?? "")\(destination.key)"
    }
}

/// Where a notice goes.
public enum Destination: Codable, Sendable, Equatable {
    /// The incident's own channel (and later its thread).
    case incidentChannel(ChannelRef)
    /// Directly to the people in a role (DM or group), on chat.
    case role(String)
    /// By email to the people in a role.
    case email(String)
    /// The ticket tracker (GitHub Issues, a webhook): action items and the tickets P2 and P3 incidents get.
    case tracker
    /// The incident's copy on Atlassian Statuspage, brought up to date with what the public status page shows.
    case statuspage

    var key: String {
        switch self {
        case .incidentChannel(let channel): "channel:\(channel)"
        case .role(let role): "role:\(role)"
        case .email(let role): "email:\(role)"
        case .tracker: "tracker"
        case .statuspage: "statuspage"
        }
    }
}

/// Someone a message mentions.
public enum Audience: Codable, Sendable, Equatable {
    /// Everyone in the channel (`@channel`).
    case channel
    /// A role from the policy, resolved to people or groups by configuration.
    case role(String)
    case person(Participant)
}
