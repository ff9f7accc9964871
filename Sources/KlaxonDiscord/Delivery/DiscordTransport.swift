import Crypto
import Foundation
import KlaxonCore
import KlaxonPolicy

/// Delivers notices to a Discord channel: the alert opens a thread for the incident, later messages go into it,
/// roles get DMs. `allowed_mentions` is explicit on every message; `@everyone` only for an alert that pings the channel.
public struct DiscordTransport: MessageTransport {
    public let name = TransportName.discord
    public var threads: Bool { true }
    let rest: DiscordREST
    /// The incidents channel id (`KLAXON_DISCORD_CHANNEL`).
    let channel: String
    let roleIDs: [String: [String]]
    let notices: NoticeRenderer

    /// Discord's message limit.
    static let contentLimit = 2000

    public init(rest: DiscordREST, channel: String, roleIDs: [String: [String]], policy: Policy, templates: TemplateSet) throws(PolicyErrors) {
        self.rest = rest
        self.channel = channel
        self.roleIDs = roleIDs
        notices = try NoticeRenderer(policy: policy, templates: templates, dialect: DiscordDialect(roleIDs: roleIDs))
    }

    public func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
        let text = notices.text(of: delivery)
        // The announcer pings the channel only where the playbook says to: a P0's alert, the first raise to P0,
        // reopening one.
        let everyone = delivery.notice.audience.contains(.channel)
        switch delivery.target {
        case .channel:
            let opensThread = delivery.thread == nil && delivery.notice.kind == .initialAlert
            let (destination, reply) = destination(of: delivery)
            // The alert carries the incident's buttons and status menu, as interaction answers do.
            let controls = delivery.notice.kind == .initialAlert ? DiscordComponent.incidentControls(delivery.incident.id) : []
            let first = try await post(text, to: destination, replyingTo: reply, everyone: everyone, components: controls, for: delivery)
            if let thread = delivery.thread, let header = notices.header(after: delivery) {
                await refreshHeader(thread: thread, to: header, incident: delivery.incident)
            }
            guard opensThread, let first else { return DeliveryReceipt(messageID: first) }
            let (thread, refusal) = await startThread(on: first, incident: delivery.incident)
            return DeliveryReceipt(messageID: first, thread: thread, warning: refusal.map(Self.threadRefused))
        case .direct(let role):
            let receipt = try await DirectMessageFanOut.send(to: recipients(of: role)) { user throws(DeliveryFailure) in
                try await post(text, to: try await directChannel(with: user), replyingTo: nil, everyone: false, components: [], for: delivery)
            }
            guard let receipt else { throw .permanent("no Discord user configured for \(role)") }
            return receipt
        case .email, .tracker, .statuspage:
            throw .permanent("Discord does not send email")
        }
    }

    /// Where a message to the incident's channel goes: one that pings everyone to the channel itself, as a thread's
    /// `@everyone` would reach only those following it (Slack broadcasts those from the thread); others as `place` says.
    func destination(of delivery: Delivery) -> (channel: String, replyTo: String?) {
        delivery.notice.audience.contains(.channel) ? (channel, nil) : Self.place(thread: delivery.thread, channel: channel)
    }

    /// Where an incident's later messages go: its thread (a channel), or replies to the alert when no thread could be made.
    static func place(thread: String?, channel: String) -> (channel: String, replyTo: String?) {
        guard let thread else { return (channel, nil) }
        if thread.hasPrefix("reply:") { return (channel, String(thread.dropFirst(6))) }
        return (thread, nil)
    }

    /// Keeps the alert showing the incident as it is now, as on Slack: the channel shows the alert, the rest is in
    /// its thread. The alert's id is its thread's (a thread started on a message takes the message's id), or follows
    /// `reply:` when no thread could be made. Best effort; an edit pings no one. Its buttons go once the incident is
    /// closed (a form filled in on a resolved incident would be refused, what was typed lost) and come back on reopening.
    private func refreshHeader(thread: String, to text: String, incident: Incident) async {
        let alert = thread.hasPrefix("reply:") ? String(thread.dropFirst(6)) : thread
        let controls = incident.isOpen ? Self.json(DiscordComponent.incidentControls(incident.id)) : nil
        let body: [String: any Sendable] = [
            "content": DiscordMessage.fitted(text),
            "allowed_mentions": ["parse": [String]()] as [String: any Sendable],
            "components": controls ?? [[String: any Sendable]](),
        ]
        _ = try? await rest.patch("/channels/\(channel)/messages/\(alert)", body)
    }

    /// The Discord users a role's DMs go to.
    func recipients(of role: String) -> [String] {
        (roleIDs[role] ?? []).filter(DiscordDialect.isSnowflake)
    }

    /// The DM channel with a user (Discord answers the same one every time).
    func directChannel(with user: String) async throws(DeliveryFailure) -> String {
        let dm = try await rest.post("/users/@me/channels", ["recipient_id": user])
        guard let id = dm["id"] as? String else { throw .transient("no DM channel for \(user)") }
        return id
    }

    /// What the operator is told when Discord refuses the incident's thread.
    static func threadRefused(_ reason: String) -> String {
        "could not open the incident's thread (\(reason)); its messages reply to the alert instead"
    }

    /// Opens a thread on the alert; without permission for that (the bot lacks Create Public Threads), later
    /// messages reply to the alert instead, and Discord's refusal is returned for the operator.
    func startThread(on message: String, incident: Incident) async -> (thread: String, refusal: String?) {
        // At most 100 characters as Discord counts them (UTF-16), or the thread is refused.
        // Plain text, where no markup renders: a title typed on Slack with a mention reads as its name.
        let title = String(UTF16Cut.prefix("\(incident.id) \(ChatMarkup.readable(incident.title))", units: 100))
        do {
            let thread = try await rest.post("/channels/\(channel)/messages/\(message)/threads", ["name": title, "auto_archive_duration": 1440])
            guard let id = thread["id"] as? String else { return ("reply:\(message)", "Discord's answer had no thread id") }
            return (id, nil)
        } catch {
            return ("reply:\(message)", error.reason)
        }
    }

    /// Posts text in parts of at most 2,000 characters; returns the first part's id. The nonce makes Discord drop a
    /// resend within a few minutes; after that, a resend posts only the parts that are not in the channel yet, so no
    /// one reads the first part twice.
    private func post(
        _ text: String, to channel: String, replyingTo reply: String?, everyone: Bool, components: [DiscordComponent], for delivery: Delivery
    ) async throws(DeliveryFailure) -> String? {
        let parts = MessageSplitter.split(text, limit: Self.contentLimit)
        let earlier = try await delivery.earlierAttempt { start throws(DeliveryFailure) in
            try await posted(parts, in: channel, after: DiscordSnowflake(date: start))
        }
        var first = earlier?.first
        for (index, part) in parts.enumerated() where index >= earlier?.count ?? 0 {
            let mentions = DiscordAllowedMentions(content: part, everyone: everyone)
            var body: [String: any Sendable] = [
                "content": part,
                "allowed_mentions": ["parse": mentions.parse, "users": mentions.users, "roles": mentions.roles] as [String: any Sendable],
                "nonce": Self.nonce(delivery.key, part: index),
                "enforce_nonce": true,
            ]
            if let reply, index == 0 { body["message_reference"] = ["message_id": reply, "fail_if_not_exists": false] as [String: any Sendable] }
            if index == parts.count - 1, !components.isEmpty, let json = Self.json(components) { body["components"] = json }
            let answer = try await rest.post("/channels/\(channel)/messages", body)
            if first == nil { first = answer["id"] as? String }
        }
        return first
    }

    /// Components as JSON objects, through their `Encodable` form.
    static func json(_ components: [DiscordComponent]) -> (any Sendable)? {
        guard let data = try? JSONEncoder().encode(components) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [[String: any Sendable]]
    }

    /// A nonce of at most 25 characters derived from the outbox key.
    static func nonce(_ key: String, part: Int) -> String {
        let digest = SHA256.hash(data: Data("\(key)#\(part)".utf8))
        return String(digest.map { String(format: "%02x", $0) }.joined().prefix(25))
    }
}
