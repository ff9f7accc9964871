import KlaxonCore
import Testing

@Suite("ChatMarkup: what the status page must not show")
struct ChatMarkupTests {
    @Test("Mentions are found as each platform sends them, and named as a person reads them", arguments: [
        ("Thanks <@U0BOB|bob> and <@U0CAROL>", Platform.slack, ["@bob", "@U0CAROL"]),
        ("Ask in <#C0OPS|ops> or <#C0SEC>", .slack, ["#ops", "#C0SEC"]),
        ("Heads up <!here> <!channel> <!subteam^S0SRE|@sre>", .slack, ["@here", "@channel", "@sre"]),
        ("Thanks <@123> <@!456> <@&789> in <#42>", .discord, ["@123", "@456", "@789", "#42"]),
        ("Thanks @bob, ask ~ops-team.", .mattermost, ["@bob", "~ops-team"]),
        ("Fixed (thanks @bob) see \"~ops\"", .mattermost, ["@bob", "~ops"]),
        ("Heads up @everyone, (@here) too; @everyonely is a word", .discord, ["@everyone", "@here"]),
        ("Write to support@example.com about ~5 minutes of errors", .mattermost, []),
        ("@bob is plain text on Slack", .slack, []),
        ("Ping @here and @Channel now; <!here> too", .slack, ["@here", "@Channel"]),
        ("Status from @all of us", .api, ["@all"]),
        ("Latency < 5 ms > before; see <https://example.com|the graph>", .slack, []),
        ("a < b <@U0BOB|bob>", .slack, ["@bob"]),
        ("No markup at all", .api, []),
        // Beside markup or punctuation, a mention is still one.
        ("E2 *@here* broken", .discord, ["@here"]),
        ("G2 `@here` broken", .discord, ["@here"]),
        ("B2 x>@here broken", .discord, ["@here"]),
        ("H2 <b>@here</b> broken", .slack, ["@here"]),
        ("Fixed for *@all* users, thanks _@bob_ and **~ops**", .mattermost, ["@all", "@bob", "~ops"]),
        ("Mail ann@example.com or ops@here.example", .discord, []),
        ("p99 < 200ms for @here > 50%", .discord, ["@here"]),
        ("See https://medium.com/@acme/postmortem and https://host/~user", .mattermost, []),
    ] as [(String, Platform, [String])])
    func mentionsAreFound(text: String, platform: Platform, expected: [String]) {
        #expect(ChatMarkup.mentions(in: text, typedOn: platform) == expected)
    }

    @Test("Slack's links are written out for a page, and nothing else changes", arguments: [
        ("See <https://example.com/a|the post>.", "See the post (https://example.com/a)."),
        ("See <https://example.com/a>", "See https://example.com/a"),
        ("Mail <mailto:help@example.com|help@example.com>", "Mail help@example.com (mailto:help@example.com)"),
        ("See <https://example.com|https://example.com>", "See https://example.com"),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
        ("a < b: <https://example.com|the graph>", "a < b: the graph (https://example.com)"),
        ("<ftp://x|y> stays", "<ftp://x|y> stays"),
        ("No links", "No links"),
    ])
    func slackLinksAreWrittenOut(text: String, expected: String) {
        #expect(ChatMarkup.plainLinks(text) == expected)
    }

    @Test("Off the platform (email, console), Slack's mentions read as Slack shows them, and its links are written out", arguments: [
        ("Fixed by <@U0BOB|bob> in <#C123|ops>", "Fixed by @bob in #ops"),
        ("<!here> ping <@U0ALICE>", "@here ping @U0ALICE"),
        ("<!subteam^S0DBA|@dba> looked; see <https://example.com|the graph>", "@dba looked; see the graph (https://example.com)"),
        ("1 < 2 and <ftp://x|y>", "1 < 2 and <ftp://x|y>"),
    ])
    func slackMarkupIsReadableOffThePlatform(text: String, expected: String) {
        #expect(ChatMarkup.readable(text) == expected)
    }
}
