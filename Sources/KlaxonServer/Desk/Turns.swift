import KlaxonCore

/// One writer per incident in this process: commands on one incident take turns, first come first served, while
/// commands on different incidents never wait for each other. Kept inside the desk actor, whose isolation guards it.
struct IncidentTurns {
    private var waiting: [IncidentID: [CheckedContinuation<Void, Never>]] = [:]

    /// Whether the incident's turn is free; if so it is now taken.
    mutating func take(_ id: IncidentID) -> Bool {
        guard waiting[id] == nil else { return false }
        waiting[id] = []
        return true
    }

    /// Queues for the incident's turn (call after `take` said it is busy).
    mutating func enqueue(_ id: IncidentID, _ continuation: CheckedContinuation<Void, Never>) {
        waiting[id, default: []].append(continuation)
    }

    /// Ends the current turn, handing it to the next in line.
    mutating func release(_ id: IncidentID) {
        guard var queue = waiting[id], !queue.isEmpty else {
            waiting[id] = nil
            return
        }
        let next = queue.removeFirst()
        waiting[id] = queue
        next.resume()
    }
}
