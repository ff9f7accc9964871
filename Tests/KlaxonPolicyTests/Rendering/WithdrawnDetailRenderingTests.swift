import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// `show` on an incident withdrawn as declared by mistake says so: not "resolved", no review held, no checklist due.
@Suite("A withdrawn incident, as show reads it")
struct WithdrawnDetailRenderingTests {
    @Test func showSaysAWithdrawnIncidentWasWithdrawnNotResolved() throws {
        let policy = try Fixture.defaultPolicy()
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        let facts = MessageFacts(policy: policy, dialect: TestDialect())
        let incident = Fixture.incident(.p1, then: [.withdrawn(reason: "False alarm: the probe was down")])
        let text = renderer.render(.incidentDetail, facts.detail(incident, now: Fixture.at(minutes: 5)))
        #expect(text.contains("· Withdrawn"), "\(text)")
        #expect(text.contains("withdrawn 2026-11-26 14:01 UTC as declared by mistake: False alarm: the probe was down"), "\(text)")
        #expect(!text.contains("resolved"), "\(text)")
        #expect(!text.contains("Review"), "\(text)")
        #expect(!text.contains("⬜") && !text.contains("✅"), "\(text)")
    }
}
