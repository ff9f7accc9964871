import Foundation
import Testing

@testable import KlaxonSlack

@Suite struct URLEncodedFormTests {
    @Test("A body decodes into its fields", arguments: [
        ("channel_id=C1&user_id=U1", ["channel_id": "C1", "user_id": "U1"]),
        ("text=p0+Uploads+down", ["text": "p0 Uploads down"]),
        ("text=1%2B1+%3D+2", ["text": "1+1 = 2"]),
        ("text=caf%C3%A9+%E2%9C%85+%F0%9F%94%A5", ["text": "café ✅ 🔥"]),
        ("text=café ✅", ["text": "café ✅"]),
        ("%74%65%78%74=%4a%4B", ["text": "JK"]),
        ("text=first&text=second", ["text": "second"]),
        ("flag&empty=&=nameless", ["flag": "", "empty": "", "": "nameless"]),
        ("&&text=a=b&", ["text": "a=b"]),
        ("text=%00%25", ["text": "\u{0}%"]),
        ("", [:]),
    ] as [(String, [String: String])])
    func aBodyDecodesIntoItsFields(body: String, fields: [String: String]) throws {
        #expect(try URLEncodedForm.fields(Data(body.utf8)) == fields)
    }

    static let malformed: [([UInt8], SlackCommandRequest.Failure)] = [
        (Array("text=%zz".utf8), .badEscape),
        (Array("text=%4".utf8), .badEscape),
        (Array("text=%4&user_id=U1".utf8), .badEscape),
        (Array("text=%".utf8), .badEscape),
        (Array("%g1=x".utf8), .badEscape),
        (Array("text=%zzabcdefghijkl".utf8), .badEscape),
        (Array("text=%E0%A4".utf8), .notUTF8),
        (Array("text=%C3%28".utf8), .notUTF8),
        // Cut short after three of its four bytes: repaired, it is as long as it was, and still not UTF-8.
        (Array("text=%F0%9F%98".utf8), .notUTF8),
        (Array("text=".utf8) + [0xFF], .notUTF8),
        ([0xC3] + Array("=x".utf8), .notUTF8),
    ]

    /// Long parts, whose bytes are checked eight at a time before the tail: a bad byte in each place of two words,
    /// in a value and in a name.
    static let malformedLong: [([UInt8], SlackCommandRequest.Failure)] = (0..<16).flatMap { offset in
        var part = Array("abcdefghijklmnop".utf8)
        part[offset] = 0xFE
        let inValue: [UInt8] = Array("text=".utf8) + part
        let inName: [UInt8] = part + Array("=x".utf8)
        return [(inValue, SlackCommandRequest.Failure.notUTF8), (inName, .notUTF8)]
    }

    @Test("A malformed body is refused with its reason", arguments: malformed + malformedLong)
    func aMalformedBodyIsRefusedWithItsReason(body: [UInt8], failure: SlackCommandRequest.Failure) {
        #expect(throws: failure) { try URLEncodedForm.fields(body) }
        // A body that is not in one piece is read alike.
        #expect(throws: failure) { try URLEncodedForm.fields(AnySequence(body)) }
    }

    @Test func aBodyNotInOnePieceDecodesAsOneThatIs() throws {
        let body = Array("channel_id=C1&text=p0+Uploads+%E2%9C%85&flag".utf8)
        #expect(try URLEncodedForm.fields(AnySequence(body)) == ["channel_id": "C1", "text": "p0 Uploads ✅", "flag": ""])
    }
}

@Suite struct SlashCommandFormTests {
    @Test func slacksCertificateProbeIsRecognisedWithoutCommandFields() throws {
        #expect(try SlashCommandForm(body: Data("ssl_check=1&token=abc".utf8)) == .sslCheck)
    }

    @Test func aCommandIsDecodedWhenTheBodyIsNotAProbe() throws {
        let form = try SlashCommandForm(body: Data("ssl_check=0&channel_id=C1&user_id=U1&command=%2Fincident&text=list".utf8))
        guard case .command(let request) = form else {
            Issue.record("decoded as \(form)")
            return
        }
        #expect(request.text == "list")
    }

    @Test("A field Klaxon does not read is still checked as form data", arguments: [
        ("token=%zz&channel_id=C1&user_id=U1&command=%2Fincident&text=list", .badEscape),
        ("api_app_id=%C3%28&channel_id=C1&user_id=U1&command=%2Fincident&text=list", .notUTF8),
        ("channel_id=C1&user_id=U1&command=%2Fincident&text=list&team_domain=%E0%A4", .notUTF8),
    ] as [(String, SlackCommandRequest.Failure)])
    func aFieldKlaxonDoesNotReadIsStillCheckedAsFormData(body: String, failure: SlackCommandRequest.Failure) {
        #expect(throws: failure) { try SlashCommandForm(body: Data(body.utf8)) }
    }

    @Test func fieldsAreFoundByTheirDecodedNamesAndTheLastOfThemWins() throws {
        let body = "%63hannel_id=C1&user%5Fid=U1&command=%2Fincident&text=first&text=second&trigger%5fid=t.1&channel_id=C2"
        guard case .command(let request) = try SlashCommandForm(body: Data(body.utf8)) else {
            Issue.record("decoded as a probe")
            return
        }
        #expect(request.channelID == "C2")
        #expect(request.userID == "U1")
        #expect(request.text == "second")
        #expect(request.triggerID == "t.1")
        #expect(request.responseURL == nil)
    }

    @Test func aProbeThatIsNotAProbeStillNeedsTheCommandFields() {
        #expect(throws: SlackCommandRequest.Failure.missingField("channel_id")) {
            try SlashCommandForm(body: Data("ssl_check=0&token=abc".utf8))
        }
    }
}
