import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process pinned to one CPU core with `taskset -c` (which execs it, so the pid is the program's),
/// its standard output and error in files. Its exit is awaited, not polled.
final class PinnedProcess: Sendable {
    let pid: Int32
    let outputPath: String
    private let exit: Task<Int32, Never>

    /// Starts `executable arguments…` on `core` with exactly `environment` (nothing inherited: a KLAXON_… variable
    /// from the shell would change what is measured).
    init(_ executable: String, _ arguments: [String], core: Int, environment: [String: String], outputPath: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.taskset)
        process.arguments = ["-c", String(core), executable] + arguments
        process.environment = environment
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: outputPath + ".err", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath + ".err"))
        let (statuses, sink) = AsyncStream.makeStream(of: Int32.self)
        // Set before run(), so an early exit is not missed.
        process.terminationHandler = { finished in
            sink.yield(finished.terminationStatus)
            sink.finish()
        }
        try process.run()
        pid = process.processIdentifier
        self.outputPath = outputPath
        exit = Task { await statuses.first { _ in true } ?? -1 }
    }

    /// Waits for the process to end; its exit status.
    @discardableResult
    func waitForExit() async -> Int32 {
        await exit.value
    }

    /// Whether it is still running.
    var isRunning: Bool { Glibc.kill(pid, 0) == 0 && !Self.isZombie(pid) }

    private func signal(_ signal: Int32) {
        _ = Glibc.kill(pid, signal)
    }

    /// Asks it to stop (SIGTERM: a graceful shutdown); kills it if it has not ended within `grace`.
    func stop(grace: Duration = .seconds(10)) async {
        signal(SIGTERM)
        let killer = Task {
            try await Task.sleep(for: grace)
            signal(SIGKILL)
        }
        await waitForExit()
        killer.cancel()
    }

    /// What it wrote to standard output.
    func output() -> String {
        (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// Where util-linux's `taskset` is, if installed.
    static let taskset = ["/usr/bin/taskset", "/bin/taskset"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/taskset"

    private static func isZombie(_ pid: Int32) -> Bool {
        ProcessStatistics(pid: pid).state == "Z"
    }
}
