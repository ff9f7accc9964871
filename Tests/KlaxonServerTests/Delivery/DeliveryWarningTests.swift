import Foundation
import KlaxonCore
import KlaxonServer
import Testing

/// Delivered to some and refused for others (an email's stale address): the team hears whom it did not reach.
@Suite struct DeliveryWarningTests {
    @Test func aWarningForTheTeamIsRecordedInTheIncidentsTimeline() async throws {
        let warning = "the mail server refused 1 of 3 recipients of the email to cto: old-cto@example.com"
        let email = RecordingTransport(name: .mattermost, warning: warning)
        let h = try await DeliveryHarness.start(others: [email])
        try await h.desk.say("p1 Checkout errors", at: 0)
        await h.drain()
        #expect(!email.received.isEmpty)
        let incident = try #require(try await h.desk.handle.store.incident(IncidentID(1)))
        let recorded = incident.timeline.compactMap { event -> String? in
            if case .deliveryFailed(_, let reason, _, true, _) = event.change { reason } else { nil }
        }
        #expect(recorded == [warning], "once, as missing some recipients: the same warning again is not news")
        try await h.stop()
    }
}
