import Foundation
import KlaxonCore
import Testing

/// An incident the alerts declared counts its time to declare from its first alert, unless people said otherwise.
@Suite struct AlertFiringSinceTests {
    static func alert(_ fingerprint: String, startedAt: Date) -> Alert {
        Alert(fingerprint: fingerprint, status: .firing, labels: ["alertname": "UploadErrors", "instance": fingerprint, "severity": "critical"], startsAt: startedAt)
    }

    static func declaration(_ alerts: [Alert], previous: IncidentID? = nil) -> Declaration {
        let group = AlertGroup(
            source: .alertmanager, key: AlertGroupKey("{}:{alertname=\"UploadErrors\"}"), receiver: "klaxon", groupLabels: ["alertname": "UploadErrors"], alerts: alerts
        )
        return AlertDecider(policy: TestPolicy.playbook).declaration(for: group, previous: previous)
    }

    static func metrics(_ declaration: Declaration, then changes: [IncidentChange] = []) throws -> IncidentMetrics {
        let actor = AutomatedActor.alerts(.alertmanager, receiver: "klaxon").participant
        let events = [IncidentEvent(at: Fixture.at(minutes: 12), actor: actor, change: .declared(declaration))]
            + changes.map { IncidentEvent(at: Fixture.at(minutes: 20), actor: Fixture.alice, change: $0) }
        let incident = try #require(Incident(id: IncidentID(1), events: events))
        return IncidentMetrics(incident, policy: TestPolicy.playbook, now: Fixture.at(minutes: 30))
    }

    @Test("The first alert's start is where the time to declare counts from")
    func theFirstAlertStarts() throws {
        let declared = Self.declaration([Self.alert("b", startedAt: Fixture.at(minutes: 5)), Self.alert("a", startedAt: Fixture.at(minutes: 2))])
        #expect(declared.alerts?.firingSince == Fixture.at(minutes: 2))
        #expect(try Self.metrics(declared).timeToDeclare == 10 * 60)
    }

    @Test("A warning firing for weeks beside the critical alert that declared is not when the incident began")
    func onlyTheAlertsAtTheDeclaredSeverityCount() throws {
        var warning = Self.alert("w", startedAt: Fixture.at(minutes: -60 * 24 * 20))
        warning = Alert(fingerprint: "w", status: .firing, labels: ["alertname": "UploadErrors", "instance": "w", "severity": "warning"], startsAt: warning.startsAt)
        let declared = Self.declaration([warning, Self.alert("c", startedAt: Fixture.at(minutes: 4))])
        #expect(declared.severity == .p0)
        #expect(declared.alerts?.firingSince == Fixture.at(minutes: 4))
    }

    @Test("A start people recorded wins over the alerts'")
    func aRecordedStartWins() throws {
        let declared = Self.declaration([Self.alert("a", startedAt: Fixture.at(minutes: 2))])
        #expect(try Self.metrics(declared, then: [.milestoneSet(.impactStarted, at: Fixture.at(minutes: 0))]).timeToDeclare == 12 * 60)
    }

    @Test("No start is taken from a group back after an earlier incident, or from a placeholder time", arguments: [
        (declaration([alert("a", startedAt: Fixture.at(minutes: 2))], previous: IncidentID(3)), "alerts that may have fired through the last incident"),
        (declaration([alert("a", startedAt: Date(timeIntervalSince1970: -62_135_596_800))]), "year 1, a sender's placeholder"),
    ])
    func noStartIsTaken(declared: Declaration, why: String) throws {
        #expect(declared.alerts?.firingSince == nil, "\(why)")
        #expect(try Self.metrics(declared).timeToDeclare == nil, "\(why)")
    }
}
