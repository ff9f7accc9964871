import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

@Suite("A tick taken back, as the channel reads it")
struct ChecklistUncheckRenderingTests {
    @Test("The channel that saw the tick hears the item is open again, who took it back, and how many are open")
    func theChannelHearsTheItemIsOpenAgain() throws {
        let policy = try Fixture.defaultPolicy()
        let list = try #require(policy.checklists["resolution"])
        let item = try #require(list.items.first { $0.doneWhen == nil })
        let incident = Fixture.incident(.p1, then: [
            .checklistItemChecked(checklist: "resolution", item: item.id), .checklistItemUnchecked(checklist: "resolution", item: item.id),
        ])
        let notices = Announcer(policy: policy).notices(for: incident.timeline[2], sequence: 3, incident: incident)
        let notice = try #require(notices.first)
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        let text = ReplyComposer(renderer: renderer).text(of: notice, incident: incident, now: Fixture.at(minutes: 3))
        let open = incident.openItems(of: list, named: "resolution").count
        #expect(text == "⬜ \(item.text) (#1, \(list.title)) is open again, taken back by <@U0BOB> · \(open) still open")
        #expect(open == list.items.count, "the item counts as open again")
    }
}
