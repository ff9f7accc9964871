import Foundation
import Synchronization

/// How this process's commits tell the scheduler that something falls due sooner than it meant to look.
///
/// Each commit reports its incident's next due time; the scheduler, asleep until a deadline, wakes only for a time
/// before that deadline. A later time it finds by itself, in the store's index, when it wakes: so the commands of an
/// incident (whose timers are minutes away) cost the scheduler nothing, instead of two reads of the store each.
public final class DueSignal: Sendable {
    private struct State {
        /// The earliest time reported while nobody was waiting.
        var earliest: Date?
        var waiters: [(id: UUID, deadline: Date, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// A commit has set something due at `due`.
    public func signal(due: Date) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.waiters.isEmpty else {
                state.earliest = min(state.earliest ?? due, due)
                return []
            }
            let woken = state.waiters.filter { due < $0.deadline }
            state.waiters.removeAll { due < $0.deadline }
            return woken.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns once something is reported due before `deadline` (at once if it was while nobody waited), or when
    /// the task is cancelled. A time reported while nobody waited and not before `deadline` is dropped: the caller
    /// reads the store when it wakes at `deadline`, and the commit that reported it is there by then.
    public func wait(before deadline: Date) async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    defer { state.earliest = nil }
                    if Task.isCancelled || state.earliest.map({ $0 < deadline }) == true { return true }
                    state.waiters.append((id, deadline, continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume()
        }
    }
}
