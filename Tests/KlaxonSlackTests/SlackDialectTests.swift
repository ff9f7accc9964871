import KlaxonCore
import KlaxonPolicy
import KlaxonSlack
import Testing

@Suite struct SlackDialectTests {
    @Test(arguments: [
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        // Broadcasts Slack sent as markup read as their names, and notify no one (no `link_names`).
        ("<!channel> <!here> <!subteam^S0DB|@db-team>", "@\u{200B}channel @\u{200B}here @db-team"),
        // Links stay links, as Slack sent them; anything else in angle brackets is text.
        ("see <https://grafana.example.com/d/1|dashboard> and <https://x.example.com/a?b=1&amp;c=2>",
         "see <https://grafana.example.com/d/1|dashboard> and <https://x.example.com/a?b=1&amp;c=2>"),
        ("<mailto:ops@example.com|ops@example.com> <javascript:alert(1)> <https://x y>",
         "<mailto:ops@example.com|ops@example.com> &lt;javascript:alert(1)&gt; https://x y"),
        ("plain *bold* \"quoted\"", "plain *bold* \"quoted\""),
    ])
    func userTextEscapesOnlyTheThreeCharactersSlackReserves(input: String, expected: String) {
        #expect(SlackDialect().escape(input) == expected)
    }

    /// People and channels picked from Slack's autocomplete arrive as `<@U…|name>` and `<#C…|name>`: in an update,
    /// posted back as mentions, not as the markup's text. Anything else shaped like one stays escaped.
    @Test(arguments: [
        ("handing over to <@U0BOB|bob>, <#C0DB|db-team> has context", "handing over to <@U0BOB>, <#C0DB> has context"),
        ("<@U1> and <@W0ENTERPRISE>", "<@U1> and <@W0ENTERPRISE>"),
        ("<#G0PRIVATE|ops> & <@U1|a<b>", "<#G0PRIVATE> &amp; &lt;@U1|a&lt;b&gt;"),
        // Not Slack's ids: plain names, which notify no one; not markup at all: escaped.
        ("<@u1> <@X1> <@U> <@U1 > <@U1|bob", "@u1 @X1 @U &lt;@U1 &gt; &lt;@U1|bob"),
        ("<@U1><!channel>", "<@U1>@\u{200B}channel"),
        ("<@U1|<!channel>>", "&lt;@U1|@\u{200B}channel&gt;"),
        ("<@U1|bob> see <https://status.example.com|status>", "<@U1> see <https://status.example.com|status>"),
    ])
    func peopleAndChannelsAnUpdateNamesStayMentions(input: String, expected: String) {
        #expect(SlackDialect().escapeKeepingMentions(input) == expected)
    }

    /// A title or a reason names people without notifying them: as Slack shows their names, not as markup.
    @Test func otherTextShowsThePeopleItNamesAsNames() {
        #expect(SlackDialect().escape("Logins fail for <@U0BOB|bob> in <#C0OPS|ops>") == "Logins fail for @bob in #ops")
    }

    @Test func mentionsUseSlackSyntax() {
        let dialect = SlackDialect(roleIDs: ["cto": ["U0CTO"], "security-team": ["S0SEC"], "engineers": ["!channel"], "leads": ["U1", "U2"]])
        #expect(dialect.mention(Participant(platform: .slack, id: "U123", name: "ann")) == "<@U123>")
        #expect(dialect.mention(Participant(platform: .slack, id: "@ann<", name: "ann<")) == "@ann&lt;")
        #expect(dialect.channelMention == "<!channel>")
        #expect(dialect.mention(role: "cto", description: "CTO") == "<@U0CTO>")
        #expect(dialect.mention(role: "security-team", description: "Security") == "<!subteam^S0SEC>")
        #expect(dialect.mention(role: "ceo", description: "CEO & founder") == "*CEO &amp; founder*")
        #expect(dialect.mention(role: "engineers", description: "All engineers") == "<!channel>")
        #expect(dialect.mention(role: "leads", description: "Leads") == "<@U1> <@U2>")
    }

    @Test("A name from another platform is shown on one line, with no broadcast", arguments: [
        ("Nelly\n> all clear", "@Nelly &gt; all clear"),
        ("here", "@\u{200B}here"),
        ("<!channel>", "@&lt;!channel&gt;"),
    ])
    func aNameFromAnotherPlatformIsShownOnOneLine(name: String, shown: String) {
        #expect(SlackDialect().mention(Participant(platform: .discord, id: "80351110224678912", name: name)) == shown)
    }
}

/// A people file's Slack ids become mentions only when they are ids: anything else cannot smuggle markup in.
@Suite struct SlackRoleMentionTests {
    @Test(arguments: [
        (["U0123ABCD"], "<@U0123ABCD>"),
        (["S0SECURITY"], "<!subteam^S0SECURITY>"),
        (["!here"], "<!here>"),
        (["U1><!channel"], "*CTO*"),
        (["!channel> <!everyone"], "*CTO*"),
        (["S1>x<!here"], "*CTO*"),
        (["U0123ABCD", "U1><!channel"], "<@U0123ABCD>"),
    ])
    func onlyWellFormedIdsBecomeMentions(ids: [String], expected: String) {
        #expect(SlackDialect(roleIDs: ["cto": ids]).mention(role: "cto", description: "CTO") == expected)
    }

    @Test("A template's placeholder in its own code span is escaped for Slack; its tags, and markup outside code, are not", arguments: [
        ("Post one: `/incident update {{id}} <what we know>` {{{ping}}}", "Post one: `/incident update {{id}} &lt;what we know&gt;` {{{ping}}}"),
        ("`{{> partial}}` and `a < b`", "`{{> partial}}` and `a &lt; b`"),
        ("Recovery target: < {{recoveryTarget}}. Commander: {{{commander}}}", "Recovery target: &lt; {{recoveryTarget}}. Commander: {{{commander}}}"),
        ("{{< parent}}{{$block}}x <3 y{{/block}}{{/parent}} <@U1> <https://a.example|a> <!here> <", "{{< parent}}{{$block}}x &lt;3 y{{/block}}{{/parent}} <@U1> <https://a.example|a> <!here> &lt;"),
        ("Dashboard: <{{{dashboardURL}}}|Grafana> · <#C0OPS> · <mailto:ops@example.com|ops>", "Dashboard: <{{{dashboardURL}}}|Grafana> · <#C0OPS> · <mailto:ops@example.com|ops>"),
        ("a <- b, <<x>> then {{{commander}}}", "a &lt;- b, &lt;&lt;x>> then {{{commander}}}"),
        ("Unpaired ` then <!channel>", "Unpaired ` then <!channel>"),
        ("`x <y>`\nnext line <z> `w`", "`x &lt;y&gt;`\nnext line &lt;z> `w`"),
    ])
    func aTemplatesPlaceholderInCodeIsEscaped(source: String, expected: String) {
        #expect(SlackDialect().templateSource(source) == expected)
    }

    @Test("A backtick in a title leaves the P0 alert's channel ping as a ping")
    func aBacktickInATitleKeepsThePing() throws {
        let policy = try PolicyLoader().loadDefault(templates: .defaults)
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: SlackDialect(roleIDs: [:]))
        let text = renderer.render(.initialAlert, ["id": "#1", "title": "Can't reach `db-primary", "severity": "P0", "headline": "Service is down", "ping": "<!channel>"])
        #expect(text.contains("<!channel>"), "\(text)")
        #expect(!text.contains("&lt;!channel&gt;"))
    }

    @Test("The recovery target's \"<\" reaches Slack escaped, so the commander's mention after it stays a mention")
    func theRecoveryTargetKeepsTheMentionAfterIt() throws {
        let policy = try PolicyLoader().loadDefault(templates: .defaults)
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: SlackDialect(roleIDs: [:]))
        let text = renderer.render(.initialAlert, ["id": "#1", "title": "Uploads", "severity": "P1", "recoveryTarget": "4 hours", "hasCommander": true, "commander": "<@U1>"])
        #expect(text.contains("Recovery target: &lt; 4 hours. Commander: <@U1>"), "\(text)")
    }

    @Test("The update nudge Slack posts shows its suggested command's placeholder escaped")
    func theNudgeShowsItsPlaceholderEscaped() throws {
        let policy = try PolicyLoader().loadDefault(templates: .defaults)
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: SlackDialect())
        let text = renderer.render(.nudgeUpdateDue, ["id": "#1", "title": "Uploads failing", "cadence": "15 minutes"])
        #expect(text.contains("`/incident update #1 &lt;what we know"), "\(text)")
        let spans = text.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        #expect(spans.allSatisfy { !$0.contains("<") && !$0.contains(">") }, "\(spans)")
    }
}
