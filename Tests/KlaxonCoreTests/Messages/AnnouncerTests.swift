import Foundation
import KlaxonCore
import Testing

/// Which notices a declaration should cause under the playbook.
struct DeclarationNotices: Sendable, CustomTestStringConvertible {
    let severity: Severity
    let kind: IncidentKind
    let publicFacing: Bool
    let pingsChannel: Bool
    /// Escalation rules that fire at once, in policy order.
    let rules: [String]

    var testDescription: String { "\(severity.label) \(kind.rawValue)\(publicFacing ? " public" : "")" }
}

@Suite("Announcer")
struct AnnouncerTests {
    let announcer = Announcer(policy: TestPolicy.playbook)
    let home = Destination.incidentChannel(Fixture.incidents)

    static let declarations: [DeclarationNotices] = [
        .init(severity: .p0, kind: .general, publicFacing: false, pingsChannel: true, rules: ["p0-all-hands"]),
        .init(severity: .p0, kind: .general, publicFacing: true, pingsChannel: true, rules: ["p0-all-hands"]),
        .init(severity: .p0, kind: .security, publicFacing: false, pingsChannel: true, rules: ["p0-all-hands", "security"]),
        .init(severity: .p0, kind: .dataBreach, publicFacing: true, pingsChannel: true, rules: ["p0-all-hands", "security", "data-breach"]),
        .init(severity: .p1, kind: .general, publicFacing: false, pingsChannel: false, rules: ["p1-team"]),
        .init(severity: .p1, kind: .general, publicFacing: true, pingsChannel: false, rules: ["p1-team"]),
        .init(severity: .p1, kind: .billing, publicFacing: false, pingsChannel: false, rules: ["p1-team", "billing"]),
        .init(severity: .p2, kind: .general, publicFacing: true, pingsChannel: false, rules: ["p2-team"]),
        .init(severity: .p2, kind: .security, publicFacing: false, pingsChannel: false, rules: ["p2-team", "security"]),
        .init(severity: .p3, kind: .general, publicFacing: false, pingsChannel: false, rules: []),
        .init(severity: .p3, kind: .billing, publicFacing: false, pingsChannel: false, rules: ["billing"]),
    ]

    @Test("A declaration alerts the channel and escalates by every rule that fires at once", arguments: declarations)
    func aDeclarationAlertsAndEscalatesByEveryImmediateRule(expected: DeclarationNotices) {
        let incident = Fixture.incident(expected.severity, id: 7, kind: expected.kind, publicFacing: expected.publicFacing)
        let notices = announcer.notices(for: incident.timeline[0], sequence: 1, incident: incident)
        let ping: [Audience] = expected.pingsChannel ? [.channel] : []
        let alert = Notice(kind: .initialAlert, incident: IncidentID(7), sequence: 1, destination: home, audience: ping)
        #expect(notices.first == alert)
        // A public incident's declaration is copied to Statuspage as well: the last notice, one of its own.
        let statuspage = Notice(kind: .publicPageChanged, incident: IncidentID(7), sequence: 1, destination: .statuspage)
        #expect(notices.filter { $0.destination == .statuspage } == (expected.publicFacing ? [statuspage] : []))
        let escalations = Array(notices.dropFirst().filter { $0.destination != .statuspage })
        let home = self.home
        #expect(escalations.allSatisfy { (notice: Notice) in notice.kind == .escalation && notice.destination == home && notice.sequence == 1 })
        let rules: [String?] = escalations.map { (notice: Notice) in notice.rule }
        #expect(rules == expected.rules)
    }

    @Test("A P0 declaration calls all hands: engineers, CTO and engineering lead, and nobody the later rules name")
    func aP0DeclarationCallsAllHands() {
        let incident = Fixture.incident(.p0, id: 7, publicFacing: true)
        let notices = announcer.notices(for: incident.timeline[0], sequence: 1, incident: incident)
        #expect(notices == [
            Notice(kind: .initialAlert, incident: IncidentID(7), sequence: 1, destination: home, audience: [.channel]),
            Notice(kind: .escalation, incident: IncidentID(7), sequence: 1, destination: home,
                   audience: [.role("engineers"), .role("cto"), .role("engineering-lead")], rule: "p0-all-hands"),
            Notice(kind: .publicPageChanged, incident: IncidentID(7), sequence: 1, destination: .statuspage),
        ])
    }

    /// An event on an incident, and whether it changes what Statuspage should show.
    struct StatuspageCase: Sendable, CustomTestStringConvertible {
        let name: String
        let change: IncidentChange
        let publicBefore: Bool
        let copied: Bool

        var testDescription: String { name }
    }

    static let statuspageCases: [StatuspageCase] = [
        .init(name: "a public status change", change: .statusChanged(from: .investigating, to: .identified, note: nil), publicBefore: true, copied: true),
        .init(name: "a public update", change: .publicUpdatePosted(status: .investigating, text: "We are on it"), publicBefore: true, copied: true),
        .init(name: "components", change: .componentsAffected([AffectedComponent(id: "uploads", impact: .major)]), publicBefore: true, copied: true),
        .init(name: "an ETA", change: .etaSet(at: Fixture.declaredAt.addingTimeInterval(1800)), publicBefore: true, copied: true),
        .init(name: "the resolution", change: .resolved(summary: "Fixed", forcedReason: nil), publicBefore: true, copied: true),
        .init(name: "made private", change: .madePrivate, publicBefore: true, copied: true),
        .init(name: "made public", change: .madePublic(title: nil), publicBefore: false, copied: true),
        .init(name: "an internal update", change: .updatePosted(text: "Internal"), publicBefore: true, copied: false),
        .init(name: "a note", change: .notePosted(text: "Private"), publicBefore: true, copied: false),
        .init(name: "the Statuspage id recorded", change: .statuspageLinked(id: "sp1"), publicBefore: true, copied: false),
        .init(name: "a status change of an internal incident", change: .statusChanged(from: .investigating, to: .identified, note: nil),
              publicBefore: false, copied: false),
        .init(name: "components of an internal incident", change: .componentsAffected([AffectedComponent(id: "uploads", impact: .major)]),
              publicBefore: false, copied: false),
    ]

    @Test("What customers see changing on a public incident is copied to Statuspage; internal changes and incidents are not",
          arguments: statuspageCases)
    func publicChangesAreCopiedToStatuspage(_ row: StatuspageCase) {
        let incident = Fixture.incident(.p1, id: 7, publicFacing: row.publicBefore)
        let event = IncidentEvent(at: Fixture.declaredAt.addingTimeInterval(60), actor: nil, change: row.change)
        let notices = announcer.notices(for: event, sequence: 2, incident: incident.evolved(by: event))
        let copy = Notice(kind: .publicPageChanged, incident: IncidentID(7), sequence: 2, destination: .statuspage)
        #expect(notices.filter { $0.destination == .statuspage } == (row.copied ? [copy] : []))
    }

    @Test("A data breach reaches security, legal and the CTO, and the CEO by a rule of its own")
    func aDataBreachReachesSecurityLegalCTOAndTheCEO() {
        let incident = Fixture.incident(.p3, id: 7, kind: .dataBreach)
        let notices = announcer.notices(for: incident.timeline[0], sequence: 1, incident: incident)
        #expect(notices.map(\.audience) == [
            [],
            [.role("security-team"), .role("legal-team"), .role("cto")],
            [.role("ceo")],
        ])
    }

    @Test("The P0 over-one-hour prompts travel with their escalation when the rule fires at once")
    func promptsTravelWithTheirEscalation() {
        var policy = TestPolicy.playbook
        policy.escalations = [EscalationRule(
            id: "now", when: EscalationCondition(severity: [.p0]), notify: ["ceo"], prompts: ["Notify customers if public-facing"]
        )]
        let incident = Fixture.incident(.p0, id: 7)
        let notices = Announcer(policy: policy).notices(for: incident.timeline[0], sequence: 1, incident: incident)
        #expect(notices.last?.prompts == ["Notify customers if public-facing"])
        #expect(notices.first?.prompts == [])
    }

    @Test("An email escalation sends one notice per role by email, naming all of them")
    func anEmailEscalationSendsOneNoticePerRoleByEmail() {
        var policy = TestPolicy.playbook
        policy.escalations = [EscalationRule(
            id: "mail-now", when: EscalationCondition(kind: [.billing]), notify: ["finance-team", "ceo"], via: .email
        )]
        let incident = Fixture.incident(.p3, id: 7, kind: .billing)
        let notices = Announcer(policy: policy).notices(for: incident.timeline[0], sequence: 1, incident: incident)
        #expect(Array(notices.dropFirst()) == [
            // Each to its role, every role named (as in chat), so a person in two of them is written to once.
            Notice(kind: .escalation, incident: IncidentID(7), sequence: 1, destination: .email("finance-team"), audience: [.role("finance-team"), .role("ceo")], rule: "mail-now"),
            Notice(kind: .escalation, incident: IncidentID(7), sequence: 1, destination: .email("ceo"), audience: [.role("finance-team"), .role("ceo")], rule: "mail-now"),
        ])
    }

    @Test("A rule with a zero delay fires at once; one with a delay does not")
    func aRuleWithAZeroDelayFiresAtOnce() {
        #expect(EscalationRule(id: "a", when: EscalationCondition(), after: .minutes(0), notify: ["ceo"]).isImmediate)
        #expect(EscalationRule(id: "b", when: EscalationCondition(), notify: ["ceo"]).isImmediate)
        #expect(!EscalationRule(id: "c", when: EscalationCondition(), after: .minutes(30), notify: ["ceo"]).isImmediate)
    }

    static let severityChanges: [(Severity, Severity, IncidentKind, Bool, [String])] = [
        (.p2, .p0, .general, true, ["p0-all-hands"]),
        (.p3, .p1, .general, false, ["p1-team"]),
        (.p1, .p0, .security, true, ["p0-all-hands"]),
        (.p3, .p2, .general, false, ["p2-team"]),
        (.p1, .p2, .general, false, []),
        (.p0, .p1, .general, false, []),
        (.p1, .p3, .billing, false, []),
    ]

    @Test("Escalating brings the new severity's at-once rules and ping; downgrading brings nothing", arguments: severityChanges)
    func escalatingBringsTheNewSeveritysRules(from: Severity, to: Severity, kind: IncidentKind, pings: Bool, rules: [String]) {
        let incident = Fixture.incident(from, id: 7, kind: kind, then: [.severityChanged(from: from, to: to, reason: nil)])
        let notices = announcer.notices(for: incident.timeline[1], sequence: 2, incident: incident)
        let ping: [Audience] = pings ? [.channel] : []
        #expect(notices.first == Notice(kind: .severityChanged, incident: IncidentID(7), sequence: 2, destination: home, audience: ping))
        let fired: [String?] = notices.dropFirst().map { (notice: Notice) in notice.rule }
        #expect(fired == rules)
    }

    @Test("Scheduling the review is announced, inviting the playbook's attendees: whoever acted, and the policy's roles")
    func schedulingTheReviewIsAnnounced() {
        let incident = Fixture.incident(.p0, id: 7, then: [.resolved(summary: "Fixed", forcedReason: nil), .reviewScheduled(when: "Friday 10:00")])
        let notices = announcer.notices(for: incident.timeline[2], sequence: 3, incident: incident)
        #expect(notices.map(\.kind) == [.reviewScheduled])
        #expect(notices.first?.destination == home)
        let invited = notices.first?.audience ?? []
        for actor in Set(incident.timeline.compactMap(\.actor)) { #expect(invited.contains(.person(actor)), "\(actor)") }
        #expect(invited.contains(.role("on-call-lead")), "no commander: the on-call role answers for the incident")
    }

    @Test("A scheduled review's report is posted when it falls due, and recorded quietly when it fires days late (after an upgrade)", arguments: [
        (0.0, true), (2 * 86_400.0, true), (4 * 86_400.0, false),
    ])
    func aStaleReportOfAScheduledReviewIsQuiet(lateBy: TimeInterval, posted: Bool) throws {
        let scheduled = Fixture.incident(.p0, id: 7, then: [.resolved(summary: "Fixed", forcedReason: nil), .reviewScheduled(when: "Friday")])
        let due = try #require(Timekeeper(policy: TestPolicy.playbook).scheduledReviewOverdue(scheduled))
        let fired = IncidentEvent(at: due.addingTimeInterval(lateBy), actor: nil, change: .timerFired(.reviewOverdue))
        let notices = announcer.notices(for: fired, sequence: 4, incident: scheduled.evolved(by: fired))
        #expect(notices.map(\.kind) == (posted ? [.reviewReminder] : []))
    }

    @Test("The review invites people, not the alert source or API token that acted on the incident")
    func theReviewInvitesPeopleNotAutomation() {
        let token = AutomatedActor.apiToken(name: "deployer").participant
        let declared = Fixture.incident(.p0, id: 7, then: [.resolved(summary: "Fixed", forcedReason: nil)])
        let noted = declared.evolved(by: IncidentEvent(at: Fixture.at(minutes: 3), actor: token, change: .notePosted(text: "Deploy 4711 rolled back")))
        let scheduled = noted.evolved(by: IncidentEvent(at: Fixture.at(minutes: 4), actor: Fixture.bob, change: .reviewScheduled(when: "Friday")))
        let invited = announcer.notices(for: scheduled.timeline[3], sequence: 4, incident: scheduled).first?.audience ?? []
        #expect(!invited.contains(.person(token)))
        #expect(invited.contains(.person(Fixture.bob)))
    }

    static let followUps: [(IncidentChange, MessageKind?)] = [
        (.updatePosted(text: "Rolled back"), .updatePosted),
        (.statusChanged(from: .investigating, to: .identified, note: nil), .statusChanged),
        (.severityChanged(from: .p0, to: .p1, reason: "EU only"), .severityChanged),
        (.scopeSet(text: "EU"), .scopeSet),
        (.checklistItemChecked(checklist: "resolution", item: "smoke-tests"), .checklistChecked),
        (.checklistItemUnchecked(checklist: "resolution", item: "smoke-tests"), .checklistUnchecked),
        (.resolved(summary: "Fixed", forcedReason: nil), .resolution),
        (.notePosted(text: "Quiet"), nil),
    ]

    @Test("Each later event announces itself in the incident channel, except a note", arguments: followUps)
    func eachLaterEventAnnouncesItselfExceptANote(change: IncidentChange, kind: MessageKind?) {
        let incident = Fixture.incident(.p0, id: 7, then: [change])
        let notices = announcer.notices(for: incident.timeline[1], sequence: 2, incident: incident)
        let expected = kind.map { [Notice(kind: $0, incident: IncidentID(7), sequence: 2, destination: home)] } ?? []
        #expect(notices == expected)
    }

    @Test("A new commander is mentioned in the announcement")
    func aNewCommanderIsMentionedInTheAnnouncement() {
        let incident = Fixture.incident(.p1, id: 7, then: [.commanderAssigned(Fixture.bob)])
        let notices = announcer.notices(for: incident.timeline[1], sequence: 2, incident: incident)
        #expect(notices == [Notice(kind: .commanderAssigned, incident: IncidentID(7), sequence: 2, destination: home, audience: [.person(Fixture.bob)])])
    }

    @Test("The notices of one event carry its sequence number and distinct idempotency keys", arguments: [1, 4, 12])
    func theNoticesOfOneEventHaveDistinctIdempotencyKeys(sequence: Int) {
        var policy = TestPolicy.playbook
        policy.escalations.append(EscalationRule(id: "mail", when: EscalationCondition(severity: [.p0]), notify: ["ceo", "cto"], via: .email))
        let incident = Fixture.incident(.p0, id: 7, kind: .dataBreach)
        let notices = Announcer(policy: policy).notices(for: incident.timeline[0], sequence: sequence, incident: incident)
        #expect(notices.count == 6)
        #expect(notices.allSatisfy { $0.sequence == sequence })
        #expect(Set(notices.map(\.idempotencyKey)).count == notices.count)
    }

    @Test("The same notice gets the same idempotency key, and another event's notice another key")
    func theSameNoticeGetsTheSameIdempotencyKey() {
        let incident = Fixture.incident(.p0, id: 7, then: [.updatePosted(text: "a"), .updatePosted(text: "b")])
        let second = announcer.notices(for: incident.timeline[1], sequence: 2, incident: incident)
        let again = announcer.notices(for: incident.timeline[1], sequence: 2, incident: incident)
        let third = announcer.notices(for: incident.timeline[2], sequence: 3, incident: incident)
        #expect(second.map(\.idempotencyKey) == again.map(\.idempotencyKey))
        #expect(second.map(\.idempotencyKey) != third.map(\.idempotencyKey))
        #expect(second.first?.idempotencyKey == "incident-7/2/update_posted/channel:slack:C0INCIDENTS")
    }
}

extension AnnouncerTests {
    @Test("An overdue checklist's lines say how each item gets done: the command its event waits for, or a tick by hand")
    func anOverdueChecklistSaysHowEachItemGetsDone() throws {
        var policy = TestPolicy.playbook
        policy.checklists.declare.items.append(ChecklistItem(id: "status-page", text: "Status page checked", owner: nil, doneWhen: nil))
        let incident = Fixture.incident(.p0)
        let event = IncidentEvent(at: Fixture.at(minutes: 15), actor: nil, change: .timerFired(.checklistOverdue(
            checklist: "declare", missing: ["scope-determined", "status-page"]
        )))
        let notice = try #require(Announcer(policy: policy).notices(for: event, sequence: 2, incident: incident.evolved(by: event)).first)
        #expect(notice.prompts == [
            "Scope determined: `/incident scope #1 <what is affected>` does it · commander",
            "Status page checked: `/incident check #1 status-page`",
        ])
    }
}
