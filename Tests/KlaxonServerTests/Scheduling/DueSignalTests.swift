import Foundation
import KlaxonServer
import Testing

/// The scheduler sleeps until a deadline; a commit wakes it only with a due time before that deadline.
@Suite struct DueSignalTests {
    static let deadline = Date(timeIntervalSince1970: 1_800_000_000)

    /// A due time reported while nobody waits, and whether a wait with `deadline` then returns at once.
    @Test(arguments: [
        (-60.0, true), (-0.001, true), (0.0, false), (600.0, false),
    ])
    func aTimeReportedBeforeTheWaitCountsOnlyWhenItIsBeforeTheDeadline(offset: Double, returnsAtOnce: Bool) async {
        let signal = DueSignal()
        signal.signal(due: Self.deadline.addingTimeInterval(offset))
        #expect(await returned(signal) == returnsAtOnce)
    }

    @Test func aTimeBeforeTheDeadlineWakesTheWaiterAndALaterOneDoesNot() async {
        let signal = DueSignal()
        let woken = Flag()
        let waiter = Task {
            await signal.wait(before: Self.deadline)
            woken.set()
        }
        for _ in 0..<200 { await Task.yield() }
        signal.signal(due: Self.deadline.addingTimeInterval(60))
        signal.signal(due: Self.deadline)
        for _ in 0..<500 { await Task.yield() }
        #expect(!woken.isSet)
        signal.signal(due: Self.deadline.addingTimeInterval(-1))
        await waiter.value
        #expect(woken.isSet)
    }

    @Test func aReportedTimeIsUsedOnce() async {
        let signal = DueSignal()
        signal.signal(due: Self.deadline.addingTimeInterval(-60))
        #expect(await returned(signal))
        #expect(await returned(signal) == false)
    }

    @Test func cancellingTheWaiterEndsTheWait() async {
        let signal = DueSignal()
        let waiter = Task { await signal.wait(before: Self.deadline) }
        waiter.cancel()
        await waiter.value
    }

    /// Whether `wait(before: deadline)` returns without a further signal (given plenty of turns to do so).
    private func returned(_ signal: DueSignal) async -> Bool {
        let done = Flag()
        let waiter = Task {
            await signal.wait(before: Self.deadline)
            done.set()
        }
        for _ in 0..<500 { await Task.yield() }
        let result = done.isSet
        waiter.cancel()
        await waiter.value
        return result
    }
}
