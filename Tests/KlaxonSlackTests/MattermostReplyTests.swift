import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonSlack
import Testing

@Suite struct MattermostReplyTests {
    static func reply(dialect: any ChatDialect, to outcome: CommandOutcome) throws -> [String: Any] {
        let policy = try PolicyLoader().loadDefault(templates: .defaults)
        let responder = SlackResponder(renderer: try MessageRenderer(policy: policy, templates: .defaults, dialect: dialect))
        let json = try JSONEncoder().encode(responder.reply(to: outcome, now: Date(timeIntervalSince1970: 1_800_000_000)))
        return try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    }

    @Test func mattermostRepliesTurnOffSlackStyleParsing() throws {
        let reply = try Self.reply(dialect: MattermostDialect(), to: .rejected(.unknownCommand("x")))
        #expect(reply["skip_slack_parsing"] as? Bool == true)
    }

    @Test func slackRepliesCarryNoMattermostField() throws {
        let reply = try Self.reply(dialect: SlackDialect(), to: .rejected(.unknownCommand("x")))
        #expect(reply["skip_slack_parsing"] == nil)
    }

    @Test(arguments: ["<!channel>", "<!here>", "<!all>", "<https://evil.example|docs>"])
    func slackStyleMarkupTypedBySomeoneCannotPingOrLinkOnMattermost(typed: String) throws {
        let reply = try Self.reply(dialect: MattermostDialect(), to: .rejected(.unknownCommand(typed)))
        let text = try #require(reply["text"] as? String)
        #expect(text.contains("<\u{200B}" + typed.dropFirst()))
        #expect(!text.contains(typed))
    }

    @Test func aUsagesPlaceholdersCarryNoInvisibleCharacterToCopyOnMattermost() throws {
        let reply = try Self.reply(dialect: MattermostDialect(), to: .rejected(.missingArgument(command: "resolve", what: "a summary")))
        let text = try #require(reply["text"] as? String)
        #expect(text.contains("<summary>"), "\(text)")
        #expect(!text.contains("<\u{200B}"), "\(text)")
    }
}
