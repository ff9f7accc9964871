import Foundation
import HTTPTypes
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

/// A commander named through the API is who the incident's messages reach: nudges ping them as they ping one named
/// in chat. Automation sets commanders most on incidents that alerts or the API declared, which have no chat of
/// their own: there, the one chat the deployment posts to names them.
@Suite("Commanders named through the API")
struct APICommanderTests {
    @Test("On an incident declared through the API, with Slack the one chat posted to, a commander named by id is a Slack user")
    func aCommanderOnAnAPIIncidentIsAPostingChatsUser() async throws {
        let slack = try await FakeSlackAPI.start()
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        var configuration = KlaxonConfiguration(host: "127.0.0.1", port: 0, slackSigningSecret: TestHarness.secret)
        configuration.apiTokens = APIRouteTests.tokens
        configuration.delivery.slack = .init(token: "xoxb-x", channel: "C0INCIDENTS", apiURL: slack.baseURL)
        let deps = KlaxonApplication.Dependencies(
            configuration: configuration, bundle: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil), store: handle.store,
            clock: ManualWallClock(TestHarness.start), logger: Logger(label: "test"), slackSigningSecret: TestHarness.secret, runsScheduler: false
        )
        try await KlaxonApplication.build(deps).test(.router) { client in
            #expect(try await APIRouteTests.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p1","title":"Payments failing"}"#).status == .created)
            let named = try await APIRouteTests.call(client, .post, "/api/v1/incidents/1/commands", json: #"{"command":"commander","text":"<@U0ALICE>"}"#)
            #expect(named.status == .ok, "\(named.text)")
        }
        #expect(try await handle.store.incident(IncidentID(1))?.commander == Participant(platform: .slack, id: "U0ALICE"))
        try await handle.close()
        await slack.stop()
    }
}
