import Foundation
import KlaxonCore
import KlaxonDiscord
import KlaxonPolicy
import KlaxonServer
import Logging
import Testing

/// Delivery to a Discord channel through the REST API, against a fake on loopback.
@Suite struct DiscordDeliveryTests {
    static let people = """
    cto:
      discord: ["123456789012345678"]
    security-team:
      discord: ["role:223456789012345678"]
    """

    func start(
        people: String = Self.people, logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> (DeskHarness, OutboxWorker, FakeDiscordChannelAPI) {
        let path = NSTemporaryDirectory() + "klaxon-people-\(UUID().uuidString).yml"
        try people.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil, peoplePath: path)
        let fake = try await FakeDiscordChannelAPI.start()
        let desk = try await DeskHarness(router: DeliveryRouter(chat: [.discord], email: false, people: bundle.people), bundle: bundle)
        let transport = try DiscordTransport(
            rest: DiscordREST(baseURL: fake.baseURL, token: "discord-test-token"), channel: "900000000000000001",
            roleIDs: bundle.people.roles.mapValues(\.discord), policy: bundle.policy, templates: bundle.templates
        )
        let worker = OutboxWorker(
            store: desk.handle.store, policy: bundle.policy, transports: [transport], clock: desk.clock,
            logger: logger, wake: desk.desk.outboxChanges,
            retry: RetryPolicy(jitter: { 1.0 })
        ) { _ in }
        return (desk, worker, fake)
    }

    @Test func aP0AlertPingsEveryoneOpensAThreadAndNothingElsePingsMoreThanItMeans() async throws {
        let (desk, worker, fake) = try await start()
        try await desk.say("p0 Login broken for @everyone kind:security", at: 0)
        try await desk.say("update Rotating keys", at: 1)
        await worker.drain()
        let channel = fake.messages.filter { $0.channel == "900000000000000001" }
        let alert = try #require(channel.first)
        #expect(alert.authorization == "Bot discord-test-token")
        // User text may say "@everyone"; only allowed_mentions decides who is pinged, and only the alert may ping everyone.
        #expect(alert.content.hasPrefix("**[P0 INCIDENT] Service is down - Login broken for @everyone** - @everyone"))
        #expect(alert.parse == ["everyone"])
        let buttons = (alert.json["components"] as? [[String: Any]])?.first?["components"] as? [[String: Any]]
        #expect(buttons?.compactMap { $0["label"] as? String } == ["I'm commander", "Post update"])
        // One thread, opened on the alert (the CTO's DM runs in its own lane, so message ids vary in order).
        #expect(fake.threads.count == 1)
        let thread = fake.threads.first ?? ""
        let inThread = fake.messages.filter { $0.channel == thread }
        #expect(inThread.count == 3)
        // The security escalation mentions the configured role and CTO; nothing in it may ping everyone.
        let security = inThread.first { $0.content.contains("<@&223456789012345678>") }
        #expect(security?.parse.isEmpty == true)
        #expect(security?.users == ["123456789012345678"])
        #expect(inThread.allSatisfy { $0.parse.isEmpty })
        // The CTO also gets a DM.
        #expect(fake.messages.contains { $0.channel == "DM-123456789012345678" })
        try await desk.close()
        await fake.stop()
    }

    @Test("Raising to P0 and reopening a P0 ping everyone in the channel itself, as the P0 alert does; the rest stays in the thread, pinging no one")
    func aRaiseToP0AndAReopenPingTheChannel() async throws {
        let (desk, worker, fake) = try await start()
        try await desk.say("p1 Login slow", at: 0)
        try await desk.say("severity p0", at: 1)
        try await desk.say("update Rolling back", at: 2)
        try await desk.say("resolve Rolled back --force verified by hand", at: 3)
        try await desk.say("reopen Slow again", at: 4)
        await worker.drain()
        let channel = fake.messages.filter { $0.channel == "900000000000000001" }
        #expect(channel.count == 3, "the alert, the raise and the reopening: \(channel.map(\.content))")
        let raise = try #require(channel.first { $0.content.contains("is now **P0**") })
        #expect(raise.parse == ["everyone"])
        #expect(raise.content.hasSuffix("- @everyone") || raise.content.contains("- @everyone\n"))
        let reopened = try #require(channel.first { $0.content.contains("[REOPENED]") })
        #expect(reopened.parse == ["everyone"])
        #expect(try #require(channel.first).parse.isEmpty, "a P1's alert pings no one")
        let thread = fake.messages.filter { fake.threads.contains($0.channel) }
        #expect(thread.contains { $0.content.contains("Rolling back") })
        #expect(thread.allSatisfy { $0.parse.isEmpty })
        try await desk.close()
        await fake.stop()
    }

    @Test("The alert is edited to show the incident as it now is after a commander, a status change and the resolution, pinging no one; updates leave it be")
    func theAlertIsKeptCurrent() async throws {
        let (desk, worker, fake) = try await start()
        try await desk.say("p1 Login slow", at: 0)
        try await desk.say("commander me", at: 1)
        try await desk.say("update Looking at the database", at: 2)
        try await desk.say("status identified Index missing", at: 3)
        try await desk.say("resolve Index rebuilt --force verified by hand", at: 4)
        await worker.drain()
        let alert = try #require(fake.messages.first { $0.channel == "900000000000000001" })
        let edits = fake.edits
        #expect(edits.count == 3, "\(edits.map(\.content))")
        #expect(edits.allSatisfy { $0.channel == "900000000000000001/\(alert.id)" && $0.parse.isEmpty && $0.authorization == "Bot discord-test-token" })
        #expect(edits.first?.content.contains("**Investigating** · commander @UANN") == true, "\(edits.first?.content ?? "")")
        #expect(edits.last?.content.hasPrefix("**[P1 INCIDENT]") == true)
        #expect(edits.last?.content.contains("**Resolved**") == true, "\(edits.last?.content ?? "")")
        // The buttons stay while the incident is open and go with its resolution.
        let buttons = edits.map { ($0.json["components"] as? [Any])?.count ?? -1 }
        #expect(buttons == [2, 2, 0], "the buttons' row and the status menu's, then none")
        try await desk.close()
        await fake.stop()
    }

    @Test("Without permission to open threads, the incident's messages reply to its alert, its edits still reach the alert, and the operator's log says why")
    func aRefusedThreadIsLoggedAndMessagesReplyToTheAlert() async throws {
        let log = LogRecorder()
        let (desk, worker, fake) = try await start(logger: log.logger)
        fake.refuseThreads()
        try await desk.say("p1 Login slow", at: 0)
        try await desk.say("commander me", at: 1)
        await worker.drain()
        let channel = fake.messages.filter { $0.channel == "900000000000000001" }
        let alert = try #require(channel.first)
        let reply = try #require(channel.dropFirst().first)
        #expect((reply.json["message_reference"] as? [String: Any])?["message_id"] as? String == alert.id)
        #expect(fake.edits.map(\.channel) == ["900000000000000001/\(alert.id)"])
        let warning = try #require(log.lines.first { $0.level == .warning && $0.message == "Delivered, but not as meant" })
        #expect(warning.metadata["warning"]?.contains("could not open the incident's thread") == true)
        #expect(warning.metadata["warning"]?.contains("Missing Permissions") == true)
        #expect(warning.metadata["incident.id"] == "1")
        try await desk.close()
        await fake.stop()
    }

    @Test func aRateLimitWaitsTheRetryAfterFromTheJSONBody() async throws {
        let (desk, worker, fake) = try await start()
        fake.rateLimit([2.5])
        try await desk.say("p3 OCR stuck", at: 0)
        let next = await worker.drain()
        #expect(next == desk.clock.now.addingTimeInterval(2.5))
        desk.clock.advance(to: desk.clock.now.addingTimeInterval(2.5))
        await worker.drain()
        #expect(fake.messages.count == 1)
        try await desk.close()
        await fake.stop()
    }

    @Test func aLongMessageIsSplitUnderTwoThousandCharacters() async throws {
        let (desk, worker, fake) = try await start()
        try await desk.say("p3 OCR stuck", at: 0)
        try await desk.say("update " + String(repeating: "x", count: 2500), at: 1)
        await worker.drain()
        let update = fake.messages.filter { $0.channel == "M1" }
        // Header line, the 2,502-character quote cut at 2,000, the rest with the next line.
        #expect(update.count == 3)
        #expect(update.allSatisfy { $0.content.count <= 2000 })
        #expect(update.map(\.content).joined(separator: "\n").contains(String(repeating: "x", count: 1998)))
        #expect(Set(update.compactMap { $0.json["nonce"] as? String }).count == 3)
        try await desk.close()
        await fake.stop()
    }

    @Test func aThreadNameIsCutToDiscordsHundredCharactersAsDiscordCountsThem() async throws {
        let (desk, worker, fake) = try await start()
        // 25 family emoji: 25 characters to Swift, 275 to Discord (UTF-16), within the policy's title limit.
        try await desk.say("p3 " + String(repeating: "👨‍👩‍👧‍👦", count: 25), at: 0)
        await worker.drain()
        let name = try #require(fake.threadNames.first)
        #expect(name.hasPrefix("#1 👨‍👩‍👧‍👦"))
        #expect(name.utf16.count <= 100, "\(name.utf16.count) UTF-16 units")
        #expect(name.utf16.count > 90, "as many whole emoji as fit")
        try await desk.close()
    }
}
