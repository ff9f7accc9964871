import Foundation
import KlaxonCore
import KlaxonPolicy
import Synchronization

/// A transport that accepts everything and remembers it: stands in for a second platform.
final class RecordingTransport: MessageTransport {
    let name: TransportName
    var threads: Bool { false }
    private let deliveries = Mutex<[Delivery]>([])

    init(name: TransportName) {
        self.name = name
    }

    func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
        deliveries.withLock { $0.append(delivery) }
        return DeliveryReceipt(messageID: "\(name)-\(delivery.id)")
    }

    var received: [Delivery] { deliveries.withLock { $0 } }
}
