import Foundation
import KlaxonCore
import KlaxonSlack
import Testing

@Suite struct MattermostDialectTests {
    @Test(arguments: [
        ("plain #3 text", "plain #3 text"),
        ("*bold* _it_ ~s~ `code` \\", #"\*bold\* \_it\_ \~s\~ \`code\` \\"#),
        ("ping @channel and @all", "ping @\u{200B}channel and @\u{200B}all"),
        ("[x](https://evil.example)", #"[x\](https://evil.example)"#),
        // Typed on Slack: its markup read as names, which then ping no one.
        ("<!channel> <!here|here> <@U1|ann> <https://status.example|AWS>", "@\u{200B}channel @\u{200B}here @\u{200B}ann AWS (https://status.example)"),
        ("a <b and c> d", "a <\u{200B}b and c> d"),
    ])
    func userTextCannotFormatOrNotify(input: String, expected: String) {
        #expect(MattermostDialect().escape(input) == expected)
    }

    @Test func mentionsUseUsernamesAndChannel() {
        let dialect = MattermostDialect()
        #expect(dialect.mention(Participant(platform: .mattermost, id: "u1abc", name: "ann")) == "@ann")
        #expect(dialect.mention(Participant(platform: .mattermost, id: "@bob", name: "bob")) == "@bob")
        #expect(dialect.channelMention == "@channel")
        #expect(dialect.mention(role: "cto", description: "CTO") == "*CTO*")
        #expect(dialect.markup("*[P0 INCIDENT] x* - `*y*`") == "**[P0 INCIDENT] x** - `*y*`")
    }

    @Test("A role is mentioned by the people file's usernames; a name that is no username is left out, never pinged", arguments: [
        (["@ann", "sre-team"], "@ann @sre-team"),
        (["ann @channel", "bo"], "@bo"),
        (["@channel", "here", "<!here>"], "*Security team*"),
        (["!channel", "ann"], "@channel @ann"),
        ([], "*Security team*"),
    ])
    func aRoleIsMentionedByItsUsernames(names: [String], shown: String) {
        let dialect = MattermostDialect(roleUsernames: ["security-team": names])
        #expect(dialect.mention(role: "security-team", description: "Security team") == shown)
    }
}

@Suite struct MattermostNameTests {
    @Test("A name that is no plain username is shown, never linked or formatted", arguments: [
        ("here", "@\u{200B}here"),
        ("Channel", "@\u{200B}Channel"),
        ("@all", "@\u{200B}all"),
        ("bob@here", "@\u{200B}bob@\u{200B}here"),
        ("Ann\n> Everyone: the incident is over", "@\u{200B}Ann > Everyone: the incident is over"),
        ("[support](https://evil.example)", #"@\#u{200B}[support\](https://evil.example)"#),
        ("*boss*", #"@\#u{200B}\*boss\*"#),
    ])
    func aNameThatIsNoPlainUsernameIsShownNeverLinkedOrFormatted(name: String, shown: String) {
        for platform in [Platform.mattermost, .discord] {
            #expect(MattermostDialect().mention(Participant(platform: platform, id: "u1abc", name: name)) == shown)
        }
    }

    @Test func aPlainUsernameStillMentionsItsPerson() {
        #expect(MattermostDialect().mention(Participant(platform: .mattermost, id: "u1abc", name: "ann.lee-2_b")) == "@ann.lee-2_b")
    }

    @Test("Someone from another platform is shown by name, never as a Mattermost mention: their name may be a user's or a group's here", arguments: [
        (Platform.discord, "security"), (.slack, "oncall"), (.discord, "Dave"), (.api, "ci"),
    ])
    func someoneFromAnotherPlatformIsNeverAMention(platform: Platform, name: String) {
        #expect(MattermostDialect().mention(Participant(platform: platform, id: "x1", name: name)) == "@\u{200B}\(name)")
    }
}

@Suite struct MattermostTokenVerifierTests {
    let verifier = MattermostTokenVerifier(token: "s3cret-token")

    @Test(arguments: [
        ("Token s3cret-token", ""),
        ("token  s3cret-token ", ""),
        (nil, "token=s3cret-token&text=x"),
        ("Bearer whatever", "text=x&token=s3cret-token"),
        // Malformed elsewhere: the token is still read, and the form refused once it is.
        (nil, "token=s3cret-token&text=%ZZ"),
    ] as [(String?, String)])
    func theRightTokenIsAccepted(authorization: String?, body: String) throws {
        try verifier.verify(authorization: authorization, body: Data(body.utf8))
    }

    @Test(arguments: [
        ("Token s3cret-tokeN", "", MattermostTokenVerifier.Failure.badToken),
        ("Token s3cret-token-and-more", "", .badToken),
        (nil, "token=s3cret&text=x", .badToken),
        ("Token ", "text=x", .missingToken),
        (nil, "text=x", .missingToken),
        ("Token wrong", "token=s3cret-token", .badToken),
        (nil, "token=nope&text=%ZZ", .badToken),
        (nil, "text=%ZZ", .missingToken),
    ] as [(String?, String, MattermostTokenVerifier.Failure)])
    func aWrongOrMissingTokenIsRefused(authorization: String?, body: String, expected: MattermostTokenVerifier.Failure) {
        #expect(throws: expected) {
            try verifier.verify(authorization: authorization, body: Data(body.utf8))
        }
    }
}
