import Foundation
import KlaxonCore
import KlaxonServer
import Testing

/// The dry run goes through the real desk and timekeeper, so its output pins the exact messages and their times.
@Suite struct PolicySimulatorTests {
    @Test func aPublicP0ResolvedAfterSeventyMinutesSendsExactlyThePlaybooksMessages() async throws {
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil)
        let scenario = PolicySimulator.Scenario(
            severity: .p0, publicFacing: true, commanderAfter: .minutes(3), resolveAfter: .minutes(70), duration: .hours(8)
        )
        let lines = try await PolicySimulator(bundle: bundle).run(scenario).map(\.description)
        #expect(lines == [
            #"T+00:00  #incidents  @channel  *[P0 INCIDENT] Service is down - Simulated incident* - @channel"#,
            #"T+00:00  #incidents  @engineers @cto @engineering-lead  Escalating #1 Simulated incident (P0) to @engineers, @cto, @engineering-lead"#,
            #"T+00:00  email:team-email  @team-email  *[P0 INCIDENT] Service is down - Simulated incident*"#,
            #"T+00:03  #incidents  @commander  @commander is incident commander for #1 Simulated incident."#,
            #"T+00:15  #incidents  @commander  @commander an update on #1 Simulated incident is due now: no update for 15 min."#,
            #"T+00:15  #incidents  @commander  @commander #1 is 15 min old and "By 15 minutes" isn't done. Still open:"#,
            #"T+00:30  #incidents  @commander  @commander an update on #1 Simulated incident is 15 min overdue: no update for 30 min (2 intervals of 15 minutes)."#,
            #"T+00:30  #incidents  @ceo  Escalating #1 Simulated incident (P0) to @ceo"#,
            #"T+00:30  email:team-email  @team-email  Escalating #1 Simulated incident (P0) to @team-email"#,
            #"T+00:45  #incidents  @commander  @commander an update on #1 Simulated incident is 30 min overdue: no update for 45 min (3 intervals of 15 minutes)."#,
            #"T+01:00  #incidents  @commander  @commander an update on #1 Simulated incident is 45 min overdue: no update for 1 h 00 min (4 intervals of 15 minutes)."#,
            #"T+01:00  #incidents  @ceo  Escalating #1 Simulated incident (P0) to @ceo"#,
            #"T+01:00  #incidents  @commander  *#1 Simulated incident* (P0) has been open 1 h 00 min, @commander:"#,
            #"T+01:00  #incidents  @commander  @commander #1 Simulated incident has passed its P0 recovery target of 1 hour (open 1 h 00 min). Consider escalating, more hands, or a status-page update."#,
            #"T+01:10  #incidents  -  *[RESOLVED] #1 Simulated incident* after 1 h 10 min (P0)"#,
            #"T+01:10  email:team-email  @team-email  *[RESOLVED] #1 Simulated incident* after 1 h 10 min (P0)"#,
            #"T+02:10  #incidents  @commander @declarer @on-call-lead @ops-lead  @commander @declarer @on-call-lead @ops-lead #1 Simulated incident was resolved; please schedule the post-incident review (due by 2027-01-16 09:10 UTC): `/incident review #1 schedule <when>`"#,
            #"T+06:10  #incidents  @commander @declarer @on-call-lead @ops-lead  @commander @declarer @on-call-lead @ops-lead #1 Simulated incident was resolved; please schedule the post-incident review (due by 2027-01-16 09:10 UTC): `/incident review #1 schedule <when>`"#
        ])
    }

    @Test func aResolutionBeforeTheCommanderIsPlayedAtItsOwnTime() async throws {
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil)
        let scenario = PolicySimulator.Scenario(severity: .p1, commanderAfter: .minutes(40), resolveAfter: .minutes(20), duration: .hours(1))
        let lines = try await PolicySimulator(bundle: bundle).run(scenario).map(\.description)
        #expect(lines.contains { $0.hasPrefix("T+00:20  #incidents  -  *[RESOLVED] #1 Simulated incident* after 20 min") }, "\(lines)")
        // Resolved first: the commander comes too late to be named, and nothing is announced for it.
        #expect(!lines.contains { $0.contains("is incident commander") })
    }

    @Test func aBillingP1EscalatesToFinanceTheCEOAndCustomerSuccessAtOnce() async throws {
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil)
        let scenario = PolicySimulator.Scenario(severity: .p1, kind: .billing, duration: .minutes(31))
        let lines = try await PolicySimulator(bundle: bundle).run(scenario).map(\.description)
        #expect(lines.contains("T+00:00  #incidents  @finance-team @ceo @customer-success  Escalating #1 Simulated incident (P1) to @finance-team, @ceo, @customer-success"))
        #expect(lines.filter { $0.hasPrefix("T+00:30") && $0.contains("an update on #1") }.count == 1)
        #expect(!lines.contains { $0.contains("@channel") })
    }
}
