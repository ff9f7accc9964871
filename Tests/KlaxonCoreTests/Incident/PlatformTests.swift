import Foundation
import KlaxonCore
import Testing

@Suite("Platforms in stored events")
struct PlatformTests {
    static let stored: [(json: String, participant: Participant)] = [
        (#"{"id":"U1","name":"ann","platform":"slack"}"#, Participant(platform: .slack, id: "U1", name: "ann")),
        (#"{"id":"81","platform":"discord"}"#, Participant(platform: .discord, id: "81")),
        (#"{"id":"deploy-bot","name":"api:deploy-bot","platform":"api"}"#, AutomatedActor.apiToken(name: "deploy-bot").participant),
        (#"{"id":"team-x","name":"alertmanager:team-x","platform":"alertmanager"}"#, AutomatedActor.alerts(.alertmanager, receiver: "team-x").participant),
    ]

    @Test("A participant is written with its platform's name, as when the platform was a string", arguments: stored)
    func aParticipantIsWrittenWithItsPlatformsName(json: String, participant: Participant) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(participant), as: UTF8.self) == json)
        let read = try JSONDecoder().decode(Participant.self, from: Data(json.utf8))
        #expect(read == participant)
        #expect(read.platform == participant.platform)
    }

    @Test("A platform this build does not know is read and kept, not refused")
    func anUnknownPlatformIsKept() throws {
        let read = try JSONDecoder().decode(ChannelRef.self, from: Data(#"{"id":"C1","platform":"teams"}"#.utf8))
        #expect(read.platform == Platform(rawValue: "teams"))
        #expect(read.description == "teams:C1")
        #expect(AutomatedActor(Participant(platform: read.platform, id: "x")) == nil)
    }

    @Test("The automated actors are recognised by their platform")
    func theAutomatedActorsAreRecognisedByTheirPlatform() {
        #expect(AutomatedActor(Participant(platform: .api, id: "ci")) == .apiToken(name: "ci"))
        #expect(AutomatedActor(Participant(platform: Platform(.grafana), id: "ops")) == .alerts(.grafana, receiver: "ops"))
        #expect(AutomatedActor(Participant(platform: .slack, id: "api")) == nil)
    }

    @Test("A delivery failure is written with its transport's name, as when the transport was a string")
    func aDeliveryFailureIsWrittenWithItsTransportsName() throws {
        let json = #"{"deliveryFailed":{"permanent":false,"reason":"timed out","transport":"statuspage"}}"#
        let change = IncidentChange.deliveryFailed(transport: .statuspage, reason: "timed out", permanent: false)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(change), as: UTF8.self) == json)
        #expect(try JSONDecoder().decode(IncidentChange.self, from: Data(json.utf8)) == change)
    }
}
