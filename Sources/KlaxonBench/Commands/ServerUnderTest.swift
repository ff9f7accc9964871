import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A server under test, `klaxon serve` or the bare baseline, in its own process pinned to the server core, on a
/// free loopback port. Ready once `GET /healthz` answers.
final class ServerUnderTest: Sendable {
    let port: Int
    let process: PinnedProcess
    /// From spawning the process to the first answer to `/healthz`: the cold start.
    let readyAfter: Duration

    /// Starts the server; `arguments(port)` is its command line for the port it gets.
    static func start(
        _ binary: String, arguments: (Int) -> [String], environment: [String: String], core: Int, logPath: String,
        readyWithin limit: Duration = .seconds(120)
    ) async throws -> ServerUnderTest {
        let port = try Loopback.freePort()
        let clock = ContinuousClock()
        let spawned = clock.now
        let process = try PinnedProcess(binary, arguments(port), core: core, environment: environment, outputPath: logPath)
        while !Loopback.answers(port: port) {
            guard process.isRunning else {
                throw BenchmarkError("the server exited before it was ready: `\(binary) \(arguments(port).joined(separator: " "))`; see \(logPath).err")
            }
            guard clock.now - spawned < limit else {
                await process.stop()
                throw BenchmarkError("the server was not ready within \(limit); see \(logPath).err")
            }
            try await Task.sleep(for: .milliseconds(1))
        }
        return ServerUnderTest(port: port, process: process, readyAfter: clock.now - spawned)
    }

    private init(port: Int, process: PinnedProcess, readyAfter: Duration) {
        self.port = port
        self.process = process
        self.readyAfter = readyAfter
    }

    /// CPU time the server has used so far.
    var cpuSeconds: Double { ProcessStatistics(pid: process.pid).cpuSeconds }

    var resident: ResidentMemory? { ResidentMemory(pid: process.pid) }

    func stop() async {
        await process.stop()
    }
}
