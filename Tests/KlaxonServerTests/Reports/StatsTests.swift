import Foundation
import KlaxonCore
@testable import KlaxonServer
import KlaxonStore
import Testing

@Suite("klaxon stats")
struct StatsTests {
    /// Three incidents played through the desk, whose figures were worked out by hand (minutes from the start):
    /// #1 P0 commander at 4, updates at 10, 30 and 40, impact from 6 min before, mitigated at 50, resolved at 70,
    /// review closed at 130; #2 P0 commander at 20, resolved at 40, review never closed; #3 P1 updated at 25,
    /// resolved at 50.
    static func play(_ desk: DeskHarness) async throws {
        try await desk.say("p0 Uploads failing", at: 0)
        try await desk.say("p0 Login broken", at: 0)
        try await desk.say("p1 Emails delayed", at: 0)
        try await desk.say("commander #1 me", at: 4)
        try await desk.say("update #1 Looking", at: 10)
        try await desk.say("scope #1 All uploads", at: 12)
        try await desk.say("commander #2 me", at: 20)
        try await desk.say("update #3 Fixing", at: 25)
        try await desk.say("update #1 Still looking", at: 30)
        try await desk.say("status #1 identified Pool", at: 40)
        try await desk.say("resolve #2 Restarted --force night", at: 40)
        try await desk.say("started #1 -51m", at: 45)
        try await desk.say("mitigated #1", at: 50)
        try await desk.say("resolve #3 Fixed --force quiet", at: 50)
        try await desk.say("resolve #1 Pool raised --force quiet", at: 70)
        try await desk.say("cause #1 Pool too small", at: 71)
        try await desk.say("action #1 me Alert at 80%", at: 71)
        try await desk.say("review #1 done", at: 130)
    }

    @Test("An incident whose events no longer decode is named as left out of the figures, not silently dropped")
    func anUnreadableIncidentIsNamed() async throws {
        let directory = NSTemporaryDirectory() + "klaxon-stats-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try await DeskHarness.storeWithDamagedIncident(in: directory)
        let handle = try await SQLiteIncidentStore.open(directory: directory, logger: .init(label: "test"))
        let (incidents, unreadable) = try await StoredIncidents.read(handle.store)
        try await handle.close()
        #expect(incidents.map(\.id) == [IncidentID(2)])
        #expect(unreadable == [IncidentID(1)])
    }

    @Test("The stats printed for the stored incidents are the hand-computed figures")
    func theStatsPrintedAreTheHandComputedFigures() async throws {
        let desk = try await DeskHarness()
        try await Self.play(desk)
        let (incidents, unreadable) = try await StoredIncidents.read(desk.handle.store)
        #expect(unreadable.isEmpty)
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil)
        let now = DeskHarness.start.addingTimeInterval(3 * 24 * 3600)
        let table = StatsText.table(IncidentStatistics(incidents, policy: bundle.policy, now: now))
        try await desk.close()
        #expect(incidents.map(\.id.rawValue) == [1, 2, 3])
        #expect(table == """
            severity metric                         count   median      p90
            P0       incidents                      2
            P0       time to declare                1       6 min       6 min
            P0       time to commander              2       4 min       20 min
            P0       time to mitigate               1       50 min      50 min
            P0       time to resolve                2       40 min      1 h 10 min
            P0       update cadence (per incident)  2       37%         71%
            P0       open minutes, updates on time  65/110  59%
            P0       checklist on time              1/2     50%
            P0       review on time                 1/2     50%
            P1       incidents                      1
            P1       time to declare                0       -           -
            P1       time to commander              0       -           -
            P1       time to mitigate               0       -           -
            P1       time to resolve                1       50 min      50 min
            P1       update cadence (per incident)  1       100%        100%
            P1       open minutes, updates on time  50/50   100%
            P1       checklist on time              0/0     -
            P1       review on time                 0/0     -

            """)
    }

    @Test("Open time under ten minutes is shown in seconds beside its percentage, never as 0/0 or 0/1", arguments: [
        (IncidentStatistics.Share(count: 50, yes: 45), "45 s/50 s", "90%"), (.init(count: 59, yes: 59), "59 s/59 s", "100%"),
        (.init(count: 60, yes: 30), "30 s/60 s", "50%"), (.init(count: 599, yes: 0), "0 s/599 s", "0%"),
        (.init(count: 6_600, yes: 3_900), "65/110", "59%"), (.init(count: 0, yes: 0), "0 s/0 s", "-"),
    ])
    func openTimeUnderAMinuteIsInSeconds(share: IncidentStatistics.Share, time: String, percent: String) {
        #expect(StatsText.openTime(share) == time)
        #expect(StatsText.percent(share) == percent)
    }

    @Test("A figure longer than its column still has a space before the next")
    func aLongFigureKeepsASpaceBeforeTheNext() {
        #expect(StatsText.pad(["P0", "open minutes, updates on time", "19 s/19 s", "100%", ""]).hasPrefix("P0       open minutes, updates on time  19 s/19 s 100%"))
        #expect(StatsText.pad(["P0", "checklist on time", "1000/1000", "100%", ""]).hasPrefix("P0       checklist on time              1000/1000 100%"))
        #expect(StatsText.pad(["P0", "incidents", "2", "", ""]).hasPrefix("P0       incidents                      2       "))
    }
}
