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
        let after = DiscordSnowflake(date: delivery.lookupStart)
        switch delivery.target {
        case .channel:
            let (destination, _) = destination(of: delivery)
            guard let found = try await find(parts, in: destination, after: after) else { return nil }
            guard delivery.thread == nil, delivery.notice.kind == .initialAlert else { return DeliveryReceipt(messageID: found.id) }
            // A thread opened on a message has the message's id; open it now if the crash came before it was.
            guard !found.hasThread else { return DeliveryReceipt(messageID: found.id, thread: found.id) }
            let (thread, refusal) = await startThread(on: found.id, incident: delivery.incident)
            return DeliveryReceipt(messageID: found.id, thread: thread, warning: refusal.map(Self.threadRefused))
        case .direct(let role):
            // Delivered only if every person in the role has it; otherwise it is sent to those who lack it.
            var receipt: DeliveryReceipt?
            for user in recipients(of: role) {
                guard let found = try await find(parts, in: try await directChannel(with: user), after: after) else { return nil }
                receipt = DeliveryReceipt(messageID: found.id)
            }
            return receipt
        case .email, .tracker, .statuspage:
            return nil
        }
    }

    /// The message all of whose parts went out: its first part's id, and whether a thread was opened on it.
    private func find(_ parts: [String], in channel: String, after: DiscordSnowflake) async throws(DeliveryFailure) -> (id: String, hasThread: Bool)? {
        let earlier = try await posted(parts, in: channel, after: after)
        guard earlier.count == parts.count, let first = earlier.first else { return nil }
        return (first, earlier.hasThread)
    }

    /// How many of `parts`, from the first, an earlier attempt posted in `channel` (as the bot, in order, with exactly
    /// these texts), the first one's id, and whether a thread was opened on it.
    func posted(_ parts: [String], in channel: String, after: DiscordSnowflake) async throws(DeliveryFailure) -> (count: Int, first: String?, hasThread: Bool) {
        let answer = try await rest.get("/channels/\(channel)/messages?limit=\(Self.lookupPage)&after=\(after.rawValue)")
        guard let messages = answer as? [[String: Any]] else { throw .transient("the channel's messages could not be read") }
        let ours = Self.oldestFirst(messages).filter { ($0["author"] as? [String: Any])?["bot"] as? Bool == true }
        var count = 0
        var first: [String: Any]?
        for message in ours where count < parts.count {
            guard (message["content"] as? String).map(Self.trimmed) == Self.trimmed(parts[count]) else { continue }
            if count == 0 { first = message }
            count += 1
        }
        return (count, first?["id"] as? String, first?["thread"] != nil)
    }

    /// Messages in the order they were posted: by id (a snowflake grows with time), or, for ids that are not
    /// snowflakes, reversing Discord's listing, which puts the newest first.
    private static func oldestFirst(_ messages: [[String: Any]]) -> [[String: Any]] {
        let ids = messages.map { ($0["id"] as? String).flatMap(UInt64.init) }
        guard ids.allSatisfy({ $0 != nil }) else { return messages.reversed() }
        return zip(ids, messages).compactMap { id, message in id.map { ($0, message) } }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Discord trims surrounding whitespace from what it stores.
    private static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
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
