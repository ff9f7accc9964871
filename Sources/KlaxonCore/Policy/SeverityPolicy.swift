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
    /// How soon a commander must be named before Klaxon nudges (P0: 5 minutes).
    public var commanderWithin: PolicyDuration?
    /// Playbook update templates offered in the nudge once the incident is this old (P0: 30 and 60 minutes).
    public var updateTemplates: [UpdateTemplateOffer]
    /// How long a chat platform may keep failing before responders are told elsewhere (P0: 2 minutes).
    public var fallbackAfter: PolicyDuration?
    /// Whether declaring an incident of this severity files a ticket in the tracker (the playbook's P2 and P3).
    public var fileTicket: Bool = false

    enum CodingKeys: String, CodingKey {
        case name, label, headline, meaning, examples, response, review
        case pingChannel = "ping_channel"
        case updateEvery = "update_every"
        case updatesOnlyWhenPublic = "updates_only_when_public"
        case recoveryTarget = "recovery_target"
        case commanderWithin = "commander_within"
        case updateTemplates = "update_templates"
        case fallbackAfter = "fallback_after"
        case fileTicket = "file_ticket"
    }

    public init(
        name: String, label: String, headline: String, meaning: String, examples: [String], response: [String],
        pingChannel: Bool, updateEvery: PolicyDuration?, updatesOnlyWhenPublic: Bool,
        recoveryTarget: PolicyDuration?, review: ReviewPolicy, commanderWithin: PolicyDuration? = nil,
        updateTemplates: [UpdateTemplateOffer] = [], fallbackAfter: PolicyDuration? = nil
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
        self.commanderWithin = commanderWithin
        self.updateTemplates = updateTemplates
        self.fallbackAfter = fallbackAfter
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        label = try container.decode(String.self, forKey: .label)
        headline = try container.decode(String.self, forKey: .headline)
        meaning = try container.decode(String.self, forKey: .meaning)
        examples = try container.decodeIfPresent([String].self, forKey: .examples) ?? []
        response = try container.decodeIfPresent([String].self, forKey: .response) ?? []
        pingChannel = try container.decodeIfPresent(Bool.self, forKey: .pingChannel) ?? false
        updateEvery = try container.decodeIfPresent(PolicyDuration.self, forKey: .updateEvery)
        updatesOnlyWhenPublic = try container.decodeIfPresent(Bool.self, forKey: .updatesOnlyWhenPublic) ?? false
        recoveryTarget = try container.decodeIfPresent(PolicyDuration.self, forKey: .recoveryTarget)
        review = try container.decode(ReviewPolicy.self, forKey: .review)
        commanderWithin = try container.decodeIfPresent(PolicyDuration.self, forKey: .commanderWithin)
        updateTemplates = try container.decodeIfPresent([UpdateTemplateOffer].self, forKey: .updateTemplates) ?? []
        fallbackAfter = try container.decodeIfPresent(PolicyDuration.self, forKey: .fallbackAfter)
        fileTicket = try container.decodeIfPresent(Bool.self, forKey: .fileTicket) ?? false
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

    /// When the first reminder to schedule it comes, counted from resolution.
    public var remindAfter: PolicyDuration?
    /// How often the reminder repeats until the review is scheduled; `nil` reminds once.
    public var remindEvery: PolicyDuration?
    /// The template the incident report is written with; by default the full report for a mandatory review, the
    /// brief postmortem for a required one, the brief summary otherwise.
    public var report: String?
    /// Roles invited to the review besides the commander and everyone who acted on the incident (the playbook's
    /// on-call lead and someone from ops or management).
    public var attendees: [String]

    /// The report template in force.
    public var reportTemplate: String {
        if let report { return report }
        return switch requirement {
        case .mandatory: "report-full"
        case .required: "report-postmortem"
        case .brief, .none: "report-summary"
        }
    }

    enum CodingKeys: String, CodingKey {
        case requirement, within, description, report, attendees
        case remindAfter = "remind_after"
        case remindEvery = "remind_every"
    }

    public init(
        requirement: Requirement, within: PolicyDuration?, description: String, remindAfter: PolicyDuration? = nil, remindEvery: PolicyDuration? = nil,
        report: String? = nil, attendees: [String] = []
    ) {
        self.report = report
        self.attendees = attendees
        self.requirement = requirement
        self.within = within
        self.description = description
        self.remindAfter = remindAfter
        self.remindEvery = remindEvery
    }
}

extension ReviewPolicy {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requirement = try container.decode(Requirement.self, forKey: .requirement)
        within = try container.decodeIfPresent(PolicyDuration.self, forKey: .within)
        description = try container.decode(String.self, forKey: .description)
        remindAfter = try container.decodeIfPresent(PolicyDuration.self, forKey: .remindAfter)
        remindEvery = try container.decodeIfPresent(PolicyDuration.self, forKey: .remindEvery)
        report = try container.decodeIfPresent(String.self, forKey: .report)
        attendees = try container.decodeIfPresent([String].self, forKey: .attendees) ?? []
    }
}

/// A playbook update template offered in a nudge once an incident is `at` old.
public struct UpdateTemplateOffer: Codable, Sendable, Equatable {
    public var at: PolicyDuration
    public var message: MessageKind

    public init(at: PolicyDuration, message: MessageKind) {
        self.at = at
        self.message = message
    }
}
