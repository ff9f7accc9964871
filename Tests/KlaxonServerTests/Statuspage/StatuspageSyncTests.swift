import Foundation
import KlaxonCore
import KlaxonServer
import Testing

/// Public incidents copied to Atlassian Statuspage through the outbox, against a fake Statuspage API on loopback.
@Suite("Statuspage sync")
struct StatuspageSyncTests {
    typealias Fields = FakeStatuspageAPI.Fields

    static let investigating = "We are investigating reports of a problem and will post an update soon."
    static let uploadsDown = ["spuploads": "major_outage"]

    @Test("A public P0 is created on Statuspage when declared, updated on each change, and resolved with its components operational")
    func aPublicP0FollowsTheIncidentToResolution() async throws {
        let rig = try await StatuspageRig.start()
        for (minute, command) in [
            "p0 Uploads failing for everyone --public", "affects uploads", "update --public Uploads fail for all customers; we are on it",
            "status identified --public We found the cause", "eta 30m", "status monitoring",
            "resolve Pool raised --force customer confirmation pending",
        ].enumerated() {
            try await rig.say(command, at: Double(minute))
            await rig.drain()
        }
        // Looked for once before creating, then every change updates the one incident.
        #expect(rig.api.received.map(\.line) == ["GET", "POST"] + Array(repeating: "PATCH sp1", count: 6))
        let expected: [(status: String, impact: String?, body: String?, components: [String: String]?)] = [
            // No components named yet: a P0's impact is critical from the start.
            ("investigating", "critical", Self.investigating, nil),
            ("investigating", "critical", nil, Self.uploadsDown),
            ("investigating", "critical", "Uploads fail for all customers; we are on it", Self.uploadsDown),
            ("identified", "critical", "We found the cause", Self.uploadsDown),
            // Statuspage has no ETA field: a new ETA is an update of its own, and a line of the later ones.
            ("identified", "critical", "Expected fix by 2027-01-15 08:34 UTC.", Self.uploadsDown),
            ("monitoring", "critical", "A fix is in place and we are monitoring the results.\n\nExpected fix by 2027-01-15 08:34 UTC.", Self.uploadsDown),
            ("resolved", nil, "This incident has been resolved.", ["spuploads": "operational"]),
        ]
        let sent = rig.api.changes.compactMap(\.fields)
        #expect(sent.count == expected.count)
        for (fields, row) in zip(sent, expected) {
            #expect(fields.name == "Uploads failing for everyone")
            #expect(fields.status == row.status)
            #expect(fields.impact_override == row.impact)
            #expect(fields.body == row.body)
            #expect(fields.components == row.components)
            #expect(fields.component_ids == row.components.map { Array($0.keys) })
            #expect(fields.metadata?["klaxon"]?["incident"] == "1")
        }
        #expect(rig.api.incidents.map(\.status) == ["resolved"])
        #expect(try await rig.incident()?.statuspageIncident == "sp1")
        #expect(Set(rig.api.received.map(\.authorization)) == ["OAuth \(StatuspageRig.key)"])
        // Paced: never two requests within a second of each other.
        let times = rig.api.received.map(\.at)
        #expect(zip(times.dropFirst(), times).allSatisfy { $0.timeIntervalSince($1) >= 1 })
        try await rig.stop()
    }

    @Test("A reopened public incident goes back to investigating on Statuspage, its components affected again, in the same incident there")
    func aReopenedIncidentIsInvestigatedAgainOnStatuspage() async throws {
        let rig = try await StatuspageRig.start()
        for (minute, command) in ["p1 Uploads failing --public", "affects uploads major", "resolve Rolled back --force verified by hand",
                                  "reopen Uploads failing again"].enumerated() {
            try await rig.say(command, at: Double(minute))
            await rig.drain()
        }
        #expect(rig.api.received.map(\.line) == ["GET", "POST"] + Array(repeating: "PATCH sp1", count: 3))
        let last = try #require(rig.api.changes.last?.fields)
        #expect(last.status == "investigating")
        #expect(last.components == Self.uploadsDown)
        #expect(rig.api.incidents.map(\.status) == ["investigating"])
        try await rig.stop()
    }

    @Test("Internal updates, notes, names and the resolution summary never reach Statuspage")
    func internalTextNeverReachesStatuspage() async throws {
        let marker = "ZQXMARKER"
        let rig = try await StatuspageRig.start()
        try await rig.say("p0 Uploads failing --public", at: 0)
        for command in [
            "update Internal \(marker) update", "scope All \(marker) users", "commander <@U0\(marker)|carol\(marker)>",
            "note Private \(marker) note", "affects uploads", "status identified Internal \(marker) note",
            "update --public Customers may see failed uploads", "resolve Fixed \(marker) --force \(marker) reason",
        ] {
            try await rig.say(command)
            await rig.drain()
        }
        #expect(rig.api.changes.count >= 4, "the public changes were sent")
        for request in rig.api.received {
            #expect(!request.raw.contains(marker), "\(request.method) \(request.path) carries internal text")
            #expect(!request.raw.lowercased().contains("carol"), "\(request.method) \(request.path) carries a name")
        }
        try await rig.stop()
    }

    @Test("Changes made while Statuspage limits the rate wait for Retry-After, then go as one PATCH with the latest state and every public text")
    func changesQueuedWhileLimitedBecomeOnePatch() async throws {
        let rig = try await StatuspageRig.start()
        try await rig.say("p0 Uploads failing --public", at: 0)
        await rig.drain()
        rig.api.script([.status(429, headers: ["Retry-After": "30"])])
        try await rig.say("affects uploads", at: 1)
        let next = await rig.drain()
        #expect(next == DeskHarness.start.addingTimeInterval(60 + 30))
        for command in ["update --public First text", "status identified --public Second text", "affects downloads partial"] {
            try await rig.say(command)
        }
        #expect(await rig.drain() == next, "nothing goes before the wait is over")
        #expect(rig.api.changes.count == 2)
        rig.h.desk.clock.advance(to: try #require(next))
        await rig.drain()
        #expect(rig.api.changes.map(\.line) == ["POST", "PATCH sp1", "PATCH sp1"])
        let last = try #require(rig.api.changes.last?.fields)
        #expect(last.status == "identified")
        #expect(last.body == "First text\n\nSecond text")
        #expect(last.components == ["spuploads": "major_outage", "spdownloads": "partial_outage"])
        // Subscribers get every text the coalesced changes posted, oldest first, as one update.
        #expect(rig.api.incidents.first?.updates == [Self.investigating, "First text\n\nSecond text"])
        #expect(try await rig.h.desk.handle.store.pendingOutbox(limit: 100).isEmpty)
        try await rig.stop()
    }

    @Test("A rate limit met by one incident makes another incident's first request on the same key wait for Retry-After too")
    func aRateLimitHoldsEveryLaneOnTheKey() async throws {
        let rig = try await StatuspageRig.start()
        try await rig.say("p0 Uploads failing --public", at: 0)
        await rig.drain()
        rig.api.script([.status(429, headers: ["Retry-After": "30"])])
        try await rig.say("affects uploads", at: 1)
        await rig.drain()
        let limited = try #require(rig.api.received.last)
        #expect(limited.line == "PATCH sp1")
        try await rig.say("p1 Downloads slow --public")
        await rig.drain()
        let next = try #require(rig.api.received.dropFirst(3).first)
        #expect(rig.api.received.map(\.line) == ["GET", "POST", "PATCH sp1", "GET", "POST"], "the second incident is looked up, then created")
        #expect(next.at.timeIntervalSince(limited.at) >= 30)
        try await rig.stop()
    }

    /// One way Statuspage can refuse the first request, and what Klaxon must do about it.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let status: Int
        let headers: [String: String]
        /// Seconds until the retry; `nil`: given up and announced.
        let retryAfter: TimeInterval?

        var testDescription: String { "HTTP \(status)" }
    }

    @Test("A rate limit waits for Retry-After and a 5xx backs off, then the incident is created; a 401 or 404 is given up and announced in chat", arguments: [
        Refusal(status: 429, headers: ["Retry-After": "7"], retryAfter: 7),
        Refusal(status: 420, headers: [:], retryAfter: 1),
        Refusal(status: 500, headers: [:], retryAfter: 2),
        Refusal(status: 503, headers: [:], retryAfter: 2),
        Refusal(status: 401, headers: [:], retryAfter: nil),
        Refusal(status: 404, headers: [:], retryAfter: nil),
    ])
    func refusalsAreRetriedOrAnnounced(_ refusal: Refusal) async throws {
        let rig = try await StatuspageRig.start()
        rig.api.script([.status(refusal.status, headers: refusal.headers)])
        try await rig.say("p0 Uploads failing --public", at: 0)
        let next = await rig.drain()
        #expect(rig.api.incidents.isEmpty)
        let incident = try #require(try await rig.incident())
        if let retryAfter = refusal.retryAfter {
            #expect(next == DeskHarness.start.addingTimeInterval(retryAfter))
            rig.h.desk.clock.advance(to: try #require(next))
            await rig.drain()
            #expect(rig.api.received.map(\.line) == ["GET", "GET", "POST"])
            #expect(rig.api.incidents.count == 1)
            #expect(try await rig.incident()?.deliveryProblems[.statuspage] == nil)
        } else {
            #expect(incident.deliveryProblems[.statuspage] != nil)
            let announced = rig.h.slack.posts.compactMap(\.text).filter { $0.contains("Statuspage") }
            #expect(!announced.isEmpty, "the failure is announced in the incident's thread")
            #expect(!announced.contains { $0.contains(StatuspageRig.key) }, "the key is never shown")
            #expect(rig.api.received.map(\.line) == ["GET"])
        }
        try await rig.stop()
    }

    @Test("A retry after Statuspage created the incident but the answer was lost finds it by its marker instead of creating another")
    func aRetryAfterALostAnswerFindsTheIncident() async throws {
        let rig = try await StatuspageRig.start()
        rig.api.script([.accept, .doThenFail])
        try await rig.say("p0 Uploads failing --public", at: 0)
        let next = try #require(await rig.drain())
        rig.h.desk.clock.advance(to: next)
        await rig.drain()
        #expect(rig.api.received.map(\.line) == ["GET", "POST", "GET", "PATCH sp1"])
        #expect(rig.api.incidents.count == 1)
        // The text went with the lost create: the retry does not post it again.
        #expect(rig.api.incidents.first?.updates == [Self.investigating])
        #expect(try await rig.incident()?.statuspageIncident == "sp1")
        try await rig.stop()
    }

    @Test("A retried update whose answer was lost does not post its text a second time")
    func aRetriedUpdateDoesNotRepeatItsText() async throws {
        let rig = try await StatuspageRig.start()
        try await rig.say("p0 Uploads failing --public", at: 0)
        await rig.drain()
        rig.api.script([.doThenFail])
        try await rig.say("update --public Uploads fail for all customers", at: 1)
        let next = try #require(await rig.drain())
        rig.h.desk.clock.advance(to: next)
        await rig.drain()
        #expect(rig.api.received.map(\.line) == ["GET", "POST", "PATCH sp1", "GET sp1", "PATCH sp1"])
        #expect(rig.api.changes.last?.fields?.body == nil)
        #expect(rig.api.incidents.first?.updates == [Self.investigating, "Uploads fail for all customers"])
        try await rig.stop()
    }

    @Test("Made private, the incident is deleted on Statuspage; made public again, it gets a new one there")
    func madePrivateTheIncidentIsDeleted() async throws {
        let rig = try await StatuspageRig.start()
        try await rig.say("p1 Downloads slow --public", at: 0)
        await rig.drain()
        try await rig.say("private", at: 1)
        await rig.drain()
        #expect(rig.api.incidents.isEmpty)
        // Unlinked once the DELETE went through, not before: the delete needed no look-up.
        #expect(try await rig.incident()?.statuspageIncident == nil)
        try await rig.say("public", at: 2)
        await rig.drain()
        #expect(rig.api.received.map(\.line) == ["GET", "POST", "DELETE sp1", "GET", "POST"])
        #expect(rig.api.incidents.map(\.id) == ["sp2"])
        #expect(try await rig.incident()?.statuspageIncident == "sp2")
        try await rig.stop()
    }

    @Test("A cleared ETA is an update saying there is no estimate, so the last one does not still promise a time")
    func aClearedETAIsSaid() async throws {
        let rig = try await StatuspageRig.start()
        for (minute, command) in ["p1 Downloads slow --public", "eta 30m", "eta clear"].enumerated() {
            try await rig.say(command, at: Double(minute))
            await rig.drain()
        }
        let bodies = rig.api.changes.compactMap(\.fields).map(\.body)
        #expect(bodies.count == 3)
        #expect(bodies.last == "We no longer have an estimate for the fix; we will update as soon as we do.")
        try await rig.stop()
    }

    @Test("An internal incident sends nothing to Statuspage")
    func anInternalIncidentSendsNothing() async throws {
        let rig = try await StatuspageRig.start()
        try await rig.say("p0 Database failover", at: 0)
        try await rig.say("affects uploads", at: 1)
        try await rig.say("status identified", at: 2)
        await rig.drain()
        #expect(rig.api.received.isEmpty)
        try await rig.stop()
    }
}
