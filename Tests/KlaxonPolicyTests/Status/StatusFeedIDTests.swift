import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// Feed readers recognise an entry by its id: one they have shown is never shown again.
@Suite("The status page's Atom ids")
struct StatusFeedIDTests {
    /// The ids in the page's feed for one public P0 numbered #1, declared at `declaredAt`, served from `baseURL`.
    static func ids(baseURL: String, declaredAt: Date) throws -> [String] {
        let renderer = try StatusPageRenderer(policy: try Fixture.defaultPolicy(), templates: .defaults, baseURL: baseURL)
        let declaration = Declaration(severity: .p0, title: "Uploads failing", publicFacing: true, channel: Fixture.channel)
        let declared = IncidentEvent(at: declaredAt, actor: Fixture.alice, change: .declared(declaration))
        let incident = try #require(Incident(id: IncidentID(1), events: [declared]))
        let view = try #require(PublicIncident(incident, components: []))
        let xml = StatusFeed(facts: renderer.facts).atom([view], title: "Status", path: "/status.atom", now: declaredAt)
        return xml.components(separatedBy: "<id>").dropFirst().compactMap { $0.components(separatedBy: "</id>").first }
    }

    @Test("Incident #1 of another company's page, or of this page's store started afresh, has entries of its own")
    func anotherIncidentOneHasItsOwnIDs() throws {
        let ours = try Self.ids(baseURL: "https://status.example.com/", declaredAt: Fixture.declaredAt)
        #expect(ours == ["tag:klaxon,2026:status.atom", "tag:klaxon,2026:incident-1-1795701600000/update-1"])
        let theirs = try Self.ids(baseURL: "https://status.other.example/", declaredAt: Fixture.declaredAt.addingTimeInterval(0.25))
        let afresh = try Self.ids(baseURL: "https://status.example.com/", declaredAt: Fixture.at(minutes: 60 * 24 * 40))
        #expect(ours.last != theirs.last)
        #expect(ours.last != afresh.last)
    }

    @Test("The page's address moving changes no id: a reader shows nothing again")
    func theAddressMovingChangesNoID() throws {
        #expect(try Self.ids(baseURL: "https://status.example.com/", declaredAt: Fixture.declaredAt) == (try Self.ids(baseURL: "", declaredAt: Fixture.declaredAt)))
    }
}
