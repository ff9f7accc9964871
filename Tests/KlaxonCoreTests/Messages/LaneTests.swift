import KlaxonCore
import Testing

@Suite("Transport names and lanes")
struct LaneTests {
    @Test("A lane is its transport's name, a slash and the target, and gives the target back")
    func aLaneIsItsTransportAndTarget() {
        let lane = Lane(.slack, "dm:cto")
        #expect(lane.rawValue == "slack/dm:cto")
        #expect(lane.target == "dm:cto")
        #expect(Lane(.email, "email:team/a").target == "email:team/a", "only the first slash separates")
        #expect(Lane(rawValue: "console").target == nil)
    }

    @Test("A transport is shown to people capitalised")
    func aTransportIsShownCapitalised() {
        #expect(TransportName.slack.displayName == "Slack")
        #expect(TransportName(rawValue: "").displayName == "")
    }
}
