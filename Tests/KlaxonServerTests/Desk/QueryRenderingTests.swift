import Dispatch
import Foundation
import KlaxonCore
import KlaxonServer
import Synchronization
import Testing

/// A query's answer (a report, a timeline) is as long as the incident's history: it is rendered off the desk.
@Suite("Answers to queries")
struct QueryRenderingTests {
    @Test("A report being rendered holds up no command, on another incident or on its own")
    func aReportBeingRenderedHoldsUpNoCommand() async throws {
        let harness = try await DeskHarness()
        try await harness.say("p1 Payments failing", at: 0)
        try await harness.say("p2 OCR slow", in: ChannelRef(platform: .slack, id: "C0TWO", name: "ocr"), at: 1)
        // The render is synchronous, so it holds its thread until the others are answered; the test itself waits for
        // it to start without holding one.
        let (started, rendering) = AsyncStream.makeStream(of: Void.self)
        let others = DispatchSemaphore(value: 0)
        let envelope = CommandEnvelope(
            command: try CommandParser(platform: .slack).parse("report #1"), actor: Participant(platform: .slack, id: "UANN", name: nil),
            channel: DeskHarness.channel, requestKey: nil
        )
        async let report = harness.desk.handle(envelope) { outcome in
            guard case .report = outcome else { return "not a report" }
            rendering.yield()
            // Until the other commands are answered; if they waited for this render, it gives up after 20 s.
            return others.wait(timeout: .now() + 20) == .success ? "report" : "held up the other commands"
        }
        for await _ in started { break }
        try await harness.say("note #2 restarted the OCR workers", at: 2)
        try await harness.say("note #1 card processor answered", at: 2)
        others.signal()
        #expect(try await report == "report")
        try await harness.close()
    }
}
