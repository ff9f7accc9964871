import KlaxonCore
import KlaxonPolicy
import KlaxonStore
import Logging

extension OutboxWorker {
    /// What a send opened that the lane's next message needs (the incident's thread, its copy on Statuspage),
    /// recorded before the row is let go so whichever worker sends the next one sees it.
    func opened(_ message: OutboxMessage, receipt: DeliveryReceipt) async throws {
        if let thread = receipt.thread, message.notice.proposal == nil {
            try await store.setThread(of: message.notice.incident, on: message.transport, to: thread)
        }
        if let change = receipt.statuspage { await linked(message.notice.incident, change) }
        if let warning = receipt.warning {
            logger.warning("Delivered, but not as meant", metadata: [
                "delivery.transport": "\(message.transport)", "incident.id": "\(message.notice.incident.rawValue)", "warning": "\(warning)",
            ])
            // Each such warning names its message and recipients, so it is recorded even after an earlier problem.
            if receipt.teamHearsWarning, message.notice.incident.rawValue > 0 {
                await report(Problem(incident: message.notice.incident, transport: message.transport, reason: warning, permanent: true, partly: true))
            }
        }
        // The platform took it: whatever failed before on this transport has recovered.
        if failingSince.removeValue(forKey: message.transport) != nil {
            logger.notice("Delivery recovered", metadata: ["delivery.transport": "\(message.transport)"])
        }
        // A problem after this one (a token revoked later, after a channel was fixed) is news again.
        if !reported.isEmpty { reported = reported.filter { $0.transport != message.transport } }
    }
}
