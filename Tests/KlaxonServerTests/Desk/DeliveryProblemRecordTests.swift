import Foundation
import KlaxonCore
@testable import KlaxonServer
import KlaxonStore
import Testing

/// A platform's failure is recorded in the incident's timeline (which announces it elsewhere) once per reason: a
/// token revoked after a channel was fixed is news, the same outage reported again by another replica is not.
@Suite struct DeliveryProblemRecordTests {
    @Test func eachNewReasonIsRecordedOnceTheSameOneWithOtherNumbersIsNot() async throws {
        let h = try await DeskHarness()
        try await h.say("p1 Checkout errors", at: 0)
        let problems = [
            "/posts: You do not have the appropriate permissions. (403)",
            "failing for 125 s: /posts: HTTP 503", "failing for 130 s: /posts: HTTP 503",
            "/posts: Invalid or expired session, please login again. (401)",
        ]
        for reason in problems {
            await h.desk.recordDeliveryProblem(OutboxWorker.Problem(incident: IncidentID(1), transport: .mattermost, reason: reason, permanent: !reason.hasPrefix("failing")))
        }
        let incident = try #require(try await h.handle.store.incident(IncidentID(1)))
        let recorded = incident.timeline.compactMap { event -> String? in
            if case .deliveryFailed(_, let reason, _, _, _) = event.change { reason } else { nil }
        }
        #expect(recorded == [problems[0], problems[1], problems[3]])
        try await h.close()
    }
}
