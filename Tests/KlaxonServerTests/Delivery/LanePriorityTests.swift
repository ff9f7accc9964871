import Foundation
import KlaxonCore
import Testing

/// Slack's incidents channel takes about a message a second, and every incident's messages share it: a new alert
/// must not wait behind the backlog of other incidents' routine messages, while each incident's own messages keep
/// their order (the alert opens the thread its updates go to).
@Suite struct LanePriorityTests {
    @Test func aNewP0AlertGoesBeforeOtherIncidentsBacklogAndEachIncidentKeepsItsOrder() async throws {
        let h = try await DeliveryHarness.start(pacing: [.slack: 1.0])
        let channels = (1...3).map { ChannelRef(platform: .slack, id: "C0TEAM\($0)", name: "team\($0)") }
        for (number, channel) in zip(1..., channels) { try await h.desk.say("p3 Slow reports \(number)", in: channel, at: 0) }
        for (number, channel) in zip(1..., channels) {
            for update in 1...4 { try await h.desk.say("update Step \(update) of \(number)", in: channel, at: 0) }
        }
        // Fifteen routine messages wait; the first goes now, then one a second.
        for _ in 0..<4 {
            await h.drain()
            h.desk.clock.advance(to: h.desk.clock.now.addingTimeInterval(1))
        }
        let before = h.slack.posts.filter { $0.channel == "C0INCIDENTS" }.count
        try await h.desk.say("p0 Uploads failing", in: ChannelRef(platform: .slack, id: "C0UPLOADS", name: "uploads"), at: 0)
        var posted: [String] = []
        for _ in 0..<20 {
            await h.drain()
            h.desk.clock.advance(to: h.desk.clock.now.addingTimeInterval(1))
            posted = h.slack.posts.filter { $0.channel == "C0INCIDENTS" }.compactMap(\.text)
        }
        #expect(posted.count == 3 + 12 + 2, "the alerts, the updates, the P0's alert and escalation")
        let alert = try #require(posted.firstIndex { $0.contains("[P0 INCIDENT]") })
        #expect(alert == before, "the P0's alert went out after \(alert - before) waiting messages: \(posted.map { $0.prefix(30) })")
        for number in 1...3 {
            let ofIncident = posted.filter { $0.contains("Slow reports \(number)") || $0.contains("of \(number)") }
            #expect(ofIncident.first?.contains("[P3 INCIDENT]") == true)
            #expect(ofIncident.dropFirst().map { $0.contains("Step") } == [true, true, true, true], "\(ofIncident)")
            let steps = ofIncident.compactMap { text in (1...4).first { text.contains("Step \($0) of") } }
            #expect(steps == [1, 2, 3, 4])
        }
        try await h.stop()
    }

    @Test func whileTheChannelIsRateLimitedNothingIsSentAroundTheWaitingMessage() async throws {
        let h = try await DeliveryHarness.start(pacing: [.slack: 1.0])
        try await h.desk.say("p3 Slow reports", in: ChannelRef(platform: .slack, id: "C0TEAM1", name: "team1"), at: 0)
        await h.drain()
        // Slack refuses the update for 30 s: the channel is over its limit, for every incident.
        h.slack.script([.status(429, retryAfter: "30")])
        h.desk.clock.advance(to: h.desk.clock.now.addingTimeInterval(1))
        try await h.desk.say("update Step 1", in: ChannelRef(platform: .slack, id: "C0TEAM1", name: "team1"))
        await h.drain()
        try await h.desk.say("p0 Uploads failing", in: ChannelRef(platform: .slack, id: "C0UPLOADS", name: "uploads"))
        for _ in 0..<10 {
            h.desk.clock.advance(to: h.desk.clock.now.addingTimeInterval(2))
            await h.drain()
        }
        #expect(!h.slack.posts.contains { $0.text?.contains("[P0 INCIDENT]") == true }, "sent into the rate limit")
        for _ in 0..<20 {
            h.desk.clock.advance(to: h.desk.clock.now.addingTimeInterval(1))
            await h.drain()
        }
        #expect(h.slack.posts.filter { $0.text?.contains("[P0 INCIDENT]") == true }.count == 1)
        #expect(h.slack.posts.filter { $0.text?.contains("Step 1") == true }.count == 2, "refused once, then taken")
        try await h.stop()
    }
}
