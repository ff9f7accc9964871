import Foundation
import KlaxonCore
import Testing

@Suite struct AlertDeciderTests {
    static let decider = AlertDecider(policy: TestPolicy.playbook)
    static let key = AlertGroupKey(#"{}/{team="storage"}:{alertname="UploadErrors"}"#)
    static let actor = AutomatedActor.alerts(.alertmanager, receiver: "klaxon").participant
    static let now = Fixture.at(minutes: 10)

    static func alert(_ fingerprint: String, _ status: Alert.Status = .firing, severity: String? = "critical", summary: String? = nil, labels: [String: String] = [:]) -> Alert {
        var all = ["alertname": "UploadErrors", "instance": fingerprint]
        all["severity"] = severity
        all.merge(labels) { $1 }
        return Alert(fingerprint: fingerprint, status: status, labels: all, annotations: summary.map { ["summary": $0] } ?? [:], startsAt: Fixture.declaredAt)
    }

    static func group(_ alerts: [Alert], truncated: Int = 0, common: [String: String] = [:], groupLabels: [String: String] = ["alertname": "UploadErrors"]) -> AlertGroup {
        AlertGroup(
            source: .alertmanager, key: key, receiver: "klaxon", groupLabels: groupLabels, commonAnnotations: common, alerts: alerts,
            truncated: truncated, link: "http://alertmanager:9093"
        )
    }

    /// The group's incident, declared from `firing`, then changed by `changes`.
    static func incident(firing: [Alert], severity: Severity = .p0, then changes: [AlertChange] = []) -> Incident {
        var declaration = decider.declaration(for: group(firing))
        declaration.severity = severity
        let events = [IncidentEvent(at: Fixture.declaredAt, actor: actor, change: .declared(declaration))]
            + changes.map { IncidentEvent(at: Fixture.at(minutes: 1), actor: actor, change: .alertsChanged($0)) }
        return Incident(id: IncidentID(7), events: events)!
    }

    static func summary(_ fingerprint: String) -> AlertSummary {
        AlertSummary(fingerprint: fingerprint, name: "UploadErrors", labels: "instance=\(fingerprint), severity=critical")
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let incident: Incident?
        let group: AlertGroup
        let expected: AlertChange?
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "a re-send of the same firing group records nothing",
            incident: incident(firing: [alert("a")]), group: group([alert("a")]), expected: nil),
        Row(name: "an alert joining the group is recorded as firing",
            incident: incident(firing: [alert("a")]), group: group([alert("a"), alert("b")]),
            expected: AlertChange(firing: [summary("b")], resolved: [], allResolved: false)),
        Row(name: "one alert resolving while another fires is a partial resolve",
            incident: incident(firing: [alert("a"), alert("b")]), group: group([alert("a", .resolved), alert("b")]),
            expected: AlertChange(firing: [], resolved: [summary("a")], allResolved: false)),
        Row(name: "the last alert resolving resolves the whole group",
            incident: incident(firing: [alert("a")]), group: group([alert("a", .resolved)]),
            expected: AlertChange(firing: [], resolved: [summary("a")], allResolved: true)),
        Row(name: "a re-send of a resolved group records nothing again",
            incident: incident(firing: [alert("a")], then: [AlertChange(firing: [], resolved: [summary("a")], allResolved: true)]),
            group: group([alert("a", .resolved)]), expected: nil),
        Row(name: "an alert firing again after it resolved is recorded again",
            incident: incident(firing: [alert("a")], then: [AlertChange(firing: [], resolved: [summary("a")], allResolved: true)]),
            group: group([alert("a")]), expected: AlertChange(firing: [summary("a")], resolved: [], allResolved: false)),
        Row(name: "an alert missing from a complete notification has resolved",
            incident: incident(firing: [alert("a"), alert("b")]), group: group([alert("b")]),
            expected: AlertChange(firing: [], resolved: [summary("a")], allResolved: false)),
        Row(name: "an alert missing from a truncated notification is not taken as resolved",
            incident: incident(firing: [alert("a"), alert("b")]), group: group([alert("b")], truncated: 1), expected: nil),
    ]

    @Test(arguments: rows)
    func notificationsOnAnOpenIncidentRecordOnlyWhatChanged(row: Row) {
        let decision = Self.decider.decide(row.group, open: row.incident, by: Self.actor, at: Self.now)
        if let expected = row.expected {
            #expect(decision == .record([IncidentEvent(at: Self.now, actor: Self.actor, change: .alertsChanged(expected))]))
        } else {
            #expect(decision == .nothing)
        }
    }

    @Test func aFiringGroupWithNoOpenIncidentDeclaresOne() throws {
        let decision = Self.decider.decide(Self.group([Self.alert("a")], common: ["summary": "Upload error rate above 5%"]), open: nil, by: Self.actor, at: Self.now)
        guard case .declare(let declaration) = decision else { Issue.record("expected a declaration, got \(decision)"); return }
        #expect(declaration.severity == .p0)
        #expect(declaration.title == "Upload error rate above 5%")
        #expect(declaration.channel == ChannelRef(platform: Platform(.alertmanager), id: Self.key.rawValue))
        var origin = AlertOrigin(source: .alertmanager, key: Self.key, firing: [Self.summary("a")], link: "http://alertmanager:9093")
        origin.firingSince = Fixture.declaredAt
        #expect(declaration.alerts == origin)
    }

    @Test func anAlertIsNamedByTheLabelsThatSetItApartFromItsGroupAndItsSummary() {
        let alert = Self.alert("a", summary: "Upload error rate above 5%", labels: ["zone": "eu-1", "team": "storage"])
        let summary = alert.summary(common: ["alertname": "UploadErrors", "severity": "critical", "team": "storage"])
        #expect(summary.line == "UploadErrors (instance=a, zone=eu-1): Upload error rate above 5%")
        #expect(AlertSummary(fingerprint: "b", name: "DiskFull").line == "DiskFull")
    }

    @Test func anIncidentDeclaredByAlertsAsksTheOnCallRoleNotTheAlertSource() {
        let incident = Self.incident(firing: [Self.alert("a")])
        let event = IncidentEvent(at: Self.now, actor: Self.actor, change: .alertsChanged(AlertChange(firing: [], resolved: [Self.summary("a")], allResolved: true)))
        let after = incident.evolved(by: event)
        let notices = Announcer(policy: TestPolicy.playbook).notices(for: event, sequence: after.version, incident: after)
        #expect(notices.map(\.kind) == [.alertsChanged])
        #expect(notices.first?.audience == TestPolicy.playbook.onCallRole.map { [.role($0)] } ?? [])
    }

    @Test func aResolvedGroupWithNoOpenIncidentRecordsNothing() {
        #expect(Self.decider.decide(Self.group([Self.alert("a", .resolved)]), open: nil, by: Self.actor, at: Self.now) == .nothing)
    }

    @Test func aResolvedIncidentLetsTheGroupDeclareAnew() {
        let resolved = Self.incident(firing: [Self.alert("a")]).evolved(by: IncidentEvent(at: Fixture.at(minutes: 5), actor: Fixture.alice, change: .resolved(summary: "fixed", forcedReason: "test")))
        guard case .declare = Self.decider.decide(Self.group([Self.alert("a")]), open: resolved, by: Self.actor, at: Self.now) else {
            Issue.record("a resolved incident should not swallow a new firing")
            return
        }
    }

    @Test(arguments: [
        (["critical"], Severity.p0), (["error"], .p1), (["major"], .p1), (["warning"], .p2), (["info"], .p3), (["Critical"], .p0),
        (["page-me"], .p2), ([nil], .p2), (["warning", "critical"], .p0), (["info", "warning"], .p2),
    ] as [([String?], Severity)])
    func severityComesFromTheMostSevereFiringAlertsLabel(labels: [String?], expected: Severity) {
        let alerts = labels.enumerated().map { Self.alert("f\($0.offset)", severity: $0.element) }
        #expect(Self.decider.declaration(for: Self.group(alerts)).severity == expected)
    }

    @Test(arguments: [
        ([String: String](), ["alertname": "UploadErrors"], "Upload failures", "Upload failures"),
        (["summary": "From common"], ["alertname": "UploadErrors"], "Per alert", "From common"),
        ([:], ["alertname": "UploadErrors", "zone": "eu-1", "cluster": "c1"], nil, "UploadErrors (cluster=c1, zone=eu-1)"),
        ([:], ["alertname": "UploadErrors"], nil, "UploadErrors"),
        (["summary": "Disk almost full."], ["alertname": "DiskFull"], nil, "Disk almost full"),
    ] as [([String: String], [String: String], String?, String)])
    func theTitleIsTheSummaryElseTheAlertNameAndGroupLabels(common: [String: String], groupLabels: [String: String], perAlert: String?, expected: String) {
        let group = Self.group([Self.alert("a", summary: perAlert)], common: common, groupLabels: groupLabels)
        #expect(Self.decider.declaration(for: group).title == expected)
    }

    @Test func aTitleOverThePolicysLimitIsCutNotRefused() {
        let long = String(repeating: "x", count: 400)
        let title = Self.decider.declaration(for: Self.group([Self.alert("a", summary: long)])).title
        #expect(title.unicodeScalars.count == TestPolicy.playbook.textLimits.title)
        #expect(title.hasSuffix("…"))
    }

    @Test(arguments: [
        (["public": "true", "kind": "security"], true, IncidentKind.security),
        (["public": "yes", "kind": "Billing"], true, .billing),
        (["public": "false", "kind": "cooking"], false, .general),
        ([:], false, .general),
    ] as [([String: String], Bool, IncidentKind)])
    func publicFacingAndKindComeFromLabels(labels: [String: String], publicFacing: Bool, kind: IncidentKind) {
        let declaration = Self.decider.declaration(for: Self.group([Self.alert("a", labels: labels)]))
        #expect(declaration.publicFacing == publicFacing)
        #expect(declaration.kind == kind)
    }

    @Test("An alert labelled public whose summary mentions a group or a person is declared internal: its title would reach the status page")
    func aPublicAlertWhoseSummaryMentionsSomeoneStaysInternal() {
        let mentioning = Self.decider.declaration(for: Self.group([Self.alert("a", summary: "Uploads failing, paging <!here>", labels: ["public": "true"])]))
        #expect(!mentioning.publicFacing)
        #expect(mentioning.alerts?.publicWithheld == true, "the announcement says why it is off the page")
        let discordStyle = Self.decider.declaration(for: Self.group([Self.alert("a", summary: "Uploads failing @everyone", labels: ["public": "true"])]))
        #expect(!discordStyle.publicFacing)
        let plain = Self.decider.declaration(for: Self.group([Self.alert("a", summary: "Uploads failing for everyone", labels: ["public": "true"])]))
        #expect(plain.publicFacing)
        #expect(plain.alerts?.publicWithheld == nil)
        let internalMentioning = Self.decider.declaration(for: Self.group([Self.alert("a", summary: "Uploads failing, paging <!here>")]))
        #expect(internalMentioning.alerts?.publicWithheld == nil, "nothing was withheld from an alert that never asked for the page")
    }

    @Test func theWholeGroupResolvingResolvesOnlyTheSeveritiesThePolicyAllows() {
        var policy = TestPolicy.playbook
        var rules = AlertPolicy.standard
        rules.autoResolve = [.p3]
        policy.alerts = rules
        let decider = AlertDecider(policy: policy)
        let resolvedGroup = Self.group([Self.alert("a", .resolved)])
        for (severity, resolves) in [(Severity.p3, true), (.p2, false), (.p0, false)] {
            guard case .record(let events) = decider.decide(resolvedGroup, open: Self.incident(firing: [Self.alert("a")], severity: severity), by: Self.actor, at: Self.now) else {
                Issue.record("expected events for \(severity)")
                continue
            }
            let resolution = events.contains { if case .resolved = $0.change { true } else { false } }
            #expect(resolution == resolves, "\(severity)")
        }
    }

    /// A proposal of the group, as the store would give it back.
    static func proposal(firing: [Alert], state: AlertProposal.State = .open) -> AlertProposal {
        AlertProposal(id: AlertProposalID(7), declaration: decider.declaration(for: group(firing)), state: state, version: 1)
    }

    struct ModeRow: Sendable, CustomTestStringConvertible {
        let name: String
        let severity: String?
        let mode: [Severity: AlertMode]?
        let proposes: Bool
        var testDescription: String { name }
    }

    static let modeRows: [ModeRow] = [
        ModeRow(name: "a critical group declares by default", severity: "critical", mode: nil, proposes: false),
        ModeRow(name: "an error group declares by default", severity: "error", mode: nil, proposes: false),
        ModeRow(name: "a warning group is proposed by default", severity: "warning", mode: nil, proposes: true),
        ModeRow(name: "an info group is proposed by default", severity: "info", mode: nil, proposes: true),
        ModeRow(name: "a group of unknown severity takes the default severity's mode", severity: "page-me", mode: nil, proposes: true),
        ModeRow(name: "a policy can declare warnings at once", severity: "warning", mode: [.p2: .declare], proposes: false),
        ModeRow(name: "a policy can propose even critical groups", severity: "critical", mode: [.p0: .propose], proposes: true),
    ]

    @Test(arguments: modeRows)
    func theModeForTheSeverityChoosesBetweenDeclaringAndProposing(row: ModeRow) {
        var policy = TestPolicy.playbook
        var rules = AlertPolicy.standard
        rules.mode.merge(row.mode ?? [:]) { $1 }
        policy.alerts = rules
        let decider = AlertDecider(policy: policy)
        let group = Self.group([Self.alert("a", severity: row.severity)])
        let expected = decider.declaration(for: group)
        #expect(decider.decide(group, open: nil, by: Self.actor, at: Self.now) == (row.proposes ? .propose(expected) : .declare(expected)))
    }

    struct ProposalRow: Sendable, CustomTestStringConvertible {
        let name: String
        let proposal: AlertProposal
        let group: AlertGroup
        let expected: AlertDecider.Decision
        var testDescription: String { name }
    }

    static let proposalRows: [ProposalRow] = [
        ProposalRow(name: "a re-send of a proposed group records nothing",
                    proposal: proposal(firing: [alert("a", severity: "warning")]), group: group([alert("a", severity: "warning")]), expected: .nothing),
        ProposalRow(name: "an alert joining a proposed group revises the proposal",
                    proposal: proposal(firing: [alert("a", severity: "warning")]),
                    group: group([alert("a", severity: "warning"), alert("b", severity: "info")]),
                    expected: .reviseProposal(decider.declaration(for: group([alert("a", severity: "warning"), alert("b", severity: "info")])))),
        ProposalRow(name: "a critical alert joining a proposed group declares at once, as the group would have if it had come first",
                    proposal: proposal(firing: [alert("a", severity: "warning")]),
                    group: group([alert("a", severity: "warning"), alert("b", severity: "critical")]),
                    expected: .declareProposed(decider.declaration(for: group([alert("a", severity: "warning"), alert("b", severity: "critical")])))),
        ProposalRow(name: "a proposed group whose alerts move to an error declares at once",
                    proposal: proposal(firing: [alert("a", severity: "warning")]), group: group([alert("a", severity: "error")]),
                    expected: .declareProposed(decider.declaration(for: group([alert("a", severity: "error")])))),
        ProposalRow(name: "the whole proposed group resolving withdraws the proposal",
                    proposal: proposal(firing: [alert("a", severity: "warning")]), group: group([alert("a", .resolved, severity: "warning")]),
                    expected: .withdrawProposal),
        ProposalRow(name: "a withdrawn proposal does not stop the group proposing anew",
                    proposal: proposal(firing: [alert("a", severity: "warning")], state: .withdrawn), group: group([alert("a", severity: "warning")]),
                    expected: .propose(decider.declaration(for: group([alert("a", severity: "warning")])))),
    ]

    @Test(arguments: proposalRows)
    func notificationsOnAProposedGroupReviseOrWithdrawTheProposal(row: ProposalRow) {
        #expect(Self.decider.decide(row.group, open: nil, proposal: row.proposal, by: Self.actor, at: Self.now) == row.expected)
    }

    /// The group's incident, resolved by people at minute 5 while its alerts `a` and `b` still fired.
    static let resolvedWhileFiring = incident(firing: [alert("a"), alert("b")])
        .evolved(by: IncidentEvent(at: Fixture.at(minutes: 5), actor: actor, change: .resolved(summary: "Failed over", forcedReason: "still firing but fine")))

    static func alert(_ fingerprint: String, startedAt minutes: Int) -> Alert {
        let alert = alert(fingerprint)
        return Alert(fingerprint: fingerprint, status: .firing, labels: alert.labels, annotations: alert.annotations, startsAt: Fixture.at(minutes: minutes))
    }

    @Test("After an incident resolved while its alerts fired, only alerts firing anew or joining declare again", arguments: [
        ("the same alerts repeated by the sender", [alert("a"), alert("b")], false),
        ("one of them repeated, the other resolved since", [alert("a"), alert("b", .resolved)], false),
        ("one of them firing again, started after the resolution", [alert("a"), alert("b", startedAt: 8)], true),
        ("another alert joining them", [alert("a"), alert("b"), alert("c")], true),
    ] as [(String, [Alert], Bool)])
    func alertsStillFiringAfterAResolutionDeclareNothing(name: String, alerts: [Alert], declares: Bool) {
        let last = Self.resolvedWhileFiring
        let decision = Self.decider.decide(Self.group(alerts), open: nil, previous: last.id, last: last, by: Self.actor, at: Self.now)
        if declares {
            #expect(decision == .declare(Self.decider.declaration(for: Self.group(alerts), previous: last.id)), "\(name)")
        } else {
            #expect(decision == .nothing, "\(name)")
        }
    }

    @Test("A proposal made after the incident was resolved while firing is still revised by what its alerts do")
    func aProposalAfterAResolutionWhileFiringIsStillRevised() {
        let last = Self.resolvedWhileFiring
        let proposal = Self.proposal(firing: [Self.alert("a"), Self.alert("c", severity: "warning")])
        let group = Self.group([Self.alert("a"), Self.alert("c", .resolved, severity: "warning")])
        let decision = Self.decider.decide(group, open: nil, proposal: proposal, previous: last.id, last: last, by: Self.actor, at: Self.now)
        #expect(decision != .nothing)
    }

    @Test func anOpenIncidentTakesNotificationsEvenWhenTheGroupHadAProposal() {
        let incident = Self.incident(firing: [Self.alert("a")])
        let decision = Self.decider.decide(Self.group([Self.alert("a", .resolved)]), open: incident, proposal: Self.proposal(firing: [Self.alert("a")]), by: Self.actor, at: Self.now)
        #expect(decision == .record([IncidentEvent(at: Self.now, actor: Self.actor, change: .alertsChanged(AlertChange(firing: [], resolved: [Self.summary("a")], allResolved: true)))]))
    }

    @Test(arguments: [("a7", 7), ("A12", 12)] as [(String, Int)])
    func aProposalIdIsTheLetterAAndItsNumber(text: String, number: Int) {
        #expect(AlertProposalID(text: text) == AlertProposalID(number))
        #expect(AlertProposalID(number).description == "a\(number)")
    }

    @Test(arguments: ["7", "#7", "a", "a0", "a-1", "a07", "b7", "a7x"])
    func anythingElseIsNotAProposalId(text: String) {
        #expect(AlertProposalID(text: text) == nil)
    }
}
