import Foundation
import KlaxonCore
import KlaxonPolicy

/// Before a message is sent again (a crash mid-send, or a send that failed without saying whether it went through),
/// it is looked for among the posts since shortly before its event, by the outbox key in its props. Finding nothing
/// means sending again: a duplicate is better than a lost message. A look that fails is thrown, to look again later.
extension MattermostTransport {
    public func findDelivered(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt? {
        let parts = MessageSplitter.split(notices.text(of: delivery), limit: Self.messageLimit).count
        let since = Self.milliseconds(delivery.lookupStart)
        switch delivery.target {
        case .channel:
            guard let found = try await find(delivery.key, parts: parts, in: channel, since: since) else { return nil }
            let opensThread = delivery.thread == nil && delivery.notice.kind == .initialAlert
            return DeliveryReceipt(messageID: found, thread: opensThread ? found : nil)
        case .direct(let role):
            // Delivered only if every person in the role has it; otherwise it is sent to those who lack it.
            let users = try await recipients(of: role)
            guard !users.isEmpty else { return nil }
            var receipt: DeliveryReceipt?
            for user in users {
                guard let found = try await find(delivery.key, parts: parts, in: try await directChannel(with: user), since: since) else { return nil }
                receipt = DeliveryReceipt(messageID: found)
            }
            return receipt
        case .email, .tracker, .statuspage:
            return nil
        }
    }

    /// A time as Mattermost's `since` takes it: milliseconds since 1970.
    static func milliseconds(_ time: Date) -> Int64 {
        Int64((time.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The first part of the message with this key, provided every part went out.
    private func find(_ key: String, parts: Int, in channel: String, since: Int64) async throws(DeliveryFailure) -> String? {
        let earlier = try await posted(key, parts: parts, in: channel, since: since)
        return earlier.count == parts ? earlier.first : nil
    }

    /// How many of the message's parts, from the first, an earlier attempt posted in `channel`, and the first's id.
    func posted(_ key: String, parts: Int, in channel: String, since: Int64) async throws(DeliveryFailure) -> (count: Int, first: String?) {
        guard let answer = try await api.get("/channels/\(channel)/posts?since=\(since)") as? [String: Any],
              let posts = answer["posts"] as? [String: [String: Any]] else { throw .transient("the channel's posts could not be read") }
        var ids: [String: String] = [:]
        for post in posts.values {
            // A post someone deleted is not delivered.
            guard (post["delete_at"] as? Int ?? 0) == 0, let props = post["props"] as? [String: Any], props[Self.keyProperty] as? String == key,
                  let part = props[Self.partProperty] as? String else { continue }
            ids[part] = post["id"] as? String ?? ids[part]
        }
        let count = (0..<parts).prefix { ids[Self.part($0, of: parts)] != nil }.count
        return (count, ids[Self.part(0, of: parts)])
    }
}
