@testable import KlaxonServer
import KlaxonCore
import Testing

@Suite("Shares in klaxon stats")
struct StatsPercentTests {
    @Test("A share is rounded down as the report rounds it: never shown higher than it was", arguments: [
        (6_012, 5_044, "83%"), (1_000, 999, "99%"), (3, 3, "100%"), (3, 0, "0%"), (0, 0, "-"), (100, 29, "29%"), (50, 29, "58%"), (100, 57, "57%"),
    ])
    func aShareIsRoundedDown(count: Int, yes: Int, shown: String) {
        #expect(StatsText.percent(IncidentStatistics.Share(count: count, yes: yes)) == shown)
    }
}
