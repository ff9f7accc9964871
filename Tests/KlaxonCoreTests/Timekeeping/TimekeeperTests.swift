import Foundation
import KlaxonCore
import Testing

@Suite("Timekeeper")
struct TimekeeperTests {
    let keeper = Timekeeper(policy: TestPolicy.playbook)

    /// Pending timers with when they are due, in minutes after the declaration.
    func schedule(_ incident: Incident) -> [Scheduled] {
        keeper.pending(incident).map { Scheduled(minute: Int($0.at.timeIntervalSince(Fixture.declaredAt)) / 60, timer: $0.timer) }
    }

    struct Scheduled: Equatable {
        let minute: Int
        let timer: IncidentTimer
    }

    @Test("A new P0 is due an update at 15 minutes, a commander at 5, its checklist at 15, escalations at 30 and 60, recovery at 60")
    func aNewP0FollowsThePlaybooksClock() {
        let incident = Fixture.incident(.p0, publicFacing: true)
        #expect(schedule(incident) == [
            Scheduled(minute: 15, timer: .updateDue(anchor: Fixture.declaredAt, slot: 1)),
            Scheduled(minute: 5, timer: .commanderMissing),
            Scheduled(minute: 15, timer: .checklistOverdue(
                checklist: "declare", missing: ["scope-determined", "commander-assigned", "initial-update-posted"])),
            Scheduled(minute: 30, timer: .escalation(rule: "p0-user-facing-ceo")),
            Scheduled(minute: 30, timer: .escalation(rule: "p0-internal-email")),
            Scheduled(minute: 60, timer: .escalation(rule: "p0-over-one-hour")),
            Scheduled(minute: 60, timer: .escalation(rule: "p0-customer-email")),
            Scheduled(minute: 60, timer: .recoveryTargetMissed(severity: .p0)),
        ])
        #expect(keeper.nextDue(incident) == Fixture.at(minutes: 5))
    }

    @Test("The update cadence and recovery target follow the severity", arguments: [
        (Severity.p1, false, [Optional(30), 240]), (.p2, true, [120, 1440]), (.p2, false, [nil, 1440]), (.p3, true, [nil, nil]),
    ])
    func theUpdateCadenceAndRecoveryTargetFollowTheSeverity(severity: Severity, publicFacing: Bool, minutes: [Int?]) {
        let pending = keeper.pending(Fixture.incident(severity, publicFacing: publicFacing))
        let update = pending.first { if case .updateDue = $0.timer { true } else { false } }
        let recovery = pending.first { if case .recoveryTargetMissed = $0.timer { true } else { false } }
        #expect(update?.at == minutes[0].map(Fixture.at(minutes:)))
        #expect(recovery?.at == minutes[1].map(Fixture.at(minutes:)))
    }

    @Test("A P3 has nothing on the clock")
    func aP3HasNothingOnTheClock() {
        let incident = Fixture.incident(.p3)
        #expect(keeper.pending(incident).isEmpty)
        #expect(keeper.nextDue(incident) == nil)
    }

    @Test("An update restarts the cadence; a commander, scope and update clear the P0 deadlines")
    func anUpdateRestartsTheCadenceAndTheDeadlinesClear() {
        let incident = Fixture.incident(.p0, then: [.commanderAssigned(Fixture.bob), .scopeSet(text: "EU"), .updatePosted(text: "Looking")])
        #expect(schedule(incident) == [
            Scheduled(minute: 18, timer: .updateDue(anchor: Fixture.at(minutes: 3), slot: 1)),
            Scheduled(minute: 30, timer: .escalation(rule: "p0-internal-email")),
            Scheduled(minute: 60, timer: .escalation(rule: "p0-over-one-hour")),
            Scheduled(minute: 60, timer: .recoveryTargetMissed(severity: .p0)),
        ])
    }

    @Test("Escalating to P0 starts the P0 clocks from the escalation, and recovery from declaration")
    func escalatingToP0StartsTheP0ClocksFromTheEscalation() {
        let incident = Fixture.incident(.p1, then: [.severityChanged(from: .p1, to: .p0, reason: nil)])
        let pending = keeper.pending(incident)
        #expect(pending.first { $0.timer == .commanderMissing }?.at == Fixture.at(minutes: 6))
        #expect(pending.first { $0.timer == .updateDue(anchor: Fixture.at(minutes: 1), slot: 1) }?.at == Fixture.at(minutes: 16))
        #expect(pending.first { $0.timer == .escalation(rule: "p0-internal-email") }?.at == Fixture.at(minutes: 31))
        #expect(pending.first { $0.timer == .recoveryTargetMissed(severity: .p0) }?.at == Fixture.at(minutes: 60))
    }

    @Test("A one-off timer that fired is not pending again")
    func aOneOffTimerThatFiredIsNotPendingAgain() {
        let incident = Fixture.incident(.p0, then: [.timerFired(.commanderMissing), .timerFired(.escalation(rule: "p0-internal-email"))])
        let timers = keeper.pending(incident).map(\.timer)
        #expect(!timers.contains(.commanderMissing))
        #expect(!timers.contains(.escalation(rule: "p0-internal-email")))
        #expect(timers.contains(.escalation(rule: "p0-over-one-hour")))
    }

    @Test("A fired update nudge moves the next one a cadence on")
    func aFiredUpdateNudgeMovesTheNextOneACadenceOn() {
        let incident = Fixture.incident(.p1, then: [.timerFired(.updateDue(anchor: Fixture.declaredAt, slot: 1))])
        #expect(keeper.pending(incident).first?.timer == .updateDue(anchor: Fixture.declaredAt, slot: 2))
        #expect(keeper.pending(incident).first?.at == Fixture.at(minutes: 60))
    }

    @Test("Timers due are those at or before now, and missed update intervals fire once, in the current slot (or the next, when it is moments away)", arguments: [
        (29, 0), (30, 1), (53, 1), (55, 2), (59, 2), (60, 2), (100, 3),
    ])
    func missedUpdateIntervalsFireOnceInTheCurrentSlot(minutes: Int, slot: Int) {
        // A P1 is due an update every 30 minutes and has nothing else on the clock for four hours.
        let due = keeper.due(Fixture.incident(.p1), at: Fixture.at(minutes: minutes))
        let expected: [IncidentTimer] = slot == 0 ? [] : [.updateDue(anchor: Fixture.declaredAt, slot: slot)]
        #expect(due == expected)
    }

    /// Minutes from the fixture's declaration to an ISO 8601 time.
    static func minutes(to iso: String) -> Int {
        Int(ISO8601DateFormatter().date(from: iso)!.timeIntervalSince(Fixture.declaredAt) / 60)
    }

    @Test("A resolved incident is reminded to schedule its review until it is scheduled, and watched until it is closed", arguments: [
        (Severity.p0, [IncidentChange](), [61], true),
        (.p0, [.timerFired(.reviewReminder(slot: 1))], [301], true),
        (.p0, [.timerFired(.reviewReminder(slot: 1)), .timerFired(.reviewReminder(slot: 2))], [541], true),
        // Scheduled: no more reminders, but watched until it is closed, so the review's commands find it without an id.
        // Still open a day after it was to be held, it is reported once: in words, the 24-hour window's end counts.
        (.p0, [.reviewScheduled(when: "Friday")], [1 + 1_440 + 1_440], true),
        (.p0, [.reviewScheduled(when: "2026-11-30 10:00")], [Self.minutes(to: "2026-12-01T10:00:00Z")], true),
        (.p0, [.reviewScheduled(when: "Friday"), .timerFired(.reviewOverdue)], [], true),
        // A P1's review has no window: one scheduled in words is left to the team.
        (.p1, [.reviewScheduled(when: "Friday")], [], true),
        (.p1, [.reviewScheduled(when: "2026-11-30 10:00 +01:00")], [Self.minutes(to: "2026-12-01T09:00:00Z")], true),
        // Closed without a scheduled meeting (met at once, or forced): nothing is left to remind anyone of.
        (.p0, [.reviewClosed(forcedReason: "Met in person")], [], false),
        (.p0, [.timerFired(.reviewReminder(slot: 1)), .reviewClosed(forcedReason: nil)], [], false),
        (.p1, [], [121], true),
        // No more reminders, but still watched so `/incident review schedule` without an id finds it.
        (.p1, [.timerFired(.reviewReminder(slot: 1))], [], true),
        (.p2, [], [241], true),
        (.p3, [], [], false),
    ])
    func aResolvedIncidentIsRemindedToScheduleItsReview(severity: Severity, after: [IncidentChange], reminders: [Int], tracked: Bool) {
        // Resolved at minute 1 (the first change); reminders are counted from then.
        let incident = Fixture.incident(severity, then: [.resolved(summary: "Fixed", forcedReason: "test")] + after)
        #expect(keeper.pending(incident).map(\.at) == reminders.map(Fixture.at(minutes:)))
        #expect(keeper.isTracked(incident) == tracked)
    }

    @Test("Firing timers records them as the bot's own events at the time given")
    func firingTimersRecordsThemAsTheBotsOwnEvents() {
        let now = Fixture.at(minutes: 15)
        let events = IncidentDecider(policy: TestPolicy.playbook).fire([.commanderMissing, .updateDue(anchor: Fixture.declaredAt, slot: 1)], at: now)
        #expect(events == [
            IncidentEvent(at: now, actor: nil, change: .timerFired(.commanderMissing)),
            IncidentEvent(at: now, actor: nil, change: .timerFired(.updateDue(anchor: Fixture.declaredAt, slot: 1))),
        ])
    }
}
