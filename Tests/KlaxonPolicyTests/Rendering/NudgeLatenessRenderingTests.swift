import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// How late a nudge was is measured on the cadence in force when it fired: a severity change or a publication
/// afterwards (a new cadence from then on) must not make it read later or earlier in the timeline and the report.
@Suite("Nudge lateness, as the timeline reads it")
struct NudgeLatenessRenderingTests {
    /// A public P2 (updates every 2 hours) declared 14:00 and nudged at 16:10, then changed at 16:20.
    static let cases: [(String, IncidentChange)] = [
        ("raised to P0 (every 15 minutes)", .severityChanged(from: .p2, to: .p0, reason: "Spreading")),
        ("lowered to P3 (no cadence)", .severityChanged(from: .p2, to: .p3, reason: "Contained")),
        ("taken off the status page (a private P2 has no cadence)", .madePrivate),
    ]

    @Test(arguments: cases)
    func aNudgeReadsAsLateAsItWasWhenItFired(later: String, change: IncidentChange) throws {
        let policy = try Fixture.defaultPolicy()
        let facts = MessageFacts(policy: policy, dialect: TestDialect())
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        let nudge = IncidentEvent(at: Fixture.at(minutes: 130), actor: nil, change: .timerFired(.updateDue(anchor: Fixture.declaredAt, slot: 1)))
        // Changed in the same second as the nudge, just after it: still not the cadence it fired under.
        let changed = IncidentEvent(at: Fixture.at(minutes: 130), actor: Fixture.bob, change: change)
        let incident = Fixture.incident(.p2, publicFacing: true).evolved(by: nudge).evolved(by: changed)
        let text = renderer.render(.timeline, facts.timeline(incident, now: Fixture.at(minutes: 150)))
        #expect(text.contains("16:10 UTC Klaxon nudged for an update (10 min overdue)"), "\(later): \(text)")
    }
}
