import KlaxonCore
import KlaxonPolicy
import KlaxonSlack
@testable import KlaxonServer
import Testing

/// Help and runbooks are answered from the policy alone; a name typed after `help` may be a command, its alias, its
/// path on Discord (`page public`) or a group Discord's help lists (`page`).
@Suite struct FixedAnswerTests {
    @Test("Help finds a command, a grouped command by its path, and a group", arguments: [
        ("update", "help:update", CommandOutcome.help(CommandCatalogue.spec(named: "update"))),
        ("page public", "help:public", .help(CommandCatalogue.spec(named: "public"))),
        ("page", "help-group:page", .helpGroup(.page)),
        ("Findings", "help-group:findings", .helpGroup(.findings)),
        ("/incident page", "help-group:page", .helpGroup(.page)),
    ])
    func helpFindsACommandOrAGroup(typed: String, key: String, outcome: CommandOutcome) throws {
        let policy = try PolicyLoader().loadDefault(templates: .defaults)
        let answer = try #require(try FixedAnswer(.help(typed), policy: policy))
        #expect(answer.key == key)
        #expect(answer.outcome == outcome)
    }

    @Test func helpForANameThatIsNoCommandNorGroupIsRefused() throws {
        let policy = try PolicyLoader().loadDefault(templates: .defaults)
        #expect(throws: CommandRejection.unknownCommand("pages")) { try FixedAnswer(.help("pages"), policy: policy) }
    }

    @Test func aGroupsHelpListsItsCommandsInTheTextSyntax() throws {
        let policy = try PolicyLoader().loadDefault(templates: .defaults)
        let composer = ReplyComposer(renderer: try MessageRenderer(policy: policy, templates: .defaults, dialect: SlackDialect()))
        let text = composer.reply(to: .helpGroup(.checklist), now: .now).text
        #expect(text.hasPrefix("*Klaxon: Tick a checklist item, or take a tick back*"), "\(text)")
        #expect(text.contains("• `/incident check [#id] &lt;item&gt;`"), "\(text)")
        #expect(text.contains("• `/incident uncheck"))
        #expect(!text.contains("/incident declare"))
    }
}
