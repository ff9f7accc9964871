import Foundation
import KlaxonServer

/// A certificate and key made by Scripts/make_certificate.py (Python's `cryptography`) in a fresh directory.
struct SelfSignedPair {
    enum Kind: String, Sendable { case good, expired, mismatched }

    let files: TLSFiles

    init(name: String, kind: Kind = .good, directory: String = NSTemporaryDirectory() + "klaxon-tls-\(UUID().uuidString)") throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        files = TLSFiles(certificatePath: directory + "/cert.pem", keyPath: directory + "/key.pem")
        try write(name: name, kind: kind)
    }

    /// (Re)writes the pair in place, as certbot or cert-manager would.
    func write(name: String, kind: Kind = .good) throws {
        let flags = kind == .good ? [] : ["--\(kind.rawValue)"]
        _ = try PythonScript.run("make_certificate.py", arguments: [files.certificatePath, files.keyPath, name] + flags)
    }

    var certificatePEM: String {
        get throws { try String(contentsOfFile: files.certificatePath, encoding: .utf8) }
    }
}
