import Foundation
import KlaxonCore
import Testing

@Suite("CommandRejection")
struct CommandRejectionTests {
    @Test("A check refusal says why there is nothing to tick instead of an empty list", arguments: [
        (CommandRejection.noChecklist(IncidentID(4), .p3), "P3 incidents have no checklist, so there is nothing to tick on #4."),
        (.unknownChecklistItem("coffee", available: []), "No checklist item matches `coffee`, and every item on its checklists is already ticked."),
        (.unknownChecklistItem("coffee", available: ["smoke-tests", "monitoring-stable"]),
         "No checklist item matches `coffee`. Open items: `smoke-tests`, `monitoring-stable`"),
    ])
    func aCheckRefusalSaysWhyThereIsNothingToTick(rejection: CommandRejection, message: String) {
        #expect(rejection.message == message)
    }

    @Test func aChoiceBetweenManyOpenIncidentsNamesTenAndCountsTheRest() {
        let open = (1...250).map { IncidentSummary(id: IncidentID($0), severity: .p2, title: "Incident \($0)") }
        let lines = CommandRejection.ambiguousIncident(open).message.components(separatedBy: "\n")
        #expect(lines.filter { $0.hasPrefix("• ") }.count == 10)
        #expect(lines.last == "… and 240 more: `/incident list` shows them all")
    }

    @Test("A mistyped command is answered with the commands it was probably meant as", arguments: [
        ("comander", " Did you mean `/incident commander`?"),
        ("mitigate", " Did you mean `/incident mitigated`?"),
        ("start", " Did you mean `/incident started`?"),
        ("resovle", " Did you mean `/incident resolve`?"),
        ("Updte", " Did you mean `/incident update`?"),
        ("sta", " Did you mean `/incident status`, `/incident eta` or `/incident started`?"),
        ("xyzzy", ""), ("up", ""), (String(repeating: "commander", count: 3), ""),
    ])
    func aMistypedCommandGetsTheNearestCommands(typed: String, suggestion: String) {
        #expect(CommandRejection.unknownCommand(typed).message
            == "I don't know `\(typed)`.\(suggestion) Try `/incident help`, or declare with `/incident p0|p1|p2|p3 <title>`.")
    }
}

extension CommandRejectionTests {
    @Test func anETAThatHasPassedIsNamedWithItsDayAndTime() {
        let passed = CommandRejection.etaPassed(IncidentID(7), at: Date(timeIntervalSince1970: 1_795_598_100))
        #expect(passed.message == "An ETA for #7 is when a fix is expected, and 2026-11-25 09:15 UTC has passed. Give a later time, a span like `30m`, or `clear`.")
    }
}
