import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

/// The 3-second deadline defers for real: with a store that is slow on purpose and a manual clock, the
/// acknowledgement leaves at the deadline and the answer follows once the command is stored, once.
@Suite struct DeadlineTests {
    @Test func aSlowSlackCommandIsAcknowledgedAtTheDeadlineAndAnsweredWhenStored() async throws {
        let slack = try await FakeSlackAPI.start()
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let gate = TestGate()
        let slow = InterposedStore(base: handle.store) { _ in await gate.wait() }
        let clock = ManualWallClock(TestHarness.start)
        let body = TestHarness.form("p1 Payments failing") + "&response_url=" + (slack.baseURL + "/response_url").addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try await SlackDelayedReplyTests.app(slack, store: slow, clock: clock, deferAfter: 2.5).test(.router) { client in
            async let answered = client.execute(
                uri: "/slack/commands", method: .post, headers: TestHarness.signedHeaders(body, at: clock.now), body: ByteBuffer(string: body)
            ) { try JSONDecoder().decode(ReplyBody.self, from: Data(buffer: $0.body)) }
            // The command is stuck in the store; the request waits for the deadline on the clock.
            try await eventually("the commit to start") { gate.arrived == 1 }
            try await eventually("the deadline timer") { clock.sleeperCount == 1 }
            clock.advance(to: TestHarness.start.addingTimeInterval(2.4))
            #expect(slack.calls.isEmpty)
            clock.advance(to: TestHarness.start.addingTimeInterval(2.5))
            let reply = try await answered
            #expect(reply.text == "Working on it…")
            #expect(slack.calls.contains { $0.method == "response_url" } == false)
            // The store catches up; the real answer follows through response_url.
            gate.open()
            try await eventually("the delayed answer") { slack.calls.contains { $0.method == "response_url" } }
            let delayed = try #require(slack.calls.first { $0.method == "response_url" })
            #expect((delayed.json["text"] as? String)?.hasPrefix("*[P1 INCIDENT]") == true)
        }
        #expect(try await handle.store.trackedIncidents().count == 1)
        #expect(try await handle.store.heads(IncidentQuery(.open)).map(\.version) == [1])
        try await handle.close()
        await slack.stop()
    }
}
