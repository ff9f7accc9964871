import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// `public` ending a title is a word of it, not the flag: the announcement says the incident stayed off the page.
@Suite("The hint for a title ending in 'public'")
struct PublicHintTests {
    let composer: ReplyComposer
    static let hint = "Not on the status page: `/incident public #1 <title for customers>` puts it there (or `--public` when declaring)."

    init() throws {
        let policy = try Fixture.defaultPolicy()
        composer = ReplyComposer(renderer: try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect()))
    }

    /// The declaration's announcement, as the outbox posts it.
    func declaration(_ title: String, publicFacing: Bool = false) -> String {
        let incident = Fixture.incident(.p1, title: title, publicFacing: publicFacing)
        let notice = Notice(kind: .initialAlert, incident: incident.id, sequence: 1, destination: .incidentChannel(incident.channel))
        return composer.text(of: notice, incident: incident, now: Fixture.at(minutes: 1))
    }

    @Test("A declaration whose title ends in 'public' says it is not on the status page and how to put it there", arguments: [
        ("Storage bucket made public", false, true), ("Admin panel User-Facing", false, true), ("Search down -public", false, true),
        ("Search down \u{2014}-public", false, true),
        ("Public bucket listing", false, false), ("Bucket made public", true, false),
    ])
    func aTitleEndingInPublicSaysItIsNotOnTheStatusPage(title: String, publicFacing: Bool, hinted: Bool) {
        let text = declaration(title, publicFacing: publicFacing)
        #expect(text.hasSuffix("\n" + Self.hint) == hinted, "\(text)")
    }

    static let withheld = "Not on the status page: the alerts ask for it, but their summary mentions someone. `/incident public #1 <title for customers>` puts it there."

    @Test("Alerts that asked for the page but mention someone in their summary declare off it, and the announcement says why and how to put it there", arguments: [
        (true, true), (false, false),
    ])
    func alertsKeptOffThePageForAMentionSaySo(withheld: Bool, hinted: Bool) throws {
        var origin = AlertOrigin(source: .alertmanager, key: AlertGroupKey("uploads"), firing: [], link: nil)
        if withheld { origin.publicWithheld = true }
        let declaration = Declaration(severity: .p1, title: "Uploads failing, paging <!here>", kind: .general, publicFacing: false, channel: Fixture.channel, alerts: origin)
        let incident = try #require(Incident(id: IncidentID(1), events: [IncidentEvent(at: Fixture.declaredAt, actor: Fixture.alice, change: .declared(declaration))]))
        let notice = Notice(kind: .initialAlert, incident: incident.id, sequence: 1, destination: .incidentChannel(incident.channel))
        let text = composer.text(of: notice, incident: incident, now: Fixture.at(minutes: 1))
        #expect(text.hasSuffix("\n" + Self.withheld) == hinted, "\(text)")
    }

    static let offPage = "Customers don't see this yet: #1 is not on the status page. `/incident public #1 <title for customers>` puts it there."

    @Test("An ETA or affected components set on an incident off the page say customers don't see them yet", arguments: [
        (IncidentChange.etaSet(at: Fixture.at(minutes: 60)), false, true), (.etaSet(at: Fixture.at(minutes: 60)), true, false),
        (.componentsAffected([AffectedComponent(id: "storage", impact: .major)]), false, true),
        (.componentsAffected([AffectedComponent(id: "storage", impact: .major)]), true, false),
        (.madePrivate, false, false),
    ])
    func aPageChangeOffThePageSaysCustomersDontSeeIt(change: IncidentChange, publicFacing: Bool, hinted: Bool) throws {
        let policy = try Fixture.defaultPolicy()
        let incident = Fixture.incident(.p1, publicFacing: publicFacing, then: [change])
        let notices = Announcer(policy: policy).notices(for: incident.timeline[1], sequence: 2, incident: incident)
        let notice = try #require(notices.first { $0.kind == .publicPageChanged && $0.destination != .statuspage })
        let text = composer.text(of: notice, incident: incident, now: Fixture.at(minutes: 2))
        #expect(text.hasSuffix("\n" + Self.offPage) == hinted, "\(text)")
    }

    @Test("Putting an incident on the page says how to tell customers only while updates can still be posted", arguments: [false, true])
    func madePublicSuggestsAPublicUpdateOnlyWhileOpen(resolved: Bool) {
        let before: [IncidentChange] = resolved ? [.resolved(summary: "Fixed", forcedReason: "test")] : []
        let incident = Fixture.incident(.p1, then: before + [.madePublic(title: nil)])
        let notice = Notice(kind: .publicPageChanged, incident: incident.id, sequence: incident.timeline.count, destination: .incidentChannel(incident.channel))
        let text = composer.text(of: notice, incident: incident, now: Fixture.at(minutes: 3))
        #expect(text.contains("#1 is on the public status page"), "\(text)")
        #expect(text.contains("/incident update #1 --public") == !resolved, "\(text)")
    }
}
