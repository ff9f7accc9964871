import KlaxonCore

/// One writer per key in this process: work on one key (an incident, an alert group) takes turns, first come first
/// served, while work on different keys never waits. Kept inside the desk actor, whose isolation guards it.
struct Turns<Key: Hashable> {
    private var waiting: [Key: [CheckedContinuation<Void, Never>]] = [:]

    /// Whether the key's turn is free; if so it is now taken.
    mutating func take(_ key: Key) -> Bool {
        guard waiting[key] == nil else { return false }
        waiting[key] = []
        return true
    }

    /// Queues for the key's turn (call after `take` said it is busy).
    mutating func enqueue(_ key: Key, _ continuation: CheckedContinuation<Void, Never>) {
        waiting[key, default: []].append(continuation)
    }

    /// Ends the current turn, handing it to the next in line.
    mutating func release(_ key: Key) {
        guard var queue = waiting[key], !queue.isEmpty else {
            waiting[key] = nil
            return
        }
        let next = queue.removeFirst()
        waiting[key] = queue
        next.resume()
    }
}
