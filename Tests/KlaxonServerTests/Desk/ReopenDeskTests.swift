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

    @Test("Reopen without an id where nothing resolved here awaits its review says to name one, and records nothing")
    func reopenWithNothingToReopenSaysToNameOne() async throws {
        let h = try await DeskHarness()
        try await h.say("p3 Typo on the pricing page", at: 0)
        try await h.say("resolve Fixed the typo", at: 1)
        // A P3 has no review, so it is not pending one: it is reopened by its number.
        let reply = try await h.reply("reopen The typo is back", at: 2)
        #expect(reply == "rejected: " + CommandRejection.nothingToReopen.message)
        try await h.say("reopen #1 The typo is back", at: 3)
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
