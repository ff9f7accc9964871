import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Testing

/// A P0 declared by mistake, withdrawn three minutes later: the channel is told to stand down, and nothing more is
/// ever said about it: no nudge, escalation, review reminder or overdue report.
@Suite struct WithdrawFlowTests {
    @Test func aWithdrawnP0StandsEveryoneDownAndIsNeverHeardOfAgain() async throws {
        let h = try await DeskHarness()
        try await h.say("p0 Uploads failing", at: 0)
        try await h.say("withdraw False alarm: the synthetic probe itself was down", at: 3)
        let standDown = try #require(h.messages().first { $0.kind == .withdrawn })
        #expect(standDown.minute == 3)
        #expect(standDown.audience.contains(.channel), "the channel was paged, so it hears the stand-down")
        await h.run(until: 4 * 24 * 60)
        #expect(h.messages(from: 4).isEmpty, "\(h.messages(from: 4))")
        let incident = try #require(try await h.handle.store.incident(IncidentID(1)))
        #expect(!incident.isOpen)
        #expect(incident.withdrawal == "False alarm: the synthetic probe itself was down")
        #expect(try await h.handle.store.head(IncidentID(1))?.nextDueAt == nil)
        #expect(try await h.reply("reopen #1 It was real", at: 4 * 24 * 60 + 1).contains("was withdrawn as declared by mistake"))
        try await h.close()
    }
}
