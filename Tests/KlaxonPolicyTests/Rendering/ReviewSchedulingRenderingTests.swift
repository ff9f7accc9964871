import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// What booking the post-incident review says back: the day a bare time means, and a warning when it falls after
/// the playbook's window. (MessageFactsTests' fixtures, in a file of its own.)
extension MessageFactsTests {
    @Test("Scheduling the review says which day a bare time of day is, and warns when it is after the playbook's window", arguments: [
        // (typed, shown, warned): the P0 is resolved at 14:01 on Thu 2026-11-26, its review due within 24 h.
        ("10:00", "is scheduled: 10:00 (Fri 2026-11-27).", false),
        ("2026-12-05 10:00", "is scheduled: 2026-12-05 10:00.", true),
        ("Friday after standup", "is scheduled: Friday after standup.", false),
    ])
    func schedulingTheReviewWarnsAfterTheWindow(typed: String, shown: String, warned: Bool) throws {
        let incident = Fixture.incident(.p0, then: [.resolved(summary: "Fixed", forcedReason: "test"), .reviewScheduled(when: typed)])
        let text = try announcement(of: incident)
        #expect(text.contains(shown), "\(text)")
        #expect(text.contains("⚠️ That is after the playbook's window (by 2026-11-27 14:01 UTC): the report will count the review as late.") == warned, "\(text)")
    }
}
