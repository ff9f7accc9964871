/// When a connection must have sent its next request by: armed while Klaxon waits for a request (before its first
/// byte, and while its head and body arrive), disarmed while Klaxon answers. Bytes arriving do not re-arm it, so a
/// client trickling a request is closed as surely as a silent one. The I/O is `RequestDeadlineHandler`'s.
struct RequestDeadline: Equatable {
    /// What the connection should do with its timer or itself.
    enum Action: Equatable {
        /// Start the timer now (replacing any running one).
        case arm
        /// Stop the timer.
        case disarm
        /// Close the connection.
        case close
        case none
    }

    /// A request's head has arrived but not its end.
    private(set) var reading = false
    /// Requests read (or being read) and not yet answered.
    private(set) var unanswered = 0
    /// The answer being written says `Connection: close`.
    private var closing = false

    /// The connection opened: its first request must arrive in time.
    mutating func opened() -> Action { .arm }

    /// A request's head arrived. Waiting for it was already timed, unless an earlier answer was still being written.
    mutating func readHead() -> Action {
        reading = true
        unanswered += 1
        return unanswered > 1 ? .arm : .none
    }

    /// The request is complete: answering it may take its time.
    mutating func readEnd() -> Action {
        reading = false
        return .disarm
    }

    /// An answer's head is being written; `close` when it says `Connection: close`.
    mutating func wroteHead(close: Bool) -> Action {
        if close { closing = true }
        return .none
    }

    /// An answer is complete: close if it said so, else time the wait for the next request.
    mutating func wroteEnd() -> Action {
        unanswered = max(unanswered - 1, 0)
        if closing { return .close }
        // A request still arriving keeps the deadline it has.
        return unanswered == 0 && !reading ? .arm : .none
    }

    /// The timer fired.
    mutating func timedOut() -> Action { .close }
}
