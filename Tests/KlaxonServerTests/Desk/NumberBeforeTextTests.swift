import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Testing

/// `resolve 11 OCR queue drained`, typed in the channel of #12: the number of another incident without its `#`. Read as
/// the start of the summary it resolved #12, telling its customers the outage was over.
@Suite struct NumberBeforeTextTests {
    static let elsewhere = ChannelRef(platform: .slack, id: "C0OCR", name: "ocr")

    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        /// nil: recorded on #2, the channel's incident.
        let refusedAs: CommandRejection?
        var testDescription: String { text }
    }

    @Test("Text that starts with another incident's number is refused when the incident was not named; any other number is text", arguments: [
        Case(text: "resolve 1 OCR queue drained --force verified by hand", refusedAs: .numberBeforeText(1, command: "resolve", here: IncidentID(2))),
        Case(text: "update 1 EU cards now routed to Adyen", refusedAs: .numberBeforeText(1, command: "update", here: IncidentID(2))),
        Case(text: "update --public 1 EU cards now routed", refusedAs: .numberBeforeText(1, command: "update", here: IncidentID(2))),
        Case(text: "note 1 checked the dashboards", refusedAs: .numberBeforeText(1, command: "note", here: IncidentID(2))),
        Case(text: "update 500 errors are back", refusedAs: nil),
        Case(text: "update 2 servers restarted", refusedAs: nil),
        Case(text: "update #2 1 node left to restart", refusedAs: nil),
        Case(text: "note 1st pass of the logs done", refusedAs: nil),
        Case(text: "public 1", refusedAs: .numberBeforeText(1, command: "public", here: IncidentID(2))),
        Case(text: "public 1 Uploads slow", refusedAs: .numberBeforeText(1, command: "public", here: IncidentID(2))),
    ])
    func textStartingWithAnotherIncidentsNumber(_ test: Case) async throws {
        let h = try await DeskHarness()
        try await h.say("p2 OCR queue stuck", in: Self.elsewhere, at: 0)
        try await h.say("p1 Web app 500s after deploy", at: 1)
        let before = try #require(try await h.handle.store.incident(IncidentID(2)))
        let reply = try await h.reply(test.text, at: 2)
        let after = try #require(try await h.handle.store.incident(IncidentID(2)))
        if let refusal = test.refusedAs {
            #expect(reply == "rejected: " + refusal.message)
            #expect(after.version == before.version, "nothing recorded on #2")
        } else {
            #expect(reply == "ok")
            #expect(after.version > before.version)
        }
        #expect(try await h.handle.store.incident(IncidentID(1))?.version == 1, "nothing recorded on #1")
        try await h.close()
    }

    @Test("In a channel with nothing open, text that starts with an open incident's number gets the hint to write its #", arguments: [
        ("update 1 EU cards now routed to Adyen", "update"), ("resolve 1 Queue drained", "resolve"), ("note 1 checked the dashboards", "note"),
    ])
    func aNumberInAChannelWithNothingOpenGetsTheHint(text: String, command: String) async throws {
        let h = try await DeskHarness()
        try await h.say("p2 OCR queue stuck", in: Self.elsewhere, at: 0)
        #expect(try await h.reply(text, at: 1) == "rejected: " + CommandRejection.bareIncidentNumber("1", command: command).message)
        #expect(try await h.reply("update 7 nodes restarted", at: 2) == "rejected: " + CommandRejection.noOpenIncident.message)
        #expect(try await h.handle.store.incident(IncidentID(1))?.version == 1, "nothing recorded on #1")
        try await h.close()
    }

    @Test("The number of an incident already closed is text")
    func theNumberOfAClosedIncidentIsText() async throws {
        let h = try await DeskHarness()
        try await h.say("p3 Typo on the pricing page", in: Self.elsewhere, at: 0)
        try await h.say("resolve #1 Fixed the typo", at: 1)
        try await h.say("p1 Web app 500s after deploy", at: 2)
        #expect(try await h.reply("update 1 node left to restart", at: 3) == "ok", "#1 is resolved and has no review to wait for")
        try await h.close()
    }

    @Test("reopen with the number of an open incident before its reason is refused rather than reopen the one resolved here")
    func reopenWithAnOpenIncidentsNumberIsRefused() async throws {
        let h = try await DeskHarness()
        try await h.say("p2 OCR queue stuck", in: Self.elsewhere, at: 0)
        try await h.say("p3 Search slow", at: 1)
        try await h.say("resolve Index rebuilt", at: 2)
        let reply = try await h.reply("reopen 1 it came back", at: 3)
        #expect(reply == "rejected: " + CommandRejection.numberBeforeText(1, command: "reopen", here: IncidentID(2)).message)
        #expect(try await h.handle.store.incident(IncidentID(2))?.isOpen == false)
        try await h.close()
    }

    @Test("Once the review is closed, show, report and note without an id still find the incident resolved last in the channel")
    func readingCommandsFindTheIncidentResolvedLast() async throws {
        let h = try await DeskHarness()
        try await h.say("p3 Typo on the pricing page", at: 0)
        try await h.say("resolve Fixed the typo", at: 1)
        for command in ["show", "report", "timeline", "note Checked the other pages too"] {
            #expect(try await h.reply(command, at: 2) == "ok", "\(command)")
        }
        #expect(try await h.handle.store.incident(IncidentID(1))?.timeline.last?.change.name == "note_posted")
        try await h.close()
    }
}
