import Foundation
import HummingbirdTesting
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

@Suite struct RequestIDTests {
    @Test func aDeferredCommandsLogLinesCarryTheIDItsAnswerNames() async throws {
        let lines = JSONLogHandlerTests.Lines()
        let logger = Logger(label: "klaxon") {
            JSONLogHandler(label: $0, level: .debug, metadataProvider: RequestLogContext.metadataProvider, sink: lines.sink)
        }
        let slack = try await FakeSlackAPI.start()
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let clock = ManualWallClock(TestHarness.start)
        let body = TestHarness.form("p1 Payments failing") + "&response_url="
            + (slack.baseURL + "/response_url").addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        // Deferring at once: the command runs in the background work service's task, not the request's.
        try await SlackDelayedReplyTests.app(slack, store: handle.store, clock: clock, deferAfter: 0, logger: logger).test(.router) { client in
            let id = try await client.execute(
                uri: "/slack/commands", method: .post, headers: TestHarness.signedHeaders(body, at: clock.now), body: ByteBuffer(string: body)
            ) { response in try #require(response.headers[.init("X-Request-ID")!]) }
            try await eventually("the delayed answer") { slack.calls.contains { $0.method == "response_url" } }
            let recorded = lines.objects.filter { $0["message"] as? String == "Recorded" }
            #expect(recorded.count == 1)
            #expect(recorded.allSatisfy { ($0["metadata"] as? [String: Any])?["request.id"] as? String == id })
        }
        try await handle.close()
    }
}
