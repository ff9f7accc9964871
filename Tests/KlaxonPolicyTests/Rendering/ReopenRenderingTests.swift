import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

@Suite("Reopening, as chat reads it")
struct ReopenRenderingTests {
    let policy: Policy
    let facts: MessageFacts
    let renderer: MessageRenderer
    /// A P0 with a commander, resolved at minute 2, reopened by bob at minute 3.
    let incident = Fixture.incident(.p0, then: [
        .commanderAssigned(Fixture.bob), .resolved(summary: "Rolled back", forcedReason: "late"), .reopened(reason: "Uploads failing again"),
    ])

    init() throws {
        policy = try Fixture.defaultPolicy()
        facts = MessageFacts(policy: policy, dialect: TestDialect())
        renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
    }

    @Test("The channel hears who reopened it and why, with a ping for a P0, the commander named, and when the next update is due")
    func theChannelHearsWhoReopenedItAndWhy() throws {
        let notices = Announcer(policy: policy).notices(for: incident.timeline[3], sequence: 4, incident: incident)
        let notice = try #require(notices.first)
        let text = ReplyComposer(renderer: renderer).text(of: notice, incident: incident, now: Fixture.at(minutes: 3))
        #expect(text == """
            *[REOPENED] #1 Uploads failing* (P0) - <!channel>
            Reopened by <@U0BOB>: Uploads failing again
            Investigating again: updates every 15 minutes, the next due by 14:18 UTC. <@U0BOB>
            """)
    }

    @Test("The timeline says who reopened it and why, between the two resolutions")
    func theTimelineSaysWhoReopenedIt() {
        let lines = renderer.render(.timeline, facts.timeline(incident, now: Fixture.at(minutes: 5))).split(separator: "\n").map(String.init)
        #expect(lines.last == "• 14:03 UTC <@U0BOB> reopened the incident: Uploads failing again")
    }
}
