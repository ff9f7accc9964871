import Foundation
import KlaxonCore
@testable import KlaxonServer
import Testing

/// A command without `#id` in a channel with nothing open: the answer names the channel's incident when there is one
/// (resolved, withdrawn, or damaged), instead of saying there is none and inviting a duplicate declaration.
@Suite struct NothingOpenHereTests {
    @Test("After the channel's incident closed, a command without #id says which and how", arguments: [
        ("resolve Pool raised --force verified by hand", CommandRejection.incidentResolved(IncidentID(1))),
        ("withdraw False alarm: the probe was down", .incidentWithdrawn(IncidentID(1))),
    ])
    func afterTheChannelsIncidentClosed(closing: String, expected: CommandRejection) async throws {
        let h = try await DeskHarness()
        try await h.say("p1 Uploads failing", at: 0)
        try await h.say(closing, at: 5)
        for command in ["update Still watching", "status monitoring", "commander me", "resolve Fixed again"] {
            #expect(try await h.reply(command, at: 6) == "rejected: \(expected.message)", "\(command)")
        }
        // Over a week later it is no longer the channel's incident: nothing is open here.
        #expect(try await h.reply("update Still watching", at: 5 + 7 * 1440 + 1) == "rejected: \(CommandRejection.noOpenIncident.message)")
        // Another channel, where nothing was ever declared, still has nothing.
        let elsewhere = ChannelRef(platform: .slack, id: "C0OTHER", name: "other")
        #expect(try await h.reply("update Still watching", in: elsewhere) == "rejected: \(CommandRejection.noOpenIncident.message)")
        try await h.close()
    }

    @Test func aCommandInTheChannelOfADamagedIncidentIsToldItCannotBeRead() async throws {
        let h = try await DeskHarness()
        try await h.say("p1 Uploads failing", at: 0)
        try await h.handle.store.quarantine(IncidentID(1), reason: "event 2 cannot be decoded")
        #expect(try await h.reply("note Looking into it", at: 1) == "rejected: \(CommandRejection.incidentUnreadable(IncidentID(1)).message)")
        try await h.close()
    }

    @Test func reopeningWithoutANumberWhenTheChannelsIncidentsReviewIsClosedSaysSo() async throws {
        let h = try await DeskHarness()
        try await h.say("p1 Uploads failing", at: 0)
        try await h.say("resolve Pool raised --force verified by hand", at: 5)
        try await h.say("review schedule in 1 hour", at: 6)
        try await h.say("review done --force held in person", at: 70)
        let asked = try await h.reply("reopen Uploads failing again", at: 80)
        #expect(asked == "rejected: \(CommandRejection.reopenAfterReview(IncidentID(1)).message)")
        #expect(try await h.reply("reopen #1 Uploads failing again", at: 80) == asked)
        try await h.close()
    }
}
