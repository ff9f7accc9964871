import Foundation
import KlaxonPolicy
import KlaxonStore

/// Messages this worker sent whose bookkeeping the store could not take (a database restarting). Their claims are
/// still this worker's, so its next pass writes what is missing; left to lapse, a claim held up its lane for up to a
/// minute.
extension OutboxWorker {
    /// A message the platform took whose bookkeeping is not written yet: what its send opened (a thread), then its
    /// delivery.
    struct Unrecorded {
        let message: OutboxMessage
        let receipt: DeliveryReceipt
        var opened: Bool
    }

    /// The platform took the message: what the send opened is written (`opened`). Until `recordDelivered` also
    /// writes its delivery the worker keeps it here, so a failure of either write does not make the lane wait.
    func took(_ message: OutboxMessage, receipt: DeliveryReceipt) async throws {
        unrecorded[message.id] = Unrecorded(message: message, receipt: receipt, opened: false)
        try await opened(message, receipt: receipt)
        unrecorded[message.id]?.opened = true
    }

    /// Writes what is missing for the messages of a lane that this worker sent, and drops them from it: wherever they
    /// are in it, as a message that pages people goes before older ones (`prioritized`). Returns when to try again if
    /// the store still fails.
    func recordUnrecorded(at lane: inout ArraySlice<OutboxMessage>) async -> Date? {
        guard !unrecorded.isEmpty else { return nil }
        let sent = lane.compactMap { unrecorded[$0.id] }
        guard !sent.isEmpty else { return nil }
        do {
            for entry in sent where !entry.opened { try await opened(entry.message, receipt: entry.receipt) }
            try await recordDelivered(sent.map { ($0.message, $0.receipt) }, now: clock.now)
        } catch {
            logger.error("Outbox bookkeeping failed", metadata: ["outbox.id": "\(sent[0].message.id)", "error": "\(describeStoreFailure(error))"])
            return clock.now.addingTimeInterval(retry.base)
        }
        let recorded = Set(sent.map(\.message.id))
        lane = ArraySlice(lane.filter { !recorded.contains($0.id) })
        return nil
    }

    /// Forgets messages no longer waiting: recorded after all, or lapsed and taken over by another worker.
    func forgetUnrecorded(except pending: [OutboxMessage]) {
        guard !unrecorded.isEmpty else { return }
        let waiting = Set(pending.map(\.id))
        unrecorded = unrecorded.filter { waiting.contains($0.key) }
    }
}
