import Foundation

/// Closed-loop load from wrk: one thread, keep-alive connections, replaying a signed-request file through
/// scripts/bench/replay.lua (wrk's Lua cannot sign, so the benchmark signs beforehand).
struct WrkLoad: LoadGenerator {
    let executable: String
    let script: String
    let core: Int
    let directory: String

    var name: String { "wrk (\(executable), -t1, keep-alive, \(script))" }

    func run(_ run: LoadRun) async throws -> LoadResult {
        let output = directory + "/wrk-\(UUID().uuidString.prefix(8)).out"
        let arguments = [
            "-t1", "-c\(run.connections)", "-d\(Int(run.duration.rounded(.up)))s",
            // Long enough to see how late a late answer is; replay.lua counts those past Slack's 3 s as failed.
            "--timeout", "10s", "-s", script, "http://127.0.0.1:\(run.port)/slack/commands", "--", run.file.path, run.replay.rawValue, run.expect,
        ]
        let process = try PinnedProcess(executable, arguments, core: core, environment: [:], outputPath: output)
        let status = await process.waitForExit()
        let text = process.output()
        guard status == 0, let line = text.split(separator: "\n").last(where: { $0.hasPrefix(Self.marker) }) else {
            let errors = (try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? ""
            throw BenchmarkError("wrk failed (status \(status)):\n\(text)\(errors)")
        }
        return try JSONDecoder().decode(LoadResult.self, from: Data(line.dropFirst(Self.marker.count).utf8))
    }

    /// How replay.lua's done() marks its result line.
    private static let marker = "klaxon-bench-result "

    /// scripts/bench/replay.lua under the current directory, or under a directory above the binary (a checkout's
    /// `.build/release/klaxon`).
    static func findScript(near binary: String) -> String? {
        var places = [FileManager.default.currentDirectoryPath]
        var directory = URL(fileURLWithPath: binary).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            places.append(directory.path)
            directory.deleteLastPathComponent()
        }
        return places.map { $0 + "/scripts/bench/replay.lua" }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// wrk on the PATH, if installed.
    static func find() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/wrk" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
