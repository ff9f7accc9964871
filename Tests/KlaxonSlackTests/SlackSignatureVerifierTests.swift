import Dispatch
import Foundation
import KlaxonSlack
import Testing

@Suite struct SlackSignatureVerifierTests {
    @Test(arguments: SignatureVectors.loaded.slack.valid)
    func officialSlackVectorVerifies(_ vector: SignatureVectors.SlackCase) throws {
        let verifier = SlackSignatureVerifier(signingSecret: vector.signing_secret)
        try verifier.verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: vector.presentedSignature, now: vector.now)
    }

    @Test(arguments: SignatureVectors.loaded.slack.valid)
    func signingReproducesTheIndependentSignature(_ vector: SignatureVectors.SlackCase) {
        let verifier = SlackSignatureVerifier(signingSecret: vector.signing_secret)
        #expect(verifier.signature(body: Data(vector.body.utf8), timestamp: vector.timestamp) == vector.expected_signature)
    }

    @Test(arguments: SignatureVectors.loaded.slack.invalid)
    func invalidVectorsAreRejected(_ vector: SignatureVectors.SlackCase) {
        let verifier = SlackSignatureVerifier(signingSecret: vector.signing_secret)
        #expect(throws: SlackSignatureVerifier.Failure.self) {
            try verifier.verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: vector.presentedSignature, now: vector.now)
        }
    }

    @Test func exactlyThreeHundredSecondsOldIsStillAccepted() throws {
        let vector = SignatureVectors.loaded.slack.valid[0]
        let verifier = SlackSignatureVerifier(signingSecret: vector.signing_secret)
        let edge = Date(timeIntervalSince1970: TimeInterval(Int(vector.timestamp)! + 300))
        try verifier.verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: vector.presentedSignature, now: edge)
        let future = Date(timeIntervalSince1970: TimeInterval(Int(vector.timestamp)! - 301))
        #expect(throws: SlackSignatureVerifier.Failure.stale) {
            try verifier.verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: vector.presentedSignature, now: future)
        }
    }

    @Test(arguments: [
        (nil, "v0=00", SlackSignatureVerifier.Failure.missingHeaders),
        ("1531420618", nil, .missingHeaders),
        ("yesterday", "v0=00", .malformedTimestamp),
        ("1531420618", "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", .badSignature),
        ("1531420618", "v0=zz", .badSignature),
        ("1531420618", "v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B50", .badSignature),
    ] as [(String?, String?, SlackSignatureVerifier.Failure)])
    func malformedHeadersAreRejectedWithTheirReason(timestamp: String?, signature: String?, expected: SlackSignatureVerifier.Failure) {
        let vector = SignatureVectors.loaded.slack.valid[0]
        let verifier = SlackSignatureVerifier(signingSecret: vector.signing_secret)
        #expect(throws: expected) {
            try verifier.verify(body: Data(vector.body.utf8), timestamp: timestamp, signature: signature, now: vector.now)
        }
    }

    @Test func aDifferentSecretFailsTheOfficialVector() {
        let vector = SignatureVectors.loaded.slack.valid[0]
        let verifier = SlackSignatureVerifier(signingSecret: "not-the-secret")
        #expect(throws: SlackSignatureVerifier.Failure.badSignature) {
            try verifier.verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: vector.presentedSignature, now: vector.now)
        }
    }

    /// A signature wrong in one digit only, at its start, middle or end: the whole code is compared, not a part of it.
    @Test(arguments: [3, 34, 66])
    func aSignatureWrongInOneDigitIsRefused(at offset: Int) {
        let vector = SignatureVectors.loaded.slack.valid[0]
        let verifier = SlackSignatureVerifier(signingSecret: vector.signing_secret)
        var signature = Array(vector.presentedSignature.utf8)
        signature[offset] = signature[offset] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        #expect(throws: SlackSignatureVerifier.Failure.badSignature) {
            try verifier.verify(body: Data(vector.body.utf8), timestamp: vector.timestamp, signature: String(decoding: signature, as: UTF8.self), now: vector.now)
        }
    }

    /// A body in two pieces (as a network read may leave it) verifies as the same bytes in one.
    @Test func aBodyInTwoPiecesVerifiesAsInOne() throws {
        let vector = SignatureVectors.loaded.slack.valid[0]
        let verifier = SlackSignatureVerifier(signingSecret: vector.signing_secret)
        let bytes = Array(vector.body.utf8)
        var body = DispatchData.empty
        bytes[..<10].withUnsafeBytes { body.append($0) }
        bytes[10...].withUnsafeBytes { body.append($0) }
        #expect(Array(body.regions).count == 2)
        try verifier.verify(body: body, timestamp: vector.timestamp, signature: vector.presentedSignature, now: vector.now)
    }
}
