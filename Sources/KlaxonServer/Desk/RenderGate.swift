import Foundation
import Synchronization

/// Lets at most `limit` long renders (a report, a timeline: as long as an incident's history) run at once; the others
/// wait their turn without a thread. Renders run on Swift's shared threads, one per core: a burst of
/// `/incident report` on a long incident would otherwise take them all, and every command on every incident would
/// wait behind it. The default keeps one core for everything else.
public final class RenderGate: Sendable {
    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    public let limit: Int
    private let state = Mutex(State())

    public init(limit: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)) {
        precondition(limit > 0, "a gate lets at least one render through")
        self.limit = limit
    }

    /// Runs `render` once fewer than `limit` others are running.
    public func run<T>(_ render: () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLock { state in
                guard state.running < limit else {
                    state.waiting.append(continuation)
                    return false
                }
                state.running += 1
                return true
            }
            if admitted { continuation.resume() }
        }
        defer { leave() }
        return render()
    }

    /// Hands the place to the longest waiting render, if any.
    private func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
