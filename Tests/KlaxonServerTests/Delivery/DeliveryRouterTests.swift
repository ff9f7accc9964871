import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import KlaxonStore
import Testing

@Suite struct DeliveryRouterTests {
    let people = PeopleDirectory(roles: [
        "on-call-lead": .init(slack: ["U0ONCALL"], email: ["oncall@example.com"]),
        "cto": .init(slack: ["U0CTO"], discord: ["123456789012345678"]),
        "team-email": .init(email: ["team@example.com"]),
        "sre": .init(mattermost: ["@ann", "sre-group"]),
        "oddly-named": .init(mattermost: ["ann @channel"]),
    ])
    let channel = ChannelRef(platform: .slack, id: "C1")

    private func lanes(_ notice: Notice, chat: [TransportName] = [.slack, .discord], email: Bool = true) -> [String] {
        DeliveryRouter(chat: chat, email: email, people: people).entries(for: notice).map(\.lane.rawValue).sorted()
    }

    @Test func anAnnouncementGoesToEveryChatPlatformsIncidentsChannel() {
        let notice = Notice(kind: .updatePosted, incident: IncidentID(1), sequence: 2, destination: .incidentChannel(channel))
        #expect(lanes(notice) == ["discord/channel", "slack/channel"])
    }

    @Test func anEscalationAlsoDirectMessagesTheRolesPeopleWhereTheyHaveIds() {
        let notice = Notice(kind: .escalation, incident: IncidentID(1), sequence: 1, destination: .incidentChannel(channel), audience: [.role("cto"), .role("ceo")])
        #expect(lanes(notice) == ["discord/channel", "discord/dm:cto", "slack/channel", "slack/dm:cto"])
    }

    @Test("On Mattermost, a role's DMs go out where the people file names usernames, and not for a name that is none")
    func mattermostDirectMessagesNeedAUsername() {
        let notice = Notice(
            kind: .escalation, incident: IncidentID(1), sequence: 1, destination: .incidentChannel(channel),
            audience: [.role("sre"), .role("oddly-named"), .role("cto")]
        )
        #expect(lanes(notice, chat: [.mattermost]) == ["mattermost/channel", "mattermost/dm:sre"])
    }

    @Test func aStandDownDirectMessagesTheRolesItNamesAsTheEscalationDid() {
        let notice = Notice(kind: .withdrawn, incident: IncidentID(1), sequence: 4, destination: .incidentChannel(channel), audience: [.channel, .role("cto")])
        #expect(lanes(notice) == ["discord/channel", "discord/dm:cto", "slack/channel", "slack/dm:cto"])
    }

    @Test func aDeliveryProblemAvoidsTheFailingPlatformAndEmailsOnCallEvenWithACommander() {
        let notice = Notice(
            kind: .deliveryProblem, incident: IncidentID(1), sequence: 5, destination: .incidentChannel(channel),
            audience: [.person(Participant(platform: .slack, id: "UBOB")), .role("on-call-lead")], avoiding: .slack
        )
        #expect(lanes(notice) == ["discord/channel", "email/email:on-call-lead"])
    }

    @Test func emailGoesOutOnlyWhereSMTPAndAnAddressAreConfiguredAndIsNeverDropped() {
        let notice = Notice(kind: .escalation, incident: IncidentID(1), sequence: 3, destination: .email("team-email"), audience: [.role("team-email")])
        #expect(lanes(notice) == ["email/email:team-email"])
        #expect(lanes(notice, email: false) == ["console/email:team-email"])
        let nobody = Notice(kind: .escalation, incident: IncidentID(1), sequence: 3, destination: .email("ceo"), audience: [.role("ceo")])
        #expect(lanes(nobody) == ["console/email:ceo"])
    }

    @Test func withNoPlatformConfiguredEverythingIsPrinted() {
        let notice = Notice(kind: .initialAlert, incident: IncidentID(1), sequence: 1, destination: .incidentChannel(channel), audience: [.channel])
        #expect(lanes(notice, chat: [], email: false) == ["console/channel"])
    }
}
