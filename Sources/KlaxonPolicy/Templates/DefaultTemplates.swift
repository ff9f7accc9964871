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
{{id}} has been open 30 minutes. If there is no progress yet, post:
`/incident update {{id}} Still investigating {{title}}. We have ruled out what we know and are working on the next lead. Next update in {{cadence}}.`
"""#,
        "update-60-minutes": #"""
{{id}} has been open an hour. If you found the fix, post:
`/incident update {{id}} We found the cause of {{title}} and are applying a fix. Expect recovery within the next update.`
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
{{{commander}}} an update on {{id}} {{title}} was due at {{nextUpdateDue}} ({{overdue}} ago). Post one with `/incident update {{id}} <text>`.
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
{{time}} {{{actor}}} {{#declared}}declared {{severity}} "{{title}}"{{/declared}}{{#update_posted}}posted an update: {{text}}{{/update_posted}}{{#status_changed}}moved status {{from}} → {{to}}{{#note}}: {{note}}{{/note}}{{/status_changed}}{{#commander_assigned}}made {{{commander}}} incident commander{{/commander_assigned}}{{#severity_changed}}changed severity {{from}} → {{to}}{{#reason}}: {{reason}}{{/reason}}{{/severity_changed}}{{#scope_set}}set the scope: {{text}}{{/scope_set}}{{#checklist_item_checked}}ticked "{{item}}"{{/checklist_item_checked}}{{#note_posted}}noted: {{text}}{{/note_posted}}{{#resolved}}resolved: {{summary}}{{#forcedReason}} (without the full checklist: {{forcedReason}}){{/forcedReason}}{{/resolved}}
"""#,
        "error": #"""
{{message}}
"""#,
    ]
}
