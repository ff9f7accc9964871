import Foundation
import KlaxonCore

/// Messages one transport still owes: how many, and since when (for metrics and readiness).
public struct OutboxBacklog: Sendable, Equatable {
    public let transport: TransportName
    public let pending: Int
    /// When the oldest of them was written.
    public let oldestCreatedAt: Date

    public init(transport: TransportName, pending: Int, oldestCreatedAt: Date) {
        self.transport = transport
        self.pending = pending
        self.oldestCreatedAt = oldestCreatedAt
    }
}
