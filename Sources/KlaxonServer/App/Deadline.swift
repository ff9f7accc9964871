import Foundation
import Synchronization

/// Chat platforms want an answer within 3 seconds. A command's work runs in the background work service; if it
/// finishes within the deadline its answer goes back at once, otherwise the caller acknowledges now and the answer
/// follows (Slack's `response_url`, Discord's interaction webhook) when the work is done.
enum Deadline {
    /// Starts `work` and waits for it until `seconds` have passed on `clock`. Returns its result if it is ready in
    /// time, or `nil` to defer, with `pending` still delivering the result later. 0 seconds always defers.
    static func answer<T: Sendable>(
        within seconds: TimeInterval, clock: any WallClock, background: BackgroundWork,
        work: @escaping @Sendable () async throws -> T
    ) async throws -> Answer<T> {
        let pending = Pending<T>()
        // The work runs in the background service's task: carry the request's id over, so its log lines keep it.
        let requestID = RequestLogContext.requestID
        let job: BackgroundWork.Job = {
            await RequestLogContext.$requestID.withValue(requestID) { pending.fulfil(await Result(catching: work)) }
        }
        guard background.submit(job) else {
            // Shutting down: no deferring, the request waits for its own work.
            return .ready(try await work())
        }
        guard seconds > 0 else { return .deferred(pending) }
        let deadline = clock.now.addingTimeInterval(seconds)
        // Neither child waits for the other: the loser is cancelled and returns at once (the work itself goes on).
        let first = await withTaskGroup(of: Result<T, any Error>?.self) { group in
            group.addTask { await pending.result() }
            group.addTask {
                try? await clock.sleep(until: deadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let first else { return .deferred(pending) }
        return .ready(try first.get())
    }

    enum Answer<T: Sendable> {
        case ready(T)
        case deferred(Pending<T>)
    }
}

/// A result that arrives later, awaited by any number of waiters; a cancelled waiter returns `nil` at once.
final class Pending<T: Sendable>: Sendable {
    private struct State {
        var result: Result<T, any Error>?
        var waiters: [Int: CheckedContinuation<Result<T, any Error>?, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    init() {}

    func fulfil(_ result: Result<T, any Error>) {
        let waiters = state.withLock { state in
            state.result = result
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: result) }
    }

    /// The result once there is one; `nil` if the waiting task is cancelled first.
    func result() async -> Result<T, any Error>? {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, any Error>?, Never>) in
                let now = state.withLock { state -> Result<T, any Error>?? in
                    if let result = state.result { return .some(result) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiters[id] = continuation
                    return .none
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(returning: nil)
        }
    }
}

extension Result where Failure == any Error {
    /// Catches what an async throwing body throws.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
