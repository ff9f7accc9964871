import Foundation

/// A real SMTP server (Python's aiosmtpd, from Scripts/smtp_sink.py) on loopback, recording what it receives.
final class SMTPSink: @unchecked Sendable {
    // Process and Pipe are not Sendable; the sink is created, read and stopped by one test at a time.
    struct Received: Decodable {
        let from: String
        let to: [String]
        let data: String
        let authenticated: Bool
    }

    let port: Int
    private let process: Process
    private let input: Pipe
    private let file: String

    init(user: String? = nil, password: String? = nil) throws {
        file = NSTemporaryDirectory() + "klaxon-smtp-\(UUID().uuidString).jsonl"
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/smtp_sink.py").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, file] + [user, password].compactMap { $0 }
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Blocks until the server says it listens (or exits, for example without aiosmtpd installed).
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("READY "), let port = Int(line.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw TestFailure("the SMTP sink did not start (is aiosmtpd installed? .ci/run installs it): \(line)")
        }
        self.port = port
    }

    var received: [Received] {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: file)
    }
}
