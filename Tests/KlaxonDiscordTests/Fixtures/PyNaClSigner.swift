import Foundation

/// Signs request bodies with PyNaCl, through `Scripts/sign_interactions.py`: signatures from an implementation
/// independent of swift-crypto.
enum PyNaClSigner {
    /// A fresh key's public half and one signature per request.
    struct Signed: Decodable {
        let public_key_hex: String
        let signatures_hex: [String]
    }

    struct Request: Encodable {
        let timestamp: String
        let body: String

        /// The moment the request was signed, by its timestamp.
        var signedAt: Date { Date(timeIntervalSince1970: TimeInterval(Int(timestamp) ?? 0)) }
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Scripts/sign_interactions.py").standardized

    /// Whether python3 with PyNaCl can be run here (checked once).
    static let isAvailable: Bool = (try? run(["-c", "import nacl.signing"], input: Data()).status) == 0

    /// Signs each request with one fresh key.
    static func sign(_ requests: [Request]) throws -> Signed {
        let (status, output) = try run([script.path], input: try JSONEncoder().encode(requests))
        guard status == 0 else { throw ScriptFailure(status: status) }
        return try JSONDecoder().decode(Signed.self, from: output)
    }

    struct ScriptFailure: Error {
        let status: Int32
    }

    private static func run(_ arguments: [String], input: Data) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
