/// Who to notify, when: one line of the playbook's escalation chain.
public struct EscalationRule: Codable, Sendable, Equatable {
    public var id: String
    /// Which incidents the rule applies to; every field set must match.
    public var when: EscalationCondition
    /// How long after declaration it fires; `nil` or zero means at once.
    public var after: PolicyDuration?
    /// Role names from the policy's `roles`.
    public var notify: [String]
    /// Prompts for the commander that come with the escalation ("Notify customers").
    public var prompts: [String]
    /// How the roles are reached: in chat (default) or by email.
    public var via: Via
    /// A draft shown with the escalation in chat (`customer_email`: the email to affected users, with the command
    /// that sends it).
    public var offer: MessageKind?

    /// The channel an escalation goes out on.
    public enum Via: String, Codable, Sendable {
        case chat, email
    }

    enum CodingKeys: String, CodingKey {
        case id, when, after, notify, prompts, via, offer
    }

    public init(
        id: String, when: EscalationCondition, after: PolicyDuration? = nil, notify: [String], prompts: [String] = [], via: Via = .chat,
        offer: MessageKind? = nil
    ) {
        self.offer = offer
        self.id = id
        self.when = when
        self.after = after
        self.notify = notify
        self.prompts = prompts
        self.via = via
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        when = try container.decodeIfPresent(EscalationCondition.self, forKey: .when) ?? EscalationCondition()
        after = try container.decodeIfPresent(PolicyDuration.self, forKey: .after)
        notify = try container.decodeIfPresent([String].self, forKey: .notify) ?? []
        prompts = try container.decodeIfPresent([String].self, forKey: .prompts) ?? []
        via = try container.decodeIfPresent(Via.self, forKey: .via) ?? .chat
        offer = try container.decodeIfPresent(MessageKind.self, forKey: .offer)
    }

    /// Whether the rule fires at declaration rather than later.
    public var isImmediate: Bool { (after?.seconds ?? 0) == 0 }
}

/// The incident facts an escalation rule matches on.
public struct EscalationCondition: Codable, Sendable, Equatable {
    public var severity: [Severity]?
    public var kind: [IncidentKind]?
    /// Only public-facing (user-facing) incidents when `true`.
    public var publicFacing: Bool?

    enum CodingKeys: String, CodingKey {
        case severity, kind
        case publicFacing = "public_facing"
    }

    public init(severity: [Severity]? = nil, kind: [IncidentKind]? = nil, publicFacing: Bool? = nil) {
        self.severity = severity
        self.kind = kind
        self.publicFacing = publicFacing
    }

    /// Whether an incident with these facts matches.
    public func matches(severity: Severity, kind: IncidentKind, publicFacing: Bool) -> Bool {
        if let wanted = self.severity, !wanted.contains(severity) { return false }
        if let wanted = self.kind, !wanted.contains(kind) { return false }
        if let wanted = self.publicFacing, wanted != publicFacing { return false }
        return true
    }
}
