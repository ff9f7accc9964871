import Foundation
import KlaxonDiscord
import Testing

/// Signatures made by PyNaCl with a key generated for this run, verified by Klaxon.
@Suite(.enabled(if: PyNaClSigner.isAvailable, "python3 with PyNaCl is not available here (python3 -m pip install PyNaCl); .ci/run installs it"))
struct IndependentSignatureTests {
    static let requests: [PyNaClSigner.Request] = [
        .init(timestamp: "1700000000", body: #"{"type":1,"id":"1","application_id":"2","token":"t","version":1}"#),
        .init(timestamp: "1800000000", body: #"{"type":2,"data":{"name":"incident","options":[{"type":1,"name":"declare","options":[{"type":3,"name":"title","value":"Téléversements en panne 🔥"}]}]}}"#),
        .init(timestamp: "1800000001", body: ""),
        .init(timestamp: "1800000002", body: String(repeating: "x", count: 60 * 1024)),
    ]

    @Test func pyNaClSignaturesVerify() throws {
        let signed = try PyNaClSigner.sign(Self.requests)
        let verifier = try DiscordSignatureVerifier(publicKeyHex: signed.public_key_hex)
        #expect(signed.signatures_hex.count == Self.requests.count)
        for (request, signature) in zip(Self.requests, signed.signatures_hex) {
            #expect(throws: Never.self) {
                try verifier.verify(body: Data(request.body.utf8), timestamp: request.timestamp, signature: signature, now: request.signedAt)
            }
        }
    }

    @Test func pyNaClSignaturesDoNotVerifyAnotherRequest() throws {
        let signed = try PyNaClSigner.sign(Self.requests)
        let verifier = try DiscordSignatureVerifier(publicKeyHex: signed.public_key_hex)
        for (index, request) in Self.requests.enumerated() {
            let otherSignature = signed.signatures_hex[(index + 1) % Self.requests.count]
            #expect(throws: DiscordSignatureVerifier.Failure.badSignature) {
                try verifier.verify(body: Data(request.body.utf8), timestamp: request.timestamp, signature: otherSignature, now: request.signedAt)
            }
            #expect(throws: DiscordSignatureVerifier.Failure.badSignature) {
                try verifier.verify(body: Data((request.body + " ").utf8), timestamp: request.timestamp, signature: signed.signatures_hex[index], now: request.signedAt)
            }
        }
    }

    @Test func aFreshKeyRejectsTheSharedVectors() throws {
        let signed = try PyNaClSigner.sign(Self.requests)
        let vector = DiscordVectors.loaded.discord.valid[0]
        #expect(throws: DiscordSignatureVerifier.Failure.badSignature) {
            try DiscordSignatureVerifier(publicKeyHex: signed.public_key_hex)
                .verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: vector.signature_hex, now: vector.signedAt)
        }
    }
}
