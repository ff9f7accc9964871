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
}
