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
        // Once the pool has stopped it runs the item at once, here: the job still runs, so no task is left waiting.
        pool.submit { _ in job.runSynchronously(on: executor) }
    }

    /// Stops the thread once what is queued on it has run.
    func stop() async throws {
        try await pool.shutdownGracefully()
    }
}
