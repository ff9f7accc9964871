import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Testing

/// The playbook's clock, driven minute by minute with a manual clock through the real desk and store.
@Suite struct TimekeeperTests {
    typealias Sent = DeskHarness.Sent
    let bob = Participant(platform: .slack, id: "UBOB")
    let ann = Participant(platform: .slack, id: "UANN")

    private func summary(_ sent: [Sent]) -> [String] {
        sent.map { "\($0.minute) \($0.kind.rawValue)" + ($0.rule.map { " \($0)" } ?? "") + ($0.offer.map { " +\($0.rawValue)" } ?? "") }
    }

    @Test func aWholeP0FiresEveryRuleOnTimeAndOnce() async throws {
        let h = try await DeskHarness()
        try await h.say("p0 Uploads failing for everyone --public", at: 0)
        try await h.say("commander <@UBOB|bob>", at: 2)
        try await h.say("scope All uploads, all regions", as: "UBOB", at: 3)
        await h.run(until: 70)
        for item in ["multiple-clients", "monitoring-stable", "customer-confirmed", "smoke-tests"] {
            try await h.say("check \(item)", as: "UBOB")
        }
        try await h.say("resolve Pool size raised", as: "UBOB")
        await h.run(until: 7 * 60)
        try await h.say("review schedule tomorrow 10:00", as: "UBOB")
        await h.run(until: 48 * 60)

        #expect(summary(h.messages()) == [
            // The second alert and resolution are the team's email about a public incident; the public changes are
            // Statuspage's (sent only when it is configured).
            "0 initial_alert", "0 escalation p0-all-hands", "0 initial_alert", "0 public_page_changed",
            "2 commander_assigned",
            "3 scope_set",
            "15 nudge_update_due", "15 checklist_overdue",
            "30 nudge_update_due +update_30_minutes", "30 escalation p0-user-facing-ceo", "30 escalation p0-internal-email",
            "45 nudge_update_due",
            "60 nudge_update_due +update_60_minutes", "60 escalation p0-over-one-hour", "60 escalation p0-customer-email +customer_email",
            "60 recovery_target_missed",
            "70 checklist_checked", "70 checklist_checked", "70 checklist_checked", "70 checklist_checked", "70 resolution", "70 resolution", "70 public_page_changed",
            "130 review_reminder", "370 review_reminder",
            "420 review_scheduled",
        ])
        let nudges = h.messages().filter { $0.kind == .nudgeUpdateDue }
        #expect(nudges.allSatisfy { $0.audience == [.person(bob)] })
        let email = h.messages().first { $0.rule == "p0-internal-email" }
        #expect(email?.destination == .email("team-email"))
        try await h.close()
    }

    @Test func aP0WithoutACommanderIsFlaggedAtFiveMinutesToTheDeclarerAndOnCall() async throws {
        let h = try await DeskHarness()
        try await h.say("p0 Database down", at: 0)
        await h.run(until: 14)
        let flagged = h.messages().filter { $0.kind == .commanderMissing }
        #expect(flagged.map(\.minute) == [5])
        #expect(flagged.first?.audience == [.person(ann), .role("on-call-lead")])
        try await h.close()
    }

    @Test func anUpdateAtFourteenMinutesMovesTheNudgeToTwentyNine() async throws {
        let h = try await DeskHarness()
        try await h.say("p0 Database down", at: 0)
        try await h.say("commander me", at: 1)
        try await h.say("update Failing over", at: 14)
        await h.run(until: 44)
        #expect(h.messages().filter { $0.kind == .nudgeUpdateDue }.map(\.minute) == [29, 44])
        try await h.close()
    }

    @Test func aStatusChangeWithANoteCountsAsAnUpdateButWithoutOneDoesNot() async throws {
        let h = try await DeskHarness()
        try await h.say("p1 Payments broken", at: 0)
        try await h.say("status identified", at: 10)
        try await h.say("status monitoring Fix deployed", at: 20)
        await h.run(until: 55)
        #expect(h.messages().filter { $0.kind == .nudgeUpdateDue }.map(\.minute) == [50])
        try await h.close()
    }

    @Test func escalatingAP2ToP0AppliesTheTighterCadenceFromThatMoment() async throws {
        let h = try await DeskHarness()
        try await h.say("p2 OCR not processing --public", at: 0)
        try await h.say("severity p0 Now uploads fail too", at: 40)
        await h.run(until: 71)
        let from40 = h.messages(from: 40)
        #expect(summary(from40).prefix(2) == ["40 severity_changed", "40 escalation p0-all-hands"])
        #expect(from40.first?.audience == [.channel])
        #expect(from40.filter { $0.kind == .nudgeUpdateDue }.map(\.minute) == [55, 70])
        // Severity timers count from the change; the recovery target from declaration, so P0's 1 h has passed.
        #expect(from40.filter { $0.kind == .recoveryTargetMissed }.map(\.minute) == [60])
        #expect(from40.filter { $0.rule == "p0-user-facing-ceo" }.map(\.minute) == [70])
        try await h.close()
    }

    @Test func downgradingToP3StopsTheNudges() async throws {
        let h = try await DeskHarness()
        try await h.say("p1 Downloads broken", at: 0)
        try await h.say("severity p3 Only one customer affected", at: 10)
        await h.run(until: 6 * 60)
        #expect(h.messages().filter { $0.kind == .nudgeUpdateDue }.isEmpty)
        #expect(await h.desk.nextDue() == nil)
        try await h.close()
    }

    @Test func resolvingCancelsEverythingButTheReviewReminder() async throws {
        let h = try await DeskHarness()
        try await h.say("p0 Database down", at: 0)
        try await h.say("resolve Restarted --force false alarm", at: 3)
        await h.run(until: 3 * 60)
        #expect(summary(h.messages(from: 3)) == ["3 resolution", "63 review_reminder"])
        try await h.close()
    }

    @Test(arguments: [(Severity.p1, [120 + 5]), (.p2, [240 + 5]), (.p3, [])])
    func lowerSeveritiesGetOneReviewReminderOrNone(severity: Severity, expected: [Int]) async throws {
        let h = try await DeskHarness()
        try await h.say("\(severity.rawValue) Something broke --public", at: 0)
        try await h.say("resolve Fixed --force verified by hand", at: 5)
        await h.run(until: 48 * 60)
        #expect(h.messages().filter { $0.kind == .reviewReminder }.map(\.minute) == expected)
        try await h.close()
    }

    /// A P0 declared at 00:00 with a commander at 00:01, its server running until `stop` and started again at
    /// `restart` (minutes) on the same database; `body` gets the first run's messages and the restarted desk.
    private func restarted(stop: Double, restart: Double, _ body: ([DeskHarness.Sent], DeskHarness) async throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "klaxon-timer-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualWallClock(DeskHarness.start)
        let first = try await DeskHarness(directory: directory, clock: clock)
        try await first.say("p0 Database down", at: 0)
        try await first.say("commander me", at: 1)
        await first.run(until: stop)
        let before = first.messages()
        try await first.close()
        clock.advance(to: DeskHarness.start.addingTimeInterval(restart * 60))
        let second = try await DeskHarness(directory: directory, clock: clock)
        await second.desk.fireDue()
        try await body(before, second)
        try await second.close()
    }

    @Test func aRestartFiresOneCatchUpNudgeThenTheNormalCadence() async throws {
        // Down from 00:20 to 00:40: the 00:30 nudge was missed.
        try await restarted(stop: 20, restart: 40) { before, second in
            #expect(before.filter { $0.kind == .nudgeUpdateDue }.map(\.minute) == [15])
            #expect(summary(second.messages()) == [
                "40 nudge_update_due +update_30_minutes", "40 escalation p0-internal-email",
            ])
            await second.run(until: 61)
            #expect(second.messages(from: 41).filter { $0.kind == .nudgeUpdateDue }.map(\.minute) == [45, 60])
        }
    }

    @Test func aCatchUpMomentsBeforeTheNextNudgeStandsForIt() async throws {
        // Down from 00:10 to 00:29:24, missing the 00:15 nudge: the catch-up fires 36 s before the 00:30 one would.
        try await restarted(stop: 10, restart: 29.4) { _, second in
            await second.run(until: 46)
            // Whole minutes: 00:29:24 reads 29. Not nudged again at 00:30.
            #expect(second.messages().filter { $0.kind == .nudgeUpdateDue }.map(\.minute) == [29, 45])
        }
    }

    @Test func twoSchedulersOnOneDatabaseFireEachActionOnce() async throws {
        try await DeskHarness.replicas { a, b in
            try await a.say("p0 Database down", at: 0)
            try await a.say("commander me", at: 1)
            a.clock.advance(to: DeskHarness.start.addingTimeInterval(15 * 60))
            async let firedA = a.desk.fireDue()
            async let firedB = b.desk.fireDue()
            let total = await firedA + firedB
            #expect(total == 1)
            let nudges = (a.messages() + b.messages()).filter { $0.kind == .nudgeUpdateDue }
            #expect(nudges.count == 1)
            let incident = try #require(try await a.handle.store.incident(IncidentID(1)))
            let fired = incident.timeline.filter { if case .timerFired(.updateDue) = $0.change { true } else { false } }
            #expect(fired.count == 1)
            let outbox = try await a.handle.store.pendingOutbox(limit: 100).filter { $0.notice.kind == .nudgeUpdateDue }
            #expect(outbox.count == 1)
        }
    }
}
