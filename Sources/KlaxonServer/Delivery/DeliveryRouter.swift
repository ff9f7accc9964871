import KlaxonCore
import KlaxonPolicy
import KlaxonSlack
import KlaxonStore

/// Decides which transports carry a notice, and in which lane: written to the outbox with the event.
public struct DeliveryRouter: Sendable {
    /// Configured chat transports that post to the incidents channel (Slack, Discord, Mattermost).
    public let chat: [TransportName]
    /// Whether email can be sent.
    public let email: Bool
    public let people: PeopleDirectory
    /// Configured ticket transports (GitHub, a webhook).
    public let trackers: [TransportName]
    /// Whether public incidents are copied to Atlassian Statuspage.
    public let statuspage: Bool
    /// Local mode: every message is printed for the person trying Klaxon out, an email too. Elsewhere the console
    /// only logs that nothing could carry a message.
    public let printsMessages: Bool

    public init(
        chat: [TransportName], email: Bool, people: PeopleDirectory, trackers: [TransportName] = [], statuspage: Bool = false, printsMessages: Bool = false
    ) {
        self.chat = chat
        self.email = email
        self.people = people
        self.trackers = trackers
        self.statuspage = statuspage
        self.printsMessages = printsMessages
    }

    /// Every transport a notice may go through with this configuration (the console catches what nothing else carries).
    public var transportNames: [TransportName] {
        chat + (email ? [.email] : []) + [.console]
    }

    /// Whether an email to this role reaches someone.
    public func canEmail(_ role: String) -> Bool {
        email && !(people.roles[role]?.email.isEmpty ?? true)
    }

    /// Everything goes to the console and is printed: local mode.
    public static let console = DeliveryRouter(chat: [], email: false, people: PeopleDirectory(), printsMessages: true)

    public func entries(for notice: Notice) -> [OutboxEntry] {
        // Tickets go to the trackers there are; with none, there is nothing to print either.
        if case .tracker = notice.destination { return trackers.map { entry(notice, $0, .tracker) } }
        // Statuspage too: nothing to print without it (the console shows the channel's notice of the same change).
        if case .statuspage = notice.destination {
            return statuspage ? [entry(notice, .statuspage, .statuspage(notice.incident))] : []
        }
        let chat = self.chat.filter { $0 != notice.avoiding }
        var entries: [OutboxEntry] = []
        switch notice.destination {
        case .incidentChannel:
            entries += chat.map { entry(notice, $0, .channel) }
            // Those paged by DM hear a stand-down (a withdrawal) by DM too.
            if [.escalation, .deliveryProblem, .withdrawn].contains(notice.kind) {
                entries += directMessages(notice, transports: chat)
            }
            if notice.kind == .deliveryProblem, email {
                entries += roles(of: notice).filter { !(people.roles[$0]?.email.isEmpty ?? true) }.map { entry(notice, .email, .email(role: $0)) }
            }
        case .role(let role):
            entries += directMessages(Notice(kind: notice.kind, incident: notice.incident, sequence: notice.sequence, destination: notice.destination, audience: [.role(role)]), transports: chat)
        case .tracker, .statuspage:
            break
        case .email(let role):
            if canEmail(role) { entries.append(entry(notice, .email, .email(role: role))) }
        }
        // Nothing configured can carry it: print it rather than drop it.
        return entries.isEmpty ? [entry(notice, .console, Self.consoleTarget(notice))] : entries
    }

    private func roles(of notice: Notice) -> [String] {
        notice.audience.compactMap { if case .role(let role) = $0 { role } else { nil } }
    }

    /// DMs to roles whose people are configured by user id on a transport.
    private func directMessages(_ notice: Notice, transports: [TransportName]) -> [OutboxEntry] {
        roles(of: notice).flatMap { role in
            transports.filter { hasPeople(role, on: $0) }.map { entry(notice, $0, .direct(role: role)) }
        }
    }

    private func hasPeople(_ role: String, on transport: TransportName) -> Bool {
        guard let contacts = people.roles[role] else { return false }
        switch transport {
        case .slack: return contacts.slack.contains { $0.hasPrefix("U") || $0.hasPrefix("W") }
        case .discord: return contacts.discord.contains { !$0.hasPrefix("role:") }
        case .mattermost: return contacts.mattermost.contains { MattermostDialect.username($0) != nil }
        default: return false
        }
    }

    private func entry(_ notice: Notice, _ transport: TransportName, _ target: DeliveryTarget) -> OutboxEntry {
        OutboxEntry(notice: notice, transport: transport, lane: target.lane(transport: transport))
    }

    private static func consoleTarget(_ notice: Notice) -> DeliveryTarget {
        switch notice.destination {
        case .incidentChannel: .channel
        case .role(let role): .direct(role: role)
        case .email(let role): .email(role: role)
        case .tracker: .tracker
        case .statuspage: .statuspage(notice.incident)
        }
    }
}
