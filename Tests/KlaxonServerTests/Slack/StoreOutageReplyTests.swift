import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

/// When the database does not answer (PostgreSQL restarting), a command is never acknowledged as recorded: the user
/// alone hears that it was not, and nothing is stored.
@Suite struct StoreOutageReplyTests {
    struct DatabaseDown: Error {}

    @Test(arguments: [0.0, 30.0]) func aCommandTheStoreCannotTakeIsAnsweredAsNotRecorded(deferAfter: TimeInterval) async throws {
        let slack = try await FakeSlackAPI.start()
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let down = InterposedStore(base: handle.store) { _ in throw DatabaseDown() }
        let clock = ManualWallClock(TestHarness.start)
        let body = TestHarness.form("p1 Payments failing") + "&response_url=" + (slack.baseURL + "/response_url").addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try await SlackDelayedReplyTests.app(slack, store: down, clock: clock, deferAfter: deferAfter).test(.router) { client in
            let (status, reply) = try await client.execute(
                uri: "/slack/commands", method: .post, headers: TestHarness.signedHeaders(body, at: clock.now), body: ByteBuffer(string: body)
            ) { ($0.status, try JSONDecoder().decode(ReplyBody.self, from: Data(buffer: $0.body))) }
            let answer: ReplyBody
            if reply.text == "Working on it…" {
                // Deferred at once: the verdict comes through response_url.
                try await eventually("the delayed answer") { slack.calls.contains { $0.method == "response_url" } }
                let delayed = try #require(slack.calls.first { $0.method == "response_url" })
                answer = ReplyBody(response_type: delayed.json["response_type"] as? String ?? "", text: delayed.json["text"] as? String ?? "")
            } else {
                answer = reply
            }
            #expect(status == .ok)
            #expect(answer.response_type == "ephemeral")
            #expect(answer.text.hasPrefix("Klaxon could not record that"))
        }
        #expect(try await handle.store.trackedIncidents().isEmpty)
        try await handle.close()
        await slack.stop()
    }
}
