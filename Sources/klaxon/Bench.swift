import ArgumentParser
import Foundation
import KlaxonBench
import KlaxonServer

/// `klaxon bench timers`: measures the timekeeper with many open incidents.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks (figures, not pass/fail).",
        subcommands: [Timers.self, Delivery.self]
    )

    /// `klaxon bench timers --incidents 10000`.
    struct Timers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open many incidents whose updates fall due over the next minute; report firing lateness, idle CPU and memory."
        )

        @Option(help: "Open incidents to seed.") var incidents = 10_000
        @Option(help: "Seconds over which their updates fall due.") var window = 60.0
        @Option(help: "Seconds of idle measurement after the last firing.") var idle = 20.0

        func run() async throws {
            let directory = NSTemporaryDirectory() + "klaxon-bench-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil)
            let report = try await TimerBenchmark(incidents: incidents, window: window, idle: idle).run(bundle: bundle, directory: directory)
            print(report)
        }
    }

    /// `klaxon bench delivery`.
    struct Delivery: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Messages per second through the outbox worker to a loopback Slack, and how a Slack outage during a P0 plays out."
        )

        @Option(help: "Messages to deliver.") var messages = 2000
        @Option(name: .customLong("outage-start"), help: "Seconds after the declaration that Slack goes down.") var outageStart = 30.0
        @Option(name: .customLong("outage"), help: "Seconds Slack stays down.") var outage = 60.0

        func run() async throws {
            let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil)
            let directory = NSTemporaryDirectory() + "klaxon-bench-\(UUID().uuidString)"
            print(try await DeliveryBenchmark(messages: messages).run(bundle: bundle, directory: directory))
            print("\nA P0 with Slack down from T+\(Int(outageStart)) s for \(Int(outage)) s (every chat.postMessage attempt):")
            for line in try await OutagePlayout(outageStart: outageStart, outageLength: outage).run(bundle: bundle) {
                print(line)
            }
        }
    }
}
