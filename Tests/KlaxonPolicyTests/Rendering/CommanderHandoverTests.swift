import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// Someone taking the commander role from someone else says so, naming the one replaced (by name: a reply notifies
/// only the people its command named).
@Suite("Commander handover")
struct CommanderHandoverTests {
    static let carol = Participant(platform: .slack, id: "U0CAROL", name: "carol")

    @Test("The announcement of a commander names the one replaced; one read back from earlier in the incident names nobody", arguments: [
        ([IncidentChange.commanderAssigned(Fixture.bob)], "<@U0BOB> is incident commander for #1 Uploads failing."),
        ([.commanderAssigned(Fixture.bob), .commanderAssigned(carol)], "<@U0CAROL> is incident commander for #1 Uploads failing, taking over from @bob."),
        ([.commanderAssigned(Fixture.bob), .commanderAssigned(carol), .commanderAssigned(Fixture.bob)],
         "<@U0BOB> is incident commander for #1 Uploads failing, taking over from @carol."),
    ])
    func theAnnouncementNamesTheOneReplaced(changes: [IncidentChange], expected: String) throws {
        let policy = try Fixture.defaultPolicy()
        let renderer = try MessageRenderer(policy: policy, templates: TemplateSet(sources: DefaultTemplates.all), dialect: TestDialect())
        let facts = MessageFacts(policy: policy, dialect: TestDialect())
        let incident = Fixture.incident(.p1, then: changes)
        func announcement(of sequence: Int) -> String {
            let notice = Notice(kind: .commanderAssigned, incident: incident.id, sequence: sequence, destination: .incidentChannel(incident.channel), audience: [])
            return renderer.render(notice, facts.notice(notice, incident: incident, now: Fixture.at(minutes: 5)))
        }
        #expect(announcement(of: incident.version) == expected)
        #expect(announcement(of: 2) == "<@U0BOB> is incident commander for #1 Uploads failing.")
    }
}
