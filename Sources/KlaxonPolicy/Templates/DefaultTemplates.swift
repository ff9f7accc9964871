/// The message templates Klaxon ships with, by name. An operator's template directory overrides them file by file
/// (`NAME.mustache`); `klaxon policy export` writes them out.
///
/// Text values are escaped for the platform; mentions (`ping`, `actor`, `commander`, `declaredBy`, `roles`) are
/// already in the platform's syntax and go in triple braces.
public enum DefaultTemplates {
    public static let all: [String: String] = [
        "initial-alert": #"""
*[{{severity}} INCIDENT] {{headline}} - {{title}}*{{#ping}} - {{{ping}}}{{/ping}}
Incident {{id}} · {{severityName}}{{#kindLabel}} · {{kindLabel}}{{/kindLabel}}{{#publicFacing}} · public-facing{{/publicFacing}} · declared by {{{declaredBy}}}
{{#cadence}}Updates every {{cadence}}. {{/cadence}}{{#recoveryTarget}}Recovery target: < {{recoveryTarget}}. {{/recoveryTarget}}Commander: `/incident commander {{id}} me`
"""#,
        "commander-assigned": #"""
{{{commander}}} is incident commander for {{id}} {{title}}.
"""#,
        "update-posted": #"""
*Update on {{id}} {{title}}* ({{severity}} · {{status}}) from {{{actor}}}:
> {{text}}
{{#nextUpdateDue}}Next update due by {{nextUpdateDue}}.{{/nextUpdateDue}}
"""#,
        "status-changed": #"""
*{{id}} {{title}}*: {{from}} → *{{to}}* ({{{actor}}})
{{#note}}> {{note}}
{{/note}}{{#nextUpdateDue}}Next update due by {{nextUpdateDue}}.{{/nextUpdateDue}}
"""#,
        "severity-changed": #"""
*{{id}} {{title}}* is now *{{to}}* (was {{from}}), set by {{{actor}}}{{#reason}}: {{reason}}{{/reason}}
{{#cadence}}Updates every {{cadence}}.{{/cadence}}{{^cadence}}No regular updates needed.{{/cadence}}
"""#,
        "scope-set": #"""
Scope of {{id}} {{title}}: {{text}}
"""#,
        "checklist-checked": #"""
✅ {{item}} ({{id}}, {{checklist}}){{#remaining}} · {{remaining}} still open{{/remaining}}{{^remaining}} · checklist complete{{/remaining}}
"""#,
        "note-recorded": #"""
Noted on {{id}}'s timeline: {{text}}
"""#,
        "resolution": #"""
*[RESOLVED] {{id}} {{title}}* after {{duration}} ({{severity}})
> {{summary}}
{{#forcedReason}}Resolved without the full verification checklist: {{forcedReason}}
{{/forcedReason}}{{#review}}Next: {{review}}.{{/review}}
"""#,
        "escalation": #"""
Escalating {{id}} {{title}} ({{severity}}) to {{{roles}}}
{{#prompts}}• {{.}}
{{/prompts}}
"""#,
        "update-30-minutes": #"""
30 minutes in. If there's no progress yet, the playbook's update:
`/incident update {{id}} We're still investigating {{title}}. The team is working on it and we'll update again within {{cadence}}.`
"""#,
        "update-60-minutes": #"""
An hour in. If you found the fix, the playbook's update:
`/incident update {{id}} We've identified the cause of {{title}} and are applying a fix. We expect recovery soon and will update within {{cadence}}.`
"""#,
        "post-incident-summary": #"""
*Post-incident summary: {{id}} {{title}}*
Severity {{severity}} · declared {{declaredAt}} · resolved {{resolvedAt}} · {{duration}}
Commander: {{{commander}}}
Resolution: {{summary}}
Timeline:
{{#entries}}• {{> timeline-entry}}
{{/entries}}
"""#,
        "nudge-update-due": #"""
{{{responsible}}} an update on {{id}} {{title}} is {{#overdue}}{{overdue}} overdue{{/overdue}}{{^overdue}}due now{{/overdue}}: no update for {{silence}}{{#severalIntervals}} ({{intervals}} intervals of {{cadence}}){{/severalIntervals}}.
Post one: `/incident update {{id}} <what we know, what we're doing, next update in {{cadence}}>`
"""#,
        "commander-missing": #"""
{{{responsible}}} {{id}} {{title}} has had no incident commander for {{age}}. Take it with `/incident commander {{id}} me`, or name someone: `/incident commander {{id}} @name`.
"""#,
        "checklist-overdue": #"""
{{{responsible}}} {{id}} is {{age}} old and "{{checklist}}" isn't done. Still open:
{{#prompts}}• {{.}}
{{/prompts}}Tick each with `/incident check {{id}} <item>`.
"""#,
        "recovery-target-missed": #"""
{{{responsible}}} {{id}} {{title}} has passed its {{severity}} recovery target of {{recoveryTarget}} (open {{age}}). Consider escalating, more hands, or a status-page update.
"""#,
        "review-reminder": #"""
{{{responsible}}} {{id}} {{title}} was resolved; {{#reviewOverdue}}its {{reviewName}} is overdue and still not scheduled. This is the last reminder: `/incident review {{id}} schedule <when>`{{/reviewOverdue}}{{^reviewOverdue}}please schedule the {{reviewName}}{{#reviewDeadline}} (due by {{reviewDeadline}}){{/reviewDeadline}}: `/incident review {{id}} schedule <when>`{{/reviewOverdue}}
"""#,
        "review-scheduled": #"""
The {{reviewName}} for {{id}} {{title}} is scheduled: {{when}}.
"""#,
        "delivery-problem": #"""
{{{responsible}}} Klaxon cannot reach {{transport}} ({{reason}}). {{id}} {{title}}: {{severity}}, {{status}}, commander {{{commander}}}, open {{age}}.{{#lastUpdate}} Last update: {{lastUpdate}}{{/lastUpdate}}
"""#,
        "incident-header": #"""
*[{{severity}} INCIDENT] {{headline}} - {{title}}*
Incident {{id}} · *{{status}}* · commander {{{commander}}}{{#nextUpdateDue}} · next update due by {{nextUpdateDue}}{{/nextUpdateDue}}{{#resolvedAt}} · resolved {{resolvedAt}}{{/resolvedAt}}
"""#,
        "incident-list": #"""
{{#any}}*Open incidents ({{count}})*
{{#incidents}}• *{{id}}* {{severity}} {{title}} · {{status}} · {{{commander}}} · {{age}}
{{/incidents}}{{/any}}{{^any}}No open incidents. Declare one with `/incident p0 <title>`.{{/any}}
"""#,
        "incident-detail": #"""
*{{id}} {{title}}* · {{severity}} {{severityName}} · {{status}}
Declared {{declaredAt}} by {{{declaredBy}}} ({{age}} ago){{#resolvedAt}} · resolved {{resolvedAt}}{{/resolvedAt}}
Commander: {{{commander}}}
{{#scope}}Scope: {{scope}}
{{/scope}}{{#lastUpdate}}Last update: {{lastUpdate}}
{{/lastUpdate}}{{#nextUpdateDue}}Next update due by {{nextUpdateDue}}
{{/nextUpdateDue}}{{#checklists}}*{{title}}*
{{#items}}{{#done}}✅{{/done}}{{^done}}⬜{{/done}} {{text}} (`{{id}}`)
{{/items}}{{/checklists}}
"""#,
        "timeline": #"""
*Timeline of {{id}} {{title}}*
{{#entries}}• {{> timeline-entry}}
{{/entries}}
"""#,
        "runbook": #"""
*Runbook: {{title}}*
{{#sections}}*{{heading}}*
{{#lines}}• {{.}}
{{/lines}}{{/sections}}
"""#,
        "runbook-list": #"""
*Runbooks* (`/incident runbook <name>`)
{{#runbooks}}• `{{id}}` {{title}}
{{/runbooks}}
"""#,
        "help": #"""
{{#command}}*{{usage}}*
{{summary}}
Example: `{{example}}`{{/command}}{{^command}}*Klaxon: incident commands*
{{#commands}}• `{{usage}}` {{summary}}
{{/commands}}Without `#id`, a command applies to the only open incident in this channel.{{/command}}
"""#,
        "timeline-entry": #"""
{{time}} {{{actor}}} {{#declared}}declared {{severity}} "{{title}}"{{/declared}}{{#update_posted}}posted an update: {{text}}{{/update_posted}}{{#status_changed}}moved status {{from}} → {{to}}{{#note}}: {{note}}{{/note}}{{/status_changed}}{{#commander_assigned}}made {{{commander}}} incident commander{{/commander_assigned}}{{#severity_changed}}changed severity {{from}} → {{to}}{{#reason}}: {{reason}}{{/reason}}{{/severity_changed}}{{#scope_set}}set the scope: {{text}}{{/scope_set}}{{#checklist_item_checked}}ticked "{{item}}"{{/checklist_item_checked}}{{#note_posted}}noted: {{text}}{{/note_posted}}{{#resolved}}resolved: {{summary}}{{#forcedReason}} (without the full checklist: {{forcedReason}}){{/forcedReason}}{{/resolved}}{{#review_scheduled}}scheduled the review: {{when}}{{/review_scheduled}}{{#timer_fired}}{{#updateDue}}nudged for an update{{#overdue}} ({{overdue}} overdue){{/overdue}}{{/updateDue}}{{#commanderMissing}}flagged: no commander{{/commanderMissing}}{{#checklistOverdue}}flagged: "{{checklist}}" not done{{/checklistOverdue}}{{#escalation}}escalated ({{rule}}){{/escalation}}{{#recoveryTargetMissed}}flagged: recovery target of {{recoveryTarget}} passed{{/recoveryTargetMissed}}{{#reviewReminder}}{{#reviewOverdue}}reported the review overdue{{/reviewOverdue}}{{^reviewOverdue}}reminded to schedule the review{{/reviewOverdue}}{{/reviewReminder}}{{/timer_fired}}{{#delivery_failed}}could not deliver to {{transport}}: {{reason}}{{/delivery_failed}}
"""#,
        "error": #"""
{{message}}
"""#,
    ]
}
