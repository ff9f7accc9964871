import Foundation
import KlaxonCore
import Testing

/// An incident declared by mistake (a false alarm, a duplicate) is withdrawn: closed for good, everyone paged told to
/// stand down, closed on the status page as opened in error (customers emailed told so), no review, no statistics.
@Suite("Withdrawing an incident declared by mistake")
struct WithdrawTests {
    let decider = IncidentDecider(policy: TestPolicy.playbook)
    let keeper = Timekeeper(policy: TestPolicy.playbook)
    /// The playbook with the team emailed about public incidents.
    let announcer: Announcer = {
        var policy = TestPolicy.playbook
        policy.publicStatus = PublicStatusPolicy(
            name: "Status", timeZone: "UTC", components: PublicStatusPolicy.standard.components, teamEmail: "team-email", customers: "customers"
        )
        return Announcer(policy: policy)
    }()
    static let id = IncidentID(1)
    static let withdrawnP0 = Fixture.incident(.p0, then: [.withdrawn(reason: "False alarm: the probe was down")])

    static let decisions: [Decision] = [
        Decision(name: "an open incident is withdrawn with its reason", incident: Fixture.incident(.p0),
                 command: .withdraw(.current, reason: "False alarm"), expected: .records([.withdrawn(reason: "False alarm")])),
        Decision(name: "a public incident stays on the status page, closed as opened in error", incident: Fixture.incident(.p1, publicFacing: true),
                 command: .withdraw(.current, reason: "Duplicate of #4"), expected: .records([.withdrawn(reason: "Duplicate of #4")])),
        Decision(name: "a withdrawn incident may still be taken off the status page",
                 incident: Fixture.incident(.p1, publicFacing: true, then: [.withdrawn(reason: "Drill")]),
                 command: .makePrivate(.current), expected: .records([.madePrivate])),
        Decision(name: "a resolved incident found out to be a drill is withdrawn, its review with it",
                 incident: Fixture.incident(.p1, then: [.resolved(summary: "Fixed", forcedReason: nil)]),
                 command: .withdraw(.current, reason: "It was a drill"), expected: .records([.withdrawn(reason: "It was a drill")])),
        Decision(name: "an incident whose review is closed is not withdrawn: its facts are final",
                 incident: Fixture.incident(.p1, then: [.resolved(summary: "Fixed", forcedReason: nil), .reviewClosed(forcedReason: "x")]),
                 command: .withdraw(.current, reason: "Oops"), expected: .rejects(.reviewClosed(id))),
        Decision(name: "a withdrawn incident is not withdrawn twice", incident: withdrawnP0,
                 command: .withdraw(.current, reason: "Again"), expected: .rejects(.incidentWithdrawn(id))),
        Decision(name: "a withdrawn incident is not reopened", incident: withdrawnP0,
                 command: .reopen(.current, reason: "It was real"), expected: .rejects(.incidentWithdrawn(id))),
        Decision(name: "a withdrawn incident takes no update", incident: withdrawnP0,
                 command: .update(.current, text: "Investigating"), expected: .rejects(.incidentWithdrawn(id))),
        Decision(name: "a withdrawn incident is not resolved", incident: withdrawnP0,
                 command: .resolve(.current, summary: "Fixed", forceReason: "x"), expected: .rejects(.incidentWithdrawn(id))),
        Decision(name: "a withdrawn incident has no review to schedule", incident: withdrawnP0,
                 command: .scheduleReview(.current, when: "Friday"), expected: .rejects(.incidentWithdrawn(id))),
        Decision(name: "a withdrawn incident is not put back on the status page", incident: withdrawnP0,
                 command: .makePublic(.current, title: nil), expected: .rejects(.incidentWithdrawn(id))),
        Decision(name: "a withdrawn incident takes no finding for a review it will not have", incident: withdrawnP0,
                 command: .cause(.current, text: "Probe"), expected: .rejects(.incidentWithdrawn(id))),
        Decision(name: "a note is still added to a withdrawn incident's timeline", incident: withdrawnP0,
                 command: .note(.current, text: "Probe fixed"), expected: .records([.notePosted(text: "Probe fixed")])),
    ]

    @Test("Withdraw, and what follows it, are decided on the incident's state", arguments: decisions)
    func withdrawIsDecidedOnTheIncidentsState(decision: Decision) {
        decision.verify(decider, by: Fixture.bob, at: Fixture.at(minutes: 5))
    }

    @Test("A withdrawn incident is closed with its review: no timer is ever due again")
    func aWithdrawnIncidentIsClosedWithNoTimers() {
        let incident = Self.withdrawnP0
        #expect(!incident.isOpen)
        #expect(incident.withdrawal == "False alarm: the probe was down")
        #expect(incident.review.isClosed)
        #expect(!keeper.reviewPending(incident))
        #expect(!keeper.awaitsReview(incident))
        #expect(keeper.nextDue(incident) == nil)
        #expect(keeper.due(incident, at: Fixture.at(minutes: 10 * 1440)).isEmpty)
    }

    @Test("The stand-down reaches whoever the declaration paged: the channel for a P0, and the team by email for a public one", arguments: [
        (Severity.p0, false, true, false), (.p2, false, false, false), (.p1, true, false, true),
    ])
    func theStandDownReachesWhoeverWasPaged(severity: Severity, publicFacing: Bool, pingsChannel: Bool, emailsTeam: Bool) throws {
        let events = try decider.decide(
            .withdraw(.current, reason: "False alarm"), on: Fixture.incident(severity, publicFacing: publicFacing), by: Fixture.bob, in: Fixture.incidents,
            at: Fixture.at(minutes: 3)
        )
        let incident = events.reduce(Fixture.incident(severity, publicFacing: publicFacing)) { $0.evolved(by: $1) }
        let notices = announcer.notices(for: incident.timeline[1], sequence: 2, incident: incident)
        let standDown = try #require(notices.first { $0.kind == .withdrawn && $0.destination == .incidentChannel(Fixture.incidents) })
        #expect(standDown.audience.contains(.channel) == pingsChannel)
        // The declarer, not the on-call lead: no nudge named them before the withdrawal (three minutes in).
        #expect(standDown.audience.contains(.person(Fixture.alice)))
        #expect(!standDown.audience.contains(.role("on-call-lead")), "\(standDown.audience)")
        #expect(notices.contains { $0.kind == .withdrawn && $0.destination == .email("team-email") } == emailsTeam)
        #expect(incident.publicFacing == publicFacing)
        // Customers were never emailed about these: nothing goes to them.
        #expect(!notices.contains { $0.destination == .email("customers") })
    }

    @Test("A public incident withdrawn closes on the status page with the opened-in-error entry; customers emailed about it are emailed again, and Statuspage's copy is brought up to date")
    func aPublicIncidentWithdrawnClosesOnThePageAndTellsCustomers() throws {
        let told = Fixture.incident(.p1, publicFacing: true, then: [.customersNotified(role: "customers")])
        let events = try decider.decide(.withdraw(.current, reason: "Synthetic probe misconfigured"), on: told, by: Fixture.bob, in: Fixture.incidents, at: Fixture.at(minutes: 9))
        let incident = events.reduce(told) { $0.evolved(by: $1) }
        #expect(incident.publicFacing && !incident.isOpen)
        let last = try #require(incident.publicUpdates.last)
        #expect(last.withdrawn && last.status == .resolved && last.text == nil)
        let notices = announcer.notices(for: incident.timeline[2], sequence: 3, incident: incident)
        #expect(notices.contains { $0.kind == .customerEmail && $0.destination == .email("customers") })
        #expect(notices.contains { $0.kind == .publicPageChanged && $0.destination == .statuspage })
    }

    @Test("Taken off the page before it is withdrawn, an incident's emailed customers and the team still hear it was a mistake; its page view lists no component")
    func customersEmailedHearOfTheWithdrawalEvenOffThePage() throws {
        let told = Fixture.incident(.p1, publicFacing: true, then: [
            .componentsAffected([AffectedComponent(id: "uploads", impact: .major)]), .customersNotified(role: "customers"), .madePrivate,
        ])
        let events = try decider.decide(.withdraw(.current, reason: "Drill"), on: told, by: Fixture.bob, in: Fixture.incidents, at: Fixture.at(minutes: 9))
        let incident = events.reduce(told) { $0.evolved(by: $1) }
        let notices = announcer.notices(for: incident.timeline[4], sequence: 5, incident: incident)
        #expect(notices.contains { $0.kind == .customerEmail && $0.destination == .email("customers") })
        #expect(notices.contains { $0.kind == .withdrawn && $0.destination == .email("team-email") })
        let onPage = Fixture.incident(.p1, publicFacing: true, then: [.componentsAffected([AffectedComponent(id: "uploads", impact: .major)]), .withdrawn(reason: "Duplicate")])
        #expect(PublicIncident(onPage, components: PublicStatusPolicy.standard.components)?.components.isEmpty == true)
    }

    @Test("The stand-down names everyone escalated to so far, and emails those the policy emailed")
    func theStandDownNamesEveryoneEscalatedTo() throws {
        // A P0 40 minutes old: paged all hands at once, then the internal email at 30 minutes.
        let declared = Fixture.incident(.p0, then: [.timerFired(.escalation(rule: "p0-internal-email"))])
        let events = try decider.decide(.withdraw(.current, reason: "False alarm"), on: declared, by: Fixture.bob, in: Fixture.incidents, at: Fixture.at(minutes: 40))
        let incident = events.reduce(declared) { $0.evolved(by: $1) }
        let notices = announcer.notices(for: incident.timeline[2], sequence: 3, incident: incident)
        let standDown = try #require(notices.first { $0.kind == .withdrawn && $0.destination == .incidentChannel(Fixture.incidents) })
        for role in ["engineers", "cto", "engineering-lead", "on-call-lead"] {
            #expect(standDown.audience.contains(.role(role)), "\(role): \(standDown.audience)")
        }
        #expect(notices.contains { $0.kind == .withdrawn && $0.destination == .email("team-email") })
    }

    @Test("Statistics leave a withdrawn incident out")
    func statisticsLeaveAWithdrawnIncidentOut() {
        let resolved = Fixture.incident(.p0, id: 2, then: [.resolved(summary: "Fixed", forcedReason: "x")])
        let statistics = IncidentStatistics([Self.withdrawnP0, resolved], policy: TestPolicy.playbook, now: Fixture.at(minutes: 100))
        #expect(statistics.rows.map(\.incidents) == [1])
    }
}
