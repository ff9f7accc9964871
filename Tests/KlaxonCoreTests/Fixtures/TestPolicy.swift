import KlaxonCore

/// The playbook's values written out by hand, so the core tests need no YAML and no `KlaxonPolicy`.
/// Mirrors `incident-response-playbook.txt` (and the shipped default policy) for every value the core reads.
enum TestPolicy {
    /// The playbook: four severities, the two checklists, the escalation chain, the on-call role and two runbooks.
    static let playbook = Policy(
        version: 1,
        roles: [
            "engineers": "All engineers (the incident channel)",
            "senior-engineers": "Senior engineers",
            "engineering-lead": "Engineering lead",
            "cto": "CTO",
            "ceo": "CEO",
            "ops-lead": "Ops lead",
            "on-call-lead": "On-call lead",
            "relevant-team": "The team that owns the broken feature",
            "security-team": "Security team",
            "legal-team": "Legal team",
            "finance-team": "Finance team",
            "customer-success": "Customer success team",
            "team-email": "The whole team, by email",
            "customers": "Affected users (email list)",
        ],
        severities: severities,
        checklists: Checklists(declare: declareChecklist, resolution: resolutionChecklist),
        escalations: escalations,
        statusPage: StatusPhase.allCases,
        templates: Dictionary(uniqueKeysWithValues: MessageKind.allCases.map { ($0, $0.rawValue) }),
        runbooks: [
            Runbook(id: "disk-full", title: "Out of disk space", aliases: ["disk", "no-space"], steps: ["Clear old logs"]),
            Runbook(id: "bad-deploy", title: "Deployment broke production", aliases: ["deploy", "rollback"], steps: ["Roll back"]),
        ],
        onCallRole: "on-call-lead"
    )

    static let severities: [Severity: SeverityPolicy] = [
        .p0: SeverityPolicy(
            name: "Critical", label: "All Hands", headline: "Service is down", meaning: "The service is down or severely impaired.",
            examples: [], response: [], pingChannel: true, updateEvery: .minutes(15), updatesOnlyWhenPublic: false,
            recoveryTarget: .hours(1),
            review: ReviewPolicy(
                requirement: .mandatory, within: .hours(24), description: "post-incident review", remindAfter: .hours(1), remindEvery: .hours(4)
            ),
            commanderWithin: .minutes(5),
            updateTemplates: [
                UpdateTemplateOffer(at: .minutes(30), message: .update30Minutes), UpdateTemplateOffer(at: .minutes(60), message: .update60Minutes),
            ]
        ),
        .p1: SeverityPolicy(
            name: "Major", label: "Urgent Response", headline: "Core functionality is broken", meaning: "Core functionality is broken.",
            examples: [], response: [], pingChannel: false, updateEvery: .minutes(30), updatesOnlyWhenPublic: false,
            recoveryTarget: .hours(4), review: ReviewPolicy(requirement: .required, within: nil, description: "brief postmortem summary", remindAfter: .hours(2))
        ),
        .p2: SeverityPolicy(
            name: "Moderate", label: "Prompt Response", headline: "Important feature is broken",
            meaning: "Important feature is broken but service works.",
            examples: [], response: [], pingChannel: false, updateEvery: .hours(2), updatesOnlyWhenPublic: true,
            recoveryTarget: .hours(24), review: ReviewPolicy(requirement: .brief, within: nil, description: "brief incident summary", remindAfter: .hours(4))
        ),
        .p3: SeverityPolicy(
            name: "Low", label: "Normal Troubleshooting", headline: "Small feature or edge case broken",
            meaning: "Small feature or edge case broken.",
            examples: [], response: [], pingChannel: false, updateEvery: nil, updatesOnlyWhenPublic: false,
            recoveryTarget: nil, review: ReviewPolicy(requirement: .none, within: nil, description: "no review (ticket only)")
        ),
    ]

    /// "By 15 minutes", P0 only; two items are done by the declaration itself.
    static let declareChecklist = ChecklistPolicy(
        title: "By 15 minutes", severities: [.p0], dueAfter: .minutes(15),
        items: [
            ChecklistItem(id: "alert-posted", text: "Slack alert posted", owner: "ops-lead", doneWhen: "declared"),
            ChecklistItem(id: "scope-determined", text: "Scope determined", owner: "commander", doneWhen: "scope_set"),
            ChecklistItem(id: "commander-assigned", text: "Incident commander assigned", owner: "ops-lead", doneWhen: "commander_assigned"),
            ChecklistItem(id: "team-notified", text: "Team notified", owner: "commander", doneWhen: "declared"),
            ChecklistItem(
                id: "initial-update-posted", text: "Initial update posted: \"We're investigating [issue]\"",
                owner: "commander", doneWhen: "update_posted"
            ),
        ]
    )

    /// "Verify the fix is real", for P0, P1 and P2; ticked by hand.
    static let resolutionChecklist = ChecklistPolicy(
        title: "Verify the fix is real", severities: [.p0, .p1, .p2], dueAfter: nil,
        items: [
            ChecklistItem(id: "multiple-clients", text: "Tested from multiple clients"),
            ChecklistItem(id: "monitoring-stable", text: "Monitoring shows it stable"),
            ChecklistItem(id: "customer-confirmed", text: "A customer confirmed it works"),
            ChecklistItem(id: "smoke-tests", text: "Smoke tests pass"),
        ]
    )

    static let escalations: [EscalationRule] = [
        EscalationRule(id: "p0-all-hands", when: EscalationCondition(severity: [.p0]), notify: ["engineers", "cto", "engineering-lead"]),
        EscalationRule(id: "p1-team", when: EscalationCondition(severity: [.p1]), notify: ["relevant-team", "engineering-lead"]),
        EscalationRule(id: "p2-team", when: EscalationCondition(severity: [.p2]), notify: ["relevant-team"]),
        EscalationRule(
            id: "p0-user-facing-ceo", when: EscalationCondition(severity: [.p0], publicFacing: true), after: .minutes(30), notify: ["ceo"]
        ),
        EscalationRule(id: "p0-internal-email", when: EscalationCondition(severity: [.p0]), after: .minutes(30), notify: ["team-email"], via: .email),
        EscalationRule(
            id: "p0-over-one-hour", when: EscalationCondition(severity: [.p0]), after: .hours(1), notify: ["ceo"],
            prompts: ["Notify customers if public-facing", "Prepare a public status update"]
        ),
        EscalationRule(
            id: "p0-customer-email", when: EscalationCondition(severity: [.p0], publicFacing: true), after: .hours(1), notify: [],
            prompts: ["Email affected users"], offer: .customerEmail
        ),
        EscalationRule(id: "security", when: EscalationCondition(kind: [.security, .dataBreach]), notify: ["security-team", "legal-team", "cto"]),
        EscalationRule(id: "data-breach", when: EscalationCondition(kind: [.dataBreach]), notify: ["ceo"]),
        EscalationRule(id: "billing", when: EscalationCondition(kind: [.billing]), notify: ["finance-team", "ceo", "customer-success"]),
    ]
}
