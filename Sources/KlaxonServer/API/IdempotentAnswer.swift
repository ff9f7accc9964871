import Crypto
import Foundation

/// An API answer as kept for its `Idempotency-Key`: the status and body, and a digest of the request it answered, so
/// the same key with another body is told apart (422) from a retry (the first answer again).
struct IdempotentAnswer: Codable, Equatable {
    let status: Int
    let body: Data
    /// SHA-256 of the request's operation and body, hex.
    let request: String

    /// The digest of a request: which operation, on which incident, with which body.
    static func digest(_ parts: String...) -> String {
        SHA256.hash(data: Data(parts.joined(separator: "\n").utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The answer as the desk keeps it (a reply string).
    var stored: String {
        (try? String(decoding: JSONEncoder().encode(self), as: UTF8.self)) ?? "{}"
    }

    /// An answer kept earlier; `nil` when the stored reply is not one.
    init?(stored: String) {
        guard let decoded = try? JSONDecoder().decode(Self.self, from: Data(stored.utf8)) else { return nil }
        self = decoded
    }

    init(status: Int, body: Data, request: String) {
        self.status = status
        self.body = body
        self.request = request
    }
}
