import Foundation
import KlaxonCore
import Testing

/// A P0 lowered by mistake and raised again at once: the playbook goes on where it was, with no second page and no
/// restarted clock.
@Suite("Raised back to a severity it had")
struct SeverityReRaiseTests {
    /// A P0 declared at 0, lowered to P1 at 33 minutes, raised back to P0 at 34.
    let incident: Incident = {
        let events = [
            Fixture.declaration(.p0),
            IncidentEvent(at: Fixture.at(minutes: 33), actor: Fixture.bob, change: .severityChanged(from: .p0, to: .p1, reason: "EU only")),
            IncidentEvent(at: Fixture.at(minutes: 34), actor: Fixture.bob, change: .severityChanged(from: .p1, to: .p0, reason: "Spread again")),
        ]
        guard let incident = Incident(id: IncidentID(1), events: events) else { preconditionFailure("declared") }
        return incident
    }()

    @Test("The one-hour P0 escalation counts the 33 minutes it was a P0 before: due at 61 minutes, not 94")
    func theP0ClockGoesOnFromWhereItWas() {
        let pending = Timekeeper(policy: TestPolicy.playbook).pending(incident)
        #expect(pending.first { $0.timer == .escalation(rule: "p0-over-one-hour") }?.at == Fixture.at(minutes: 61))
        // Recovery counts from the declaration, as it always did.
        #expect(pending.first { $0.timer == .recoveryTargetMissed(severity: .p0) }?.at == Fixture.at(minutes: 60))
    }

    @Test("The raise back is announced, without pinging the channel or paging the P0 roles a second time")
    func theRaiseBackPagesNoOneAgain() {
        let notices = Announcer(policy: TestPolicy.playbook).notices(for: incident.timeline[2], sequence: 3, incident: incident)
        #expect(notices.map(\.kind) == [.severityChanged])
        #expect(notices.first?.audience == [])
    }

    @Test("A first raise to P0 still pings the channel and pages the P0 roles")
    func aFirstRaiseStillPages() {
        let raised = Fixture.incident(.p1, then: [.severityChanged(from: .p1, to: .p0, reason: nil)])
        let notices = Announcer(policy: TestPolicy.playbook).notices(for: raised.timeline[1], sequence: 2, incident: raised)
        #expect(notices.first?.audience == [.channel])
        #expect(notices.contains { $0.rule == "p0-all-hands" })
    }

    @Test("A rule that only matches since the incident was made public has paged no one: raised back, it pages")
    func aRuleThatNeverFiredStillPagesOnTheRaise() throws {
        var policy = TestPolicy.playbook
        policy.escalations.append(EscalationRule(id: "p0-public-pr", when: EscalationCondition(severity: [.p0], publicFacing: true), notify: ["pr"]))
        let incident = Fixture.incident(.p0, then: [
            .madePublic(title: nil), .severityChanged(from: .p0, to: .p1, reason: "EU only"), .severityChanged(from: .p1, to: .p0, reason: "Spread again"),
        ])
        let rules = Announcer(policy: policy).notices(for: incident.timeline[3], sequence: 4, incident: incident).compactMap(\.rule)
        #expect(rules == ["p0-public-pr"], "the P0 roles were paged at the declaration; the public rule never was")
    }
}
