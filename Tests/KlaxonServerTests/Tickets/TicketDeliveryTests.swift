import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import Testing

/// Action items and P2/P3 incidents filed as GitHub issues through the outbox, against a fake GitHub on loopback.
@Suite("Tickets in GitHub Issues")
struct TicketDeliveryTests {
    static func incident(_ h: DeliveryHarness) async throws -> Incident {
        try #require(try await h.desk.handle.store.incident(IncidentID(1)))
    }

    @Test("Each action item becomes one labelled issue, closing the item closes it, and its address goes in the timeline and report")
    func eachActionItemBecomesOneLabelledIssue() async throws {
        let github = try await FakeGitHubAPI.start()
        let h = try await DeliveryHarness.start(github: github)
        try await h.desk.say("p0 Uploads failing", at: 0)
        try await h.desk.say("action <@UCAROL|carol> Alert when the pool is over 80% team:platform due:2027-01-22", at: 5)
        try await h.desk.say("action me Move the batch job", at: 5)
        try await h.desk.say("action done 1", at: 6)
        await h.drain()
        #expect(github.issues.map(\.title) == ["[#1] Alert when the pool is over 80%", "[#1] Move the batch job"])
        #expect(github.issues.map(\.labels) == [["incident-1", "team:platform"], ["incident-1"]])
        #expect(github.issues.map(\.state) == ["closed", "open"])
        #expect(github.issues[0].body.contains("Owner: @carol · team platform · due 2027-01-22"))
        #expect(github.issues[0].body.hasSuffix("<!-- klaxon-ticket: incident-1/action-1 -->"))
        #expect(github.authorizations == ["Bearer ghp-test-token"])
        let incident = try await Self.incident(h)
        #expect(incident.review.actions.map(\.ticketURL) == ["https://github.com/acme/ops/issues/1", "https://github.com/acme/ops/issues/2"])
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil)
        let report = try IncidentReport(policy: bundle.policy, templates: bundle.templates).markdown(incident, now: h.desk.clock.now)
        #expect(report.contains("| 1 | Alert when the pool is over 80% | @carol | platform | 2027-01-22 | done | https://github.com/acme/ops/issues/1 |"))
        #expect(try await h.desk.handle.store.pendingOutbox(limit: 100).isEmpty)
        await github.stop()
        try await h.stop()
    }

    @Test("Declaring a P2 or a P3 files one ticket for the incident; a P0 or P1 none", arguments: [("p2", 1), ("p3", 1), ("p1", 0), ("p0", 0)])
    func declaringAP2OrP3FilesOneTicket(severity: String, tickets: Int) async throws {
        let github = try await FakeGitHubAPI.start()
        let h = try await DeliveryHarness.start(github: github)
        try await h.desk.say("\(severity) OCR stuck", at: 0)
        await h.drain()
        #expect(github.issues.count == tickets)
        if tickets == 1 {
            #expect(github.issues.first?.title == "[\(severity.uppercased()) #1] OCR stuck")
            #expect(github.issues.first?.labels == ["incident-1", "severity:\(severity)"])
            #expect(try await Self.incident(h).review.ticketURL == "https://github.com/acme/ops/issues/1")
        }
        await github.stop()
        try await h.stop()
    }

    @Test("After a crash in the middle of creating the issues, each is filed exactly once")
    func afterACrashMidCreationEachIssueIsFiledExactlyOnce() async throws {
        let directory = NSTemporaryDirectory() + "klaxon-tickets-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let github = try await FakeGitHubAPI.start()
        let first = try await DeliveryHarness.start(directory: directory, github: github)
        try await first.desk.say("p0 Uploads failing", at: 0)
        try await first.desk.say("action me Alert on pool saturation", at: 1)
        try await first.desk.say("action me Move the batch job", at: 1)
        // A worker takes the first ticket, GitHub creates it, and the process dies before the outbox hears of it.
        let store = first.desk.handle.store
        let ticket = try #require(try await store.pendingOutbox(limit: 100).first { $0.transport == .github })
        #expect(try await store.claimDelivery(ticket.id, owner: "the worker that died", now: first.desk.clock.now, until: first.desk.clock.now.addingTimeInterval(60)))
        _ = try await GitHubIssuesAPI(baseURL: github.baseURL, repository: "acme/ops", token: "ghp-test-token").create(
            title: "[#1] Alert on pool saturation", body: "…\n\n<!-- klaxon-ticket: incident-1/action-1 -->", labels: ["incident-1"], now: first.desk.clock.now
        )
        try await first.stop()

        let second = try await DeliveryHarness.start(directory: directory, clock: first.desk.clock, github: github)
        await second.drain()
        #expect(github.issues.count == 1, "the dead worker's claim still holds the first ticket, and the lane waits behind it")
        second.desk.clock.advance(minutes: 1.01)
        await second.drain()
        #expect(github.issues.map(\.title) == ["[#1] Alert on pool saturation", "[#1] Move the batch job"])
        #expect(try await Self.incident(second).review.actions.map(\.ticketURL) == [
            "https://github.com/acme/ops/issues/1", "https://github.com/acme/ops/issues/2",
        ])
        #expect(try await second.desk.handle.store.pendingOutbox(limit: 100).isEmpty)
        await github.stop()
        try await second.stop()
    }

    @Test("A retry after GitHub created the issue but the answer was lost finds it instead of filing it again")
    func aRetryAfterALostAnswerFindsTheIssue() async throws {
        let github = try await FakeGitHubAPI.start()
        let h = try await DeliveryHarness.start(github: github)
        github.script([.createThenFail])
        try await h.desk.say("p0 Uploads failing", at: 0)
        try await h.desk.say("action me Alert on pool saturation", at: 1)
        let next = try #require(await h.drain())
        #expect(github.issues.count == 1)
        h.desk.clock.advance(to: next)
        await h.drain()
        #expect(github.issues.count == 1)
        #expect(try await Self.incident(h).review.actions.first?.ticketURL == "https://github.com/acme/ops/issues/1")
        await github.stop()
        try await h.stop()
    }

    @Test("GitHub's rate limit (403, no requests left) waits exactly until x-ratelimit-reset, then files the issue")
    func aRateLimitWaitsUntilTheReset() async throws {
        let github = try await FakeGitHubAPI.start()
        let h = try await DeliveryHarness.start(github: github)
        let reset = Int(DeskHarness.start.timeIntervalSince1970) + 60 + 120
        github.script([.status(403, headers: ["x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset)])])
        try await h.desk.say("p0 Uploads failing", at: 0)
        try await h.desk.say("action me Alert on pool saturation", at: 1)
        let next = await h.drain()
        #expect(next == Date(timeIntervalSince1970: TimeInterval(reset)))
        #expect(github.issues.isEmpty)
        h.desk.clock.advance(to: Date(timeIntervalSince1970: TimeInterval(reset)))
        await h.drain()
        #expect(github.issues.count == 1)
        await github.stop()
        try await h.stop()
    }

    @Test("A 5xx is retried with backoff; a 422 is given up for good and recorded in the timeline", arguments: [503, 422])
    func serverErrorsAreRetriedAndRefusalsGivenUp(status: Int) async throws {
        let github = try await FakeGitHubAPI.start()
        let h = try await DeliveryHarness.start(github: github)
        github.script([.status(status)])
        try await h.desk.say("p0 Uploads failing", at: 0)
        try await h.desk.say("action me Alert on pool saturation", at: 1)
        await h.drain()
        h.desk.clock.advance(minutes: 2)
        await h.drain()
        let incident = try await Self.incident(h)
        if status == 503 {
            #expect(github.issues.count == 1)
            #expect(incident.deliveryProblems[.github] == nil)
        } else {
            #expect(github.issues.isEmpty)
            #expect(incident.deliveryProblems[.github] != nil)
            #expect(github.requests.filter { $0.hasPrefix("POST") }.count == 1)
        }
        await github.stop()
        try await h.stop()
    }
}
