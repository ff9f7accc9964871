/// The templates of documents rather than chat messages, in Markdown: the incident reports (one per form the
/// policy names in `review.report`) and the tickets filed in a tracker. Part of `DefaultTemplates.all`.
enum DocumentTemplates {
    static let all: [String: String] = [
        "ticket-opened": #"""
{{#action_added}}Action item {{number}} from incident {{id}} {{title}} ({{severity}}, declared {{declaredAt}}).

{{text}}

Owner: {{{owner}}}{{#team}} · team {{team}}{{/team}}{{#due}} · due {{due}}{{/due}}
{{/action_added}}{{#declared}}Incident {{id}} {{title}}: {{severity}} ({{severityName}}), declared {{declaredAt}} by {{{declaredBy}}}.
{{/declared}}
Filed by Klaxon; the incident's report: `klaxon report {{id}}`.
"""#,
        "ticket-closed": #"""
Action item {{number}} of incident {{id}} is done.
"""#,
        "report-full": #"""
# Incident report: {{id}} {{title}}

## Summary

| | |
| --- | --- |
| Severity | {{severity}} ({{severityName}}) |
| Kind | {{kind}} |
| Public-facing | {{publicFacingText}} |
| Status | {{status}} |
| Declared | {{declaredAt}} by {{{declaredBy}}} |
{{#resolvedAt}}| Resolved | {{resolvedAt}} |
{{/resolvedAt}}| Duration | {{durationText}} |
{{#impactStarted}}| Impact began | {{impactStarted}} |
{{/impactStarted}}{{#mitigated}}| Impact mitigated | {{mitigated}} |
{{/mitigated}}{{#impactSpan}}| Users affected for | {{impactSpan}} |
{{/impactSpan}}| Commander | {{{commander}}} |
{{#summary}}| Resolution | {{summary}} |
{{/summary}}{{#withdrawal}}| Withdrawn | declared by mistake: {{withdrawal}} |
{{/withdrawal}}

## Impact

{{#impact}}{{impact}}{{/impact}}{{^impact}}_Not recorded yet: `/incident impact {{id}} <text>`._{{/impact}}
{{#scope}}

Scope during the incident: {{scope}}
{{/scope}}

## Timeline (UTC)

{{#entries}}- {{> timeline-entry}}
{{/entries}}

## Root cause

{{#cause}}{{cause}}{{/cause}}{{^cause}}_Not recorded yet: `/incident cause {{id}} <text>`._{{/cause}}

## Detection and monitoring gaps

{{#gaps}}- {{.}}
{{/gaps}}{{^gaps}}_None recorded: `/incident gap {{id}} <text>`._
{{/gaps}}

## What went well and what didn't

Went well:

{{#wentWell}}- {{.}}
{{/wentWell}}{{^wentWell}}- _Nothing to note._
{{/wentWell}}

Didn't go well:

{{#wentBadly}}- {{.}}
{{/wentBadly}}{{^wentBadly}}- _Nothing to note._
{{/wentBadly}}

Escalations:

{{#escalations}}- {{.}}
{{/escalations}}{{^escalations}}- _None._
{{/escalations}}

## Action items

{{#hasActions}}| # | Action | Owner | Team | Due | Status | Ticket |
| --- | --- | --- | --- | --- | --- | --- |
{{/hasActions}}{{#actionRows}}| {{number}} | {{text}} | {{{owner}}} | {{team}} | {{due}} | {{status}} | {{ticket}} |
{{/actionRows}}{{^actionRows}}_None yet: `/incident action {{id}} @owner <text> [team:<team>] [due:YYYY-MM-DD]`._
{{/actionRows}}

## Also from the review (the playbook's outputs)

- [ ] Update monitoring and alerts{{#gaps}}{{#first()}}: {{/first()}}{{.}}{{^last()}}; {{/last()}}{{/gaps}}{{^gaps}} (no gap noted){{/gaps}}
- [ ] Update the runbooks this incident used or lacked

## Responders

{{#responders}}- {{{who}}} ({{roles}})
{{/responders}}

## Metrics

| Metric | Value |
| --- | --- |
{{#metrics}}| {{name}} | {{value}} |
{{/metrics}}{{#reviewClosed}}
Review closed {{reviewClosed}}{{#reviewForcedReason}} without everything the policy asks for: {{reviewForcedReason}}{{/reviewForcedReason}}.
{{/reviewClosed}}
"""#,
        "report-postmortem": #"""
# Postmortem: {{id}} {{title}}

{{severity}} ({{severityName}}) · declared {{declaredAt}} by {{{declaredBy}}} · {{durationText}} · {{#hasCommander}}commander {{{commander}}}{{/hasCommander}}{{^hasCommander}}no commander{{/hasCommander}}

**What happened:** {{#summary}}{{summary}}{{/summary}}{{^summary}}{{#withdrawal}}nothing: withdrawn as declared by mistake ({{withdrawal}}){{/withdrawal}}{{^withdrawal}}still open{{/withdrawal}}{{/summary}}

**Impact:** {{#impact}}{{impact}}{{/impact}}{{^impact}}not recorded{{/impact}}{{#impactSpan}} (users affected for {{impactSpan}}{{#impactStarted}}, from {{impactStarted}}{{/impactStarted}}){{/impactSpan}}

**Root cause:** {{#cause}}{{cause}}{{/cause}}{{^cause}}not recorded{{/cause}}

**Why we didn't catch it:** {{#gaps}}{{.}}{{^last()}}; {{/last()}}{{/gaps}}{{^gaps}}not recorded{{/gaps}}

## Action items

{{#actionRows}}- [{{#done}}x{{/done}}{{^done}} {{/done}}] {{number}}. {{text}} ({{{owner}}}{{#team}}, {{team}}{{/team}}{{#due}}, due {{due}}{{/due}}){{#ticket}} {{ticket}}{{/ticket}}
{{/actionRows}}{{^actionRows}}_None._
{{/actionRows}}

## Also from the review (the playbook's outputs)

- [ ] Update monitoring and alerts{{#gaps}}{{#first()}}: {{/first()}}{{.}}{{^last()}}; {{/last()}}{{/gaps}}{{^gaps}} (no gap noted){{/gaps}}
- [ ] Update the runbooks this incident used or lacked

## Timeline (UTC)

{{#entries}}- {{> timeline-entry}}
{{/entries}}

## Metrics

{{#metrics}}- {{name}}: {{value}}
{{/metrics}}
"""#,
        "report-summary": #"""
# Incident summary: {{id}} {{title}}

{{severity}} ({{severityName}}) · declared {{declaredAt}} by {{{declaredBy}}} · {{durationText}}{{#resolvedAt}} · resolved {{resolvedAt}}{{/resolvedAt}}

{{#summary}}**Resolution:** {{summary}}

{{/summary}}{{#withdrawal}}**Withdrawn** as declared by mistake: {{withdrawal}}

{{/withdrawal}}{{#resolutionNotes}}- {{.}}
{{/resolutionNotes}}{{#hasResolutionNotes}}
{{/hasResolutionNotes}}{{#impact}}**Impact:** {{impact}}

{{/impact}}{{#cause}}**Cause:** {{cause}}

{{/cause}}{{#actionRows}}- [{{#done}}x{{/done}}{{^done}} {{/done}}] {{text}} ({{{owner}}}){{#ticket}} {{ticket}}{{/ticket}}
{{/actionRows}}
Time to resolve: {{timeToResolve}} · update cadence adherence: {{cadenceAdherence}}
"""#,
    ]
}
