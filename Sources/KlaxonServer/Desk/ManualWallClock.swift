import Foundation
import Synchronization

/// A clock that only moves when told: for the policy simulator and for tests, so nothing waits for real time.
public final class ManualWallClock: WallClock {
    private struct State {
        var now: Date
        var sleepers: [(id: UUID, deadline: Date, continuation: CheckedContinuation<Void, any Error>)] = []
        var sleepCalls = 0
        /// Tasks waiting for someone to sleep on the clock (`sleeperArrival`).
        var watchers: [(id: UUID, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state: Mutex<State>

    public init(_ start: Date) {
        state = Mutex(State(now: start))
    }

    public var now: Date { state.withLock { $0.now } }

    /// Moves the clock forward and wakes everything sleeping until then.
    public func advance(to date: Date) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            state.now = max(state.now, date)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Moves the clock forward by some minutes.
    public func advance(minutes: Double) {
        advance(to: now.addingTimeInterval(minutes * 60))
    }

    /// How many tasks are waiting on this clock (tests use it to know the scheduler is idle).
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// When the tasks sleeping on this clock wake, soonest first.
    public var deadlines: [Date] { state.withLock { $0.sleepers.map(\.deadline).sorted() } }

    /// How many times anything has slept on this clock (a scheduler that spins would keep raising it).
    public var sleepCalls: Int { state.withLock { $0.sleepCalls } }

    /// Returns once something sleeps on the clock (at once if something does), or when the task is cancelled: a test
    /// that moves the clock for a sleeper waits here instead of spinning, which starved the other tests' tasks.
    public func sleeperArrival() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if !state.sleepers.isEmpty || Task.isCancelled { return true }
                    state.watchers.append((id, continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let watcher = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard let index = state.watchers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.watchers.remove(at: index).continuation
            }
            watcher?.resume()
        }
    }

    public func sleep(until deadline: Date) async throws {
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let (resumeNow, watchers) = state.withLock { state -> (Bool, [CheckedContinuation<Void, Never>]) in
                    state.sleepCalls += 1
                    if deadline <= state.now || Task.isCancelled { return (true, []) }
                    state.sleepers.append((id, deadline, continuation))
                    defer { state.watchers = [] }
                    return (false, state.watchers.map(\.continuation))
                }
                if resumeNow { continuation.resume() }
                for watcher in watchers { watcher.resume() }
            }
        } onCancel: {
            let cancelled = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index).continuation
            }
            cancelled?.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }
}
