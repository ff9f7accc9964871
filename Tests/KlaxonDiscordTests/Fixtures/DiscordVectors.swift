import Foundation
import Testing

/// The Discord and RFC 8032 cases of `shared/vectors/signatures.json`, made with independent implementations.
struct DiscordVectors: Decodable {
    /// A signed interaction request.
    struct Request: Decodable, CustomTestStringConvertible {
        let name: String
        let public_key_hex: String
        let timestamp: String
        let body: String
        let signature_hex: String
        let seed_hex: String?

        var testDescription: String { name }

        /// The moment the request was signed, by its timestamp: the verifying clock's time in tests.
        var signedAt: Date { Date(timeIntervalSince1970: TimeInterval(Int(timestamp) ?? 0)) }
    }

    /// An RFC 8032 Ed25519 test case: a bare message, no timestamp.
    struct RFC8032Case: Decodable, CustomTestStringConvertible {
        let name: String
        let secret_key_hex: String
        let public_key_hex: String
        let message_hex: String
        let signature_hex: String

        var testDescription: String { name }
    }

    struct Discord: Decodable {
        let valid: [Request]
        let invalid: [Request]
    }

    let discord: Discord
    let rfc8032: [RFC8032Case]

    /// `shared/` beside the repository, or `KLAXON_SHARED_DIR`.
    static var file: URL {
        let shared = ProcessInfo.processInfo.environment["KLAXON_SHARED_DIR"].map(URL.init(fileURLWithPath:))
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared").standardized
        return shared.appendingPathComponent("vectors/signatures.json")
    }

    static let loaded: DiscordVectors = {
        do { return try JSONDecoder().decode(DiscordVectors.self, from: Data(contentsOf: file)) } catch {
            fatalError("cannot load \(file.path): \(error)")
        }
    }()
}

/// Bytes from hex, for the vectors.
func hexBytes(_ hex: String) -> [UInt8] {
    stride(from: 0, to: hex.count, by: 2).map { offset in
        let start = hex.index(hex.startIndex, offsetBy: offset)
        return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
    }
}
