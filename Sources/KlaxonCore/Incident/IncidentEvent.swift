import Foundation

/// One fact in an incident's timeline. Events are never changed once recorded.
public struct IncidentEvent: Codable, Sendable, Equatable {
    /// When it happened (the time the command was received).
    public let at: Date
    /// Who caused it; `nil` for the bot's own events (timers, escalations).
    public let actor: Participant?
    /// What happened.
    public let change: IncidentChange

    public init(at: Date, actor: Participant?, change: IncidentChange) {
        self.at = at
        self.actor = actor
        self.change = change
    }
}

/// What an event records.
public enum IncidentChange: Codable, Sendable, Equatable {
    case declared(Declaration)
    case updatePosted(text: String)
    case statusChanged(from: StatusPhase, to: StatusPhase, note: String?)
    case commanderAssigned(Participant)
    case severityChanged(from: Severity, to: Severity, reason: String?)
    case scopeSet(text: String)
    case checklistItemChecked(checklist: String, item: String)
    /// A tick by hand taken back (ticked by mistake).
    case checklistItemUnchecked(checklist: String, item: String)
    case notePosted(text: String)
    case resolved(summary: String, forcedReason: String?)
    /// Open again after its resolution (what was fixed came back), before its review is closed.
    case reopened(reason: String)
    /// Declared by mistake (a false alarm, a duplicate): closed for good, with no review, and left out of the
    /// statistics.
    case withdrawn(reason: String)
    case reviewScheduled(when: String)
    case timerFired(IncidentTimer)
    /// Messages could not reach a platform: it is failing for good, or has been unreachable too long.
    /// `partly`: delivered, but not to every recipient (a mail server refusing one address for good);
    /// `customerEmail`: the message given up was the customer email. Both absent in events from before they were
    /// recorded, which an older Klaxon reads without them.
    case deliveryFailed(transport: TransportName, reason: String, permanent: Bool, partly: Bool? = nil, customerEmail: Bool? = nil)
    /// Who and what was affected, for how long.
    case impactSet(text: String)
    /// The root cause as understood now.
    case causeSet(text: String)
    /// A reason it was not caught earlier (a monitoring gap).
    case gapNoted(text: String)
    case actionAdded(ActionItem)
    case actionClosed(number: Int)
    /// A ticket was filed: for an action item, or (`number` nil) for the incident itself.
    case ticketFiled(action: Int?, url: String)
    case milestoneSet(Milestone, at: Date)
    /// The post-incident review is done; `forcedReason` when closed without what the policy asks for.
    case reviewClosed(forcedReason: String?)
    /// Alerts of the incident's group started firing or resolved.
    case alertsChanged(AlertChange)
    /// Shown on the public status page from now on, under `title` when one is given (else the incident's title).
    case madePublic(title: String?)
    /// Taken off the public status page.
    case madePrivate
    /// Text for customers, on the status page with the incident's status.
    case publicUpdatePosted(status: StatusPhase, text: String)
    /// When a fix is expected (`nil`: no estimate any more).
    case etaSet(at: Date?)
    /// Which components are affected and how; a component not listed keeps its impact.
    case componentsAffected([AffectedComponent])
    /// The incident's copy on an Atlassian Statuspage page: later changes update that one.
    case statuspageLinked(id: String)
    /// That copy was deleted on Statuspage (the incident was made private): a new publication creates another.
    case statuspageUnlinked(id: String)
    /// The customer email was sent to this role (`/incident notify customers`).
    case customersNotified(role: String)

    /// A short machine name for the event, used as the stored event type.
    public var name: String {
        switch self {
        case .declared: "declared"
        case .updatePosted: "update_posted"
        case .statusChanged: "status_changed"
        case .commanderAssigned: "commander_assigned"
        case .severityChanged: "severity_changed"
        case .scopeSet: "scope_set"
        case .checklistItemChecked: "checklist_item_checked"
        case .checklistItemUnchecked: "checklist_item_unchecked"
        case .notePosted: "note_posted"
        case .resolved: "resolved"
        case .reopened: "reopened"
        case .withdrawn: "withdrawn"
        case .reviewScheduled: "review_scheduled"
        case .timerFired: "timer_fired"
        case .deliveryFailed: "delivery_failed"
        case .impactSet: "impact_set"
        case .causeSet: "cause_set"
        case .gapNoted: "gap_noted"
        case .actionAdded: "action_added"
        case .actionClosed: "action_closed"
        case .ticketFiled: "ticket_filed"
        case .milestoneSet: "milestone_set"
        case .reviewClosed: "review_closed"
        case .alertsChanged: "alerts_changed"
        case .madePublic: "made_public"
        case .madePrivate: "made_private"
        case .publicUpdatePosted: "public_update_posted"
        case .etaSet: "eta_set"
        case .componentsAffected: "components_affected"
        case .statuspageLinked: "statuspage_linked"
        case .statuspageUnlinked: "statuspage_unlinked"
        case .customersNotified: "customers_notified"
        }
    }
}

/// The facts given when an incident is declared.
public struct Declaration: Codable, Sendable, Equatable {
    public var severity: Severity
    public var title: String
    public var kind: IncidentKind
    /// Whether users see the problem: drives public updates and some escalations.
    public var publicFacing: Bool
    /// The channel the incident was declared in; its home.
    public var channel: ChannelRef
    /// The alert group that opened it, for incidents declared from alerts.
    public var alerts: AlertOrigin?

    public init(
        severity: Severity, title: String, kind: IncidentKind = .general, publicFacing: Bool = false, channel: ChannelRef,
        alerts: AlertOrigin? = nil
    ) {
        self.severity = severity
        self.title = title
        self.kind = kind
        self.publicFacing = publicFacing
        self.channel = channel
        self.alerts = alerts
    }

    /// A title as a heading: one closing full stop dropped, since messages go on after a title ("… is incident
    /// commander for #3 Uploads failing" read "failing.." with it). An ellipsis, and a title that is only a stop, stay.
    public static func heading(_ title: String) -> String {
        guard title.hasSuffix("."), !title.hasSuffix(".."), title.count > 1 else { return title }
        return String(title.dropLast())
    }
}
