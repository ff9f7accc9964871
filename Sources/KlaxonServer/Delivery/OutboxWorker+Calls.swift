import KlaxonPolicy

/// The worker's calls to a transport, their errors typed as results, so that each outcome is one case of a switch.
extension OutboxWorker {
    /// One look for an earlier attempt, its error typed.
    static func lookUp(_ delivery: Delivery, on transport: any MessageTransport) async -> Result<DeliveryReceipt?, DeliveryFailure> {
        do throws(DeliveryFailure) {
            return .success(try await transport.findDelivered(delivery))
        } catch {
            return .failure(error)
        }
    }

    /// One send, its error typed.
    static func send(_ delivery: Delivery, on transport: any MessageTransport) async -> Result<DeliveryReceipt, DeliveryFailure> {
        do throws(DeliveryFailure) {
            return .success(try await transport.send(delivery))
        } catch {
            return .failure(error)
        }
    }
}
