import Crypto
import Foundation
import KlaxonCore

/// Verifies Discord's `X-Signature-Ed25519` over `X-Signature-Timestamp` followed by the raw body, with the
/// application's public key, within 5 minutes of now. Discord probes endpoints with bad signatures; every failure
/// must become a 401.
public struct DiscordSignatureVerifier: Sendable {
    /// Why a request was refused. Deliberately vague towards the caller.
    public enum Failure: Error, Equatable, Sendable {
        case missingHeaders
        case malformedTimestamp
        case stale
        case malformedSignature
        case badSignature

        /// A short reason for the 401 response.
        public var reason: String {
            switch self {
            case .missingHeaders: "missing Discord signature headers"
            case .malformedTimestamp: "malformed Discord signature timestamp"
            case .stale: "stale Discord signature timestamp"
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
    /// How far the signed timestamp may be from now, in seconds: Slack's window, so a captured request expires.
    public let tolerance: TimeInterval

    public init(publicKey: Curve25519.Signing.PublicKey, tolerance: TimeInterval = 300) {
        self.key = publicKey
        self.tolerance = tolerance
    }

    /// A verifier for the hex public key shown in Discord's developer portal (64 hex digits).
    public init(publicKeyHex: String, tolerance: TimeInterval = 300) throws(KeyError) {
        self.tolerance = tolerance
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

    /// Checks the timestamp's age and the headers' signature over timestamp + body; throws when the request must be
    /// refused.
    public func verify(body: some DataProtocol, timestamp: String?, signature: String?, now: Date) throws(Failure) {
        guard let timestamp, let signature, !timestamp.isEmpty else { throw .missingHeaders }
        // Unix seconds, as Discord sends them; anything else (a date, a fraction, `abc`) is not Discord's.
        guard let seconds = Int(timestamp) else { throw .malformedTimestamp }
        guard abs(now.timeIntervalSince1970 - TimeInterval(seconds)) <= tolerance else { throw .stale }
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
