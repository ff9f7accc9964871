import Foundation
import KlaxonCore
import KlaxonServer
import Testing

/// Each series is made once and then found again: every call must land on the series its labels name.
@Suite("Klaxon's metrics")
struct KlaxonMetricsTests {
    @Test("Counts and histograms add up per series, whichever series was asked for in between")
    func eachSeriesCountsItsOwn() {
        let metrics = KlaxonMetrics(version: "test")
        for _ in 0..<3 { metrics.delivery(transport: .slack, result: .delivered, duration: .milliseconds(2)) }
        metrics.delivery(transport: .slack, result: .transient, duration: .milliseconds(700))
        metrics.delivery(transport: .email, result: .delivered, duration: .seconds(3))
        metrics.declared(severity: .p0, source: .slack)
        metrics.declared(severity: .p1, source: .slack)
        metrics.declared(severity: .p0, source: .slack)
        metrics.declared(severity: .p0, source: Platform(.alertmanager))
        metrics.timerFired(kind: "update_due", lateness: 0.2)
        metrics.timerFired(kind: "escalation", lateness: 40)
        metrics.timerFired(kind: "update_due", lateness: 0.3)
        metrics.commit(duration: .milliseconds(3))
        metrics.commit(duration: .milliseconds(30))
        let lines = Set(metrics.exposition().split(separator: "\n").map(String.init))
        for expected in [
            #"klaxon_deliveries_total{transport="slack",result="delivered"} 3"#,
            #"klaxon_deliveries_total{transport="slack",result="transient"} 1"#,
            #"klaxon_deliveries_total{transport="email",result="delivered"} 1"#,
            #"klaxon_delivery_duration_seconds_count{transport="slack"} 4"#,
            #"klaxon_delivery_duration_seconds_count{transport="email"} 1"#,
            #"klaxon_incidents_declared_total{severity="p0",source="slack"} 2"#,
            #"klaxon_incidents_declared_total{severity="p1",source="slack"} 1"#,
            #"klaxon_incidents_declared_total{severity="p0",source="alertmanager"} 1"#,
            #"klaxon_timers_fired_total{kind="update_due"} 2"#,
            #"klaxon_timers_fired_total{kind="escalation"} 1"#,
            "klaxon_timer_lateness_seconds_count 3",
            "klaxon_store_commit_duration_seconds_count 2",
            #"klaxon_store_commit_duration_seconds_bucket{le="0.005"} 1"#,
        ] {
            #expect(lines.contains(expected), "\(expected)")
        }
    }
}
