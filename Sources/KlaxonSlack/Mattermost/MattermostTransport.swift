import Foundation
import KlaxonCore
import KlaxonPolicy

/// Delivers notices with Mattermost's REST API as a bot: the alert opens the incident's thread in the incidents
/// channel, later messages reply in it, roles get DMs. A message that pings the whole channel (a P0's alert, the
/// first raise to P0, reopening one) goes to the channel itself, as on Discord.
public struct MattermostTransport: MessageTransport {
    public let name = TransportName.mattermost
    public var threads: Bool { true }
    let api: MattermostAPI
    /// The incidents channel id (`KLAXON_MATTERMOST_CHANNEL`).
    let channel: String
    let roleUsernames: [String: [String]]
    let notices: NoticeRenderer

    /// Mattermost's default limit is 16,383 characters a post (`MaxPostSize`); parts stay under it.
    static let messageLimit = 16_000

    public init(api: MattermostAPI, channel: String, roleUsernames: [String: [String]], policy: Policy, templates: TemplateSet) throws(PolicyErrors) {
        self.api = api
        self.channel = channel
        self.roleUsernames = roleUsernames
        notices = try NoticeRenderer(policy: policy, templates: templates, dialect: MattermostDialect(roleUsernames: roleUsernames))
    }

    public func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
        let text = notices.text(of: delivery)
        switch delivery.target {
        case .channel:
            let opensThread = delivery.thread == nil && delivery.notice.kind == .initialAlert
            let first = try await post(text, to: channel, root: root(of: delivery), for: delivery)
            if let thread = delivery.thread, let header = notices.header(after: delivery) {
                await refreshHeader(thread: thread, to: header)
            }
            return DeliveryReceipt(messageID: first, thread: opensThread ? first : nil)
        case .direct(let role):
            let receipt = try await DirectMessageFanOut.send(to: try await recipients(of: role)) { user throws(DeliveryFailure) in
                try await post(text, to: try await directChannel(with: user), root: nil, for: delivery)
            }
            // The role's names are groups (mentioned in the channel, where they are notified) or unknown: no DM to
            // send, which is no failure of Mattermost's.
            return receipt ?? DeliveryReceipt(messageID: nil)
        case .email, .tracker, .statuspage:
            throw .permanent("Mattermost only posts to channels and people")
        }
    }

    /// Keeps the thread's first post (the alert) showing the incident as it is now, as on Slack: with collapsed
    /// threads, what the channel shows of an incident is that post. Best effort; the edit pings no one.
    private func refreshHeader(thread: String, to text: String) async {
        _ = try? await api.put("/posts/\(thread)/patch", ["message": String(text.prefix(Self.messageLimit))])
    }

    /// The post a channel message replies to: none for one that pings everyone, as an `@channel` in a thread is easy
    /// to miss for those not following it; the incident's thread for the rest.
    func root(of delivery: Delivery) -> String? {
        delivery.notice.audience.contains(.channel) ? nil : delivery.thread
    }

    /// The user ids of a role's people: the people file names them by username, Mattermost addresses DMs by id.
    /// Names Mattermost does not know as users (a group's, a typo) get no DM.
    func recipients(of role: String) async throws(DeliveryFailure) -> [String] {
        let names = (roleUsernames[role] ?? []).compactMap(MattermostDialect.username)
        guard !names.isEmpty else { return [] }
        let users = try await api.post("/users/usernames", names) as? [[String: Any]] ?? []
        return users.compactMap { $0["id"] as? String }
    }

    /// The DM channel between the bot and a user (Mattermost answers the same one every time).
    func directChannel(with user: String) async throws(DeliveryFailure) -> String {
        guard let bot = (try await api.get("/users/me") as? [String: Any])?["id"] as? String else { throw .transient("/users/me gave no id") }
        guard let id = (try await api.post("/channels/direct", [bot, user]) as? [String: Any])?["id"] as? String else {
            throw .transient("no direct channel with \(user)")
        }
        return id
    }

    /// Posts text in parts under Mattermost's limit; returns the first part's id. Each part carries the outbox key
    /// and its place among the parts in its props, so that a resend can be recognised (`findDelivered`) and, when
    /// an earlier attempt posted some of the parts, go on with the rest only.
    private func post(_ text: String, to channel: String, root: String?, for delivery: Delivery) async throws(DeliveryFailure) -> String? {
        let key = delivery.key
        let parts = MessageSplitter.split(text, limit: Self.messageLimit)
        let earlier = try await delivery.earlierAttempt { start throws(DeliveryFailure) in
            try await posted(key, parts: parts.count, in: channel, since: Self.milliseconds(start))
        }
        var first = earlier?.first
        for (index, part) in parts.enumerated() where index >= earlier?.count ?? 0 {
            var body: [String: any Sendable] = [
                "channel_id": channel, "message": part,
                "props": [Self.keyProperty: key, Self.partProperty: Self.part(index, of: parts.count)] as [String: any Sendable],
            ]
            if let root { body["root_id"] = root }
            let answer = try await api.post("/posts", body) as? [String: Any]
            if first == nil { first = answer?["id"] as? String }
        }
        return first
    }

    static let keyProperty = "klaxon_key"
    static let partProperty = "klaxon_part"

    /// `1/3`: which part of how many.
    static func part(_ index: Int, of count: Int) -> String {
        "\(index + 1)/\(count)"
    }
}
