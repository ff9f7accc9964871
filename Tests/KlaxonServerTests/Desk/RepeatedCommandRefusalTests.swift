import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Testing

/// A command typed a second time by someone who missed the first (two people at 3 a.m.) is refused with what already
/// happened, not with a reason that sends them looking for a problem that is not there.
@Suite struct RepeatedCommandRefusalTests {
    @Test("A second reopen says the incident is open")
    func aSecondReopenSaysTheIncidentIsOpen() async throws {
        let h = try await DeskHarness()
        try await h.say("p3 Typo on the pricing page", at: 0)
        try await h.say("resolve Fixed the typo", at: 1)
        try await h.say("reopen The typo is back", at: 2)
        #expect(try await h.reply("reopen The typo is back", as: "UBOB", at: 3) == "rejected: " + CommandRejection.unchanged(IncidentID(1), what: "is open").message)
        try await h.close()
    }

    @Test("A second review done says the review is closed")
    func aSecondReviewDoneSaysTheReviewIsClosed() async throws {
        let h = try await DeskHarness()
        try await h.say("p2 OCR queue stuck", at: 0)
        try await h.say("resolve Queue drained --force verified by hand", at: 1)
        try await h.say("review done --force summary written in the channel", at: 2)
        let again = try await h.reply("review done", as: "UBOB", at: 3)
        #expect(again == "rejected: " + CommandRejection.unchanged(IncidentID(1), what: "has its review closed").message)
        try await h.close()
    }
}
