import Foundation
import KlaxonCore
import KlaxonPolicy

/// Before a message is sent again (a crash mid-send, or a send that failed without saying whether it went through),
/// it is looked for where it would be. Discord's `enforce_nonce` drops a resend only within a few minutes, and a
/// fetched message does not carry its nonce, so the message is recognised by what identifies it: written by a bot,
/// no earlier than the event it reports, with exactly the text this message has (a delivery renders the same text on
/// every attempt). Finding nothing means sending again: a duplicate is better than a lost message. A look that fails
/// is thrown, to look again later.
extension DiscordTransport {
    /// How many recent messages one lookup reads (Discord's maximum per page).
    static let lookupPage = 100

    public func findDelivered(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt? {
        let parts = MessageSplitter.split(notices.text(of: delivery), limit: Self.contentLimit)
        guard let first = parts.first, let last = parts.last else { return nil }
        // Allow for a clock that runs a little ahead of Discord's.
        let events = delivery.incident.timeline
        let reported = events.indices.contains(delivery.notice.sequence - 1) ? events[delivery.notice.sequence - 1].at : delivery.now
        let after = DiscordSnowflake(date: reported.addingTimeInterval(-60))
        switch delivery.target {
        case .channel:
            let (destination, _) = destination(of: delivery)
            guard let found = try await find(first: first, last: last, in: destination, after: after) else { return nil }
            guard delivery.thread == nil, delivery.notice.kind == .initialAlert else { return DeliveryReceipt(messageID: found.id) }
            // A thread opened on a message has the message's id; open it now if the crash came before it was.
            guard !found.hasThread else { return DeliveryReceipt(messageID: found.id, thread: found.id) }
            let (thread, refusal) = await startThread(on: found.id, incident: delivery.incident)
            return DeliveryReceipt(messageID: found.id, thread: thread, warning: refusal.map(Self.threadRefused))
        case .direct(let role):
            // Delivered only if every person in the role has it; otherwise all are sent again.
            var receipt: DeliveryReceipt?
            for user in recipients(of: role) {
                guard let found = try await find(first: first, last: last, in: try await directChannel(with: user), after: after) else { return nil }
                receipt = DeliveryReceipt(messageID: found.id)
            }
            return receipt
        case .email, .tracker, .statuspage:
            return nil
        }
    }

    /// The message whose first part is `first`, provided its last part `last` went out too (parts go in order).
    private func find(first: String, last: String, in channel: String, after: DiscordSnowflake) async throws(DeliveryFailure) -> (id: String, hasThread: Bool)? {
        let answer = try await rest.get("/channels/\(channel)/messages?limit=\(Self.lookupPage)&after=\(after.rawValue)")
        guard let messages = answer as? [[String: Any]] else { throw .transient("the channel's messages could not be read") }
        let ours = messages.filter { ($0["author"] as? [String: Any])?["bot"] as? Bool == true }
        func matching(_ text: String) -> [[String: Any]] {
            ours.filter { ($0["content"] as? String).map(Self.trimmed) == Self.trimmed(text) }
        }
        guard !matching(last).isEmpty, let message = matching(first).min(by: Self.older), let id = message["id"] as? String else { return nil }
        return (id, message["thread"] != nil)
    }

    /// Discord trims surrounding whitespace from what it stores.
    private static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Orders messages by id, which orders them by time.
    private static func older(_ lhs: [String: Any], _ rhs: [String: Any]) -> Bool {
        let left = (lhs["id"] as? String).flatMap(UInt64.init) ?? .max
        let right = (rhs["id"] as? String).flatMap(UInt64.init) ?? .max
        return left < right
    }
}

/// A Discord id: milliseconds since Discord's epoch (2015) in its top 42 bits, which lets a time bound a query.
struct DiscordSnowflake: Equatable {
    static let epoch = Date(timeIntervalSince1970: 1_420_070_400)
    let rawValue: UInt64

    init(date: Date) {
        let milliseconds = max(0, (date.timeIntervalSince(Self.epoch) * 1000).rounded(.down))
        rawValue = UInt64(milliseconds) << 22
    }
}
