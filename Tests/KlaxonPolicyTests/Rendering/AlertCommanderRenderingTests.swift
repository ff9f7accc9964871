import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// The alert's "Commander:" line asks for one only while there is none: the same message goes out again later (the
/// team's email when an incident is first made public), by then with a commander.
@Suite("The alert's commander line")
struct AlertCommanderRenderingTests {
    @Test(arguments: [false, true])
    func theAlertAsksForACommanderOnlyWhileThereIsNone(hasCommander: Bool) throws {
        let policy = try Fixture.defaultPolicy()
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        let declared = Fixture.incident(.p1)
        let incident = hasCommander ? declared.evolved(by: IncidentEvent(at: Fixture.at(minutes: 2), actor: Fixture.bob, change: .commanderAssigned(Fixture.bob))) : declared
        let notices = Announcer(policy: policy).notices(for: declared.timeline[0], sequence: 1, incident: declared)
        let alert = try #require(notices.first { $0.kind == .initialAlert })
        let text = ReplyComposer(renderer: renderer).text(of: alert, incident: incident, now: Fixture.at(minutes: 3))
        #expect(text.contains("Commander: `/incident commander #1 me`") == !hasCommander, "\(text)")
        #expect(text.contains("Commander: <@U0BOB>") == hasCommander, "\(text)")
    }
}
