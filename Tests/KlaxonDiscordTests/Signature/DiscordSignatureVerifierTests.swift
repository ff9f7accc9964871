import Crypto
import Foundation
import KlaxonDiscord
import Testing

@Suite struct DiscordSignatureVerifierTests {
    @Test(arguments: DiscordVectors.loaded.discord.valid)
    func validDiscordVectorsVerify(_ vector: DiscordVectors.Request) throws {
        let verifier = try DiscordSignatureVerifier(publicKeyHex: vector.public_key_hex)
        try verifier.verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: vector.signature_hex)
    }

    @Test(arguments: DiscordVectors.loaded.discord.invalid)
    func invalidDiscordVectorsAreRejected(_ vector: DiscordVectors.Request) throws {
        let verifier = try DiscordSignatureVerifier(publicKeyHex: vector.public_key_hex)
        #expect(throws: DiscordSignatureVerifier.Failure.badSignature) {
            try verifier.verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: vector.signature_hex)
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
                .verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: vector.signature_hex)
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
            try verifier.verify(body: Data(vector.body.utf8), timestamp: timestamp, signature: signature)
        }
    }

    @Test func theTimestampIsPartOfWhatIsSigned() throws {
        let vector = DiscordVectors.loaded.discord.valid[0]
        let verifier = try DiscordSignatureVerifier(publicKeyHex: vector.public_key_hex)
        #expect(throws: DiscordSignatureVerifier.Failure.badSignature) {
            try verifier.verify(body: Data(vector.body.utf8), timestamp: "1700000001", signature: vector.signature_hex)
        }
    }

    @Test(arguments: ["", "03a107bf", "zz" + String(repeating: "0", count: 62), String(repeating: "0", count: 66)])
    func aPublicKeyThatIsNot64HexDigitsIsRefused(_ hex: String) {
        #expect(throws: DiscordSignatureVerifier.KeyError.self) {
            try DiscordSignatureVerifier(publicKeyHex: hex)
        }
    }
}
