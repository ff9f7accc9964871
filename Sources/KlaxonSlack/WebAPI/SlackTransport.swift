import Foundation
import KlaxonCore
import KlaxonPolicy

/// Delivers notices with `chat.postMessage`: the incident's first message opens its thread in the incidents
/// channel, later ones reply in it, status changes and resolution are broadcast to the channel, roles get DMs.
public struct SlackTransport: MessageTransport {
    public let name = TransportName.slack
    public var threads: Bool { true }
    let api: SlackWebAPI
    /// The incidents channel id (`KLAXON_SLACK_CHANNEL`).
    let channel: String
    let roleIDs: [String: [String]]
    let notices: NoticeRenderer

    /// Slack's limits: 3,000 characters in a section, 50 blocks in a message.
    static let sectionLimit = 3000
    static let blockLimit = 50
    /// Messages the whole channel should see even though they are replies in the thread.
    static let broadcastKinds: Set<MessageKind> = [.statusChanged, .severityChanged, .resolution]

    public init(api: SlackWebAPI, channel: String, roleIDs: [String: [String]], policy: Policy, templates: TemplateSet) throws(PolicyErrors) {
        self.api = api
        self.channel = channel
        self.roleIDs = roleIDs
        notices = try NoticeRenderer(policy: policy, templates: templates, dialect: SlackDialect(roleIDs: roleIDs))
    }

    public func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
        let text = notices.text(of: delivery)
        var body = Self.message(text, key: delivery.key)
        switch delivery.target {
        case .channel:
            body["channel"] = channel
            let opensThread = delivery.thread == nil && delivery.notice.kind == .initialAlert
            if let thread = delivery.thread {
                body["thread_ts"] = thread
                // A ping of the channel (reopening a P0) in a thread would reach only those following it.
                if Self.broadcastKinds.contains(delivery.notice.kind) || delivery.notice.audience.contains(.channel) { body["reply_broadcast"] = true }
            }
            let answer = try await api.call("chat.postMessage", body)
            let ts = answer["ts"] as? String
            if let thread = delivery.thread, let header = notices.header(after: delivery) {
                await refreshHeader(thread: thread, to: header)
            }
            return DeliveryReceipt(messageID: ts, thread: opensThread ? ts : nil)
        case .direct(let role):
            body["channel"] = try await directChannel(for: role)
            let answer = try await api.call("chat.postMessage", body)
            return DeliveryReceipt(messageID: answer["ts"] as? String)
        case .email, .tracker, .statuspage:
            throw .permanent("Slack only posts to channels and people")
        }
    }

    /// After a crash mid-send: looks for the message by its key in the channel's recent history; a look that fails is
    /// thrown, to look again later.
    public func findDelivered(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt? {
        let query: [String: String]
        switch delivery.target {
        case .channel:
            query = delivery.thread.map { ["channel": channel, "ts": $0, "include_all_metadata": "true", "limit": "200"] }
                ?? ["channel": channel, "include_all_metadata": "true", "limit": "200"]
        case .direct(let role):
            // A DM goes to the user's id; its history is kept under the conversation that conversations.open names.
            query = ["channel": try await openConversation(for: role), "include_all_metadata": "true", "limit": "200"]
        case .email, .tracker, .statuspage:
            return nil
        }
        let method = delivery.thread != nil && query["ts"] != nil ? "conversations.replies" : "conversations.history"
        guard let messages = try await api.get(method, query)["messages"] as? [[String: Any]] else {
            throw .transient("\(method) gave no messages")
        }
        let match = messages.first { message in
            let metadata = message["metadata"] as? [String: Any]
            let payload = metadata?["event_payload"] as? [String: Any]
            return payload?["key"] as? String == delivery.key
        }
        guard let ts = match?["ts"] as? String else { return nil }
        let opensThread = delivery.thread == nil && delivery.notice.kind == .initialAlert
        return DeliveryReceipt(messageID: ts, thread: opensThread ? ts : nil)
    }

    /// Keeps the thread's first message showing the incident as it is now (`chat.update`); best effort.
    private func refreshHeader(thread: String, to text: String) async {
        var body = Self.message(text, key: "header")
        body["channel"] = channel
        body["ts"] = thread
        body["metadata"] = nil
        _ = try? await api.call("chat.update", body)
    }

    /// A DM channel for a role: the user's own id for one person, a group DM for several.
    private func directChannel(for role: String) async throws(DeliveryFailure) -> String {
        let users = (roleIDs[role] ?? []).filter { $0.hasPrefix("U") || $0.hasPrefix("W") }
        guard let first = users.first else { throw .permanent("no Slack user configured for \(role)") }
        if users.count == 1 { return first }
        return try await openConversation(for: role)
    }

    /// The DM or group DM conversation with a role's people (`conversations.open` answers the same one every time).
    private func openConversation(for role: String) async throws(DeliveryFailure) -> String {
        let users = (roleIDs[role] ?? []).filter { $0.hasPrefix("U") || $0.hasPrefix("W") }
        guard !users.isEmpty else { throw .permanent("no Slack user configured for \(role)") }
        let answer = try await api.call("conversations.open", ["users": users.joined(separator: ",")])
        guard let channel = (answer["channel"] as? [String: Any])?["id"] as? String else { throw .transient("conversations.open gave no channel") }
        return channel
    }

    /// The message body: plain-text fallback, mrkdwn sections within Slack's limits, and the idempotency key as metadata.
    static func message(_ text: String, key: String) -> [String: any Sendable] {
        var chunks = MessageSplitter.split(text, limit: sectionLimit)
        if chunks.count > blockLimit {
            // Past Slack's 50 blocks: say so in the last one rather than drop text silently.
            let cut = chunks[(blockLimit - 1)...].reduce(0) { $0 + $1.count }
            chunks = Array(chunks.prefix(blockLimit - 1)) + ["_(\(cut) more characters not shown; `/incident timeline` has everything)_"]
        }
        let sections = chunks.map { chunk -> [String: any Sendable] in
            ["type": "section", "text": ["type": "mrkdwn", "text": chunk] as [String: any Sendable]]
        }
        return [
            "text": String(text.prefix(4000)),
            "blocks": Array(sections),
            "unfurl_links": false,
            "metadata": ["event_type": "klaxon_message", "event_payload": ["key": key] as [String: any Sendable]] as [String: any Sendable],
        ]
    }
}
