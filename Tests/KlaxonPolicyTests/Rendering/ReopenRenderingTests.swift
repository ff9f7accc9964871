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

    @Test("How long it has been open, and how long it took, leave out the time it spent resolved")
    func ageAndDurationLeaveOutTheTimeSpentResolved() {
        // Resolved at 14:02, reopened a day later at 14:03, resolved again 40 minutes after that.
        let declared = Fixture.incident(.p2, then: [.resolved(summary: "Fixed", forcedReason: "late")])
        let reopened = declared.evolved(by: IncidentEvent(at: Fixture.at(minutes: 1442), actor: Fixture.bob, change: .reopened(reason: "Back")))
        #expect(facts.incident(reopened, now: Fixture.at(minutes: 1452))["age"] as? String == "11 min")
        let again = reopened.evolved(by: IncidentEvent(at: Fixture.at(minutes: 1482), actor: Fixture.bob, change: .resolved(summary: "Fixed", forcedReason: "late")))
        #expect(facts.incident(again, now: Fixture.at(minutes: 1500))["duration"] as? String == "41 min")
        #expect(facts.incident(again, now: Fixture.at(minutes: 1500))["declaredAgo"] as? String == "25 h 00 min")
        // The short summary a P2 gets says the fix did not hold, and that both resolutions were forced.
        let summary = renderer.render(template: "report-summary", facts.report(again, now: Fixture.at(minutes: 1500)))
        #expect(summary.contains("- Resolved at 14:01 UTC without the full verification checklist: late\n"), "\(summary)")
        #expect(summary.contains("- Reopened at 2026-11-27 14:02 UTC: the fix did not hold (Back)\n"), "\(summary)")
        #expect(summary.contains("· 41 min, besides 24 h 01 min resolved before it was reopened ·"), "\(summary)")
    }
}
