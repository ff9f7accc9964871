import Foundation
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import Testing

/// Slack sends the people it knows as ids (`<@U0DAVE|dave>`); a plain `@daev` is nobody in the workspace, and a
/// commander by that name would never be pinged by a nudge, while the incident no longer counted as without one.
@Suite("People typed in Slack")
struct SlackPersonNameTests {
    static let plainNames = ["commander @daev", "commander #1 @daev.", "ic @daev", "action @daev Add an alert on the pool size"]

    @Test("With a Slack workspace, a person typed as a plain @name is refused, saying how to pick them, and nothing is recorded", arguments: plainNames)
    func aPlainNameIsRefusedWithAWorkspace(text: String) async throws {
        let slack = try await FakeSlackAPI.start()
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let clock = ManualWallClock(TestHarness.start)
        try await SlackDelayedReplyTests.app(slack, store: handle.store, clock: clock, deferAfter: 60).test(.router) { client in
            _ = try await client.slash("p1 Payments failing", clock: clock)
            let reply = try await client.slash(text, clock: clock)
            #expect(reply.response_type == "ephemeral")
            #expect(reply.text.hasPrefix("Slack doesn't know `@daev` as anyone here"))
            #expect(reply.text.contains("pick them from the list"))
        }
        let incident = try #require(try await handle.store.incident(IncidentID(1)))
        #expect(incident.timeline.count == 1, "only the declaration")
        try await handle.close()
        await slack.stop()
    }

    @Test("With a Slack workspace, a person Slack sent as an id is the commander")
    func aPickedPersonIsTheCommander() async throws {
        let slack = try await FakeSlackAPI.start()
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let clock = ManualWallClock(TestHarness.start)
        try await SlackDelayedReplyTests.app(slack, store: handle.store, clock: clock, deferAfter: 60).test(.router) { client in
            _ = try await client.slash("p1 Payments failing", clock: clock)
            _ = try await client.slash("commander <@U0DAVE|dave>", clock: clock)
        }
        #expect(try await handle.store.incident(IncidentID(1))?.commander?.id == "U0DAVE")
        try await handle.close()
        await slack.stop()
    }

    @Test("In local mode, without a workspace to look people up in, a plain @name is the commander")
    func aPlainNameStandsLocally() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        try await harness.application().test(.router) { client in
            _ = try await client.slash("p1 Payments failing", clock: harness.clock)
            _ = try await client.slash("commander @dave", clock: harness.clock)
        }
        #expect(try await handle.store.incident(IncidentID(1))?.commander?.name == "dave")
        try await handle.close()
    }
}
