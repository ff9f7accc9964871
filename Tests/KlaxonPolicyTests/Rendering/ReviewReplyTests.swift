import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

@Suite("Replies to the review commands")
struct ReviewReplyTests {
    let composer: ReplyComposer

    init() throws {
        let policy = try Fixture.defaultPolicy()
        composer = ReplyComposer(renderer: try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect()))
    }

    static let item = ActionItem(number: 1, owner: Fixture.bob, text: "Alert at 80%", team: "platform", due: CalendarDay(text: "2027-01-22"))

    @Test("An action item is confirmed to its author with how to close it")
    func anActionItemIsConfirmedToItsAuthor() {
        let incident = Fixture.incident(.p0, then: [.actionAdded(Self.item)])
        let reply = composer.reply(to: .recorded(incident, events: [incident.timeline[1]], notices: []), now: Fixture.at(minutes: 5))
        #expect(reply.visibility == .sender)
        #expect(reply.text == "Action item 1 on #1 for <@U0BOB>: Alert at 80% · team platform · due 2027-01-22. Close it with `/incident action #1 done 1`.")
    }

    @Test("The action list shows each item's state, owner, team and due date")
    func theActionListShowsEachItem() {
        let incident = Fixture.incident(.p0, then: [.actionAdded(Self.item), .actionClosed(number: 1)])
        let reply = composer.reply(to: .actions(incident), now: Fixture.at(minutes: 5))
        #expect(reply.text == "*Action items of #1 Uploads failing*\n✅ 1. Alert at 80% · <@U0BOB> · platform · due 2027-01-22")
    }

    @Test("The report reply summarises what is known and missing, and names the written file")
    func theReportReplySummarises() {
        let incident = Fixture.incident(.p0, then: [.resolved(summary: "Fixed", forcedReason: nil), .causeSet(text: "Pool")])
        let reply = composer.reply(to: .report(incident, file: "2026-11-26-1-uploads-failing.md"), now: Fixture.at(minutes: 5))
        #expect(reply.text == """
            *Report for #1 Uploads failing* (P0 · Resolved · 1 min)
            Root cause: Pool
            Action items: 0 (0 open) · timeline: 3 events
            Missing: impact: `/incident impact #1 <text>`
            Missing: monitoring gaps: `/incident gap #1 <text>`
            Missing: action items: `/incident action #1 @owner <text>`
            Written to `2026-11-26-1-uploads-failing.md`.
            Full Markdown: `klaxon report 1`
            """)
    }

    @Test("Once the review is closed the report reply lists nothing as missing: the commands would be refused")
    func aClosedReviewListsNothingMissing() {
        let incident = Fixture.incident(.p0, then: [.resolved(summary: "Fixed", forcedReason: nil), .causeSet(text: "Pool"), .reviewClosed(forcedReason: "no time")])
        let reply = composer.reply(to: .report(incident, file: nil), now: Fixture.at(minutes: 5))
        #expect(!reply.text.contains("Missing"))
        #expect(reply.text.contains("Root cause: Pool"))
    }
}
