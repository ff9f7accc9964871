import Foundation

/// Load from `klaxon bench load` (our own generator, `ReplayClient`) in a process of its own on the load core:
/// the closed-loop fallback when wrk is not installed, and always the fixed-rate runs (wrk has no fixed rate).
struct SwiftLoad: LoadGenerator {
    let binary: String
    let core: Int
    let directory: String
    /// Requests a second, open loop; `nil` runs closed loop over the run's connections.
    var rate: Double?

    var name: String {
        rate.map { "our open-loop generator (`klaxon bench load --rate \(Int($0))`)" }
            ?? "our closed-loop generator (`klaxon bench load`, AsyncHTTPClient, keep-alive)"
    }

    func run(_ run: LoadRun) async throws -> LoadResult {
        let output = directory + "/load-\(UUID().uuidString.prefix(8)).out"
        var arguments = [
            "bench", "load", "--port", String(run.port), "--file", run.file.path, "--replay", run.replay.rawValue,
            "--duration", String(run.duration), "--connections", String(run.connections), "--expect", run.expect,
        ]
        if let rate { arguments += ["--rate", String(rate)] }
        let process = try PinnedProcess(binary, arguments, core: core, environment: [:], outputPath: output)
        let status = await process.waitForExit()
        guard status == 0 else {
            let errors = (try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? ""
            throw BenchmarkError("`klaxon bench load` failed (status \(status)): \(errors)")
        }
        return try JSONDecoder().decode(LoadResult.self, from: Data(process.output().utf8))
    }
}
