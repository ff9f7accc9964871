import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import KlaxonSlack
import Testing

/// After a crash mid-send, a DM is looked up in the conversation with its person before it is sent again, as
/// channel messages are: a replica taking over must not DM the CTO twice.
@Suite struct SlackDirectLookupTests {
    @Test(arguments: [true, false]) func aDMThatWentOutBeforeACrashIsFoundAndNotSentAgain(slackHadIt: Bool) async throws {
        let slack = try await FakeSlackAPI.start()
        let path = NSTemporaryDirectory() + "klaxon-people-\(UUID().uuidString).yml"
        try "cto:\n  slack: U0CTO\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil, peoplePath: path)
        let api = SlackWebAPI(baseURL: slack.baseURL, token: "xoxb-test-token")
        let transport = try SlackTransport(
            api: api, channel: "C0INCIDENTS", roleIDs: bundle.people.slackIDs, policy: bundle.policy, templates: bundle.templates
        )
        let delivery = try Self.escalationDM()
        if slackHadIt {
            // The dead worker's post: to the user's id, with the message's key as metadata.
            let metadata: [String: any Sendable] = ["event_type": "klaxon_message", "event_payload": ["key": delivery.key] as [String: any Sendable]]
            _ = try await api.call("chat.postMessage", ["channel": "U0CTO", "text": "escalation", "metadata": metadata])
        }
        let found = try await transport.findDelivered(delivery)
        #expect((found != nil) == slackHadIt)
        if slackHadIt { #expect(found?.messageID == "1700000000.000001") }
        #expect(slack.calls.contains { $0.method == "conversations.history" && $0.query["channel"] == "D0CTO" })
        await slack.stop()
    }

    /// The P0 escalation DM to the CTO.
    static func escalationDM() throws -> Delivery {
        let channel = ChannelRef(platform: .slack, id: "C0INCIDENTS", name: "incidents")
        let declared = IncidentEvent(
            at: DeskHarness.start, actor: Participant(platform: .slack, id: "UANN", name: "ann"),
            change: .declared(Declaration(severity: .p0, title: "Uploads failing", channel: channel))
        )
        let incident = try #require(Incident(id: IncidentID(3), events: [declared]))
        let notice = Notice(kind: .escalation, incident: incident.id, sequence: 1, destination: .role("cto"), audience: [.role("cto")], rule: "p0-all-hands")
        return Delivery(id: 20, key: "slack/dm:cto:incident-3/1/escalation", target: .direct(role: "cto"), notice: notice, incident: incident, thread: nil, now: declared.at)
    }
}
