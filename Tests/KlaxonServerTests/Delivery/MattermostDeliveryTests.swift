import Foundation
import KlaxonCore
import KlaxonPolicy
@testable import KlaxonServer
import KlaxonSlack
import Logging
import Synchronization
import Testing

/// Delivery to a Mattermost channel through its REST API as a bot, against a fake on loopback.
@Suite struct MattermostDeliveryTests {
    static let channel = "mm-incidents"
    static let people = """
    cto:
      mattermost: ["@ann"]
    security-team:
      mattermost: [sec-team]
    """

    func start(
        people: String = Self.people, report: @escaping @Sendable (OutboxWorker.Problem) async -> Void = { _ in }
    ) async throws -> (DeskHarness, OutboxWorker, FakeMattermostAPI) {
        let path = NSTemporaryDirectory() + "klaxon-people-\(UUID().uuidString).yml"
        try people.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil, peoplePath: path)
        let fake = try await FakeMattermostAPI.start()
        let desk = try await DeskHarness(router: DeliveryRouter(chat: [.mattermost], email: false, people: bundle.people), bundle: bundle)
        let transport = try MattermostTransport(
            api: MattermostAPI(baseURL: fake.baseURL, token: "mm-bot-token"), channel: Self.channel,
            roleUsernames: bundle.people.mattermostUsernames, policy: bundle.policy, templates: bundle.templates
        )
        let worker = OutboxWorker(
            store: desk.handle.store, policy: bundle.policy, transports: [transport], clock: desk.clock,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), wake: desk.desk.outboxChanges,
            retry: RetryPolicy(jitter: { 1.0 }), report: report
        )
        return (desk, worker, fake)
    }

    @Test("A P0's alert pings the channel and opens the thread; the rest reply in it, roles by username, and the CTO gets a DM")
    func aP0AlertOpensTheThreadAndPingsTheChannel() async throws {
        let problems = Mutex<[OutboxWorker.Problem]>([])
        let (desk, worker, fake) = try await start { problem in problems.withLock { $0.append(problem) } }
        try await desk.say("p0 Login broken kind:security", at: 0)
        try await desk.say("update Rotating keys", at: 1)
        await worker.drain()
        let channel = fake.posts.filter { $0.channel == Self.channel }
        let alert = try #require(channel.first)
        #expect(alert.authorization == "Bearer mm-bot-token")
        #expect(alert.root == nil)
        #expect(alert.message.hasPrefix("**[P0 INCIDENT] Service is down - Login broken**"))
        #expect(alert.message.contains("@channel"))
        let replies = channel.dropFirst()
        #expect(replies.count == 3, "\(replies.map(\.message))")
        #expect(replies.allSatisfy { $0.root == alert.id })
        #expect(replies.contains { $0.message.contains("Rotating keys") })
        // The security team is mentioned by its group's name.
        #expect(replies.contains { $0.message.contains("@sec-team") })
        #expect(!replies.contains { $0.message.contains("@channel") }, "only the alert pings the channel")
        // The CTO's DM goes to the channel Mattermost opened between the bot and ann.
        #expect(fake.posts.contains { $0.channel == "DM-user-ann" && $0.message.contains("Login broken") })
        // The security team's names are a group's (no user to DM): mentioned in the thread, and no failure recorded.
        #expect(problems.withLock { $0 }.isEmpty, "\(problems.withLock { $0 })")
        try await desk.close()
        await fake.stop()
    }

    @Test("Raising to P0 and reopening a P0 ping the channel from the channel itself; a P1's alert pings no one")
    func aRaiseToP0AndAReopenPingTheChannel() async throws {
        let (desk, worker, fake) = try await start()
        try await desk.say("p1 Login slow", at: 0)
        try await desk.say("severity p0", at: 1)
        try await desk.say("update Rolling back", at: 2)
        try await desk.say("resolve Rolled back --force verified by hand", at: 3)
        try await desk.say("reopen Slow again", at: 4)
        await worker.drain()
        let top = fake.posts.filter { $0.channel == Self.channel && $0.root == nil }
        #expect(top.count == 3, "the alert, the raise and the reopening: \(top.map(\.message))")
        #expect(!top[0].message.contains("@channel"), "a P1's alert pings no one")
        #expect(top[1].message.contains("is now **P0**") && top[1].message.contains("@channel"))
        #expect(top[2].message.contains("[REOPENED]") && top[2].message.contains("@channel"))
        let thread = fake.posts.filter { $0.root == top[0].id }
        #expect(thread.contains { $0.message.contains("Rolling back") })
        #expect(!thread.contains { $0.message.contains("@channel") })
        // The alert, which is what collapsed threads show of the incident in the channel, follows its state, quietly.
        let edits = fake.edits.filter { $0.post == top[0].id }.map(\.message)
        #expect(edits.count == 3, "the raise, the resolution, the reopening: \(edits)")
        #expect(edits[1].contains("Resolved") && edits[2].contains("Investigating"))
        #expect(!edits.contains { $0.contains("@channel") })
        try await desk.close()
        await fake.stop()
    }

    @Test("A rate limit waits what Mattermost asks: Retry-After, else X-Ratelimit-Reset", arguments: [
        (["Retry-After": "3"], 3.0),
        (["X-Ratelimit-Reset": "7", "X-Ratelimit-Remaining": "0"], 7.0),
        ([:], 1.0),
    ])
    func aRateLimitWaitsWhatMattermostAsks(headers: [String: String], seconds: Double) async throws {
        let (desk, worker, fake) = try await start()
        fake.script([.rateLimited(headers: headers)])
        try await desk.say("p3 OCR stuck", at: 0)
        let next = await worker.drain()
        #expect(next == desk.clock.now.addingTimeInterval(seconds))
        #expect(fake.posts.isEmpty)
        desk.clock.advance(to: desk.clock.now.addingTimeInterval(seconds))
        await worker.drain()
        #expect(fake.posts.count == 1)
        try await desk.close()
        await fake.stop()
    }

    @Test("A post Mattermost took without answering is found by its key and not posted again; the thread still opens on it")
    func aPostTakenWithoutAnAnswerIsFoundAndNotSentAgain() async throws {
        let (desk, worker, fake) = try await start()
        fake.script([.lost])
        try await desk.say("p3 OCR stuck", at: 0)
        await worker.drain()
        #expect(fake.posts.count == 1)
        desk.clock.advance(to: desk.clock.now.addingTimeInterval(600))
        await worker.drain()
        #expect(fake.posts.count == 1, "\(fake.posts.map(\.message))")
        // The lookup reads only what was posted since the incident's event, less a minute of clock skew.
        let since = Int64((DeskHarness.start.timeIntervalSince1970 - 60) * 1000)
        #expect(fake.lookups == ["since=\(since)"])
        try await desk.say("update Restarted the OCR workers", at: 11)
        await worker.drain()
        let alert = try #require(fake.posts.first)
        #expect(fake.posts.filter { $0.root == alert.id && $0.message.contains("Restarted") }.count == 1)
        try await desk.close()
        await fake.stop()
    }

    @Test("When the look for a post Mattermost may have taken fails, the worker looks again later instead of posting it twice")
    func aFailedLookIsRepeatedNotTakenForNotFound() async throws {
        let (desk, worker, fake) = try await start()
        fake.script([.lost])
        fake.failLookups(1)
        // A P3: its alert is the only post, so the one Mattermost takes without answering is the alert.
        try await desk.say("p3 Login slow for some", at: 0)
        let next = try #require(await worker.drain())
        #expect(fake.posts.filter { $0.channel == Self.channel }.count == 1)
        desk.clock.advance(to: next)
        let again = try #require(await worker.drain())
        #expect(fake.lookups.count == 1, "the failed look")
        #expect(fake.posts.filter { $0.channel == Self.channel }.count == 1, "not posted again on a failed look")
        desk.clock.advance(to: again)
        await worker.drain()
        #expect(fake.lookups.count == 2)
        #expect(fake.posts.filter { $0.channel == Self.channel && $0.root == nil }.count == 1, "found, so still one alert: \(fake.posts.map(\.message))")
        try await desk.close()
        await fake.stop()
    }

    @Test("Looks that keep failing hold the lane only a few attempts: then the post is sent whole, though its own look fails too")
    func looksThatKeepFailingDoNotHoldTheLaneForEver() async throws {
        let (desk, worker, fake) = try await start()
        fake.script([.lost])
        fake.failLookups(100)
        try await desk.say("p3 Login slow for some", at: 0)
        var next = await worker.drain()
        for _ in 0..<10 {
            guard let at = next else { break }
            desk.clock.advance(to: at)
            next = await worker.drain()
        }
        // The worker's looks, and the send's own look for parts already there, which fails and holds nothing up.
        #expect(fake.lookups.count == OutboxWorker.attemptsBeforeSendingUnchecked + 1)
        #expect(fake.posts.count == 2, "sent again after the looks: a duplicate rather than nothing")
        try await desk.close()
        await fake.stop()
    }

    @Test func aRefusedTokenGivesTheMessageUpWithMattermostsReason() async throws {
        let problems = Mutex<[OutboxWorker.Problem]>([])
        let (desk, worker, fake) = try await start { problem in problems.withLock { $0.append(problem) } }
        fake.script([.refused(401, "Invalid or expired session, please login again.")])
        try await desk.say("p3 OCR stuck", at: 0)
        await worker.drain()
        #expect(fake.posts.isEmpty)
        let reported = problems.withLock { $0 }
        #expect(reported.map(\.transport) == [.mattermost])
        #expect(reported.allSatisfy { $0.permanent })
        #expect(reported.first?.reason.contains("Invalid or expired session, please login again. (401)") == true)
        // Given up, not retried: nothing more is sent later.
        desk.clock.advance(to: desk.clock.now.addingTimeInterval(3600))
        await worker.drain()
        #expect(fake.posts.isEmpty)
        try await desk.close()
        await fake.stop()
    }
}
