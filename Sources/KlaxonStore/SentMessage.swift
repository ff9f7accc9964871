/// An outbox message a platform accepted: its row, and the platform's id for it (a Slack `ts`), if it gave one.
public struct SentMessage: Sendable, Equatable {
    public let id: Int
    public let receipt: String?

    public init(id: Int, receipt: String?) {
        self.id = id
        self.receipt = receipt
    }
}
