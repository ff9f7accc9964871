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

    @Test(arguments: [0, 500]) func cancellingTheWaiterEndsTheWait(turnsBeforeCancelling: Int) async {
        let signal = DueSignal()
        let waiter = Task { await signal.wait(before: Self.deadline) }
        for _ in 0..<turnsBeforeCancelling { await Task.yield() }
        waiter.cancel()
        await waiter.value
    }

    @Test func twoWaitersAreWokenEachByATimeBeforeItsOwnDeadline() async {
        let signal = DueSignal()
        let (early, late) = (Flag(), Flag())
        let first = Task {
            await signal.wait(before: Self.deadline)
            early.set()
        }
        let second = Task {
            await signal.wait(before: Self.deadline.addingTimeInterval(3600))
            late.set()
        }
        for _ in 0..<500 { await Task.yield() }
        signal.signal(due: Self.deadline.addingTimeInterval(60))
        await second.value
        for _ in 0..<200 { await Task.yield() }
        #expect(late.isSet)
        #expect(!early.isSet)
        first.cancel()
        await first.value
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
