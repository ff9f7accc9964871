import Crypto
import Foundation
import KlaxonDiscord
import Testing

@Suite struct DiscordSignatureVerifierTests {
    @Test(arguments: DiscordVectors.loaded.discord.valid)
    func validDiscordVectorsVerify(_ vector: DiscordVectors.Request) throws {
        let verifier = try DiscordSignatureVerifier(publicKeyHex: vector.public_key_hex)
        try verifier.verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: vector.signature_hex, now: vector.signedAt)
    }

    @Test(arguments: DiscordVectors.loaded.discord.invalid)
    func invalidDiscordVectorsAreRejected(_ vector: DiscordVectors.Request) throws {
        let verifier = try DiscordSignatureVerifier(publicKeyHex: vector.public_key_hex)
        #expect(throws: DiscordSignatureVerifier.Failure.badSignature) {
            try verifier.verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: vector.signature_hex, now: vector.signedAt)
        }
    }

    @Test(arguments: DiscordVectors.loaded.discord.valid)
    func theVectorSeedGivesItsPublicKey(_ vector: DiscordVectors.Request) throws {
        let seed = try #require(vector.seed_hex)
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: hexBytes(seed))
        #expect(Array(key.publicKey.rawRepresentation) == hexBytes(vector.public_key_hex))
    }

    @Test(arguments: DiscordVectors.loaded.rfc8032)
    func rfc8032SignaturesVerify(_ vector: DiscordVectors.RFC8032Case) throws {
        let verifier = try DiscordSignatureVerifier(publicKeyHex: vector.public_key_hex)
        try verifier.verify(message: hexBytes(vector.message_hex), signatureHex: vector.signature_hex)
        let derived = try Curve25519.Signing.PrivateKey(rawRepresentation: hexBytes(vector.secret_key_hex)).publicKey
        #expect(Array(derived.rawRepresentation) == hexBytes(vector.public_key_hex))
    }

    @Test(arguments: DiscordVectors.loaded.rfc8032)
    func rfc8032SignaturesFailOnAnotherMessage(_ vector: DiscordVectors.RFC8032Case) throws {
        let verifier = try DiscordSignatureVerifier(publicKeyHex: vector.public_key_hex)
        #expect(throws: DiscordSignatureVerifier.Failure.badSignature) {
            try verifier.verify(message: hexBytes(vector.message_hex) + [0x00], signatureHex: vector.signature_hex)
        }
    }

    @Test func aSignatureFromAnotherKeyIsRejected() throws {
        let vector = DiscordVectors.loaded.discord.valid[0]
        let other = DiscordVectors.loaded.rfc8032[0].public_key_hex
        #expect(throws: DiscordSignatureVerifier.Failure.badSignature) {
            try DiscordSignatureVerifier(publicKeyHex: other)
                .verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: vector.signature_hex, now: vector.signedAt)
        }
    }

    @Test(arguments: [
        (nil, "00", DiscordSignatureVerifier.Failure.missingHeaders),
        ("1700000000", nil, .missingHeaders),
        ("", "00", .missingHeaders),
        ("1700000000", "zz", .malformedSignature),
        ("1700000000", "b245", .malformedSignature),
        ("1700000000", String(repeating: "0", count: 128), .badSignature),
    ] as [(String?, String?, DiscordSignatureVerifier.Failure)])
    func missingOrMalformedHeadersAreRejectedWithTheirReason(timestamp: String?, signature: String?, expected: DiscordSignatureVerifier.Failure) throws {
        let vector = DiscordVectors.loaded.discord.valid[0]
        let verifier = try DiscordSignatureVerifier(publicKeyHex: vector.public_key_hex)
        #expect(throws: expected) {
            try verifier.verify(body: Data(vector.body.utf8), timestamp: timestamp, signature: signature, now: vector.signedAt)
        }
    }

    @Test func theTimestampIsPartOfWhatIsSigned() throws {
        let vector = DiscordVectors.loaded.discord.valid[0]
        let verifier = try DiscordSignatureVerifier(publicKeyHex: vector.public_key_hex)
        #expect(throws: DiscordSignatureVerifier.Failure.badSignature) {
            try verifier.verify(body: Data(vector.body.utf8), timestamp: "1700000001", signature: vector.signature_hex, now: vector.signedAt)
        }
    }

    @Test(arguments: [
        (-300.0, nil), (0, nil), (300, nil),
        (-301, DiscordSignatureVerifier.Failure.stale), (301, .stale), (-86_400, .stale), (5 * 365 * 86_400, .stale),
    ] as [(TimeInterval, DiscordSignatureVerifier.Failure?)])
    func aSignatureCountsOnlyWithinFiveMinutesOfItsTimestamp(offset: TimeInterval, expected: DiscordSignatureVerifier.Failure?) throws {
        let vector = DiscordVectors.loaded.discord.valid[0]
        let verifier = try DiscordSignatureVerifier(publicKeyHex: vector.public_key_hex)
        // The server's clock `offset` seconds after the signature's timestamp.
        let now = vector.signedAt.addingTimeInterval(-offset)
        if let expected {
            #expect(throws: expected) { try verifier.verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: vector.signature_hex, now: now) }
        } else {
            try verifier.verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: vector.signature_hex, now: now)
        }
    }

    @Test(arguments: ["abc", "1700000000.5", "+-1", "99999999999999999999", " 1700000000"])
    func aTimestampThatIsNotWholeSecondsIsMalformed(_ timestamp: String) throws {
        let vector = DiscordVectors.loaded.discord.valid[0]
        let verifier = try DiscordSignatureVerifier(publicKeyHex: vector.public_key_hex)
        #expect(throws: DiscordSignatureVerifier.Failure.malformedTimestamp) {
            try verifier.verify(body: Data(vector.body.utf8), timestamp: timestamp, signature: vector.signature_hex, now: vector.signedAt)
        }
    }

    @Test(arguments: ["", "03a107bf", "zz" + String(repeating: "0", count: 62), String(repeating: "0", count: 66)])
    func aPublicKeyThatIsNot64HexDigitsIsRefused(_ hex: String) {
        #expect(throws: DiscordSignatureVerifier.KeyError.self) {
            try DiscordSignatureVerifier(publicKeyHex: hex)
        }
    }
}
