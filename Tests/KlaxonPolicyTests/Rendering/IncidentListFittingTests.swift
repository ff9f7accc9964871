import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// `list` is read only as far as an answer can show: the answer counts every open incident, shown or not.
@Suite("A list read in part, as chat reads it")
struct IncidentListFittingTests {
    let composer: ReplyComposer

    init() throws {
        composer = ReplyComposer(renderer: try MessageRenderer(policy: try Fixture.defaultPolicy(), templates: .defaults, dialect: TestDialect()), maxLength: 4000)
    }

    @Test("Incidents that all fit, of more open, are shown with the heading's count of all and the rest counted")
    func allShownOfMoreOpenCountsTheRest() {
        let text = composer.reply(to: .list([Fixture.incident(.p0, title: "Site down"), Fixture.incident(.p2)], total: 4000), now: Fixture.at(minutes: 5)).text
        #expect(text.hasPrefix("*Open incidents (4000)*"))
        #expect(text.components(separatedBy: "\n").filter { $0.hasPrefix("• ") }.count == 2)
        #expect(text.hasSuffix("… and 3998 more"))
    }

    @Test("Hundreds read of thousands open: as many as fit are shown, and every other one is counted")
    func hundredsReadOfThousandsFitAndTheRestAreCounted() {
        let read = (0..<300).map { _ in Fixture.incident(.p2, title: "Queue backed up on one of the many shards") }
        let text = composer.reply(to: .list(read, total: 4000), now: Fixture.at(minutes: 5)).text
        let shown = text.components(separatedBy: "\n").filter { $0.hasPrefix("• ") }.count
        #expect(text.utf16.count <= 4000)
        #expect(shown > 10)
        #expect(text.hasSuffix("… and \(4000 - shown) more"))
    }

    @Test("Every open incident read and shown: no line counting a rest")
    func everyIncidentShownHasNoRest() {
        let text = composer.reply(to: .list([Fixture.incident(.p1)], total: 1), now: Fixture.at(minutes: 5)).text
        #expect(text.hasPrefix("*Open incidents (1)*"))
        #expect(!text.contains("more"))
    }

    @Test("A timeline thousands of entries long shows its newest that fit and counts every earlier one")
    func aLongTimelineShowsItsNewestAndCountsTheRest() {
        let incident = Fixture.incident(.p1, then: (1...5000).map { .notePosted(text: "observation \($0)") })
        let text = composer.reply(to: .timeline(incident), now: Fixture.at(minutes: 5)).text
        let lines = text.components(separatedBy: "\n")
        let shown = lines.filter { $0.hasPrefix("• ") }.count
        #expect(text.utf16.count <= 4000)
        #expect(lines.dropLast().last?.hasSuffix("observation 5000") == true, "\(lines.suffix(2))")
        #expect(text.hasSuffix("… and \(5001 - shown) earlier, left out here"))
    }
}
