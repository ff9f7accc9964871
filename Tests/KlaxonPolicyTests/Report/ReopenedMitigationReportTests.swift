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

    @Test("In the report's timeline, a moment someone recorded stands at its time, one space after it (it has no actor of its own)")
    func aPlacedMilestoneReadsAsOneLine() throws {
        let report = try IncidentReport(policy: try Fixture.defaultPolicy(), templates: .defaults).markdown(Self.incident, now: Fixture.at(minutes: 10))
        let line = try #require(report.split(separator: "\n").first { $0.contains("users stopped being affected (recorded by") })
        #expect(line.hasPrefix("- 14:00 UTC users stopped being affected"), "\(line)")
        #expect(!report.contains("UTC  "), "no double space after a time")
    }

    @Test("The full report and the postmortem list the review's outputs the playbook asks for beside the action items: monitoring and alerts for each gap, and the runbooks", arguments: [Severity.p0, .p1])
    func theReportListsThePlaybooksOutputs(severity: Severity) throws {
        let noted = Fixture.incident(severity, then: [.gapNoted(text: "no alert on pool saturation"), .gapNoted(text: "dashboards lag 5 min")])
        let report = try IncidentReport(policy: try Fixture.defaultPolicy(), templates: .defaults).markdown(noted, now: Fixture.at(minutes: 10))
        #expect(report.contains("- [ ] Update monitoring and alerts: no alert on pool saturation; dashboards lag 5 min\n"), "\(report)")
        #expect(report.contains("- [ ] Update the runbooks this incident used or lacked\n"))
        let none = try IncidentReport(policy: try Fixture.defaultPolicy(), templates: .defaults).markdown(Fixture.incident(severity), now: Fixture.at(minutes: 10))
        #expect(none.contains("- [ ] Update monitoring and alerts (no gap noted)\n"))
    }
}
