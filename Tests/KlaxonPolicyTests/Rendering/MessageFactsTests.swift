import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

@Suite("MessageFacts with the default templates")
struct MessageFactsTests {
    let policy: Policy
    let facts: MessageFacts
    let renderer: MessageRenderer

    init() throws {
        policy = try Fixture.defaultPolicy()
        facts = MessageFacts(policy: policy, dialect: TestDialect())
        renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
    }

    /// The text of the first notice of the incident's last event.
    func announcement(of incident: Incident, now: Date = Fixture.at(minutes: 1)) throws -> String {
        let sequence = incident.timeline.count
        let notices = Announcer(policy: policy).notices(for: incident.timeline[sequence - 1], sequence: sequence, incident: incident)
        let notice = try #require(notices.first)
        return renderer.render(notice.kind, facts.notice(notice, incident: incident, now: now))
    }

    /// The announcement of the event `sequence` of `incident`, announced when its command's last event is `decidedUpTo`
    /// and rendered as the outbox renders it: from the incident as of that event.
    func announcement(of incident: Incident, at sequence: Int, decidedUpTo last: Int? = nil) throws -> String {
        let decided = Incident(id: incident.id, events: Array(incident.timeline.prefix(last ?? sequence)))!
        let notices = Announcer(policy: policy).notices(for: incident.timeline[sequence - 1], sequence: sequence, incident: decided)
        let notice = try #require(notices.first)
        let asOfEvent = Incident(id: incident.id, events: Array(incident.timeline.prefix(sequence)))!
        return renderer.render(notice.kind, facts.notice(notice, incident: asOfEvent, now: Fixture.at(minutes: 5)))
    }

    @Test("What a `--public` command also told customers says so in the channel; the same text posted internally does not")
    func aPublicCommandSaysCustomersWereTold() throws {
        let incident = Fixture.incident(.p0, publicFacing: true, then: [
            .updatePosted(text: "On it"), .publicUpdatePosted(status: .investigating, text: "On it"),                   // 2, 3
            .updatePosted(text: "Internal only"),                                                                        // 4
            .statusChanged(from: .investigating, to: .identified, note: "Found"), .publicUpdatePosted(status: .identified, text: "Found"), // 5, 6
            .statusChanged(from: .identified, to: .monitoring, note: nil),                                               // 7
            .resolved(summary: "Fixed", forcedReason: "late"), .publicUpdatePosted(status: .resolved, text: "Fixed"),     // 8, 9
        ])
        let marker = "🌐"
        #expect(try announcement(of: incident, at: 2, decidedUpTo: 3).contains("🌐 Also posted on the status page for customers."))
        #expect(try !announcement(of: incident, at: 4).contains(marker))
        #expect(try announcement(of: incident, at: 5, decidedUpTo: 6).contains("🌐 Also posted on the status page for customers."))
        #expect(try !announcement(of: incident, at: 7).contains(marker))
        #expect(try announcement(of: incident, at: 8, decidedUpTo: 9).contains("🌐 The summary is also posted on the status page for customers."))
        // Announced before the public event existed (an internal update), nothing later makes it say so.
        #expect(try !announcement(of: incident, at: 2, decidedUpTo: 2).contains(marker))
    }

    @Test("The P0 initial alert reads like the playbook's and pings the channel")
    func theP0InitialAlertReadsLikeThePlaybooksAndPingsTheChannel() throws {
        let text = try announcement(of: Fixture.incident(.p0, title: "Uploads failing", publicFacing: true))
        #expect(text.hasPrefix("*[P0 INCIDENT] Service is down - Uploads failing*"))
        #expect(text.contains("<!channel>"))
        #expect(text == """
            *[P0 INCIDENT] Service is down - Uploads failing* - <!channel>
            Incident #1 · Critical · public-facing · declared by <@U0ALICE>
            Updates every 15 minutes. Recovery target: < 1 hour. Commander: `/incident commander #1 me`
            """)
    }

    @Test("An incident's detail says how long ago it was declared while open, and how long it ran once resolved")
    func anIncidentsDetailSaysHowLongItRan() throws {
        let composer = ReplyComposer(renderer: renderer)
        let open = Fixture.incident(.p1, title: "Login broken")
        let resolved = Fixture.incident(.p1, title: "Login broken", then: [.statusChanged(from: .investigating, to: .monitoring, note: nil),
                                                                            .resolved(summary: "Fixed", forcedReason: nil)])
        let openLine = composer.reply(to: .detail(open), now: Fixture.at(minutes: 90)).text.split(separator: "\n")[1]
        #expect(openLine.hasSuffix("(1 h 30 min ago)"))
        let resolvedLine = composer.reply(to: .detail(resolved), now: Fixture.at(minutes: 600)).text.split(separator: "\n")[1]
        #expect(!resolvedLine.contains("ago"))
        #expect(resolvedLine.hasSuffix(", after 2 min"))
    }

    @Test("Initial alerts name each severity's headline and only P0 pings the channel", arguments: [
        (Severity.p0, "*[P0 INCIDENT] Service is down - Login broken*", true),
        (.p1, "*[P1 INCIDENT] Core functionality is broken - Login broken*", false),
        (.p2, "*[P2 INCIDENT] Important feature is broken - Login broken*", false),
        (.p3, "*[P3 INCIDENT] Small feature or edge case broken - Login broken*", false),
    ])
    func initialAlertsNameEachSeveritysHeadline(severity: Severity, firstLine: String, pings: Bool) throws {
        let text = try announcement(of: Fixture.incident(severity, title: "Login broken"))
        let line = text.split(separator: "\n").first.map(String.init)
        #expect(line == firstLine + (pings ? " - <!channel>" : ""))
    }

    @Test("Initial alerts give the cadence and recovery target that apply", arguments: [
        (Severity.p1, false, "Updates every 30 minutes. Recovery target: < 4 hours. Commander: `/incident commander #1 me`"),
        (.p2, false, "Recovery target: < 24 hours. Commander: `/incident commander #1 me`"),
        (.p2, true, "Updates every 2 hours. Recovery target: < 24 hours. Commander: `/incident commander #1 me`"),
        (.p3, true, "Commander: `/incident commander #1 me`"),
    ])
    func initialAlertsGiveTheCadenceAndRecoveryTargetThatApply(severity: Severity, publicFacing: Bool, lastLine: String) throws {
        let text = try announcement(of: Fixture.incident(severity, publicFacing: publicFacing))
        #expect(text.split(separator: "\n").last.map(String.init) == lastLine)
    }

    @Test("A title with markup characters is escaped in the alert")
    func aTitleWithMarkupCharactersIsEscapedInTheAlert() throws {
        let text = try announcement(of: Fixture.incident(.p1, title: "<b>Uploads</b> & <!channel>"))
        #expect(text.hasPrefix("*[P1 INCIDENT] Core functionality is broken - &lt;b&gt;Uploads&lt;/b&gt; &amp; &lt;!channel&gt;*"))
        #expect(!text.contains("<!channel>"))
    }

    @Test("The alert names the kind of a security incident")
    func theAlertNamesTheKindOfASecurityIncident() throws {
        let text = try announcement(of: Fixture.incident(.p1, kind: .dataBreach))
        #expect(text.contains("Incident #1 · Major · data-breach · declared by <@U0ALICE>"))
    }

    @Test("An escalation names the roles, carries the rule's prompts, and says where the incident stands")
    func anEscalationNamesTheRolesAndCarriesThePrompts() throws {
        let incident = Fixture.incident(.p0)
        let notice = Notice(kind: .escalation, incident: incident.id, sequence: 1, destination: .incidentChannel(Fixture.channel), audience: [.role("ceo"), .role("cto")],
                            prompts: ["Notify customers if public-facing", "Prepare a public status update"], rule: "p0-over-one-hour")
        let text = renderer.render(.escalation, facts.notice(notice, incident: incident, now: Fixture.at(minutes: 60)))
        #expect(text == """
            Escalating #1 Uploads failing (P0) to *CEO*, *CTO*
            • Notify customers if public-facing
            • Prepare a public status update
            Status: Investigating, open 0 s · Commander: no commander yet
            """)
    }

    @Test("An update gives the next due time from the cadence")
    func anUpdateGivesTheNextDueTimeFromTheCadence() throws {
        let incident = Fixture.incident(.p0, then: [.updatePosted(text: "Rolled back <v2>")])
        #expect(try announcement(of: incident, now: Fixture.at(minutes: 2)) == """
            *Update on #1 Uploads failing* (P0 · Investigating) from <@U0BOB>:
            > Rolled back &lt;v2&gt;
            Next update due by 14:16 UTC.
            """)
    }

    @Test("A ticked item says who ticked it and how many are still open, or that the checklist is complete", arguments: [
        (1, "✅ Tested from multiple clients (#1, Verify the fix is real), ticked by <@U0BOB> · 3 still open"),
        (4, "✅ Smoke tests pass (#1, Verify the fix is real), ticked by <@U0BOB> · checklist complete"),
    ])
    func aTickedItemSaysHowManyAreStillOpen(ticks: Int, text: String) throws {
        let items = ["multiple-clients", "monitoring-stable", "customer-confirmed", "smoke-tests"]
        let incident = Fixture.incident(.p1, then: items.prefix(ticks).map { .checklistItemChecked(checklist: "resolution", item: $0) })
        #expect(try announcement(of: incident) == text)
    }

    @Test("The timeline lists every event in order, with its time and who did it")
    func theTimelineListsEveryEventInOrder() throws {
        let incident = Fixture.incident(.p0, then: [
            .commanderAssigned(Fixture.bob),
            .updatePosted(text: "Looking at the pool"),
            .statusChanged(from: .investigating, to: .identified, note: "Pool exhausted"),
            .severityChanged(from: .p0, to: .p1, reason: "EU only"),
            .scopeSet(text: "EU uploads"),
            .checklistItemChecked(checklist: "resolution", item: "smoke-tests"),
            .notePosted(text: "Pool 20 → 50"),
            .resolved(summary: "Pool raised", forcedReason: "Night shift"),
        ])
        let text = renderer.render(.timeline, facts.timeline(incident, now: Fixture.at(minutes: 30)))
        #expect(text.split(separator: "\n").map(String.init) == [
            "*Timeline of #1 Uploads failing*",
            "• 14:00 UTC <@U0ALICE> declared P0 \"Uploads failing\"",
            "• 14:01 UTC <@U0BOB> took the incident commander role",
            "• 14:02 UTC <@U0BOB> posted an update: Looking at the pool",
            "• 14:03 UTC <@U0BOB> moved status Investigating → Identified: Pool exhausted",
            "• 14:04 UTC <@U0BOB> changed severity P0 → P1: EU only",
            "• 14:05 UTC <@U0BOB> set the scope: EU uploads",
            "• 14:06 UTC <@U0BOB> ticked \"Smoke tests pass\"",
            "• 14:07 UTC <@U0BOB> noted: Pool 20 → 50",
            "• 14:08 UTC <@U0BOB> resolved: Pool raised (without the full checklist: Night shift)",
        ])
    }

    @Test("Naming someone else commander reads so in the timeline; taking it oneself reads as taking it")
    func namingAnotherCommanderReadsSo() {
        let incident = Fixture.incident(.p0, then: [.commanderAssigned(Fixture.alice), .commanderAssigned(Fixture.bob)])
        let lines = renderer.render(.timeline, facts.timeline(incident, now: Fixture.at(minutes: 5))).split(separator: "\n").map(String.init)
        #expect(Array(lines.suffix(2)) == [
            "• 14:01 UTC <@U0BOB> made <@U0ALICE> incident commander", "• 14:02 UTC <@U0BOB> took the incident commander role",
        ])
    }

    @Test("A tick taken back opens the item again, says so to its author and in the timeline")
    func aTickTakenBackOpensTheItemAgain() {
        let incident = Fixture.incident(.p1, then: [
            .checklistItemChecked(checklist: "resolution", item: "smoke-tests"), .checklistItemUnchecked(checklist: "resolution", item: "smoke-tests"),
        ])
        #expect(incident.openItems(of: policy.checklists.resolution, named: "resolution").map(\.id).contains("smoke-tests"))
        let lines = renderer.render(.timeline, facts.timeline(incident, now: Fixture.at(minutes: 5))).split(separator: "\n").map(String.init)
        #expect(lines.last == "• 14:02 UTC <@U0BOB> took back the tick of \"Smoke tests pass\"")
        let reply = ReplyComposer(renderer: renderer).reply(to: .recorded(incident, events: [incident.timeline[2]], notices: []), now: Fixture.at(minutes: 5))
        #expect(reply.visibility == .sender)
        #expect(reply.text == "⬜ “Smoke tests pass” is open again on #1 (Verify the fix is real: 4 open).")
    }

    @Test("A timeline entry after the declaration's day carries its date")
    func aTimelineEntryOnALaterDayCarriesItsDate() throws {
        let declared = Fixture.incident(.p1)
        let incident = declared.evolved(by: IncidentEvent(at: Fixture.at(minutes: 11 * 60), actor: Fixture.bob, change: .notePosted(text: "Still on it")))
        let lines = renderer.render(.timeline, facts.timeline(incident, now: Fixture.at(minutes: 12 * 60))).split(separator: "\n").map(String.init)
        #expect(lines.dropFirst().first?.hasPrefix("• 14:00 UTC ") == true, "\(lines)")
        #expect(lines.last == "• 2026-11-27 01:00 UTC <@U0BOB> noted: Still on it")
    }

    @Test("The timeline says what customers were told and shown on the status page, for the review")
    func theTimelineSaysWhatCustomersWereTold() throws {
        let incident = Fixture.incident(.p0, then: [
            .madePublic(title: "Uploads are failing"),
            .componentsAffected([AffectedComponent(id: "uploads", impact: .major)]),
            .publicUpdatePosted(status: .investigating, text: "We are looking into it"),
            .publicUpdatePosted(status: .identified, text: ""),
            .etaSet(at: Fixture.at(minutes: 90)),
            .etaSet(at: nil),
            .madePrivate,
            .madePublic(title: nil),
        ])
        let text = renderer.render(.timeline, facts.timeline(incident, now: Fixture.at(minutes: 30)))
        #expect(text.split(separator: "\n").dropFirst(2).map(String.init) == [
            "• 14:01 UTC <@U0BOB> put the incident on the status page as \"Uploads are failing\"",
            "• 14:02 UTC <@U0BOB> marked on the status page: Uploads (major outage)",
            "• 14:03 UTC <@U0BOB> told customers (Investigating): We are looking into it",
            "• 14:04 UTC <@U0BOB> told customers (Identified)",
            "• 14:05 UTC <@U0BOB> set the ETA to 2026-11-26 15:30 UTC",
            "• 14:06 UTC <@U0BOB> cleared the ETA",
            "• 14:07 UTC <@U0BOB> took the incident off the status page",
            "• 14:08 UTC <@U0BOB> put the incident on the status page",
        ])
    }

    @Test("The facts of an incident give its age, and the next update due only while a cadence applies, saying when it is past", arguments: [
        (Severity.p0, false, Optional("14:15 UTC (1 h 00 min overdue)")), (.p1, false, "14:30 UTC (45 min overdue)"), (.p2, true, "16:00 UTC"),
        (.p2, false, nil), (.p3, true, nil),
    ])
    func theFactsGiveTheNextUpdateDueOnlyWhileACadenceApplies(severity: Severity, publicFacing: Bool, due: String?) {
        let values = facts.incident(Fixture.incident(severity, publicFacing: publicFacing), now: Fixture.at(minutes: 75))
        #expect(values["nextUpdateDue"] as? String == due)
        #expect(values["age"] as? String == "1 h 15 min")
        #expect(values["declaredAt"] as? String == "2026-11-26 14:00 UTC")
        #expect(values["commander"] as? String == "no commander yet")
    }

    @Test("An incident resolved without a commander had none, and is not waiting for one")
    func anIncidentResolvedWithoutACommanderHadNone() {
        let resolved = Fixture.incident(.p2, then: [.resolved(summary: "Fixed", forcedReason: nil)])
        #expect(facts.incident(resolved, now: Fixture.at(minutes: 75))["commander"] as? String == "no commander")
    }

    @Test("An incident's detail shows when impact began and ended, and the review's schedule with the day it was written when it is relative")
    func anIncidentsDetailShowsItsMilestonesAndReview() {
        let incident = Fixture.incident(.p1, then: [
            .milestoneSet(.impactStarted, at: Fixture.at(minutes: -10)), .milestoneSet(.mitigated, at: Fixture.at(minutes: 20)),
            .resolved(summary: "Fixed", forcedReason: "test"), .reviewScheduled(when: "Friday 10:00"),
        ])
        let text = renderer.render(.incidentDetail, facts.detail(incident, now: Fixture.at(minutes: 90)))
        #expect(text.contains("Impact began 2026-11-26 13:50 UTC\nImpact mitigated 2026-11-26 14:20 UTC\nReview scheduled: Friday 10:00 (Fri 2026-11-27)\n"))
        let dated = Fixture.incident(.p1, then: [.resolved(summary: "Fixed", forcedReason: "test"), .reviewScheduled(when: "2026-11-27 10:00, room 2")])
        #expect(renderer.render(.incidentDetail, facts.detail(dated, now: Fixture.at(minutes: 90))).contains("Review scheduled: 2026-11-27 10:00, room 2\n"))
        let inTwoDays = Fixture.incident(.p1, then: [.resolved(summary: "Fixed", forcedReason: "test"), .reviewScheduled(when: "in 2 days at 10:00")])
        #expect(renderer.render(.incidentDetail, facts.detail(inTwoDays, now: Fixture.at(minutes: 90))).contains("in 2 days at 10:00 (written Thu 2026-11-26)"))
        let weekdayAndDate = Fixture.incident(.p1, then: [.resolved(summary: "Fixed", forcedReason: "test"), .reviewScheduled(when: "Fri 2026-11-27 10:00")])
        #expect(renderer.render(.incidentDetail, facts.detail(weekdayAndDate, now: Fixture.at(minutes: 90))).contains("Review scheduled: Fri 2026-11-27 10:00\n"))
        let plain = renderer.render(.incidentDetail, facts.detail(Fixture.incident(.p1), now: Fixture.at(minutes: 90)))
        #expect(!plain.contains("Impact") && !plain.contains("Review"))
    }

    @Test("A resolved incident's detail says when its unscheduled review is due, or that it is overdue")
    func aResolvedIncidentsDetailSaysWhenTheReviewIsDue() {
        // P0: review within 24 h of the resolution (minute 1).
        let resolved = Fixture.incident(.p0, then: [.resolved(summary: "Fixed", forcedReason: "test")])
        let due = renderer.render(.incidentDetail, facts.detail(resolved, now: Fixture.at(minutes: 90)))
        #expect(due.contains("Review: the post-incident review is not scheduled yet; due by 2026-11-27 14:01 UTC (`/incident review #1 schedule <when>`)"), "\(due)")
        let late = renderer.render(.incidentDetail, facts.detail(resolved, now: Fixture.at(minutes: 2 * 1440)))
        #expect(late.contains("Review: the post-incident review is overdue (due by 2026-11-27 14:01 UTC) and not scheduled"), "\(late)")
        let open = renderer.render(.incidentDetail, facts.detail(Fixture.incident(.p0), now: Fixture.at(minutes: 90)))
        #expect(!open.contains("Review:"))
        let p3 = renderer.render(.incidentDetail, facts.detail(Fixture.incident(.p3, then: [.resolved(summary: "Fixed", forcedReason: nil)]), now: Fixture.at(minutes: 90)))
        #expect(!p3.contains("Review:"))
    }

    @Test("The list shows open incidents most severe first")
    func theListShowsOpenIncidentsMostSevereFirst() throws {
        let p2 = Fixture.incident(.p2, title: "OCR stuck")
        let text = renderer.render(.incidentList, facts.list([p2, Fixture.incident(.p0, title: "Site down")], now: Fixture.at(minutes: 5)))
        #expect(text.split(separator: "\n").map(String.init) == [
            "*Open incidents (2)*",
            "• *#1* P0 Site down · Investigating · no commander yet · 5 min",
            "• *#1* P2 OCR stuck · Investigating · no commander yet · 5 min",
        ])
        #expect(renderer.render(.incidentList, facts.list([], now: Fixture.at(minutes: 5))) == "No open incidents. Declare one with `/incident p0 <title>`.")
    }

    @Test("The detail view shows each checklist that applies with its ticks")
    func theDetailViewShowsEachChecklistThatAppliesWithItsTicks() throws {
        let incident = Fixture.incident(.p0, then: [.scopeSet(text: "EU"), .checklistItemChecked(checklist: "resolution", item: "smoke-tests")])
        let text = renderer.render(.incidentDetail, facts.detail(incident, now: Fixture.at(minutes: 5)))
        #expect(text.contains("*By 15 minutes*\n✅ Slack alert posted (`alert-posted`)\n✅ Scope determined (`scope-determined`)\n⬜ Incident commander assigned (`commander-assigned`)"))
        #expect(text.contains("*Verify the fix is real*\n⬜ Tested from multiple clients (`multiple-clients`)"))
        #expect(text.contains("✅ Smoke tests pass (`smoke-tests`)"))
        let p3 = renderer.render(.incidentDetail, facts.detail(Fixture.incident(.p3), now: Fixture.at(minutes: 5)))
        #expect(!p3.contains("⬜"))
    }

    @Test("Scheduling the review is announced with the review's name and the agenda, known and missing")
    func schedulingTheReviewIsAnnouncedWithTheAgenda() throws {
        let incident = Fixture.incident(.p0, then: [
            .resolved(summary: "Fixed", forcedReason: nil), .causeSet(text: "Pool too small"),
            .actionAdded(ActionItem(number: 1, owner: Fixture.bob, text: "Alert at 80%")), .reviewScheduled(when: "Friday 10:00 <Room 2>"),
        ])
        let text = try announcement(of: incident)
        let more = Fixture.incident(.p0, then: [
            .resolved(summary: "Fixed", forcedReason: nil), .gapNoted(text: "No pool alert"), .gapNoted(text: "No canary"),
            .actionAdded(ActionItem(number: 1, owner: Fixture.bob, text: "Alert at 80%")), .actionAdded(ActionItem(number: 2, owner: Fixture.alice, text: "Add a canary")),
            .reviewScheduled(when: "Friday"),
        ])
        let lists = try announcement(of: more)
        // Lists are separated, not ended, by semicolons.
        #expect(lists.contains("*3. Why didn't we catch it?* No pool alert; No canary\n"))
        #expect(lists.hasSuffix("*4. How do we prevent it next time?* 1. Alert at 80% (<@U0BOB>); 2. Add a canary (<@U0ALICE>)"))
        #expect(text == """
            The post-incident review for #1 Uploads failing is scheduled: Friday 10:00 &lt;Room 2&gt; (Fri 2026-11-27).
            Invited: <@U0ALICE> <@U0BOB> *On-call lead* *Ops lead*
            *Agenda*
            *1. What happened?* The timeline: `/incident timeline #1` (1 min)
            *2. Why did it happen?* Pool too small
            *3. Why didn't we catch it?* no monitoring gaps noted yet: `/incident gap #1 <text>`
            *4. How do we prevent it next time?* 1. Alert at 80% (<@U0BOB>)
            """)
    }

    @Test("The next update is due a cadence after a severity change restarted the clock")
    func theNextUpdateIsDueACadenceAfterASeverityChange() {
        // P1 declared 14:00, made P0 at 14:01: the timekeeper's nudge is due 14:16, and so should the messages say.
        let incident = Fixture.incident(.p1, then: [.severityChanged(from: .p1, to: .p0, reason: nil)])
        let pending = Timekeeper(policy: policy).pending(incident).first { if case .updateDue = $0.timer { true } else { false } }
        #expect(pending?.at == Fixture.at(minutes: 16))
        #expect(facts.incident(incident, now: Fixture.at(minutes: 2))["nextUpdateDue"] as? String == "14:16 UTC")
    }

    @Test("An update nudge that fires on time reads cleanly in the timeline")
    func anUpdateNudgeThatFiresOnTimeReadsCleanlyInTheTimeline() {
        let declared = Fixture.incident(.p0)
        let due = Fixture.at(minutes: 15)
        let nudge = IncidentEvent(at: due, actor: nil, change: .timerFired(.updateDue(anchor: Fixture.declaredAt, slot: 1)))
        let text = renderer.render(.timeline, facts.timeline(declared.evolved(by: nudge), now: due))
        #expect(text.contains("• 14:15 UTC Klaxon nudged for an update"))
        #expect(!text.contains("( overdue)"))
    }

    @Test("A notice reads the same whenever it is sent, so a resend can be recognised by its text")
    func aNoticeReadsTheSameWheneverItIsSent() throws {
        let fired = IncidentEvent(at: Fixture.at(minutes: 10), actor: nil, change: .timerFired(.commanderMissing))
        let incident = Fixture.incident(.p1).evolved(by: fired)
        let notices = Announcer(policy: policy).notices(for: fired, sequence: incident.timeline.count, incident: incident)
        let notice = try #require(notices.first { $0.kind == .commanderMissing })
        let onTime = renderer.render(notice.kind, facts.notice(notice, incident: incident, now: Fixture.at(minutes: 10)))
        let afterAnOutage = renderer.render(notice.kind, facts.notice(notice, incident: incident, now: Fixture.at(minutes: 95)))
        #expect(onTime.contains("has had no incident commander for 10 min."))
        #expect(afterAnOutage == onTime)
    }

    @Test("A refusal renders its message, escaped")
    func aRefusalRendersItsMessageEscaped() {
        let text = renderer.render(.error, facts.error(.unknownCommand("<boom>")))
        #expect(text == "I don't know `&lt;boom&gt;`. Try `/incident help`, or declare with `/incident p0|p1|p2|p3 &lt;title&gt;`.")
    }

    @Test("Help names the short aliases, in the list and for one command, but not a declaration's severities")
    func helpNamesTheShortAliases() throws {
        let all = renderer.render(.help, facts.help(nil))
        #expect(all.contains("• `/incident commander [#id] @user|me` Assign the incident commander. Also `ic`."))
        #expect(all.contains("Also `sev`."))
        #expect(!all.contains("Also `p0`"))
        let one = renderer.render(.help, facts.help(CommandCatalogue.spec(named: "ic")))
        #expect(one.contains("Assign the incident commander. Also `ic`.\nExample:"))
    }
}
