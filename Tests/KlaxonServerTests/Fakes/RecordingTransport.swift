import Foundation
import KlaxonCore
import KlaxonPolicy
import Synchronization

/// A transport that accepts everything and remembers it: stands in for a second platform.
final class RecordingTransport: MessageTransport {
    let name: TransportName
    var threads: Bool { false }
    private let deliveries = Mutex<[Delivery]>([])
    /// What each delivery's receipt warns the team of (recipients the platform refused), if anything.
    let warning: String?

    init(name: TransportName, warning: String? = nil) {
        self.name = name
        self.warning = warning
    }

    func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
        deliveries.withLock { $0.append(delivery) }
        return DeliveryReceipt(messageID: "\(name)-\(delivery.id)", warning: warning, teamHearsWarning: warning != nil)
    }

    var received: [Delivery] { deliveries.withLock { $0 } }
}
