import KlaxonCore
import KlaxonPolicy
import Testing

/// What the playbook says about one severity.
struct PlaybookSeverity: Sendable, CustomTestStringConvertible {
    let severity: Severity
    let name: String
    let label: String
    let headline: String
    let meaning: String
    let publicCadence: PolicyDuration?
    let internalCadence: PolicyDuration?
    let recoveryTarget: PolicyDuration?
    let review: ReviewPolicy.Requirement
    let reviewWithin: PolicyDuration?
    let pingsChannel: Bool

    var testDescription: String { severity.label }
}

/// One line of the playbook's escalation chain.
struct PlaybookEscalation: Sendable, CustomTestStringConvertible {
    let id: String
    let when: EscalationCondition
    let after: PolicyDuration?
    let notify: [String]
    let via: EscalationRule.Via
    let prompts: [String]
    var offer: MessageKind?

    var testDescription: String { id }
}

@Suite("The default policy")
struct DefaultPolicyTests {
    static let severities: [PlaybookSeverity] = [
        .init(severity: .p0, name: "Critical", label: "All Hands", headline: "Service is down",
              meaning: "The service is down or severely impaired.", publicCadence: .minutes(15), internalCadence: .minutes(15),
              recoveryTarget: .hours(1), review: .mandatory, reviewWithin: .hours(24), pingsChannel: true),
        .init(severity: .p1, name: "Major", label: "Urgent Response", headline: "Core functionality is broken",
              meaning: "Core functionality is broken.", publicCadence: .minutes(30), internalCadence: .minutes(30),
              recoveryTarget: .hours(4), review: .required, reviewWithin: nil, pingsChannel: false),
        .init(severity: .p2, name: "Moderate", label: "Prompt Response", headline: "Important feature is broken",
              meaning: "Important feature is broken but service works.", publicCadence: .hours(2), internalCadence: nil,
              recoveryTarget: .hours(24), review: .brief, reviewWithin: nil, pingsChannel: false),
        .init(severity: .p3, name: "Low", label: "Normal Troubleshooting", headline: "Small feature or edge case broken",
              meaning: "Small feature or edge case broken.", publicCadence: nil, internalCadence: nil,
              recoveryTarget: nil, review: .none, reviewWithin: nil, pingsChannel: false),
    ]

    @Test("Each severity has the playbook's name, label, headline and meaning", arguments: severities)
    func eachSeverityHasThePlaybooksNameLabelHeadlineAndMeaning(expected: PlaybookSeverity) throws {
        let rules = try Fixture.defaultPolicy()[expected.severity]
        #expect(rules.name == expected.name)
        #expect(rules.label == expected.label)
        #expect(rules.headline == expected.headline)
        #expect(rules.meaning == expected.meaning)
    }

    @Test("Each severity has the playbook's update cadence, public and internal", arguments: severities)
    func eachSeverityHasThePlaybooksUpdateCadence(expected: PlaybookSeverity) throws {
        let rules = try Fixture.defaultPolicy()[expected.severity]
        #expect(rules.cadence(publicFacing: true) == expected.publicCadence)
        #expect(rules.cadence(publicFacing: false) == expected.internalCadence)
    }

    @Test("Each severity has the playbook's recovery target", arguments: severities)
    func eachSeverityHasThePlaybooksRecoveryTarget(expected: PlaybookSeverity) throws {
        #expect(try Fixture.defaultPolicy()[expected.severity].recoveryTarget == expected.recoveryTarget)
    }

    @Test("Each severity asks for the playbook's post-incident review", arguments: severities)
    func eachSeverityAsksForThePlaybooksReview(expected: PlaybookSeverity) throws {
        let review = try Fixture.defaultPolicy()[expected.severity].review
        #expect(review.requirement == expected.review)
        #expect(review.within == expected.reviewWithin)
    }

    @Test("Only a P0 pings the whole channel", arguments: severities)
    func onlyAP0PingsTheWholeChannel(expected: PlaybookSeverity) throws {
        #expect(try Fixture.defaultPolicy()[expected.severity].pingChannel == expected.pingsChannel)
    }

    @Test("The policy covers exactly the four severities and the status page lifecycle")
    func thePolicyCoversTheFourSeveritiesAndTheStatusPage() throws {
        let policy = try Fixture.defaultPolicy()
        #expect(Set(policy.severities.keys) == Set(Severity.allCases))
        #expect(policy.statusPage == [.investigating, .identified, .monitoring, .resolved])
    }

    @Test("The declare checklist is the playbook's 'By 15 minutes' list for P0, each item ticked by its event")
    func theDeclareChecklistIsTheP0By15MinutesList() throws {
        let checklist = try Fixture.defaultPolicy().checklists.declare
        #expect(checklist.severities == [.p0])
        #expect(checklist.dueAfter == .minutes(15))
        #expect(checklist.items.map(\.text) == [
            "Slack alert posted", "Scope determined", "Incident commander assigned", "Team notified",
            "Initial update posted: \"We're investigating [issue]\"",
        ])
        #expect(checklist.items.map(\.doneWhen) == ["declared", "scope_set", "commander_assigned", "declared", "update_posted"])
    }

    @Test("The resolution checklist is the playbook's 'verify the fix is real' list for P0 to P2")
    func theResolutionChecklistIsTheVerifyTheFixList() throws {
        let checklist = try Fixture.defaultPolicy().checklists.resolution
        #expect(checklist.severities == [.p0, .p1, .p2])
        #expect(checklist.items.map(\.id) == ["multiple-clients", "monitoring-stable", "customer-confirmed", "smoke-tests"])
        #expect(checklist.items.allSatisfy { $0.doneWhen == nil })
    }

    static let escalations: [PlaybookEscalation] = [
        .init(id: "p0-all-hands", when: .init(severity: [.p0]), after: nil, notify: ["engineers", "cto", "engineering-lead"], via: .chat, prompts: []),
        .init(id: "p1-team", when: .init(severity: [.p1]), after: nil, notify: ["relevant-team", "engineering-lead"], via: .chat, prompts: []),
        .init(id: "p2-team", when: .init(severity: [.p2]), after: nil, notify: ["relevant-team"], via: .chat, prompts: []),
        .init(id: "p0-user-facing-ceo", when: .init(severity: [.p0], publicFacing: true), after: .minutes(30), notify: ["ceo"], via: .chat, prompts: []),
        .init(id: "p0-internal-email", when: .init(severity: [.p0]), after: .minutes(30), notify: ["team-email"], via: .email, prompts: []),
        .init(id: "p0-over-one-hour", when: .init(severity: [.p0]), after: .hours(1), notify: ["ceo"], via: .chat,
              prompts: ["Notify customers if public-facing", "Prepare a public status update"]),
        .init(id: "p0-customer-email", when: .init(severity: [.p0], publicFacing: true), after: .hours(1), notify: [], via: .chat,
              prompts: ["Email affected users: check the draft below, then `/incident notify customers` (`--preview` shows it again)"],
              offer: .customerEmail),
        .init(id: "security", when: .init(kind: [.security, .dataBreach]), after: nil, notify: ["security-team", "legal-team", "cto"], via: .chat, prompts: []),
        .init(id: "data-breach", when: .init(kind: [.dataBreach]), after: nil, notify: ["ceo"], via: .chat, prompts: []),
        .init(id: "billing", when: .init(kind: [.billing]), after: nil, notify: ["finance-team", "ceo", "customer-success"], via: .chat, prompts: []),
    ]

    @Test("Each line of the escalation chain is a rule", arguments: escalations)
    func eachLineOfTheEscalationChainIsARule(expected: PlaybookEscalation) throws {
        let rule = try #require(try Fixture.defaultPolicy().escalations.first { $0.id == expected.id })
        #expect(rule.when == expected.when)
        #expect(rule.after == expected.after)
        #expect(rule.notify == expected.notify)
        #expect(rule.via == expected.via)
        #expect(rule.prompts == expected.prompts)
        #expect(rule.offer == expected.offer)
    }

    @Test("The escalation chain has no rules beyond the playbook's")
    func theEscalationChainHasNoRulesBeyondThePlaybooks() throws {
        #expect(try Fixture.defaultPolicy().escalations.map(\.id) == Self.escalations.map(\.id))
    }

    @Test("Who hears of an incident, and when, follows the escalation chain", arguments: [
        (Severity.p0, IncidentKind.general, false, ["p0-all-hands@0m", "p0-internal-email@30m", "p0-over-one-hour@1h"]),
        (.p0, .general, true, ["p0-all-hands@0m", "p0-user-facing-ceo@30m", "p0-internal-email@30m", "p0-over-one-hour@1h", "p0-customer-email@1h"]),
        (.p0, .dataBreach, false, ["p0-all-hands@0m", "p0-internal-email@30m", "p0-over-one-hour@1h", "security@0m", "data-breach@0m"]),
        (.p1, .general, true, ["p1-team@0m"]),
        (.p1, .security, false, ["p1-team@0m", "security@0m"]),
        (.p2, .billing, false, ["p2-team@0m", "billing@0m"]),
        (.p2, .general, true, ["p2-team@0m"]),
        (.p3, .general, true, []),
    ])
    func whoHearsOfAnIncidentAndWhenFollowsTheChain(severity: Severity, kind: IncidentKind, publicFacing: Bool, expected: [String]) throws {
        let fired = try Fixture.defaultPolicy().escalations
            .filter { $0.when.matches(severity: severity, kind: kind, publicFacing: publicFacing) }
            .map { "\($0.id)@\($0.after ?? .minutes(0))" }
        #expect(fired == expected)
    }

    static let runbooks = [
        ("connection-pool", "Database connection pool exhaustion"), ("disk-full", "Out of disk space"),
        ("bad-deploy", "Deployment broke production"), ("leaked-key", "Security incident - API key leaked"),
        ("data-corruption", "Customer data corruption"), ("database-reboot", "Database reboot runbook"),
        ("app-restart", "App server restart runbook"),
    ]

    @Test("The seven playbook runbooks are there, in order")
    func theSevenPlaybookRunbooksAreThere() throws {
        let runbooks = try Fixture.defaultPolicy().runbooks
        #expect(runbooks.map(\.id) == Self.runbooks.map(\.0))
        #expect(runbooks.map(\.title) == Self.runbooks.map(\.1))
    }

    @Test("A runbook is found by its id, an alias or a word of its title", arguments: [
        ("connection-pool", "connection-pool"), ("pool", "connection-pool"), ("DB-Pool", "connection-pool"), ("exhaustion", "connection-pool"),
        ("disk-full", "disk-full"), ("disk", "disk-full"), ("no-space", "disk-full"),
        ("bad-deploy", "bad-deploy"), ("deploy", "bad-deploy"), ("rollback", "bad-deploy"),
        ("leaked-key", "leaked-key"), ("api-key", "leaked-key"), ("secret", "leaked-key"), ("leak", "leaked-key"),
        ("data-corruption", "data-corruption"), ("corruption", "data-corruption"), ("data-loss", "data-corruption"),
        ("database-reboot", "database-reboot"), ("db-reboot", "database-reboot"), ("reboot", "database-reboot"),
        ("app-restart", "app-restart"), ("restart", "app-restart"),
    ])
    func aRunbookIsFoundByItsIdAnAliasOrAWordOfItsTitle(name: String, id: String) throws {
        #expect(try Fixture.defaultPolicy().runbook(named: name)?.id == id)
    }

    @Test("A name matching several runbooks, or none, finds nothing", arguments: ["database", "runbook", "coffee"])
    func aNameMatchingSeveralRunbooksOrNoneFindsNothing(name: String) throws {
        #expect(try Fixture.defaultPolicy().runbook(named: name) == nil)
    }

    @Test("The runbooks keep the playbook's symptoms and prevention")
    func theRunbooksKeepThePlaybooksSymptomsAndPrevention() throws {
        let disk = try #require(try Fixture.defaultPolicy().runbook(named: "disk-full"))
        #expect(disk.symptoms == ["All uploads start failing", "Errors: \"no space left on device\"", "Database might go into read-only mode"])
        #expect(disk.prevention == ["Alert when disk > 80%", "Set up log rotation", "Archive old data periodically", "Monitor largest directories"])
        let deploy = try #require(try Fixture.defaultPolicy().runbook(named: "bad-deploy"))
        #expect(deploy.rootCause == ["Was change tested?", "Did it pass code review?", "Did automated tests pass?", "Did it work in staging?"])
    }

    @Test("Every kind of message has a template that ships with Klaxon", arguments: MessageKind.allCases)
    func everyKindOfMessageHasAShippedTemplate(kind: MessageKind) throws {
        let policy = try Fixture.defaultPolicy()
        #expect(policy.templates[kind] != nil)
        #expect(TemplateSet.defaults.contains(policy.template(for: kind)))
    }

    @Test("Every role a rule or checklist names is declared")
    func everyRoleARuleOrChecklistNamesIsDeclared() throws {
        let policy = try Fixture.defaultPolicy()
        let named = policy.escalations.flatMap(\.notify)
            + (policy.checklists.declare.items + policy.checklists.resolution.items).compactMap(\.owner).filter { $0 != "commander" }
        #expect(named.allSatisfy { policy.roles[$0] != nil })
    }
}
