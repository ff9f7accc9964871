import Foundation
import KlaxonCore
import KlaxonStore

/// Whether this replica should get traffic, decided from what the store says (pure, so it is tested as a table).
public enum Readiness: Sendable, Equatable {
    case ready
    case notReady(Reason)

    /// Why not, with the figure behind it; the JSON `/readyz` answers with.
    public enum Reason: Sendable, Equatable {
        /// The store did not answer a cheap query.
        case storeUnreachable
        /// Something has been due for longer than the allowed lag: the scheduler is not keeping up (or not running).
        case schedulerBehind(seconds: Int)
        /// The oldest undelivered message of a transport is older than the threshold.
        case outboxStuck(transport: TransportName, seconds: Int)

        public var code: String {
            switch self {
            case .storeUnreachable: "store_unreachable"
            case .schedulerBehind: "scheduler_behind"
            case .outboxStuck: "outbox_stuck"
            }
        }

        public var message: String {
            switch self {
            case .storeUnreachable: "the store does not answer"
            case .schedulerBehind(let seconds): "a timer has been due for \(seconds) s"
            case .outboxStuck(let transport, let seconds): "the oldest \(transport) message has waited \(seconds) s"
            }
        }
    }

    /// Limits past which a replica is not ready.
    public struct Limits: Sendable, Equatable {
        /// How long something may stay due before the scheduler counts as behind.
        public var schedulerLag: TimeInterval = 30
        /// How long the oldest undelivered message may wait.
        public var outboxAge: TimeInterval = 900

        public init(schedulerLag: TimeInterval = 30, outboxAge: TimeInterval = 900) {
            self.schedulerLag = schedulerLag
            self.outboxAge = outboxAge
        }
    }

    /// The transports whose backlog counts: the chat the team works in. Tickets, webhooks, Statuspage and email are
    /// off the incident's path; their outage taking every replica out of service would stop the commands too.
    static let chats: Set<TransportName> = [.slack, .discord, .mattermost, .console]

    /// Decides from the earliest due time and the outbox backlog, read at `now`.
    public static func evaluate(nextDueAt: Date?, backlog: [OutboxBacklog], now: Date, limits: Limits) -> Readiness {
        if let due = nextDueAt, now.timeIntervalSince(due) > limits.schedulerLag {
            return .notReady(.schedulerBehind(seconds: Int(now.timeIntervalSince(due))))
        }
        let chat = backlog.filter { chats.contains($0.transport) }
        if let oldest = chat.min(by: { $0.oldestCreatedAt < $1.oldestCreatedAt }), now.timeIntervalSince(oldest.oldestCreatedAt) > limits.outboxAge {
            return .notReady(.outboxStuck(transport: oldest.transport, seconds: Int(now.timeIntervalSince(oldest.oldestCreatedAt))))
        }
        return .ready
    }
}
