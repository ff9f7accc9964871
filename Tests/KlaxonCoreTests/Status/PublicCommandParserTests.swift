import KlaxonCore
import Testing

@Suite("CommandParser: the public status page's commands")
struct PublicCommandParserTests {
    let parser = CommandParser(platform: .slack)
    static let three = IncidentTarget.incident(IncidentID(3))
    static let november30 = CalendarDay(text: "2026-11-30")!

    static let accepted: [(String, IncidentCommand)] = [
        ("update --public We are looking into failed uploads", .publicUpdate(.current, text: "We are looking into failed uploads")),
        ("update #3 --PUBLIC Uploads work again", .publicUpdate(three, text: "Uploads work again")),
        // Once the incident is named first, the text may start with a number like one.
        ("update #3 --public #4512 is deployed", .publicUpdate(three, text: "#4512 is deployed")),
        ("update The --public flag only counts first", .update(.current, text: "The --public flag only counts first")),
        ("status identified --public We found the cause", .publicStatus(.current, phase: .identified, note: "We found the cause")),
        ("status #3 resolved --public Uploads are back", .publicStatus(three, phase: .resolved, note: "Uploads are back")),
        ("status monitoring Watching the pool", .status(.current, phase: .monitoring, note: "Watching the pool")),
        ("public", .makePublic(.current, title: nil)),
        ("public #3 Uploads are failing", .makePublic(three, title: "Uploads are failing")),
        ("private #3", .makePrivate(three)),
        ("private 3", .makePrivate(three)),
        ("update --public Both ends --public", .publicUpdate(.current, text: "Both ends")),
        ("update Twice --public \u{2014}public", .publicUpdate(.current, text: "Twice")),
        ("eta 30m", .eta(.current, .after(seconds: 1800))),
        ("eta #3 1h30m", .eta(three, .after(seconds: 5400))),
        ("eta 14:30", .eta(.current, .clock(hour: 14, minute: 30))),
        ("eta clear", .eta(.current, .clear)),
        ("eta 14:30 UTC", .eta(.current, .clock(hour: 14, minute: 30))),
        ("eta 2026-11-30 10:00", .eta(.current, .at(november30, hour: 10, minute: 0))),
        ("eta #3 2026-11-30T11:00+01:00", .eta(three, .at(november30, hour: 10, minute: 0))),
        ("eta 16:30 +02:00", .eta(.current, .clock(hour: 14, minute: 30))),
        ("eta 2026-11-30 05:00 -05:00", .eta(.current, .at(november30, hour: 10, minute: 0))),
        ("affects uploads,auth", .affects(.current, components: ["uploads", "auth"], impact: nil)),
        ("affects #3 uploads, downloads partial", .affects(three, components: ["uploads", "downloads"], impact: .partial)),
        ("affects payments major", .affects(.current, components: ["payments"], impact: .major)),
        ("affects degraded", .affects(.current, components: ["degraded"], impact: nil)),
        ("affects uploads operational", .affects(.current, components: ["uploads"], impact: .operational)),
        ("resolve --public Uploads are back", .publicStatus(.current, phase: .resolved, note: "Uploads are back")),
        ("resolve #3 --public Uploads are back --force customer check pending",
         .publicStatus(three, phase: .resolved, note: "Uploads are back", forceReason: "customer check pending")),
        ("status resolved --public Uploads are back --force late night", .publicStatus(.current, phase: .resolved, note: "Uploads are back", forceReason: "late night")),
        // Only a resolution is forced: elsewhere the words are the note's.
        ("status identified --public Found it --force of habit", .publicStatus(.current, phase: .identified, note: "Found it --force of habit")),
    ]

    @Test("Public commands parse into their typed form", arguments: accepted)
    func publicCommandsParseIntoTheirTypedForm(text: String, expected: IncidentCommand) throws {
        #expect(try parser.parse(text) == expected)
    }

    static let refused: [(String, CommandRejection)] = [
        ("update --public", .missingArgument(command: "update", what: "the update text")),
        ("status identified --public", .missingArgument(command: "status", what: "a note for the status page after `--public`")),
        ("eta soon", .invalidValue(command: "eta", value: "soon", expected: "a time from now like `30m`, a UTC time like `14:30` or `2026-11-30 10:00` (or your own with its offset: `16:30 +02:00`), or `clear`")),
        ("eta -5m", .invalidValue(command: "eta", value: "-5m", expected: "a time from now like `30m`, a UTC time like `14:30` or `2026-11-30 10:00` (or your own with its offset: `16:30 +02:00`), or `clear`")),
        ("eta", .missingArgument(command: "eta", what: "when a fix is expected (`30m`, `14:30`, `2026-11-30 10:00` or `clear`)")),
        ("affects", .missingArgument(command: "affects", what: "the components affected (e.g. `uploads,auth`)")),
        ("private #3 now", .invalidValue(command: "private", value: "now", expected: "an incident like #3, or nothing")),
        ("private now", .invalidValue(command: "private", value: "now", expected: "an incident like #3, or nothing")),
        ("resolve --public", .missingArgument(command: "resolve", what: "a summary of the fix")),
        ("resolve --public --force tired", .missingArgument(command: "resolve", what: "a summary of the fix")),
        ("resolve --public #3 Back", .lateIncidentID("#3", command: "resolve")),
        ("status resolved --public --force tired", .missingArgument(command: "status", what: "a note for the status page after `--public`")),
        ("resolve --public Back --force", .forceNeedsReason),
    ]

    @Test("Malformed public commands get a specific refusal", arguments: refused)
    func malformedPublicCommandsGetASpecificRefusal(text: String, expected: CommandRejection) {
        #expect(throws: expected) { try parser.parse(text) }
    }

    @Test("Discord's typed options give the same commands as the text grammar")
    func discordOptionsGiveTheSameCommands() throws {
        let update = try IncidentCommand(named: "update", arguments: CommandArguments(["text": .text("Back up"), "public": .flag(true)]))
        #expect(update == .publicUpdate(.current, text: "Back up"))
        let affects = try IncidentCommand(named: "affects", arguments: CommandArguments(["components": .text("uploads, auth"), "impact": .text("major")]))
        #expect(affects == .affects(.current, components: ["uploads", "auth"], impact: .major))
        let resolve = try IncidentCommand(named: "resolve", arguments: CommandArguments([
            "summary": .text("Back up"), "force": .text("late"), "public": .flag(true),
        ]))
        #expect(resolve == .publicStatus(.current, phase: .resolved, note: "Back up", forceReason: "late"))
        let status = try IncidentCommand(named: "status", arguments: CommandArguments([
            "status": .text("resolved"), "note": .text("Back up"), "force": .text("late"), "public": .flag(true),
        ]))
        #expect(status == .publicStatus(.current, phase: .resolved, note: "Back up", forceReason: "late"))
        let eta = try IncidentCommand(named: "eta", arguments: CommandArguments(["when": .text("clear"), "incident": .text("#3")]))
        #expect(eta == .eta(Self.three, .clear))
        #expect(throws: CommandRejection.missingArgument(command: "status", what: "a note for the status page")) {
            try IncidentCommand(named: "status", arguments: CommandArguments(["status": .text("identified"), "public": .flag(true)]))
        }
    }
}
