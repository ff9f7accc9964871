import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// A raise into a severity that pings the channel (P0, by the playbook: "notify all engineers") says so in its
/// message, as the declaration of a P0 does; the announcer asked for the ping, and the message left it out.
@Suite("Severity raises, as chat reads them")
struct SeverityRaiseRenderingTests {
    /// The ping ends the first line, before the reason (quoted below it): a reason on several lines must not carry it
    /// onto a line of its own.
    static let cases: [(Severity, Severity, String)] = [
        (.p2, .p0, "*#1 Uploads failing* is now *P0* (was P2), set by <@U0BOB> - <!channel>\n> All uploads down\n> in every region"),
        (.p1, .p0, "*#1 Uploads failing* is now *P0* (was P1), set by <@U0BOB> - <!channel>\n> All uploads down\n> in every region"),
        (.p2, .p1, "*#1 Uploads failing* is now *P1* (was P2), set by <@U0BOB>\n> All uploads down\n> in every region"),
        (.p0, .p1, "*#1 Uploads failing* is now *P1* (was P0), set by <@U0BOB>\n> All uploads down\n> in every region"),
    ]

    @Test(arguments: cases)
    func aRaiseToAPingingSeverityPingsTheChannel(from: Severity, to: Severity, opening: String) throws {
        let policy = try Fixture.defaultPolicy()
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        let incident = Fixture.incident(from, then: [.severityChanged(from: from, to: to, reason: "All uploads down\nin every region")])
        let notices = Announcer(policy: policy).notices(for: incident.timeline[1], sequence: 2, incident: incident)
        let notice = try #require(notices.first)
        let text = ReplyComposer(renderer: renderer).text(of: notice, incident: incident, now: Fixture.at(minutes: 2))
        #expect(text.hasPrefix(opening + "\n"), "\(text)")
    }

    @Test func aSeverityChangeSaysWhenTheNextUpdateIsDueUnderTheNewCadence() throws {
        let policy = try Fixture.defaultPolicy()
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        let incident = Fixture.incident(.p2, then: [.severityChanged(from: .p2, to: .p0, reason: nil)])
        let notice = try #require(Announcer(policy: policy).notices(for: incident.timeline[1], sequence: 2, incident: incident).first)
        let text = ReplyComposer(renderer: renderer).text(of: notice, incident: incident, now: Fixture.at(minutes: 1))
        // Raised at 14:01: the P0's 15-minute clock starts then.
        #expect(text.contains("Updates every 15 minutes. Next update due by 14:16 UTC."), "\(text)")
    }

    @Test func aSecondRaiseToP0DoesNotPingTheChannelAgain() throws {
        let policy = try Fixture.defaultPolicy()
        let incident = Fixture.incident(.p2, then: [
            .severityChanged(from: .p2, to: .p0, reason: "All uploads down"), .severityChanged(from: .p0, to: .p1, reason: "EU only"),
            .severityChanged(from: .p1, to: .p0, reason: "Spreading again"),
        ])
        let announcer = Announcer(policy: policy)
        #expect(announcer.notices(for: incident.timeline[1], sequence: 2, incident: incident).first?.audience == [.channel])
        #expect(announcer.notices(for: incident.timeline[3], sequence: 4, incident: incident).first?.audience == [])
    }
}
