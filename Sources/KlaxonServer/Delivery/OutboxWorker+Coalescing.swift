import Foundation
import KlaxonStore

extension OutboxWorker {
    /// A coalescing transport's lane (Statuspage: one per incident). Each of its messages sends the whole public state
    /// as of its event, so only the newest waiting one is sent, speaking for the changes of the older ones too; those
    /// end with it (delivered or given up). Changes made while the API was slow or limiting become one request, not a
    /// backlog.
    ///
    /// Every row of the batch is claimed, in one write, before anything is sent: a replica that read fewer of them
    /// (and would send an older state) or more (and would send a newer one) cannot send beside this worker.
    func drain(coalescing messages: [OutboxMessage]) async -> Date? {
        guard let newest = messages.last, let oldest = messages.first else { return nil }
        let now = clock.now
        // Another worker is sending one of them: sending the newest beside it could create the incident twice.
        if let held = messages.filter({ $0.inFlight && $0.claimedUntil > now }).map(\.claimedUntil).max() {
            return min(held, Self.lookAgain(now))
        }
        let paced = lastSent[newest.lane].map { $0.addingTimeInterval(pacing[newest.transport] ?? 0) } ?? now
        // An older message may be waiting out a rate limit or a backoff: the newest waits with it.
        let notBefore = max(messages.map(\.nextAttemptAt).max() ?? now, paced)
        if notBefore > now { return notBefore }
        if let refused = await claimAll(messages, now: now) { return refused }
        let retrying = messages.contains { $0.inFlight || $0.attempts > 0 }
        let step = await deliver(newest, since: oldest.notice.sequence, claimed: true, retrying: retrying)
        for older in messages.dropLast() {
            await settle(older, like: step, newest: newest.id)
        }
        if case .retry(let at) = step { return at }
        return nil
    }

    /// Claims the rows in one write; when one is taken (another replica is on this lane, or the read was stale), lets
    /// go of those claimed and returns when to look again.
    private func claimAll(_ messages: [OutboxMessage], now: Date) async -> Date? {
        let claimed = (try? await store.claimDeliveries(messages.map(\.id), owner: owner, now: now, until: now.addingTimeInterval(Self.claim))) ?? []
        guard messages.contains(where: { !claimed.contains($0.id) }) else { return nil }
        for held in messages where claimed.contains(held.id) {
            do {
                try await store.releaseClaim(held.id, owner: owner)
            } catch {
                // Not let go: the claim lapses on its own, and the lane goes on after it.
                logger.warning("Could not release a claim", metadata: ["outbox.id": "\(held.id)", "error": "\(describeStoreFailure(error))"])
            }
        }
        return Self.lookAgain(now)
    }

    /// Ends an older message of a coalesced lane (claimed by this worker) the way its newest ended.
    private func settle(_ message: OutboxMessage, like step: Step, newest: Int) async {
        let now = clock.now
        do {
            switch step {
            case .delivered, .sent:
                _ = try await store.markDelivered(message.id, owner: owner, at: now, receipt: "sent with outbox message \(newest)")
            case .gaveUp(let reason):
                _ = try await store.markFailed(message.id, owner: owner, at: now, error: "given up with outbox message \(newest): \(reason)")
            case .interrupted:
                _ = try await store.releaseClaim(message.id, owner: owner)
            case .retry:
                // Tried with the newest, so the next send knows it may have gone through.
                _ = try await store.deferDelivery(message.id, owner: owner, until: message.nextAttemptAt, error: "waits with outbox message \(newest)")
            }
        } catch {
            logger.warning("Could not close a coalesced message", metadata: ["outbox.id": "\(message.id)", "error": "\(describeStoreFailure(error))"])
        }
    }
}
