import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

@Suite("The customer email: what it says, and what it never says")
struct CustomerEmailRenderingTests {
    static let marker = "INTERNAL-7f3a"

    /// The shipped policy, published at an address.
    static func policy() throws -> Policy {
        var policy = try Fixture.defaultPolicy()
        policy.publicStatus?.url = "https://status.example.com"
        return policy
    }

    /// A public P0 whose team-only text all carries the marker: title, updates, notes, scope, the resolve summary's
    /// kin (the cause), and the commander's name.
    static let incident = Fixture.incident(.p0, title: "Pool exhausted \(marker)", publicFacing: true, then: [
        .madePublic(title: "Uploads are failing"),
        .updatePosted(text: "Pool at 100% \(marker)"),
        .notePosted(text: "Restarted db-2 \(marker)"),
        .scopeSet(text: "EU shard \(marker)"),
        .causeSet(text: "Leak in the worker \(marker)"),
        .commanderAssigned(Participant(platform: .slack, id: "U0CAROL", name: "carol\(marker)")),
        .componentsAffected([AffectedComponent(id: "uploads", impact: .major)]),
        .updatePosted(text: "We found the cause and are fixing it"),
        .publicUpdatePosted(status: .investigating, text: "We found the cause and are fixing it"),
        .etaSet(at: Fixture.at(minutes: 90)),
    ])

    static func email(_ incident: Incident = incident, policy: Policy? = nil, now: Date = Fixture.at(minutes: 70)) throws -> String {
        let policy = try policy ?? Self.policy()
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: PlainTextDialect())
        let notice = Notice(kind: .customerEmail, incident: incident.id, sequence: incident.version, destination: .email("customers"))
        return renderer.render(notice, MessageFacts(policy: policy, dialect: PlainTextDialect()).notice(notice, incident: incident, now: now))
    }

    @Test("It gives the public title as subject, the components, the latest public update, the ETA and the incident's status page")
    func itSaysWhatThePageSays() throws {
        let text = try Self.email()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "Uploads are failing: we are working on it")
        #expect(text.contains("Affected: Uploads (major outage)."))
        #expect(text.contains("Latest update: We found the cause and are fixing it"))
        #expect(text.contains("We expect a fix by 2026-11-26 15:30 UTC."))
        #expect(text.contains("https://status.example.com/status/incidents/1"))
        #expect(text.contains("Service status"))
    }

    @Test("Nothing the team said among themselves reaches customers: no internal title, update, note, scope, cause or name")
    func nothingInternalReachesCustomers() throws {
        let text = try Self.email()
        #expect(!text.contains(Self.marker))
        #expect(!text.contains("carol"))
        #expect(!text.contains("alice"))
        #expect(!text.contains("P0"))
    }

    @Test("After the resolution the email says it is resolved, and has no ETA")
    func afterTheResolutionTheEmailSaysResolved() throws {
        let resolved = Self.incident.evolved(by: IncidentEvent(at: Fixture.at(minutes: 80), actor: Fixture.bob, change: .resolved(summary: "Fixed \(Self.marker)", forcedReason: "x")))
        let text = try Self.email(resolved)
        #expect(text.hasPrefix("Uploads are failing: resolved\n"))
        #expect(text.contains("The problem we wrote about, “Uploads are failing”, is resolved."))
        // Operational again, as the page shows them: named as affected then, not as down now.
        #expect(text.contains("Affected while it lasted: Uploads."))
        #expect(!text.contains("major outage"))
        #expect(!text.contains("We expect a fix"))
        #expect(!text.contains(Self.marker))
    }

    @Test("After the resolution every component that was affected is named, one that recovered earlier too, as the page lists them")
    func afterTheResolutionEveryAffectedComponentIsNamed() throws {
        let later: [IncidentChange] = [
            .componentsAffected([AffectedComponent(id: "downloads", impact: .partial)]),
            .componentsAffected([AffectedComponent(id: "downloads", impact: .operational)]),
            .resolved(summary: "Fixed", forcedReason: "x"),
        ]
        let resolved = later.enumerated().reduce(Self.incident) { incident, step in
            incident.evolved(by: IncidentEvent(at: Fixture.at(minutes: 71 + step.offset), actor: Fixture.bob, change: step.element))
        }
        #expect(try Self.email(resolved).contains("Affected while it lasted: Uploads, Downloads."))
    }

    @Test("Withdrawn as opened in error, the email says the notice was a mistake (it may have been a duplicate: not that nothing is wrong), and nothing of what it said before")
    func withdrawnTheEmailSaysItWasOpenedInError() throws {
        let withdrawn = Self.incident.evolved(by: IncidentEvent(at: Fixture.at(minutes: 80), actor: Fixture.bob, change: .withdrawn(reason: "Probe broken \(Self.marker)")))
        let text = try Self.email(withdrawn)
        #expect(text.hasPrefix("Uploads are failing: opened in error\n"))
        #expect(text.contains("We wrote to you about “Uploads are failing”. That was sent in error: the incident was opened by mistake, and is closed."))
        #expect(text.contains("Our status page shows anything that does affect the service: https://status.example.com/status\n"))
        #expect(!text.contains("not affected"))
        #expect(text.contains("We are sorry for the confusion."))
        #expect(!text.contains("Affected"))
        #expect(!text.contains("We expect a fix"))
        #expect(!text.contains(Self.marker))
    }

    @Test("Without a published address the email carries no link rather than a wrong one")
    func withoutAnAddressThereIsNoLink() throws {
        let text = try Self.email(policy: try Fixture.defaultPolicy())
        #expect(!text.contains("status page:"))
        #expect(!text.contains("http"))
    }

    @Test("The preview says it was not sent and to whom it would go, above the email itself")
    func thePreviewSaysItWasNotSent() throws {
        let policy = try Self.policy()
        let composer = ReplyComposer(renderer: try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect()))
        let reply = composer.reply(to: .customerEmailPreview(Self.incident), now: Fixture.at(minutes: 70))
        #expect(reply.visibility == .sender)
        #expect(reply.text.hasPrefix("*Preview, not sent:* the email `/incident notify customers #1` sends to Affected users (email list). Subject first:\n\nUploads are failing: we are working on it\n"))
        #expect(!reply.text.contains(Self.marker))
    }

    @Test("The escalation a public P0 gets an hour in carries the draft and the command")
    func theEscalationCarriesTheDraft() throws {
        let policy = try Self.policy()
        let fired = IncidentEvent(at: Fixture.at(minutes: 60), actor: nil, change: .timerFired(.escalation(rule: "p0-customer-email")))
        let after = Self.incident.evolved(by: fired)
        let notice = try #require(Announcer(policy: policy).notices(for: fired, sequence: after.version, incident: after).first)
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        let text = renderer.render(notice, MessageFacts(policy: policy, dialect: TestDialect()).notice(notice, incident: after, now: Fixture.at(minutes: 61)))
        #expect(text.hasPrefix("*#1 Pool exhausted \(Self.marker)* (P0) has been open 1 h 00 min, <@U0CAROL>:\n• Email affected users: check the draft below, then `/incident notify customers`"))
        #expect(text.contains("\nUploads are failing: we are working on it\nHello,"))
    }
}
