import KlaxonCore
import KlaxonDiscord
import KlaxonPolicy
import Testing

/// The commands Klaxon's texts suggest are written in the text grammar; on Discord they must be typeable there.
@Suite struct DiscordCommandTranslationTests {
    @Test("A suggested command is rewritten into Discord's subcommands and options, the incident last", arguments: [
        ("/incident commander #1 me", "/incident commander incident:#1"),
        ("/incident commander #1 @alice", "/incident commander user:@alice incident:#1"),
        ("/incident resolve #1 <summary> --force <reason>", "/incident resolve summary:<summary> force:<reason> incident:#1"),
        ("/incident check #1 <item>", "/incident checklist check item:<item> incident:#1"),
        ("/incident severity #1 p1 <reason>", "/incident severity severity:p1 reason:<reason> incident:#1"),
        ("/incident update #2 <text>", "/incident update text:<text> incident:#2"),
        ("/incident update #4 --public <text>", "/incident update text:<text> public:true incident:#4"),
        ("/incident review #1 done --force <reason>", "/incident review done:true force:<reason> incident:#1"),
        ("/incident review #1 schedule 2026-12-01 10:00 +01:00", "/incident review when:2026-12-01 10:00 +01:00 incident:#1"),
        ("/incident action #1 done 1", "/incident action done:1 incident:#1"),
        ("/incident action #1 @owner <text>", "/incident action text:<text> owner:@owner incident:#1"),
        ("/incident notify customers #3 --again", "/incident page notify audience:customers again:true incident:#3"),
        ("/incident public #4 <title for customers>", "/incident page public title:<title for customers> incident:#4"),
        ("/incident public #id <title for customers>", "/incident page public title:<title for customers> incident:#id"),
        ("/incident cause #1 <text>", "/incident findings cause text:<text> incident:#1"),
        ("/incident reopen #1 <what came back>", "/incident reopen reason:<what came back> incident:#1"),
        ("/incident note #3 <text>", "/incident note text:<text> incident:#3"),
        ("/incident p0 <title>", "/incident declare severity:p0 title:<title>"),
        ("/incident p0|p1|p2|p3 <title>", "/incident declare severity:p0|p1|p2|p3 title:<title>"),
        ("/incident p2 Uploads failing for everyone --public", "/incident declare severity:p2 title:Uploads failing for everyone public:true"),
        ("/incident list", "/incident list"),
        ("/incident show #1", "/incident show incident:#1"),
        ("/incident report #1", "/incident report incident:#1"),
        ("/incident commander", "/incident commander"),
        ("/incident frobnicate #1", "/incident frobnicate #1"),
        // A usage line's optional `name:value` in brackets, and an optional choice written out, are those options.
        ("/incident action #3 @owner <text> [team:<team>] [due:YYYY-MM-DD]", "/incident action text:<text> owner:@owner team:<team> due:YYYY-MM-DD incident:#3"),
        ("/incident affects #3 <component> degraded|partial|major|operational", "/incident page affects components:<component> impact:degraded|partial|major|operational incident:#3"),
        ("/incident affects #3 uploads major", "/incident page affects components:uploads impact:major incident:#3"),
        // Discord's own syntax stays as it is: translating twice changes nothing.
        ("/incident update text:Rolled back the deploy, watching error rates", "/incident update text:Rolled back the deploy, watching error rates"),
        ("/incident update text (optional: public, incident)", "/incident update text (optional: public, incident)"),
        ("/incident resolve summary:<summary> force:<reason> incident:#1", "/incident resolve summary:<summary> force:<reason> incident:#1"),
        // A usage's optional flag group, and its `@user|me`.
        ("/incident resolve #1 <summary> [--force <reason>]", "/incident resolve summary:<summary> force:<reason> incident:#1"),
        ("/incident commander #1 @user|me", "/incident commander incident:#1"),
    ])
    func aCommandIsRewritten(_ grammar: String, _ discord: String) {
        #expect(DiscordCommandSyntax.translatingCommands(in: "Try `\(grammar)`.") == "Try `\(discord)`.")
    }

    @Test("A flag named alone is Discord's option", arguments: [
        ("or use `update` without `--public`.", "or use `update` without `public:true`."),
        ("resolve anyway with `--force <reason>`", "resolve anyway with `force:<reason>`"),
        ("keep `--verbose`", "keep `--verbose`"),
    ])
    func aFlagNamedAloneIsDiscordsOption(text: String, expected: String) {
        #expect(DiscordCommandSyntax.translatingCommands(in: text) == expected)
    }

    @Test("A backtick escaped in typed text (a title, a note) is text, not the edge of a code span")
    func anEscapedBacktickIsText() {
        let text = "*it\\`s down* Commander: `/incident commander #3 me`; noted: tried \\`/incident note #1 hi\\`"
        #expect(DiscordCommandSyntax.translatingCommands(in: text)
            == "*it\\`s down* Commander: `/incident commander incident:#3`; noted: tried \\`/incident note #1 hi\\`")
    }

    @Test func aUsageLineBecomesDiscordsUsage() throws {
        let spec = try #require(CommandCatalogue.spec(named: "started"))
        #expect(DiscordCommandSyntax.translatingCommands(in: "Usage: `\(spec.usage)`") == "Usage: `/incident milestone started time (optional: incident)`")
    }

    @Test("Only code spans that hold a command change: other spans, plain text and an unclosed backtick stay as they are")
    func onlyCommandSpansChange() {
        let text = "Open items: `smoke-tests`, `rollback`. Run /incident list or `/incident check #2 <item>`; a stray ` stays"
        #expect(DiscordCommandSyntax.translatingCommands(in: text)
            == "Open items: `smoke-tests`, `rollback`. Run /incident list or `/incident checklist check item:<item> incident:#2`; a stray ` stays")
    }

    @Test("A notice's prompts and suggested update show their commands as Discord commands, with no escapes inside the code")
    func noticesShowDiscordCommandsWithoutEscapes() throws {
        let policy = try PolicyLoader().loadDefault(templates: .defaults)
        let notices = try NoticeRenderer(policy: policy, templates: .defaults, dialect: DiscordDialect(roleIDs: [:]))
        let incident = try DiscordFixture.incident(of: DiscordFixture.outcome(.declare(severity: .p0, title: "Uploads_failing for <50% *users*", kind: .general, publicFacing: false)))
        let overdue = Notice(
            kind: .checklistOverdue, incident: incident.id, sequence: 1, destination: .incidentChannel(DiscordFixture.channel),
            prompts: ["Incident commander assigned: `/incident commander #1 me` (or `@someone`) does it"]
        )
        let text = notices.text(overdue, incident: incident, now: DiscordFixture.now)
        #expect(text.contains("• Incident commander assigned: `/incident commander incident:#1` (or `@someone`) does it"), "\(text)")
        let nudge = Notice(kind: .nudgeUpdateDue, incident: incident.id, sequence: 1, destination: .incidentChannel(DiscordFixture.channel), offer: .update30Minutes)
        let suggested = notices.text(nudge, incident: incident, now: DiscordFixture.now)
        #expect(suggested.contains("`/incident update text:We're still investigating Uploads_failing for <50% *users*."), "\(suggested)")
    }
}
