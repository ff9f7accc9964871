import Foundation
import KlaxonCore
import KlaxonStore

/// The order a lane's messages go in. One channel carries every incident's messages, paced (Slack: about one a
/// second) and rate-limited, and its backlog can be long: sixty routine updates of other incidents kept a new P0's
/// alert waiting a minute. Order matters within an incident (an alert opens the thread its updates go to; an update
/// must not overtake the one before it), not between incidents. So each incident's messages keep their order, an
/// incident whose next message pages people goes before the others' backlog, and one whose next message must wait (a
/// retry after a failure) does not hold up the rest.
extension OutboxWorker {
    /// The lane's messages reordered as above: first the messages that page people at the head of each incident's
    /// (alert, escalation), then the rest as written, then the incidents whose next message must wait. With nothing
    /// urgent or waiting behind something else, it is the order written.
    static func prioritized(_ messages: ArraySlice<OutboxMessage>, now: Date) -> ArraySlice<OutboxMessage> {
        var places: [Stream: Place] = [:]
        var (urgent, routine, waiting) = ([OutboxMessage](), [OutboxMessage](), [OutboxMessage]())
        for message in messages {
            let stream = Stream(message.notice)
            let pages = urgentKinds.contains(message.notice.kind) || message.notice.audience.contains(.channel)
            var place = places[stream] ?? (mustWait(message, now: now) ? .waiting : .urgent)
            if place == .urgent, !pages { place = .routine }
            places[stream] = place
            switch place {
            case .urgent: urgent.append(message)
            case .routine: routine.append(message)
            case .waiting: waiting.append(message)
            }
        }
        guard !urgent.isEmpty || !waiting.isEmpty else { return messages }
        return ArraySlice(urgent + routine + waiting)
    }

    /// Where a stream's messages go: first those that page people (a new incident's alert, an escalation, a ping of
    /// the channel, an alert proposal) from its head on; from its first routine one, the rest as written; all of
    /// them last when its head must wait.
    private enum Place {
        case urgent, routine, waiting
    }

    /// Its retry is not due yet, or another worker holds it.
    private static func mustWait(_ message: OutboxMessage, now: Date) -> Bool {
        message.nextAttemptAt > now || (message.inFlight && message.claimedUntil > now)
    }

    /// What pages people besides a ping of the channel.
    private static let urgentKinds: Set<MessageKind> = [.initialAlert, .escalation, .reopened, .alertProposed]

    /// Whose messages must keep their order: an incident's, or an alert proposal's (which has no incident yet).
    private enum Stream: Hashable {
        case incident(IncidentID)
        case proposal(AlertProposalID)

        init(_ notice: Notice) {
            self = notice.proposal.map(Stream.proposal) ?? .incident(notice.incident)
        }
    }
}
