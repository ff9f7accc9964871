import Foundation
import KlaxonStore

extension OutboxWorker {
    /// A coalescing transport's lane (Statuspage: one per incident). Each of its messages sends the whole public state
    /// as of its event, so only the newest waiting one is sent, speaking for the changes of the older ones too; those
    /// end with it (delivered or given up). Changes made while the API was slow or limiting become one request, not a
    /// backlog.
    func drain(coalescing messages: [OutboxMessage]) async -> Date? {
        guard let newest = messages.last, let oldest = messages.first else { return nil }
        let now = clock.now
        // Another worker is sending one of them: sending the newest beside it could create the incident twice.
        if let held = messages.filter({ $0.inFlight && $0.claimedUntil > now }).map(\.claimedUntil).max() { return held }
        let paced = lastSent[newest.lane].map { $0.addingTimeInterval(pacing[newest.transport] ?? 0) } ?? now
        // An older message may be waiting out a rate limit or a backoff: the newest waits with it.
        let notBefore = max(messages.map(\.nextAttemptAt).max() ?? now, paced)
        if notBefore > now { return notBefore }
        let step = await deliver(newest, since: oldest.notice.sequence)
        if case .retry(let at) = step { return at }
        for older in messages.dropLast() {
            await settle(older, like: step, newest: newest.id)
        }
        return nil
    }

    /// Ends an older message of a coalesced lane the way its newest ended.
    private func settle(_ message: OutboxMessage, like step: Step, newest: Int) async {
        let now = clock.now
        do {
            // Claimed by a worker that has not let go yet: it stays, and is sent (or coalesced) again later.
            guard try await store.claimDelivery(message.id, owner: owner, now: now, until: now.addingTimeInterval(Self.claim)) else { return }
            switch step {
            case .delivered:
                _ = try await store.markDelivered(message.id, owner: owner, at: now, receipt: "sent with outbox message \(newest)")
            case .gaveUp(let reason):
                _ = try await store.markFailed(message.id, owner: owner, at: now, error: "given up with outbox message \(newest): \(reason)")
            case .retry:
                break
            }
        } catch {
            logger.warning("Could not close a coalesced message", metadata: ["outbox.id": "\(message.id)", "error": "\(describeStoreFailure(error))"])
        }
    }
}
