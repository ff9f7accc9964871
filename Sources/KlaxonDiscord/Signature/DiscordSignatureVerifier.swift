import Crypto
import Foundation

/// Verifies Discord's `X-Signature-Ed25519` over `X-Signature-Timestamp` followed by the raw body, with the
/// application's public key. Discord probes endpoints with bad signatures; every failure must become a 401.
public struct DiscordSignatureVerifier: Sendable {
    /// Why a request was refused. Deliberately vague towards the caller.
    public enum Failure: Error, Equatable, Sendable {
        case missingHeaders
        case malformedSignature
        case badSignature

        /// A short reason for the 401 response.
        public var reason: String {
            switch self {
            case .missingHeaders: "missing Discord signature headers"
            case .malformedSignature: "malformed Discord signature"
            case .badSignature: "invalid Discord signature"
            }
        }
    }

    /// Why a configured public key was refused.
    public struct KeyError: Error, Equatable, Sendable, CustomStringConvertible {
        public let description: String
    }

    private let key: Curve25519.Signing.PublicKey

    public init(publicKey: Curve25519.Signing.PublicKey) {
        self.key = publicKey
    }

    /// A verifier for the hex public key shown in Discord's developer portal (64 hex digits).
    public init(publicKeyHex: String) throws(KeyError) {
        let text = publicKeyHex.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Hex.bytes(text), bytes.count == 32 else {
            throw KeyError(description: "a Discord public key is 64 hex digits (General Information → Public Key), not \(text.count) characters")
        }
        do {
            key = try Curve25519.Signing.PublicKey(rawRepresentation: bytes)
        } catch {
            throw KeyError(description: "the Discord public key is not a valid Ed25519 key")
        }
    }

    /// Checks the headers' signature over timestamp + body; throws when the request must be refused.
    public func verify(body: some DataProtocol, timestamp: String?, signature: String?) throws(Failure) {
        guard let timestamp, let signature, !timestamp.isEmpty else { throw .missingHeaders }
        var message = Data(timestamp.utf8)
        message.append(contentsOf: body)
        try verify(message: message, signatureHex: signature)
    }

    /// Checks a hex Ed25519 signature over a whole message.
    public func verify(message: some DataProtocol, signatureHex: String) throws(Failure) {
        guard let signature = Hex.bytes(signatureHex), signature.count == 64 else { throw .malformedSignature }
        guard key.isValidSignature(signature, for: message) else { throw .badSignature }
    }
}
