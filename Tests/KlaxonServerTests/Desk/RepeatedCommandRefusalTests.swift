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
        ("a reopen just after another here does not reopen the next incident",
         ["p3 Older one", "resolve #1 Fixed", "p3 Newer one", "resolve #2 Fixed", "reopen #2 It came back"], "reopen It came back",
         .repeatedCommand(IncidentID(2), done: "was reopened", minutesAgo: 1, other: IncidentID(1), example: "/incident reopen #1 <what came back>")),
        ("a review done just after another here does not close the next review",
         ["p2 Older two", "resolve #1 Drained --force verified by hand", "p2 Newer two", "resolve #2 Drained --force verified by hand",
          "review #2 done --force summary written in the channel"], "review done",
         .repeatedCommand(IncidentID(2), done: "had its review closed", minutesAgo: 1, other: IncidentID(1), example: "/incident review #1 done")),
    ]

    @Test(arguments: cases)
    func aRepeatedCommandSaysWhatAlreadyHappened(name: String, before: [String], repeated: String, refusal: CommandRejection) async throws {
        let h = try await DeskHarness()
        for (minute, command) in before.enumerated() { try await h.say(command, at: Double(minute)) }
        #expect(try await h.reply(repeated, as: "UBOB", at: Double(before.count)) == "rejected: " + refusal.message, "\(name)")
        try await h.close()
    }
}
