/// The message templates Klaxon ships with, by name. An operator's template directory overrides them file by file
/// (`NAME.mustache`); `klaxon policy export` writes them out.
///
/// Text values are escaped for the platform; mentions (`ping`, `actor`, `commander`, `declaredBy`, `roles`) are
/// already in the platform's syntax and go in triple braces, as do `quoted` (the text of an update, status note or
/// resolution, escaped, each of its lines starting a quote), `prompts` (the policy's, escaped outside their code
/// spans) and `titleInCode` (the title as it may stand inside a code span).
public enum DefaultTemplates {
    public static let all: [String: String] = chat.merging(DocumentTemplates.all) { chat, _ in chat }.merging(StatusTemplates.all) { known, _ in known }

    /// The messages posted in chat and the replies to commands.
    static let chat: [String: String] = [
        "initial-alert": #"""
*[{{severity}} INCIDENT] {{headline}} - {{title}}*{{#ping}} - {{{ping}}}{{/ping}}
Incident {{id}} · {{severityName}}{{#kindLabel}} · {{kindLabel}}{{/kindLabel}}{{#publicFacing}} · public-facing{{/publicFacing}} · declared by {{{declaredBy}}}{{#alertLink}} · alerts: {{alertLink}}{{/alertLink}}{{#previousIncident}} · same alerts as {{previousIncident}}{{/previousIncident}}
{{#cadence}}Updates every {{cadence}}. {{/cadence}}{{#recoveryTarget}}Recovery target: < {{recoveryTarget}}. {{/recoveryTarget}}Commander: {{#hasCommander}}{{{commander}}}{{/hasCommander}}{{^hasCommander}}`/incident commander {{id}} me`{{/hasCommander}}{{#statusPage}}
Status page: {{statusPage}}{{/statusPage}}{{#titleSaysPublic}}
Not on the status page: `/incident public {{id}} <title for customers>` puts it there (or `--public` when declaring).{{/titleSaysPublic}}{{#publicWithheld}}
Not on the status page: the alerts ask for it, but their summary mentions someone. `/incident public {{id}} <title for customers>` puts it there.{{/publicWithheld}}
"""#,
        "commander-assigned": #"""
{{{commander}}} is incident commander for {{id}} {{title}}{{#replacedCommander}}, taking over from {{replacedCommander}}{{/replacedCommander}}.
"""#,
        "update-posted": #"""
*Update on {{id}} {{title}}* ({{severity}} · {{status}}) from {{{actor}}}:
> {{{quoted}}}
{{#toCustomers}}🌐 Also posted on the status page for customers.
{{/toCustomers}}{{#nextUpdateDue}}Next update due by {{nextUpdateDue}}.{{/nextUpdateDue}}
"""#,
        "status-changed": #"""
*{{id}} {{title}}*: {{from}} → *{{to}}* ({{{actor}}})
{{#note}}> {{{quoted}}}
{{/note}}{{#toCustomers}}🌐 Also posted on the status page for customers.
{{/toCustomers}}{{#nextUpdateDue}}Next update due by {{nextUpdateDue}}.{{/nextUpdateDue}}
"""#,
        "severity-changed": #"""
*{{id}} {{title}}* is now *{{to}}* (was {{from}}), set by {{{actor}}}{{#ping}} - {{{ping}}}{{/ping}}
{{#reason}}> {{{quoted}}}
{{/reason}}{{#cadence}}Updates every {{cadence}}.{{#nextUpdateDue}} Next update due by {{nextUpdateDue}}.{{/nextUpdateDue}}{{/cadence}}{{^cadence}}No regular updates needed.{{/cadence}}
{{#stillShown}}The status page still shows {{stillShown}}: `/incident affects {{id}} <component> degraded|partial|major|operational` if that has changed.
{{/stillShown}}
"""#,
        "scope-set": #"""
Scope of {{id}} {{title}}: {{text}}
"""#,
        "checklist-checked": #"""
✅ {{item}} ({{id}}, {{checklist}}), ticked by {{{actor}}}{{#remaining}} · {{remaining}} still open{{/remaining}}{{^remaining}} · checklist complete{{/remaining}}
"""#,
        "checklist-unchecked": #"""
⬜ {{item}} ({{id}}, {{checklist}}) is open again, taken back by {{{actor}}}{{#remaining}} · {{remaining}} still open{{/remaining}}
"""#,
        "alerts-changed": #"""
*Alerts on {{id}} {{title}}*{{#firing}}
🔥 Firing: {{.}}{{/firing}}{{#resolvedAlerts}}
✅ Resolved: {{.}}{{/resolvedAlerts}}
{{#allResolved}}All alerts resolved. Verify the fix, then `/incident resolve {{id}} <summary>` {{{responsible}}}{{/allResolved}}{{^allResolved}}{{stillFiring}} still firing.{{/allResolved}}
"""#,
        "alert-proposed": #"""
*[{{severity}} PROPOSED] {{title}}*
Alert {{proposal}} proposes a {{severityName}} incident{{#kindLabel}} · {{kindLabel}}{{/kindLabel}}{{#publicFacing}} · public-facing{{/publicFacing}}{{#alertLink}} · alerts: {{alertLink}}{{/alertLink}}{{#previousIncident}} · same alerts as {{previousIncident}}{{/previousIncident}}
{{#firing}}🔥 {{.}}
{{/firing}}Declare it: `/incident accept {{proposal}}`
"""#,
        "proposal-withdrawn": #"""
Alert {{proposal}} withdrawn: its alerts resolved before anyone accepted it ({{title}}).
"""#,
        "note-recorded": #"""
Noted on {{id}}'s timeline: {{text}}
"""#,
        "resolution": #"""
*[RESOLVED] {{id}} {{title}}* after {{duration}} ({{severity}})
> {{{quoted}}}
{{#forcedReason}}Resolved without the full verification checklist: {{forcedReason}}
{{/forcedReason}}{{#toCustomers}}🌐 The summary is also posted on the status page for customers.
{{/toCustomers}}{{#review}}Next: {{review}}.
{{/review}}{{#statusPage}}Status page: {{statusPage}}{{/statusPage}}
"""#,
        "reopened": #"""
*[REOPENED] {{id}} {{title}}* ({{severity}}){{#ping}} - {{{ping}}}{{/ping}}
Reopened by {{{actor}}}: {{reason}}
Investigating again{{#cadence}}: updates every {{cadence}}{{#nextUpdateDue}}, the next due by {{nextUpdateDue}}{{/nextUpdateDue}}{{/cadence}}. {{{responsible}}}{{#statusPage}}
Status page: {{statusPage}}{{/statusPage}}
"""#,
        "withdrawn": #"""
*[WITHDRAWN] {{id}} {{title}}* ({{severity}}){{#ping}} - {{{ping}}}{{/ping}}
Declared by mistake; withdrawn by {{{actor}}}:
> {{{quoted}}}
Stand down{{#roles}}, {{{roles}}}{{/roles}}: no more updates, nudges or review for it, and it is left out of the statistics.
"""#,
        "escalation": #"""
{{#roles}}Escalating {{id}} {{title}} ({{severity}}) to {{{roles}}}{{/roles}}{{^roles}}*{{id}} {{title}}* ({{severity}}) has been open {{age}}{{#responsible}}, {{{responsible}}}{{/responsible}}:{{/roles}}
{{#prompts}}• {{{.}}}
{{/prompts}}{{#roles}}Status: {{status}}, open {{age}} · Commander: {{{commander}}}{{#lastUpdate}}
Latest update: {{lastUpdate}}{{/lastUpdate}}{{#statusPage}}
Status page: {{statusPage}}{{/statusPage}}
{{/roles}}
"""#,
        "customer-email": #"""
{{publicTitle}}: {{#publicWithdrawn}}opened in error{{/publicWithdrawn}}{{^publicWithdrawn}}{{#publicResolved}}resolved{{/publicResolved}}{{^publicResolved}}we are working on it{{/publicResolved}}{{/publicWithdrawn}}
Hello,

{{#publicWithdrawn}}We wrote to you about “{{publicTitle}}”. That was sent in error: the incident was opened by mistake, and is closed.{{#pageURL}} Our status page shows anything that does affect the service: {{pageURL}}{{/pageURL}}

We are sorry for the confusion.
{{/publicWithdrawn}}{{^publicWithdrawn}}{{#publicResolved}}The problem we wrote about, “{{publicTitle}}”, is resolved.{{/publicResolved}}{{^publicResolved}}We are writing because of a problem that may affect you: {{publicTitle}}.{{/publicResolved}}{{#publicComponents}} {{#publicResolved}}Affected while it lasted{{/publicResolved}}{{^publicResolved}}Affected{{/publicResolved}}: {{publicComponents}}.{{/publicComponents}} It began at {{publicSince}}.
{{#publicUpdate}}
Latest update: {{publicUpdate}}
{{/publicUpdate}}{{#publicUpdateDefault}}
Latest update: {{#investigating}}{{> status-investigating}}{{/investigating}}{{#identified}}{{> status-identified}}{{/identified}}{{#monitoring}}{{> status-monitoring}}{{/monitoring}}{{#resolved}}{{> status-resolved}}{{/resolved}}
{{/publicUpdateDefault}}{{#eta}}
We expect a fix by {{eta}}.
{{/eta}}
Current status: {{publicStatus}}.{{#statusPage}} Follow it live on our status page: {{statusPage}}{{/statusPage}}

We are sorry for the trouble.
{{/publicWithdrawn}}{{pageName}}
"""#,
        "customers-notified": #"""
📧 Customers emailed about {{id}} ({{recipients}}) by {{{actor}}}.
"""#,
        "customer-email-preview": #"""
*Preview, not sent:* the email `/incident notify customers {{id}}` sends to {{recipients}}{{#notifiedAt}} (customers were emailed at {{notifiedAt}}: add `--again` to send it again){{/notifiedAt}}. Subject first:
"""#,
        "update-30-minutes": #"""
{{#stillInvestigating}}30 minutes in. If there's no progress yet, the playbook's update:
`/incident update {{id}} We're still investigating {{{titleInCode}}}. The team is working on it and we'll update again within {{cadence}}.`{{/stillInvestigating}}{{^stillInvestigating}}{{^fixInPlace}}30 minutes in, the cause identified. The playbook's update:
`/incident update {{id}} We've identified the cause of {{{titleInCode}}} and are applying a fix. We expect recovery soon and will update within {{cadence}}.`{{/fixInPlace}}{{#fixInPlace}}30 minutes in, a fix in place. An update:
`/incident update {{id}} A fix for {{{titleInCode}}} is in place and we are monitoring the results. We will update within {{cadence}}.`{{/fixInPlace}}{{/stillInvestigating}}
"""#,
        "update-60-minutes": #"""
An hour in. If you found the fix, the playbook's update:
`/incident update {{id}} We've identified the cause of {{{titleInCode}}} and are applying a fix. We expect recovery soon and will update within {{cadence}}.`
"""#,
        "post-incident-summary": #"""
*Post-incident summary: {{id}} {{title}}*
Severity {{severity}} · declared {{declaredAt}} · resolved {{resolvedAt}} · {{duration}}
Commander: {{{commander}}}
Resolution: {{summary}}
{{#impact}}Impact: {{impact}}
{{/impact}}{{#cause}}Root cause: {{cause}}
{{/cause}}{{#gaps}}Not caught because: {{.}}
{{/gaps}}{{#actions}}• Action {{number}}: {{text}} ({{{owner}}}{{#team}}, {{team}}{{/team}}{{#due}}, due {{due}}{{/due}}){{#done}} ✅{{/done}}
{{/actions}}{{#forcedReason}}Review closed without everything the policy asks for: {{forcedReason}}
{{/forcedReason}}Full report: `/incident report {{id}}`
"""#,
        "public-page-changed": #"""
{{#made_public}}{{id}} is on the public status page{{#publicTitle}} as “{{publicTitle}}”{{/publicTitle}} ({{{actor}}}).{{^resolvedAt}} Tell customers with `/incident update {{id}} --public <text>`.{{/resolvedAt}}{{/made_public}}{{#made_private}}{{id}} is off the public status page ({{{actor}}}).{{/made_private}}{{#eta_set}}{{#eta}}ETA for {{id}}: {{eta}} ({{{actor}}}).{{/eta}}{{^eta}}ETA for {{id}} cleared ({{{actor}}}).{{/eta}}{{/eta_set}}{{#components_affected}}{{id}} affects {{components}} ({{{actor}}}).{{/components_affected}}{{^made_public}}{{^made_private}}{{^publicFacing}}
Customers don't see this yet: {{id}} is not on the status page. `/incident public {{id}} <title for customers>` puts it there.{{/publicFacing}}{{/made_private}}{{/made_public}}
"""#,
        "fact-recorded": #"""
{{#checklist_item_unchecked}}⬜ “{{item}}” is open again on {{id}} ({{checklist}}{{#remaining}}: {{remaining}} open{{/remaining}}).{{/checklist_item_unchecked}}{{#impact_set}}Impact of {{id}} recorded: {{text}}{{/impact_set}}{{#cause_set}}Root cause of {{id}} recorded: {{text}}{{/cause_set}}{{#gap_noted}}Monitoring gap on {{id}} recorded: {{text}}{{/gap_noted}}{{#action_added}}Action item {{number}} on {{id}} for {{{owner}}}: {{text}}{{#team}} · team {{team}}{{/team}}{{#due}} · due {{due}}{{/due}}. Close it with `/incident action {{id}} done {{number}}`.{{/action_added}}{{#action_closed}}✅ Action item {{number}} on {{id}} is done: {{text}}{{/action_closed}}{{#milestone_set}}Recorded for {{id}}: {{milestone}} {{at}}.{{/milestone_set}}
"""#,
        "action-list": #"""
*Action items of {{id}} {{title}}*
{{#actions}}{{#done}}✅{{/done}}{{^done}}⬜{{/done}} {{number}}. {{text}} · {{{owner}}}{{#team}} · {{team}}{{/team}}{{#due}} · due {{due}}{{/due}}{{#ticket}} · {{ticket}}{{/ticket}}
{{/actions}}{{^any}}None yet. Add one with `/incident action {{id}} @owner <text> [team:<team>] [due:YYYY-MM-DD]`.{{/any}}
"""#,
        "report-reply": #"""
*Report for {{id}} {{title}}* ({{severity}} · {{status}}{{#duration}} · {{duration}}{{/duration}})
{{#impact}}Impact: {{impact}}
{{/impact}}{{#cause}}Root cause: {{cause}}
{{/cause}}Action items: {{actionCount}} ({{openActions}} open) · timeline: {{eventCount}} events
{{#missing}}Missing: {{{.}}}
{{/missing}}{{#reportFile}}Written to `{{reportFile}}`.
{{/reportFile}}Full Markdown: `klaxon report {{number}}`
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
{{#prompts}}• {{{.}}}
{{/prompts}}
"""#,
        "recovery-target-missed": #"""
{{{responsible}}} {{id}} {{title}} has passed its {{severity}} recovery target of {{recoveryTarget}} (open {{age}}). Consider escalating, more hands, or a status-page update.
"""#,
        "eta-passed": #"""
{{{responsible}}} the fix for {{id}} {{title}} was expected by {{passedEta}}{{#publicFacing}}, and the status page still says so{{/publicFacing}}. Give a new estimate with `/incident eta {{id}} 30m`, or `/incident eta {{id}} clear`.
"""#,
        "review-reminder": #"""
{{{responsible}}} {{id}} {{title}} was resolved; {{#reviewOverdue}}{{#scheduledFor}}its {{reviewName}}, scheduled for {{scheduledFor}}, is still not closed. Once it is held: `/incident review {{id}} done`{{/scheduledFor}}{{^scheduledFor}}its {{reviewName}} is overdue and still not scheduled. This is the last reminder: `/incident review {{id}} schedule <when>`{{/scheduledFor}}{{/reviewOverdue}}{{^reviewOverdue}}please schedule the {{reviewName}}{{#reviewDeadline}} (due by {{reviewDeadline}}){{/reviewDeadline}}: `/incident review {{id}} schedule <when>`{{/reviewOverdue}}
"""#,
        "review-scheduled": #"""
The {{reviewName}} for {{id}} {{title}} is scheduled: {{when}}.
{{#lateForWindow}}⚠️ That is after the playbook's window (by {{reviewDeadline}}): the report will count the review as late. An earlier time: `/incident review {{id}} schedule <when>`.
{{/lateForWindow}}{{#responsible}}Invited: {{{responsible}}}
{{/responsible}}*Agenda*
*1. What happened?* The timeline: `/incident timeline {{id}}` ({{duration}}{{#impactStarted}}, impact from {{impactStarted}}{{/impactStarted}}{{#mitigated}}, mitigated {{mitigated}}{{/mitigated}}){{#impact}}. Impact: {{impact}}{{/impact}}
*2. Why did it happen?* {{#cause}}{{cause}}{{/cause}}{{^cause}}no root cause yet: `/incident cause {{id}} <text>`{{/cause}}
*3. Why didn't we catch it?* {{#gaps}}{{.}}{{^last()}}; {{/last()}}{{/gaps}}{{^gaps}}no monitoring gaps noted yet: `/incident gap {{id}} <text>`{{/gaps}}
*4. How do we prevent it next time?* {{#actions}}{{number}}. {{text}} ({{{owner}}}){{^last()}}; {{/last()}}{{/actions}}{{^actions}}no action items yet: `/incident action {{id}} @owner <text>`{{/actions}}
"""#,
        "delivery-problem": #"""
{{{responsible}}} {{#partly}}Not everyone was reached by {{transport}}: {{reason}}.{{/partly}}{{^partly}}Klaxon cannot reach {{transport}} ({{reason}}).{{/partly}}{{#customerEmailLost}} The customer email did not go out: `/incident notify customers {{id}}` sends it again.{{/customerEmailLost}} {{id}} {{title}}: {{severity}}, {{status}}, {{#hasCommander}}commander {{{commander}}}{{/hasCommander}}{{^hasCommander}}no commander yet{{/hasCommander}}, open {{age}}.{{#lastUpdate}} Last update: {{lastUpdate}}{{/lastUpdate}}
"""#,
        "incident-header": #"""
*[{{severity}} INCIDENT] {{headline}} - {{title}}*
Incident {{id}} · *{{status}}* · {{#hasCommander}}commander {{{commander}}}{{/hasCommander}}{{^hasCommander}}no commander yet{{/hasCommander}}{{#nextUpdateDue}} · next update due by {{nextUpdateDue}}{{/nextUpdateDue}}{{#resolvedAt}} · resolved {{resolvedAt}}{{/resolvedAt}}
"""#,
        "incident-list": #"""
{{#any}}*Open incidents ({{count}})*
{{#incidents}}• *{{id}}* {{severity}} {{title}} · {{status}} · {{{commander}}} · {{age}}
{{/incidents}}{{/any}}{{^any}}No open incidents. Declare one with `/incident p0 <title>`.{{/any}}
"""#,
        "incident-detail": #"""
*{{id}} {{title}}* · {{severity}} {{severityName}} · {{status}}
Declared {{declaredAt}} by {{{declaredBy}}}{{^resolvedAt}} ({{declaredAgo}} ago){{/resolvedAt}}{{#resolvedAt}}{{#withdrawn}} · withdrawn {{resolvedAt}} as declared by mistake: {{withdrawn}}{{/withdrawn}}{{^withdrawn}} · resolved {{resolvedAt}}, after {{duration}}{{/withdrawn}}{{/resolvedAt}}
Commander: {{{commander}}}
{{#impactStarted}}Impact began {{impactStarted}}
{{/impactStarted}}{{#mitigated}}Impact mitigated {{mitigated}}
{{/mitigated}}{{#reviewDue}}Review: {{reviewDue}} (`/incident review {{id}} schedule <when>`)
{{/reviewDue}}{{#reviewScheduled}}Review scheduled: {{reviewScheduled}}
{{/reviewScheduled}}{{#reviewClosed}}Review closed {{reviewClosed}}
{{/reviewClosed}}{{#scope}}Scope: {{scope}}
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
{{summary}}{{#aliases}} Also `{{.}}`.{{/aliases}}
Example: `{{example}}`{{/command}}{{^command}}*Klaxon: {{#group}}{{group}}{{/group}}{{^group}}incident commands{{/group}}*
{{#commands}}• `{{usage}}` {{summary}}{{#aliases}} Also `{{.}}`.{{/aliases}}
{{/commands}}Without `#id`, a command applies to the only open incident in this channel.{{/command}}
"""#,
        "timeline-entry": #"""
{{time}} {{#actor}}{{{actor}}} {{/actor}}{{#declared}}declared {{severity}} "{{title}}"{{/declared}}{{#update_posted}}posted an update: {{text}}{{/update_posted}}{{#status_changed}}moved status {{from}} → {{to}}{{#note}}: {{note}}{{/note}}{{/status_changed}}{{#commander_assigned}}{{#selfAssigned}}took the incident commander role{{/selfAssigned}}{{^selfAssigned}}made {{{commander}}} incident commander{{/selfAssigned}}{{/commander_assigned}}{{#severity_changed}}changed severity {{from}} → {{to}}{{#reason}}: {{reason}}{{/reason}}{{/severity_changed}}{{#scope_set}}set the scope: {{text}}{{/scope_set}}{{#checklist_item_checked}}ticked "{{item}}"{{/checklist_item_checked}}{{#checklist_item_unchecked}}took back the tick of "{{item}}"{{/checklist_item_unchecked}}{{#note_posted}}noted: {{text}}{{/note_posted}}{{#resolved}}resolved: {{summary}}{{#forcedReason}} (without the full checklist: {{forcedReason}}){{/forcedReason}}{{/resolved}}{{#reopened}}reopened the incident: {{reason}}{{/reopened}}{{#withdrawn}}withdrew the incident as declared by mistake: {{reason}}{{/withdrawn}}{{#review_scheduled}}scheduled the review: {{when}}{{/review_scheduled}}{{#timer_fired}}{{#updateDue}}nudged for an update{{#overdue}} ({{overdue}} overdue){{/overdue}}{{/updateDue}}{{#commanderMissing}}flagged: no commander{{/commanderMissing}}{{#checklistOverdue}}flagged: "{{checklist}}" not done{{/checklistOverdue}}{{#escalation}}escalated ({{rule}}){{/escalation}}{{#recoveryTargetMissed}}flagged: recovery target of {{recoveryTarget}} passed{{/recoveryTargetMissed}}{{#etaPassed}}flagged: the fix expected by {{passedEta}} had not come{{/etaPassed}}{{#reviewReminder}}{{#reviewOverdue}}reported the review overdue{{/reviewOverdue}}{{^reviewOverdue}}reminded to schedule the review{{/reviewOverdue}}{{/reviewReminder}}{{/timer_fired}}{{#delivery_failed}}could not deliver to {{#partly}}every recipient by {{/partly}}{{transport}}: {{reason}}{{/delivery_failed}}{{#impact_set}}recorded the impact: {{text}}{{/impact_set}}{{#cause_set}}recorded the cause: {{text}}{{/cause_set}}{{#gap_noted}}noted a monitoring gap: {{text}}{{/gap_noted}}{{#action_added}}added action item {{number}} for {{{owner}}}: {{text}}{{/action_added}}{{#action_closed}}closed action item {{number}}{{/action_closed}}{{#ticket_filed}}filed a ticket{{#number}} for action item {{number}}{{/number}}: {{ticket}}{{/ticket_filed}}{{#milestone_set}}recorded that {{milestone}} {{at}}{{/milestone_set}}{{#milestone_placed}}{{milestone}} (recorded by {{{recordedBy}}} at {{recordedAt}}){{/milestone_placed}}{{#review_closed}}closed the review{{#forcedReason}} (without everything the policy asks for: {{forcedReason}}){{/forcedReason}}{{/review_closed}}{{#alerts_changed}}alerts{{#firing}} · firing: {{.}}{{/firing}}{{#resolvedAlerts}} · resolved: {{.}}{{/resolvedAlerts}}{{#allResolved}} · all resolved{{/allResolved}}{{/alerts_changed}}{{#customers_notified}}emailed customers ({{recipients}}){{/customers_notified}}{{#made_public}}put the incident on the status page{{#publicTitle}} as "{{publicTitle}}"{{/publicTitle}}{{/made_public}}{{#made_private}}took the incident off the status page{{/made_private}}{{#public_update_posted}}told customers ({{to}}){{#text}}: {{text}}{{/text}}{{/public_update_posted}}{{#eta_set}}{{#eta}}set the ETA to {{eta}}{{/eta}}{{^eta}}cleared the ETA{{/eta}}{{/eta_set}}{{#components_affected}}marked on the status page: {{components}}{{/components_affected}}{{#statuspage_linked}}copied the incident to Statuspage{{/statuspage_linked}}{{#statuspage_unlinked}}stopped copying the incident to Statuspage{{/statuspage_unlinked}}
"""#,
        "error": #"""
{{{message}}}
"""#,
    ]
}
