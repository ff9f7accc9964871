import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// The resolution's announcement: what it asks for next, and what it says when the checklist was skipped.
@Suite("The resolution message with the default templates")
struct ResolutionMessageTests {
    let policy: Policy

    init() throws {
        policy = try Fixture.defaultPolicy()
    }

    /// The text of the first notice of the incident's last event, under `policy`.
    func announcement(of incident: Incident, policy: Policy? = nil) throws -> String {
        let policy = policy ?? self.policy
        let sequence = incident.timeline.count
        let notice = try #require(Announcer(policy: policy).notices(for: incident.timeline[sequence - 1], sequence: sequence, incident: incident).first)
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        return renderer.render(notice.kind, MessageFacts(policy: policy, dialect: TestDialect()).notice(notice, incident: incident, now: Fixture.at(minutes: 1)))
    }

    @Test("A resolution asks for the review each severity requires", arguments: [
        (Severity.p0, Optional("Next: schedule the post-incident review within 24 hours.")),
        (.p1, "Next: schedule the brief postmortem summary."),
        (.p2, "Next: schedule the brief incident summary."),
        (.p3, nil),
    ])
    func aResolutionAsksForTheReviewEachSeverityRequires(severity: Severity, review: String?) throws {
        let incident = Fixture.incident(severity, then: [.resolved(summary: "Rolled back", forcedReason: nil)])
        let lines = try announcement(of: incident).split(separator: "\n").map(String.init)
        #expect(lines.first == "*[RESOLVED] #1 Uploads failing* after 1 min (\(severity.label))")
        #expect(lines.contains("> Rolled back"))
        #expect(lines.last == (review ?? "> Rolled back"))
    }

    @Test("A resolution with no review to ask for goes straight from the summary to the status page, with no blank line")
    func aResolutionWithoutAReviewLineHasNoBlankLine() throws {
        var policy = self.policy
        var page = policy.statusPageSettings
        page.url = "https://status.example.com"
        policy.publicStatus = page
        let incident = Fixture.incident(.p3, publicFacing: true, then: [.resolved(summary: "Rolled back", forcedReason: nil)])
        let text = try announcement(of: incident, policy: policy)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 3, "\(text)")
        #expect(lines.dropFirst().first == "> Rolled back")
        #expect(lines.last?.hasPrefix("Status page: ") == true, "\(text)")
    }

    @Test("A forced resolution says the checklist was skipped and why")
    func aForcedResolutionSaysTheChecklistWasSkipped() throws {
        let incident = Fixture.incident(.p1, then: [.resolved(summary: "Rolled back", forcedReason: "Customer asleep")])
        #expect(try announcement(of: incident).contains("Resolved without the full verification checklist: Customer asleep"))
    }
}
