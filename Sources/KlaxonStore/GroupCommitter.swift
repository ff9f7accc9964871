import Synchronization

/// Group commit without a background task: the first item submitted while no batch is being written leads; items
/// submitted meanwhile queue, and when a batch is done the first of them leads the next one with everything
/// queued. Under load a batch holds everything that arrived during the previous write; alone, an item goes at once.
///
/// Submitting only takes a place in the write order; `Ticket.result` waits for the write (and runs it, for the
/// leader). A caller can so fix the order of its items first and wait for their durability afterwards. Every
/// ticket must be awaited: a leader that never asks for its result would hold up every batch after it.
final class GroupCommitter<Item: Sendable, Output: Sendable>: Sendable {
    typealias Outcome = Result<Output, any Error>
    typealias Write = @Sendable ([Item]) async -> [Outcome]

    /// One submitted item: its place in the order, then its outcome.
    final class Ticket: Sendable {
        fileprivate enum Turn {
            case waiting
            case lead
            case done(Outcome)
        }

        fileprivate struct State {
            var turn: Turn = .waiting
            var continuations: [CheckedContinuation<Void, Never>] = []
            var claimed = false
        }

        let item: Item
        fileprivate let state = Mutex(State())
        private let committer: GroupCommitter
        private let write: Write

        fileprivate init(item: Item, committer: GroupCommitter, write: @escaping Write) {
            self.item = item
            self.committer = committer
            self.write = write
        }

        /// Waits until the item is written (writing its batch if this ticket leads) and returns its outcome.
        /// Every call returns the same outcome.
        func result() async throws -> Output {
            while true {
                let turn = state.withLock { state -> Turn? in
                    if case .lead = state.turn {
                        guard !state.claimed else { return nil }
                        state.claimed = true
                    }
                    if case .waiting = state.turn { return nil }
                    return state.turn
                }
                switch turn {
                case .done(let outcome)?:
                    return try outcome.get()
                case .lead?:
                    await committer.lead(with: self)
                case .waiting?, nil:
                    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                        let ready = state.withLock { state -> Bool in
                            switch state.turn {
                            case .done: return true
                            case .lead where !state.claimed: return true
                            case .lead, .waiting:
                                // A second caller of a ticket whose batch is being written waits for it to be done.
                                state.continuations.append(continuation)
                                return false
                            }
                        }
                        if ready { continuation.resume() }
                    }
                }
            }
        }

        fileprivate func settle(_ turn: Turn) {
            let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.turn = turn
                defer { state.continuations = [] }
                return state.continuations
            }
            for waiter in waiters { waiter.resume() }
        }

        fileprivate func written(_ items: [Item]) async -> [Outcome] {
            await write(items)
        }
    }

    private struct State {
        var queue: [Ticket] = []
        var writing = false
    }

    private let state = Mutex(State())
    private let maxBatch: Int
    /// Where a batch's task runs (`nil`: Swift's global executor).
    let executor: (any TaskExecutor)?

    init(maxBatch: Int = 256, executor: (any TaskExecutor)? = nil) {
        self.maxBatch = maxBatch
        self.executor = executor
    }

    /// Takes the item's place in the write order. `write` writes a batch, one outcome per item in order; it must
    /// not throw: a failed batch is its items' failure. Every caller passes the same `write`; a leader uses its own.
    func submit(_ item: Item, write: @escaping Write) -> Ticket {
        let ticket = Ticket(item: item, committer: self, write: write)
        let leads = state.withLock { state -> Bool in
            guard state.writing else {
                state.writing = true
                return true
            }
            state.queue.append(ticket)
            return false
        }
        if leads { ticket.settle(.lead) }
        return ticket
    }

    /// Writes the leader's item and everything queued behind it, then hands the lead to whoever queued meanwhile.
    fileprivate func lead(with leader: Ticket) async {
        let others = state.withLock { state -> [Ticket] in
            let taken = Array(state.queue.prefix(maxBatch - 1))
            state.queue.removeFirst(taken.count)
            return taken
        }
        let batch = [leader] + others
        let items = batch.map(\.item)
        // The batch holds other callers' writes: it must not be cut short because the task that happens to lead it
        // was cancelled (a lease renewal ending with its send, a request whose client went away). Awaiting an
        // unstructured task's value does not pass cancellation on; it lives only for this one write.
        let outcomes = await Task(executorPreference: executor) { await leader.written(items) }.value
        for (ticket, outcome) in zip(batch, outcomes) { ticket.settle(.done(outcome)) }
        let next = state.withLock { state -> Ticket? in
            guard !state.queue.isEmpty else {
                state.writing = false
                return nil
            }
            return state.queue.removeFirst()
        }
        next?.settle(.lead)
    }
}
