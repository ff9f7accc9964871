import Foundation

/// What an incident has learnt for its review: impact, cause, monitoring gaps, action items and milestones.
/// Folded from the events like the rest of `Incident`; the timeline keeps every earlier value too.
public struct ReviewRecord: Sendable, Equatable {
    /// Who and what was affected, for how long; the last one given stands.
    public internal(set) var impact: String?
    /// The root cause; the last one given stands.
    public internal(set) var cause: String?
    /// Why it was not caught, in the order given.
    public internal(set) var gaps: [String] = []
    /// Action items by number, oldest first.
    public internal(set) var actions: [TrackedAction] = []
    /// When users started being affected, if someone said.
    public internal(set) var impactStartedAt: Date?
    /// When users stopped being affected, if someone said.
    public internal(set) var mitigatedAt: Date?
    /// A mitigation recorded before the incident was reopened, which the reopening showed did not hold; the
    /// report says so rather than count users affected only until then.
    public internal(set) var disprovedMitigation: DisprovedMitigation?
    /// When the review was closed (`/incident review done`).
    public internal(set) var closedAt: Date?
    /// Why it was closed without what the policy asks for, if it was.
    public internal(set) var closedForcedReason: String?
    /// The ticket filed for the incident itself (P2 and P3), once the tracker has one.
    public internal(set) var ticketURL: String?

    public var isClosed: Bool { closedAt != nil }
    /// The next action item's number.
    public var nextActionNumber: Int { (actions.map(\.item.number).max() ?? 0) + 1 }

    /// The action item numbered `number`, if any.
    public func action(_ number: Int) -> TrackedAction? {
        actions.first { $0.item.number == number }
    }

    mutating func apply(_ change: IncidentChange, at time: Date) {
        switch change {
        case .impactSet(let text): impact = text
        case .causeSet(let text): cause = text
        case .gapNoted(let text): gaps.append(text)
        case .actionAdded(let item): actions.append(TrackedAction(item: item))
        case .actionClosed(let number):
            if let index = actions.firstIndex(where: { $0.item.number == number }) { actions[index].isDone = true }
        case .ticketFiled(let number, let url):
            if let number, let index = actions.firstIndex(where: { $0.item.number == number }) {
                actions[index].ticketURL = url
            } else if number == nil {
                ticketURL = url
            }
        case .milestoneSet(.impactStarted, let at): impactStartedAt = at
        case .milestoneSet(.mitigated, let at):
            // Recorded anew (after a reopening): the earlier one no longer stands for it.
            mitigatedAt = at
            disprovedMitigation = nil
        case .reviewClosed(let reason):
            closedAt = time
            closedForcedReason = reason
        case .withdrawn:
            closedAt = time
        case .reopened:
            // The problem came back: users were affected again after the mitigation recorded before.
            if let mitigated = mitigatedAt, mitigated <= time {
                disprovedMitigation = DisprovedMitigation(mitigatedAt: mitigated, reopenedAt: time)
                mitigatedAt = nil
            }
        default: break
        }
    }
}

/// A mitigation that a reopening showed did not hold.
public struct DisprovedMitigation: Sendable, Equatable {
    public let mitigatedAt: Date
    public let reopenedAt: Date
}

/// A moment in an incident that the metrics count from or to, given by people after the fact.
public enum Milestone: String, Codable, Sendable, Equatable {
    /// Users started being affected (before the declaration, usually).
    case impactStarted = "impact_started"
    /// Users stopped being affected (before the resolution, usually).
    case mitigated
}
