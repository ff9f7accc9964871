import Crypto
import Foundation

/// One entry of the tokens file: a name for the timeline, the SHA-256 of the secret, and what it may do.
public struct APIToken: Sendable, Equatable {
    /// Shown in the timeline as `api:<name>`.
    public let name: String
    /// The SHA-256 of the token; the token itself is never stored.
    public let digest: Data
    public let scopes: Set<TokenScope>

    public init(name: String, digest: Data, scopes: Set<TokenScope>) {
        self.name = name
        self.digest = digest
        self.scopes = scopes
    }

    /// Names are plain words, so `api:<name>` reads well and cannot be mistaken for a mention.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    /// A new random token (256 bits, URL-safe base64 with a `klx_` prefix that secret scanners can look for) and
    /// its entry for the tokens file; `nil` for a name the file would refuse.
    public static func create(name: String, scopes: Set<TokenScope>) -> (token: String, entry: APIToken)? {
        guard isValidName(name), !scopes.isEmpty else { return nil }
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let text = "klx_" + secret.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return (text, APIToken(name: name, digest: Data(SHA256.hash(data: Data(text.utf8))), scopes: scopes))
    }

    /// The line to add under `tokens:` in the tokens file.
    public var fileEntry: String {
        let scopes = scopes.sorted().map(\.rawValue).joined(separator: ", ")
        return "  - {name: \(name), sha256: \(digest.map { String(format: "%02x", $0) }.joined()), scopes: [\(scopes)]}"
    }
}
