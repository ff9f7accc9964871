import Synchronization

/// Group commit without a background task: the first caller to find no batch being written writes one; callers
/// that arrive meanwhile queue, and when the batch is done the first of them writes everything queued in one go.
/// Under load a batch holds everything that arrived during the previous write; alone, a commit goes at once.
final class GroupCommitter<Item: Sendable, Output: Sendable>: Sendable {
    typealias Outcome = Result<Output, any Error>

    private enum Turn {
        case done(Outcome)
        case lead
    }

    private struct Waiting {
        let item: Item
        let continuation: CheckedContinuation<Turn, Never>
    }

    private struct State {
        var queue: [Waiting] = []
        var writing = false
    }

    private let state = Mutex(State())
    private let maxBatch: Int

    init(maxBatch: Int = 256) {
        self.maxBatch = maxBatch
    }

    /// Commits `item` in the next batch. `write` writes a batch, one outcome per item in order; it must not throw:
    /// a failed batch is its items' failure. Every caller passes the same `write`; whoever leads uses its own.
    func submit(_ item: Item, write: @Sendable ([Item]) async -> [Outcome]) async throws -> Output {
        let turn = await withCheckedContinuation { (continuation: CheckedContinuation<Turn, Never>) in
            let leads = state.withLock { state -> Bool in
                guard state.writing else {
                    state.writing = true
                    return true
                }
                state.queue.append(Waiting(item: item, continuation: continuation))
                return false
            }
            if leads { continuation.resume(returning: .lead) }
        }
        switch turn {
        case .done(let outcome): return try outcome.get()
        case .lead: return try await lead(with: item, write: write)
        }
    }

    private func lead(with item: Item, write: @Sendable ([Item]) async -> [Outcome]) async throws -> Output {
        let others = state.withLock { state -> [Waiting] in
            let taken = Array(state.queue.prefix(maxBatch - 1))
            state.queue.removeFirst(taken.count)
            return taken
        }
        let outcomes = await write([item] + others.map(\.item))
        for (waiting, outcome) in zip(others, outcomes.dropFirst()) {
            waiting.continuation.resume(returning: .done(outcome))
        }
        // Whoever queued during this write leads the next batch.
        let next = state.withLock { state -> Waiting? in
            guard !state.queue.isEmpty else {
                state.writing = false
                return nil
            }
            return state.queue.removeFirst()
        }
        next?.continuation.resume(returning: .lead)
        return try outcomes[0].get()
    }
}
