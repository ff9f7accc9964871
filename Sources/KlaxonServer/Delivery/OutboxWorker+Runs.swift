import Foundation
import KlaxonPolicy
import KlaxonStore

extension OutboxWorker {
    /// The most messages sent under one claim.
    static let runLength = 32

    /// The messages at the head of a lane that go as one run: those of an unpaced transport that are due and were
    /// never tried (so there is nothing to look up first). Otherwise the head alone.
    func run(at messages: ArraySlice<OutboxMessage>, now: Date) -> ArraySlice<OutboxMessage> {
        guard let head = messages.first, (pacing[head.transport] ?? 0) == 0 else { return messages.prefix(1) }
        let fresh = messages.prefix(Self.runLength).prefix { !$0.inFlight && $0.attempts == 0 && $0.nextAttemptAt <= now }
        return fresh.isEmpty ? messages.prefix(1) : fresh
    }

    /// Sends a run in lane order under one claim and records what went out in one write: two writes for the run
    /// instead of two for each message (each its own sync of the disk when nothing else is being written). The
    /// first message that must wait ends the run; the rest of it is let go as it was.
    func deliver(run: ArraySlice<OutboxMessage>) async -> Step {
        let start = clock.now
        let claimed: Set<Int>
        do {
            claimed = try await store.claimDeliveries(run.map(\.id), owner: owner, now: start, until: start.addingTimeInterval(Self.claim))
        } catch {
            if Task.isCancelled { return .interrupted }
            logger.error("Outbox bookkeeping failed", metadata: ["outbox.id": "\(run.first?.id ?? 0)", "error": "\(describeStoreFailure(error))"])
            return .retry(at: start.addingTimeInterval(retry.base))
        }
        // One renewal for the whole run, so no claim lapses while later messages go; and no timer for each message:
        // a cancelled sleep keeps its timer until its deadline, about a kilobyte for every message sent.
        let outcome = await withTaskGroup(of: RunOutcome?.self) { group in
            group.addTask { await self.renewWhileSending(claimed); return nil }
            group.addTask { await self.send(run, claimed: claimed, start: start) }
            var outcome = RunOutcome()
            for await finished in group {
                guard let finished else { continue }
                outcome = finished
                group.cancelAll()
            }
            return outcome
        }
        for message in outcome.unsent {
            do {
                try await store.releaseClaim(message.id, owner: owner)
            } catch {
                // Not let go: the claim lapses on its own, and the lane goes on after it.
                logger.warning("Could not release a claim", metadata: ["outbox.id": "\(message.id)", "error": "\(describeStoreFailure(error))"])
            }
        }
        guard !outcome.sent.isEmpty else { return outcome.end ?? .delivered(receipt: nil) }
        do {
            try await recordDelivered(outcome.sent, now: clock.now)
        } catch {
            if Task.isCancelled { return .interrupted }
            logger.error("Outbox bookkeeping failed", metadata: ["outbox.id": "\(outcome.sent[0].message.id)", "error": "\(describeStoreFailure(error))"])
            return .retry(at: clock.now.addingTimeInterval(retry.base))
        }
        return outcome.end ?? .delivered(receipt: nil)
    }

    /// What a run's sends came to: what the platforms took, what was claimed but not tried, and why it stopped early.
    struct RunOutcome: Sendable {
        var sent: [(message: OutboxMessage, receipt: DeliveryReceipt)] = []
        var unsent: [OutboxMessage] = []
        var end: Step?
    }

    private func send(_ run: ArraySlice<OutboxMessage>, claimed: Set<Int>, start: Date) async -> RunOutcome {
        var outcome = RunOutcome()
        for message in run {
            if outcome.end == nil {
                if !claimed.contains(message.id) {
                    // Another worker holds it (it is on this lane too): the lane waits from here.
                    outcome.end = .retry(at: Self.lookAgain(clock.now))
                } else if clock.now.timeIntervalSince(start) > Self.claim / 3 {
                    // Slow sends: the rest goes in another run, under a claim of its own.
                    outcome.end = .retry(at: clock.now)
                } else {
                    // Each message settles itself except a success, which waits for the write of the whole run.
                    switch await deliver(message, claimed: true, run: true) {
                    case .sent(let receipt): outcome.sent.append((message, receipt))
                    case .delivered, .gaveUp: break
                    case let step: outcome.end = step
                    }
                    continue
                }
            }
            if claimed.contains(message.id) { outcome.unsent.append(message) }
        }
        return outcome
    }

    /// Renews the run's claims every third of a claim until cancelled.
    private func renewWhileSending(_ ids: Set<Int>) async {
        while !Task.isCancelled {
            try? await clock.sleep(until: clock.now.addingTimeInterval(Self.claim / 3))
            if Task.isCancelled { return }
            for id in ids.sorted() {
                _ = try? await store.renewClaim(id, owner: owner, until: clock.now.addingTimeInterval(Self.claim))
            }
        }
    }
}
