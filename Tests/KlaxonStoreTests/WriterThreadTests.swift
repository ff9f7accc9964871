import Foundation
import SQLKit
import Synchronization
import Testing
@testable import KlaxonStore

/// A group commit's task runs on the thread that runs its statements, so a statement does not wake another thread
/// and wait to be woken back.
@Suite(.timeLimit(.minutes(1))) struct WriterThreadTests {
    typealias F = StoreFixtures

    @Test func aTaskThatPrefersItRunsOnThePoolsThreadBeforeAndAfterEachJobItQueues() async throws {
        let thread = WriterThread()
        let poolThread = try await thread.pool.runIfActive { pthread_self() }
        let seen = await Task(executorPreference: thread) { () -> [pthread_t] in
            var seen = [pthread_self()]
            for _ in 0..<3 {
                _ = try? await thread.pool.runIfActive { 1 }
                seen.append(pthread_self())
            }
            return seen
        }.value
        #expect(seen == Array(repeating: poolThread, count: 4))
        try await thread.stop()
    }

    @Test func aJobQueuedAfterTheThreadStoppedStillRuns() async throws {
        let thread = WriterThread()
        try await thread.stop()
        let answer = await Task(executorPreference: thread) { 42 }.value
        #expect(answer == 42)
    }

    @Test func aGroupCommitOfTheSQLiteStoreRunsOnTheWritersThread() async throws {
        let (database, handle) = try await StoreEngine.sqliteFile.open()
        defer { database.remove() }
        let writer = try #require(handle.store.committer.executor as? WriterThread)
        let writersThread = try await writer.pool.runIfActive { pthread_self() }
        let seen = try await handle.store.write { db -> [pthread_t] in
            let before = pthread_self()
            // SQLiteNIO hands each row over on the thread that ran the statement.
            let statement = Mutex<pthread_t?>(nil)
            try await db.execute(sql: SQLRaw("SELECT 1")) { _ in statement.withLock { $0 = pthread_self() } }
            return [before, statement.withLock { $0 } ?? 0, pthread_self()]
        }
        #expect(seen == [writersThread, writersThread, writersThread])
        _ = try await F.declare(handle.store)
        try await handle.close()
    }
}
