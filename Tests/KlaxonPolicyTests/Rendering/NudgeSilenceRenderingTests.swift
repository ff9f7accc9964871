import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// What a nudge says: how long since the last update, and the playbook's update that fits where the incident stands.
extension MessageFactsTests {
    private func event(_ minute: Int, _ change: IncidentChange) -> IncidentEvent {
        IncidentEvent(at: Fixture.at(minutes: minute), actor: change.isTimer ? nil : Fixture.bob, change: change)
    }

    private func nudgeText(_ incident: Incident, offer: MessageKind? = nil) -> String {
        let notice = Notice(
            kind: .nudgeUpdateDue, incident: incident.id, sequence: incident.version, destination: .incidentChannel(Fixture.channel), offer: offer
        )
        return renderer.render(notice, facts.notice(notice, incident: incident, now: incident.timeline.last?.at ?? Fixture.declaredAt))
    }

    @Test("After a raise restarted the cadence, the silence still counts from the last update")
    func theSilenceCountsFromTheLastUpdate() {
        // A P1 updated at 1, raised to P0 at 17 (updates every 15 minutes from then), nudged at 32.
        let incident = [
            event(1, .updatePosted(text: "Looking")), event(17, .severityChanged(from: .p1, to: .p0, reason: "Spreading")),
            event(32, .timerFired(.updateDue(anchor: Fixture.at(minutes: 17), slot: 1))),
        ].reduce(Fixture.incident(.p1)) { $0.evolved(by: $1) }
        let text = nudgeText(incident)
        #expect(text.contains("no update for 31 min"), "\(text)")
    }

    @Test("The 30-minute update offered fits the status: no 'still investigating' once the cause is identified", arguments: [
        (StatusPhase.investigating, "We're still investigating"), (.identified, "We've identified the cause"), (.monitoring, "is in place and we are monitoring"),
    ])
    func theThirtyMinuteUpdateFitsTheStatus(status: StatusPhase, offered: String) {
        var changes: [IncidentEvent] = []
        if status != .investigating { changes.append(event(10, .statusChanged(from: .investigating, to: status, note: nil))) }
        changes.append(event(30, .timerFired(.updateDue(anchor: Fixture.declaredAt, slot: 2))))
        let incident = changes.reduce(Fixture.incident(.p0)) { $0.evolved(by: $1) }
        let text = nudgeText(incident, offer: .update30Minutes)
        #expect(text.contains(offered), "\(text)")
    }
}

private extension IncidentChange {
    var isTimer: Bool { if case .timerFired = self { true } else { false } }
}

/// A passed estimate, as the channel and the timeline read it.
extension MessageFactsTests {
    @Test("A passed ETA tells whoever runs the incident that the page still shows it, and how to move it")
    func aPassedEtaSaysThePageStillShowsIt() throws {
        let eta = Fixture.at(minutes: 30)
        let incident = Fixture.incident(.p1, publicFacing: true, then: [.etaSet(at: eta)])
            .evolved(by: IncidentEvent(at: Fixture.at(minutes: 35), actor: nil, change: .timerFired(.etaPassed(eta: eta))))
        let notice = Notice(kind: .etaPassed, incident: incident.id, sequence: incident.version, destination: .incidentChannel(Fixture.channel))
        let text = renderer.render(notice, facts.notice(notice, incident: incident, now: Fixture.at(minutes: 35)))
        #expect(text.contains("the fix for #1 Uploads failing was expected by 2026-11-26 14:30 UTC, and the status page still says so."), "\(text)")
        #expect(text.contains("`/incident eta #1 30m`"))
        let timeline = renderer.render(.timeline, facts.timeline(incident, now: Fixture.at(minutes: 40)))
        #expect(timeline.contains("14:35 UTC Klaxon flagged: the fix expected by 2026-11-26 14:30 UTC had not come"), "\(timeline)")
    }
}
