import KlaxonCore
import Testing

@Suite("IncidentLocator")
struct IncidentLocatorTests {
    static let hereP1 = Fixture.incident(.p1, id: 3)
    static let hereP0 = Fixture.incident(.p0, id: 2)
    static let thereP0 = Fixture.incident(.p0, id: 1, channel: Fixture.elsewhere)

    @Test("An explicit id wins, even when it is not among the open incidents", arguments: [3, 2, 1, 99])
    func anExplicitIdWins(number: Int) throws {
        let id = try IncidentLocator.locate(.incident(IncidentID(number)), in: Fixture.incidents, open: [Self.hereP1, Self.hereP0])
        #expect(id == IncidentID(number))
    }

    @Test("The only open incident in the channel is the current one")
    func theOnlyOpenIncidentInTheChannelIsTheCurrentOne() throws {
        #expect(try IncidentLocator.locate(.current, in: Fixture.incidents, open: [Self.thereP0, Self.hereP1]) == IncidentID(3))
        #expect(try IncidentLocator.locate(.current, in: Fixture.elsewhere, open: [Self.thereP0, Self.hereP1]) == IncidentID(1))
    }

    @Test("A channel is matched by platform and id, whatever name it is given")
    func aChannelIsMatchedByPlatformAndId() throws {
        let renamed = ChannelRef(platform: .slack, id: Fixture.incidents.id, name: "incidents-2026")
        #expect(try IncidentLocator.locate(.current, in: renamed, open: [Self.hereP1]) == IncidentID(3))
    }

    @Test("No open incident in the channel is refused", arguments: [
        [Incident](), [thereP0], [Fixture.incident(.p0, id: 5, channel: ChannelRef(platform: .discord, id: "C0INCIDENTS"))],
    ])
    func noOpenIncidentInTheChannelIsRefused(open: [Incident]) {
        #expect(throws: CommandRejection.noOpenIncident) {
            try IncidentLocator.locate(.current, in: Fixture.incidents, open: open)
        }
    }

    @Test("Several open incidents in the channel are listed by id, ignoring other channels")
    func severalOpenIncidentsInTheChannelAreListedById() {
        let expected = CommandRejection.ambiguousIncident([
            IncidentSummary(id: IncidentID(2), severity: .p0, title: "Uploads failing"),
            IncidentSummary(id: IncidentID(3), severity: .p1, title: "Uploads failing"),
        ])
        #expect(throws: expected) {
            try IncidentLocator.locate(.current, in: Fixture.incidents, open: [Self.hereP1, Self.thereP0, Self.hereP0])
        }
    }

    @Test("The ambiguity message suggests the first id and lists every incident")
    func theAmbiguityMessageSuggestsTheFirstIdAndListsEveryIncident() {
        let rejection = CommandRejection.ambiguousIncident([
            IncidentSummary(id: IncidentID(2), severity: .p0, title: "Uploads failing"),
            IncidentSummary(id: IncidentID(3), severity: .p1, title: "Login broken"),
        ])
        #expect(rejection.message.contains("`/incident update #2 <text>`"))
        #expect(rejection.message.contains("• #2 P0 Uploads failing\n• #3 P1 Login broken"))
    }
}
