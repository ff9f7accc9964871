import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// An answer that lists an incident's state (show) keeps everything in view when one text is long: that text is
/// shortened there; the report has it whole.
extension MessageFactsTests {
    @Test("Show shortens a long last update, so the checklists and what is due stay in the answer")
    func showShortensALongLastUpdate() {
        let incident = Fixture.incident(.p0, then: [.updatePosted(text: "Long: " + String(repeating: "word ", count: 600))])
        let text = renderer.render(.incidentDetail, facts.detail(incident, now: Fixture.at(minutes: 5)))
        #expect(text.contains("Last update: Long: word"))
        #expect(text.contains("word …\n"))
        #expect(text.utf16.count < 2000, "\(text.utf16.count)")
        #expect(text.contains("Next update due by"))
    }
}
