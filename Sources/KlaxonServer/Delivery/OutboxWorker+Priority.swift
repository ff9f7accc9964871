import Foundation
import KlaxonCore
import KlaxonStore

/// The order a lane's messages go in. One channel carries every incident's messages, paced (Slack: about one a
/// second) and rate-limited, and its backlog can be long: sixty routine updates of other incidents kept a new P0's
/// alert waiting a minute. Order matters within an incident (an alert opens the thread its updates go to; an update
/// must not overtake the one before it), not between incidents. So each incident's messages keep their order, and an
/// incident whose next message pages people goes before the others' backlog. While any message of the lane must wait
/// (a rate limit, a retry, another replica sending), the lane keeps the order written and waits as a whole: sending
/// around it would meet the same limit, or double the rate with the other replica.
extension OutboxWorker {
    /// The lane's messages reordered as above: first the messages that page people at the head of each incident's
    /// (alert, escalation, a ping of the channel, an alert proposal), then the rest as written.
    static func prioritized(_ messages: ArraySlice<OutboxMessage>, now: Date) -> ArraySlice<OutboxMessage> {
        guard !messages.contains(where: { mustWait($0, now: now) }) else { return messages }
        var routineFrom: Set<Stream> = []
        var (urgent, routine) = ([OutboxMessage](), [OutboxMessage]())
        for message in messages {
            let stream = Stream(message.notice)
            let pages = urgentKinds.contains(message.notice.kind) || message.notice.audience.contains(.channel)
            // From an incident's first routine message on, the rest of its messages keep their place behind it.
            if pages, !routineFrom.contains(stream) {
                urgent.append(message)
            } else {
                routineFrom.insert(stream)
                routine.append(message)
            }
        }
        return urgent.isEmpty ? messages : ArraySlice(urgent + routine)
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
