import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// A reopening shows the problem came back: a mitigation recorded before it did not hold.
@Suite struct ReopenedMitigationReportTests {
    static let incident = Fixture.incident(.p0, then: [
        .milestoneSet(.mitigated, at: Fixture.at(minutes: 0)), .resolved(summary: "Failed over", forcedReason: "x"),
        .reopened(reason: "SSO failing again"), .resolved(summary: "Fixed for good", forcedReason: "y"),
    ])

    @Test("The report says the mitigation did not hold and counts no time to mitigate from it")
    func theReportSaysTheMitigationDidNotHold() throws {
        let report = try IncidentReport(policy: try Fixture.defaultPolicy(), templates: .defaults).markdown(Self.incident, now: Fixture.at(minutes: 10))
        #expect(report.contains("The mitigation recorded at 14:00 UTC did not hold: reopened at 14:03 UTC"), "\(report)")
        #expect(Self.incident.review.mitigatedAt == nil)
        #expect(report.contains("4 min at least (from the declaration)"), "users affected until the last resolution: \(report)")
        #expect(IncidentMetrics(Self.incident, policy: try Fixture.defaultPolicy(), now: Fixture.at(minutes: 10)).timeToMitigate == nil)
    }

    @Test("A mitigation recorded again after the reopening stands")
    func aMitigationRecordedAgainStands() throws {
        let again = Fixture.incident(.p0, then: [
            .milestoneSet(.mitigated, at: Fixture.at(minutes: 0)), .resolved(summary: "Failed over", forcedReason: "x"),
            .reopened(reason: "SSO failing again"), .milestoneSet(.mitigated, at: Fixture.at(minutes: 4)),
        ])
        #expect(again.review.mitigatedAt == Fixture.at(minutes: 4))
        #expect(again.review.disprovedMitigation == nil, "the new one stands for it")
    }
}
