import Foundation
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import Testing

/// Which incident `review schedule` and `review done` without `#id` are about: the one resolved in the channel and
/// awaiting its review, else the open one (which is told to resolve first), never "nothing is open" beside an open one.
@Suite struct ReviewLocatingTests {
    @Test func reviewDoneWithoutAnIdClosesTheReviewOfTheIncidentResolvedHereNotTheOpenOne() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        try await harness.application().test(.router) { client in
            _ = try await client.slash("p1 Checkout errors", clock: harness.clock)
            _ = try await client.slash("resolve Rolled back the deploy --force verified by hand", clock: harness.clock)
            _ = try await client.slash("cause #1 A deploy without its migration", clock: harness.clock)
            _ = try await client.slash("p2 Search is slow", clock: harness.clock)
            let done = try await client.slash("review done", clock: harness.clock)
            #expect(done.text.contains("#1"))
        }
        #expect(try await handle.store.incident(IncidentID(1))?.review.isClosed == true)
        #expect(try await handle.store.incident(IncidentID(2))?.review.isClosed == false)
        try await handle.close()
    }

    @Test func reviewScheduleBesideOnlyAnOpenIncidentSaysToResolveItFirstAndRecordsNothing() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        try await harness.application().test(.router) { client in
            _ = try await client.slash("p1 Checkout errors", clock: harness.clock)
            let reply = try await client.slash("review schedule tomorrow 10:00", clock: harness.clock)
            #expect(reply.response_type == "ephemeral")
            #expect(reply.text.contains("#1 is still open: resolve it first"))
        }
        let incident = try #require(try await handle.store.incident(IncidentID(1)))
        #expect(incident.reviewScheduledFor == nil)
        #expect(incident.timeline.count == 1)
        try await handle.close()
    }

    @Test("Once its review is scheduled, the review's commands still find the incident resolved here without an id")
    func theReviewsCommandsFindTheIncidentOnceItsReviewIsScheduled() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        try await harness.application().test(.router) { client in
            _ = try await client.slash("p1 Checkout errors", clock: harness.clock)
            _ = try await client.slash("resolve Rolled back the deploy --force verified by hand", clock: harness.clock)
            _ = try await client.slash("review schedule tomorrow 10:00", clock: harness.clock)
            let cause = try await client.slash("cause A config flag flipped in the deploy", clock: harness.clock)
            #expect(!cause.text.contains("no open incident"), "\(cause.text)")
            let report = try await client.slash("report", clock: harness.clock)
            #expect(report.text.contains("#1"), "\(report.text)")
            let done = try await client.slash("review done", clock: harness.clock)
            #expect(done.text.contains("#1"), "\(done.text)")
            // Closed: a later review command without an id says its facts are final, not that nothing is open.
            let again = try await client.slash("cause Another", clock: harness.clock)
            #expect(again.text.contains("The review of #1 is closed"), "\(again.text)")
        }
        let incident = try #require(try await handle.store.incident(IncidentID(1)))
        #expect(incident.review.cause == "A config flag flipped in the deploy")
        #expect(incident.review.isClosed)
        try await handle.close()
    }

    @Test("review schedule without an id finds the newly resolved incident beside one whose review is booked already")
    func reviewScheduleFindsTheUnscheduledReviewBesideABookedOne() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        try await harness.application().test(.router) { client in
            _ = try await client.slash("p1 Checkout errors", clock: harness.clock)
            _ = try await client.slash("resolve Rolled back --force verified by hand", clock: harness.clock)
            _ = try await client.slash("review schedule Friday 10:00", clock: harness.clock)
            _ = try await client.slash("p1 Search is slow", clock: harness.clock)
            _ = try await client.slash("resolve Reindexed --force verified by hand", clock: harness.clock)
            let reply = try await client.slash("review schedule Monday 14:00", clock: harness.clock)
            #expect(reply.text.contains("#2"), "\(reply.text)")
        }
        #expect(try await handle.store.incident(IncidentID(1))?.reviewScheduledFor == "Friday 10:00")
        #expect(try await handle.store.incident(IncidentID(2))?.reviewScheduledFor == "Monday 14:00")
        try await handle.close()
    }

    @Test("A cause typed after scheduling a review goes to that incident, not to an open P3 that will have no review")
    func reviewFactsGoToTheIncidentUnderReviewNotAnOpenP3() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        try await harness.application().test(.router) { client in
            _ = try await client.slash("p0 Uploads failing", clock: harness.clock)
            _ = try await client.slash("resolve Pool raised --force verified by hand", clock: harness.clock)
            _ = try await client.slash("review schedule Friday 10:00", clock: harness.clock)
            _ = try await client.slash("p3 Typo on the pricing page", clock: harness.clock)
            let cause = try await client.slash("cause The pool was too small", clock: harness.clock)
            #expect(cause.text.contains("#1"), "\(cause.text)")
        }
        #expect(try await handle.store.incident(IncidentID(1))?.review.cause == "The pool was too small")
        #expect(try await handle.store.incident(IncidentID(2))?.review.cause == nil)
        try await handle.close()
    }

    @Test("notify customers without an id finds the public incident just resolved here (the email with the fix)")
    func notifyCustomersFindsTheIncidentJustResolved() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        try await harness.application().test(.router) { client in
            _ = try await client.slash("p1 Checkout errors --public", clock: harness.clock)
            _ = try await client.slash("resolve Rolled back --force verified by hand", clock: harness.clock)
            let notified = try await client.slash("notify customers", clock: harness.clock)
            #expect(notified.text.contains("#1"), "\(notified.text)")
        }
        #expect(try await handle.store.incident(IncidentID(1))?.customersNotifiedAt != nil)
        try await handle.close()
    }
}
