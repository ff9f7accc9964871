import ServiceLifecycle
import Synchronization

/// Work that outlives the request that started it (a command still committing after its answer was deferred,
/// the follow-up that delivers that answer). It runs in this service's task group, never in a stray task, so a
/// graceful shutdown lets it finish before the store is closed.
public final class BackgroundWork: Service, Sendable {
    public typealias Job = @Sendable () async -> Void

    private let jobs: AsyncStream<Job>
    private let submissions: AsyncStream<Job>.Continuation

    public init() {
        (jobs, submissions) = AsyncStream.makeStream(of: Job.self)
    }

    /// Starts `job`; false once shutting down (the caller then does the work itself, while its request is open).
    @discardableResult
    public func submit(_ job: @escaping Job) -> Bool {
        if case .enqueued = submissions.yield(job) { return true }
        return false
    }

    public func run() async {
        await withDiscardingTaskGroup { group in
            await withGracefulShutdownHandler {
                for await job in jobs {
                    group.addTask { await job() }
                }
            } onGracefulShutdown: {
                // No new work; what was started finishes (the group waits for it) before the service ends.
                self.submissions.finish()
            }
        }
    }
}
