import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

@Suite struct AlertHookRouteTests {
    static let alertmanager = AutomatedActor.alerts(.alertmanager, receiver: "klaxon").participant

    @Test func alertmanagersNotificationsOpenUpdateAndProposeResolvingOneIncident() async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        let store = handle.store
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            // Steps as Alertmanager sends them: each re-send (repeat_interval, or a retry) must record nothing.
            let steps: [(String, AlertAnswer)] = [
                ("alertmanager-firing", AlertAnswer(result: "declared", incident: 1)),
                ("alertmanager-firing", AlertAnswer(result: "unchanged", incident: 1)),
                ("alertmanager-new-alert", AlertAnswer(result: "updated", incident: 1)),
                ("alertmanager-new-alert", AlertAnswer(result: "unchanged", incident: 1)),
                ("alertmanager-truncated", AlertAnswer(result: "unchanged", incident: 1)),
                ("alertmanager-partial-resolve", AlertAnswer(result: "updated", incident: 1)),
                ("alertmanager-resolved", AlertAnswer(result: "updated", incident: 1)),
                ("alertmanager-resolved", AlertAnswer(result: "unchanged", incident: 1)),
            ]
            for (fixture, expected) in steps {
                let answer = try await client.alert(try AlertFixtures.payload(fixture))
                #expect(answer == expected, "\(fixture)")
            }
        }
        let incident = try #require(try await store.incident(IncidentID(1)))
        #expect(incident.severity == .p0)
        #expect(incident.title == "Upload error rate above 5%")
        #expect(incident.publicFacing)
        #expect(incident.isOpen, "the commander resolves it after verifying the fix")
        #expect(incident.firingAlerts.isEmpty)
        #expect(incident.alertOrigin?.link == "http://alertmanager.example.com:9093")
        #expect(incident.timeline.allSatisfy { $0.actor == Self.alertmanager })
        let changes = incident.timeline.compactMap { event -> AlertChange? in
            if case .alertsChanged(let change) = event.change { change } else { nil }
        }
        #expect(changes.map { $0.firing.map(\.fingerprint) } == [["c41d7e92a0b3f815"], [], []])
        #expect(changes.map { $0.resolved.map(\.fingerprint) } == [[], ["3f5e8a1c9b2d4e70"], ["c41d7e92a0b3f815"]])
        #expect(changes.map(\.allResolved) == [false, false, true])
        // One message in the thread per change, none per re-send.
        #expect(try await AlertFixtures.outboxKinds(store).filter { $0 == .alertsChanged }.count == 3)
        #expect(try await store.heads(IncidentQuery(.any)).count == 1)
        try await handle.close()
    }

    @Test func theGroupFiringAgainWhileItsIncidentIsOpenJoinsThatIncident() async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            _ = try await client.alert(try AlertFixtures.payload("alertmanager-new-alert"))
            _ = try await client.alert(try AlertFixtures.payload("alertmanager-resolved"))
            let answer = try await client.alert(try AlertFixtures.payload("alertmanager-firing"))
            #expect(answer == AlertAnswer(result: "updated", incident: 1))
        }
        #expect(try await handle.store.heads(IncidentQuery(.any)).count == 1)
        try await handle.close()
    }

    @Test func afterTheCommanderResolvesItANewFiringOpensANewIncident() async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            _ = try await client.alert(try AlertFixtures.payload("alertmanager-firing"))
            _ = try await client.slash("resolve #1 Rolled back --force verified by hand", clock: harness.clock)
            let answer = try await client.alert(try AlertFixtures.payload("alertmanager-new-alert"))
            #expect(answer == AlertAnswer(result: "declared", incident: 2))
        }
        // The new incident names the one its alerts come back from.
        let second = try #require(try await handle.store.incident(IncidentID(2)))
        #expect(second.alertOrigin?.previous == IncidentID(1))
        #expect(try await handle.store.incident(IncidentID(1))?.alertOrigin?.previous == nil)
        let policy = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil).policy
        let composer = ReplyComposer(renderer: try MessageRenderer(policy: policy, templates: .defaults, dialect: PlainTextDialect()))
        let alert = Notice(kind: .initialAlert, incident: IncidentID(2), sequence: 1, destination: .incidentChannel(second.channel))
        #expect(composer.text(of: alert, incident: second, now: TestHarness.start).contains(" · same alerts as #1"))
        try await handle.close()
    }

    @Test("New alerts of a group whose last incident was withdrawn as a false alarm declare again, saying so and why")
    func afterAWithdrawalTheNewIncidentSaysTheLastWasAFalseAlarm() async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            _ = try await client.alert(try AlertFixtures.payload("alertmanager-firing"))
            _ = try await client.slash("withdraw #1 The probe itself was down", clock: harness.clock)
            let answer = try await client.alert(try AlertFixtures.payload("alertmanager-new-alert"))
            #expect(answer == AlertAnswer(result: "declared", incident: 2))
        }
        let second = try #require(try await handle.store.incident(IncidentID(2)))
        #expect(second.alertOrigin?.previousWithdrawn == "The probe itself was down")
        let policy = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil).policy
        let composer = ReplyComposer(renderer: try MessageRenderer(policy: policy, templates: .defaults, dialect: PlainTextDialect()))
        let alert = Notice(kind: .initialAlert, incident: IncidentID(2), sequence: 1, destination: .incidentChannel(second.channel))
        #expect(composer.text(of: alert, incident: second, now: TestHarness.start).contains(" · same alerts as #1 (withdrawn as a false alarm: The probe itself was down)"))
        try await handle.close()
    }

    @Test func alertsRepeatedAfterTheCommanderResolvedWhileTheyFiredDeclareNothingUntilOneFiresAnew() async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            _ = try await client.alert(try AlertFixtures.payload("alertmanager-firing"))
            harness.clock.advance(minutes: 20)
            _ = try await client.slash("resolve #1 Failed over --force still firing but fine", clock: harness.clock)
            // Alertmanager's repeat_interval: the same alerts, started before the resolution.
            harness.clock.advance(minutes: 240)
            #expect(try await client.alert(try AlertFixtures.payload("alertmanager-firing")).result == "unchanged")
            #expect(try await handle.store.heads(IncidentQuery(.any)).count == 1, "nobody paged again")
            let joined = try await client.alert(try AlertFixtures.payload("alertmanager-new-alert"))
            #expect(joined == AlertAnswer(result: "declared", incident: 2), "an alert joining is news")
        }
        try await handle.close()
    }

    @Test("An older incident of the group is not reopened beside its newer one, which keeps the group's alerts")
    func anOlderIncidentReopenedByHandLeavesTheAlertsWithTheNewer() async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            _ = try await client.alert(try AlertFixtures.payload("alertmanager-firing"))
            _ = try await client.slash("resolve #1 Rolled back --force verified by hand", clock: harness.clock)
            _ = try await client.alert(try AlertFixtures.payload("alertmanager-new-alert"))
            // Reopening #1 while #2 is open for the same alerts is refused: the group would have two.
            let refused = try await client.slash("reopen #1 The first rollback did not hold", clock: harness.clock)
            #expect(refused.text.hasPrefix("The alerts of #1 came back as #2, which is open"), "\(refused.text)")
            let answer = try await client.alert(try AlertFixtures.payload("alertmanager-resolved"))
            #expect(answer == AlertAnswer(result: "updated", incident: 2))
        }
        #expect(try await handle.store.incident(IncidentID(1))?.isOpen == false)
        try await handle.close()
    }

    @Test func aLongGroupKeyIsFiledUnderItsDigestAndStillGroupsItsAlerts() async throws {
        // `group_by` over long labels: the key is kept whole in the incident, and filed under a digest PostgreSQL
        // can index. Two keys alike for their first 4,900 characters are two groups.
        @Sendable func payload(groupKey: String) throws -> String {
            var json = try #require(try JSONSerialization.jsonObject(with: Data(try AlertFixtures.payload("alertmanager-firing").utf8)) as? [String: Any])
            json["groupKey"] = groupKey
            return String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
        }
        let prefix = "{}:{service=\"" + String(repeating: "a", count: 4_900)
        let (harness, handle) = try await AlertFixtures.harness()
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            let first = try await client.alert(try payload(groupKey: prefix + "1\"}"))
            let again = try await client.alert(try payload(groupKey: prefix + "1\"}"))
            let other = try await client.alert(try payload(groupKey: prefix + "2\"}"))
            #expect(first == AlertAnswer(result: "declared", incident: 1))
            #expect(again == AlertAnswer(result: "unchanged", incident: 1))
            #expect(other == AlertAnswer(result: "declared", incident: 2))
        }
        let incident = try #require(try await handle.store.incident(IncidentID(1)))
        #expect(incident.alertOrigin?.key.rawValue == prefix + "1\"}")
        #expect(incident.channel.id.hasPrefix("sha256:"))
        #expect(incident.channel.id.utf8.count == 71)
        try await handle.close()
    }

    @Test func anAlertListedTwiceIsOneAlert() async throws {
        var json = try #require(try JSONSerialization.jsonObject(with: Data(try AlertFixtures.payload("alertmanager-firing").utf8)) as? [String: Any])
        let alerts = try #require(json["alerts"] as? [[String: Any]])
        json["alerts"] = alerts + [alerts[0]]
        let body = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
        let (harness, handle) = try await AlertFixtures.harness()
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            let answer = try await client.alert(body)
            #expect(answer == AlertAnswer(result: "declared", incident: 1))
        }
        let incident = try #require(try await handle.store.incident(IncidentID(1)))
        #expect(incident.firingAlerts.count == alerts.count)
        try await handle.close()
    }

    @Test func grafanasNotificationsOpenAnIncidentThatCarriesTheDashboardLink() async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            // A warning (P2) is proposed by the default policy; accepting it declares the incident.
            let first = try await client.alert(try AlertFixtures.payload("grafana-firing"), to: "grafana")
            #expect(first == AlertAnswer(result: "proposed", proposal: "a1"))
            _ = try await client.slash("accept a1", clock: harness.clock)
            let again = try await client.alert(try AlertFixtures.payload("grafana-firing"), to: "grafana")
            #expect(again == AlertAnswer(result: "unchanged", incident: 1))
            let resolved = try await client.alert(try AlertFixtures.payload("grafana-resolved"), to: "grafana")
            #expect(resolved == AlertAnswer(result: "updated", incident: 1))
        }
        let incident = try #require(try await handle.store.incident(IncidentID(1)))
        #expect(incident.severity == .p2)
        #expect(incident.title == "Memory above 90% in us-1")
        #expect(incident.alertOrigin?.source == .grafana)
        #expect(incident.alertOrigin?.link == "https://grafana.example.com/d/mem01?orgId=1")
        #expect(incident.declaredBy?.id == "UANN", "the person who accepted the proposal")
        #expect(incident.timeline.last?.actor == AutomatedActor.alerts(.grafana, receiver: "klaxon").participant)
        #expect(incident.isOpen)
        try await handle.close()
    }

    @Test(arguments: [
        (nil as String?, HTTPResponse.Status.unauthorized),
        ("wrong", .unauthorized),
        ("other", .forbidden),
    ])
    func aMissingWrongOrUnscopedTokenIsRefusedAndRecordsNothing(token: String?, status: HTTPResponse.Status) async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            let body = try AlertFixtures.payload("alertmanager-firing")
            try await client.execute(uri: "/hooks/alertmanager", method: .post, headers: AlertFixtures.headers(token: token), body: ByteBuffer(string: body)) { response in
                #expect(response.status == status)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                let problem = try JSONDecoder().decode(ProblemAnswer.self, from: Data(buffer: response.body))
                #expect(problem.status == Int(status.code))
                if status == .forbidden { #expect(problem.detail.contains("`alerts` scope")) }
            }
        }
        #expect(try await handle.store.heads(IncidentQuery(.any)).isEmpty)
        try await handle.close()
    }

    @Test(arguments: [
        ("{", "not JSON"),
        (#"{"version":"4","status":"firing","receiver":"r","alerts":[]}"#, "`groupKey` is missing"),
        (#"{"version":"3","groupKey":"g","status":"firing","receiver":"r","alerts":[]}"#, "version 4"),
        (#"{"version":"4","groupKey":"","status":"firing","receiver":"r","alerts":[]}"#, "`groupKey` is empty"),
        (#"{"version":"4","groupKey":"g","status":"firing","receiver":"r","alerts":[{"status":"pending","labels":{},"startsAt":"2026-11-28T09:00:00Z","fingerprint":"a"}]}"#, "`alerts[0].status`"),
        (#"{"version":"4","groupKey":"g","status":"firing","receiver":"r","alerts":[{"status":"firing","labels":{},"startsAt":"2026-11-28T09:00:00Z"}]}"#, "`alerts[0].fingerprint` is missing"),
        (#"{"version":"4","groupKey":"g","status":"firing","receiver":"r","alerts":[{"status":"firing","labels":{},"startsAt":"yesterday","fingerprint":"a"}]}"#, "`alerts[0].startsAt`"),
        (#"{"version":"4","groupKey":"g","status":"firing","receiver":"r","alerts":[{"status":"firing","labels":{"a":1},"startsAt":"2026-11-28T09:00:00Z","fingerprint":"a"}]}"#, "`alerts[0].labels.a` has the wrong type"),
        // Which of the two counts is not for Klaxon to guess: a decoder keeps one of them, silently.
        (#"{"version":"4","groupKey":"g","status":"resolved","receiver":"r","status":"firing","alerts":[]}"#, "`status` is given twice"),
        (#"{"version":"4","groupKey":"g","status":"firing","receiver":"r","alerts":[{"status":"firing","labels":{"severity":"p3","severity":"p0"},"startsAt":"2026-11-28T09:00:00Z","fingerprint":"a"}]}"#, "`alerts[0].labels.severity` is given twice"),
    ])
    func aBadPayloadGetsA400SayingWhyAndRecordsNothing(body: String, reason: String) async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            try await client.execute(uri: "/hooks/alertmanager", method: .post, headers: AlertFixtures.headers(), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                let problem = try JSONDecoder().decode(ProblemAnswer.self, from: Data(buffer: response.body))
                #expect(problem.detail.contains(reason), "\(problem.detail)")
            }
        }
        #expect(try await handle.store.heads(IncidentQuery(.any)).isEmpty)
        try await handle.close()
    }

    @Test func aGroupLargerThanAChatCommandIsAcceptedAndOneOverOneMebibyteIsNot() async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        // Alertmanager with no max_alerts sends every alert of the group: 400 alerts are ~200 KB, past chat's 64 KiB.
        var payload = try JSONSerialization.jsonObject(with: Data(try AlertFixtures.payload("alertmanager-firing").utf8)) as! [String: Any]
        let alert = (payload["alerts"] as! [[String: Any]])[0]
        payload["alerts"] = (0..<400).map { index in alert.merging(["fingerprint": String(format: "%016x", index)]) { $1 } }
        let large = String(decoding: try JSONSerialization.data(withJSONObject: payload), as: UTF8.self)
        #expect(large.utf8.count > 64 * 1024)
        let huge = large + String(repeating: " ", count: 1024 * 1024)
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            let answer = try await client.alert(large)
            #expect(answer == AlertAnswer(result: "declared", incident: 1))
            try await client.execute(uri: "/hooks/alertmanager", method: .post, headers: AlertFixtures.headers(), body: ByteBuffer(string: huge)) { response in
                #expect(response.status == .contentTooLarge)
                // Refused from its announced length, with the problem document every hook error is.
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(String(buffer: response.body).contains(#""detail":"the body is larger than 1 MiB""#))
            }
        }
        #expect(try await handle.store.incident(IncidentID(1))?.firingAlerts.count == 400)
        #expect(try await handle.store.heads(IncidentQuery(.any)).count == 1)
        try await handle.close()
    }
}
