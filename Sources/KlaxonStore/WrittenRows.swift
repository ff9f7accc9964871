import KlaxonCore
import Synchronization

/// Rows this process has just committed (outbox notices, events), by their key, so the worker that reads them back
/// moments later need not decode their JSON again: decoding a declaration's two notices and its event was a sixth of
/// its cost.
///
/// The rows stay the truth: a value not found here (written by a replica, read a second time, or not kept because
/// the memo was full) is decoded from its row. A notice or an event never changes once written, and only committed
/// batches are remembered, so what is found here is what the row holds. A batch is remembered just after its commit:
/// a read in between decodes its rows, and their values stay here unread until the memo starts over, as do those of
/// rows a replica sent.
final class WrittenRows<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var values: [Key: Value] = [:]
        /// Whether a value was handed out since the memo was last found full.
        var takenSinceFull = false
    }

    private let state = Mutex(State())
    /// Values held at most, in each of the store's two memos (notices, events): 4,096 notices added 3 MB to the
    /// resident memory after 10,000 declarations.
    static var limit: Int { 1024 }

    /// Keeps a committed batch's values. When they do not fit and values have been taken, the memo holds the oldest
    /// ones, which the worker reads next (a backlog), and lets these be decoded; when nothing was taken since it was
    /// last full, what it holds is never read here (another replica sent it): it starts over.
    func remember(_ written: [(key: Key, value: Value)]) {
        guard !written.isEmpty else { return }
        state.withLock { state in
            if state.values.count + written.count > Self.limit {
                defer { state.takenSinceFull = false }
                guard !state.takenSinceFull else { return }
                state.values.removeAll()
            }
            for (key, value) in written.prefix(Self.limit) { state.values[key] = value }
        }
    }

    /// The value written under `key`, once: the memo forgets it as it hands it out.
    func take(_ key: Key) -> Value? {
        state.withLock { state in
            guard let value = state.values.removeValue(forKey: key) else { return nil }
            state.takenSinceFull = true
            return value
        }
    }

    /// The values of every key, in order, if the memo holds them all (and then forgets them); else `nil`, and it
    /// keeps them.
    func take(all keys: some Collection<Key>) -> [Value]? {
        state.withLock { state in
            var values: [Value] = []
            values.reserveCapacity(keys.count)
            for key in keys {
                guard let value = state.values[key] else { return nil }
                values.append(value)
            }
            for key in keys { state.values[key] = nil }
            state.takenSinceFull = true
            return values
        }
    }
}

/// An event's key among the rows just written: its incident and its number there.
struct EventKey: Hashable, Sendable {
    let incident: Int
    let sequence: Int
}
