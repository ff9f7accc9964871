import Foundation
import KlaxonCore
import Testing

/// Notices of events recorded together: a restart catching up on several escalations at once.
@Suite("Notices of events recorded together")
struct AnnouncerBatchTests {
    static let rules = ["p0-user-facing-ceo", "p0-over-one-hour"]

    /// A public P0, then both CEO escalations fired by one catch-up at 65 minutes.
    static func caughtUp() throws -> (Incident, [IncidentEvent]) {
        let declared = Fixture.incident(.p0, publicFacing: true)
        let fired = rules.map { IncidentEvent(at: Fixture.at(minutes: 65), actor: nil, change: .timerFired(.escalation(rule: $0))) }
        let after = fired.reduce(declared) { $0.evolved(by: $1) }
        return (after, fired)
    }

    @Test("A role paged by one escalation of a catch-up is not paged again by the next; the next still posts its prompts")
    func aRoleIsPagedOncePerBatch() throws {
        let (incident, fired) = try Self.caughtUp()
        let escalations = Announcer(policy: TestPolicy.playbook).notices(for: fired, from: 1, incident: incident).filter { $0.kind == .escalation }
        #expect(escalations.map(\.rule) == Self.rules)
        #expect(escalations.first?.audience == [.role("ceo")])
        #expect(escalations.last?.audience.isEmpty == true, "the CEO was paged a moment before")
        #expect(escalations.last?.prompts.isEmpty == false)
    }

    @Test("An escalation that reaches someone new pages all of its roles, those paged a moment before too")
    func anEscalationReachingSomeoneNewPagesAll() throws {
        let declared = Fixture.declaration(.p0, kind: .security)
        let incident = try #require(Incident(id: IncidentID(1), events: [declared]))
        let escalations = Announcer(policy: TestPolicy.playbook).notices(for: [declared], from: 0, incident: incident).filter { $0.kind == .escalation }
        let security = try #require(escalations.first { $0.rule == "security" })
        #expect(security.audience.contains(.role("cto")), "beside the security team, as the security rule asks")
    }

    @Test("Fired apart, each escalation pages its roles")
    func firedApartEachPages() throws {
        let (incident, fired) = try Self.caughtUp()
        let announcer = Announcer(policy: TestPolicy.playbook)
        let apart = fired.enumerated().flatMap { offset, event in
            announcer.notices(for: [event], from: 1 + offset, incident: incident).filter { $0.kind == .escalation }
        }
        #expect(apart.map(\.audience) == [[.role("ceo")], [.role("ceo")]])
    }

    @Test("A role emailed by two escalations of one catch-up gets one email, the later rule's; fired apart, it gets each")
    func aRoleIsEmailedOncePerBatch() throws {
        var policy = TestPolicy.playbook
        policy.escalations = [30, 60].map { minutes in
            EscalationRule(id: "mail-\(minutes)", when: EscalationCondition(severity: [.p0]), after: .minutes(minutes), notify: ["cto", "ceo"], via: .email)
        }
        let fired = ["mail-30", "mail-60"].map { IncidentEvent(at: Fixture.at(minutes: 65), actor: nil, change: .timerFired(.escalation(rule: $0))) }
        let incident = fired.reduce(Fixture.incident(.p0)) { $0.evolved(by: $1) }
        let announcer = Announcer(policy: policy)
        let emails = announcer.notices(for: fired, from: 1, incident: incident).filter { $0.kind == .escalation }
        #expect(emails.map(\.destination) == [.email("cto"), .email("ceo")])
        #expect(emails.allSatisfy { $0.rule == "mail-60" && $0.sequence == 3 })
        let apart = fired.enumerated().flatMap { offset, event in announcer.notices(for: [event], from: 1 + offset, incident: incident) }
        #expect(apart.filter { $0.kind == .escalation }.map(\.rule) == ["mail-30", "mail-30", "mail-60", "mail-60"])
    }

    @Test("Email rules that fire together by design, at the declaration, each send theirs to a role both name: their prompts differ")
    func rulesFiringAtTheDeclarationEachEmail() throws {
        var policy = TestPolicy.playbook
        policy.escalations = [
            EscalationRule(id: "security-mail", when: EscalationCondition(severity: [.p0]), notify: ["security", "cto"], prompts: ["Rotate the keys"], via: .email),
            EscalationRule(id: "p0-mail", when: EscalationCondition(severity: [.p0]), notify: ["cto"], via: .email),
        ]
        let incident = Fixture.incident(.p0)
        let emails = Announcer(policy: policy).notices(for: incident.timeline, from: 0, incident: incident).filter { $0.kind == .escalation }
        #expect(emails.map(\.rule) == ["security-mail", "security-mail", "p0-mail"])
        #expect(emails.map(\.destination) == [.email("security"), .email("cto"), .email("cto")])
    }
}
