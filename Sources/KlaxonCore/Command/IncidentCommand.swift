/// What someone asked Klaxon to do, decoded from any chat platform.
public enum IncidentCommand: Equatable, Sendable {
    case declare(severity: Severity, title: String, kind: IncidentKind, publicFacing: Bool)
    /// Declares the incident an alert group proposed.
    case accept(AlertProposalID)
    case update(IncidentTarget, text: String)
    case status(IncidentTarget, phase: StatusPhase, note: String?)
    case commander(IncidentTarget, PersonMention)
    case severity(IncidentTarget, Severity, reason: String?)
    case scope(IncidentTarget, text: String)
    case check(IncidentTarget, item: String)
    /// Takes back a tick by hand.
    case uncheck(IncidentTarget, item: String)
    case note(IncidentTarget, text: String)
    case resolve(IncidentTarget, summary: String, forceReason: String?)
    /// Opens a resolved incident again: what was fixed came back.
    case reopen(IncidentTarget, reason: String)
    /// Closes an incident declared by mistake: no review, not in the statistics.
    case withdraw(IncidentTarget, reason: String)
    case scheduleReview(IncidentTarget, when: String)
    /// Closes the post-incident review; `forceReason` skips what the policy asks for first.
    case closeReview(IncidentTarget, forceReason: String?)
    case impact(IncidentTarget, text: String)
    case cause(IncidentTarget, text: String)
    case gap(IncidentTarget, text: String)
    case addAction(IncidentTarget, owner: PersonMention, text: String, team: String?, due: CalendarDay?)
    case closeAction(IncidentTarget, number: Int)
    case milestone(IncidentTarget, Milestone, TimeReference?)
    case actions(IncidentTarget)
    case report(IncidentTarget)
    case list
    case show(IncidentTarget)
    case timeline(IncidentTarget)
    case runbook(String?)
    case help(String?)
    /// `update --public`: an update the status page shows as well.
    case publicUpdate(IncidentTarget, text: String)
    /// `status <phase> --public <note>`, or `resolve --public <summary>`: a status change with a note for the status
    /// page; a resolution may be forced, as `resolve`'s.
    case publicStatus(IncidentTarget, phase: StatusPhase, note: String, forceReason: String? = nil)
    /// Puts the incident on the status page, optionally under a title written for customers.
    case makePublic(IncidentTarget, title: String?)
    case makePrivate(IncidentTarget)
    case eta(IncidentTarget, EstimatedTime)
    /// Components as typed (ids or names); `impact` nil lets the severity decide.
    case affects(IncidentTarget, components: [String], impact: ComponentImpact?)
    /// `notify customers`: emails the customer draft to the policy's customers role; `preview` only shows it,
    /// `again` sends it a second time.
    case notifyCustomers(IncidentTarget, preview: Bool, again: Bool)

    /// The incident the command names, for commands about one incident.
    public var target: IncidentTarget? {
        switch self {
        case .update(let target, _), .status(let target, _, _), .commander(let target, _), .severity(let target, _, _),
            .scope(let target, _), .check(let target, _), .uncheck(let target, _), .note(let target, _), .resolve(let target, _, _), .reopen(let target, _), .withdraw(let target, _), .scheduleReview(let target, _),
            .show(let target), .timeline(let target), .closeReview(let target, _), .impact(let target, _), .cause(let target, _),
            .gap(let target, _), .addAction(let target, _, _, _, _), .closeAction(let target, _), .milestone(let target, _, _),
            .actions(let target), .report(let target), .publicUpdate(let target, _), .publicStatus(let target, _, _, _),
            .makePublic(let target, _), .makePrivate(let target), .eta(let target, _), .affects(let target, _, _),
            .notifyCustomers(let target, _, _):
            target
        case .declare, .accept, .list, .runbook, .help:
            nil
        }
    }

    /// Whether the command records a fact for the review: allowed on resolved incidents until the review is closed.
    public var isReviewFact: Bool {
        switch self {
        case .impact, .cause, .gap, .addAction, .closeAction, .milestone: true
        default: false
        }
    }

    /// Whether the command only reads (and so records nothing).
    public var isQuery: Bool {
        switch self {
        case .list, .show, .timeline, .runbook, .help, .actions, .report, .notifyCustomers(_, preview: true, _): true
        default: false
        }
    }

    /// The catalogue name of the command, for help and errors.
    public var name: String {
        switch self {
        case .declare: "declare"
        case .accept: "accept"
        case .update, .publicUpdate: "update"
        case .status, .publicStatus: "status"
        case .makePublic: "public"
        case .makePrivate: "private"
        case .eta: "eta"
        case .affects: "affects"
        case .notifyCustomers: "notify"
        case .commander: "commander"
        case .severity: "severity"
        case .scope: "scope"
        case .check: "check"
        case .uncheck: "uncheck"
        case .note: "note"
        case .resolve: "resolve"
        case .reopen: "reopen"
        case .withdraw: "withdraw"
        case .scheduleReview, .closeReview: "review"
        case .impact: "impact"
        case .cause: "cause"
        case .gap: "gap"
        case .addAction, .closeAction: "action"
        case .milestone(_, .impactStarted, _): "started"
        case .milestone(_, .mitigated, _): "mitigated"
        case .actions: "actions"
        case .report: "report"
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
