import KlaxonCore
import Testing

@Suite("CommandParser")
struct CommandParserTests {
    let parser = CommandParser(platform: .slack)

    static let declarations: [(String, IncidentCommand)] = [
        ("p0 Uploads failing", .declare(severity: .p0, title: "Uploads failing", kind: .general, publicFacing: false)),
        ("P1 Login broken", .declare(severity: .p1, title: "Login broken", kind: .general, publicFacing: false)),
        ("declare p2 OCR not processing", .declare(severity: .p2, title: "OCR not processing", kind: .general, publicFacing: false)),
        ("DECLARE P3 Documentation typo", .declare(severity: .p3, title: "Documentation typo", kind: .general, publicFacing: false)),
        ("declare sev0 Database down", .declare(severity: .p0, title: "Database down", kind: .general, publicFacing: false)),
        ("declare 2 Reports stuck", .declare(severity: .p2, title: "Reports stuck", kind: .general, publicFacing: false)),
        ("sev1 Payments broken", .declare(severity: .p1, title: "Payments broken", kind: .general, publicFacing: false)),
        ("p0 kind:security API key leaked", .declare(severity: .p0, title: "API key leaked", kind: .security, publicFacing: false)),
        ("p1 Refunds kind:billing charged twice", .declare(severity: .p1, title: "Refunds charged twice", kind: .billing, publicFacing: false)),
        ("p0 Customer data exposed KIND:Data-Breach", .declare(severity: .p0, title: "Customer data exposed", kind: .dataBreach, publicFacing: false)),
        ("p1 Auth down kind:general", .declare(severity: .p1, title: "Auth down", kind: .general, publicFacing: false)),
        ("p0 Uploads failing for everyone --public", .declare(severity: .p0, title: "Uploads failing for everyone", kind: .general, publicFacing: true)),
        ("p2 Custom domains down --PUBLIC", .declare(severity: .p2, title: "Custom domains down", kind: .general, publicFacing: true)),
        ("p1 The --public flag is broken", .declare(severity: .p1, title: "The --public flag is broken", kind: .general, publicFacing: false)),
        ("p1 Downloads broken --public kind:billing", .declare(severity: .p1, title: "Downloads broken", kind: .billing, publicFacing: true)),
        // Smart punctuation types `--` as a dash: a flag after one is still the flag; a dash in the title stays.
        ("p1 Downloads broken \u{2014}public", .declare(severity: .p1, title: "Downloads broken", kind: .general, publicFacing: true)),
        ("p1 Downloads \u{2014} broken \u{2013}Public", .declare(severity: .p1, title: "Downloads \u{2014} broken", kind: .general, publicFacing: true)),
        ("p1 Downloads broken \u{2014}publicity", .declare(severity: .p1, title: "Downloads broken \u{2014}publicity", kind: .general, publicFacing: false)),
        ("p2 Public profile pages broken", .declare(severity: .p2, title: "Public profile pages broken", kind: .general, publicFacing: false)),
        ("p0 Public API down --public", .declare(severity: .p0, title: "Public API down", kind: .general, publicFacing: true)),
        ("p0 kind:security Keys leaked --public", .declare(severity: .p0, title: "Keys leaked", kind: .security, publicFacing: true)),
        // A bare word is the title's: a security incident whose title ends in "public" stays off the status page.
        ("p0 kind:security Storage bucket made public", .declare(severity: .p0, title: "Storage bucket made public", kind: .security, publicFacing: false)),
        ("p1 Admin panel user-facing", .declare(severity: .p1, title: "Admin panel user-facing", kind: .general, publicFacing: false)),
        ("  p3   Minor   UI bug  ", .declare(severity: .p3, title: "Minor UI bug", kind: .general, publicFacing: false)),
    ]

    @Test("Declaring parses severity, title, kind and the public flag", arguments: declarations)
    func declaringParsesSeverityTitleKindAndPublicFlag(text: String, expected: IncidentCommand) throws {
        #expect(try parser.parse(text) == expected)
    }

    static let incidentCommands: [(String, IncidentCommand)] = [
        ("update Rolled back the deploy", .update(.current, text: "Rolled back the deploy")),
        ("update #3 Rolled back the deploy", .update(.incident(IncidentID(3)), text: "Rolled back the deploy")),
        ("UPDATE #12   Still looking  ", .update(.incident(IncidentID(12)), text: "Still looking")),
        ("update #abc is not an id", .update(.current, text: "#abc is not an id")),
        ("update #general is slow", .update(.current, text: "#general is slow")),
        ("status identified Connection pool exhausted", .status(.current, phase: .identified, note: "Connection pool exhausted")),
        ("status #2 monitoring", .status(.incident(IncidentID(2)), phase: .monitoring, note: nil)),
        ("status Investigating", .status(.current, phase: .investigating, note: nil)),
        ("status RESOLVED Deploy rolled back", .status(.current, phase: .resolved, note: "Deploy rolled back")),
        ("commander me", .commander(.current, .me)),
        ("ic ME", .commander(.current, .me)),
        ("commander <@U123|alice>", .commander(.current, .person(Participant(platform: .slack, id: "U123")))),
        ("ic <@U123>", .commander(.current, .person(Participant(platform: .slack, id: "U123")))),
        ("commander #4 @bob", .commander(.incident(IncidentID(4)), .person(Participant(platform: .slack, id: "@bob")))),
        // The sentence's punctuation after a name is not part of it.
        ("ic #4 @dave.", .commander(.incident(IncidentID(4)), .person(Participant(platform: .slack, id: "@dave")))),
        ("commander <@U0DAVE|dave>.", .commander(.current, .person(Participant(platform: .slack, id: "U0DAVE")))),
        ("commander me!", .commander(.current, .me)),
        ("severity p1 Only EU customers affected", .severity(.current, .p1, reason: "Only EU customers affected")),
        ("severity p1 Duplicate of #4", .severity(.current, .p1, reason: "Duplicate of #4")),
        ("severity #4 p1 #5 is the real one", .severity(.incident(IncidentID(4)), .p1, reason: "#5 is the real one")),
        ("sev #5 p0", .severity(.incident(IncidentID(5)), .p0, reason: nil)),
        ("sev p1.", .severity(.current, .p1, reason: nil)),
        ("sev P2: back down", .severity(.current, .p2, reason: "back down")),
        ("severity SEV2 Workaround exists", .severity(.current, .p2, reason: "Workaround exists")),
        ("sev #3 p1 \u{2014}", .severity(.incident(IncidentID(3)), .p1, reason: nil)),
        ("sev 2 the retries hide it", .severity(.current, .p2, reason: "the retries hide it")),
        ("scope All uploads, all regions", .scope(.current, text: "All uploads, all regions")),
        ("scope #7 EU only", .scope(.incident(IncidentID(7)), text: "EU only")),
        ("check smoke-tests", .check(.current, item: "smoke-tests")),
        // The sentence's punctuation and quotes around a value are not part of it.
        ("check monitoring-stable.", .check(.current, item: "monitoring-stable")),
        ("check \u{2018}smoke-tests\u{2019}", .check(.current, item: "smoke-tests")),
        ("status Identified.", .status(.current, phase: .identified, note: nil)),
        ("status identified: Bad deploy", .status(.current, phase: .identified, note: "Bad deploy")),
        ("update #14: Rolled back", .update(.incident(IncidentID(14)), text: "Rolled back")),
        ("check #2 smoke tests", .check(.incident(IncidentID(2)), item: "smoke tests")),
        ("note Pool size raised from 20 to 50", .note(.current, text: "Pool size raised from 20 to 50")),
        ("note #9 <b>bold</b> & more", .note(.incident(IncidentID(9)), text: "<b>bold</b> & more")),
        ("resolve Deploy rolled back, uploads working", .resolve(.current, summary: "Deploy rolled back, uploads working", forceReason: nil)),
        ("resolve #3 Rolled back --force Customer unreachable overnight",
         .resolve(.incident(IncidentID(3)), summary: "Rolled back", forceReason: "Customer unreachable overnight")),
        ("resolve Rolled back \u{2014}force Customer unreachable", .resolve(.current, summary: "Rolled back", forceReason: "Customer unreachable")),
        // Only where a flag may stand: text keeps its dashes as typed.
        ("update Payments failing \u{2014}public again", .update(.current, text: "Payments failing \u{2014}public again")),
        ("note \u{2014}force was used on the deploy", .note(.current, text: "\u{2014}force was used on the deploy")),
        ("update \u{2014}public Payments are back", .publicUpdate(.current, text: "Payments are back")),
        // `--public` at the end, where a declaration takes it.
        ("update Disk at 100%, freeing space --public", .publicUpdate(.current, text: "Disk at 100%, freeing space")),
        ("update #3 Back to normal \u{2014}Public", .publicUpdate(.incident(IncidentID(3)), text: "Back to normal")),
        ("status identified Bad deploy found --public", .publicStatus(.current, phase: .identified, note: "Bad deploy found")),
        ("status resolved Fixed --force verified by hand --public", .publicStatus(.current, phase: .resolved, note: "Fixed", forceReason: "verified by hand")),
        ("resolve Freed 200GB --public", .publicStatus(.current, phase: .resolved, note: "Freed 200GB")),
        ("resolve Freed 200GB --public --force verifying", .publicStatus(.current, phase: .resolved, note: "Freed 200GB", forceReason: "verifying")),
        ("resolve Freed 200GB --force verifying --public", .publicStatus(.current, phase: .resolved, note: "Freed 200GB", forceReason: "verifying")),
        ("note Someone set the bucket --public", .note(.current, text: "Someone set the bucket --public")),
        ("review schedule Friday 10:00 in Room 2", .scheduleReview(.current, when: "Friday 10:00 in Room 2")),
        ("review #3 SCHEDULE tomorrow", .scheduleReview(.incident(IncidentID(3)), when: "tomorrow")),
        ("list", .list),
        ("ls", .list),
        ("show", .show(.current)),
        ("show #3", .show(.incident(IncidentID(3)))),
        ("info #3", .show(.incident(IncidentID(3)))),
        ("timeline", .timeline(.current)),
        ("timeline #3", .timeline(.incident(IncidentID(3)))),
        ("log", .timeline(.current)),
        ("p0: DB is down", .declare(severity: .p0, title: "DB is down", kind: .general, publicFacing: false)),
        ("p0:DB is down", .declare(severity: .p0, title: "DB is down", kind: .general, publicFacing: false)),
        ("P1:Checkout failing --public", .declare(severity: .p1, title: "Checkout failing", kind: .general, publicFacing: true)),
        ("SEV1: Checkout errors", .declare(severity: .p1, title: "Checkout errors", kind: .general, publicFacing: false)),
        // Commands that take nothing but the incident read a bare number as one.
        ("show 2", .show(.incident(IncidentID(2)))),
        ("timeline 7", .timeline(.incident(IncidentID(7)))),
        ("report 3", .report(.incident(IncidentID(3)))),
        ("actions 4", .actions(.incident(IncidentID(4)))),
        ("show 2 please", .show(.incident(IncidentID(2)))),
        ("timeline 7 for the review", .timeline(.incident(IncidentID(7)))),
        ("show 0", .show(.current)),
        ("show 2nd", .show(.current)),
        ("runbook", .runbook(nil)),
        ("runbook disk-full", .runbook("disk-full")),
        ("runbooks", .runbook(nil)),
        ("help", .help(nil)),
        ("help resolve", .help("resolve")),
        ("?", .help(nil)),
        // The incident first, as one says it: "#3: note that …".
        ("#3 note Pool raised", .note(.incident(IncidentID(3)), text: "Pool raised")),
        ("#12 ic me", .commander(.incident(IncidentID(12)), .me)),
        ("#3 status identified --public Found it", .publicStatus(.incident(IncidentID(3)), phase: .identified, note: "Found it")),
        ("#3 notify customers --preview", .notifyCustomers(.incident(IncidentID(3)), preview: true, again: false)),
        ("#3 show", .show(.incident(IncidentID(3)))),
        ("uncheck smoke-tests", .uncheck(.current, item: "smoke-tests")),
        ("uncheck #2 Smoke tests pass", .uncheck(.incident(IncidentID(2)), item: "Smoke tests pass")),
        ("reopen #2 Uploads failing again", .reopen(.incident(IncidentID(2)), reason: "Uploads failing again")),
        ("reopen Errors are back", .reopen(.current, reason: "Errors are back")),
        ("reopen 500 errors are back", .reopen(.current, reason: "500 errors are back")),
        ("withdraw False alarm: the probe was down", .withdraw(.current, reason: "False alarm: the probe was down")),
        ("withdraw #4 Duplicate of #3", .withdraw(.incident(IncidentID(4)), reason: "Duplicate of #3")),
        ("withdraw Duplicate of #3", .withdraw(.current, reason: "Duplicate of #3")),
        ("withdraw same as #3", .withdraw(.current, reason: "same as #3")),
        ("reopen The fix in #3 was rolled back, see #3", .reopen(.current, reason: "The fix in #3 was rolled back, see #3")),
    ]

    @Test("Every other command form parses to its command", arguments: incidentCommands)
    func everyOtherCommandFormParsesToItsCommand(text: String, expected: IncidentCommand) throws {
        #expect(try parser.parse(text) == expected)
    }

    static let rejections: [(String, CommandRejection)] = [
        ("", .empty),
        ("   ", .empty),
        ("explode now", .unknownCommand("explode")),
        ("0 Database down", .unknownCommand("0")),
        ("p9 Something", .invalidValue(command: "declare", value: "p9", expected: "a severity (p0, p1, p2 or p3)")),
        ("declare", .missingArgument(command: "declare", what: "a severity and a title")),
        ("declare urgent Database down", .invalidValue(command: "declare", value: "urgent", expected: "a severity (p0, p1, p2 or p3)")),
        ("p0", .missingArgument(command: "declare", what: "a title")),
        ("declare p1", .missingArgument(command: "declare", what: "a title")),
        ("p0 --public", .missingArgument(command: "declare", what: "a title")),
        ("p1 kind:security", .missingArgument(command: "declare", what: "a title")),
        ("p0 Storm kind:weather", .invalidValue(
            command: "declare", value: "kind:weather", expected: "a kind (kind:security, kind:billing or kind:data-breach)")),
        ("update", .missingArgument(command: "update", what: "the update text")),
        ("update #3", .missingArgument(command: "update", what: "the update text")),
        ("status", .missingArgument(command: "status", what: "a status")),
        ("status #3", .missingArgument(command: "status", what: "a status")),
        ("status fixed", .invalidValue(
            command: "status", value: "fixed", expected: "a status (investigating, identified, monitoring or resolved)")),
        ("commander", .missingArgument(command: "commander", what: "a person (`@name` or `me`)")),
        ("ic #2", .missingArgument(command: "commander", what: "a person (`@name` or `me`)")),
        ("commander bob", .invalidValue(command: "commander", value: "bob", expected: "a person (`@name` or `me`)")),
        ("commander @", .invalidValue(command: "commander", value: "@", expected: "a person (`@name` or `me`)")),
        ("commander <@>", .invalidValue(command: "commander", value: "<@>", expected: "a person (`@name` or `me`)")),
        // An `#id` after the arguments, with none before them, would have changed the channel's incident.
        ("severity p1 #4", .lateIncidentID("#4", command: "severity")),
        ("status identified #4 Bad deploy", .lateIncidentID("#4", command: "status")),
        ("commander me #4", .lateIncidentID("#4", command: "commander")),
        ("ic @zed #4", .lateIncidentID("#4", command: "commander")),
        ("status identified --public #4 Fixed for everyone", .lateIncidentID("#4", command: "status")),
        ("update --public #4 Fixed", .lateIncidentID("#4", command: "update")),
        ("commander @zed extra words", .invalidValue(
            command: "commander", value: "extra words", expected: "part of the command: it takes one person, nothing after them")),
        ("commander #2 @zed #4", .invalidValue(
            command: "commander", value: "#4", expected: "part of the command: it takes one person, nothing after them")),
        ("severity", .missingArgument(command: "severity", what: "a severity")),
        ("sev #4", .missingArgument(command: "severity", what: "a severity")),
        ("severity p7 Nobody cares", .invalidValue(command: "severity", value: "p7", expected: "a severity (p0, p1, p2 or p3)")),
        ("scope", .missingArgument(command: "scope", what: "a description of the scope")),
        ("check", .missingArgument(command: "check", what: "a checklist item")),
        ("check #2", .missingArgument(command: "check", what: "a checklist item")),
        ("note", .missingArgument(command: "note", what: "the note's text")),
        ("resolve", .missingArgument(command: "resolve", what: "a summary of the fix")),
        ("resolve #3", .missingArgument(command: "resolve", what: "a summary of the fix")),
        ("resolve --force Customer unreachable", .missingArgument(command: "resolve", what: "a summary of the fix")),
        ("resolve Rolled back --force", .forceNeedsReason),
        ("resolve Rolled back --force --public", .forceNeedsReason),
        ("resolve Rolled back --force \u{2014}", .forceNeedsReason),
        // `sev 2 p3`: #2's number without its `#`, not P2 with the reason "p3".
        ("sev 2 p3 not that bad", .bareIncidentNumber("2", command: "severity")),
        ("ic 14 me", .bareIncidentNumber("14", command: "commander")),
        ("commander 14 @dave", .bareIncidentNumber("14", command: "commander")),
        ("status 2 monitoring", .bareIncidentNumber("2", command: "status")),
        ("status 2 Identified the bad deploy", .bareIncidentNumber("2", command: "status")),
        ("update #3 --public", .missingArgument(command: "update", what: "the update text")),
        ("resolve --public", .missingArgument(command: "resolve", what: "a summary of the fix")),
        ("review", .missingArgument(command: "review", what: "`schedule <when>` or `done`")),
        ("review #3 tomorrow", .invalidValue(command: "review", value: "tomorrow", expected: "`schedule` or `done`")),
        ("review schedule", .missingArgument(command: "review", what: "when the review is")),
        ("resolve Rolled back --force   ", .forceNeedsReason),
        // Only a command that takes an incident moves after it; anything else is still not a command.
        ("#3 list", .commandNeeded("#3")),
        ("#3 Pool raised", .commandNeeded("#3")),
        ("#3", .commandNeeded("#3")),
        ("uncheck", .missingArgument(command: "uncheck", what: "a checklist item ticked by hand")),
        ("reopen #2", .missingArgument(command: "reopen", what: "what came back")),
        ("reopen came back #21", .lateIncidentID("#21", command: "reopen")),
        ("withdraw", .missingArgument(command: "withdraw", what: "why it was declared by mistake")),
        ("withdraw declared twice #21", .lateIncidentID("#21", command: "withdraw")),
        ("note --public Customers must not see this", .invalidValue(
            command: "note", value: "--public", expected: "for a note, which stays in the team's timeline: `/incident update --public <text>` tells customers")),
    ]

    @Test("Malformed commands are rejected with the reason", arguments: rejections)
    func malformedCommandsAreRejectedWithTheReason(text: String, expected: CommandRejection) {
        #expect(throws: expected) { try parser.parse(text) }
    }

    static let malformedReferences: [(text: String, command: String, word: String)] = [
        ("update # fixed", "update", "#"),
        ("resolve #-1 fixed --force customer asleep", "resolve", "#-1"),
        ("update #0 is not an id", "update", "#0"),
        ("note #+1 raised the pool", "note", "#+1"),
        ("show #99999999999999999999", "show", "#99999999999999999999"),
        ("status #9223372036854775808 identified", "status", "#9223372036854775808"),
        ("check #\u{FF11} smoke-tests", "check", "#\u{FF11}"),
        ("timeline #\u{0661}", "timeline", "#\u{0661}"),
        ("commander #3x me", "commander", "#3x"),
        ("sev #2.5 p1", "severity", "#2.5"),
        ("scope #-0 EU only", "scope", "#-0"),
        ("review #-2 schedule tomorrow", "review", "#-2"),
    ]

    @Test("Anything that starts like an incident number and is not one is refused, as Discord's incident option refuses it",
          arguments: malformedReferences)
    func anythingThatStartsLikeAnIncidentNumberAndIsNotOneIsRefused(text: String, command: String, word: String) {
        let expected = CommandRejection.invalidValue(command: command, value: word, expected: "an incident number like #3")
        #expect(throws: expected) { try parser.parse(text) }
        #expect(throws: expected) { try IncidentCommand(named: command, arguments: CommandArguments(["incident": .text(word)])) }
    }

    @Test("`--force` only counts as a word of its own")
    func forceOnlyCountsAsAWordOfItsOwn() throws {
        let command = try parser.parse("resolve Disabled the --force-push hook")
        #expect(command == .resolve(.current, summary: "Disabled the --force-push hook", forceReason: nil))
    }

    @Test("A full Slack mention keeps the user's id and display name")
    func aFullSlackMentionKeepsTheUsersIdAndDisplayName() throws {
        let command = try parser.parse("commander <@U123|alice>")
        guard case .commander(_, .person(let person)) = command else {
            Issue.record("expected a person, got \(command)")
            return
        }
        #expect(person.platform == .slack)
        #expect(person.id == "U123")
        #expect(person.name == "alice")
    }

    @Test("A bare Slack mention has an id and no name")
    func aBareSlackMentionHasAnIdAndNoName() throws {
        let command = try parser.parse("ic <@U123>")
        guard case .commander(_, .person(let person)) = command else {
            Issue.record("expected a person, got \(command)")
            return
        }
        #expect(person.id == "U123")
        #expect(person.name == nil)
    }

    @Test("A typed @name becomes a person identified by the name")
    func aTypedAtNameBecomesAPersonIdentifiedByTheName() throws {
        let command = try parser.parse("commander @bob")
        guard case .commander(_, .person(let person)) = command else {
            Issue.record("expected a person, got \(command)")
            return
        }
        #expect(person.id == "@bob")
        #expect(person.name == "bob")
    }

    @Test("Mentions belong to the platform the parser was made for")
    func mentionsBelongToThePlatformTheParserWasMadeFor() throws {
        let command = try CommandParser(platform: .mattermost).parse("commander <@abc123>")
        #expect(command == .commander(.current, .person(Participant(platform: .mattermost, id: "abc123"))))
        #expect(command != .commander(.current, .person(Participant(platform: .slack, id: "abc123"))))
    }

    @Test("Every example in the command catalogue parses as its own command", arguments: CommandCatalogue.all)
    func everyExampleInTheCommandCatalogueParsesAsItsOwnCommand(spec: CommandSpec) throws {
        let text = try #require(spec.example.split(separator: " ", maxSplits: 1).last.map(String.init))
        #expect(spec.example.hasPrefix("/incident "))
        #expect(try parser.parse(text).name == spec.name)
    }

    @Test("Commands are found in the catalogue by name or alias, in any case", arguments: [
        ("declare", "declare"), ("P0", "declare"), ("p3", "declare"), ("ic", "commander"), ("SEV", "severity"), ("Resolve", "resolve"),
        // As typed after `help`: the command's words as its usage shows them, or with `/incident` first.
        ("notify customers", "notify"), ("/incident resolve", "resolve"), ("review  done", "review"),
        // Discord's path to a grouped command.
        ("page public", "public"), ("/incident page eta", "eta"), ("checklist check", "check"), ("findings cause", "cause"),
    ])
    func commandsAreFoundInTheCatalogueByNameOrAlias(name: String, expected: String) {
        #expect(CommandCatalogue.spec(named: name)?.name == expected)
    }

    @Test("A name that is no command finds nothing in the catalogue")
    func aNameThatIsNoCommandFindsNothingInTheCatalogue() {
        #expect(CommandCatalogue.spec(named: "explode") == nil)
        #expect(CommandCatalogue.spec(named: "") == nil)
        #expect(CommandCatalogue.spec(named: "/incident") == nil)
        // A group is no command (help answers it with the group's commands); a group with a stranger neither.
        #expect(CommandCatalogue.spec(named: "page") == nil)
        #expect(CommandCatalogue.spec(named: "page declare") == nil)
        #expect(CommandGroup.named("Page") == .page)
    }
}

@Suite struct MentionSafetyTests {
    @Test(arguments: ["@channel", "@here", "@ALL", "@everyone", "<@U1><!channel>", "<!channel>", "<@channel!>", "@a<b", "<@U1 >"])
    func aMentionThatCouldPingEveryoneOrCarryMarkupIsRefused(word: String) {
        #expect(throws: CommandRejection.self) { try CommandParser(platform: .mattermost).parse("commander \(word)") }
    }

    @Test func aSlackMentionKeepsItsIdButDropsAnUnsafeName() throws {
        let command = try CommandParser(platform: .slack).parse("commander <@U0ABC|<!channel>>")
        #expect(command == .commander(.current, .person(Participant(platform: .slack, id: "U0ABC"))))
        if case .commander(_, .person(let person)) = command { #expect(person.name == nil) }
    }
}
