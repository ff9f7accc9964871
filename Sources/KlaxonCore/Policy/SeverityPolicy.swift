/// What the playbook says about one severity.
public struct SeverityPolicy: Codable, Sendable, Equatable {
    public var name: String
    public var label: String
    /// The one-line headline used in alerts: "Service is down".
    public var headline: String
    public var meaning: String
    public var examples: [String]
    public var response: [String]
    /// Whether the declare alert pings the whole channel.
    public var pingChannel: Bool
    /// How often updates are due; `nil` when none are needed.
    public var updateEvery: PolicyDuration?
    /// Updates are only due when the incident is public-facing (P2).
    public var updatesOnlyWhenPublic: Bool
    /// How long recovery should take at most; `nil` for no target.
    public var recoveryTarget: PolicyDuration?
    public var review: ReviewPolicy

    enum CodingKeys: String, CodingKey {
        case name, label, headline, meaning, examples, response, review
        case pingChannel = "ping_channel"
        case updateEvery = "update_every"
        case updatesOnlyWhenPublic = "updates_only_when_public"
        case recoveryTarget = "recovery_target"
    }

    public init(
        name: String, label: String, headline: String, meaning: String, examples: [String], response: [String],
        pingChannel: Bool, updateEvery: PolicyDuration?, updatesOnlyWhenPublic: Bool,
        recoveryTarget: PolicyDuration?, review: ReviewPolicy
    ) {
        self.name = name
        self.label = label
        self.headline = headline
        self.meaning = meaning
        self.examples = examples
        self.response = response
        self.pingChannel = pingChannel
        self.updateEvery = updateEvery
        self.updatesOnlyWhenPublic = updatesOnlyWhenPublic
        self.recoveryTarget = recoveryTarget
        self.review = review
    }

    /// The cadence that applies to an incident, taking `updates_only_when_public` into account.
    public func cadence(publicFacing: Bool) -> PolicyDuration? {
        if updatesOnlyWhenPublic && !publicFacing { return nil }
        return updateEvery
    }
}

/// The post-incident review a severity asks for.
public struct ReviewPolicy: Codable, Sendable, Equatable {
    /// How formal the review is.
    public enum Requirement: String, Codable, Sendable {
        case mandatory, required, brief, none
    }

    public var requirement: Requirement
    /// Schedule within this long of resolution.
    public var within: PolicyDuration?
    /// What the review is called in messages: "post-incident review", "brief postmortem".
    public var description: String

    public init(requirement: Requirement, within: PolicyDuration?, description: String) {
        self.requirement = requirement
        self.within = within
        self.description = description
    }
}
