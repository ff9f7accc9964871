import Foundation
import KlaxonCore
import Testing

/// An estimated fix time that passes stays on the status page until someone moves it: the incident's owner hears.
@Suite("A passed ETA")
struct EtaPassedTests {
    let keeper = Timekeeper(policy: TestPolicy.playbook)

    func etaTimers(_ incident: Incident) -> [Timekeeper.Pending] {
        keeper.pending(incident).filter { if case .etaPassed = $0.timer { true } else { false } }
    }

    @Test("An ETA set for 14:30 is flagged five minutes after it, once")
    func anEtaIsFlaggedOnceAfterItPasses() {
        let eta = Fixture.at(minutes: 30)
        let incident = Fixture.incident(.p1, then: [.etaSet(at: eta)])
        #expect(etaTimers(incident).map(\.at) == [eta.addingTimeInterval(300)])
        #expect(!keeper.due(incident, at: eta.addingTimeInterval(299)).contains(.etaPassed(eta: eta)))
        #expect(keeper.due(incident, at: eta.addingTimeInterval(300)).contains(.etaPassed(eta: eta)))
        let fired = Fixture.incident(.p1, then: [.etaSet(at: eta), .timerFired(.etaPassed(eta: eta))])
        #expect(etaTimers(fired).isEmpty, "said once")
    }

    @Test("A new estimate is flagged when it passes in turn; a cleared one, or a resolved incident's, never")
    func aNewEstimateIsFlaggedAgainAClearedOneNever() {
        let first = Fixture.at(minutes: 30)
        let second = Fixture.at(minutes: 90)
        let moved = Fixture.incident(.p1, then: [.etaSet(at: first), .timerFired(.etaPassed(eta: first)), .etaSet(at: second)])
        #expect(etaTimers(moved).map(\.timer) == [.etaPassed(eta: second)])
        #expect(etaTimers(Fixture.incident(.p1, then: [.etaSet(at: first), .etaSet(at: nil)])).isEmpty)
        #expect(etaTimers(Fixture.incident(.p1, then: [.etaSet(at: first), .resolved(summary: "Fixed", forcedReason: "x")])).isEmpty)
    }

    @Test("The owner of the incident is told, in its channel")
    func theOwnerIsTold() {
        let eta = Fixture.at(minutes: 30)
        let incident = Fixture.incident(.p1, then: [.etaSet(at: eta), .timerFired(.etaPassed(eta: eta))])
        let notices = Announcer(policy: TestPolicy.playbook).notices(for: incident.timeline[2], sequence: 3, incident: incident)
        #expect(notices.map(\.kind) == [.etaPassed])
        #expect(notices.first?.destination == .incidentChannel(Fixture.incidents))
        #expect(notices.first?.audience.isEmpty == false)
    }

    @Test("An estimate flagged hours after it passed (the first start after an upgrade) is recorded quietly")
    func anEstimateLongPassedIsRecordedQuietly() {
        let eta = Fixture.at(minutes: 30)
        let late = Fixture.incident(.p1, then: [.etaSet(at: eta)])
            .evolved(by: IncidentEvent(at: eta.addingTimeInterval(7 * 3600), actor: nil, change: .timerFired(.etaPassed(eta: eta))))
        #expect(Announcer(policy: TestPolicy.playbook).notices(for: late.timeline[2], sequence: 3, incident: late).isEmpty)
    }
}
