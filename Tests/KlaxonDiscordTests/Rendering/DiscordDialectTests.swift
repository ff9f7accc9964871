import KlaxonCore
import KlaxonDiscord
import KlaxonPolicy
import Testing

@Suite struct DiscordDialectTests {
    @Test(arguments: [
        ("plain text, #3 and a-b", "plain text, #3 and a-b"),
        ("*bold* _it_ ~~s~~ `code` ||spoiler||", #"\*bold\* \_it\_ \~\~s\~\~ \`code\` \|\|spoiler\|\|"#),
        ("<@123> <@&456> <t:1:R>", #"\<@123\> \<@&456\> \<t:1:R\>"#),
        (#"back\slash"#, #"back\\slash"#),
        ("[click](https://evil.example)", #"[click\](https://evil.example)"#),
        ("line\n# heading\n- item\n> quote", "line\n\\# heading\n\\- item\n\\> quote"),
        ("line\n  - indented item\n\t> indented quote", "line\n  \\- indented item\n\t\\> indented quote"),
        ("a - b\nnot - a list", "a - b\nnot - a list"),
        // Typed on Slack: its markup as a person reads it, not raw brackets.
        ("db down for <@U0BOB|bob> in <#C0OPS|ops>, see <https://status.example|AWS> <!here>", "db down for @bob in #ops, see AWS (https://status.example) @here"),
    ])
    func userTextIsEscapedForDiscordMarkdown(input: String, expected: String) {
        #expect(DiscordDialect().escape(input) == expected)
    }

    @Test func mentionsUseDiscordSyntax() {
        let dialect = DiscordDialect(roleIDs: ["cto": ["80351110224678912"], "security-team": ["role:41771983423143936"], "ceo": ["not-an-id"]])
        #expect(dialect.mention(Participant(platform: .discord, id: "53908232506183680", name: "bob")) == "<@53908232506183680>")
        #expect(dialect.mention(Participant(platform: .slack, id: "U0ALICE", name: "alice_b")) == #"@alice\_b"#)
        #expect(dialect.channelMention == "@everyone")
        #expect(dialect.mention(role: "cto", description: "CTO") == "<@80351110224678912>")
        #expect(dialect.mention(role: "security-team", description: "Security") == "<@&41771983423143936>")
        #expect(dialect.mention(role: "ceo", description: "CEO") == "*CEO*")
        #expect(dialect.mention(role: "legal-team", description: "Legal_team") == #"*Legal\_team*"#)
    }

    @Test("A name Discord cannot link is shown on one line, with no broadcast and no link", arguments: [
        ("everyone", "@\u{200B}everyone"),
        ("HERE", "@\u{200B}HERE"),
        ("Nelly\n> Resolved, all clear", #"@Nelly \> Resolved, all clear"#),
        ("Nelly\r\n\u{2028}# big", #"@Nelly # big"#),
        ("[docs](https://evil.example)", #"@[docs\](https://evil.example)"#),
        ("a @everyone b", "@a @\u{200B}everyone b"),
    ])
    func aNameDiscordCannotLinkIsShownOnOneLine(name: String, shown: String) {
        for person in [Participant(platform: .slack, id: "U0ALICE", name: name), Participant(platform: .discord, id: "not-a-snowflake", name: name)] {
            #expect(DiscordDialect().mention(person) == shown)
        }
    }

    @Test(arguments: [
        ("*Update on #1* from <@1>", "**Update on #1** from <@1>"),
        (#"*Title with \* star*"#, #"**Title with \* star**"#),
        ("Use `*literal*` here", "Use `*literal*` here"),
        (#"escaped \\ then *bold*"#, #"escaped \\ then **bold**"#),
    ])
    func templateBoldBecomesMarkdownBold(rendered: String, expected: String) {
        #expect(DiscordDialect().markup(rendered) == expected)
    }
}
