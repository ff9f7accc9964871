import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// The customer email says what the status page says: its newest entry, when the problem began, and the page's times.
@Suite("The customer email agrees with the status page")
struct CustomerEmailPageAgreementTests {
    typealias Email = CustomerEmailRenderingTests

    func later(_ changes: [IncidentChange], after incident: Incident = Email.incident) -> Incident {
        changes.enumerated().reduce(incident) { incident, change in
            incident.evolved(by: IncidentEvent(at: Fixture.at(minutes: 75 + change.offset), actor: Fixture.bob, change: change.element))
        }
    }

    @Test("Reopened after a public resolution, the latest update is the page's: investigating again, not 'it works'")
    func reopenedTheLatestUpdateIsThePages() throws {
        let reopened = later([.resolved(summary: "Uploads work again.", forcedReason: "x"), .publicUpdatePosted(status: .resolved, text: "Uploads work again."),
                              .reopened(reason: "Failing again for EU customers")])
        let text = try Email.email(reopened)
        #expect(text.contains("Latest update: We are investigating reports of a problem and will post an update soon."), "\(text)")
        #expect(!text.contains("Uploads work again."))
        #expect(text.contains("Current status: Investigating."))
    }

    @Test("A status change without a note: the latest update is the page's text for that status, not an older note")
    func aStatusChangeWithoutANoteShowsThePagesText() throws {
        let monitoring = later([.statusChanged(from: .investigating, to: .monitoring, note: nil)])
        let text = try Email.email(monitoring)
        #expect(text.contains("Latest update: A fix is in place and we are monitoring the results."), "\(text)")
        #expect(!text.contains("We found the cause and are fixing it"))
    }

    @Test("The problem began when the team recorded its impact began, not at the declaration")
    func itBeganAtTheRecordedImpactStart() throws {
        let started = later([.milestoneSet(.impactStarted, at: Fixture.at(minutes: -30))])
        let text = try Email.email(started)
        #expect(text.contains("It began at 2026-11-26 13:30 UTC."), "\(text)")
        let view = try #require(PublicIncident(started, components: []))
        #expect(view.began == Fixture.at(minutes: -30))
        // Recorded later than the rest: the page's time moves, so a client polling with If-Modified-Since sees it.
        #expect(view.changedAt == Fixture.at(minutes: 75))
    }

    @Test("Times are in the page's time zone, as the page shows them")
    func timesAreInThePagesTimeZone() throws {
        var policy = try Email.policy()
        policy.publicStatus?.timeZone = "America/Toronto"
        let text = try Email.email(policy: policy)
        #expect(text.contains("We expect a fix by 2026-11-26 10:30 EST."), "\(text)")
        #expect(text.contains("It began at 2026-11-26 09:00 EST."), "\(text)")
    }

    @Test("An estimate already passed when the email goes out is left out of it")
    func aPassedEstimateIsLeftOut() throws {
        let notified = later([.customersNotified(role: "customers")])
        #expect(try Email.email(notified, now: Fixture.at(minutes: 89)).contains("We expect a fix by 2026-11-26 15:30 UTC."))
        #expect(!(try Email.email(notified, now: Fixture.at(minutes: 91)).contains("We expect a fix")))
    }
}
