import Foundation
import Testing

/// A message Discord took while its answer was lost (a 502 from a gateway, a timeout, a crash mid-send) is looked up
/// in its channel before it is sent again: `enforce_nonce` only covers a few minutes, and the retry after a long
/// outage comes later than that.
@Suite struct DiscordResendLookupTests {
    @Test(arguments: [false, true]) func aMessageDiscordTookWithoutAnsweringIsFoundAndNotSentAgain(aPersonWroteTheSameText: Bool) async throws {
        let (desk, worker, fake) = try await DiscordDeliveryTests().start()
        // The alert (channel lane) and the CTO's DM (its own lane) are both taken, and both answers are lost.
        fake.loseAnswers(2)
        try await desk.say("p0 Uploads failing", at: 0)
        await worker.drain()
        #expect(fake.messages.count == 2)
        if aPersonWroteTheSameText {
            // Not the bot's message, however alike: it must not count as delivered.
            fake.attributeEveryMessageToAPerson()
        }
        // Past enforce_nonce's few minutes.
        desk.clock.advance(to: desk.clock.now.addingTimeInterval(600))
        await worker.drain()
        let alerts = fake.messages.filter { $0.channel == "900000000000000001" }
        let dms = fake.messages.filter { $0.channel == "DM-123456789012345678" }
        #expect(alerts.filter { !$0.byPerson }.count == 1)
        #expect(dms.filter { !$0.byPerson }.count == 1)
        #expect(alerts.count == (aPersonWroteTheSameText ? 2 : 1))
        // The lookup reads only what was written after the incident's event (less a minute of clock skew).
        let after = UInt64((DeskHarness.start.timeIntervalSince1970 - 60 - 1_420_070_400) * 1000) << 22
        #expect(fake.lookups.contains("limit=100&after=\(after)"))
        // The thread is opened on the alert that is now on record, and later messages go into it.
        try await desk.say("update Rolled back the upload service", at: 11)
        await worker.drain()
        let bot = try #require(alerts.last { !$0.byPerson })
        #expect(fake.threads == [bot.id])
        #expect(fake.messages.filter { $0.channel == bot.id && $0.content.contains("Rolled back") }.count == 1)
        try await desk.close()
        await fake.stop()
    }

    @Test func aLongMessageCutOffAfterItsFirstPartIsFinishedWithoutRepeatingThatPart() async throws {
        let (desk, worker, fake) = try await DiscordDeliveryTests().start()
        try await desk.say("p3 OCR stuck", at: 0)
        await worker.drain()
        let thread = try #require(fake.threads.first)
        let before = fake.messages.count
        // The update goes in three parts: Discord takes the first, and its gateway fails the second.
        fake.script([.taken, .refused(status: 502, code: 0)], in: thread)
        try await desk.say("update " + String(repeating: "x", count: 2500), at: 1)
        await worker.drain()
        // Past enforce_nonce's few minutes, after which Discord would take a part again.
        desk.clock.advance(to: desk.clock.now.addingTimeInterval(600))
        await worker.drain()
        let update = fake.messages.dropFirst(before).filter { $0.channel == thread }.map(\.content)
        #expect(update.count == 3, "\(update.map { $0.prefix(40) })")
        #expect(Set(update).count == 3)
        // Every character of the update once (the continuation is quoted on: "> xxx…").
        #expect(update.joined().filter { $0 == "x" }.count == 2500)
        try await desk.close()
        await fake.stop()
    }

    static let threeCTOs = """
    cto:
      discord: ["111111111111111111", "222222222222222222", "333333333333333333"]
    """

    /// Bot messages in the DM with a user.
    private func direct(_ fake: FakeDiscordChannelAPI, _ user: String) -> [String] {
        fake.messages.filter { $0.channel == "DM-\(user)" && !$0.byPerson }.map(\.content)
    }

    @Test func aCTOWhoTakesNoDirectMessagesDoesNotKeepTheAlertFromTheOthers() async throws {
        let (desk, worker, fake) = try await DiscordDeliveryTests().start(people: Self.threeCTOs)
        // Discord's "Cannot send messages to this user", every time.
        fake.script(Array(repeating: .refused(status: 403, code: 50007), count: 5), in: "DM-222222222222222222")
        try await desk.say("p0 Uploads failing", at: 0)
        await worker.drain()
        desk.clock.advance(to: desk.clock.now.addingTimeInterval(600))
        await worker.drain()
        #expect(direct(fake, "111111111111111111").count == 1)
        #expect(direct(fake, "333333333333333333").count == 1)
        #expect(direct(fake, "222222222222222222").isEmpty)
        try await desk.close()
        await fake.stop()
    }

    @Test func aDirectMessageThatFailedForOnePersonIsSentAgainToThemAlone() async throws {
        let (desk, worker, fake) = try await DiscordDeliveryTests().start(people: Self.threeCTOs)
        fake.script([.refused(status: 502, code: 0)], in: "DM-222222222222222222")
        try await desk.say("p0 Uploads failing", at: 0)
        await worker.drain()
        desk.clock.advance(to: desk.clock.now.addingTimeInterval(600))
        await worker.drain()
        for user in ["111111111111111111", "222222222222222222", "333333333333333333"] {
            #expect(direct(fake, user).count == 1, "\(user)")
        }
        try await desk.close()
        await fake.stop()
    }
}
