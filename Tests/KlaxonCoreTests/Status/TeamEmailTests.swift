import Foundation
import KlaxonCore
import Testing

@Suite("Announcer: the team's email about public incidents")
struct TeamEmailTests {
    static var policy: Policy {
        var policy = TestPolicy.playbook
        policy.publicStatus = PublicStatusPolicy(name: "Status", timeZone: "UTC", components: PublicStatusPolicy.standard.components, teamEmail: "team-email")
        return policy
    }

    static func emails(_ notices: [Notice]) -> [Notice] {
        notices.filter { if case .email = $0.destination { true } else { false } }
    }

    @Test("A public incident's declaration and resolution are emailed to the team role; a private one's are not", arguments: [true, false])
    func declarationAndResolutionOfAPublicIncidentAreEmailed(publicFacing: Bool) {
        let announcer = Announcer(policy: Self.policy)
        let incident = Fixture.incident(.p1, id: 4, publicFacing: publicFacing, then: [.resolved(summary: "Fixed", forcedReason: "x")])
        let declared = Self.emails(announcer.notices(for: incident.timeline[0], sequence: 1, incident: incident))
        let resolved = Self.emails(announcer.notices(for: incident.timeline[1], sequence: 2, incident: incident))
        if publicFacing {
            #expect(declared == [Notice(kind: .initialAlert, incident: IncidentID(4), sequence: 1, destination: .email("team-email"), audience: [.role("team-email")])])
            #expect(resolved == [Notice(kind: .resolution, incident: IncidentID(4), sequence: 2, destination: .email("team-email"), audience: [.role("team-email")])])
        } else {
            #expect(declared.isEmpty && resolved.isEmpty)
        }
    }

    @Test("An incident declared private and made public later is emailed to the team then, as a public declaration would have been")
    func anIncidentMadePublicLaterIsEmailedThen() {
        let announcer = Announcer(policy: Self.policy)
        let incident = Fixture.incident(.p1, id: 5, then: [.madePublic(title: "Some payments are slow")])
        let madePublic = Self.emails(announcer.notices(for: incident.timeline[1], sequence: 2, incident: incident))
        #expect(madePublic == [Notice(kind: .initialAlert, incident: IncidentID(5), sequence: 2, destination: .email("team-email"), audience: [.role("team-email")])])
    }

    @Test("Retitling a public incident, putting it back on the page, or publishing a resolved one emails the team nothing more", arguments: [
        (true, [IncidentChange.madePublic(title: "Checkout errors")]),
        (false, [.madePublic(title: nil), .madePrivate, .madePublic(title: nil)]),
        (false, [.resolved(summary: "Fixed", forcedReason: "x"), .madePublic(title: "Checkout errors")]),
    ])
    func onlyTheFirstPublicationEmailsTheTeam(declaredPublic: Bool, changes: [IncidentChange]) {
        let incident = Fixture.incident(.p1, id: 6, publicFacing: declaredPublic, then: changes)
        let last = incident.timeline.count
        #expect(Self.emails(Announcer(policy: Self.policy).notices(for: incident.timeline[last - 1], sequence: last, incident: incident)).isEmpty)
    }

    @Test("Without a team email role in the policy, nothing is emailed")
    func withoutATeamEmailRoleNothingIsEmailed() {
        let incident = Fixture.incident(.p1, publicFacing: true)
        #expect(Self.emails(Announcer(policy: TestPolicy.playbook).notices(for: incident.timeline[0], sequence: 1, incident: incident)).isEmpty)
    }
}
