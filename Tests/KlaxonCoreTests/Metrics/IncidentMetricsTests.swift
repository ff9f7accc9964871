import Foundation
import KlaxonCore
import Testing

/// Three incidents whose metrics were worked out by hand (minutes after their declaration, TestPolicy's cadences:
/// P0 every 15 min, P1 every 30 min).
enum MetricsFixture {
    static func incident(_ id: Int, _ severity: Severity, _ timeline: [(Double, IncidentChange)]) -> Incident {
        let events = [Fixture.declaration(severity)] + timeline.map { minute, change in
            IncidentEvent(at: Fixture.declaredAt.addingTimeInterval(minute * 60), actor: Fixture.bob, change: change)
        }
        return Incident(id: IncidentID(id), events: events)!
    }

    /// Commander at 4, updates at 10, 30 and 40 (status note), scope at 12, impact from 6 min before the declaration,
    /// mitigated at 50, resolved at 70, review closed at 130. Cadence 15 min from 0, 10, 30, 40: overdue 10–30 for
    /// 5 min, 40–70 for 15 min; 20 of 70 min overdue.
    static let a = incident(1, .p0, [
        (4, .commanderAssigned(Fixture.bob)), (10, .updatePosted(text: "Looking")), (12, .scopeSet(text: "All uploads")),
        (30, .updatePosted(text: "Still looking")), (40, .statusChanged(from: .investigating, to: .identified, note: "Pool")),
        (45, .milestoneSet(.impactStarted, at: Fixture.at(minutes: -6))), (50, .milestoneSet(.mitigated, at: Fixture.at(minutes: 50))),
        (70, .resolved(summary: "Pool raised", forcedReason: nil)), (130, .reviewClosed(forcedReason: nil)),
    ])
    /// Commander only at 20, no update, resolved at 40: 25 of 40 min overdue; checklist late;
    /// review never closed, so late once 24 h have passed.
    static let b = incident(2, .p0, [(20, .commanderAssigned(Fixture.bob)), (40, .resolved(summary: "Restarted", forcedReason: "Night"))])
    /// A P1 updated at 25 and resolved at 50: never overdue; no declare checklist, no review window.
    static let c = incident(3, .p1, [(25, .updatePosted(text: "Fixing")), (50, .resolved(summary: "Fixed", forcedReason: nil))])

    /// Three days after the declarations.
    static let now = Fixture.at(minutes: 3 * 24 * 60)
}

@Suite("Incident metrics")
struct IncidentMetricsTests {
    let policy = TestPolicy.playbook

    @Test("An incident's metrics are the hand-computed ones")
    func anIncidentsMetricsAreTheHandComputedOnes() {
        var expected = IncidentMetrics(MetricsFixture.a, policy: policy, now: MetricsFixture.now)
        #expect(expected.timeToDeclare == 360)
        #expect(expected.timeToCommander == 240)
        #expect(expected.timeToMitigate == 3000)
        #expect(expected.timeToResolve == 4200)
        #expect((expected.cadenceTime, expected.overdueTime) == (4200, 1200))
        #expect(expected.cadenceAdherence == 3000.0 / 4200)
        #expect(expected.checklistOnTime == true)
        #expect(expected.reviewOnTime == true)
        expected = IncidentMetrics(MetricsFixture.b, policy: policy, now: MetricsFixture.now)
        #expect(expected.timeToDeclare == nil)
        #expect(expected.timeToCommander == 1200)
        #expect(expected.timeToMitigate == nil)
        #expect(expected.timeToResolve == 2400)
        #expect((expected.cadenceTime, expected.overdueTime) == (2400, 1500))
        #expect(expected.checklistOnTime == false)
        #expect(expected.reviewOnTime == false)
    }

    @Test("Impact mitigated before the declaration, or begun after it, took no time, never a negative span", arguments: [
        (Milestone.mitigated, -1), (.impactStarted, 2),
    ])
    func milestonesOnTheWrongSideOfTheDeclarationCountAsNoTime(milestone: Milestone, minutes: Int) {
        let incident = Fixture.incident(.p1, then: [.milestoneSet(milestone, at: Fixture.at(minutes: minutes))])
        let metrics = IncidentMetrics(incident, policy: policy, now: Fixture.at(minutes: 10))
        #expect((milestone == .mitigated ? metrics.timeToMitigate : metrics.timeToDeclare) == 0)
        let row = IncidentStatistics([incident], policy: policy, now: Fixture.at(minutes: 10)).rows.first
        #expect((milestone == .mitigated ? row?.timeToMitigate : row?.timeToDeclare)?.median == 0, "the statistics use the same measure")
    }

    @Test("A declare checklist is not late for an incident resolved before its deadline, nor for one still inside it", arguments: [
        // (resolved at minute, now at minute, expected): the P0 declare checklist is due 15 minutes after declaration.
        (Optional(1), 60, Bool?.none), (nil, 10, nil), (nil, 60, false), (Optional(30), 60, false),
    ])
    func aDeclareChecklistIsNotLateBeforeItsDeadline(resolvedAt: Int?, now: Int, expected: Bool?) {
        let resolved: [IncidentChange] = resolvedAt == nil ? [] : [.resolved(summary: "Fixed", forcedReason: "test")]
        var incident = Fixture.incident(.p0)
        for change in resolved { incident = incident.evolved(by: IncidentEvent(at: Fixture.at(minutes: resolvedAt ?? 0), actor: Fixture.alice, change: change)) }
        #expect(IncidentMetrics(incident, policy: policy, now: Fixture.at(minutes: now)).checklistOnTime == expected)
    }

    @Test("A P1 raised to P0 after the checklist's deadline, and flagged for it at the raise, had its checklist late, not on time")
    func aRaisedIncidentFlaggedForItsChecklistWasLate() {
        let incident = MetricsFixture.incident(1, .p1, [
            (40, .severityChanged(from: .p1, to: .p0, reason: "worse")),
            (40, .timerFired(.checklistOverdue(checklist: "declare", missing: ["commander-assigned"]))),
            (65, .resolved(summary: "y", forcedReason: "z")),
        ])
        #expect(IncidentMetrics(incident, policy: policy, now: MetricsFixture.now).checklistOnTime == false)
    }

    @Test("A review not closed yet is neither on time nor late until its window ends")
    func aReviewNotClosedYetIsNeitherOnTimeNorLate() {
        #expect(IncidentMetrics(MetricsFixture.b, policy: policy, now: Fixture.at(minutes: 600)).reviewOnTime == nil)
    }

    @Test("Spans are whole seconds cut down, as the report writes its durations: 47.6 s is 47 s")
    func spansAreWholeSecondsCutDown() {
        let incident = MetricsFixture.incident(1, .p3, [(47.6 / 60, .resolved(summary: "y", forcedReason: nil))])
        #expect(IncidentMetrics(incident, policy: policy, now: MetricsFixture.now).timeToResolve == 47)
    }

    @Test("An update exactly at the end of its interval is on time")
    func anUpdateExactlyAtTheEndOfItsIntervalIsOnTime() {
        let incident = MetricsFixture.incident(1, .p0, [(15, .updatePosted(text: "x")), (20, .resolved(summary: "y", forcedReason: "z"))])
        let metrics = IncidentMetrics(incident, policy: policy, now: MetricsFixture.now)
        #expect((metrics.cadenceTime, metrics.overdueTime) == (1200, 0))
    }

    @Test("Cadence is measured in time: four updates in five minutes earn nothing extra, and an update late by minutes is that many minutes overdue", arguments: [
        // (minutes of the updates, resolved at, reopened at, resolved again at, open minutes, overdue minutes)
        ([2.0, 3, 4, 5], 14.0 / 60, nil as Double?, nil as Double?, 14.0 / 60, 0.0),
        // Overdue 20–52 (32 min), then 85–95 after the reopening at 70 (10 min).
        ([2, 3, 4, 5], 52, 70, 95, 77, 42),
        ([1, 14, 16, 29, 31], 46, nil, nil, 46, 0),
        // The nudged one: due at 35, posted at 42.
        ([6, 20, 42, 50], 58, nil, nil, 58, 7),
    ])
    func cadenceIsMeasuredInTime(updates: [Double], resolved: Double, reopened: Double?, resolvedAgain: Double?, open: Double, overdue: Double) {
        var timeline: [(Double, IncidentChange)] = updates.map { ($0, .updatePosted(text: "u")) }
        timeline.append((resolved, .resolved(summary: "y", forcedReason: "z")))
        if let reopened, let resolvedAgain {
            timeline += [(reopened, .reopened(reason: "back")), (resolvedAgain, .resolved(summary: "y", forcedReason: "z"))]
        }
        let metrics = IncidentMetrics(MetricsFixture.incident(1, .p0, timeline), policy: policy, now: MetricsFixture.now)
        #expect((metrics.cadenceTime, metrics.overdueTime) == (Int(open * 60), Int(overdue * 60)))
    }

    @Test("A P2 made public comes under the page's cadence from then, on the clock the nudges use (not restarted)")
    func aP2MadePublicComesUnderTheCadenceFromThen() {
        // Private P2s need no updates; public ones every 2 h from the last update (here the declaration): due at 120.
        let incident = MetricsFixture.incident(1, .p2, [(60, .madePublic(title: nil)), (200, .resolved(summary: "y", forcedReason: "z"))])
        let metrics = IncidentMetrics(incident, policy: policy, now: MetricsFixture.now)
        #expect((metrics.cadenceTime, metrics.overdueTime) == (140 * 60, 80 * 60))
    }

    @Test("A severity change starts the new severity's cadence afresh")
    func aSeverityChangeStartsTheNewCadenceAfresh() {
        // P1 (30 min) becomes P0 at 20: nothing of the P1 overdue; the P0 clock from 20, overdue 35–55.
        let incident = MetricsFixture.incident(1, .p1, [
            (20, .severityChanged(from: .p1, to: .p0, reason: nil)), (55, .resolved(summary: "y", forcedReason: "z")),
        ])
        let metrics = IncidentMetrics(incident, policy: policy, now: MetricsFixture.now)
        #expect((metrics.cadenceTime, metrics.overdueTime) == (3300, 1200))
    }

    @Test("Statistics per severity are the hand-computed counts, medians and 90th percentiles")
    func statisticsPerSeverityAreTheHandComputedOnes() throws {
        let statistics = IncidentStatistics([MetricsFixture.a, MetricsFixture.b, MetricsFixture.c], policy: policy, now: MetricsFixture.now)
        #expect(statistics.rows.map(\.severity) == [.p0, .p1])
        let p0 = try #require(statistics.rows.first)
        #expect(p0.incidents == 2)
        #expect(p0.timeToDeclare == IncidentStatistics.Spread([360]))
        #expect((p0.timeToCommander.count, p0.timeToCommander.median, p0.timeToCommander.p90) == (2, 240, 1200))
        #expect((p0.timeToResolve.count, p0.timeToResolve.median, p0.timeToResolve.p90) == (2, 2400, 4200))
        #expect((p0.timeToMitigate.count, p0.timeToMitigate.median) == (1, 3000))
        #expect(p0.cadence == IncidentStatistics.Share(count: 6600, yes: 3900))
        #expect((p0.cadencePerIncident.median, p0.cadencePerIncident.p90) == (37, 71))
        #expect(p0.checklistOnTime == IncidentStatistics.Share(count: 2, yes: 1))
        #expect(p0.reviewOnTime == IncidentStatistics.Share(count: 2, yes: 1))
        let p1 = try #require(statistics.rows.last)
        #expect((p1.incidents, p1.timeToResolve.median, p1.timeToCommander.count) == (1, 3000, 0))
        #expect(p1.cadence == IncidentStatistics.Share(count: 3000, yes: 3000))
        #expect(p1.checklistOnTime.count == 0)
    }

    @Test("Percentiles are by nearest rank", arguments: [
        ([5], 5, 5), ([1, 2], 1, 2), ([1, 2, 3], 2, 3), (Array(1...10), 5, 9), (Array(1...11), 6, 10),
    ])
    func percentilesAreByNearestRank(values: [Int], median: Int, p90: Int) {
        let spread = IncidentStatistics.Spread(values.reversed())
        #expect((spread.median, spread.p90) == (median, p90))
    }
}
