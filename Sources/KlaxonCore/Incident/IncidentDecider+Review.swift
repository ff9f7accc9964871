import Foundation

extension IncidentDecider {
    /// Facts for the review (impact, cause, gaps, action items, milestones): on open and resolved incidents alike,
    /// until the review is closed. Action items are still marked done after it: the review assigns the fixes, and
    /// the teams finish them in the weeks after.
    func decideReviewFact(
        _ command: IncidentCommand, on incident: Incident, by actor: Participant, at now: Date
    ) throws(CommandRejection) -> IncidentChange? {
        if case .closeAction(_, let number) = command {
            guard let action = incident.review.action(number) else { throw .unknownActionItem(incident.id, number: number) }
            guard !action.isDone else { throw .actionAlreadyDone(incident.id, number: number) }
            return .actionClosed(number: number)
        }
        guard !incident.review.isClosed else { throw .reviewClosed(incident.id) }
        switch command {
        case .impact(_, let text): return .impactSet(text: text)
        case .cause(_, let text): return .causeSet(text: text)
        case .gap(_, let text): return .gapNoted(text: text)
        case .addAction(_, let owner, let text, let team, let due):
            if let due, due < CalendarDay(now) { throw .actionDueInPast(incident.id, due: due, today: CalendarDay(now)) }
            let person = if case .person(let person) = owner { person } else { actor }
            let item = ActionItem(number: incident.review.nextActionNumber, owner: person, text: text, team: team, due: due)
            return .actionAdded(item)
        case .milestone(_, let milestone, let time):
            let at = time?.resolved(at: now) ?? now
            if case .clock(let hour, let minute)? = time { try checkClockTime(hour, minute, at: at, on: incident, now: now) }
            try checkMilestone(milestone, at: at, on: incident, now: now)
            return .milestoneSet(milestone, at: at)
        default:
            return nil
        }
    }

    private func checkMilestone(_ milestone: Milestone, at: Date, on incident: Incident, now: Date) throws(CommandRejection) {
        guard at <= now else { throw .implausibleMilestone(incident.id, reason: "it is in the future") }
        // A mistyped year (2025 for 2026) would otherwise put a year into time to declare and every average with it.
        let before = incident.declaredAt.timeIntervalSince(at)
        guard before <= Self.milestoneLeadLimit else {
            let days = Int((before / 86_400).rounded(.up))
            throw .implausibleMilestone(incident.id, reason: "it is \(days) days before the incident was declared (check the date)")
        }
        switch milestone {
        case .impactStarted:
            if let mitigated = incident.review.mitigatedAt, at > mitigated {
                throw .implausibleMilestone(incident.id, reason: "impact can't start after it was mitigated")
            }
        case .mitigated:
            if let started = incident.review.impactStartedAt, at < started {
                throw .implausibleMilestone(incident.id, reason: "impact can't be mitigated before it started")
            }
        }
    }

    /// A time of day still to come today is read as yesterday's; more than half a day back, it was more likely a
    /// slip (a local time, a typo) than a milestone a day old, which would put a day into the incident's metrics.
    private func checkClockTime(_ hour: Int, _ minute: Int, at: Date, on incident: Incident, now: Date) throws(CommandRejection) {
        let typed = String(format: "%02d:%02d", hour, minute)
        guard at.addingTimeInterval(86_400) > now, now.timeIntervalSince(at) > Self.yesterdayReach else { return }
        let day = Calendar.utc.dateComponents([.year, .month, .day], from: at)
        let date = String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
        let hours = Int(now.timeIntervalSince(at) / 3_600)
        throw .implausibleMilestone(
            incident.id, reason: "\(typed) UTC is still to come today, and yesterday's was \(hours) hours ago; for yesterday's, write its date (`\(date) \(typed)`)"
        )
    }

    /// How far back a time of day still to come today may be read as yesterday's.
    static let yesterdayReach: TimeInterval = 12 * 3_600

    /// How long before its declaration a milestone may be: impact noticed late is days old, not months.
    static let milestoneLeadLimit: TimeInterval = 30 * 86_400

    /// `/incident review done`: only once resolved; a mandatory review (P0) needs a cause and an action item first, a
    /// required one (P1's brief postmortem) a cause, unless forced with a reason.
    func closeReview(_ incident: Incident, forceReason: String?) throws(CommandRejection) -> IncidentChange {
        let review = policy[incident.severity].review
        guard review.requirement != .none else { throw .noReviewNeeded(incident.id, incident.severity) }
        guard !incident.isOpen else { throw .reviewBeforeResolution(incident.id) }
        guard !incident.review.isClosed else { throw .unchanged(incident.id, what: "has its review closed") }
        var missing: [String] = []
        // The playbook's P1 postmortem is "less formal than P0": still, it says why it happened.
        if [.mandatory, .required].contains(review.requirement), incident.review.cause == nil {
            missing.append("a root cause (`/incident cause \(incident.id) <text>`)")
        }
        if review.requirement == .mandatory, incident.review.actions.isEmpty {
            missing.append("an action item (`/incident action \(incident.id) @owner <text>`)")
        }
        // `--force` with nothing missing forces nothing: the report must not say the review skipped what it has.
        guard !missing.isEmpty else { return .reviewClosed(forcedReason: nil) }
        guard let forceReason else { throw .reviewIncomplete(incident.id, missing: missing) }
        return .reviewClosed(forcedReason: forceReason)
    }
}
