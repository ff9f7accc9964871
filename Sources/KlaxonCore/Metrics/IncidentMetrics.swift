import Foundation

/// The measures of one incident, from its timeline's milestones (definitions in the README's "Metrics" section).
/// Pure: `now` stands in for the end of an incident still open.
public struct IncidentMetrics: Sendable, Equatable {
    /// Impact started → declared, in seconds; only when `/incident started` was given.
    public var timeToDeclare: Int?
    /// Declared → first commander.
    public var timeToCommander: Int?
    /// Declared → mitigated; only when `/incident mitigated` was given.
    public var timeToMitigate: Int?
    /// Declared → resolved, less the time spent resolved before a reopening.
    public var timeToResolve: Int?
    /// Open time under an update cadence, and the part of it with an update overdue, in seconds (see `cadence`).
    public var cadenceTime = 0
    public var overdueTime = 0
    /// Whether the declare checklist was complete by its deadline; `nil` when it does not apply.
    public var checklistOnTime: Bool?
    /// Whether the review was closed within the policy's window; `nil` when there is no window or it is still open.
    public var reviewOnTime: Bool?

    /// The share of the open time under a cadence with no update overdue, 0…1; `nil` when no cadence applied.
    public var cadenceAdherence: Double? {
        cadenceTime == 0 ? nil : Double(cadenceTime - overdueTime) / Double(cadenceTime)
    }

    /// `cadenceAdherence` in whole percent, rounded down in whole numbers: 29 of 100 is 29%, where 0.29 × 100 in
    /// floating point rounds down to 28.
    public var cadencePercent: Int? {
        cadenceTime == 0 ? nil : (cadenceTime - overdueTime) * 100 / cadenceTime
    }

    public init(_ incident: Incident, policy: Policy, now: Date) {
        let declared = incident.declaredAt
        let events = incident.timeline
        // Whole seconds cut down, as the report's spans (`TimeText.span`) are: 47.6 s is 47 s in both, not 48 in one.
        func seconds(_ from: Date, _ to: Date) -> Int { Int(to.timeIntervalSince(from).rounded(.down)) }
        // Impact that began after the declaration (declared ahead of it), or was mitigated before it (declared after
        // the fact), took no time: 0, in the report and the statistics alike, not a negative span.
        // Declared by alerts, it counts from the first alert when nobody said when impact began.
        if let started = incident.review.impactStartedAt ?? incident.alertOrigin?.firingSince { timeToDeclare = max(0, seconds(started, declared)) }
        if let first = events.first(where: { if case .commanderAssigned = $0.change { true } else { false } }) {
            timeToCommander = seconds(declared, first.at)
        }
        if let mitigated = incident.review.mitigatedAt { timeToMitigate = max(0, seconds(declared, mitigated)) }
        if let resolved = incident.resolvedAt { timeToResolve = seconds(declared + incident.timeResolved, resolved) }
        (cadenceTime, overdueTime) = Self.cadence(events, policy: policy, end: incident.resolvedAt ?? now)
        checklistOnTime = Self.checklistOnTime(incident, policy: policy, now: now)
        // A withdrawal closes the review with the incident: no review was held, on time or late.
        reviewOnTime = incident.withdrawal == nil ? Self.reviewOnTime(incident, policy: policy, now: now) : nil
    }

    /// Walks the timeline on the update clock, as the nudges do: an update is due a cadence after the declaration and
    /// after each update (or status change with a note); a severity change or a reopening starts the clock afresh.
    /// Returns the open time under a cadence and the part of it past due, in whole seconds. Counting time rather
    /// than intervals, four updates in five minutes are not four intervals kept, and an update seven minutes late
    /// is seven minutes overdue, as the nudge it drew says. The time between a resolution and a reopening is not
    /// counted.
    static func cadence(_ events: [IncidentEvent], policy: Policy, end: Date) -> (time: Int, overdue: Int) {
        guard case .declared(let declaration)? = events.first?.change, let declaredAt = events.first?.at else { return (0, 0) }
        var severity = declaration.severity
        var publicFacing = declaration.publicFacing
        // The clock's start (the last update), and how far the open time has been counted.
        var (last, counted) = (declaredAt, declaredAt)
        var (time, overdue) = (0.0, 0.0)
        var resolved = false
        /// Counts the open time from `counted` to `moment` under the cadence in force, and the part of it past due.
        func count(until moment: Date) {
            defer { counted = max(counted, moment) }
            guard !resolved, moment > counted,
                  let step = policy.severities[severity]?.cadence(publicFacing: publicFacing).map({ TimeInterval($0.seconds) }), step > 0 else { return }
            time += moment.timeIntervalSince(counted)
            overdue += max(0, moment.timeIntervalSince(max(counted, last.addingTimeInterval(step))))
        }
        for event in events.dropFirst() where event.at <= end {
            count(until: event.at)
            switch event.change {
            case .resolved, .withdrawn:
                resolved = true
            case .reopened:
                (resolved, last, counted) = (false, event.at, event.at)
            case .updatePosted, .statusChanged(_, _, .some):
                last = event.at
            case .severityChanged(_, let to, _):
                (severity, last) = (to, event.at)
            // The page's cadence from then on, the clock not restarted: as the nudges count it.
            case .madePublic:
                publicFacing = true
            case .madePrivate:
                publicFacing = false
            default:
                break
            }
        }
        count(until: end)
        return (Int(time.rounded(.down)), Int(overdue.rounded(.down)))
    }

    /// Whether every item of the declare checklist was done by its deadline (from the events up to it).
    static func checklistOnTime(_ incident: Incident, policy: Policy, now: Date) -> Bool? {
        let checklist = policy.checklists.declare
        guard let dueAfter = checklist.dueAfter, checklist.severities.contains(incident.severity) else { return nil }
        // Flagged as not done by its timer: late, whatever the state at the deadline says (a P1 raised to P0 after
        // the deadline was not under the checklist then, and is flagged at the raise).
        let flagged = incident.timeline.contains { event in
            if case .timerFired(.checklistOverdue(checklist: "declare", _)) = event.change { true } else { false }
        }
        if flagged { return false }
        // In open time: a checklist completed soon after a reopening may still be on time.
        let deadline = incident.afterOpenTime(TimeInterval(dueAfter.seconds))
        let byDeadline = Incident(id: incident.id, events: incident.timeline.filter { $0.at <= deadline })
        let done = byDeadline.map { $0.openItems(of: checklist, named: "declare").isEmpty } ?? false
        // Not done, but its time did not run out: the incident is still inside it, or was resolved before it ended.
        if !done, (incident.resolvedAt ?? now) < deadline { return nil }
        return done
    }

    /// Whether the review was closed within the policy's window after resolution.
    static func reviewOnTime(_ incident: Incident, policy: Policy, now: Date) -> Bool? {
        let review = policy[incident.severity].review
        guard review.requirement != .none, let within = review.within, let resolved = incident.resolvedAt else { return nil }
        let deadline = resolved + TimeInterval(within.seconds)
        if let closed = incident.review.closedAt { return closed <= deadline }
        return now > deadline ? false : nil
    }
}
