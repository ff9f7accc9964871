import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Testing

/// `/incident reopen` through the desk and a real store: found without an id, open again in the index the locator
/// and the scheduler read, nudged for updates on its cadence from the reopening.
@Suite struct ReopenDeskTests {
    @Test("A P1 resolved here is reopened without an id, takes commands as an open incident, and is nudged a cadence later")
    func aResolvedIncidentIsReopenedWithoutAnIdAndNudgedAgain() async throws {
        let h = try await DeskHarness()
        try await h.say("p1 Checkout errors", at: 0)
        try await h.say("commander me", at: 1)
        try await h.say("resolve Rolled back the deploy --force verified by hand", at: 10)
        try await h.say("reopen Checkout errors are back", at: 20)
        // Open again: commands without an id find it, and the index lists it open.
        try await h.say("update Rolling back the config change too", at: 25)
        #expect(try await h.handle.store.heads(IncidentQuery(.open)).map(\.id) == [IncidentID(1)])
        let reopened = h.messages(from: 20).filter { $0.kind == .reopened }
        #expect(reopened.map(\.minute) == [20])
        #expect(reopened.first?.audience == [.person(Participant(platform: .slack, id: "UANN"))])
        // A P1's cadence is 30 minutes, counted from the last update (minute 25).
        await h.run(until: 54)
        #expect(h.messages(from: 26).filter { $0.kind == .nudgeUpdateDue }.isEmpty)
        await h.run(until: 56)
        #expect(h.messages(from: 55).map(\.kind).contains(.nudgeUpdateDue))
        try await h.say("resolve Config rolled back too --force verified by hand", at: 60)
        let incident = try #require(try await h.handle.store.incident(IncidentID(1)))
        #expect(incident.timeline.map(\.change.name).filter { ["resolved", "reopened"].contains($0) } == ["resolved", "reopened", "resolved"])
        try await h.close()
    }

    @Test("Reopen without an id finds a P3 resolved here this week; a week later it says why it stays resolved, as asked by number; with nothing resolved here, to name one")
    func reopenWithoutAnIdFindsWhatWasResolvedHereThisWeek() async throws {
        let h = try await DeskHarness()
        let nothing = try await h.reply("reopen The typo is back", at: 0)
        #expect(nothing == "rejected: " + CommandRejection.nothingToReopen.message)
        try await h.say("p3 Typo on the pricing page", at: 1)
        try await h.say("resolve Fixed the typo", at: 2)
        try await h.say("reopen The typo is back", at: 3)
        #expect(try await h.handle.store.incident(IncidentID(1))?.isOpen == true)
        try await h.say("resolve Fixed the typo for good", at: 4)
        let weekLater = try await h.reply("reopen The typo is back again", at: 4 + 7 * 1440 + 1)
        #expect(weekLater == "rejected: " + CommandRejection.reopenTooLate(IncidentID(1), days: 7).message)
        let named = try await h.reply("reopen #1 The typo is back again", at: 4 + 7 * 1440 + 2)
        #expect(named == weekLater)
        try await h.close()
    }

    @Test("Reopen without an id among several incidents resolved here asks which, naming them as resolved")
    func reopenAmongSeveralAsksWhich() async throws {
        let h = try await DeskHarness()
        try await h.say("p2 Search is slow", at: 0)
        try await h.say("p2 Exports are late", at: 1)
        try await h.say("resolve #1 Reindexed --force verified by hand", at: 2)
        try await h.say("resolve #2 Queue drained --force verified by hand", at: 3)
        let reply = try await h.reply("reopen It is back", at: 4)
        #expect(reply.hasPrefix("rejected: Several incidents resolved here could be reopened; say which with `#id`"), "\(reply)")
        #expect(reply.contains("#1") && reply.contains("#2"))
        #expect(try await h.handle.store.heads(IncidentQuery(.open)).isEmpty)
        try await h.close()
    }

    @Test("'reopen 1 …' where #1 can be reopened asks for '#1'; a reason that starts with a number is a reason")
    func aLeadingNumberIsAnIncidentOnlyWhenOneCanBeReopened() async throws {
        let h = try await DeskHarness()
        try await h.say("p2 Checkout errors", at: 0)
        try await h.say("resolve Rolled back --force verified by hand", at: 1)
        let meant = try await h.reply("reopen 1 came back", at: 2)
        #expect(meant == "rejected: " + CommandRejection.bareIncidentNumber("1", command: "reopen").message)
        try await h.say("reopen 500 errors are back", at: 3)
        let incident = try #require(try await h.handle.store.incident(IncidentID(1)))
        #expect(incident.isOpen)
        #expect(incident.timeline.last?.change == .reopened(reason: "500 errors are back"))
        try await h.close()
    }

    @Test("Reopen without an id finds an incident awaiting its review however many were declared after it")
    func reopenFindsALongRunningIncidentResolvedToday() async throws {
        let h = try await DeskHarness()
        try await h.say("p1 Checkout errors", at: 0)
        for number in 0..<20 {
            try await h.say("p3 Typo \(number)", at: Double(1 + 2 * number))
            try await h.say("resolve #\(number + 2) Fixed", at: Double(2 + 2 * number))
        }
        let later = Double(8 * 1440)
        try await h.say("resolve #1 Rolled back --force verified by hand", at: later)
        try await h.say("reopen Errors are back", at: later + 1)
        #expect(try await h.handle.store.incident(IncidentID(1))?.isOpen == true)
        try await h.close()
    }

    @Test("A reopened public incident is open on the status page again")
    func aReopenedPublicIncidentIsOpenOnTheStatusPageAgain() async throws {
        let h = try await DeskHarness()
        try await h.say("p1 Uploads failing --public", at: 0)
        try await h.say("resolve Rolled back --force verified by hand", at: 5)
        #expect(try await h.handle.store.publicIncident(IncidentID(1))?.isOpen == false)
        try await h.say("reopen Uploads failing again", at: 9)
        let view = try #require(try await h.handle.store.publicIncident(IncidentID(1)))
        #expect(view.isOpen)
        #expect(view.updates.map(\.status) == [.investigating, .resolved, .investigating])
        try await h.close()
    }
}
