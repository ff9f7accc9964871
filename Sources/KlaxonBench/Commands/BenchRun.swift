import Foundation

/// One run of `klaxon bench commands`: its options, secret, directory and generator, and the steps shared by
/// the workloads and the start-up figures.
struct BenchRun: Sendable {
    let options: CommandBenchmark.Options
    let secret: String
    let directory: String
    let closedLoop: any LoadGenerator
    let progress: @Sendable (String) -> Void

    /// Slack accepts a timestamp up to 300 s old; a run that sends each signed request once stops short of that.
    static let signatureValidity = 290.0

    /// The open-loop generator of the fixed-rate runs.
    var fixedRate: SwiftLoad {
        SwiftLoad(binary: options.harness, core: options.loadCore, directory: directory, rate: options.rate)
    }

    var setup: [String] {
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        return [
            "## klaxon bench commands",
            "",
            "- machine: \(ProcessInfo.processInfo.processorCount) cores, load average at the start \(load)",
            "- servers, one at a time, each pinned with `taskset -c \(options.serverCore)`: `\(options.binary) serve` ("
                + (options.databaseURL == nil ? "SQLite in a fresh temporary --data-dir" : "PostgreSQL, a fresh schema")
                + " per workload, KLAXON_SLACK_SIGNING_SECRET set, no bot token) and `klaxon bench bare-server` "
                + "(Hummingbird answering a fixed JSON body)",
            "- load pinned with `taskset -c \(options.loadCore)`: \(closedLoop.name), \(options.connections) connections, "
                + "\(Self.seconds(options.duration)) per run after \(Self.seconds(warmUpSeconds)) of warm-up; every request unique "
                + "(its own trigger_id) and signed with v0 HMAC-SHA256 and a current timestamp",
            "- fixed rate: \(fixedRate.name), for declare and note after their closed-loop runs, on the same servers",
            "- failed = an answer that is not a 200 with the expected text (a refusal is a quick 200), an answer later than "
                + "3 s (Slack's deadline), a socket error, or a request not answered within 10 s",
        ]
    }

    /// Seconds of help requests each server answers before it is measured.
    var warmUpSeconds: Double { min(1, options.duration) }

    /// The bare baseline server.
    func startBare() async throws -> ServerUnderTest {
        try await ServerUnderTest.start(
            options.harness, arguments: { ["bench", "bare-server", "--port", String($0)] }, environment: [:], core: options.serverCore,
            logPath: directory + "/bare-\(UUID().uuidString.prefix(8)).log"
        )
    }

    /// `klaxon serve` on `dataDirectory`, with the run's secret and nothing else from the environment. With a
    /// database URL, its store is a PostgreSQL schema named after the directory (so a restart finds it again).
    func startKlaxon(dataDirectory: String) async throws -> ServerUnderTest {
        var environment = ["KLAXON_SLACK_SIGNING_SECRET": secret]
        if let url = options.databaseURL {
            environment["KLAXON_DATABASE_URL"] = url
            let name = [directory, dataDirectory].map { String(($0 as NSString).lastPathComponent.map { $0.isLetter || $0.isNumber ? $0 : "_" }) }
            environment["KLAXON_DATABASE_SCHEMA"] = String(("bench_" + name.joined(separator: "_")).lowercased().prefix(63))
        }
        return try await ServerUnderTest.start(
            options.binary, arguments: { ["serve", "--host", "127.0.0.1", "--port", String($0), "--data-dir", dataDirectory] },
            environment: environment, core: options.serverCore,
            logPath: dataDirectory + ".log"
        )
    }

    /// Runs `work`, then stops `server` whether or not it succeeded.
    func stopping<T>(_ server: ServerUnderTest, _ work: () async throws -> T) async throws -> T {
        do {
            let value = try await work()
            await server.stop()
            return value
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Requests `indices` of `workload`, signed now.
    func signed(_ workload: BenchWorkload, _ indices: Range<Int>) throws -> SignedCommandFile {
        let tag = UUID().uuidString.prefix(8).lowercased()
        return try SignedCommandFile.write(workload, indices: indices, tag: "bench.\(tag)", secret: secret, to: directory + "/\(workload)-\(tag).requests")
    }

    /// A closed-loop run of `file` against `server`.
    func load(_ server: ServerUnderTest, _ file: SignedCommandFile, _ replay: LoadRun.Replay, seconds: Double, expect: String = "") -> LoadRun {
        LoadRun(port: server.port, file: file, replay: replay, duration: seconds, connections: options.connections, expect: expect)
    }

    /// Runs `work` against `server` and notes how busy the server and the load generator (a child process that
    /// has ended by the time `work` returns) were meanwhile.
    func busy<T>(_ server: ServerUnderTest, _ work: () async throws -> T) async throws -> (T, server: Double, generator: Double) {
        let clock = ContinuousClock()
        let (started, serverBefore, generatorBefore) = (clock.now, server.cpuSeconds, ProcessStatistics.reapedChildrenCPUSeconds())
        let value = try await work()
        let wall = max((clock.now - started).seconds, 1e-6)
        return (value, (server.cpuSeconds - serverBefore) / wall, (ProcessStatistics.reapedChildrenCPUSeconds() - generatorBefore) / wall)
    }

    /// Every request of `file` once, in runs no longer than the signatures stay valid.
    func sendEach(_ file: SignedCommandFile, to server: ServerUnderTest, expect: String, connections: Int? = nil) async throws -> LoadResult {
        var run = load(server, file, .once, seconds: Self.signatureValidity, expect: expect)
        run.connections = connections ?? run.connections
        return try await closedLoop.run(run)
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
