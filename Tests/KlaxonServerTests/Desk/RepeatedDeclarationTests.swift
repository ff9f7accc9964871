import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Testing

/// Two responders who see the same alert declare it under the same title a minute apart: the second declaration is
/// refused while the first is open, instead of paging everyone and escalating a second time.
@Suite struct RepeatedDeclarationTests {
    static let first = "p0 Uploads failing"

    @Test("A second declaration of an open incident's title in its channel within ten minutes is refused, names the first and records nothing", arguments: [
        "p0 Uploads failing", "p1 uploads   FAILING!", "p2 Uploads failing.", "p0 Uploads failing --public", "p1 “Uploads failing”", "p1 \"Uploads failing?\"",
    ])
    func aRepeatedDeclarationIsRefused(second: String) async throws {
        let h = try await DeskHarness()
        try await h.say(Self.first, at: 0)
        let announced = h.messages().count
        let reply = try await h.reply(second, as: "UBOB", at: 3.5)
        let earlier = IncidentSummary(id: IncidentID(1), severity: .p0, title: "Uploads failing")
        #expect(reply == "rejected: " + CommandRejection.alreadyDeclared(earlier, minutesAgo: 3, raiseTo: nil, makePublic: second.hasSuffix("--public")).message)
        #expect(reply.contains("#1") && reply.contains("/incident update #1"))
        #expect(try await h.handle.store.heads(IncidentQuery(.any)).map(\.id) == [IncidentID(1)], "no second incident")
        #expect(h.messages().count == announced, "nobody paged again")
        try await h.close()
    }

    @Test("The refusal says how to raise the first incident's severity, or put it on the status page, when the second asked for that", arguments: [
        ("p2 Uploads failing", Severity?.none, false), ("p0 Uploads failing", Severity.p0, false), ("p1 Uploads failing --public", Severity?.none, true),
    ])
    func theRefusalSaysHowToGetWhatTheSecondAskedFor(second: String, raiseTo: Severity?, makePublic: Bool) async throws {
        let h = try await DeskHarness()
        try await h.say("p1 Uploads failing", at: 0)
        let reply = try await h.reply(second, as: "UBOB", at: 1)
        let earlier = IncidentSummary(id: IncidentID(1), severity: .p1, title: "Uploads failing")
        #expect(reply == "rejected: " + CommandRejection.alreadyDeclared(earlier, minutesAgo: 1, raiseTo: raiseTo, makePublic: makePublic).message)
        #expect(reply.contains("/incident severity #1 p0") == (raiseTo == .p0))
        #expect(reply.contains("/incident public #1") == makePublic)
        try await h.close()
    }

    @Test("Two declarations of one title typed at the same moment: the second waits for the first and is refused")
    func twoAtOnceAreDecidedOneAfterTheOther() async throws {
        let h = try await DeskHarness()
        async let first = h.reply(Self.first, at: 0)
        async let second = h.reply(Self.first, as: "UBOB")
        let replies = try await [first, second]
        #expect(replies.filter { $0 == "ok" }.count == 1, "\(replies)")
        #expect(try await h.handle.store.heads(IncidentQuery(.any)).map(\.id) == [IncidentID(1)])
        try await h.close()
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let second: String
        let minute: Double
        var channel = DeskHarness.channel
        var resolveFirst = false
    }

    @Test("The same title declared in another channel or on another platform is refused too, naming where the first was declared", arguments: [
        (ChannelRef(platform: .slack, id: "C0OTHER", name: "payments-team"), "in #incidents on Slack"),
        (ChannelRef(platform: .discord, id: "900000000000000001", name: "ops"), "in #incidents on Slack"),
        (ChannelRef(platform: .mattermost, id: "mm-town", name: nil), "in #incidents on Slack"),
    ])
    func theSameTitleElsewhereIsRefused(channel: ChannelRef, place: String) async throws {
        let h = try await DeskHarness()
        try await h.say(Self.first, at: 0)
        let announced = h.messages().count
        let reply = try await h.reply(Self.first, as: "UBOB", at: 1, in: channel)
        let earlier = IncidentSummary(id: IncidentID(1), severity: .p0, title: "Uploads failing")
        #expect(reply == "rejected: " + CommandRejection.alreadyDeclared(earlier, minutesAgo: 1, raiseTo: nil, makePublic: false, elsewhere: DeskHarness.channel).message)
        #expect(reply.contains("was declared \(place) a minute ago"), "\(reply)")
        #expect(try await h.handle.store.heads(IncidentQuery(.any)).map(\.id) == [IncidentID(1)], "no second incident")
        #expect(h.messages().count == announced, "nobody paged again")
        try await h.close()
    }

    @Test("A first declaration made through the API or by alerts is named as such, not as a channel", arguments: [
        (ChannelRef(platform: .api, id: "ci", name: "ci"), "through the API"),
        (ChannelRef(platform: Platform(.alertmanager), id: "klaxon", name: "klaxon"), "by alerts from Alertmanager"),
    ])
    func aFirstDeclarationWithoutAChannelIsNamed(first: ChannelRef, place: String) async throws {
        let h = try await DeskHarness()
        try await h.say(Self.first, in: first, at: 0)
        let reply = try await h.reply(Self.first, as: "UBOB", at: 1)
        #expect(reply.contains("was declared \(place) a minute ago"), "\(reply)")
        #expect(!reply.contains("channel a minute"), "\(reply)")
        try await h.close()
    }

    @Test("A restarted server still refuses a title declared before it stopped, and one the API declared")
    func aRestartedServerRemembersRecentDeclarations() async throws {
        let directory = NSTemporaryDirectory() + "klaxon-recent-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualWallClock(DeskHarness.start)
        let first = try await DeskHarness(directory: directory, clock: clock)
        try await first.say(Self.first, at: 0)
        try await first.say("p2 Search index stale", in: ChannelRef(platform: .api, id: "ci-pipeline", name: nil), at: 1)
        try await first.close()
        let h = try await DeskHarness(directory: directory, clock: clock)
        let other = ChannelRef(platform: .slack, id: "C0OTHER", name: "web")
        #expect(try await h.reply(Self.first, as: "UBOB", at: 2, in: other).hasPrefix("rejected: #1"))
        #expect(try await h.reply("p2 Search index stale", as: "UBOB", at: 2, in: other).hasPrefix("rejected: #2"))
        try await h.close()
    }

    @Test("A security incident's title elsewhere, or the same title as another kind, goes through: nothing said of a restricted incident")
    func aSecurityIncidentIsMatchedOnlyInItsOwnChannel() async throws {
        let h = try await DeskHarness()
        let warRoom = ChannelRef(platform: .slack, id: "C0SEC", name: "sec-war-room")
        try await h.say("p0 Suspicious logins kind:security", in: warRoom, at: 0)
        #expect(try await h.reply("p0 Suspicious logins kind:security", as: "UBOB", at: 1) == "ok", "elsewhere: not refused, nothing told")
        #expect(try await h.reply("p1 Suspicious logins", as: "UBOB", at: 1, in: warRoom) == "ok", "another kind: another incident")
        #expect(try await h.reply("p0 Suspicious logins kind:security", as: "UBOB", at: 2, in: warRoom).hasPrefix("rejected: #1"), "its own channel: refused")
        try await h.close()
    }

    @Test("A declaration goes through under another title, through the API, ten minutes later, or once the first is resolved", arguments: [
        Case(testDescription: "another title", second: "p0 Uploads failing in the EU", minute: 1),
        Case(testDescription: "another title in another channel", second: "p0 Uploads failing in the EU", minute: 1, channel: ChannelRef(platform: .slack, id: "C0OTHER", name: "other")),
        Case(testDescription: "the API", second: first, minute: 1, channel: ChannelRef(platform: .api, id: "C0INC", name: "incidents")),
        Case(testDescription: "ten minutes later", second: first, minute: 10.5),
        Case(testDescription: "the first resolved", second: first, minute: 5, resolveFirst: true),
    ])
    func aDeclarationGoesThrough(_ test: Case) async throws {
        let h = try await DeskHarness()
        try await h.say(Self.first, at: 0)
        if test.resolveFirst { try await h.say("resolve #1 Rolled back --force verified by hand", at: 2) }
        #expect(try await h.reply(test.second, as: "UBOB", at: test.minute, in: test.channel) == "ok")
        #expect(try await h.handle.store.heads(IncidentQuery(.any)).map(\.id) == [IncidentID(1), IncidentID(2)])
        try await h.close()
    }

    @Test("Slack's retry of the first declaration still gets its answer, not the refusal")
    func aRetryOfTheFirstDeclarationGetsItsAnswer() async throws {
        let h = try await DeskHarness()
        #expect(try await h.reply(Self.first, at: 0, requestKey: "slack:T1") == "ok")
        #expect(try await h.reply(Self.first, at: 0.5, requestKey: "slack:T1") == "ok")
        #expect(try await h.handle.store.heads(IncidentQuery(.any)).map(\.id) == [IncidentID(1)])
        try await h.close()
    }
}
