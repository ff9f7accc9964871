import KlaxonDiscord
import Testing

@Suite struct DiscordAllowedMentionsTests {
    @Test(arguments: [
        ("<@1> and <@2> and <@1>", ["1", "2"], [String]()),
        ("<@&7> for <@3>", ["3"], ["7"]),
        (#"\<@9> typed by a user"#, [], []),
        ("<@abc> <@> <@12 <@&>", [], []),
        ("@everyone <@!5>", [], []),
    ])
    func mentionsTheDialectWroteAreAllowedAndNothingElse(content: String, users: [String], roles: [String]) {
        let allowed = DiscordAllowedMentions(content: content, everyone: false)
        #expect(allowed.users == users)
        #expect(allowed.roles == roles)
        #expect(allowed.parse.isEmpty)
    }

    @Test func everyoneOnlyWhenAsked() {
        #expect(DiscordAllowedMentions(content: "@everyone", everyone: true).parse == ["everyone"])
        #expect(DiscordAllowedMentions(content: "@everyone", everyone: false).parse.isEmpty)
    }
}
