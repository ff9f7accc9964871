import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Testing

/// Two replicas receiving different notifications for one new alert group at the same moment (an Alertmanager HA
/// pair, or a retry crossing a `group_interval` update) open one incident. Each notification carries the whole
/// group, so the incident ends with the alerts of the one handled last: both, when the fuller one comes second.
@Suite struct AlertReplicaTests {
    static func alert(_ fingerprint: String) -> Alert {
        Alert(
            fingerprint: fingerprint, status: .firing, labels: ["alertname": "UploadErrors", "instance": fingerprint, "severity": "critical"],
            annotations: [:], startsAt: DeskHarness.start
        )
    }

    static func group(_ fingerprints: [String]) -> AlertGroup {
        AlertGroup(
            source: .alertmanager, key: AlertGroupKey(#"{}:{alertname="UploadErrors"}"#), receiver: "klaxon",
            groupLabels: ["alertname": "UploadErrors"], alerts: fingerprints.map(alert)
        )
    }

    @Test(arguments: [false, true]) func twoReplicasGivenDifferentNotificationsOpenOneIncidentWithEveryAlert(together: Bool) async throws {
        try await DeskHarness.replicas { a, b in
            let first = Self.group(["a1"])
            let second = Self.group(["a1", "a2"])
            if together {
                async let one = a.desk.receive(first)
                async let two = b.desk.receive(second)
                _ = try await (one, two)
            } else {
                _ = try await a.desk.receive(first)
                _ = try await b.desk.receive(second)
            }
            let heads = try await a.handle.store.heads(IncidentQuery(.any))
            #expect(heads.count == 1)
            let incident = try #require(try await a.handle.store.incident(IncidentID(1)))
            let firing = Set(incident.firingAlerts.map(\.fingerprint))
            #expect(together ? [["a1"], ["a1", "a2"]].contains(firing) : firing == ["a1", "a2"])
            #expect(incident.timeline.filter { if case .declared = $0.change { true } else { false } }.count == 1)
        }
    }
}
