import Foundation
@testable import KlaxonStore
import Synchronization
import Testing

@Suite struct GroupCommitterTests {
    /// Records each batch written, and holds the first one until told.
    final class Writes: Sendable {
        let batches = Mutex<[[Int]]>([])
        let held = Mutex<CheckedContinuation<Void, Never>?>(nil)
        let holding = Mutex(true)

        func write(_ items: [Int]) async -> [Result<Int, any Error>] {
            let first = batches.withLock { $0.append(items); return $0.count == 1 }
            if first, holding.withLock({ $0 }) {
                await withCheckedContinuation { continuation in held.withLock { $0 = continuation } }
            }
            return items.map { $0 < 0 ? .failure(StoreError.corrupt("negative")) : .success($0 * 10) }
        }

        func release() {
            holding.withLock { $0 = false }
            held.withLock { $0 }?.resume()
        }
    }

    @Test func commitsArrivingDuringAWriteGoTogetherInTheNextOne() async throws {
        let committer = GroupCommitter<Int, Int>()
        let writes = Writes()
        try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            group.addTask { (0, try await committer.submit(0, write: writes.write).result()) }
            while writes.held.withLock({ $0 == nil }) { await Task.yield() }
            for item in 1...10 {
                group.addTask { (item, try await committer.submit(item, write: writes.write).result()) }
            }
            // Let all ten queue behind the write in progress.
            for _ in 0..<500 { await Task.yield() }
            writes.release()
            let results = try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            #expect(results == Dictionary(uniqueKeysWithValues: (0...10).map { ($0, $0 * 10) }))
        }
        let batches = writes.batches.withLock { $0 }
        #expect(batches.count == 2)
        #expect(batches.first == [0])
        #expect(Set(batches.last ?? []) == Set(1...10))
    }

    @Test func itemsSubmittedInOrderAreWrittenInOrderAndAwaitedAfterwards() async throws {
        let committer = GroupCommitter<Int, Int>()
        let writes = Writes()
        writes.release()
        // Submitted first, awaited later (the desk does this to decide the next command before the disk is done).
        let tickets = (1...5).map { committer.submit($0, write: writes.write) }
        var results: [Int] = []
        for ticket in tickets { results.append(try await ticket.result()) }
        #expect(results == [10, 20, 30, 40, 50])
        #expect(writes.batches.withLock { $0 }.flatMap { $0 } == [1, 2, 3, 4, 5])
        // Asking again gives the same outcome.
        #expect(try await tickets[0].result() == 10)
    }

    @Test func aTicketAwaitedTwiceAtOnceAnswersBothCallers() async throws {
        let committer = GroupCommitter<Int, Int>()
        let writes = Writes()
        // The leader's batch is held while its owner and a second caller (the desk's settle) both wait on it,
        // and a waiting ticket behind it is awaited twice as well.
        let leader = committer.submit(7, write: writes.write)
        let behind = committer.submit(8, write: writes.write)
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask { try await leader.result() }
            while writes.held.withLock({ $0 == nil }) { await Task.yield() }
            group.addTask { try await leader.result() }
            group.addTask { try await behind.result() }
            group.addTask { try await behind.result() }
            for _ in 0..<500 { await Task.yield() }
            writes.release()
            let results = try await group.reduce(into: []) { $0.append($1) }
            #expect(results.sorted() == [70, 70, 80, 80])
        }
    }

    @Test func oneItemsFailureIsOnlyThatItemsFailure() async throws {
        let committer = GroupCommitter<Int, Int>()
        let writes = Writes()
        writes.release()
        await #expect(throws: StoreError.corrupt("negative")) { try await committer.submit(-1, write: writes.write).result() }
        #expect(try await committer.submit(3, write: writes.write).result() == 30)
    }

    @Test func aLeaderWhoseTaskIsCancelledStillWritesTheBatchForEveryone() async throws {
        let committer = GroupCommitter<Int, Int>()
        // A write that a cancelled task would cut short, as PostgresNIO does with a query.
        let write: GroupCommitter<Int, Int>.Write = { items in
            items.map { Task.isCancelled ? .failure(CancellationError()) : .success($0 * 10) }
        }
        let leader = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await committer.submit(4, write: write).result()
        }
        #expect(try await leader.value == 40)
        #expect(try await committer.submit(5, write: write).result() == 50)
    }
}
