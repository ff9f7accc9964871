import Foundation
import KlaxonSlack
import Testing

@Suite struct SlackCommandRequestTests {
    @Test func officialPayloadDecodesItsFields() throws {
        let request = try SlackCommandRequest(form: Data(SignatureVectors.loaded.slack.valid[0].body.utf8))
        #expect(request.channelID == "G8PSS9T3V")
        #expect(request.userID == "U2CERLKJA")
        #expect(request.userName == "roadrunner")
        #expect(request.command == "/webhook-collect")
        #expect(request.text == "")
        #expect(request.responseURL == "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN")
        #expect(request.triggerID == "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
    }

    @Test func plusAndPercentEscapesDecodeInText() throws {
        let body = "channel_id=C1&user_id=U1&command=%2Fincident&text=p0+Uploads+%3C100%25%3E+%26+more+%3C%40U2%7Cbob%3E"
        let request = try SlackCommandRequest(form: Data(body.utf8))
        #expect(request.text == "p0 Uploads <100%> & more <@U2|bob>")
    }

    @Test(arguments: [
        ("user_id=U1&command=%2Fincident&text=x", "channel_id"),
        ("channel_id=C1&command=%2Fincident&text=x", "user_id"),
        ("channel_id=C1&user_id=U1&text=x", "command"),
        ("channel_id=C1&user_id=&command=%2Fincident", "user_id"),
    ])
    func missingFieldsAreNamed(body: String, field: String) {
        #expect(throws: SlackCommandRequest.Failure.missingField(field)) {
            try SlackCommandRequest(form: Data(body.utf8))
        }
    }

    @Test("Ids that are not Slack's or Mattermost's letters and digits are refused", arguments: [
        ("U1%3E%3C%21channel", "C1", "user_id"),
        ("U1", "C1%3E", "channel_id"),
        ("U1+2", "C1", "user_id"),
        ("U1%7Cbob", "C1", "user_id"),
        ("U1%0A", "C1", "user_id"),
        ("%40here", "C1", "user_id"),
        ("U1", "C%C3%A91", "channel_id"),
        (String(repeating: "U", count: 65), "C1", "user_id"),
    ])
    func idsThatAreNotLettersAndDigitsAreRefused(user: String, channel: String, field: String) {
        #expect(throws: SlackCommandRequest.Failure.invalidID(field)) {
            try SlackCommandRequest(form: Data("channel_id=\(channel)&user_id=\(user)&command=%2Fincident&text=list".utf8))
        }
    }

    @Test("Slack's and Mattermost's real ids are accepted", arguments: [
        ("U2CERLKJA", "G8PSS9T3V"), ("W012A3CDE", "C012AB3CD"), ("USLACKBOT", "D0123"),
        ("8bnfq5kuxtgy7x3uqhh7a3no3w", "jwrpcbfbe7g8bqa5pk1fsq5b5a"),
    ])
    func slacksAndMattermostsRealIdsAreAccepted(user: String, channel: String) throws {
        let request = try SlackCommandRequest(form: Data("channel_id=\(channel)&user_id=\(user)&command=%2Fincident&text=list".utf8))
        #expect(request.userID == user)
        #expect(request.channelID == channel)
    }

    @Test func brokenPercentEncodingIsRejected() {
        #expect(throws: SlackCommandRequest.Failure.notUTF8) {
            try SlackCommandRequest(form: Data("channel_id=C1&user_id=U1&command=%2Fincident&text=%E0%A4".utf8))
        }
    }
}

@Suite struct SlackEscapingTests {
    @Test func slacksEscapingOfWhatPeopleTypedIsUndoneOnce() throws {
        let body = "channel_id=C1&user_id=U1&command=%2Fincident&text=" + "p1 a &amp;lt; b &lt;x&gt; &amp; y".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        #expect(try SlackCommandRequest(form: Data(body.utf8)).text == "p1 a &lt; b <x> & y")
    }

    @Test("Only Slack's three entities are undone, each once", arguments: [
        ("no entities", "no entities"),
        ("&amp;amp; &amp;gt;", "&amp; &gt;"),
        ("&lt&gt; & &quot; &", "&lt> & &quot; &"),
        ("&&lt;&&gt;&", "&<&>&"),
        ("é&lt;ü", "é<ü"),
    ])
    func onlySlacksThreeEntitiesAreUndoneEachOnce(text: String, typed: String) throws {
        let body = "channel_id=C1&user_id=U1&command=%2Fincident&text=" + text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        #expect(try SlackCommandRequest(form: Data(body.utf8)).text == typed)
    }
}
