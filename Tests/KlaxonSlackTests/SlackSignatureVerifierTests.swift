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
}
