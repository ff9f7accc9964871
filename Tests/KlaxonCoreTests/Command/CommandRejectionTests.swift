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
}
