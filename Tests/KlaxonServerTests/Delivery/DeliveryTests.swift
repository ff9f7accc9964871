import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonSlack
import KlaxonStore
import Testing

/// The outbox worker against a fake Slack Web API on loopback, on a manual clock.
@Suite struct DeliveryTests {
    private func at(_ h: DeliveryHarness, seconds: Double) -> Date {
        h.desk.clock.now.addingTimeInterval(seconds)
    }

    @Test func aP0OpensAThreadInTheIncidentsChannelAndEverythingElseFollowsInIt() async throws {
        let h = try await DeliveryHarness.start()
        try await h.desk.say("p0 Uploads failing for everyone --public", at: 0)
        try await h.desk.say("commander <@UBOB|bob>", at: 1)
        try await h.desk.say("update Rolling back", as: "UBOB", at: 2)
        try await h.desk.say("status identified Bad deploy", as: "UBOB", at: 3)
        await h.drain()

        let channel = h.slack.posts.filter { $0.channel == "C0INCIDENTS" }
        #expect(channel.count == 5)
        let alert = try #require(channel.first)
        #expect(alert.threadTS == nil)
        #expect(alert.text?.hasPrefix("*[P0 INCIDENT] Service is down - Uploads failing for everyone* - <!channel>") == true)
        let root = "1700000000.000001"
        #expect(channel.dropFirst().allSatisfy { $0.threadTS == root })
        #expect(channel[1].text?.contains("<!channel>, <@U0CTO>, <@U0LEAD1> <@U0LEAD2>") == true)
        #expect(channel[2].text?.hasPrefix("<@UBOB> is incident commander") == true)
        #expect(channel[3].text?.contains("> Rolling back") == true)
        #expect(channel[4].broadcast)
        #expect(!channel[3].broadcast)
        // Escalation DMs: the CTO directly, the two leads in a group DM.
        #expect(Set(h.slack.posts.compactMap(\.channel).filter { $0 != "C0INCIDENTS" }) == ["U0CTO", "D0GROUP"])
        #expect(h.slack.calls.filter { $0.method == "conversations.open" }.first?.json["users"] as? String == "U0LEAD1,U0LEAD2")
        // The header (thread root) is kept current after commander and status changes.
        let updates = h.slack.calls.filter { $0.method == "chat.update" }
        #expect(updates.count == 2)
        #expect(updates.allSatisfy { $0.json["ts"] as? String == root })
        #expect(updates.last?.text?.contains("*Identified* · commander <@UBOB>") == true)
        #expect(h.slack.calls.allSatisfy { $0.authorization == "Bearer xoxb-test-token" })
        #expect(Set(h.slack.posts.compactMap(\.key)).count == h.slack.posts.count)
        #expect(try await h.desk.handle.store.pendingOutbox(limit: 100).isEmpty)
        try await h.stop()
    }

    @Test func reopeningAP0PingsTheChannelFromTheThreadByBroadcastingIt() async throws {
        let h = try await DeliveryHarness.start()
        try await h.desk.say("p0 Uploads failing for everyone", at: 0)
        try await h.desk.say("resolve Rolled back --force verified by hand", at: 1)
        try await h.desk.say("reopen Failing again", at: 2)
        await h.drain()
        let reopened = try #require(h.slack.posts.first { $0.text?.contains("[REOPENED]") == true })
        #expect(reopened.text?.contains("<!channel>") == true)
        #expect(reopened.threadTS == "1700000000.000001")
        #expect(reopened.broadcast, "a ping in a thread reaches only those following it")
        try await h.stop()
    }

    @Test func aRateLimitWaitsExactlyRetryAfterAndKeepsTheLaneInOrder() async throws {
        let h = try await DeliveryHarness.start()
        h.slack.script([.status(429, retryAfter: "7")])
        try await h.desk.say("p3 OCR stuck", at: 0)
        try await h.desk.say("commander me", at: 0)
        let next = await h.drain()
        #expect(next == at(h, seconds: 7))
        #expect(h.slack.posts.count == 1)
        h.desk.clock.advance(to: at(h, seconds: 6.9))
        await h.drain()
        #expect(h.slack.posts.count == 1)
        h.desk.clock.advance(to: at(h, seconds: 0.1))
        await h.drain()
        let texts = h.slack.posts.compactMap(\.text)
        #expect(texts.count == 3)
        #expect(texts[1].hasPrefix("*[P3 INCIDENT]"))
        #expect(texts[2].contains("is incident commander"))
        try await h.stop()
    }

    @Test func messagesToOneChannelArePacedButOtherChannelsAreNot() async throws {
        let h = try await DeliveryHarness.start(pacing: [.slack: 1.0])
        try await h.desk.say("p1 Payments failing", at: 0)
        let next = await h.drain()
        // The alert went out; the escalation behind it waits a second; the leads' DM (another lane) did not wait.
        #expect(next == at(h, seconds: 1))
        #expect(h.slack.posts.filter { $0.channel == "C0INCIDENTS" }.count == 1)
        #expect(h.slack.posts.filter { $0.channel == "D0GROUP" }.count == 1)
        h.desk.clock.advance(to: at(h, seconds: 1))
        await h.drain()
        #expect(h.slack.posts.filter { $0.channel == "C0INCIDENTS" }.count == 2)
        try await h.stop()
    }

    @Test func twoWorkersOnOneDatabaseSendEachMessageOnce() async throws {
        let directory = NSTemporaryDirectory() + "klaxon-workers-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let slack = try await FakeSlackAPI.start()
        let a = try await DeliveryHarness.start(directory: directory, slack: slack)
        let b = try await DeliveryHarness.start(directory: directory, clock: a.desk.clock, slack: slack)
        for index in 1...5 {
            try await a.desk.say("p1 Incident \(index)", at: 0)
        }
        async let drainA = a.worker.drain()
        async let drainB = b.worker.drain()
        _ = await (drainA, drainB)
        for _ in 0..<3 {
            a.desk.clock.advance(minutes: 1.1)
            async let againA = a.worker.drain()
            async let againB = b.worker.drain()
            _ = await (againA, againB)
        }
        let keys = slack.posts.compactMap(\.key)
        #expect(keys.count == Set(keys).count)
        #expect(keys.count == 15)
        #expect(try await a.desk.handle.store.pendingOutbox(limit: 100).isEmpty)
        try await a.desk.close()
        try await b.stop()
    }

    @Test func slacksOwnRatelimitedErrorIsARateLimitToo() async throws {
        let h = try await DeliveryHarness.start()
        h.slack.script([.slackError("ratelimited")])
        try await h.desk.say("p3 OCR stuck", at: 0)
        let next = await h.drain()
        #expect(next == at(h, seconds: 1))
        try await h.stop()
    }

    @Test func serverErrorsAndTimeoutsBackOffExponentially() async throws {
        let h = try await DeliveryHarness.start()
        h.slack.script([.status(500, retryAfter: nil), .status(502, retryAfter: nil), .status(503, retryAfter: nil)])
        try await h.desk.say("p3 OCR stuck", at: 0)
        var delays: [TimeInterval] = []
        for _ in 0..<3 {
            let now = h.desk.clock.now
            guard let next = await h.drain() else { break }
            delays.append(next.timeIntervalSince(now))
            h.desk.clock.advance(to: next)
        }
        #expect(delays == [2, 4, 8])
        await h.drain()
        #expect(h.slack.posts.count == 4)
        #expect(try await h.desk.handle.store.pendingOutbox(limit: 10).isEmpty)
        try await h.stop()
    }

    @Test func aPermanentErrorStopsThatMessageRecordsItAndTheRestStillFlow() async throws {
        let discord = RecordingTransport(name: .discord)
        let h = try await DeliveryHarness.start(others: [discord])
        h.slack.script([.slackError("channel_not_found")])
        try await h.desk.say("p0 Database down", at: 0)
        await h.drain()
        // The alert failed for good; the escalation after it in the same lane still went out.
        #expect(h.slack.posts.count >= 2)
        let incident = try #require(try await h.desk.handle.store.incident(IncidentID(1)))
        let failures = incident.timeline.compactMap { event -> String? in
            if case .deliveryFailed(let transport, let reason, true, _, _) = event.change { return "\(transport): \(reason)" }
            return nil
        }
        #expect(failures == ["slack: chat.postMessage: channel_not_found"])
        // Responders hear about it on the other platform, and only there.
        let problem = discord.received.filter { $0.notice.kind == .deliveryProblem }
        #expect(problem.count == 1)
        #expect(!h.slack.posts.contains { $0.text?.contains("cannot reach") == true })
        try await h.stop()
    }

    @Test func aSlackOutageDuringAP0IsAnnouncedElsewhereAfterTheFallbackDelayOnce() async throws {
        let discord = RecordingTransport(name: .discord)
        let h = try await DeliveryHarness.start(others: [discord])
        h.slack.script([], then: .status(503, retryAfter: nil))
        try await h.desk.say("p0 Everything down", at: 0)
        var reported: Date?
        for _ in 0..<20 {
            guard let next = await h.drain() else { break }
            if reported == nil, discord.received.contains(where: { $0.notice.kind == .deliveryProblem }) { reported = h.desk.clock.now }
            h.desk.clock.advance(to: next)
        }
        // The policy's fallback_after for P0 is 2 minutes: not before, and only once.
        let when = try #require(reported)
        #expect(when.timeIntervalSince(DeskHarness.start) >= 120)
        #expect(when.timeIntervalSince(DeskHarness.start) < 200)
        #expect(discord.received.filter { $0.notice.kind == .deliveryProblem }.count == 1)
        // Nothing was dropped: the Slack messages are all still waiting.
        // Alert and escalation for the channel, DMs to the CTO and to the leads.
        #expect(try await h.desk.handle.store.pendingOutbox(limit: 100).filter { $0.transport == .slack }.count == 4)
        try await h.stop()
    }

    @Test(arguments: [true, false])
    func afterACrashMidSendAMessageIsSentAtMostOnceMore(slackHadIt: Bool) async throws {
        let directory = NSTemporaryDirectory() + "klaxon-crash-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let slack = try await FakeSlackAPI.start()
        let first = try await DeliveryHarness.start(directory: directory, slack: slack)
        try await first.desk.say("p3 OCR stuck", at: 0)
        try await first.desk.say("commander me", at: 0)
        // The worker starts sending the alert; Slack accepts it (or not); the process dies before marking it sent.
        let alert = try #require(try await first.desk.handle.store.pendingOutbox(limit: 10).first)
        #expect(try await first.desk.handle.store.claimDelivery(alert.id, owner: "the worker that died", now: first.desk.clock.now, until: first.desk.clock.now.addingTimeInterval(60)))
        if slackHadIt {
            let metadata: [String: any Sendable] = ["event_type": "klaxon_message", "event_payload": ["key": alert.key] as [String: any Sendable]]
            _ = try await SlackWebAPI(baseURL: slack.baseURL, token: "xoxb-test-token")
                .call("chat.postMessage", ["channel": "C0INCIDENTS", "text": "alert", "metadata": metadata])
        }
        try await first.desk.close()

        let second = try await DeliveryHarness.start(directory: directory, clock: first.desk.clock, slack: slack)
        // Until the dead worker's claim lapses, nobody touches the message; the worker looks again every second.
        #expect(await second.drain() == first.desk.clock.now.addingTimeInterval(1))
        second.desk.clock.advance(minutes: 0.5)
        #expect(await second.drain() == first.desk.clock.now.addingTimeInterval(1))
        #expect(slack.posts.count == (slackHadIt ? 1 : 0))
        second.desk.clock.advance(minutes: 0.51)
        await second.drain()
        #expect(slack.posts.filter { $0.key == alert.key }.count == 1)
        #expect(slack.posts.count == 2)
        // Either way the alert's ts is the thread root the next message replies in.
        #expect(slack.posts.last?.threadTS == "1700000000.000001")
        #expect(try await second.desk.handle.store.pendingOutbox(limit: 10).isEmpty)
        try await second.stop()
    }
}
