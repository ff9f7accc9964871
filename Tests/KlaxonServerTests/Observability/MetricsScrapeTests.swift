import Foundation
import HummingbirdTesting
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

/// One family as prometheus_client's parser read it.
struct ParsedFamily: Decodable {
    struct Sample: Decodable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    let name: String
    let type: String
    let samples: [Sample]
}

@Suite struct MetricsScrapeTests {
    @Test func aScriptedIncidentShowsInMetricsThatAnIndependentParserReads() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let clock = ManualWallClock(TestHarness.start)
        let console = RecordingTransport(name: .console)
        let metrics = KlaxonMetrics(version: "9.9.9-test")
        var deps = KlaxonApplication.Dependencies(
            configuration: KlaxonConfiguration(host: "127.0.0.1", port: 0), bundle: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil),
            store: handle.store, clock: clock, logger: Logger(label: "test"), slackSigningSecret: TestHarness.secret,
            transports: [console]
        )
        deps.metrics = metrics
        let exposition = try await KlaxonApplication.build(deps).test(.router) { client in
            _ = try await client.slash("p0 Uploads failing", clock: clock, trigger: "declare-1")
            _ = try await client.slash("p0 Uploads failing", clock: clock, trigger: "declare-1")
            _ = try await client.slash("commander me", clock: clock)
            _ = try await client.slash("resolve too early", clock: clock)
            _ = try await client.slash("help", clock: clock)
            // Refused before they are understood: a typo, and a known command missing its argument.
            _ = try await client.slash("comander me", clock: clock)
            _ = try await client.slash("note", clock: clock)
            // The P0's first update falls due at +15 min; at +16 the scheduler fires it a minute late.
            // A path no route matches (a scanner's), under the one label for all of them.
            try await client.execute(uri: "/wp-login.php", method: .get) { #expect($0.status == .notFound) }
            clock.advance(minutes: 16)
            try await eventually("the update nudge is fired and every message delivered") {
                guard metrics.exposition().contains(#"klaxon_timers_fired_total{kind="update_due"} 1"#) else { return false }
                return (try? await handle.store.outboxBacklog().isEmpty) ?? false
            }
            return try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                return String(buffer: response.body)
            }
        }
        try await handle.close()

        let families = try JSONDecoder().decode(
            [ParsedFamily].self, from: await PythonScript.run("parse_metrics.py", input: Data(exposition.utf8))
        )
        func family(_ name: String) throws -> ParsedFamily {
            try #require(families.first { $0.name == name }, "\(name) missing from:\n\(exposition)")
        }
        func value(_ sample: String, _ labels: [String: String], in name: String) throws -> Double? {
            try family(name).samples.first { $0.name == sample && $0.labels == labels }?.value
        }
        // prometheus_client names a counter's family without `_total`; its samples keep it.
        #expect(try family("klaxon_commands").type == "counter")
        #expect(try value("klaxon_commands_total", ["platform": "slack", "command": "declare", "outcome": "recorded"], in: "klaxon_commands") == 1)
        #expect(try value("klaxon_commands_total", ["platform": "slack", "command": "declare", "outcome": "duplicate"], in: "klaxon_commands") == 1)
        #expect(try value("klaxon_commands_total", ["platform": "slack", "command": "commander", "outcome": "recorded"], in: "klaxon_commands") == 1)
        #expect(try value("klaxon_commands_total", ["platform": "slack", "command": "resolve", "outcome": "rejected"], in: "klaxon_commands") == 1)
        #expect(try value("klaxon_commands_total", ["platform": "slack", "command": "help", "outcome": "answered"], in: "klaxon_commands") == 1)
        #expect(try value("klaxon_commands_total", ["platform": "slack", "command": "unknown", "outcome": "rejected"], in: "klaxon_commands") == 1)
        #expect(try value("klaxon_commands_total", ["platform": "slack", "command": "note", "outcome": "rejected"], in: "klaxon_commands") == 1)
        #expect(try value("klaxon_incidents_declared_total", ["severity": "p0", "source": "slack"], in: "klaxon_incidents_declared") == 1)
        #expect(try family("klaxon_incidents_open").type == "gauge")
        #expect(try value("klaxon_incidents_open", ["severity": "p0"], in: "klaxon_incidents_open") == 1)
        #expect(try value("klaxon_incidents_open", ["severity": "p1"], in: "klaxon_incidents_open") == 0)
        #expect(try value("klaxon_timers_fired_total", ["kind": "update_due"], in: "klaxon_timers_fired") == 1)
        #expect(try family("klaxon_timer_lateness_seconds").type == "histogram")
        // Everything due at +15 min (the update, the "By 15 minutes" checklist) fired at +16: each exactly 60 s late.
        let fired = try family("klaxon_timers_fired").samples.map(\.value).reduce(0, +)
        #expect(fired >= 2)
        #expect(try value("klaxon_timer_lateness_seconds_count", [:], in: "klaxon_timer_lateness_seconds") == fired)
        #expect(try value("klaxon_timer_lateness_seconds_sum", [:], in: "klaxon_timer_lateness_seconds") == 60 * fired)
        #expect(try value("klaxon_timer_lateness_seconds_bucket", ["le": "30.0"], in: "klaxon_timer_lateness_seconds") == 0)
        #expect(try value("klaxon_timer_lateness_seconds_bucket", ["le": "60.0"], in: "klaxon_timer_lateness_seconds") == fired)
        #expect(try value("klaxon_outbox_pending", ["transport": "console"], in: "klaxon_outbox_pending") == 0)
        #expect(try value("klaxon_outbox_oldest_pending_seconds", ["transport": "console"], in: "klaxon_outbox_oldest_pending_seconds") == 0)
        let delivered = try #require(try value("klaxon_deliveries_total", ["transport": "console", "result": "delivered"], in: "klaxon_deliveries"))
        #expect(delivered == Double(console.received.count) && delivered >= 3)
        #expect(try family("klaxon_delivery_duration_seconds").type == "histogram")
        #expect(try value("klaxon_delivery_duration_seconds_count", ["transport": "console"], in: "klaxon_delivery_duration_seconds") == delivered)
        // The declaration (its retry is answered from the stored reply), commander, the timer: every commit is timed.
        #expect(try value("klaxon_store_commit_duration_seconds_count", [:], in: "klaxon_store_commit_duration_seconds").map { $0 >= 3 } == true)
        #expect(try value("klaxon_build_info", ["version": "9.9.9-test"], in: "klaxon_build_info") == 1)
        let requests = try value(
            "klaxon_http_request_duration_seconds_count", ["route": "/slack/commands", "method": "POST", "status_class": "2xx"],
            in: "klaxon_http_request_duration_seconds"
        )
        #expect(requests == 7)
        #expect(try value(
            "klaxon_http_request_duration_seconds_count", ["route": "unmatched", "method": "GET", "status_class": "4xx"],
            in: "klaxon_http_request_duration_seconds"
        ) == 1)
        // No incident or user ids as labels.
        let labels = Set(families.flatMap { $0.samples.flatMap(\.labels.keys) })
        #expect(labels.isSubset(of: ["platform", "command", "outcome", "severity", "source", "kind", "le", "transport", "result", "version", "route", "method", "status_class"]))
    }
}
