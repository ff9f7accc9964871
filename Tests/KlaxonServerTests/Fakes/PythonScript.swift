import Foundation

/// Runs one of `Scripts/` with python3: the tests' independent peers (parsers, certificate makers).
enum PythonScript {
    /// Runs `name` with `arguments`, feeding it `input`, and returns what it printed; throws if it exits non-zero.
    /// Waits on a Dispatch thread: blocking one of the few cooperative threads would stall the other tests' servers.
    static func run(_ name: String, arguments: [String] = [], input: Data = Data()) async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(name, arguments: arguments, input: input) })
            }
        }
    }

    private static func runBlocking(_ name: String, arguments: [String], input: Data) throws -> Data {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/\(name)").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("\(name) failed (\(process.terminationStatus); .ci/run installs its packages): \(String(decoding: errors, as: UTF8.self))")
        }
        return output
    }
}
