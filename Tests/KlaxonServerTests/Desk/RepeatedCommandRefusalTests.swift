import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Testing

/// A command typed a second time by someone who missed the first (two people at 3 a.m.) is refused with what already
/// happened, not with a reason that sends them looking for a problem that is not there.
@Suite struct RepeatedCommandRefusalTests {
    static let cases: [(String, [String], String, CommandRejection)] = [
        ("a second reopen says the incident is open",
         ["p3 Typo on the pricing page", "resolve Fixed the typo", "reopen The typo is back"], "reopen The typo is back",
         .unchanged(IncidentID(1), what: "is open")),
        ("a second review done says the review is closed",
         ["p2 OCR queue stuck", "resolve Queue drained --force verified by hand", "review done --force summary written in the channel"], "review done",
         .unchanged(IncidentID(1), what: "has its review closed")),
    ]

    @Test(arguments: cases)
    func aRepeatedCommandSaysWhatAlreadyHappened(name: String, before: [String], repeated: String, refusal: CommandRejection) async throws {
        let h = try await DeskHarness()
        for (minute, command) in before.enumerated() { try await h.say(command, at: Double(minute)) }
        #expect(try await h.reply(repeated, as: "UBOB", at: Double(before.count)) == "rejected: " + refusal.message, "\(name)")
        try await h.close()
    }
}
