import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// A component marked without a level shows what the severity implied then (a P0's major outage); after a downgrade
/// the status page still shows it so until someone marks it again, and the downgrade's message says which.
@Suite("Severity downgrades of public incidents, as chat reads them")
struct SeverityDowngradeRenderingTests {
    static let cases: [(name: String, publicFacing: Bool, marked: [AffectedComponent], to: Severity, hint: String?)] = [
        ("a public P0 down to P2 with uploads at major", true, [.init(id: "uploads", impact: .major)], .p2,
         "The status page still shows Uploads (`uploads`, major outage): `/incident affects #1 <component> degraded|partial|major|operational` if that has changed."),
        ("a public P0 down to P1 names only what is worse than partial", true,
         [.init(id: "uploads", impact: .major), .init(id: "downloads", impact: .partial)], .p1, "The status page still shows Uploads (`uploads`, major outage):"),
        ("a public P0 down to P2 whose components were marked degraded", true, [.init(id: "uploads", impact: .degraded)], .p2, nil),
        ("a private P0 down to P2", false, [], .p2, nil),
    ]

    @Test(arguments: cases)
    func aDowngradeNamesWhatThePageStillShows(row: (name: String, publicFacing: Bool, marked: [AffectedComponent], to: Severity, hint: String?)) throws {
        let policy = try Fixture.defaultPolicy()
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        let marked: [IncidentChange] = row.marked.isEmpty ? [] : [.componentsAffected(row.marked)]
        let incident = Fixture.incident(.p0, publicFacing: row.publicFacing, then: marked + [.severityChanged(from: .p0, to: row.to, reason: "EU only")])
        let event = try #require(incident.timeline.last)
        let notice = try #require(Announcer(policy: policy).notices(for: event, sequence: incident.timeline.count, incident: incident).first)
        let text = ReplyComposer(renderer: renderer).text(of: notice, incident: incident, now: Fixture.at(minutes: 5))
        if let hint = row.hint {
            #expect(text.contains(hint), "\(row.name): \(text)")
        } else {
            #expect(!text.contains("still shows"), "\(row.name): \(text)")
        }
    }

    @Test("A raise says nothing of the page: the components are at least as bad as the new severity implies or were marked so")
    func aRaiseSaysNothingOfThePage() throws {
        let policy = try Fixture.defaultPolicy()
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        let incident = Fixture.incident(.p2, publicFacing: true, then: [
            .componentsAffected([.init(id: "uploads", impact: .major)]), .severityChanged(from: .p2, to: .p1, reason: "Spreading"),
        ])
        let notice = try #require(Announcer(policy: policy).notices(for: incident.timeline[2], sequence: 3, incident: incident).first)
        #expect(!ReplyComposer(renderer: renderer).text(of: notice, incident: incident, now: Fixture.at(minutes: 5)).contains("still shows"))
    }
}
