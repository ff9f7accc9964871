/// What someone asked Klaxon to do, decoded from any chat platform.
public enum IncidentCommand: Equatable, Sendable {
    case declare(severity: Severity, title: String, kind: IncidentKind, publicFacing: Bool)
    case update(IncidentTarget, text: String)
    case status(IncidentTarget, phase: StatusPhase, note: String?)
    case commander(IncidentTarget, PersonMention)
    case severity(IncidentTarget, Severity, reason: String?)
    case scope(IncidentTarget, text: String)
    case check(IncidentTarget, item: String)
    case note(IncidentTarget, text: String)
    case resolve(IncidentTarget, summary: String, forceReason: String?)
    case scheduleReview(IncidentTarget, when: String)
    case list
    case show(IncidentTarget)
    case timeline(IncidentTarget)
    case runbook(String?)
    case help(String?)

    /// The incident the command names, for commands about one incident.
    public var target: IncidentTarget? {
        switch self {
        case .update(let target, _), .status(let target, _, _), .commander(let target, _), .severity(let target, _, _),
            .scope(let target, _), .check(let target, _), .note(let target, _), .resolve(let target, _, _), .scheduleReview(let target, _),
            .show(let target), .timeline(let target):
            target
        case .declare, .list, .runbook, .help:
            nil
        }
    }

    /// Whether the command only reads (and so records nothing).
    public var isQuery: Bool {
        switch self {
        case .list, .show, .timeline, .runbook, .help: true
        default: false
        }
    }

    /// The catalogue name of the command, for help and errors.
    public var name: String {
        switch self {
        case .declare: "declare"
        case .update: "update"
        case .status: "status"
        case .commander: "commander"
        case .severity: "severity"
        case .scope: "scope"
        case .check: "check"
        case .note: "note"
        case .resolve: "resolve"
        case .scheduleReview: "review"
        case .list: "list"
        case .show: "show"
        case .timeline: "timeline"
        case .runbook: "runbook"
        case .help: "help"
        }
    }
}

/// Which incident a command is about.
public enum IncidentTarget: Equatable, Sendable {
    /// The only open incident in the channel the command came from.
    case current
    /// An explicit `#id`.
    case incident(IncidentID)
}

/// A person named in a command.
public enum PersonMention: Equatable, Sendable {
    /// The person who sent the command.
    case me
    case person(Participant)
}
