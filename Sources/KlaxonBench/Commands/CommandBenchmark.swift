import Foundation

/// `klaxon bench commands`: signed Slack slash commands over real HTTP against `klaxon serve` in its own process,
/// beside a bare Hummingbird server answering the same requests in the same setup (server on one core, load on
/// another); then cold start and memory with many stored incidents.
public struct CommandBenchmark: Sendable {
    /// What to run, and how.
    public struct Options: Sendable {
        /// The `klaxon` whose `serve` is measured (another build of it, say).
        public var binary: String
        /// This benchmark's own `klaxon`: the bare server and our generator run from it, so another build measured
        /// with `binary` needs neither.
        public var harness: String
        public var workloads: [BenchWorkload] = BenchWorkload.allCases
        /// Seconds of each closed-loop run (but the note workload runs until all its notes are answered).
        public var duration = 10.0
        public var connections = 32
        /// Notes on the one incident of the note workload (its history is this long by the end).
        public var notes = 100_000
        /// Requests a second of the fixed-rate runs, and their length.
        public var rate = 500.0
        public var fixedRateDuration = 10.0
        /// Incidents stored for the cold start and memory figures; 0 skips them.
        public var incidents = 10_000
        /// Which closed-loop generator; `nil` takes wrk when installed.
        public var generator: GeneratorChoice?
        /// replay.lua, when it is not found in ./scripts/bench or beside the binary's checkout.
        public var wrkScript: String?
        public var serverCore = 0
        public var loadCore = 1
        /// Keep the temporary directory (data, logs, request files) for a look afterwards.
        public var keepFiles = false
        /// A PostgreSQL server to keep the incidents in instead of SQLite (a fresh schema per workload).
        public var databaseURL: String?

        public init(binary: String, harness: String) {
            self.binary = binary
            self.harness = harness
        }
    }

    /// The closed-loop load generators there are.
    public enum GeneratorChoice: String, CaseIterable, Sendable {
        case wrk, swift
    }

    let options: Options
    /// Every server is started with exactly this secret; it is made up for the run.
    let secret = (0..<4).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined()

    public init(options: Options) {
        self.options = options
    }

    /// Runs everything, saying what it does on `progress`, and reports.
    public func run(progress: @escaping @Sendable (String) -> Void) async throws -> CommandBenchmarkReport {
        guard FileManager.default.isExecutableFile(atPath: PinnedProcess.taskset) else {
            throw BenchmarkError("taskset (util-linux) is needed to pin the server and the load to their cores")
        }
        // This process signs requests and polls for readiness: keep it off the server's core too.
        try Self.pinThisProcess(to: options.loadCore)
        let directory = NSTemporaryDirectory() + "klaxon-bench-commands-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if !options.keepFiles { try? FileManager.default.removeItem(atPath: directory) } }
        let bench = BenchRun(options: options, secret: secret, directory: directory, closedLoop: try closedLoopGenerator(directory), progress: progress)
        var report = CommandBenchmarkReport(setup: bench.setup, rate: options.rate, fixedRateSeconds: options.fixedRateDuration)
        for workload in options.workloads {
            report.comparisons.append(try await bench.compare(workload))
        }
        if options.incidents > 0 { report.startup = try await bench.startup() }
        if options.keepFiles { progress("files kept in \(directory)") }
        return report
    }

    private func closedLoopGenerator(_ directory: String) throws -> any LoadGenerator {
        let wrk = WrkLoad.find()
        switch (options.generator, wrk) {
        case (.swift, _), (nil, nil):
            return SwiftLoad(binary: options.harness, core: options.loadCore, directory: directory)
        case (.wrk, nil):
            throw BenchmarkError("wrk is not installed (on Debian: apt-get install -y wrk); or use --generator swift")
        case (_, let wrk?):
            guard let script = options.wrkScript ?? WrkLoad.findScript(near: options.harness) else {
                throw BenchmarkError("scripts/bench/replay.lua was not found here or above the binary; give it with --wrk-script")
            }
            return WrkLoad(executable: wrk, script: script, core: options.loadCore, directory: directory)
        }
    }

    /// Pins every thread of this process to `core` (threads started later inherit it).
    private static func pinThisProcess(to core: Int) throws {
        let taskset = Process()
        taskset.executableURL = URL(fileURLWithPath: PinnedProcess.taskset)
        taskset.arguments = ["-a", "-p", "-c", String(core), String(ProcessInfo.processInfo.processIdentifier)]
        taskset.standardOutput = FileHandle.nullDevice
        try taskset.run()
        taskset.waitUntilExit()
        guard taskset.terminationStatus == 0 else { throw BenchmarkError("could not pin the benchmark to core \(core)") }
    }
}
