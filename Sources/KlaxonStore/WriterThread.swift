import NIOPosix

/// The SQLite writer's thread, and a task executor on that same thread for the group commits' tasks.
///
/// SQLiteNIO runs each statement as a job on its connection's thread pool and resumes the waiting task on another
/// thread: two thread switches a statement, each waking a sleeping thread. At a low rate a group commit holds one
/// command and eight statements (BEGIN, the request keys, the next number, four INSERTs, COMMIT), and those switches
/// cost more CPU than the command's own work. A task that prefers this executor runs between its statements on the
/// thread that runs them: each statement is queued behind the task's current step and runs as soon as it yields.
final class WriterThread: TaskExecutor, Sendable {
    /// One thread: a second would be woken for every statement the first queues.
    let pool = NIOThreadPool(numberOfThreads: 1)

    init() {
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        pool.submit { state in
            switch state {
            case .active:
                job.runSynchronously(on: executor)
            case .cancelled:
                // The pool is stopping or stopped: the job goes to Swift's own executor, so no task is left waiting.
                globalConcurrentExecutor.enqueue(ExecutorJob(job))
            }
        }
    }

    /// Stops the thread; what is still queued on it is handed `.cancelled` (a statement then fails, a task moves on).
    func stop() async throws {
        try await pool.shutdownGracefully()
    }
}
