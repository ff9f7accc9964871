import Foundation

/// Decides what a command means for an incident: `decide(state, command, now, policy) -> [event]`.
/// Pure: the same inputs always give the same events or the same rejection.
public struct IncidentDecider: Sendable {
    public let policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// The events a command records, or why it is refused.
    /// - Parameters:
    ///   - incident: the incident the command is about (`nil` for `declare`).
    ///   - actor: who sent the command.
    ///   - channel: where it was sent from.
    public func decide(
        _ command: IncidentCommand, on incident: Incident?, by actor: Participant, in channel: ChannelRef, at now: Date
    ) throws(CommandRejection) -> [IncidentEvent] {
        func event(_ change: IncidentChange) -> [IncidentEvent] {
            [IncidentEvent(at: now, actor: actor, change: change)]
        }
        try policy.textLimits.check(command)
        if case .declare(let severity, let title, let kind, let publicFacing) = command {
            if publicFacing { try Self.requireNoMentions(in: title, typedOn: channel.platform, for: .declaration) }
            let declaration = Declaration(severity: severity, title: Declaration.heading(title), kind: kind, publicFacing: publicFacing, channel: channel)
            return event(.declared(declaration))
        }
        guard let incident else { throw .noOpenIncident }
        // Withdrawn, it stays as it was: only read, noted, and taken off the status page if the team would rather.
        if incident.withdrawal != nil, !command.isQuery {
            switch command {
            case .note, .makePrivate: break
            default: throw .incidentWithdrawn(incident.id)
            }
        }
        switch command {
        case .publicUpdate, .publicStatus, .makePublic, .makePrivate, .eta, .affects, .notifyCustomers:
            return try decidePublic(command, on: incident, by: actor, in: channel, at: now)
        case .declare, .accept, .list, .show, .timeline, .runbook, .help, .actions, .report:
            return []
        case .impact, .cause, .gap, .addAction, .closeAction, .milestone:
            return try decideReviewFact(command, on: incident, by: actor, at: now).map(event) ?? []
        case .closeReview(_, let forceReason):
            return event(try closeReview(incident, forceReason: forceReason))
        case .note(_, let text):
            return event(.notePosted(text: text))
        case .update(_, let text):
            try requireOpen(incident)
            return event(.updatePosted(text: text))
        case .status(_, .resolved, let note):
            return try decide(.resolve(.incident(incident.id), summary: note ?? "", forceReason: nil), on: incident, by: actor, in: channel, at: now)
        case .status(_, let phase, let note):
            try requireOpen(incident)
            guard phase != incident.status else { throw .unchanged(incident.id, what: "is \(phase.title)") }
            return event(.statusChanged(from: incident.status, to: phase, note: note))
        case .commander(_, let mention):
            try requireOpen(incident)
            let person = if case .person(let person) = mention { person } else { actor }
            guard person != incident.commander else { throw .unchanged(incident.id, what: "has that commander") }
            return event(.commanderAssigned(person))
        case .severity(_, let severity, let reason):
            try requireOpen(incident)
            guard severity != incident.severity else { throw .unchanged(incident.id, what: "is \(severity.label)") }
            if severity > incident.severity, reason == nil {
                throw .downgradeNeedsReason(incident.id, from: incident.severity, to: severity)
            }
            return event(.severityChanged(from: incident.severity, to: severity, reason: reason))
        case .scope(_, let text):
            try requireOpen(incident)
            return event(.scopeSet(text: text))
        case .check(_, let wanted):
            try requireOpen(incident)
            return event(try check(wanted, on: incident))
        case .uncheck(_, let wanted):
            try requireOpen(incident)
            return event(try uncheck(wanted, on: incident))
        case .resolve(_, let summary, let forceReason):
            return try resolve(incident, summary: summary, forceReason: forceReason, at: now, by: actor)
        case .withdraw(_, let reason):
            // Found out after the resolution (a drill, a test alert): still a mistake, until its review is closed.
            guard !incident.review.isClosed else { throw .reviewClosed(incident.id) }
            // A public one stays on the status page, closed as opened in error: customers who read about it (and
            // its feed's subscribers) learn there was nothing, and its address keeps working.
            return event(.withdrawn(reason: reason))
        case .reopen(_, let reason):
            guard !incident.isOpen else { throw .unchanged(incident.id, what: "is open") }
            // The review's facts are final once it is closed; what came back then is a new incident.
            guard !incident.review.isClosed else { throw .reopenAfterReview(incident.id) }
            // Weeks later the same symptom is a new incident, with a clock, a checklist and a review of its own.
            guard Self.reopens(incident, at: now) else { throw .reopenTooLate(incident.id, days: Int(Self.reopenWindow / 86_400)) }
            return event(.reopened(reason: reason))
        case .scheduleReview(_, let when):
            guard policy[incident.severity].review.requirement != .none else { throw .noReviewNeeded(incident.id, incident.severity) }
            guard !incident.review.isClosed else { throw .reviewClosed(incident.id) }
            // The playbook schedules the review after resolution, and its agenda needs the incident's whole span.
            guard !incident.isOpen else { throw .reviewBeforeResolution(incident.id) }
            if let held = Self.reviewTime(when, scheduledAt: now), held < now { throw .reviewTimePassed(incident.id, when: when) }
            if Self.saysPast(when) { throw .reviewTimePassed(incident.id, when: when) }
            if let typo = ReviewDayWords.impossibleTime(in: when) {
                throw .invalidValue(
                    command: "review", value: typo,
                    expected: "a day and time that exist (a time of day 00:00 to 23:59, a date like 2026-12-01 or Dec 3, an offset within ±14:00)"
                )
            }
            return event(.reviewScheduled(when: when))
        }
    }

    /// When a review scheduled as `when` (at `scheduledAt`) is held, if it says so as a date and time
    /// (`2026-12-01 10:00`, with an offset or not), as a time ago, or as a time of day (its next one: a review is
    /// booked ahead, so `10:00` typed at 15:19 is tomorrow's), or as a day and a time (`friday 10:00`); `nil` for
    /// words alone (`Friday after standup`).
    public static func reviewTime(_ when: String, scheduledAt: Date) -> Date? {
        switch TimeReference(text: when) {
        case let reference?:
            let resolved = reference.resolved(at: scheduledAt)
            // A time of day resolves to its latest one not after now; the review's is the next.
            if case .clock = reference, resolved < scheduledAt { return resolved.addingTimeInterval(86_400) }
            return resolved
        case nil:
            // `friday 10:00`, `tomorrow 17:00`, `Dec 3 10:00`; words alone (`after standup`) name no moment.
            return ReviewDayWords.resolve(when, at: scheduledAt)
        }
    }

    /// Words that put a review in the past (`yesterday`, `last Friday`, `earlier today`): refused like a past date.
    static func saysPast(_ when: String) -> Bool {
        let words = when.lowercased().split { !$0.isLetter }
        guard let first = words.first else { return false }
        return words.contains("yesterday") || ["last", "earlier", "previously"].contains(first)
    }

    /// How long after its resolution an incident may be reopened: a week.
    public static let reopenWindow: TimeInterval = 7 * 86_400

    /// Whether `reopen` would open the incident again at `now`: resolved within the window, its review not closed.
    public static func reopens(_ incident: Incident, at now: Date) -> Bool {
        guard let resolvedAt = incident.resolvedAt, !incident.review.isClosed else { return false }
        return now.timeIntervalSince(resolvedAt) <= reopenWindow
    }

    /// The events that record timers firing: the bot's own, with no actor.
    public func fire(_ timers: [IncidentTimer], at now: Date) -> [IncidentEvent] {
        timers.map { IncidentEvent(at: now, actor: nil, change: .timerFired($0)) }
    }

    func requireOpen(_ incident: Incident) throws(CommandRejection) {
        guard incident.isOpen else { throw .incidentResolved(incident.id, reviewClosed: incident.review.isClosed) }
    }

    private func check(_ wanted: String, on incident: Incident) throws(CommandRejection) -> IncidentChange {
        let lists = try checklists(of: incident)
        guard let (name, item) = Self.item(matching: wanted, in: lists) else {
            // Only what a person may tick: the rest is done by the events they wait for.
            let open = lists.flatMap { name, checklist in incident.openItems(of: checklist, named: name).filter { $0.doneWhen == nil }.map(\.id) }
            throw .unknownChecklistItem(wanted, available: open)
        }
        guard !incident.isDone(item, in: name) else { throw .alreadyChecked(incident.id, item: item.text) }
        // Done by an event (a commander assigned, an update posted): ticked by hand it would say so while untrue.
        if let trigger = item.trigger { throw .doneByItsEvent(incident.id, item: item.text, trigger: trigger) }
        return .checklistItemChecked(checklist: name, item: item.id)
    }

    private func uncheck(_ wanted: String, on incident: Incident) throws(CommandRejection) -> IncidentChange {
        let lists = try checklists(of: incident)
        guard let (name, item) = Self.item(matching: wanted, in: lists) else {
            let ticked = lists.flatMap { name, checklist in checklist.items.filter { incident.isTickedByHand($0, in: name) }.map(\.id) }
            // Nothing ticked by hand: "every item is already ticked" would be the opposite of the truth.
            guard !ticked.isEmpty else { throw .notTickedByHand(incident.id, item: wanted, why: .noSuchItem) }
            throw .unknownChecklistItem(wanted, available: ticked)
        }
        guard incident.isTickedByHand(item, in: name) else {
            throw .notTickedByHand(incident.id, item: item.text, why: incident.isDone(item, in: name) ? .doneByItsEvent : .open)
        }
        return .checklistItemUnchecked(checklist: name, item: item.id)
    }

    /// The checklists that apply to the incident's severity, by name; refused when none does.
    private func checklists(of incident: Incident) throws(CommandRejection) -> [(String, ChecklistPolicy)] {
        let lists = [("declare", policy.checklists.declare), ("resolution", policy.checklists.resolution)]
            .filter { $0.1.severities.contains(incident.severity) }
        guard !lists.isEmpty else { throw .noChecklist(incident.id, incident.severity) }
        return lists
    }

    /// The first item matching what was typed, with its checklist's name.
    private static func item(matching wanted: String, in lists: [(String, ChecklistPolicy)]) -> (String, ChecklistItem)? {
        for (name, checklist) in lists {
            if let item = checklist.item(matching: wanted) { return (name, item) }
        }
        return nil
    }

    func resolve(
        _ incident: Incident, summary: String, forceReason: String?, at now: Date, by actor: Participant
    ) throws(CommandRejection) -> [IncidentEvent] {
        guard incident.isOpen else { throw .alreadyResolved(incident.id) }
        guard !summary.isEmpty else { throw .missingArgument(command: "resolve", what: "a summary of the fix") }
        let missing = incident.openItems(of: policy.checklists.resolution, named: "resolution")
        if !missing.isEmpty, forceReason == nil {
            throw .resolutionChecklistIncomplete(incident.id, missing: missing.map { "\($0.text) (`\($0.id)`)" })
        }
        return [IncidentEvent(at: now, actor: actor, change: .resolved(summary: summary, forcedReason: forceReason))]
    }
}
