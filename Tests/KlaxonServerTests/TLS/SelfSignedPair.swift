import Foundation
import KlaxonServer

/// A certificate and key made by Scripts/make_certificate.py (Python's `cryptography`) in a fresh directory.
struct SelfSignedPair {
    enum Kind: String, Sendable { case good, expired, mismatched }

    let files: TLSFiles

    private init(files: TLSFiles) {
        self.files = files
    }

    static func make(name: String, kind: Kind = .good) async throws -> SelfSignedPair {
        let directory = NSTemporaryDirectory() + "klaxon-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let pair = SelfSignedPair(files: TLSFiles(certificatePath: directory + "/cert.pem", keyPath: directory + "/key.pem"))
        try await pair.write(name: name, kind: kind)
        return pair
    }

    /// (Re)writes the pair in place, as certbot or cert-manager would.
    func write(name: String, kind: Kind = .good) async throws {
        let flags = kind == .good ? [] : ["--\(kind.rawValue)"]
        _ = try await PythonScript.run("make_certificate.py", arguments: [files.certificatePath, files.keyPath, name] + flags)
    }

    var certificatePEM: String {
        get throws { try String(contentsOfFile: files.certificatePath, encoding: .utf8) }
    }
}
