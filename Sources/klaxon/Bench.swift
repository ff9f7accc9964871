import ArgumentParser
import Foundation
import KlaxonBench
import KlaxonServer
import Logging

/// `klaxon bench …`: benchmarks (figures, not pass/fail).
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks (figures, not pass/fail).",
        subcommands: [Timers.self, Delivery.self, Commands.self, BareServer.self, Load.self, Status.self]
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

    /// `klaxon bench status`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Requests a second for the public status page (/status, /status.json, /status.atom) with many public incidents stored; needs wrk."
        )

        @Option(help: "Open public incidents.") var open = 20
        @Option(help: "Resolved public incidents, spread over 90 days.") var resolved = 1_000
        @Option(help: "Seconds of each run.") var duration = 10.0
        @Option(help: "Concurrent keep-alive connections.") var connections = 32

        func run() async throws {
            let this = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil)
            let benchmark = StatusBenchmark(open: open, resolved: resolved, duration: duration, connections: connections, binary: this)
            print(try await benchmark.run(policy: bundle.policy, directory: NSTemporaryDirectory() + "klaxon-bench-status-\(UUID().uuidString)"))
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

    /// `klaxon bench commands`.
    struct Commands: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Signed slash commands over HTTP: Klaxon beside a bare Hummingbird server (req/s, p50/p99, failures), latency at a fixed rate, cold start, memory.",
            discussion: "The servers run one at a time pinned to core 0, the load (wrk when installed, with scripts/bench/replay.lua) pinned to core 1. The report, in markdown, goes to standard output; progress to standard error."
        )

        @Option(help: "Seconds of each closed-loop run.") var duration = 10.0
        @Option(help: "Concurrent keep-alive connections.") var connections = 32
        @Option(help: "Comma-separated, of: declare, note, help.") var workloads = "declare,note,help"
        @Option(help: "Notes on the one incident of the note workload (its history is this long by the end).") var notes = 100_000
        @Option(help: "The klaxon whose `serve` is measured (default: this one; the bare server and our generator always run from this one).") var binary: String?
        @Option(help: "Requests a second of the fixed-rate runs.") var rate = 500.0
        @Option(name: .customLong("fixed-rate-duration"), help: "Seconds of each fixed-rate run.") var fixedRateDuration = 10.0
        @Option(help: "Incidents stored for the cold start and memory figures (0 skips them).") var incidents = 10_000
        @Option(help: "Closed-loop load generator: wrk or swift (default: wrk when installed).") var generator: String?
        @Option(name: .customLong("wrk-script"), help: "wrk's replay script (default: scripts/bench/replay.lua, here or above the binary).") var wrkScript: String?
        @Flag(name: .customLong("keep-files"), help: "Keep the temporary directory: databases, server logs, signed requests.") var keepFiles = false
        @Option(name: .customLong("database-url"), help: "Measure Klaxon on this PostgreSQL server (a fresh schema per workload) instead of SQLite.") var databaseURL: String?

        func validate() throws {
            guard !parsedWorkloads.isEmpty, parsedWorkloads.count == workloads.split(separator: ",").count else {
                throw ValidationError("--workloads takes a comma-separated list of declare, note, help")
            }
            guard generator.map({ CommandBenchmark.GeneratorChoice(rawValue: $0) != nil }) ?? true else {
                throw ValidationError("--generator is wrk or swift")
            }
            // Each request is signed before the run starts, and Slack's timestamps are valid for 300 s.
            guard duration > 0, duration <= 240, fixedRateDuration > 0, fixedRateDuration <= 240 else {
                throw ValidationError("--duration and --fixed-rate-duration are seconds, at most 240 (signatures stay valid 300 s)")
            }
            guard connections > 0, notes > 0, rate > 0, incidents >= 0 else { throw ValidationError("counts and rates must be positive") }
        }

        private var parsedWorkloads: [BenchWorkload] {
            workloads.split(separator: ",").compactMap { BenchWorkload(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        }

        func run() async throws {
            let this = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            var options = CommandBenchmark.Options(binary: binary ?? this, harness: this)
            options.workloads = parsedWorkloads
            (options.duration, options.connections, options.notes) = (duration, connections, notes)
            (options.rate, options.fixedRateDuration, options.incidents) = (rate, fixedRateDuration, incidents)
            (options.generator, options.wrkScript, options.keepFiles) = (generator.flatMap { CommandBenchmark.GeneratorChoice(rawValue: $0) }, wrkScript, keepFiles)
            options.databaseURL = databaseURL
            do {
                let report = try await CommandBenchmark(options: options).run { line in
                    FileHandle.standardError.write(Data("bench: \(line)\n".utf8))
                }
                print(report)
            } catch let error as BenchmarkError {
                throw fail(error.description)
            }
        }
    }

    /// `klaxon bench bare-server --port N`: the baseline `bench commands` measures Klaxon against.
    struct BareServer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bare-server",
            abstract: "Hummingbird alone on 127.0.0.1, answering POST /slack/commands with a fixed JSON body: the baseline of `bench commands`."
        )

        @Option(help: "Port to listen on.") var port = 8081

        func run() async throws {
            let logger = Logger(label: "bare-server") { StreamLogHandler.standardError(label: $0) }
            try await KlaxonBench.BareServer.build(port: port, logger: logger).runService()
        }
    }

    /// `klaxon bench load`: the load generator `bench commands` runs in a process of its own.
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replays a file of signed requests (closed loop, or open loop with --rate) and prints the result as JSON.",
            shouldDisplay: false
        )

        @Option var port: Int
        @Option var file: String
        @Option(help: "once or cycle.") var replay = "once"
        @Option var duration: Double
        @Option var connections = 32
        @Option(help: "Requests a second, open loop; without it, closed loop.") var rate: Double?
        @Option(help: "What a successful answer's body holds.") var expect = ""

        func run() async throws {
            let client = try ReplayClient(
                port: port, file: file, cycle: replay == "cycle", duration: duration, connections: connections, rate: rate, expect: expect
            )
            let result = try await client.run()
            print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
        }
    }
}
