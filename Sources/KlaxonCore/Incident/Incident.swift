import Foundation

/// The current state of one incident: a fold over its events.
public struct Incident: Sendable {
    public let id: IncidentID
    public private(set) var severity: Severity
    public private(set) var title: String
    public private(set) var kind: IncidentKind
    public internal(set) var publicFacing: Bool
    public private(set) var channel: ChannelRef
    public private(set) var declaredBy: Participant?
    public private(set) var declaredAt: Date
    public private(set) var status: StatusPhase = .investigating
    public private(set) var commander: Participant?
    /// The commander the last change of commander replaced, and when it happened: who the announcement names.
    public private(set) var replacedCommander: (person: Participant, at: Date)?
    public private(set) var scope: String?
    public private(set) var lastUpdateAt: Date?
    public private(set) var lastUpdateText: String?
    public private(set) var resolvedAt: Date?
    public private(set) var resolution: String?
    /// Why it was withdrawn as declared by mistake; `nil` for an incident that was not.
    public private(set) var withdrawal: String?
    /// When the current severity began (declaration, or the last severity change), moved on by the time spent
    /// resolved before a reopening: the playbook's clocks count the time the incident is open.
    public private(set) var severitySince: Date
    /// Open time spent at each severity before its current stretch: lowered for a minute and raised again, an
    /// incident has been a P0 all along on the playbook's "P0 ongoing over an hour" clock.
    public private(set) var earlierTimeAt: [Severity: TimeInterval] = [:]
    /// The spans spent resolved before a reopening, oldest first (see `Incident+OpenTime`).
    public private(set) var pauses: [(from: Date, to: Date)] = []
    /// How long the incident spent resolved before it was reopened (0 if it never was).
    public var timeResolved: TimeInterval { pauses.reduce(0) { $0 + $1.to.timeIntervalSince($1.from) } }
    /// Where the update cadence counts from: the last update, status note, severity change or declaration.
    public private(set) var cadenceAnchor: Date
    /// The last update-due slot fired for the current anchor.
    public private(set) var lastNudgeSlot: Int?
    /// One-off timers already fired (see `IncidentTimer.onceKey`).
    public private(set) var firedOnce: Set<String> = []
    /// The last review-reminder slot fired.
    public private(set) var lastReviewReminderSlot: Int?
    /// When the post-incident review is scheduled for, as the commander wrote it.
    public private(set) var reviewScheduledFor: String?
    /// When the review was scheduled: what a time in `reviewScheduledFor` counts from (`-20m`).
    public private(set) var reviewScheduledAt: Date?
    /// Impact, cause, gaps, action items and milestones gathered for the review.
    public private(set) var review = ReviewRecord()
    /// Transports whose failure has been announced for this incident, with the last reason announced.
    public private(set) var deliveryProblems: [TransportName: String] = [:]
    /// When a customer email was last given up for good (every recipient refused, or the mail server refusing it).
    public private(set) var customerEmailFailedAt: Date?
    /// The alert group that opened it, if alerts did.
    public private(set) var alertOrigin: AlertOrigin?
    /// The group's alerts firing now, as far as the notifications told.
    public private(set) var firingAlerts: [AlertSummary] = []
    /// The title the status page shows instead of `title`, when one was given.
    public internal(set) var publicTitle: String?
    /// When a fix is expected, for the status page.
    public internal(set) var eta: Date?
    /// Whether that fix time passed without a new one (the ETA-passed timer fired for it): the page says so.
    public internal(set) var etaOverdue = false
    /// Affected components by id, with their impact (the policy's `public_status.components`).
    public internal(set) var components: [String: ComponentImpact] = [:]
    /// Every component the incident ever marked as not operational: once it is resolved, those that were affected.
    public internal(set) var everAffected: Set<String> = []
    /// What the status page has said, oldest first (see `Incident+Public`).
    public internal(set) var publicUpdates: [PublicUpdate] = []
    /// When what the status page shows last changed.
    public internal(set) var publicChangedAt: Date?
    /// When the page's title of the incident last changed while it was on the page.
    public internal(set) var publicTitledAt: Date?
    /// Its incident on Atlassian Statuspage, while it is public and has one.
    public internal(set) var statuspageIncident: String?
    /// When customers were last emailed about the incident (`/incident notify customers`).
    public internal(set) var customersNotifiedAt: Date?
    /// Checklist items ticked by hand, as `checklist/item`.
    public private(set) var checkedItems: Set<String> = []
    /// The names of the kinds of event recorded so far (checklist items are done by events).
    private var eventNames: Set<String> = []
    /// The events, shared with earlier and later states of this incident (see `EventLog`).
    private var log: EventLog

    /// The number of events recorded; the next event gets `version + 1`.
    public private(set) var version: Int = 0
    public var isOpen: Bool { resolvedAt == nil }

    /// Where the playbook's clocks count from (escalations, the checklist's deadline, the recovery target): the
    /// declaration, moved on by the time spent resolved, so a reopened incident is not escalated for that time.
    public var clockStart: Date { declaredAt + timeResolved }

    /// The events so far, oldest first: the timeline. A copy: O(events), for reports and queries, not the write path.
    public var timeline: [IncidentEvent] { log.prefix(version) }

    /// The last `count` events, oldest first, without copying the whole history as `timeline` does.
    public func latestEvents(_ count: Int) -> [IncidentEvent] {
        log.events(in: max(0, version - count)..<version)
    }

    /// The event numbered `sequence` (1-based), if recorded.
    public func event(_ sequence: Int) -> IncidentEvent? {
        sequence >= 1 && sequence <= version ? log.event(at: sequence - 1) : nil
    }

    /// Starts an incident from its `declared` event.
    public init?(id: IncidentID, first event: IncidentEvent) {
        guard case .declared(let declaration) = event.change else { return nil }
        self.id = id
        self.severity = declaration.severity
        self.title = declaration.title
        self.kind = declaration.kind
        self.publicFacing = declaration.publicFacing
        self.channel = declaration.channel
        self.alertOrigin = declaration.alerts
        self.firingAlerts = declaration.alerts?.firing ?? []
        self.declaredBy = event.actor
        self.declaredAt = event.at
        self.severitySince = event.at
        self.cadenceAnchor = event.at
        self.log = EventLog([event])
        self.version = 1
        self.eventNames = [event.change.name]
        if publicFacing { publish(at: event.at, sequence: 1) }
    }

    /// Rebuilds an incident from its whole event list.
    public init?(id: IncidentID, events: [IncidentEvent]) {
        guard let first = events.first, var incident = Incident(id: id, first: first) else { return nil }
        for event in events.dropFirst() { incident.apply(event) }
        self = incident
    }

    /// The state after `event`: `evolve(state, event) -> state`.
    public func evolved(by event: IncidentEvent) -> Incident {
        var next = self
        next.apply(event)
        return next
    }

    /// `evolved(by:)` in place: for replaying a long history without copying the incident at every step.
    public mutating func evolve(by event: IncidentEvent) {
        apply(event)
    }

    private mutating func apply(_ event: IncidentEvent) {
        if !log.append(event, after: version) {
            // An older state is being evolved a second way (a decision that was not stored): branch off.
            log = EventLog(log.prefix(version) + [event])
        }
        version += 1
        eventNames.insert(event.change.name)
        switch event.change {
        case .declared:
            break
        case .updatePosted(let text):
            recordUpdate(text, at: event.at)
        case .statusChanged(_, let to, let note):
            status = to
            if let note { recordUpdate(note, at: event.at) }
            if publicFacing { told(PublicUpdate(sequence: version, at: event.at, status: to, text: nil)) }
        case .commanderAssigned(let person):
            replacedCommander = commander.map { ($0, event.at) }
            commander = person
        case .severityChanged(let from, let to, _):
            earlierTimeAt[from, default: 0] += max(0, event.at.timeIntervalSince(severitySince))
            severity = to
            severitySince = event.at
            // The new severity's cadence applies from this moment.
            restartCadence(at: event.at)
        case .scopeSet(let text):
            scope = text
        case .checklistItemChecked(let checklist, let item):
            checkedItems.insert("\(checklist)/\(item)")
        case .checklistItemUnchecked(let checklist, let item):
            checkedItems.remove("\(checklist)/\(item)")
        case .notePosted:
            break
        case .resolved(let summary, _):
            status = .resolved
            resolvedAt = event.at
            resolution = summary
            // The summary is written for the team: customers get the policy's text, or a `--public` note.
            if publicFacing { told(PublicUpdate(sequence: version, at: event.at, status: .resolved, text: nil)) }
        case .reopened:
            reopen(at: event.at)
            review.apply(event.change, at: event.at)
        case .withdrawn(let reason):
            // Closed like a resolution, and its review with it: there is nothing to review in a false alarm.
            status = .resolved
            resolvedAt = event.at
            withdrawal = reason
            review.apply(event.change, at: event.at)
            if publicFacing { told(PublicUpdate(sequence: version, at: event.at, status: .resolved, text: nil, withdrawn: true)) }
        case .reviewScheduled(let when):
            reviewScheduledFor = when
            reviewScheduledAt = event.at
        case .timerFired(let timer):
            fired(timer)
            // Customers read the passed fix time as late, not as still expected, from the moment the team is asked.
            if case .etaPassed(let passed) = timer, passed == eta, publicFacing {
                etaOverdue = true
                publicChangedAt = event.at
            }
        case .deliveryFailed(let transport, let reason, let permanent, let partly, let customerEmail):
            deliveryProblems[transport] = reason
            if permanent, partly != true, customerEmail == true { customerEmailFailedAt = event.at }
        case .impactSet, .causeSet, .gapNoted, .actionAdded, .actionClosed, .ticketFiled, .milestoneSet, .reviewClosed:
            review.apply(event.change, at: event.at)
            // The page says when the problem began: a feed or a client polling with If-Modified-Since must see it move.
            if case .milestoneSet(.impactStarted, _) = event.change, publicFacing { publicChangedAt = event.at }
        case .alertsChanged(let change):
            let resolved = Set(change.resolved.map(\.fingerprint))
            firingAlerts = firingAlerts.filter { !resolved.contains($0.fingerprint) } + change.firing
        case .madePublic, .madePrivate, .publicUpdatePosted, .etaSet, .componentsAffected, .statuspageLinked, .statuspageUnlinked,
            .customersNotified:
            applyPublic(event, sequence: version)
        }
    }

    private mutating func recordUpdate(_ text: String, at time: Date) {
        lastUpdateAt = time
        lastUpdateText = text
        restartCadence(at: time)
    }

    /// Open again: investigating, updates due a cadence from now, the old estimate gone (it was for the fix that did
    /// not hold), the fix to be verified again (the resolution checklist's ticks taken back). What the review has
    /// gathered stays; its reminders count from the next resolution. The time spent resolved does not count on the
    /// playbook's clocks.
    private mutating func reopen(at time: Date) {
        if let from = resolvedAt {
            pauses.append((from, max(from, time)))
            severitySince += max(0, time.timeIntervalSince(from))
        }
        checkedItems = checkedItems.filter { !$0.hasPrefix("resolution/") }
        status = .investigating
        resolvedAt = nil
        resolution = nil
        eta = nil
        lastReviewReminderSlot = nil
        firedOnce.remove(IncidentTimer.reviewOverdue.onceKey ?? "")
        restartCadence(at: time)
        if publicFacing { told(PublicUpdate(sequence: version, at: time, status: .investigating, text: nil)) }
    }

    private mutating func restartCadence(at time: Date) {
        cadenceAnchor = time
        lastNudgeSlot = nil
    }

    private mutating func fired(_ timer: IncidentTimer) {
        if let key = timer.onceKey { firedOnce.insert(key) }
        switch timer {
        case .updateDue(let anchor, let slot) where anchor == cadenceAnchor:
            lastNudgeSlot = slot
        case .reviewReminder(let slot):
            lastReviewReminderSlot = slot
        default:
            break
        }
    }

    /// Whether anything in the timeline is an event of this machine name.
    public func hasEvent(named name: String) -> Bool {
        eventNames.contains(name)
    }
}

extension Incident: Equatable {
    /// Two states are the same when they are the same incident with the same events: the rest is their fold.
    public static func == (lhs: Incident, rhs: Incident) -> Bool {
        lhs.id == rhs.id && lhs.version == rhs.version && lhs.timeline == rhs.timeline
    }
}
