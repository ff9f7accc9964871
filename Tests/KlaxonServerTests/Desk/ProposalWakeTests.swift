import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Testing

/// A proposal's message, and its withdrawal's, are written by the alert hook outside any incident's commit: the
/// outbox worker hears of them only by the desk's signal, or it would sleep until something else is posted.
@Suite("Proposal messages wake the outbox")
struct ProposalWakeTests {
    static func group(_ status: Alert.Status) -> AlertGroup {
        let alert = Alert(
            fingerprint: "w1", status: status, labels: ["alertname": "DiskFull", "severity": "warning"], annotations: [:], startsAt: DeskHarness.start
        )
        return AlertGroup(source: .alertmanager, key: AlertGroupKey(#"{}:{alertname="DiskFull"}"#), receiver: "klaxon", groupLabels: ["alertname": "DiskFull"], alerts: [alert])
    }

    /// Whether a signal is waiting: a wait then returns at once, where otherwise it is still waiting after many turns.
    static func signalled(_ wake: WakeSignal) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await wake.wait(); return !Task.isCancelled }
            group.addTask {
                for _ in 0..<10_000 { await Task.yield() }
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    @Test("Proposing a group, and withdrawing its proposal, each wake the outbox worker")
    func proposingAndWithdrawingWakeTheWorker() async throws {
        let harness = try await DeskHarness()
        #expect(await !Self.signalled(harness.desk.outboxChanges), "nothing written yet")
        #expect(try await harness.desk.receive(Self.group(.firing)) == .proposed(AlertProposalID(1)))
        #expect(await Self.signalled(harness.desk.outboxChanges), "the proposal's message")
        #expect(try await harness.desk.receive(Self.group(.resolved)) == .withdrawn(AlertProposalID(1)))
        #expect(await Self.signalled(harness.desk.outboxChanges), "the withdrawal's message")
        try await harness.close()
    }
}
