/// A message to each person in a role, one after another (Discord and Mattermost have no group DM for a bot to
/// post in). A person who cannot be reached (their DMs closed, their account gone: a permanent refusal) must not
/// keep the message from the others: they get it, and the refusal goes in the receipt's warning for the operator.
/// A transient failure or a rate limit is the whole send's, so it is tried again; the transports resend only to
/// those who do not have it yet (`Delivery.retrying`).
public enum DirectMessageFanOut {
    /// Sends to every recipient through `post` (which answers the message id); `nil` when there is no one to send to.
    public static func send(
        to recipients: [String], _ post: (String) async throws(DeliveryFailure) -> String?
    ) async throws(DeliveryFailure) -> DeliveryReceipt? {
        guard !recipients.isEmpty else { return nil }
        var last: String?
        var delivered = 0
        var retryable: DeliveryFailure?
        var refused: [String] = []
        for recipient in recipients {
            do throws(DeliveryFailure) {
                last = try await post(recipient) ?? last
                delivered += 1
            } catch .rateLimited(let seconds) {
                // The others would be refused as well: wait as asked, then go on where this stopped.
                throw .rateLimited(retryAfter: seconds)
            } catch .transient(let reason) {
                retryable = retryable ?? .transient("\(recipient): \(reason)")
            } catch .permanent(let reason) {
                refused.append("\(recipient) (\(reason))")
            }
        }
        if let retryable {
            throw .transient("the DMs reached \(delivered) of \(recipients.count) people; \(retryable.reason)")
        }
        guard delivered > 0 else { throw .permanent("no DM went through: " + refused.joined(separator: "; ")) }
        let warning = refused.isEmpty ? nil : "not delivered to " + refused.joined(separator: "; ")
        return DeliveryReceipt(messageID: last, warning: warning)
    }
}
