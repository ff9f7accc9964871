import Foundation
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import Testing

@Suite struct IncidentFlowTests {
    @Test func aWholeP0FromDeclareToResolveThroughSignedRequests() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        let clock = harness.clock
        try await harness.application().test(.router) { client in
            let alert = try await client.slash("p0 Uploads failing for <everyone> --public", clock: clock)
            #expect(alert.response_type == "in_channel")
            #expect(alert.text.hasPrefix("*[P0 INCIDENT] Service is down - Uploads failing for &lt;everyone&gt;* - <!channel>"))
            #expect(alert.text.contains("Incident #1"))

            clock.advance(minutes: 2)
            let commander = try await client.slash("commander <@UBOB|bob>", clock: clock)
            #expect(commander.response_type == "in_channel")
            #expect(commander.text.hasPrefix("<@UBOB> is incident commander for #1"))

            clock.advance(minutes: 3)
            let update = try await client.slash("update We're investigating the upload errors", clock: clock, user: "UBOB")
            #expect(update.text.contains("> We're investigating the upload errors"))
            // Posted at +5 min; P0 cadence is 15 min from the last update.
            #expect(update.text.contains("Next update due by 08:20 UTC"))

            clock.advance(minutes: 10)
            let status = try await client.slash("status #1 identified Connection pool exhausted", clock: clock, user: "UBOB")
            #expect(status.text.contains("Investigating → *Identified*"))

            let refused = try await client.slash("resolve Pool raised", clock: clock, user: "UBOB")
            #expect(refused.response_type == "ephemeral")
            #expect(refused.text.contains("Smoke tests pass"))

            for item in ["multiple-clients", "monitoring-stable", "customer-confirmed", "smoke"] {
                _ = try await client.slash("check \(item)", clock: clock, user: "UBOB")
            }
            clock.advance(minutes: 20)
            let resolved = try await client.slash("resolve Pool size raised, uploads recovered", clock: clock, user: "UBOB")
            #expect(resolved.response_type == "in_channel")
            #expect(resolved.text.hasPrefix("*[RESOLVED] #1 Uploads failing for &lt;everyone&gt;* after 35 min"))
            #expect(resolved.text.contains("post-incident review within 24 hours"))
        }
        let incident = try #require(try await handle.store.incident(IncidentID(1)))
        #expect(incident.timeline.map(\.change.name) == [
            "declared", "commander_assigned", "update_posted", "status_changed",
            "checklist_item_checked", "checklist_item_checked", "checklist_item_checked", "checklist_item_checked", "resolved",
        ])
        #expect(incident.commander == Participant(platform: .slack, id: "UBOB"))
        #expect(incident.publicFacing)
        #expect(incident.resolvedAt == TestHarness.start.addingTimeInterval(35 * 60))
        #expect(!incident.isOpen)
        try await handle.close()
    }

    @Test func theSameRequestDeliveredTwiceIsAnsweredTwiceAndRecordedOnce() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        try await harness.application().test(.router) { client in
            let first = try await client.slash("p1 Downloads broken", clock: harness.clock, trigger: "trigger-42")
            let again = try await client.slash("p1 Downloads broken", clock: harness.clock, trigger: "trigger-42")
            #expect(first.text == again.text)
            #expect(first.response_type == "in_channel")
        }
        #expect(try await handle.store.trackedIncidents().count == 1)
        #expect(try await handle.store.pendingOutbox(limit: 10).filter { $0.notice.kind == .initialAlert }.count == 1)
        try await handle.close()
    }

    @Test(arguments: [
        ("update Still broken", "There is no open incident in this channel"),
        ("frobnicate", "I don't know `frobnicate`"),
        ("p0", "`declare` needs a title"),
        ("status #1 exploded", "`exploded` isn't a status"),
        ("show #9", "There is no incident #9"),
        ("runbook unicorns", "No runbook called `unicorns`"),
    ])
    func usersMistakesGetAHelpfulEphemeralReplyAndRecordNothing(text: String, expected: String) async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        try await harness.application().test(.router) { client in
            let reply = try await client.slash(text, clock: harness.clock)
            #expect(reply.response_type == "ephemeral")
            #expect(reply.text.contains(expected), "\(reply.text)")
        }
        #expect(try await handle.store.trackedIncidents().isEmpty)
        #expect(try await handle.store.pendingOutbox(limit: 10).isEmpty)
        try await handle.close()
    }

    @Test func updatingAResolvedIncidentIsRefused() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        try await harness.application().test(.router) { client in
            _ = try await client.slash("p3 Typo on pricing page", clock: harness.clock)
            _ = try await client.slash("resolve Fixed the typo", clock: harness.clock)
            let reply = try await client.slash("update #1 more", clock: harness.clock)
            #expect(reply.response_type == "ephemeral")
            #expect(reply.text.contains("#1 is already resolved"))
            let twice = try await client.slash("resolve #1 again", clock: harness.clock)
            #expect(twice.text.contains("#1 is already resolved"))
        }
        let incident = try #require(try await handle.store.incident(IncidentID(1)))
        #expect(incident.timeline.count == 2)
        try await handle.close()
    }

    @Test func aNoteWithoutAnIdGoesOnTheIncidentAwaitingItsReviewWhenNoneIsOpen() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        try await harness.application().test(.router) { client in
            _ = try await client.slash("p1 Checkout errors", clock: harness.clock)
            _ = try await client.slash("resolve Rolled back the deploy", clock: harness.clock)
            let noted = try await client.slash("note Support confirmed no orders were lost", clock: harness.clock)
            #expect(noted.response_type == "ephemeral")
            #expect(noted.text.contains("Noted on #1"))
        }
        let incident = try #require(try await handle.store.incident(IncidentID(1)))
        #expect(incident.timeline.last?.change == .notePosted(text: "Support confirmed no orders were lost"))
        try await handle.close()
    }

    @Test func withTwoOpenIncidentsInAChannelTheReplyListsThem() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        try await harness.application().test(.router) { client in
            _ = try await client.slash("p1 Payments failing", clock: harness.clock)
            _ = try await client.slash("p2 OCR stuck", clock: harness.clock)
            let reply = try await client.slash("update Looking into it", clock: harness.clock)
            #expect(reply.response_type == "ephemeral")
            #expect(reply.text.contains("#1 P1 Payments failing"))
            #expect(reply.text.contains("#2 P2 OCR stuck"))
            #expect(reply.text.contains("/incident update #1"))
        }
        try await handle.close()
    }

    @Test func anIncidentSurvivesRestartingTheApplication() async throws {
        let directory = NSTemporaryDirectory() + "klaxon-restart-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualWallClock(TestHarness.start)

        let first = try await SQLiteIncidentStore.open(directory: directory, logger: Logger(label: "test"))
        try await TestHarness(store: first.store, clock: clock).application().test(.router) { client in
            _ = try await client.slash("p0 Database down", clock: clock)
            _ = try await client.slash("commander <@UBOB|bob>", clock: clock)
            clock.advance(minutes: 4)
            _ = try await client.slash("update Failing over to the replica", clock: clock, user: "UBOB")
        }
        try await first.close()

        let second = try await SQLiteIncidentStore.open(directory: directory, logger: Logger(label: "test"))
        try await TestHarness(store: second.store, clock: clock).application().test(.router) { client in
            let shown = try await client.slash("show", clock: clock)
            #expect(shown.text.contains("*#1 Database down*"))
            #expect(shown.text.contains("Commander: <@UBOB>"))
            #expect(shown.text.contains("Last update: Failing over to the replica"))
            let timeline = try await client.slash("timeline", clock: clock)
            #expect(timeline.text.contains("declared P0 \"Database down\""))
            #expect(timeline.text.contains("made <@UBOB> incident commander"))
            #expect(timeline.text.contains("posted an update: Failing over to the replica"))
        }
        try await second.close()
    }
}
