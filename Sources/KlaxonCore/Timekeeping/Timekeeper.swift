import Foundation

/// The playbook's clock as a pure function: what is due for an incident, and when. Nothing is kept in memory;
/// everything follows from the incident's events and the policy, so a restart or another replica agrees.
public struct Timekeeper: Sendable {
    public let policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// A timer that will be due at a time, if nothing changes before.
    public struct Pending: Equatable, Sendable {
        public let at: Date
        public let timer: IncidentTimer
    }

    /// Every timer still to fire for the incident, with when it is due.
    public func pending(_ incident: Incident) -> [Pending] {
        incident.isOpen ? openTimers(incident) : reviewTimers(incident)
    }

    /// The earliest time anything is due, or `nil` when nothing ever will be.
    public func nextDue(_ incident: Incident) -> Date? {
        pending(incident).map(\.at).min()
    }

    /// The timers to fire at `now`. A stretch of missed intervals fires once, in the slot `now` falls in
    /// (a catch-up, not one message per missed interval); a catch-up in the last fifth of its interval stands for the
    /// next slot too, so the commander is not nudged again moments later when that one falls due.
    public func due(_ incident: Incident, at now: Date) -> [IncidentTimer] {
        pending(incident).filter { $0.at <= now }.map { pending in
            switch pending.timer {
            case .updateDue(let anchor, let slot):
                guard let cadence = cadence(incident) else { return pending.timer }
                return .updateDue(anchor: anchor, slot: max(slot, (Int(now.timeIntervalSince(anchor)) + cadence / 5) / cadence))
            case .reviewReminder(let slot):
                guard let first = firstReviewReminder(incident), let every = policy[incident.severity].review.remindEvery?.seconds else {
                    return pending.timer
                }
                return .reviewReminder(slot: min(reminderLimit(incident), max(slot, Int(now.timeIntervalSince(first)) / every + 1)))
            default:
                return pending.timer
            }
        }
    }

    /// Whether the incident is still watched: open, or resolved with its review not closed (so that the review's
    /// commands find it without an id, also once it is scheduled and after the last reminder).
    public func isTracked(_ incident: Incident) -> Bool {
        incident.isOpen || reviewPending(incident)
    }

    /// Resolved, with a review the policy asks for that is not closed yet, scheduled or not.
    public func reviewPending(_ incident: Incident) -> Bool {
        !incident.isOpen && policy[incident.severity].review.requirement != .none && !incident.review.isClosed
    }

    /// Resolved, with a review the policy asks for that nobody has scheduled or closed yet.
    public func awaitsReview(_ incident: Incident) -> Bool {
        !incident.isOpen && policy[incident.severity].review.requirement != .none && incident.reviewScheduledFor == nil
            && !incident.review.isClosed
    }

    /// Reminders repeat only while the review window is open (or six times where the policy sets no window):
    /// after that the incident is reported once as overdue and its timers stop, instead of reminding forever.
    static let remindersWithoutWindow = 6

    /// How many review reminders the incident gets.
    func reminderLimit(_ incident: Incident) -> Int {
        let review = policy[incident.severity].review
        guard let every = review.remindEvery?.seconds, every > 0, let resolvedAt = incident.resolvedAt,
              let first = firstReviewReminder(incident) else { return 1 }
        guard let within = review.within?.seconds else { return Self.remindersWithoutWindow }
        let end = resolvedAt + TimeInterval(within)
        let inWindow = Int((end.timeIntervalSince(first) / TimeInterval(every)).rounded(.up))
        return max(1, inWindow)
    }

    /// The update cadence in force, in seconds.
    func cadence(_ incident: Incident) -> Int? {
        policy[incident.severity].cadence(publicFacing: incident.publicFacing)?.seconds
    }

    /// How long after an estimated fix time it counts as passed: a fix a few minutes late is no news.
    static let etaGrace: TimeInterval = 5 * 60

    private func openTimers(_ incident: Incident) -> [Pending] {
        let rules = policy[incident.severity]
        var timers: [Pending] = []
        if let cadence = cadence(incident) {
            let slot = (incident.lastNudgeSlot ?? 0) + 1
            timers.append(Pending(at: incident.cadenceAnchor + TimeInterval(slot * cadence), timer: .updateDue(anchor: incident.cadenceAnchor, slot: slot)))
        }
        if let within = rules.commanderWithin, incident.commander == nil {
            timers.append(Pending(at: incident.severitySince + TimeInterval(within.seconds), timer: .commanderMissing))
        }
        let checklist = policy.checklists.declare
        if let dueAfter = checklist.dueAfter {
            let missing = incident.openItems(of: checklist, named: "declare").map(\.id)
            if !missing.isEmpty {
                timers.append(Pending(at: incident.clockStart + TimeInterval(dueAfter.seconds), timer: .checklistOverdue(checklist: "declare", missing: missing)))
            }
        }
        for rule in policy.escalations where !rule.isImmediate {
            guard rule.when.matches(severity: incident.severity, kind: incident.kind, publicFacing: incident.publicFacing) else { continue }
            // Severity rules count the open time spent at the severities they name (lowered and raised again, the
            // clock goes on from where it was, not from zero); others count from declaration.
            let start = rule.when.severity.map { named in
                incident.severitySince - Set(named).reduce(0) { $0 + incident.earlierTimeAt[$1, default: 0] }
            } ?? incident.clockStart
            timers.append(Pending(at: start + TimeInterval(rule.after?.seconds ?? 0), timer: .escalation(rule: rule.id)))
        }
        // A passed estimate stays on the status page until someone moves it: whoever runs the incident hears of it.
        if let eta = incident.eta {
            timers.append(Pending(at: eta + Self.etaGrace, timer: .etaPassed(eta: eta)))
        }
        if let target = rules.recoveryTarget {
            timers.append(Pending(at: incident.clockStart + TimeInterval(target.seconds), timer: .recoveryTargetMissed(severity: incident.severity)))
        }
        return timers.filter { pending in pending.timer.onceKey.map { !incident.firedOnce.contains($0) } ?? true }
    }

    private func reviewTimers(_ incident: Incident) -> [Pending] {
        if incident.reviewScheduledFor != nil { return scheduledReviewTimers(incident) }
        let review = policy[incident.severity].review
        guard awaitsReview(incident), let first = firstReviewReminder(incident) else { return [] }
        let fired = incident.lastReviewReminderSlot ?? 0
        if fired == 0 { return [Pending(at: first, timer: .reviewReminder(slot: 1))] }
        let every = TimeInterval(review.remindEvery?.seconds ?? 0)
        if fired < reminderLimit(incident) {
            return [Pending(at: first + TimeInterval(fired) * every, timer: .reviewReminder(slot: fired + 1))]
        }
        guard let within = review.within, let resolvedAt = incident.resolvedAt,
              !incident.firedOnce.contains(IncidentTimer.reviewOverdue.onceKey ?? "") else { return [] }
        let lastReminder = first + TimeInterval(fired - 1) * every
        return [Pending(at: max(resolvedAt + TimeInterval(within.seconds), lastReminder), timer: .reviewOverdue)]
    }

    /// A scheduled review still not closed a day after it was to be held (at its time, or at the end of the review
    /// window when its time is in words, like "sometime next month") is reported once, as an unscheduled one is: the
    /// schedule stopped the reminders, and the playbook holds the review the next day.
    private func scheduledReviewTimers(_ incident: Incident) -> [Pending] {
        guard reviewPending(incident), !incident.firedOnce.contains(IncidentTimer.reviewOverdue.onceKey ?? ""),
              let at = scheduledReviewOverdue(incident) else { return [] }
        return [Pending(at: at, timer: .reviewOverdue)]
    }

    /// When a scheduled review still open counts as overdue; `nil` when it is not scheduled, or scheduled in words
    /// with no review window to fall back on.
    public func scheduledReviewOverdue(_ incident: Incident) -> Date? {
        guard let when = incident.reviewScheduledFor, let scheduledAt = incident.reviewScheduledAt, let resolvedAt = incident.resolvedAt else { return nil }
        let windowEnd = policy[incident.severity].review.within.map { resolvedAt + TimeInterval($0.seconds) }
        return (IncidentDecider.reviewTime(when, scheduledAt: scheduledAt) ?? windowEnd).map { $0 + Self.scheduledReviewGrace }
    }

    /// How long after a scheduled review was to be held it may stay open before it is reported.
    static let scheduledReviewGrace: TimeInterval = 86_400

    private func firstReviewReminder(_ incident: Incident) -> Date? {
        guard let resolvedAt = incident.resolvedAt, let after = policy[incident.severity].review.remindAfter else { return nil }
        return resolvedAt + TimeInterval(after.seconds)
    }
}
