import Synchronization

/// Waits for `work` at most `limit`. A PostgreSQL connection killed in the middle of a query can leave that query
/// waiting forever (seen with pg_terminate_backend); the group commit must not wait with it, or every later write
/// of the process would. The abandoned work keeps its pooled connection until it ends, if ever.
func withinDeadline<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    let race = DeadlineRace<T>()
    return try await withCheckedThrowingContinuation { continuation in
        race.begin(continuation)
        // Two short-lived tasks race; whichever ends first answers, and the timer is cancelled when the work wins.
        let timer = Task {
            try? await Task.sleep(for: limit)
            if !Task.isCancelled { race.end(.failure(StoreError.unreachable("the database did not answer within \(limit)"))) }
        }
        Task {
            do {
                race.end(.success(try await work()))
            } catch {
                race.end(.failure(error))
            }
            timer.cancel()
        }
    }
}

/// The one answer of `withinDeadline`.
private final class DeadlineRace<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T, any Error>?>(nil)

    func begin(_ waiting: CheckedContinuation<T, any Error>) {
        continuation.withLock { $0 = waiting }
    }

    func end(_ result: Result<T, any Error>) {
        let waiting = continuation.withLock { current -> CheckedContinuation<T, any Error>? in
            defer { current = nil }
            return current
        }
        waiting?.resume(with: result)
    }
}
