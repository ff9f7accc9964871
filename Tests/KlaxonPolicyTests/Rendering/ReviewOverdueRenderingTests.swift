import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// The one report of a review left open: an unscheduled one is asked to be scheduled, a scheduled one to be closed.
@Suite("Overdue reviews, as chat reads them")
struct ReviewOverdueRenderingTests {
    @Test(arguments: [
        ([IncidentChange](), "its post-incident review is overdue and still not scheduled. This is the last reminder: `/incident review #1 schedule <when>`"),
        ([.reviewScheduled(when: "sometime next month")],
         "its post-incident review, scheduled for sometime next month, is still not closed. Once it is held: `/incident review #1 done`"),
    ])
    func theReportSaysWhatIsMissing(before: [IncidentChange], says: String) throws {
        let policy = try Fixture.defaultPolicy()
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        let incident = Fixture.incident(.p0, then: [.resolved(summary: "Restarted", forcedReason: "false alarm")] + before + [.timerFired(.reviewOverdue)])
        let event = try #require(incident.timeline.last)
        let notice = try #require(Announcer(policy: policy).notices(for: event, sequence: incident.timeline.count, incident: incident).first)
        let text = ReplyComposer(renderer: renderer).text(of: notice, incident: incident, now: Fixture.at(minutes: 3_000))
        #expect(text.contains(says), "\(text)")
    }
}
