import Foundation
import KlaxonCore
import KlaxonPolicy

/// Before a message is sent again (a crash mid-send, or a send that failed without saying whether it went through),
/// it is looked for among the posts since shortly before its event, by the outbox key in its props. Finding nothing
/// means sending again: a duplicate is better than a lost message. A look that fails is thrown, to look again later.
extension MattermostTransport {
    public func findDelivered(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt? {
        let parts = MessageSplitter.split(notices.text(of: delivery), limit: Self.messageLimit).count
        let events = delivery.incident.timeline
        let reported = events.indices.contains(delivery.notice.sequence - 1) ? events[delivery.notice.sequence - 1].at : delivery.now
        // Allow for a clock that runs a little ahead of Mattermost's.
        let since = Int64((reported.addingTimeInterval(-60).timeIntervalSince1970 * 1000).rounded(.down))
        switch delivery.target {
        case .channel:
            guard let found = try await find(delivery.key, parts: parts, in: channel, since: since) else { return nil }
            let opensThread = delivery.thread == nil && delivery.notice.kind == .initialAlert
            return DeliveryReceipt(messageID: found, thread: opensThread ? found : nil)
        case .direct(let role):
            // Delivered only if every person in the role has it; otherwise all are sent again.
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

    /// The first part of the message with this key, provided its last part went out too (parts go in order).
    private func find(_ key: String, parts: Int, in channel: String, since: Int64) async throws(DeliveryFailure) -> String? {
        guard let answer = try await api.get("/channels/\(channel)/posts?since=\(since)") as? [String: Any],
              let posts = answer["posts"] as? [String: [String: Any]] else { throw .transient("the channel's posts could not be read") }
        func part(_ post: [String: Any]) -> String? {
            // A post someone deleted is not delivered.
            guard (post["delete_at"] as? Int ?? 0) == 0, let props = post["props"] as? [String: Any], props[Self.keyProperty] as? String == key else {
                return nil
            }
            return props[Self.partProperty] as? String
        }
        let ours = posts.values.filter { part($0) != nil }
        guard ours.contains(where: { part($0) == Self.part(parts - 1, of: parts) }) else { return nil }
        return ours.first { part($0) == Self.part(0, of: parts) }?["id"] as? String
    }
}
