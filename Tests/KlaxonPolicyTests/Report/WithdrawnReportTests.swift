import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// The report of an incident withdrawn as declared by mistake says so, and claims no resolution or review it did not have.
@Suite struct WithdrawnReportTests {
    @Test("Each report form says the incident was withdrawn, and why", arguments: [
        (Severity.p0, "| Withdrawn | declared by mistake: Synthetic probe was down |"),
        (.p1, "**What happened:** nothing: withdrawn as declared by mistake (Synthetic probe was down)"),
        (.p2, "**Withdrawn** as declared by mistake: Synthetic probe was down"),
    ])
    func theReportSaysItWasWithdrawn(severity: Severity, line: String) throws {
        let policy = try Fixture.defaultPolicy()
        let incident = Fixture.incident(severity, then: [.withdrawn(reason: "Synthetic probe was down")])
        let report = try IncidentReport(policy: policy, templates: .defaults).markdown(incident, now: Fixture.at(minutes: 10))
        #expect(report.contains(line), "\(report)")
        #expect(!report.contains("Resolved with the verification checklist complete"))
        #expect(!report.contains("still open"))
    }

    @Test("The full report of a withdrawn P0 says no review was held, not that one is due or was closed")
    func theFullReportSaysNoReviewWasHeld() throws {
        let incident = Fixture.incident(.p0, then: [.withdrawn(reason: "Drill")])
        let report = try IncidentReport(policy: try Fixture.defaultPolicy(), templates: .defaults).markdown(incident, now: Fixture.at(minutes: 10))
        #expect(report.contains("| Review on time | not applicable: withdrawn, no review held |"), "\(report)")
        #expect(!report.contains("not closed yet"))
        #expect(!report.contains("Review closed"))
    }

    @Test func aWithdrawnIncidentHadNoReviewOnTimeOrLate() throws {
        let incident = Fixture.incident(.p0, then: [.withdrawn(reason: "Drill")])
        #expect(IncidentMetrics(incident, policy: try Fixture.defaultPolicy(), now: Fixture.at(minutes: 10)).reviewOnTime == nil)
    }
}
