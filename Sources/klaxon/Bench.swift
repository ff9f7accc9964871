import ArgumentParser
import Foundation
import KlaxonServer

/// `klaxon bench timers`: measures the timekeeper with many open incidents.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks (figures, not pass/fail).",
        subcommands: [Timers.self]
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
}
