import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

@Suite("A delivery problem, as the channel and the timeline read it")
struct DeliveryProblemRenderingTests {
    static func texts(_ change: IncidentChange) throws -> (notice: String, timeline: String) {
        let policy = try Fixture.defaultPolicy()
        let incident = Fixture.incident(.p1, then: [change])
        let notice = try #require(Announcer(policy: policy).notices(for: incident.timeline[1], sequence: 2, incident: incident).first)
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        let composer = ReplyComposer(renderer: renderer)
        let timeline = try #require(composer.reply(to: .timeline(incident), now: Fixture.at(minutes: 2)).text.split(separator: "\n").last)
        return (composer.text(of: notice, incident: incident, now: Fixture.at(minutes: 2)), String(timeline))
    }

    @Test("A transport that fails is one Klaxon cannot reach")
    func aFailingTransportCannotBeReached() throws {
        let (notice, timeline) = try Self.texts(.deliveryFailed(transport: .email, reason: "SMTP: connection refused", permanent: false))
        #expect(notice.contains("Klaxon cannot reach Email (SMTP: connection refused)."), "\(notice)")
        #expect(timeline.contains("could not deliver to Email: SMTP: connection refused"), "\(timeline)")
    }

    @Test("A customer email given up says so, and how to send it again")
    func aLostCustomerEmailSaysHowToSendItAgain() throws {
        let (notice, _) = try Self.texts(.deliveryFailed(transport: .email, reason: "SMTP 550: relay denied", permanent: true, customerEmail: true))
        #expect(notice.contains("Klaxon cannot reach Email (SMTP 550: relay denied). The customer email did not go out: `/incident notify customers #1` sends it again."), "\(notice)")
    }

    @Test("An email refused for one recipient reached the others: the team hears who was missed, not that email is down")
    func aRecipientRefusedIsNotEmailDown() throws {
        let reason = "the mail server refused 1 of 3 recipients of the customer email for good: r…r@example.org"
        let (notice, timeline) = try Self.texts(.deliveryFailed(transport: .email, reason: reason, permanent: true, partly: true))
        #expect(notice.contains("Not everyone was reached by Email: \(reason)."), "\(notice)")
        #expect(!notice.contains("cannot reach"), "\(notice)")
        #expect(timeline.contains("could not deliver to every recipient by Email: \(reason)"), "\(timeline)")
    }
}
