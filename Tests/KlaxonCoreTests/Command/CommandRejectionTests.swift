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

    @Test("A resolved incident offers reopening only while its review is open; once closed, a new incident", arguments: [
        (false, "Incident #4 is already resolved; `/incident note #4 <text>` still adds to its timeline, and if the problem came back, `/incident reopen #4 <what came back>` opens it again (within a week, before its review is closed)."),
        (true, "Incident #4 is resolved and its review closed; `/incident note #4 <text>` still adds to its timeline. If the problem is back, declare a new incident and mention #4 in its title or a note."),
    ])
    func aResolvedIncidentOffersWhatWouldWork(reviewClosed: Bool, message: String) {
        #expect(CommandRejection.incidentResolved(IncidentID(4), reviewClosed: reviewClosed).message == message)
    }

    @Test("An unknown component lists the components, and the impacts in case a mistyped impact was read as a component")
    func anUnknownComponentAlsoNamesTheImpacts() {
        #expect(CommandRejection.unknownComponent("catastrophic", available: ["ocr", "uploads"]).message
            == "The status page has no component `catastrophic`. Components: `ocr`, `uploads`. An impact, if that is what `catastrophic` was, is one of `degraded`, `partial`, `major` or `operational`, after the components.")
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
    @Test("Several incidents to choose from are called open only when they are", arguments: [
        (true, "update", "Several incidents are open here;"), (false, "review", "Several incidents here could be meant;"),
        (false, "reopen", "Several incidents resolved here could be reopened;"),
    ])
    func severalIncidentsAreCalledOpenOnlyWhenTheyAre(open: Bool, command: String, opening: String) {
        let listed = [1, 2].map { IncidentSummary(id: IncidentID($0), severity: .p2, title: "OCR \($0)", isOpen: open) }
        #expect(CommandRejection.ambiguousIncident(listed, command: command).message.hasPrefix(opening))
    }

    @Test func anETAThatHasPassedIsNamedWithItsDayAndTime() {
        let passed = CommandRejection.etaPassed(IncidentID(7), at: Date(timeIntervalSince1970: 1_795_598_100))
        #expect(passed.message == "An ETA for #7 is when a fix is expected, and 2026-11-25 09:15 UTC has passed. Give a later time, a span like `30m`, or `clear`.")
        let tomorrow = CommandRejection.etaClockPassed(IncidentID(7), at: Date(timeIntervalSince1970: 1_795_598_100))
        #expect(tomorrow.message == "09:15 UTC has passed today: as tomorrow's, an ETA for #7 would be 2026-11-25 09:15 UTC, more than 12 hours away. "
            + "For tomorrow, write its date (`2026-11-25 09:15`); otherwise give a later time, a span like `30m`, or `clear`.")
    }
}

extension CommandRejectionTests {
    @Test("Text for the status page that mentions someone is refused with what it mentions and what to do", arguments: [
        (CommandRejection.mentionsOnStatusPage(["@bob"], in: .update),
         "Customers would read this on the status page, and it mentions @bob: people and channels stay in chat. Nothing was changed; write it without them."),
        (.mentionsOnStatusPage(["@bob", "#ops", "@here"], in: .title),
         "The status page would show this incident's title, and it mentions @bob, #ops and @here: people and channels stay in chat. "
            + "Nothing was changed; give the page a title of its own: `/incident public [#id] <title for customers>`."),
        (.mentionsOnStatusPage(["@bob", "#ops"], in: .declaration),
         "The status page would show this incident's title, and it mentions @bob and #ops: people and channels stay in chat. "
            + "Nothing was changed; declare without `--public`, then give the page a title of its own: `/incident public #id <title for customers>`."),
    ])
    func mentionsOnTheStatusPageAreRefusedHelpfully(rejection: CommandRejection, message: String) {
        #expect(rejection.message == message)
    }
}

extension CommandRejectionTests {
    @Test("An item done by an event says which command does it", arguments: [
        (ChecklistTrigger.commanderAssigned, "“Incident commander assigned” is ticked on #2 when it happens, not by hand: `/incident commander #2 me` (or `@someone`) does it. Nothing was changed."),
        (.scopeSet, "“Incident commander assigned” is ticked on #2 when it happens, not by hand: `/incident scope #2 <what is affected>` does it. Nothing was changed."),
    ])
    func anItemDoneByAnEventSaysWhichCommandDoesIt(trigger: ChecklistTrigger, message: String) {
        #expect(CommandRejection.doneByItsEvent(IncidentID(2), item: "Incident commander assigned", trigger: trigger).message == message)
    }
}
