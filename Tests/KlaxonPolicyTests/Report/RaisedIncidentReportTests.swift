import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// The report of an incident raised to P0 on the way lists what the raise set off.
@Suite struct RaisedIncidentReportTests {
    @Test("A P1 raised to P0 lists the P0's at-once escalations at the raise, beside the declaration's")
    func theRaisesEscalationsAreListed() throws {
        let incident = Fixture.incident(.p1, then: [.severityChanged(from: .p1, to: .p0, reason: "Getting worse")])
        let report = try IncidentReport(policy: try Fixture.defaultPolicy(), templates: .defaults).markdown(incident, now: Fixture.at(minutes: 10))
        let raise = report.split(separator: "\n").first { $0.contains("at the raise to P0:") }
        #expect(raise?.hasSuffix("at the raise to P0: All engineers (the incident channel), CTO, Engineering lead") == true, "\(report)")
    }
}
