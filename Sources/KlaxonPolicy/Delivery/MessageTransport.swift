import Foundation
import KlaxonCore

/// Something that delivers rendered notices to one platform (Slack, Discord, email, the console).
public protocol MessageTransport: Sendable {
    /// The transport's name in the outbox.
    var name: TransportName { get }
    /// Sends one message. Throws `DeliveryFailure` to say whether and when to try again.
    func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt
    /// For a message whose earlier send may have gone through before a crash: finds it on the platform, if it can;
    /// `nil` when the platform says it does not have it. Throws when it could not be asked: the worker then tries
    /// again later rather than send what may be there already.
    func findDelivered(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt?
    /// Whether each message sends the whole state as of its event, so that the newest message waiting in a lane
    /// stands for all the older ones there (Statuspage): the worker sends only that one.
    var coalesces: Bool { get }
    /// Whether an incident's messages go in a thread its first message opens (Slack, Discord): only then does the
    /// worker look the thread up before a send. No default, so that a new transport says which it is.
    var threads: Bool { get }
}

extension MessageTransport {
    public func findDelivered(_ delivery: Delivery) async -> DeliveryReceipt? { nil }
    public var coalesces: Bool { false }
}

/// One outbox message ready to send.
public struct Delivery: Sendable {
    /// The outbox row.
    public let id: Int
    /// Unique per message and transport; platforms that support it get it as an idempotency key.
    public let key: String
    /// Where within the transport: `channel`, `dm:<role>`, `email:<role>`.
    public let target: DeliveryTarget
    public let notice: Notice
    /// The incident as it stood right after the event that caused the notice.
    public let incident: Incident
    /// The platform thread the incident's messages go to, once there is one.
    public let thread: String?
    /// When the worker sends it (for "x minutes ago" in the text).
    public let now: Date
    /// The first event this send speaks for: the notice's own, or, when a coalescing transport's newest message
    /// stands for older ones, the oldest of theirs.
    public let since: Int
    /// The incident as it stands at the send, for a coalescing transport (what a send before this one recorded, the
    /// copy's id on the platform, may be later than `incident`) and for the customer email (which says what the
    /// page says when it goes). `nil` otherwise.
    public let latest: Incident?
    /// An earlier attempt at this message (or at one it stands for) may have reached the platform.
    public let retrying: Bool

    public init(
        id: Int, key: String, target: DeliveryTarget, notice: Notice, incident: Incident, thread: String?, now: Date, since: Int? = nil,
        latest: Incident? = nil, retrying: Bool = false
    ) {
        self.latest = latest
        self.retrying = retrying
        self.id = id
        self.key = key
        self.target = target
        self.notice = notice
        self.incident = incident
        self.thread = thread
        self.now = now
        self.since = min(since ?? notice.sequence, notice.sequence)
    }
}

/// Where a message goes within its transport.
public enum DeliveryTarget: Sendable, Equatable {
    /// The configured incidents channel (in the incident's thread).
    case channel
    /// Directly to the people in a role.
    case direct(role: String)
    /// By email to the people in a role.
    case email(role: String)
    /// The ticket tracker.
    case tracker
    /// One incident's copy on Atlassian Statuspage: a lane of its own, so incidents don't wait for each other.
    case statuspage(IncidentID)

    /// The lane: messages in one lane keep their order.
    public func lane(transport: TransportName) -> Lane {
        switch self {
        case .channel: Lane(transport, "channel")
        case .direct(let role): Lane(transport, "dm:\(role)")
        case .email(let role): Lane(transport, "email:\(role)")
        case .tracker: Lane(transport, "tracker")
        case .statuspage(let incident): Lane(transport, "incident:\(incident.rawValue)")
        }
    }

    /// Reads a lane back.
    public init?(lane: Lane) {
        guard let target = lane.target else { return nil }
        if target == "channel" {
            self = .channel
        } else if target.hasPrefix("dm:") {
            self = .direct(role: String(target.dropFirst(3)))
        } else if target == "tracker" {
            self = .tracker
        } else if target.hasPrefix("email:") {
            self = .email(role: String(target.dropFirst(6)))
        } else if target.hasPrefix("incident:"), let number = Int(target.dropFirst(9)) {
            self = .statuspage(IncidentID(number))
        } else {
            return nil
        }
    }
}

/// What the platform said when it accepted a message.
public struct DeliveryReceipt: Sendable, Equatable {
    /// The platform's id for the message (Slack `ts`, Discord message id).
    public let messageID: String?
    /// Set when this message opened the incident's thread: later messages reply to it.
    public let thread: String?
    /// The ticket a tracker filed, to be recorded in the incident's timeline.
    public let ticket: FiledTicket?
    /// A change of the incident's copy on Atlassian Statuspage, to be recorded in the timeline.
    public let statuspage: StatuspageLinkChange?
    /// Delivered, but not all as meant (Discord refused to open the incident's thread): for the operator's log.
    public let warning: String?
    /// The warning is the team's to act on (recipients who did not get it): recorded in the incident's timeline,
    /// which announces it, as a failed delivery is.
    public let teamHearsWarning: Bool

    public init(
        messageID: String?, thread: String? = nil, ticket: FiledTicket? = nil, statuspage: StatuspageLinkChange? = nil, warning: String? = nil,
        teamHearsWarning: Bool = false
    ) {
        self.teamHearsWarning = teamHearsWarning
        self.messageID = messageID
        self.thread = thread
        self.ticket = ticket
        self.statuspage = statuspage
        self.warning = warning
    }
}

/// What a send did to the incident's copy on Atlassian Statuspage.
public enum StatuspageLinkChange: Sendable, Equatable {
    /// Created (or found) with this id: later changes update it.
    case linked(String)
    /// Deleted there: a later publication creates a new copy.
    case unlinked(String)
}

/// A ticket a tracker holds for an incident: for an action item, or (`action` nil) for the incident itself.
public struct FiledTicket: Sendable, Equatable {
    public let action: Int?
    public let url: String

    public init(action: Int?, url: String) {
        self.action = action
        self.url = url
    }
}

/// Why a send did not go through, and what to do about it.
public enum DeliveryFailure: Error, Equatable, Sendable {
    /// The platform asked us to slow down: wait exactly this long.
    case rateLimited(retryAfter: TimeInterval)
    /// Worth retrying with backoff: 5xx, timeouts, connection errors.
    case transient(String)
    /// Retrying won't help (bad token, channel not found): stop, alert elsewhere, keep the rest flowing.
    case permanent(String)
    /// Stopped before the request went out (cancelled while waiting for its turn): the platform cannot have it, so
    /// it was no attempt. Otherwise retried as a transient failure.
    case notSent(String)

    /// Retrying won't help: the message is given up.
    public var isPermanent: Bool {
        if case .permanent = self { true } else { false }
    }

    public var reason: String {
        switch self {
        case .rateLimited(let seconds): "rate limited for \(seconds) s"
        case .transient(let reason), .permanent(let reason), .notSent(let reason): reason
        }
    }
}
