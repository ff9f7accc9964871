import Foundation
import KlaxonCore
import Testing

@Suite("Parsing the review commands")
struct ReviewCommandParserTests {
    let parser = CommandParser(platform: .slack)
    static let alice = Participant(platform: .slack, id: "U0ALICE", name: "alice")
    static let three = IncidentTarget.incident(IncidentID(3))

    static let parsed: [(String, IncidentCommand)] = [
        ("impact All uploads failed for 40 min", .impact(.current, text: "All uploads failed for 40 min")),
        ("impact #3 Everyone", .impact(three, text: "Everyone")),
        ("cause Pool too small", .cause(.current, text: "Pool too small")),
        ("gap #3 No alert on pool saturation", .gap(three, text: "No alert on pool saturation")),
        ("action <@U0ALICE|alice> Alert at 80% team:platform due:2026-12-05",
         .addAction(.current, owner: .person(alice), text: "Alert at 80%", team: "platform", due: CalendarDay(text: "2026-12-05"))),
        ("action #3 me Write the runbook", .addAction(three, owner: .me, text: "Write the runbook", team: nil, due: nil)),
        ("action me Write the runbook due:2026-12-07.", .addAction(.current, owner: .me, text: "Write the runbook", team: nil, due: CalendarDay(text: "2026-12-07"))),
        ("action done 2", .closeAction(.current, number: 2)),
        ("action #3 DONE #1", .closeAction(three, number: 1)),
        ("actions", .actions(.current)),
        ("actions #3", .actions(three)),
        ("started -20m", .milestone(.current, .impactStarted, .ago(seconds: 1200))),
        ("started #3 14:05", .milestone(three, .impactStarted, .clock(hour: 14, minute: 5))),
        ("started 2026-11-28 09:30", .milestone(.current, .impactStarted, .dateTime(CalendarDay(text: "2026-11-28")!, hour: 9, minute: 30))),
        ("mitigated", .milestone(.current, .mitigated, nil)),
        ("mitigated #3 -1h5m", .milestone(three, .mitigated, .ago(seconds: 3900))),
        ("review done", .closeReview(.current, forceReason: nil)),
        ("review done.", .closeReview(.current, forceReason: nil)),
        ("review #3 done --force Reviewed in person, facts to follow", .closeReview(three, forceReason: "Reviewed in person, facts to follow")),
        ("review schedule Friday 10:00", .scheduleReview(.current, when: "Friday 10:00")),
        ("report", .report(.current)),
        ("report #3", .report(three)),
    ]

    @Test("Review commands parse into their commands", arguments: parsed)
    func reviewCommandsParseIntoTheirCommands(text: String, expected: IncidentCommand) throws {
        #expect(try parser.parse(text) == expected)
    }

    static let refused: [(String, CommandRejection)] = [
        ("impact", .missingArgument(command: "impact", what: "who and what was affected, for how long")),
        ("action", .missingArgument(command: "action", what: "an owner and what to do")),
        ("action @alice", .missingArgument(command: "action", what: "what is to be done")),
        ("action Fix it", .invalidValue(command: "action", value: "Fix", expected: "an owner (`@name` or `me`)")),
        ("action @alice Fix due:tomorrow", .invalidValue(command: "action", value: "due:tomorrow", expected: "a due date like due:2026-12-05")),
        ("action @alice Fix due:2026-02-30", .invalidValue(command: "action", value: "due:2026-02-30", expected: "a due date like due:2026-12-05")),
        ("action done two", .invalidValue(command: "action", value: "two", expected: "an action item's number, like 2 (`/incident actions` lists them)")),
        ("action done 0", .invalidValue(command: "action", value: "0", expected: "an action item's number, like 2 (`/incident actions` lists them)")),
        ("review schedule #4 Friday", .lateIncidentID("#4", command: "review")),
        ("review done --force #4 Met in person", .lateIncidentID("#4", command: "review")),
        ("action @alice #4 Fix the pool", .lateIncidentID("#4", command: "action")),
        ("action done #2", .lateIncidentID("#2", command: "action")),
        ("started", .missingArgument(command: "started", what: "when impact began (`14:05`, `2026-11-28 14:05` or `-20m`)")),
        ("started yesterday", .invalidValue(command: "started", value: "yesterday", expected: "a UTC time like `14:05` or `2026-11-28 14:05` (or your own with its offset: `16:05 +02:00`), or `-20m`")),
        ("started 25:00", .invalidValue(command: "started", value: "25:00", expected: "a UTC time like `14:05` or `2026-11-28 14:05` (or your own with its offset: `16:05 +02:00`), or `-20m`")),
        ("mitigated +20m", .invalidValue(command: "mitigated", value: "+20m", expected: "a UTC time like `14:05` or `2026-11-28 14:05` (or your own with its offset: `16:05 +02:00`), or `-20m`")),
        ("review done --force", .reviewForceNeedsReason),
        ("review done now", .invalidValue(command: "review", value: "now", expected: "`done` or `done --force <reason>`")),
        ("review later", .invalidValue(command: "review", value: "later", expected: "`schedule` or `done`")),
    ]

    @Test("Malformed review commands are refused with what to type", arguments: refused)
    func malformedReviewCommandsAreRefused(text: String, rejection: CommandRejection) {
        #expect(throws: rejection) { try parser.parse(text) }
    }

    static let options: [(String, CommandArguments, IncidentCommand)] = [
        ("action", CommandArguments(["text": .text("Alert at 80%"), "owner": .person(alice), "team": .text("platform"), "due": .text("2026-12-05")]),
         .addAction(.current, owner: .person(alice), text: "Alert at 80%", team: "platform", due: CalendarDay(text: "2026-12-05"))),
        ("action", CommandArguments(["done": .text("2"), "incident": .text("#3")]), .closeAction(three, number: 2)),
        ("review", CommandArguments(["done": .flag(true), "force": .text("Held in person")]), .closeReview(.current, forceReason: "Held in person")),
        ("review", CommandArguments(["when": .text("Friday")]), .scheduleReview(.current, when: "Friday")),
        ("started", CommandArguments(["time": .text("-20m")]), .milestone(.current, .impactStarted, .ago(seconds: 1200))),
        ("mitigated", CommandArguments([:]), .milestone(.current, .mitigated, nil)),
        ("report", CommandArguments(["incident": .text("3")]), .report(three)),
    ]

    @Test("Typed options (Discord) give the same commands as the text", arguments: options)
    func typedOptionsGiveTheSameCommands(name: String, arguments: CommandArguments, expected: IncidentCommand) throws {
        #expect(try IncidentCommand(named: name, arguments: arguments) == expected)
    }
}
