/// The playbook (`incident-response-playbook.txt`) as Klaxon's default policy.
/// Shipped inside the binary; `klaxon policy export` writes it out for editing.
public enum DefaultPolicy {
    /// The name used for the embedded policy in error messages.
    public static let fileName = "default-policy.yml"

    /// The policy's YAML text: the rules, then the runbooks (`DefaultPolicy+Runbooks`).
    public static let yaml = rules + runbooks

    static let rules = #"""
# Klaxon incident policy: the incident-response playbook as data.
# Durations are written 15m, 2h, 1h30m. Roles are names; who they are comes from configuration.
version: 1

roles:
  engineers: All engineers (the incident channel)
  senior-engineers: Senior engineers
  engineering-lead: Engineering lead
  cto: CTO
  ceo: CEO
  ops-lead: Ops lead
  on-call-lead: On-call lead
  relevant-team: The team that owns the broken feature
  security-team: Security team
  legal-team: Legal team
  finance-team: Finance team
  customer-success: Customer success team
  team-email: The whole team
  customers: Affected users (email list)

severities:
  p0:
    name: Critical
    label: All Hands
    headline: Service is down
    meaning: The service is down or severely impaired.
    examples:
      - Users cannot access the service at all
      - Database is corrupted or down
      - Data loss is occurring
      - Security breach is active
      - Major data leak detected
    response:
      - ALL engineers drop what they're doing
      - Ops lead declares P0
      - Updates posted every 15 minutes
      - "Estimated recovery: < 1 hour"
      - Post-incident review mandatory
    ping_channel: true
    update_every: 15m
    updates_only_when_public: false
    recovery_target: 1h
    review:
      requirement: mandatory
      within: 24h
      description: post-incident review
      remind_after: 1h
      remind_every: 4h
      # The report's template: the full post-incident report.
      report: report-full
      # Invited with the commander and everyone who acted on the incident.
      attendees: [on-call-lead, ops-lead]
    commander_within: 5m
    # If a chat platform keeps failing this long, responders hear it through the others and by email.
    fallback_after: 2m
    update_templates:
      - at: 30m
        message: update_30_minutes
      - at: 60m
        message: update_60_minutes
  p1:
    name: Major
    label: Urgent Response
    headline: Core functionality is broken
    meaning: Core functionality is broken.
    examples:
      - Uploads failing for many users
      - Downloads broken
      - Auth system down (can't log in)
      - Payments system broken
      - Email system down
    response:
      - Senior engineers engage immediately
      - Updates posted every 30 minutes
      - "Estimated recovery: < 4 hours"
      - Post-incident review required
    ping_channel: false
    update_every: 30m
    updates_only_when_public: false
    recovery_target: 4h
    review:
      requirement: required
      description: brief postmortem summary
      remind_after: 2h
      report: report-postmortem
      attendees: [on-call-lead]
  p2:
    name: Moderate
    label: Prompt Response
    headline: Important feature is broken
    meaning: Important feature is broken but service works.
    examples:
      - OCR not processing
      - Custom domains not working
      - 2FA broken for some users
      - Specific storage quotas calculate wrong
      - Report system not functioning
    response:
      - Relevant team notified
      - Updates posted every 2 hours if public-facing
      - "Estimated recovery: < 24 hours"
      - Brief incident summary after fix
    ping_channel: false
    update_every: 2h
    updates_only_when_public: true
    recovery_target: 24h
    review:
      requirement: brief
      description: brief incident summary
      remind_after: 4h
      report: report-summary
    # The playbook: "File ticket".
    file_ticket: true
  p3:
    name: Low
    label: Normal Troubleshooting
    headline: Small feature or edge case broken
    meaning: Small feature or edge case broken.
    examples:
      - One user's storage shows wrong
      - Minor UI bug
      - Particular browser incompatibility
      - Documentation typo
    response:
      - File ticket, normal priority
      - Fix when team has capacity
      - No status updates needed
      - No incident review
    ping_channel: false
    updates_only_when_public: false
    # The playbook: "File ticket, normal priority".
    file_ticket: true
    review:
      requirement: none
      report: report-summary
      description: no review (ticket only)

checklists:
  declare:
    title: By 15 minutes
    severities: [p0]
    due_after: 15m
    items:
      - id: alert-posted
        text: Slack alert posted
        owner: ops-lead
        done_when: declared
      - id: scope-determined
        text: Scope determined
        owner: commander
        done_when: scope_set
      - id: commander-assigned
        text: Incident commander assigned
        owner: ops-lead
        done_when: commander_assigned
      - id: team-notified
        text: Team notified
        owner: commander
        done_when: declared
      - id: initial-update-posted
        text: "Initial update posted: \"We're investigating [issue]\""
        owner: commander
        done_when: update_posted
  resolution:
    title: Verify the fix is real
    severities: [p0, p1, p2]
    items:
      - id: multiple-clients
        text: Tested from multiple clients
      - id: monitoring-stable
        text: Monitoring shows it stable
      - id: customer-confirmed
        text: A customer confirmed it works
      - id: smoke-tests
        text: Smoke tests pass

escalations:
  - id: p0-all-hands
    when: {severity: [p0]}
    notify: [engineers, cto, engineering-lead]
  - id: p1-team
    when: {severity: [p1]}
    notify: [relevant-team, engineering-lead]
  # The playbook's P2: "Relevant team notified", "Assign to relevant team".
  - id: p2-team
    when: {severity: [p2]}
    notify: [relevant-team]
  - id: p0-user-facing-ceo
    when: {severity: [p0], public_facing: true}
    after: 30m
    notify: [ceo]
  - id: p0-internal-email
    when: {severity: [p0]}
    after: 30m
    via: email
    notify: [team-email]
  - id: p0-over-one-hour
    when: {severity: [p0]}
    after: 1h
    notify: [ceo]
    prompts:
      - Notify customers if public-facing
      - Prepare a public status update
  # The playbook's "email to affected users (if major + prolonged)": a public P0 past an hour gets the draft in its
  # thread. Klaxon never emails customers on its own; `/incident notify customers` sends it.
  - id: p0-customer-email
    when: {severity: [p0], public_facing: true}
    after: 1h
    offer: customer_email
    prompts:
      - "Email affected users: check the draft below, then `/incident notify customers` (`--preview` shows it again)"
  - id: security
    when: {kind: [security, data-breach]}
    notify: [security-team, legal-team, cto]
  - id: data-breach
    when: {kind: [data-breach]}
    notify: [ceo]
  - id: billing
    when: {kind: [billing]}
    notify: [finance-team, ceo, customer-success]

status_page: [investigating, identified, monitoring, resolved]

# The public status page (GET /status). Components (what `/incident affects` names): the playbook's examples.
public_status:
  name: Service status
  time_zone: UTC
  recent_days: 7
  history_days: 90
  # Emailed when a public incident is declared and when it is resolved (the playbook's "to team email").
  team_email: team-email
  # With KLAXON_STATUSPAGE_PAGE_ID set, public incidents are copied to Atlassian Statuspage; this maps the
  # components below to that page's component ids (one not listed is not shown there), e.g.
  # statuspage_components: {uploads: 8kx5xpmz3lvt, downloads: q0d7w3yg2m1b}
  # Who `/incident notify customers` emails: give the role a list address in the people file.
  customers: customers
  # Where the page is published, for links in emails and chat (KLAXON_PUBLIC_URL sets it too).
  # url: https://status.example.com
  components:
    - {id: web, name: Web app}
    - {id: auth, name: Authentication}
    - {id: payments, name: Payments}
    - {id: email, name: Email}
    - {id: custom-domains, name: Custom domains}
    - {id: uploads, name: Uploads, group: Files}
    - {id: downloads, name: Downloads, group: Files}
    - {id: storage, name: Storage, group: Files}
    - {id: ocr, name: OCR, group: Files}

# Nudged with the declarer when an incident has no commander.
on_call_role: on-call-lead

# How long typed titles and texts may be (characters); longer ones are refused with a helpful reply.
limits:
  title: 300
  text: 3000

# Alerts from Alertmanager and Grafana (POST /hooks/…): one incident per alert group. When the whole group resolves,
# Klaxon says so and the commander verifies and resolves; list severities under auto_resolve to resolve them at once.
# mode: per severity, declare the incident at once, or propose it in the incidents channel for someone to accept
# with `/incident accept <alert-id>` (a severity left out declares).
alerts:
  severity_label: severity
  severities: {critical: p0, error: p1, major: p1, warning: p2, info: p3}
  default_severity: p2
  title_annotation: summary
  public_label: public
  kind_label: kind
  auto_resolve: []
  mode: {p0: declare, p1: declare, p2: propose, p3: propose}

templates:
  initial_alert: initial-alert
  commander_assigned: commander-assigned
  update_posted: update-posted
  status_changed: status-changed
  severity_changed: severity-changed
  scope_set: scope-set
  checklist_checked: checklist-checked
  checklist_unchecked: checklist-unchecked
  note_recorded: note-recorded
  resolution: resolution
  reopened: reopened
  withdrawn: withdrawn
  escalation: escalation
  update_30_minutes: update-30-minutes
  update_60_minutes: update-60-minutes
  post_incident_summary: post-incident-summary
  nudge_update_due: nudge-update-due
  commander_missing: commander-missing
  checklist_overdue: checklist-overdue
  recovery_target_missed: recovery-target-missed
  eta_passed: eta-passed
  review_reminder: review-reminder
  review_scheduled: review-scheduled
  delivery_problem: delivery-problem
  incident_header: incident-header
  incident_list: incident-list
  incident_detail: incident-detail
  timeline: timeline
  runbook: runbook
  runbook_list: runbook-list
  help: help
  error: error
  fact_recorded: fact-recorded
  public_page_changed: public-page-changed
  action_list: action-list
  report_reply: report-reply
  ticket_opened: ticket-opened
  ticket_closed: ticket-closed
  alerts_changed: alerts-changed
  alert_proposed: alert-proposed
  proposal_withdrawn: proposal-withdrawn
  customer_email: customer-email
  customers_notified: customers-notified
  customer_email_preview: customer-email-preview


"""#
}
