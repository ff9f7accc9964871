import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import Testing

@Suite struct TimerFiringTests {
    @Test func aTimerThatCannotBeRecordedIsTriedAgainLaterInsteadOfSpinning() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let clock = ManualWallClock(DeskHarness.start)
        let failing = InterposedStore(base: handle.store) { commit in
            if case .existing = commit.target { throw StoreError.corrupt("disk full") }
        }
        let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let desk = IncidentDesk(store: failing, policy: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil).policy, clock: clock, logger: quiet)
        try await desk.prepare()
        let envelope = CommandEnvelope(
            command: .declare(severity: .p1, title: "Payments failing", kind: .general, publicFacing: false),
            actor: Participant(platform: .slack, id: "UANN"), channel: DeskHarness.channel, requestKey: nil
        )
        _ = try await desk.handle(envelope) { _ in "ok" }
        clock.advance(minutes: 30)
        #expect(await desk.fireDue() == 0)
        // Moved 30 s on: not due again at once (which would spin), and not dropped either.
        #expect(await desk.nextDue() == clock.now.addingTimeInterval(30))
        try await handle.close()
    }

    @Test func reviewRemindersStopAfterTheReviewWindowWithOneOverdueReport() async throws {
        let h = try await DeskHarness()
        try await h.say("p0 Database down", at: 0)
        try await h.say("resolve Restarted --force false alarm", at: 3)
        await h.run(until: 7 * 24 * 60)
        let reminders = h.messages().filter { $0.kind == .reviewReminder }.map(\.minute)
        // Every 4 h from 1 h after resolution while the 24 h window lasts, then the overdue report at 24 h.
        #expect(reminders == [63, 303, 543, 783, 1023, 1263, 1443])
        #expect(await h.desk.nextDue() == nil)
        let incident = try #require(try await h.handle.store.incident(IncidentID(1)))
        #expect(incident.timeline.last?.change == .timerFired(.reviewOverdue))
        // Still findable without an id, so the review can be scheduled late.
        try await h.say("review schedule Monday 10:00", at: 8 * 24 * 60)
        try await h.close()
    }

    @Test func aReviewScheduledInWordsAndNeverClosedIsReportedOnceADayAfterItsWindow() async throws {
        let h = try await DeskHarness()
        try await h.say("p0 Auth down", at: 0)
        try await h.say("resolve Restarted --force false alarm", at: 3)
        try await h.say("review schedule sometime next month", at: 10)
        await h.run(until: 30 * 24 * 60)
        // The 24 h window ends at minute 1,443; a day later the review is still open.
        #expect(h.messages().filter { $0.kind == .reviewReminder }.map(\.minute) == [2_883])
        #expect(await h.desk.nextDue() == nil)
        try await h.close()
    }

    @Test func anIncidentWhoseEventsCannotBeReadIsQuarantinedAndTheRestCarriesOn() async throws {
        let directory = NSTemporaryDirectory() + "klaxon-quarantine-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = try await DeskHarness.storeWithDamagedIncident(in: directory)

        // Starts, and forces a fresh look at every watched incident (as after a policy change).
        let second = try await DeskHarness(directory: directory, clock: clock)
        try await second.handle.store.requestReindex()
        try await second.desk.prepare()
        #expect(try await second.handle.store.quarantined().map(\.0) == [IncidentID(1)])
        let refused = try await second.reply("update #1 still failing", at: 2)
        #expect(refused.contains("cannot be read"))
        try await second.say("update #2 queue drained", at: 2)
        try await second.close()
    }
}
