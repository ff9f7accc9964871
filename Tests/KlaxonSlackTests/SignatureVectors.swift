import Foundation
import Testing

/// The request-signature vectors in `shared/vectors/signatures.json`, made with independent implementations.
struct SignatureVectors: Decodable {
    struct Slack: Decodable {
        let valid: [SlackCase]
        let invalid: [SlackCase]
    }

    struct SlackCase: Decodable, CustomTestStringConvertible {
        let name: String
        let signing_secret: String
        let timestamp: String
        let body: String
        let expected_signature: String?
        let signature: String?
        let verifier_now: Int?

        var testDescription: String { name }
        var presentedSignature: String { signature ?? expected_signature ?? "" }
        var now: Date { Date(timeIntervalSince1970: TimeInterval(verifier_now ?? Int(timestamp)!)) }
    }

    let slack: Slack

    /// Loads the vectors from `shared/` beside the repository (or `KLAXON_SHARED_DIR`).
    static func load() throws -> SignatureVectors {
        let data = try Data(contentsOf: url())
        return try JSONDecoder().decode(SignatureVectors.self, from: data)
    }

    static func url() -> URL {
        if let dir = ProcessInfo.processInfo.environment["KLAXON_SHARED_DIR"] {
            return URL(fileURLWithPath: dir).appendingPathComponent("vectors/signatures.json")
        }
        // Tests/KlaxonSlackTests/this file → repository root → ../shared
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/vectors/signatures.json")
    }

    static let loaded: SignatureVectors = {
        do { return try load() } catch { fatalError("cannot load \(url().path): \(error)") }
    }()
}
